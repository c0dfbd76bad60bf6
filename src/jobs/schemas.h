// The JSON answers of the Jobs routes as JSON Schema (their OpenAPI success bodies), one beside each writer
// of routes_io.cpp. A writer and its schema change together: the API tests check every real answer against
// these (tests/api/contract.mjs). Free-form documents (a profile, a plan, a workplace as stored) are objects
// whose shape docs/jobs.md describes. Thread-safety: pure functions.
#pragma once

#include "http/schema.h"

namespace dongne::jobs::schemas {

using namespace http::schema;

inline nlohmann::json named_code() { return object({{"code", kStr}, {"name_ko", kStr}, {"name_en", kStr}}); }
inline nlohmann::json named_key() { return object({{"key", kStr}, {"name_ko", kStr}, {"name_en", kStr}}); }
inline nlohmann::json wage() {
  return object({{"won", kInt}, {"unit", one_of_strings({"hourly", "monthly"})}});
}

inline nlohmann::json seeker() {
  return object({{"id", kInt},
                 {"centre_id", kInt},
                 {"user_id", nullable(kInt)},
                 {"display_name", kStr},
                 {"phone", nullable(kStr)},
                 {"email", nullable(kStr)},
                 {"birth_year", nullable(kInt)},
                 {"profile", kAnyObject},
                 {"demo", kBool},
                 {"updated_at", kDateTime}});
}

inline nlohmann::json case_record() {
  return object({{"id", kInt},
                 {"seeker_id", kInt},
                 {"centre_id", kInt},
                 {"state", kStr},
                 {"lead_counsellor_id", nullable(kInt)},
                 {"counsellors", kIntList},
                 {"opened_on", kDate},
                 {"closed_on", nullable(kDate)},
                 {"plan", nullable(kAnyObject)},
                 {"demo", kBool},
                 {"entered_late", kBool}});
}

// A seeker with her cases (the single-seeker reads).
inline nlohmann::json seeker_with_cases() {
  nlohmann::json s = seeker();
  s["properties"]["cases"] = array_of(case_record());
  s["required"].push_back("cases");
  return s;
}

inline nlohmann::json opened_case() { return object({{"case", case_record()}, {"seeker_id", kInt}}); }

// A case with its history and the states it may move to.
inline nlohmann::json case_view() {
  nlohmann::json s = case_record();
  s["properties"]["next_states"] = kStrList;
  s["properties"]["history"] = array_of(object({{"from", nullable(kStr)},
                                                {"to", kStr},
                                                {"on", kDate},
                                                {"reason", kStr},
                                                {"actor_user_id", nullable(kInt)},
                                                {"at", kDateTime}}));
  s["required"].push_back("next_states");
  s["required"].push_back("history");
  return s;
}

inline nlohmann::json note() {
  return object({{"id", kInt},
                 {"case_id", kInt},
                 {"author_user_id", kInt},
                 {"author_name", kStr},
                 {"kind", kStr},
                 {"body", kStr},
                 {"at", kDateTime}});
}

inline nlohmann::json course() {
  return object({{"id", kInt},
                 {"centre_id", kInt},
                 {"code", kStr},
                 {"title_ko", kStr},
                 {"title_en", kStr},
                 {"occupation", named_code()},
                 {"competencies", array_of(named_key())},
                 {"hours", kInt},
                 {"outcome_months", kInt},
                 {"demo", kBool}});
}

inline nlohmann::json cohort() {
  return object({{"id", kInt},
                 {"course_id", kInt},
                 {"starts_on", kDate},
                 {"ends_on", kDate},
                 {"capacity", kInt},
                 {"sessions", kInt},
                 {"min_attendance_pct", kInt},
                 {"status", kStr}});
}

inline nlohmann::json enrolment() {
  return object({{"id", kInt},
                 {"cohort_id", kInt},
                 {"seeker_id", kInt},
                 {"seeker_name", kStr},
                 {"status", kStr},
                 {"completed_on", nullable(kDate)},
                 {"days_present", kInt},
                 {"days_recorded", kInt}});
}

inline nlohmann::json vacancy() {
  return object({{"id", kInt},
                 {"employer_id", kInt},
                 {"employer_name", kStr},
                 {"title", kStr},
                 {"occupation", named_code()},
                 {"start_on", kDate},
                 {"openings", kInt},
                 {"status", kStr},
                 {"hours", nullable(object({{"days", kStrList}, {"start", kStr}, {"end", kStr}}))},
                 {"wage", nullable(wage())},
                 {"workplace", kAnyObject},
                 {"required", array_of(named_key())},
                 {"preferred", array_of(named_key())},
                 {"languages", kStrList},
                 {"description", kStr},
                 {"demo", kBool}});
}

inline nlohmann::json referral() {
  return object({{"id", kInt},
                 {"vacancy_id", kInt},
                 {"case_id", kInt},
                 {"status", kStr},
                 {"interview_on", nullable(kDate)},
                 {"outcome_note", kStr}});
}

inline nlohmann::json listed_referral() {
  return object({{"id", kInt},
                 {"vacancy_id", kInt},
                 {"vacancy_title", kStr},
                 {"case_id", kInt},
                 {"seeker_name", kStr},
                 {"status", kStr},
                 {"interview_on", nullable(kDate)},
                 {"outcome_note", kStr}});
}

inline nlohmann::json hire() {
  return object({{"id", kInt},
                 {"case_id", kInt},
                 {"employer_id", kInt},
                 {"vacancy_id", nullable(kInt)},
                 {"referral_id", nullable(kInt)},
                 {"occupation", kStr},
                 {"kind", kStr},
                 {"start_on", kDate},
                 {"wage", wage()},
                 {"retention", kStr},
                 {"left_on", nullable(kDate)}});
}

inline nlohmann::json followup() {
  return object({{"id", kInt},
                 {"hire_id", kInt},
                 {"case_id", kInt},
                 {"month", kInt},
                 {"due_on", kDate},
                 {"done_on", nullable(kDate)},
                 {"outcome", nullable(kStr)},
                 {"note", kStr},
                 {"employer_note", kStr},
                 {"seeker_name", kStr},
                 {"employer_name", kStr}});
}

inline nlohmann::json internship() {
  return object({{"id", kInt},
                 {"case_id", kInt},
                 {"employer_id", kInt},
                 {"vacancy_id", nullable(kInt)},
                 {"starts_on", kDate},
                 {"ends_on", kDate},
                 {"monthly_wage_won", kInt},
                 {"rule_code", kStr},
                 {"rule", kAnyObject},
                 {"status", kStr},
                 {"hire_id", nullable(kInt)}});
}

inline nlohmann::json payment() {
  return object({{"id", kInt},
                 {"internship_id", kInt},
                 {"payee", kStr},
                 {"kind", kStr},
                 {"seq", kInt},
                 {"due_on", kDate},
                 {"amount_won", kInt},
                 {"condition", kStr},
                 {"status", kStr},
                 {"approved_by", nullable(kInt)},
                 {"approved_at", nullable(kDateTime)},
                 {"paid_by", nullable(kInt)},
                 {"paid_at", nullable(kDateTime)},
                 {"paid_ref", nullable(kStr)}});
}

inline nlohmann::json team() {
  return object({{"id", kInt},
                 {"centre_id", kInt},
                 {"name", kStr},
                 {"business", kStr},
                 {"members", kIntList},
                 {"education_sessions", kInt},
                 {"demo", kBool}});
}

inline nlohmann::json subsidy() {
  return object({{"id", kInt},
                 {"team_id", kInt},
                 {"year", kInt},
                 {"amount_won", kInt},
                 {"purpose", kStr},
                 {"status", kStr},
                 {"disbursed_on", nullable(kDate)}});
}

inline nlohmann::json match() {
  nlohmann::json factor = object({{"name", kStr},
                                  {"score", kNum},
                                  {"weight", kNum},
                                  {"contribution", kNum},
                                  {"share", kNum},
                                  {"detail_ko", kStr},
                                  {"detail_en", kStr}});
  nlohmann::json gap = object({{"competency", kStr},
                               {"name_ko", kStr},
                               {"name_en", kStr},
                               {"required", kBool},
                               {"courses", array_of(object({{"id", kInt}, {"name", kStr}}))}});
  return object({{"seeker_id", kInt},
                 {"vacancy_id", kInt},
                 {"score", kNum},
                 {"factors", array_of(factor)},
                 {"gaps", array_of(gap)}});
}

// A recommended vacancy: a match with the vacancy itself.
inline nlohmann::json recommendation() {
  nlohmann::json s = match();
  s["properties"]["vacancy"] = vacancy();
  s["required"].push_back("vacancy");
  return s;
}

// A candidate: a match with her name (masked for an employer, who does not see her number until a referral).
inline nlohmann::json candidate() {
  nlohmann::json s = match();
  s["properties"]["seeker_name"] = kStr;
  s["required"] = {"vacancy_id", "score", "factors", "gaps", "seeker_name"};
  return s;
}

inline nlohmann::json verdict() {
  return object({{"eligible", kBool},
                 {"reason_code", nullable(kStr)},
                 {"reason_ko", kStr},
                 {"reason_en", kStr},
                 {"match", nullable(match())}});
}

inline nlohmann::json year_figures() {
  return object({{"year", kInt},
                 {"courses", kInt},
                 {"completions", kInt},
                 {"employed_after_courses", kInt},
                 {"group_sessions", kInt},
                 {"group_people", kInt},
                 {"internships", kInt},
                 {"hires", kInt},
                 {"subsidy_teams", kInt},
                 {"by_course", array_of(object({{"course_id", kInt},
                                                {"title_ko", kStr},
                                                {"title_en", kStr},
                                                {"cohorts", kInt},
                                                {"enrolled", kInt},
                                                {"completed", kInt},
                                                {"employed", kInt},
                                                {"outcome_months", kInt}}))}});
}

inline nlohmann::json work_list() {
  nlohmann::json c = case_record();
  c["properties"]["seeker_name"] = kStr;
  c["properties"]["mine"] = kBool;
  c["required"].push_back("seeker_name");
  c["required"].push_back("mine");
  nlohmann::json f = followup();
  f["properties"]["overdue"] = kBool;
  f["required"].push_back("overdue");
  return object({{"today", kDate},
                 {"cases", array_of(c)},
                 {"followups", array_of(f)},
                 {"payments", array_of(payment())}});
}

inline nlohmann::json term() {
  return object({{"id", kInt},
                 {"centre_id", kInt},
                 {"alias", kStr},
                 {"key", kStr},
                 {"kind", one_of_strings({"term", "synonym"})},
                 {"ncs_domain", kStr},
                 {"name_ko", kStr},
                 {"name_en", kStr}});
}

inline nlohmann::json incentive_rule() {
  return object({{"code", kStr},
                 {"name_ko", kStr},
                 {"name_en", kStr},
                 {"internship_months", kInt},
                 {"employer_monthly_won", kInt},
                 {"employer_retention_months", kInt},
                 {"employer_retention_won", kInt},
                 {"intern_retention_months", kInt},
                 {"intern_retention_won", kInt}});
}

inline nlohmann::json competency() {
  return object({{"key", kStr}, {"name_ko", kStr}, {"name_en", kStr}, {"ncs_domain", kStr}});
}

}  // namespace dongne::jobs::schemas
