// JSON Schema fragments the route tables use in their OpenAPI request schemas (openapi.h), named once.
// Thread-safety: immutable constants.
#pragma once

#include <nlohmann/json.hpp>

namespace dongne::http::schema {

inline const nlohmann::json kStr = {{"type", "string"}};
inline const nlohmann::json kInt = {{"type", "integer"}};
inline const nlohmann::json kBool = {{"type", "boolean"}};
inline const nlohmann::json kDate = {{"type", "string"}, {"format", "date"}};
inline const nlohmann::json kStrList = {{"type", "array"}, {"items", {{"type", "string"}}}};

}  // namespace dongne::http::schema
