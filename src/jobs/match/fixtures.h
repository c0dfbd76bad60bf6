// Test fixtures: a small KECO tree, vocabulary and catalogue, and a seeded random generator of seekers and
// vacancies dense enough that every hard constraint both passes and fails often. Used by the *_test.cpp files
// only.
#pragma once

#include <random>

#include "jobs/match/engine.h"

namespace dongne::jobs::match::testing {

inline Taxonomy keco() {
  std::vector<Taxonomy::Item> items;
  for (const char* top : {"0", "1", "2", "5"}) {
    items.push_back({top, "", "", ""});
    for (int m = 1; m <= 3; ++m) {
      const std::string mid = std::string(top) + std::to_string(m);
      items.push_back({mid, top, "", ""});
      for (int s = 1; s <= 3; ++s) items.push_back({mid + std::to_string(s), mid, "", ""});
    }
  }
  return std::move(Taxonomy::build(items)).value();
}

inline Vocabulary vocab(int n = 40) {
  std::vector<Vocabulary::Entry> e;
  for (int i = 0; i < n; ++i) {
    e.push_back(
        {"c" + std::to_string(i), "역량" + std::to_string(i), "Skill " + std::to_string(i), "01", {}, {}});
  }
  return std::move(Vocabulary::build(e)).value();
}

inline CourseCatalog catalog() {
  return CourseCatalog({{100, "Course A", {0, 1, 2}}, {101, "Course B", {2, 3}}, {102, "Course C", {5}}});
}

inline Week every_day(int start, int end, int days = 5) {
  Week w;
  for (int d = 0; d < days; ++d) w[d] = {static_cast<std::int16_t>(start), static_cast<std::int16_t>(end)};
  return w;
}

class Gen {
 public:
  explicit Gen(unsigned seed) : rng_(seed) {}
  int uni(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  double real(double lo, double hi) { return std::uniform_real_distribution<double>(lo, hi)(rng_); }

  std::string code() {
    static const char* tops[] = {"0", "1", "2", "5"};
    return std::string(tops[uni(0, 3)]) + std::to_string(uni(1, 3)) + std::to_string(uni(1, 3));
  }
  // Around one small city (about 40 x 40 km) so commutes both fit and fail.
  GeoPoint place() { return {37.40 + real(-0.18, 0.18), 126.70 + real(-0.22, 0.22)}; }
  Week shift() {
    switch (uni(0, 6)) {
      case 6: {  // a night shift, 22:00 to 07:00, four nights a week (Sunday's runs into Monday)
        Week w;
        for (int d : {0, 2, 4, 6}) w[d] = DaySpan{1320, 1860};
        return w;
      }
      case 0:
        return every_day(540, 1080);
      case 1:
        return every_day(600, 960);
      case 2:
        return every_day(600, 900);
      case 3:
        return every_day(1080, 1320);
      case 4: {
        Week w;
        w[5] = w[6] = DaySpan{540, 1080};
        return w;
      }
      default: {
        Week w = every_day(540, 1080, 6);
        w[5] = {540, 780};  // uneven: a short Saturday
        return w;
      }
    }
  }
  std::vector<CompetencyId> comps(int n, int vocab) {
    std::vector<CompetencyId> out;
    for (int i = 0; i < n; ++i) out.push_back(static_cast<CompetencyId>(uni(0, vocab - 1)));
    return out;
  }
  LocalDate date() { return civil_from_days(days_from_civil({2027, 1, 1}) + uni(-30, 150)); }

  Vacancy vacancy(VacancyId id) {
    Vacancy v;
    v.id = id;
    v.occupation = code();
    v.required = comps(uni(0, 3), 12);
    v.preferred = comps(uni(0, 3), 12);
    v.hours = shift();
    v.wage = uni(0, 1) ? Wage{uni(9860, 15000), WageUnit::kHourly}
                       : Wage{uni(2000, 3500) * 1000, WageUnit::kMonthly};
    v.workplace = place();
    v.start = date();
    if (uni(0, 9) == 0) v.languages = {uni(0, 1) ? "vi" : "EN"};
    return v;
  }
  Seeker seeker(SeekerId id) {
    Seeker s;
    s.id = id;
    const int n = uni(0, 3);
    for (int i = 0; i < n; ++i) s.occupations.push_back(uni(0, 2) ? code() : code().substr(0, 2));
    s.competencies = comps(uni(0, 8), 12);
    s.available = every_day(uni(0, 1) ? 480 : 540, 900 + 60 * uni(0, 7), uni(0, 1) ? 5 : 7);
    if (uni(0, 2) == 0) s.available[5] = {};
    if (uni(0, 5) == 0) {
      // Nights: one window from 20:00 past midnight to 08:00 on some days, or whole days, which join at midnight.
      const bool whole = uni(0, 1) == 0;
      for (int d = 0; d < 7; ++d) s.available[d] = uni(0, 3) ? (whole ? DaySpan{0, 1440} : DaySpan{1200, 1920}) : DaySpan{};
    }
    s.home = place();
    s.max_commute_min = uni(20, 90);
    if (uni(0, 2))
      s.expected = uni(0, 1) ? Wage{uni(9860, 14000), WageUnit::kHourly}
                             : Wage{uni(2000, 3200) * 1000, WageUnit::kMonthly};
    s.available_from = date();
    s.languages = {"ko"};
    if (uni(0, 4) == 0) s.languages.push_back(uni(0, 1) ? "vi" : "en");
    return s;
  }

 private:
  std::mt19937_64 rng_;
};

}  // namespace dongne::jobs::match::testing
