// Synthetic data for the matching benchmarks (see synth.h for the distributions and why).
#include "synth.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>

namespace dongne::jobs::match::bench {

std::vector<City> cities_from_json(const nlohmann::json& j) {
  std::vector<City> out;
  if (j.is_object() && j.contains("cities") && j["cities"].is_array()) {
    for (const auto& c : j["cities"]) {
      if (c.contains("lat") && c.contains("lon") && c.contains("population")) {
        out.push_back({c.value("name_en", std::string()), c["lat"].get<double>(), c["lon"].get<double>(),
                       c["population"].get<double>()});
      }
    }
  }
  if (out.empty()) {
    out = {{"Seoul", 37.5665, 126.9780, 9.39e6},    {"Busan", 35.1796, 129.0756, 3.29e6},
           {"Incheon", 37.4563, 126.7052, 3.0e6},   {"Daegu", 35.8714, 128.6014, 2.37e6},
           {"Daejeon", 36.3504, 127.3845, 1.44e6},  {"Gwangju", 35.1595, 126.8526, 1.42e6},
           {"Suwon", 37.2636, 127.0286, 1.19e6},    {"Ulsan", 35.5384, 129.3114, 1.1e6},
           {"Yongin", 37.2411, 127.1776, 1.07e6},   {"Goyang", 37.6584, 126.8320, 1.07e6},
           {"Changwon", 35.2279, 128.6811, 1.01e6}, {"Seongnam", 37.4200, 127.1265, 0.92e6},
           {"Cheongju", 36.6424, 127.4890, 0.85e6}, {"Jeonju", 35.8242, 127.1480, 0.64e6},
           {"Jinju", 35.1800, 128.1076, 0.34e6}};
  }
  return out;
}

namespace {
// Relative demand per KECO 2-digit group for the women's re-employment market: office, food, care, sales and
// cleaning dominate; every other group still appears.
double group_weight(const std::string& two) {
  static const std::map<std::string, double> w = {{"02", 18}, {"53", 12}, {"55", 11}, {"61", 10}, {"56", 7},
                                                  {"23", 5},  {"30", 5},  {"89", 5},  {"21", 4},  {"62", 3},
                                                  {"03", 3},  {"51", 3},  {"87", 3},  {"52", 2},  {"86", 2}};
  auto it = w.find(two);
  return it == w.end() ? 1.0 : it->second;
}
}  // namespace

Synth::Synth(std::uint64_t seed, const Taxonomy& taxonomy, const Vocabulary& vocabulary,
             std::vector<City> cities)
    : rng_(seed), vocabulary_(vocabulary), cities_(std::move(cities)) {
  std::map<std::string, int> per_group;
  for (const auto& it : taxonomy.items()) {
    if (it.code.size() == 3) {
      codes_.push_back(it.code);
      ++per_group[it.code.substr(0, 2)];
    }
  }
  if (codes_.empty()) codes_ = {"023", "024", "026", "531", "550", "611", "561"};
  std::vector<double> weights;
  for (const std::string& c : codes_) {
    const int n = std::max(1, per_group[c.substr(0, 2)]);
    weights.push_back(group_weight(c.substr(0, 2)) / n);  // a group's weight is shared by its codes
  }
  code_dist_ = std::discrete_distribution<std::size_t>(weights.begin(), weights.end());
  comps_by_code_.resize(codes_.size());
  for (std::size_t id = 0; id < vocabulary.size(); ++id) {
    for (const std::string& k : vocabulary.entry(static_cast<CompetencyId>(id)).keco) {
      auto pos = std::find(codes_.begin(), codes_.end(), k);
      if (pos != codes_.end()) comps_by_code_[pos - codes_.begin()].push_back(static_cast<CompetencyId>(id));
    }
  }
  std::vector<double> pop;
  for (const City& c : cities_) pop.push_back(c.population);
  city_dist_ = std::discrete_distribution<std::size_t>(pop.begin(), pop.end());
}

std::string Synth::occupation() { return codes_[code_dist_(rng_)]; }

GeoPoint Synth::place() {
  const City& c = cities_[city_dist_(rng_)];
  // Spread grows with the city: about 2 km for a town, 10 km for Seoul.
  const double sd_km = std::clamp(std::sqrt(c.population / 1e5), 2.0, 10.0);
  std::normal_distribution<double> n(0, sd_km);
  return {c.lat + n(rng_) / 111.195, c.lon + n(rng_) / (111.195 * std::cos(c.lat * 3.14159265358979 / 180))};
}

std::vector<CompetencyId> Synth::competencies_for(const std::string& code, int n) {
  std::vector<CompetencyId> out;
  auto pos = std::find(codes_.begin(), codes_.end(), code);
  const std::vector<CompetencyId>* pool =
      pos == codes_.end() ? nullptr : &comps_by_code_[pos - codes_.begin()];
  for (int i = 0; i < n; ++i) {
    CompetencyId c;
    if (pool != nullptr && !pool->empty() && chance(0.85)) {
      c = (*pool)[static_cast<std::size_t>(uni(0, static_cast<int>(pool->size()) - 1))];
    } else {
      c = static_cast<CompetencyId>(uni(0, std::max(1, static_cast<int>(vocabulary_.size())) - 1));
    }
    if (std::find(out.begin(), out.end(), c) == out.end()) out.push_back(c);
  }
  return out;
}

LocalDate Synth::date_around(int spread_days) {
  return civil_from_days(days_from_civil({2027, 3, 2}) + uni(-spread_days, spread_days));
}

namespace {
Week weekdays(int start, int end) {
  Week w;
  for (int d = 0; d < 5; ++d) w[d] = {static_cast<std::int16_t>(start), static_cast<std::int16_t>(end)};
  return w;
}
}  // namespace

Vacancy Synth::vacancy(VacancyId id) {
  Vacancy v;
  v.id = id;
  v.occupation = occupation();
  v.required = competencies_for(v.occupation, uni(1, 3));
  v.preferred = competencies_for(v.occupation, uni(0, 2));
  const double r = real(0, 1);
  bool full_time = false;
  if (r < 0.45) {
    v.hours = weekdays(540, 1080);
    full_time = true;
  } else if (r < 0.65) {
    v.hours = weekdays(600, 960);
  } else if (r < 0.80) {
    v.hours = weekdays(600, 900);
  } else if (r < 0.90) {
    v.hours = weekdays(1080, 1320);
  } else {
    v.hours[5] = v.hours[6] = {540, 1080};
  }
  if (full_time && chance(0.8)) {
    v.wage = {static_cast<std::int64_t>(uni(2000, 3500)) * 1000, WageUnit::kMonthly};
  } else {
    v.wage = {uni(9860, 15000), WageUnit::kHourly};
  }
  v.workplace = place();
  v.start = date_around(60);
  v.openings = uni(1, 3);
  const double l = real(0, 1);
  if (l < 0.03)
    v.languages = {"en"};
  else if (l < 0.04)
    v.languages = {chance(0.5) ? "vi" : "zh"};
  return v;
}

Seeker Synth::seeker(SeekerId id) {
  Seeker s;
  s.id = id;
  if (!chance(0.1)) {
    s.occupations.push_back(occupation());
    const int more = uni(0, 2);
    for (int i = 0; i < more; ++i) {
      // Later wishes are usually neighbours of the first (the same 2-digit group), sometimes anything.
      std::string c = occupation();
      for (int tries = 0; tries < 8 && c.substr(0, 2) != s.occupations[0].substr(0, 2); ++tries)
        c = occupation();
      if (std::find(s.occupations.begin(), s.occupations.end(), c) == s.occupations.end())
        s.occupations.push_back(c);
    }
  }
  const std::string base = s.occupations.empty() ? occupation() : s.occupations[0];
  s.competencies = competencies_for(base, uni(2, 6));
  for (int i = uni(0, 2); i > 0; --i) {
    s.competencies.push_back(static_cast<CompetencyId>(uni(0, static_cast<int>(vocabulary_.size()) - 1)));
  }
  const double r = real(0, 1);
  if (r < 0.40) {
    // Childcare: school pick-up between 15:00 and 17:00, no Saturdays (and no Sundays either).
    s.available = weekdays(uni(0, 1) ? 540 : 600, 900 + 60 * uni(0, 2));
  } else if (r < 0.70) {
    s.available = weekdays(480, 1140);
  } else if (r < 0.90) {
    for (int d = 0; d < 7; ++d) s.available[d] = {480, 1320};
  } else {
    s.available = weekdays(540, 1320);
    s.available[5] = s.available[6] = {540, 1080};
  }
  s.home = place();
  static constexpr int kCommute[] = {30, 45, 60, 60, 90};
  s.max_commute_min = kCommute[uni(0, 4)];
  if (chance(0.7)) {
    s.expected = chance(0.5) ? Wage{uni(9860, 13000), WageUnit::kHourly}
                             : Wage{static_cast<std::int64_t>(uni(2000, 3000)) * 1000, WageUnit::kMonthly};
  }
  s.available_from = date_around(30);
  s.languages = {"ko"};
  if (chance(0.1)) s.languages.push_back("en");
  if (chance(0.03)) s.languages.push_back("vi");
  return s;
}

std::vector<Vacancy> Synth::vacancies(std::size_t n, VacancyId first_id) {
  std::vector<Vacancy> out;
  out.reserve(n);
  for (std::size_t i = 0; i < n; ++i) out.push_back(vacancy(first_id + static_cast<VacancyId>(i)));
  return out;
}

std::vector<Seeker> Synth::seekers(std::size_t n, SeekerId first_id) {
  std::vector<Seeker> out;
  out.reserve(n);
  for (std::size_t i = 0; i < n; ++i) out.push_back(seeker(first_id + static_cast<SeekerId>(i)));
  return out;
}

std::vector<CourseCatalog::Course> Synth::courses(std::size_t n) {
  std::vector<CourseCatalog::Course> out;
  for (std::size_t i = 0; i < n; ++i) {
    CourseCatalog::Course c;
    c.course_id = static_cast<std::int64_t>(i + 1);
    c.name = "Course " + std::to_string(i + 1);
    c.teaches = competencies_for(occupation(), uni(2, 5));
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace dongne::jobs::match::bench
