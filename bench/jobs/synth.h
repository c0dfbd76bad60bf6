// Synthetic seekers and vacancies for the matching benchmarks, deterministic for a seed.
//   occupations  KECO 3-digit codes, skewed towards office (02), food (53), care (55), sales (61) and
//   cleaning (56) competencies the vocabulary's "keco" links for the occupation (random ones when an
//   occupation has none) places       Korean cities in proportion to population with Gaussian jitter growing
//   with city size
//                (data/reference/places.json "cities"; a built-in table of 15 cities when the file is
//                missing)
//   schedules    full-time 09-18, part-time 10-16 and 10-15, evenings 18-22, weekends; ~40% of seekers carry
//   a
//                childcare limit (leave by 15:00-17:00, no Saturdays)
//   wages        hourly 9,860-15,000 won or monthly 2.0-3.5 M won
// Thread-safety: a Synth is used from one thread; the reference it points to must outlive it.
#pragma once

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <random>
#include <string>
#include <vector>

#include "jobs/match/engine.h"

namespace dongne::jobs::match::bench {

struct City {
  std::string name;
  double lat, lon;
  double population;
};
// From places.json {"cities":[{"name_en","lat","lon","population"}]}; the built-in table when j is null or
// empty.
std::vector<City> cities_from_json(const nlohmann::json& j);

class Synth {
 public:
  Synth(std::uint64_t seed, const Taxonomy& taxonomy, const Vocabulary& vocabulary, std::vector<City> cities);
  Vacancy vacancy(VacancyId id);
  Seeker seeker(SeekerId id);
  std::vector<Vacancy> vacancies(std::size_t n, VacancyId first_id = 1);
  std::vector<Seeker> seekers(std::size_t n, SeekerId first_id = 1);
  // Courses teaching a few competencies each, so gaps point somewhere.
  std::vector<CourseCatalog::Course> courses(std::size_t n);

 private:
  std::string occupation();
  GeoPoint place();
  std::vector<CompetencyId> competencies_for(const std::string& code, int n);
  LocalDate date_around(int spread_days);
  int uni(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  double real(double lo, double hi) { return std::uniform_real_distribution<double>(lo, hi)(rng_); }
  bool chance(double p) { return real(0, 1) < p; }

  std::mt19937_64 rng_;
  const Vocabulary& vocabulary_;
  std::vector<std::string> codes_;
  std::discrete_distribution<std::size_t> code_dist_;
  std::vector<std::vector<CompetencyId>> comps_by_code_;  // parallel to codes_
  std::vector<City> cities_;
  std::discrete_distribution<std::size_t> city_dist_;
};

}  // namespace dongne::jobs::match::bench
