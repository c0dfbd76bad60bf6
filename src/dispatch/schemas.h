// The JSON answers of the shuttle and luggage routes as JSON Schema (their OpenAPI success bodies), beside
// the writers they describe (routes_io.cpp, routes_luggage.cpp order_json; shapes in
// docs/dispatch-services.md). The API tests check every real answer against them (tests/api/contract.mjs).
// Thread-safety: pure functions.
#pragma once

#include "http/schema.h"

namespace dongne::dispatch::schemas {

using namespace http::schema;

inline nlohmann::json stop() {
  return object(
      {{"id", kInt}, {"code", kStr}, {"name_ko", kStr}, {"name_en", kStr}, {"lat", kNum}, {"lon", kNum}});
}

inline nlohmann::json window() {
  return object({{"from", nullable(kDateTime)}, {"to", nullable(kDateTime)}});
}
inline nlohmann::json shift() { return object({{"from", kStr}, {"to", kStr}}); }

inline nlohmann::json area() {
  return object({{"id", kInt},
                 {"code", kStr},
                 {"kind", kStr},
                 {"name_ko", kStr},
                 {"name_en", kStr},
                 {"operator_id", kInt},
                 {"boundary", array_of(array_of(kNum))},
                 {"stops", array_of(stop())},
                 {"hours", object({{"open", kStr}, {"close", kStr}, {"days", kStrList}})},
                 {"lead_min", kInt},
                 {"max_wait_min", kInt},
                 {"horizon_days", kInt},
                 {"fare", object({{"base_won", kInt}, {"per_km_won", kInt}, {"per_bag_won", kInt}})},
                 {"risk_margin_min", kInt},
                 {"road_factor", kNum},
                 {"phone", kStr},
                 {"max_passengers", kInt}});
}

inline nlohmann::json ride() {
  return object({{"id", kInt},
                 {"area_id", kInt},
                 {"day", kDate},
                 {"status", kStr},
                 {"pickup", stop()},
                 {"dropoff", stop()},
                 {"passengers", kInt},
                 {"wheelchair", kBool},
                 {"window", window()},
                 {"latest_arrival", nullable(kDateTime)},
                 {"fare_won", kInt},
                 {"distance_m", kInt},
                 {"channel", kStr},
                 {"note", kStr},
                 {"picked_up_at", nullable(kDateTime)},
                 {"dropped_off_at", nullable(kDateTime)},
                 {"series_id", nullable(kInt)},
                 {"created_at", kDateTime},
                 {"updated_at", kDateTime},
                 {"eta", nullable(object({{"pickup", nullable(kDateTime)},
                                          {"dropoff", nullable(kDateTime)},
                                          {"updated_at", kDateTime}}))},
                 {"vehicle", nullable(object({{"id", kInt},
                                              {"label", kStr},
                                              {"lat", nullable(kNum)},
                                              {"lon", nullable(kNum)},
                                              {"position_at", nullable(kDateTime)}}))},
                 {"rider", object({{"name", kStr}, {"phone", kStr}}, {"phone"})},
                 {"problem", kStr},
                 {"next_possible_at", nullable(kDateTime)}},
                {"problem", "next_possible_at"});
}

inline nlohmann::json step() {
  return object({{"ride_id", kInt},
                 {"action", one_of_strings({"pickup", "dropoff"})},
                 {"status", kStr},
                 {"stop", stop()},
                 {"window", nullable(window())},
                 {"eta", nullable(kDateTime)},
                 {"latest_arrival", nullable(kDateTime)},
                 {"passengers", kInt},
                 {"wheelchair", kBool},
                 {"note", kStr},
                 {"rider", object({{"name", kStr}})},
                 {"kind", one_of_strings({"luggage"})},
                 {"bags", kInt},
                 {"deliver_by", nullable(kDateTime)},
                 {"code_required", kBool}},
                {"kind", "bags", "deliver_by", "code_required"});
}

inline nlohmann::json figures() {
  return object({{"requested", kInt},
                 {"promised", kInt},
                 {"refused", kInt},
                 {"cancelled", kInt},
                 {"no_show", kInt},
                 {"completed", kInt},
                 {"onboard", kInt},
                 {"at_risk", kInt},
                 {"passengers", kInt},
                 {"on_time_rate", nullable(kNum)},
                 {"mean_wait_min", nullable(kNum)},
                 {"mean_ride_min", nullable(kNum)},
                 {"vehicle_km", kNum},
                 {"occupancy", nullable(kNum)}});
}

inline nlohmann::json board_vehicle() {
  return object({{"id", kInt},
                 {"label", kStr},
                 {"seats", kInt},
                 {"wheelchair_places", kInt},
                 {"status", kStr},
                 {"shift", shift()},
                 {"position", nullable(object({{"lat", kNum}, {"lon", kNum}, {"at", nullable(kDateTime)}}))},
                 {"onboard", kInt},
                 {"stops", array_of(step())}});
}

inline nlohmann::json board() {
  return object({{"area", area()},
                 {"day", kDate},
                 {"rides", array_of(ride())},
                 {"vehicles", array_of(board_vehicle())},
                 {"figures", figures()}});
}

inline nlohmann::json driver_day() {
  nlohmann::json vehicle = object(
      {{"id", kInt},
       {"label", kStr},
       {"seats", kInt},
       {"status", kStr},
       {"shift", shift()},
       {"area", nullable(object({{"id", kInt}, {"kind", kStr}, {"name_ko", kStr}, {"name_en", kStr}}))}});
  return object({{"vehicle", nullable(vehicle)},
                 {"day", kDate},
                 {"stops", array_of(step())},
                 {"done", array_of(step())}});
}

inline nlohmann::json series() {
  return object({{"id", kInt},
                 {"area_id", kInt},
                 {"pickup_stop_id", kInt},
                 {"dropoff_stop_id", kInt},
                 {"time", kStr},
                 {"days", kStrList},
                 {"from", kDate},
                 {"until", nullable(kDate)},
                 {"booked_through", kDate},
                 {"passengers", kInt},
                 {"wheelchair", kBool},
                 {"status", kStr}});
}

inline nlohmann::json series_made() {
  nlohmann::json refusal = object(
      {{"reason", kStr}, {"message_ko", kStr}, {"message_en", kStr}, {"next_possible_at", nullable(kStr)}});
  return object(
      {{"series", series()},
       {"occurrences",
        array_of(object({{"day", kDate}, {"ride", nullable(ride())}, {"refusal", nullable(refusal)}}))}});
}

inline nlohmann::json replanned() {
  return object({{"replanned", kIntList},
                 {"broken", array_of(object({{"ride_id", nullable(kInt)}, {"what", kStr}}))},
                 {"late_s", kInt}});
}

inline nlohmann::json order() {
  return object({{"id", kInt},
                 {"area_id", kInt},
                 {"day", kDate},
                 {"status", kStr},
                 {"pickup", object({{"place", stop()},
                                    {"window", window()},
                                    {"eta", nullable(kDateTime)},
                                    {"done_at", nullable(kDateTime)}})},
                 {"delivery", object({{"place", stop()},
                                      {"deliver_by", nullable(kDateTime)},
                                      {"eta", nullable(kDateTime)},
                                      {"done_at", nullable(kDateTime)}})},
                 {"bags", kInt},
                 {"fee_won", kInt},
                 {"paid", kBool},
                 {"flight", kStr},
                 {"note", kStr},
                 {"courier", nullable(object({{"vehicle_id", kInt},
                                              {"label", kStr},
                                              {"lat", nullable(kNum)},
                                              {"lon", nullable(kNum)},
                                              {"position_at", nullable(kDateTime)}}))},
                 {"risk", object({{"late", kBool}, {"why", nullable(kStr)}})},
                 {"customer", object({{"name", kStr}, {"phone", nullable(kStr)}, {"email", nullable(kStr)}},
                                     {"phone", "email"})},
                 {"channel", kStr},
                 {"created_at", kDateTime},
                 {"updated_at", kDateTime},
                 {"tracking_token", kStr},
                 {"tracking_path", kStr},
                 {"codes", object({{"pickup", kStr}, {"delivery", kStr}})}},
                {"tracking_token", "tracking_path", "codes"});
}

inline nlohmann::json luggage_day() {
  return object({{"area", area()},
                 {"day", kDate},
                 {"orders", array_of(order())},
                 {"vehicles", array_of(board_vehicle())},
                 {"figures", object({{"ordered", kInt},
                                     {"scheduled", kInt},
                                     {"refused", kInt},
                                     {"cancelled", kInt},
                                     {"picked_up", kInt},
                                     {"delivered", kInt},
                                     {"delivered_on_time", kInt},
                                     {"on_time_rate", nullable(kNum)},
                                     {"at_risk", kInt},
                                     {"late_risk", kInt},
                                     {"bags", kInt},
                                     {"fee_won", kInt}})}});
}

}  // namespace dongne::dispatch::schemas
