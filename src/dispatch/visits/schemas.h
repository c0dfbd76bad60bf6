// The JSON answers of the home-visit routes as JSON Schema (their OpenAPI success bodies), beside the writers
// of routes.cpp they describe. What a reader sees of a place depends on who reads it (a family's name masked,
// her address and phone only for her worker and herself), so those keys are optional. The API tests check
// every real answer against these (tests/api/contract.mjs). Thread-safety: pure functions.
#pragma once

#include "http/schema.h"

namespace dongne::dispatch::visits::schemas {

using namespace http::schema;

inline nlohmann::json service() {
  return object({{"id", kInt},
                 {"code", kStr},
                 {"kind", kStr},
                 {"clients", kStr},
                 {"name_ko", kStr},
                 {"name_en", kStr},
                 {"operator_id", kInt},
                 {"skills", kStrList},
                 {"default_minutes", kInt},
                 {"eligibility",
                  object({{"max_child_age_months", kInt}, {"city_code", kStr}, {"district_codes", kStrList}},
                         {"max_child_age_months", "city_code", "district_codes"})}});
}

inline nlohmann::json worker() {
  return object({{"id", kInt},
                 {"name", kStr},
                 {"skills", kStrList},
                 {"days", kStrList},
                 {"shift", object({{"from", kStr}, {"to", kStr}})}});
}

inline nlohmann::json place() {
  return object({{"id", kInt},
                 {"kind", kStr},
                 {"name", kStr},
                 {"address", kStr},
                 {"lat", kNum},
                 {"lon", kNum},
                 {"phone", kStr}},
                {"address", "lat", "lon", "phone"});
}

inline nlohmann::json visit() {
  return object({{"id", kInt},
                 {"day", kDate},
                 {"status", kStr},
                 {"request_id", kInt},
                 {"client_id", kInt},
                 {"worker_id", nullable(kInt)},
                 {"seq", kInt},
                 {"kept_worker", kBool},
                 {"had_previous", kBool},
                 {"start", kDateTime},
                 {"end", kDateTime},
                 {"reason", object({{"code", kStr}, {"message_ko", kStr}, {"message_en", kStr}})},
                 {"minutes", kInt},
                 {"place", place()},
                 {"worker", nullable(object({{"id", kInt}, {"name", kStr}}))}},
                {"start", "end", "reason", "minutes", "place", "worker"});
}

inline nlohmann::json request() {
  return object({{"id", kInt},
                 {"service_id", kInt},
                 {"client_id", kInt},
                 {"days", kStrList},
                 {"from", kStr},
                 {"to", kStr},
                 {"minutes", kInt},
                 {"skills", kStrList},
                 {"starts", kDate},
                 {"until", nullable(kDate)},
                 {"status", kStr},
                 {"note", kStr},
                 {"place", place()}},
                {"place"});
}

inline nlohmann::json week() {
  nlohmann::json w = worker();
  w["properties"]["away"] = kStrList;
  w["properties"]["visits"] = array_of(visit());
  w["required"].push_back("away");
  w["required"].push_back("visits");
  return object(
      {{"service", service()},
       {"start", kDate},
       {"today", kDate},
       {"days", kStrList},
       {"workers", array_of(w)},
       {"unserved", array_of(visit())},
       {"requests", array_of(request())},
       {"places", array_of(place())},
       {"continuity", object({{"with_previous", kInt}, {"kept", kInt}, {"percent", nullable(kNum)}})},
       {"figures", object({{"planned", kInt}, {"unserved", kInt}, {"done", kInt}, {"not_home", kInt}})}});
}

inline nlohmann::json worker_day() {
  return object({{"worker", nullable(worker())},
                 {"service", nullable(service())},
                 {"day", kDate},
                 {"visits", array_of(visit())}});
}

}  // namespace dongne::dispatch::visits::schemas
