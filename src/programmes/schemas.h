// The JSON answers of the Programmes routes as JSON Schema (their OpenAPI success bodies), one beside each
// writer of routes_io.cpp. A writer and its schema change together: the API tests check every real answer
// against these (tests/api/contract.mjs), so a key added to one and not the other fails them. Thread-safety:
// pure functions.
#pragma once

#include "http/schema.h"

namespace dongne::programmes::schemas {

using namespace http::schema;

inline nlohmann::json month_targets() {
  return array_of(object({{"month", kStr}, {"jobs", kInt}, {"outputs", kInt}}));
}

inline nlohmann::json call() {
  return object(
      {{"id", kInt},
       {"city_id", kInt},
       {"year", kInt},
       {"title_ko", kStr},
       {"title_en", kStr},
       {"envelope_won", kInt},
       {"city_share_pct", kInt},
       {"min_score", kInt},
       {"criteria",
        array_of(object(
            {{"key", kStr}, {"name_ko", kStr}, {"name_en", kStr}, {"weight", kInt}, {"max_score", kInt}}))},
       {"required_fields", kStrList},
       {"deadline", kDateTime},
       {"status", one_of_strings({"open", "published"})},
       {"published_at", nullable(kDateTime)},
       {"demo", kBool},
       {"entered_late", kBool}});
}

inline nlohmann::json attachment_meta() {
  return object({{"id", kInt}, {"name", kStr}, {"media_type", kStr}, {"size_bytes", kInt}, {"sha256", kStr}});
}

inline nlohmann::json proposal() {
  return object({{"id", kInt},
                 {"call_id", kInt},
                 {"district_id", kInt},
                 {"title", kStr},
                 {"summary", kStr},
                 {"target_groups", kStrList},
                 {"implementing_org", kStr},
                 {"output_kind", kStr},
                 {"planned_jobs", kInt},
                 {"monthly_targets", month_targets()},
                 {"city_share_won", kInt},
                 {"district_share_won", kInt},
                 {"budget_won", kInt},
                 {"status", kStr},
                 {"return_note", nullable(kStr)},
                 // The published verdict, as the selection's ranking row of this proposal.
                 {"decision", nullable(kAnyObject)},
                 {"submitted_at", nullable(kDateTime)},
                 {"attachments", array_of(attachment_meta())},
                 {"demo", kBool}});
}

inline nlohmann::json selection() {
  nlohmann::json row =
      object({{"proposal_id", kInt},
              {"title", kStr},
              {"district_id", kInt},
              {"rank", kInt},
              {"score", kNum},
              {"reviews", kInt},
              {"request_won", kInt},
              {"verdict", one_of_strings({"selected", "below_minimum", "no_reviews", "over_envelope"})},
              {"in_optimal", kBool},
              {"left_before_won", kInt},
              {"reason_ko", kStr},
              {"reason_en", kStr}});
  return object({{"call_id", kInt},
                 {"rule_ko", kStr},
                 {"rule_en", kStr},
                 {"envelope_won", kInt},
                 {"min_score", kInt},
                 {"greedy_total_won", kInt},
                 {"unused_won", kInt},
                 {"greedy_score_sum", kNum},
                 {"optimal_differs", kBool},
                 {"optimal_total_won", kInt},
                 {"optimal_score_sum", kNum},
                 {"optimal_unused_won", kInt},
                 {"ranking", array_of(row)},
                 {"published", kBool},
                 {"published_at", kDateTime}},
                {"published", "published_at"});
}

inline nlohmann::json project() {
  return object({{"id", kInt},
                 {"proposal_id", nullable(kInt)},
                 {"call_id", kInt},
                 {"district_id", kInt},
                 {"year", kInt},
                 {"name", kStr},
                 {"target_group", kStr},
                 {"implementing_org", kStr},
                 {"output_kind", kStr},
                 {"budget_won", kInt},
                 {"city_share_won", kInt},
                 {"district_share_won", kInt},
                 {"planned_jobs", kInt},
                 {"monthly_targets", month_targets()},
                 {"start_date", kDate},
                 {"end_date", kDate},
                 {"demo", kBool},
                 {"entered_late", kBool}});
}

inline nlohmann::json figures() {
  return object({{"jobs", kInt},
                 {"trained", kInt},
                 {"participants", kInt},
                 {"outputs", kInt},
                 {"outputs_by_kind", map_of(kInt)},
                 {"spent_won", kInt},
                 {"cost_per_job_won", nullable(kInt)}});
}

// One project with its figures as of a date and by month.
inline nlohmann::json project_with_figures() {
  nlohmann::json s = project();
  s["properties"]["as_of"] = kDate;
  s["properties"]["figures"] = figures();
  s["properties"]["monthly"] =
      array_of(object({{"month", kInt}, {"figures", figures()}, {"planned_jobs", kInt}}));
  for (const char* k : {"as_of", "figures", "monthly"}) s["required"].push_back(k);
  return s;
}

inline nlohmann::json participant() {
  return object({{"id", kInt},
                 {"project_id", kInt},
                 {"display_name", kStr},
                 {"phone", nullable(kStr)},
                 {"user_id", nullable(kInt)},
                 {"role", one_of_strings({"trainee", "employee", "volunteer"})},
                 {"paid", kBool},
                 {"target_group", kStr},
                 {"start_date", kDate},
                 {"end_date", nullable(kDate)},
                 {"removed", kBool},
                 {"demo", kBool},
                 {"seeker_id", nullable(kInt)}});
}

inline nlohmann::json dashboard() {
  nlohmann::json project_row = project();
  project_row["properties"]["figures"] = figures();
  project_row["required"].push_back("figures");
  return object(
      {{"as_of", kDate},
       {"scope", object({{"year", kInt}, {"district_id", kInt}, {"project_id", kInt}, {"target_group", kStr}},
                        {"year", "district_id", "project_id", "target_group"})},
       {"total", figures()},
       {"planned_jobs", kInt},
       {"projects", array_of(project_row)},
       {"districts",
        array_of(
            object({{"district_id", kInt}, {"name_ko", kStr}, {"name_en", kStr}, {"figures", figures()}}))},
       {"target_groups", array_of(object({{"target_group", kStr}, {"figures", figures()}}))},
       {"monthly", array_of(object({{"month", kStr}, {"figures", figures()}, {"planned_jobs", kInt}}))}});
}

inline nlohmann::json report() {
  return object({{"id", kInt},
                 {"project_id", kInt},
                 {"month", kStr},
                 {"due_date", kDate},
                 {"status", one_of_strings({"submitted", "accepted", "returned"})},
                 {"narrative", kStr},
                 {"figures", kAnyObject},
                 {"late", kBool},
                 {"submitted_at", kDateTime},
                 {"review_note", nullable(kStr)}});
}

}  // namespace dongne::programmes::schemas
