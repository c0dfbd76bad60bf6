// Jobs matching engine: hard constraints, an explained weighted score, and top-k indexes in both directions.
//   hard constraints (a pair failing one never appears): occupation (when the seeker listed occupations, the
//   best proximity must be > 0, i.e. the same KECO 1-digit group), language (every language the vacancy
//   requires), schedule (every day the vacancy works lies inside the seeker's window that day), commute
//   (estimated minutes <= the seeker's max), wage (what the job pays, in the unit of her minimum, is at least
//   her minimum: pay_in_unit). score = sum of normalised weight x factor score over occupation,
//   competency, schedule, commute, wage, start (each in [0,1]; the models are documented beside each function
//   in score.h and in Params).
// Ties in score are broken by the smaller id, so every top-k is deterministic and the indexes agree with
// brute force. Ownership: the indexes copy the vacancies / seekers they are built over and keep pointers to
// the Taxonomy, Vocabulary and CourseCatalog, which must outlive them. Thread-safety: an index is immutable
// after construction and its const methods may run concurrently from many threads (each call uses its own
// scratch space).
#pragma once

#include <memory>
#include <vector>

#include "jobs/match/model.h"
#include "jobs/match/taxonomy.h"
#include "jobs/match/vocabulary.h"

namespace dongne::jobs::match {

// Great-circle distance in km (mean Earth radius 6371.0088 km); NaN when a point is not a valid WGS84
// coordinate (NaN, or outside +-90 / +-180), and a NaN commute never passes the commute constraint: an
// unknown place matches nothing.
double haversine_km(GeoPoint a, GeoPoint b);
// Estimated one-way commute in minutes: commute_base_min + km x commute_min_per_km (Params).
double commute_minutes(GeoPoint a, GeoPoint b, const Params& p);
// What a commute was computed from, in words ("집과 근무지 모두 좌표" / "home and workplace: coordinates"):
// the commute factor's detail and a commute refusal end with it.
std::string commute_basis_ko(Located home, Located workplace);
std::string commute_basis_en(Located home, Located workplace);

// Paid hours per month for a week of the given minutes, the Korean way: weekly hours plus the paid weekly
// rest day (주휴, weekly/5 hours when working 15 h or more), times 4.345 weeks per month; 40 h or more is the
// statutory 209 h.
double monthly_paid_hours(int weekly_minutes);
// A wage as won per hour for a job of the given weekly minutes (a monthly wage divided by monthly_paid_hours;
// an hourly wage as is). A seeker's monthly expectation is read for the vacancy's hours (the same
// conversion).
double hourly_equivalent(const Wage& w, int weekly_minutes);
// A wage in the given unit for a job of the given weekly minutes: an hourly wage times the month's paid hours, a
// monthly one divided by them, or as is. A seeker's minimum is compared in her own unit: a monthly wish against
// what the job pays in a month (a part-time job pays less), an hourly wish against its hourly equivalent.
double pay_in_unit(const Wage& w, int weekly_minutes, WageUnit unit);

// Why (not) this pair: the hard constraints, then (when eligible) the full explained Match. This is also the
// brute-force reference the indexes are tested against.
Verdict explain(const Seeker& s, const Vacancy& v, const Taxonomy& taxonomy, const Vocabulary& vocabulary,
                const CourseCatalog& courses, const Weights& w, const Params& p = {});

// Top-k vacancies for one seeker among many. Vacancies sit in a spatial grid (cells about 10 km) and, inside
// a cell, in buckets by occupation with columns (struct of arrays) for the hard filters; a query visits only
// cells within the seeker's commute radius and skips buckets whose upper bound cannot enter the current top
// k.
class VacancyIndex {
 public:
  VacancyIndex(std::vector<Vacancy> vacancies, const Taxonomy& taxonomy, const Vocabulary& vocabulary,
               const CourseCatalog& courses, Params params = {});
  ~VacancyIndex();
  VacancyIndex(VacancyIndex&&) noexcept;
  VacancyIndex& operator=(VacancyIndex&&) noexcept;

  // The k best eligible vacancies, best first, each with factors and gaps. k <= 0 gives nothing.
  std::vector<Match> top_for_seeker(const Seeker& s, int k, const Weights& w) const;
  // The same ranking without factors and gaps (ids and scores only): what the nightly batch uses.
  std::vector<Match> top_for_seeker_scores(const Seeker& s, int k, const Weights& w) const;
  // Factors and gaps for one pair already known to be eligible (fills m.factors and m.gaps).
  void fill_explanation(const Seeker& s, Match& m, const Weights& w) const;

  std::size_t size() const;
  const Vacancy* find(VacancyId id) const;
  const Params& params() const;

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

// Top-k seekers for one vacancy (the employer's and the counsellor's view). Seekers sit in the same kind of
// grid; a query visits cells within the largest commute radius of any seeker and checks each seeker's own
// limit.
class SeekerIndex {
 public:
  SeekerIndex(std::vector<Seeker> seekers, const Taxonomy& taxonomy, const Vocabulary& vocabulary,
              const CourseCatalog& courses, Params params = {});
  ~SeekerIndex();
  SeekerIndex(SeekerIndex&&) noexcept;
  SeekerIndex& operator=(SeekerIndex&&) noexcept;

  std::vector<Match> top_for_vacancy(const Vacancy& v, int k, const Weights& w) const;
  std::size_t size() const;
  const Seeker* find(SeekerId id) const;

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

// The nightly batch: top-k for every seeker, on `threads` threads (<= 0: hardware concurrency). Result i
// belongs to seekers[i]. With explain = false only ids and scores are filled (the k winners can be explained
// later with VacancyIndex::fill_explanation); with true each result is as from top_for_seeker.
std::vector<std::vector<Match>> batch_top(const std::vector<Seeker>& seekers, const VacancyIndex& index,
                                          int k, const Weights& w, int threads, bool explain = false);

}  // namespace dongne::jobs::match
