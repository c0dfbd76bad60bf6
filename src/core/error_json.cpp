#include "core/error_json.h"

namespace dongne {

nlohmann::json error_to_json(const Error& e) {
  nlohmann::json fields = nlohmann::json::array();
  for (const auto& f : e.fields) fields.push_back({f.field, f.code, f.message_ko, f.message_en});
  nlohmann::json j = {{"code", code_name(e.code)}, {"reason", e.reason}, {"ko", e.message_ko}, {"en", e.message_en}, {"fields", fields}};
  if (!e.extensions.empty()) {
    nlohmann::json ext = nlohmann::json::array();
    for (const auto& [k, v] : e.extensions) ext.push_back({k, v});
    j["extensions"] = ext;
  }
  return j;
}

Error error_from_json(const nlohmann::json& j) {
  Error e;
  const std::string code = j.value("code", std::string("conflict"));
  for (Code c : {Code::kInvalid, Code::kUnauthenticated, Code::kForbidden, Code::kNotFound, Code::kConflict,
                 Code::kTooMany, Code::kUnavailable, Code::kInternal}) {
    if (code_name(c) == code) e.code = c;
  }
  e.reason = j.value("reason", std::string());
  e.message_ko = j.value("ko", std::string());
  e.message_en = j.value("en", std::string());
  if (j.contains("fields")) {
    for (const auto& f : j["fields"]) e.fields.push_back(FieldError{f[0], f[1], f[2], f[3]});
  }
  if (j.contains("extensions")) {
    for (const auto& x : j["extensions"]) e.extensions.emplace_back(x[0], x[1]);
  }
  return e;
}

}  // namespace dongne
