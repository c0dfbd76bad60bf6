#include "jobs/reference.h"

#include <nlohmann/json.hpp>

#include "jobs/location.h"

namespace dongne::jobs {

namespace {

Result<nlohmann::json> read_json_file(const std::string& path) {
  DONGNE_ASSIGN_OR_RETURN(std::string text, read_text_file(path));
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded()) return Error::internal(path + " is not valid JSON");
  return j;
}

}  // namespace

Result<Reference> load_reference(const std::string& share_dir) {
  Reference ref;
  DONGNE_ASSIGN_OR_RETURN(auto keco, read_json_file(share_dir + "/reference/keco-2018.json"));
  auto tax = match::Taxonomy::from_json(keco);
  if (!tax.ok()) return Error::internal("reference/keco-2018.json: " + tax.error().message_en);
  ref.keco = std::move(tax).value();

  DONGNE_ASSIGN_OR_RETURN(auto comp, read_json_file(share_dir + "/reference/competencies.json"));
  auto vocab = match::Vocabulary::from_json(comp);
  if (!vocab.ok()) return Error::internal("reference/competencies.json: " + vocab.error().message_en);
  ref.competencies = std::move(vocab).value();

  DONGNE_ASSIGN_OR_RETURN(auto places, read_json_file(share_dir + "/reference/places.json"));
  for (const auto* list : {&places["areas"], &places["cities"]}) {
    if (!list->is_array()) continue;
    for (const auto& a : *list) {
      Place p{a.value("code", ""), a.value("name_ko", ""), a.value("name_en", ""), a.value("lat", 0.0), a.value("lon", 0.0),
              a.value("city", a.value("code", ""))};
      if (!p.code.empty()) ref.places.emplace(p.code, std::move(p));
    }
  }

  ref.place_names = index_place_names(ref.places);

  DONGNE_ASSIGN_OR_RETURN(auto rules, read_json_file(share_dir + "/jobs/incentive-rules.json"));
  for (const auto& r : rules.value("rules", nlohmann::json::array())) {
    auto rule = incentive_rule_from_json(r);
    if (!rule.ok()) return Error::internal("jobs/incentive-rules.json: " + rule.error().message_en);
    ref.rules.emplace(rule.value().code, rule.value());
  }
  ref.default_rule = rules.value("default", "");
  if (!ref.rule(ref.default_rule)) return Error::internal("jobs/incentive-rules.json: the default rule is not defined");
  return ref;
}

}  // namespace dongne::jobs
