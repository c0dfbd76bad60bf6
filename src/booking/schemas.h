// The JSON answers of the Booking routes as JSON Schema (their OpenAPI success bodies), beside the writers
// they describe (records.cpp write_booking / to_json / public_json, rules_json.cpp, routes.cpp
// availability_json, routes_staff.cpp sheet_json, service_jobs.cpp lottery). The API tests check every real
// answer against them (tests/api/contract.mjs). Thread-safety: pure functions.
#pragma once

#include "http/schema.h"

namespace dongne::booking::schemas {

using namespace http::schema;

inline nlohmann::json booking() {
  return object({{"id", kInt},
                 {"resource_id", kInt},
                 {"household_id", kInt},
                 {"status", kStr},
                 {"quantity", kInt},
                 {"persons", kInt},
                 {"member_ids", kIntList},
                 {"fee_won", kInt},
                 {"channel", kStr},
                 {"reason", kStr},
                 {"created_at", kDateTime},
                 {"updated_at", kDateTime},
                 // A lendable item's loan, or a slot's span.
                 {"variant_id", kInt},
                 {"pickup_date", kDate},
                 {"return_date", kDate},
                 {"returned_at", nullable(kDateTime)},
                 {"start", kDateTime},
                 {"end", kDateTime},
                 {"offer_expires_at", kDateTime},
                 {"waitlist_position", kInt},
                 {"resource", object({{"id", kInt},
                                      {"code", kStr},
                                      {"kind", kStr},
                                      {"name_ko", kStr},
                                      {"name_en", kStr},
                                      {"facility_id", kInt}})},
                 {"variant_label", kStr}},
                {"variant_id", "pickup_date", "return_date", "returned_at", "start", "end",
                 "offer_expires_at", "waitlist_position", "resource", "variant_label"});
}

// The answer to a booking request: what happened, why, and the booking.
inline nlohmann::json placed() {
  return object({{"outcome", kStr},
                 {"reason", kStr},
                 {"message_ko", kStr},
                 {"message_en", kStr},
                 {"fee_won", kInt},
                 {"booking", booking()},
                 {"waitlist_position", kInt}},
                {"waitlist_position"});
}

inline nlohmann::json household() {
  return object({{"id", kInt},
                 {"city_code", kStr},
                 {"district_code", nullable(kStr)},
                 {"contact_name", kStr},
                 {"contact_phone", nullable(kStr)},
                 {"has_account", kBool},
                 {"members",
                  array_of(object({{"id", kInt}, {"label", kStr}, {"is_child", kBool}, {"birth_month", kStr}},
                                  {"birth_month"}))}});
}

inline nlohmann::json rules() {
  return object(
      {{"hours", map_of(array_of(kStrList))},
       {"closed_on_public_holidays", kBool},
       {"closure_days", kStrList},
       {"window", object({{"opens_days_ahead", kInt}, {"opens_at", kStr}, {"closes_before_minutes", kInt}})},
       {"slot_minutes", kInt},
       {"max_slots_per_booking", kInt},
       {"max_loan_days", kInt},
       {"turnaround_days", kInt},
       {"max_persons_per_booking", kInt},
       {"eligibility", object({{"city_code", kStr},
                               {"district_codes", kStrList},
                               {"min_child_age_months", kInt},
                               {"max_child_age_months", kInt},
                               {"min_school_grade", kInt},
                               {"max_school_grade", kInt}},
                              {"city_code", "min_child_age_months", "max_child_age_months",
                               "min_school_grade", "max_school_grade"})},
       {"approval", one_of_strings({"staff", "instant"})},
       {"allocation", one_of_strings({"lottery", "first_come"})},
       {"waitlist", kBool},
       {"cancel_deadline_minutes", kInt},
       {"check_in", object({{"opens_before_minutes", kInt}, {"closes_after_minutes", kInt}})},
       {"penalty", object({{"expires_after_days", kInt},
                           {"ban_after", kInt},
                           {"ban_days", kInt},
                           {"late_cancel_counts", kBool}})},
       {"fees", object({{"per_booking_won", kInt}, {"per_person_won", kInt}})},
       {"offer_minutes", kInt},
       {"quota", object({{"period", one_of_strings({"week", "month", "year"})},
                         {"max_bookings", kInt},
                         {"group", kStr}})},
       {"lottery_draw_at", nullable(kDateTime)}},
      {"quota"});
}

inline nlohmann::json resource() {
  return object(
      {{"id", kInt},
       {"facility_id", kInt},
       {"code", kStr},
       {"kind", kStr},
       {"name_ko", kStr},
       {"name_en", kStr},
       {"description_ko", kStr},
       {"description_en", kStr},
       {"capacity", kInt},
       {"max_families", nullable(kInt)},
       {"variants", array_of(object({{"id", kInt}, {"label", kStr}, {"stock", kInt}}))},
       {"occurrences", array_of(object({{"start", kDateTime}, {"end", kDateTime}}))},
       {"rules", rules()},
       {"active", kBool},
       {"demo", kBool},
       {"lottery",
        object({{"seed", kStr}, {"draw_at", nullable(kDateTime)}, {"drawn_at", nullable(kDateTime)}})}},
      {"lottery"});
}

inline nlohmann::json availability() {
  nlohmann::json slot = object({{"start", kDateTime},
                                {"end", kDateTime},
                                {"capacity", kInt},
                                {"taken", kInt},
                                {"left", kInt},
                                {"families", kInt},
                                {"bookable_now", kBool}});
  nlohmann::json variant = object({{"variant_id", kInt},
                                   {"label", kStr},
                                   {"stock", kInt},
                                   {"out", kInt},
                                   {"left", kInt},
                                   {"bookable_now", kBool}});
  nlohmann::json day = object({{"date", kDate},
                               {"status", one_of_strings({"open", "no_hours", "closure_day", "holiday"})},
                               {"window_opens_at", kDateTime},
                               {"holidays_known", kBool},
                               {"slots", array_of(slot)},
                               {"variants", array_of(variant)},
                               {"holiday_ko", kStr},
                               {"holiday_en", kStr}},
                              {"holiday_ko", "holiday_en"});
  return object({{"resource_id", kInt}, {"kind", kStr}, {"now", kDateTime}, {"days", array_of(day)}});
}

// A lottery as published: its seed and draw time; after the draw, each group's pseudonymous entries and
// result (booking/rules/lottery.h).
inline nlohmann::json lottery() {
  return object({{"resource_id", kInt},
                 {"seed", kStr},
                 {"draw_at", nullable(kDateTime)},
                 {"drawn_at", nullable(kDateTime)},
                 {"open_entries", kInt},
                 {"algorithm", kStr},
                 {"result", nullable(kAnyObject)}});
}

inline nlohmann::json lottery_check() {
  return object(
      {{"resource_id", kInt},
       {"seed", kStr},
       {"same", kBool},
       {"groups",
        array_of(object(
            {{"key", kAny}, {"seed", kAny}, {"recorded", kAny}, {"redrawn", kAny}, {"same", kBool}}))}});
}

inline nlohmann::json sheet() {
  nlohmann::json entry = booking();
  entry["properties"]["contact_name"] = kStr;
  entry["properties"]["contact_phone"] = nullable(kStr);
  entry["properties"]["pickup_today"] = kBool;
  entry["properties"]["return_today"] = kBool;
  entry["required"].push_back("contact_name");
  entry["required"].push_back("contact_phone");
  return object(
      {{"date", kDate},
       {"resources", array_of(object({{"id", kInt}, {"name_ko", kStr}, {"name_en", kStr}, {"kind", kStr}}))},
       {"entries", array_of(entry)}});
}

}  // namespace dongne::booking::schemas
