// Jobs matching engine, data model: seekers, vacancies, weights and parameters (as data), and the explained
// results. Plain values with no behaviour beyond small helpers; the engine (engine.h) is pure functions and
// indexes over them. Units: minutes from local (Asia/Seoul) midnight, Korean won as int64, kilometres, days.
// Thread-safety: plain values.
#pragma once

#include <array>
#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/calendar.h"
#include "core/result.h"

namespace dongne::jobs::match {

// One day's window [start, end) in minutes from local midnight; start = -1 means "not this day". start is in
// 0..1439 and end in start+1..2880: an end past 1440 runs into the next morning (a night shift 22:00-07:00 is
// {1320, 1860} on the day it starts; Sunday's runs into Monday).
struct DaySpan {
  std::int16_t start = -1;
  std::int16_t end = -1;
  bool on() const { return start >= 0 && end > start; }
  int minutes() const { return on() ? end - start : 0; }
  bool contains(const DaySpan& o) const { return on() && o.on() && start <= o.start && o.end <= end; }
  auto operator<=>(const DaySpan&) const = default;
};

// Index 0 = Monday ... 6 = Sunday (the same numbering as dongne::Weekday).
using Week = std::array<DaySpan, 7>;

// Weekly minutes of a week (sum of its days).
int weekly_minutes(const Week& w);

enum class WageUnit : std::uint8_t { kHourly, kMonthly };

struct Wage {
  std::int64_t won = 0;
  WageUnit unit = WageUnit::kMonthly;
};

struct GeoPoint {
  double lat = 0;  // degrees, WGS84
  double lon = 0;
};

// Where a point came from, so that an explanation can say how sure its commute is: the place's own coordinates,
// the centre of the area its address names, or the centre of an area code (the fallback).
enum class Located : std::uint8_t { kCoordinates, kAddress, kArea };

using SeekerId = std::int64_t;
using VacancyId = std::int64_t;
using CompetencyId = std::uint32_t;  // an index into a Vocabulary (vocabulary.h)

struct Seeker {
  SeekerId id = 0;
  std::vector<std::string> occupations;    // KECO codes, most wanted first; empty = open to any occupation
  std::vector<CompetencyId> competencies;  // what she can do (any order, duplicates ignored)
  // Her own words for some of them, where they differ from the vocabulary's name ("전화응대" for customer service,
  // a centre's synonym): an explanation names the word that matched.
  std::vector<std::pair<CompetencyId, std::string>> said_as;
  // When she can work, with childcare limits already folded in: "must leave by 16:00" is end = 960 on every
  // day, "no Saturdays" is Saturday off.
  Week available;
  GeoPoint home;
  Located home_located = Located::kCoordinates;
  int max_commute_min = 60;      // one way
  std::optional<Wage> expected;  // her minimum, in her unit (a hard filter); none = any lawful wage
  LocalDate available_from;
  std::vector<std::string> languages;  // ISO 639-1 codes she speaks, e.g. "ko", "vi"
};

struct Vacancy {
  VacancyId id = 0;
  std::string occupation;  // KECO code
  std::vector<CompetencyId> required;
  std::vector<CompetencyId> preferred;
  Week hours;  // the shift on each working day
  Wage wage;
  GeoPoint workplace;
  Located workplace_located = Located::kCoordinates;
  LocalDate start;
  bool asap = false;  // its posted start has passed while it is still open: start is then today
  int openings = 1;
  std::vector<std::string> languages;  // required languages (all of them)
};

// How much each factor counts. Weights are data (the city may tune them); the engine divides by their sum, so
// only proportions matter. Defaults sum to 1.
struct Weights {
  double occupation = 0.30;
  double competency = 0.25;
  double schedule = 0.15;
  double commute = 0.15;
  double wage = 0.10;
  double start = 0.05;
  double sum() const { return occupation + competency + schedule + commute + wage + start; }
};

// Reads {"occupation":0.3, ...}: every key optional (missing keys keep the default), unknown keys,
// non-numbers, negatives and an all-zero set are errors (kInvalid with one FieldError per bad key, field
// "weights.<key>").
Result<Weights> weights_from_json(const nlohmann::json& j);
nlohmann::json weights_to_json(const Weights& w);

// Model parameters (documented defaults; the bench and the service may tune them).
struct Params {
  // Commute estimate: minutes = commute_base_min + haversine km x commute_min_per_km. The defaults model
  // public transport in a Korean city door to door: ~10 min walking and waiting, then ~24 km/h (2.5 min per
  // km).
  int commute_base_min = 10;
  double commute_min_per_km = 2.5;
  // Occupation: each lower-ranked wish multiplies its proximity by (1 - rank_penalty x rank), rank 0 = first
  // wish.
  double occupation_rank_penalty = 0.05;
  // Occupation score when the seeker listed no occupation (open to anything): neutral.
  double occupation_open_score = 0.5;
  // Competency: a required competency counts this many times a preferred one.
  double required_weight = 2.0;
  // Wage: at or above the expectation = 1; falls linearly to 0 at this fraction below it (0.3 = 30% below).
  double wage_falloff = 0.3;
  // Start: up to start_grace_days apart = 1; the seeker waiting for the job falls to 0 at
  // start_wait_zero_days, the employer waiting for the seeker falls to 0 at start_late_zero_days.
  int start_grace_days = 14;
  int start_wait_zero_days = 120;
  int start_late_zero_days = 60;
};

// One factor of a score and why. score in [0,1]; weight is normalised (weights / their sum), so the factors'
// weight x score add up to Match::score, and share = weight x score / Match::score (shares add up to 1; all 0
// when the score is 0).
struct Factor {
  std::string name;  // occupation | competency | schedule | commute | wage | start
  double score = 0;
  double weight = 0;
  double share = 0;
  double contribution = 0;  // weight x score: the factors' contributions add up to Match::score
  std::string detail_ko;  // e.g. "희망 직종과 같은 소분류(023)", "통근 약 25분 (한도 60분)"
  std::string detail_en;
};

struct CourseLink {
  std::int64_t course_id = 0;
  std::string name;
  auto operator<=>(const CourseLink&) const = default;
};

// A competency the vacancy asks for and the seeker lacks, with the courses that teach it.
struct Gap {
  CompetencyId competency = 0;
  bool required = false;
  std::vector<CourseLink> courses;
};

struct Match {
  SeekerId seeker_id = 0;
  VacancyId vacancy_id = 0;
  double score = 0;             // in [0,1]
  std::vector<Factor> factors;  // always the six, in the order of Weights
  std::vector<Gap> gaps;        // required first, then preferred, each in the vacancy's order
};

// Why (not) this pair. For an ineligible pair, reason_code names the first hard constraint that failed,
// checked in this order: occupation, language, schedule, commute, wage; match is present only when eligible.
struct Verdict {
  bool eligible = false;
  std::string reason_code;  // "" when eligible; occupation | language | schedule | commute | wage
  std::string reason_ko;
  std::string reason_en;
  std::optional<Match> match;
};

}  // namespace dongne::jobs::match
