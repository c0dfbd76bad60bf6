// The JSON answers of the account, session and log routes as JSON Schema (their OpenAPI success bodies),
// beside the writers they describe (repo.cpp user_json_text, routes.cpp, routes_access_log.cpp entry_json).
// The API tests check every real answer against them (tests/api/contract.mjs). Thread-safety: pure functions.
#pragma once

#include "http/schema.h"

namespace dongne::auth::schemas {

using namespace http::schema;

inline nlohmann::json grant() {
  return object(
      {{"id", kInt}, {"role", kStr}, {"scope_id", kInt}, {"scope_kind", kStr}, {"scope_name", kStr}}, {"id"});
}

inline nlohmann::json user() {
  return object({{"created_at", kDateTime},
                 {"disabled", kBool},
                 {"district_code", nullable(kStr)},
                 {"email", nullable(kStr)},
                 {"id", kInt},
                 {"kind", kStr},
                 {"locale", kStr},
                 {"name", kStr},
                 {"phone", nullable(kStr)},
                 {"roles", array_of(grant())}});
}

// A page of a list: items, and the cursor of the next page (null on the last).
inline nlohmann::json page_of(const nlohmann::json& item) {
  return object({{"items", array_of(item)}, {"next_cursor", nullable(kStr)}});
}

// An account in a list: email and phone masked.
inline nlohmann::json listed_user() {
  nlohmann::json s = user();
  s["properties"].erase("email");
  s["properties"].erase("phone");
  s["properties"]["email_masked"] = nullable(kStr);
  s["properties"]["phone_masked"] = nullable(kStr);
  nlohmann::json req = nlohmann::json::array();
  for (const auto& [k, v] : s["properties"].items()) req.push_back(k);
  s["required"] = req;
  return s;
}

inline nlohmann::json access_entry() {
  return object({{"id", kInt},
                 {"at", kDateTime},
                 {"actor_user_id", nullable(kInt)},
                 {"actor", kStr},
                 {"subject_user_id", kInt},
                 {"kind", kStr},
                 {"record_id", kStr},
                 {"route", kStr},
                 {"reason", kStr},
                 {"allowed", kBool}});
}

inline nlohmann::json session() {
  return object({{"user", user()},
                 {"expires_at", kDateTime},
                 {"token", kStr},
                 {"token_type", one_of_strings({"Bearer"})}},
                {"token", "token_type"});
}

}  // namespace dongne::auth::schemas
