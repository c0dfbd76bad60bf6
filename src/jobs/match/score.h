// Internal: the factor models and hard constraints, as small functions over plain numbers, shared by
// explain() and the indexes so that both compute bit-identical scores (the indexes are tested against
// explain() as brute force). Factor models (each in [0,1]):
//   occupation  best over the seeker's wishes of proximity x (1 - rank_penalty x rank); open_score with no
//   wishes competency  (rw x required held + preferred held) / (rw x required + preferred), rw =
//   required_weight; 1 if none schedule    the vacancy's weekly minutes / the seeker's available weekly
//   minutes, at most 1 commute     (max - minutes) / (max - base), clamped: 1 at the unavoidable base, 0 at
//   her limit wage        1 at or above her minimum (in her unit: a hard filter now, so 1 for every eligible
//               pair), linear to 0 at wage_falloff below; 1 with no minimum
//   start       1 within start_grace_days; linear to 0 at start_wait_zero_days (she waits) or
//   start_late_zero_days
//               (the employer waits)
// Thread-safety: pure functions.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "jobs/match/model.h"
#include "jobs/match/taxonomy.h"
#include "jobs/match/vocabulary.h"

namespace dongne::jobs::match::detail {

inline constexpr int kFactors =
    6;  // occupation, competency, schedule, commute, wage, start (the order of Weights)
inline constexpr const char* kFactorNames[kFactors] = {"occupation", "competency", "schedule",
                                                       "commute",    "wage",       "start"};
using Scores = std::array<double, kFactors>;

// Weights divided by their sum (the defaults when the sum is not positive).
Scores normalised(const Weights& w);
inline double combine(const Scores& nw, const Scores& s) {
  double total = 0;
  for (int i = 0; i < kFactors; ++i) total += nw[i] * s[i];
  return total;
}

inline double wish_score(double proximity, std::size_t rank, const Params& p) {
  const double f = 1.0 - p.occupation_rank_penalty * static_cast<double>(rank);
  return proximity * (f > 0 ? f : 0.0);
}
double competency_score(int have_req, int n_req, int have_pref, int n_pref, const Params& p);
double schedule_score(int vacancy_minutes, int seeker_minutes);
double commute_score(double minutes, int max_min, const Params& p);
double wage_score(double vacancy_hourly, double expected_hourly, const Params& p);
// days = vacancy start - seeker available_from.
double start_score(std::int64_t days, const Params& p);

// A whole number of won with thousands separators ("2,100,000").
std::string won_text(double x);

// Hard constraints (and the wage floor: pay_in_unit(vacancy wage, its weekly minutes, her unit) >= her minimum).
bool schedule_fits(const Week& available, const Week& hours);
// The first day (0..6) the vacancy works outside the seeker's window, or -1.
int schedule_conflict(const Week& available, const Week& hours);
// The first required language she lacks (case-insensitive), or "".
std::string missing_language(const std::vector<std::string>& has, const std::vector<std::string>& required);

// The vacancy's competencies without repeats, in its order; preferred ones that are also required are
// dropped.
struct Competencies {
  std::vector<CompetencyId> required;
  std::vector<CompetencyId> preferred;
};
Competencies canonical(const Vacancy& v);

// The best wish for a vacancy's occupation: its score, rank and common level (digits; 0 = none).
struct OccupationFit {
  double score = 0;
  double proximity = 0;  // the best proximity over all wishes (the hard filter: 0 = another major group)
  std::size_t rank = 0;
  int level = 0;
  bool open = false;  // the seeker listed no occupation
};
OccupationFit occupation_fit(const Seeker& s, const std::string& code, const Taxonomy& t, const Params& p);

// The explained Match of an eligible pair (factors with details, gaps with courses).
Match build_match(const Seeker& s, const Vacancy& v, const Taxonomy& t, const Vocabulary& vocab,
                  const CourseCatalog& courses, const Weights& w, const Params& p);

std::int64_t day_number(LocalDate d);  // days since 1970-01-01

}  // namespace dongne::jobs::match::detail
