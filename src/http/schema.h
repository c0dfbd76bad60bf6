// JSON Schema fragments the route tables use in their OpenAPI request and response schemas (openapi.h), named
// once. Response objects list every key they always carry (object() makes them required) and are closed by
// the OpenAPI generator, so an answer with an undocumented key fails the contract check of the API tests
// (tests/api/contract.mjs). Thread-safety: immutable constants and pure functions.
#pragma once

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace dongne::http::schema {

inline const nlohmann::json kStr = {{"type", "string"}};
inline const nlohmann::json kInt = {{"type", "integer"}};
inline const nlohmann::json kNum = {{"type", "number"}};
inline const nlohmann::json kBool = {{"type", "boolean"}};
inline const nlohmann::json kDate = {{"type", "string"}, {"format", "date"}};
inline const nlohmann::json kDateTime = {{"type", "string"}, {"format", "date-time"}};
inline const nlohmann::json kStrList = {{"type", "array"}, {"items", {{"type", "string"}}}};
inline const nlohmann::json kIntList = {{"type", "array"}, {"items", {{"type", "integer"}}}};
// Any JSON value: a free-form document (a profile, a stored detail) described in the route's summary.
inline const nlohmann::json kAny = nlohmann::json::object();
inline const nlohmann::json kAnyObject = {{"type", "object"}, {"additionalProperties", true}};

// The same schema, or null.
inline nlohmann::json nullable(const nlohmann::json& s) {
  if (s.contains("type") && s["type"].is_string()) {
    nlohmann::json out = s;
    out["type"] = {s["type"], "null"};
    return out;
  }
  return {{"anyOf", {s, {{"type", "null"}}}}};
}

// An object whose keys are all present, except those named optional.
inline nlohmann::json object(const nlohmann::json& properties,
                             const std::vector<std::string>& optional = {}) {
  nlohmann::json required = nlohmann::json::array();
  for (const auto& [k, v] : properties.items()) {
    if (std::find(optional.begin(), optional.end(), k) == optional.end()) required.push_back(k);
  }
  return {{"type", "object"}, {"properties", properties}, {"required", required}};
}

inline nlohmann::json array_of(const nlohmann::json& item) { return {{"type", "array"}, {"items", item}}; }
// The list answers' envelope: {"items": [...]}.
inline nlohmann::json list_of(const nlohmann::json& item) { return object({{"items", array_of(item)}}); }
// An object used as a map: any keys, each value of this schema.
inline nlohmann::json map_of(const nlohmann::json& value) {
  return {{"type", "object"}, {"additionalProperties", value}};
}
inline nlohmann::json one_of_strings(const std::vector<std::string>& values) { return {{"enum", values}}; }

}  // namespace dongne::http::schema
