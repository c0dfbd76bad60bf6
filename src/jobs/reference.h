// The Jobs pillar's reference data, read once at start-up from the share directory: the KECO occupation
// classification, the competency vocabulary keyed to NCS domains (with aliases), Korean places with coordinates,
// and the internship incentive rules (configuration: data/jobs/incentive-rules.json). See docs/reference-data.md.
// Thread-safety: immutable after load; share freely.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>

#include "core/result.h"
#include "jobs/casework.h"
#include "jobs/match/taxonomy.h"
#include "jobs/match/vocabulary.h"

namespace dongne::jobs {

// One centre's synonyms: normalised word (match::Vocabulary::normalise) -> competency key (jobs/terms.h).
using Synonyms = std::unordered_map<std::string, std::string>;

struct Place {
  std::string code, name_ko, name_en;
  double lat = 0, lon = 0;
  std::string city;  // an area's city code; a city's own code
  bool is_city() const { return city == code; }
};

struct PlaceNames;  // location.h: what addresses may name

struct Reference {
  match::Taxonomy keco;
  match::Vocabulary competencies;
  std::map<std::string, Place> places;  // by code ("jinju-sangdae")
  std::shared_ptr<const PlaceNames> place_names;  // their names, indexed once by load_reference (copies share it)
  std::map<std::string, IncentiveRule> rules;  // by code
  std::string default_rule;

  const Place* place(const std::string& code) const {
    auto it = places.find(code);
    return it == places.end() ? nullptr : &it->second;
  }
  const IncentiveRule* rule(const std::string& code) const {
    auto it = rules.find(code);
    return it == rules.end() ? nullptr : &it->second;
  }
};

// Reads share_dir/reference/{keco-2018,competencies,places}.json and share_dir/jobs/incentive-rules.json.
Result<Reference> load_reference(const std::string& share_dir);

}  // namespace dongne::jobs
