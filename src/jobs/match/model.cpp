// Weights as data: reading and writing them, with every bad key reported at once.
#include "jobs/match/model.h"

#include <cmath>
#include <nlohmann/json.hpp>

namespace dongne::jobs::match {

int weekly_minutes(const Week& w) {
  int total = 0;
  for (const DaySpan& d : w) total += d.minutes();
  return total;
}

namespace {
struct Key {
  const char* name;
  double Weights::*field;
};
constexpr Key kKeys[] = {{"occupation", &Weights::occupation},
                         {"competency", &Weights::competency},
                         {"schedule", &Weights::schedule},
                         {"commute", &Weights::commute},
                         {"wage", &Weights::wage},
                         {"start", &Weights::start}};
}  // namespace

Result<Weights> weights_from_json(const nlohmann::json& j) {
  if (!j.is_object()) {
    return Error::field("weights", "type", "가중치는 객체여야 합니다", "weights must be an object");
  }
  Weights w;
  std::vector<FieldError> errors;
  for (const auto& [key, value] : j.items()) {
    const Key* known = nullptr;
    for (const Key& k : kKeys) {
      if (key == k.name) known = &k;
    }
    const std::string field = "weights." + key;
    if (known == nullptr) {
      errors.push_back({field, "unknown", "알 수 없는 가중치입니다: " + key, "unknown weight: " + key});
      continue;
    }
    if (!value.is_number()) {
      errors.push_back({field, "type", "가중치는 숫자여야 합니다", "a weight must be a number"});
      continue;
    }
    const double x = value.get<double>();
    if (!std::isfinite(x) || x < 0) {
      errors.push_back({field, "range", "가중치는 0 이상이어야 합니다", "a weight must be zero or more"});
      continue;
    }
    w.*(known->field) = x;
  }
  if (errors.empty() && !(w.sum() > 0)) {
    errors.push_back(
        {"weights", "range", "가중치 합이 0보다 커야 합니다", "the weights must not all be zero"});
  }
  if (!errors.empty()) {
    return Error::invalid("가중치가 올바르지 않습니다", "invalid weights", std::move(errors));
  }
  return w;
}

nlohmann::json weights_to_json(const Weights& w) {
  nlohmann::json j = nlohmann::json::object();
  for (const Key& k : kKeys) j[k.name] = w.*(k.field);
  return j;
}

}  // namespace dongne::jobs::match
