// The Jobs pillar's records as the service and repo exchange them. A seeker's profile and a vacancy's detail are
// kept as validated JSON documents (profile.h reads and checks them, and turns them into the matching engine's
// values); the rest are plain rows. Personal data: SeekerRecord (name, contact, profile) and NoteRecord.
// Thread-safety: plain values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/calendar.h"

namespace dongne::jobs {

struct SeekerRecord {
  int64_t id = 0;
  int64_t centre_id = 0;
  std::optional<int64_t> user_id;  // a resident's own account, when she registered herself or was linked
  std::string display_name;
  std::optional<std::string> phone, email;
  std::optional<int> birth_year;   // never a resident registration number
  nlohmann::json profile = nlohmann::json::object();  // profile.h
  bool demo = false;
  EpochMs created_at = 0, updated_at = 0;
};

struct CaseRecord {
  int64_t id = 0;
  int64_t seeker_id = 0;
  int64_t centre_id = 0;
  std::string state = "intake";
  std::optional<int64_t> lead_counsellor_id;
  LocalDate opened_on;
  std::optional<LocalDate> closed_on;
  nlohmann::json plan = nlohmann::json::object();  // the individual employment plan (empty: none yet)
  std::vector<int64_t> counsellors;                // everyone who may read the notes
  bool demo = false;
  EpochMs updated_at = 0;
  bool entered_late = false;  // entered after the fact (history): may open long ago, no follow-ups scheduled
};

struct TransitionRecord {
  int64_t id = 0;
  std::optional<std::string> from;
  std::string to;
  LocalDate on;
  std::string reason;
  std::optional<int64_t> actor;
  EpochMs at = 0;
};

struct NoteRecord {
  int64_t id = 0;
  int64_t case_id = 0;
  int64_t author = 0;
  std::string author_name;
  std::string kind;  // counselling | phone | visit | employer
  std::string body;
  EpochMs at = 0;
};

struct CourseRecord {
  int64_t id = 0;
  int64_t centre_id = 0;
  std::string code, title_ko, title_en, occupation;
  std::vector<std::string> competencies;  // vocabulary keys the course teaches
  int hours = 0;
  int outcome_months = 6;                 // "employed within N months of completing"
  bool demo = false;
};

struct CohortRecord {
  int64_t id = 0;
  int64_t course_id = 0;
  LocalDate starts_on, ends_on;
  int capacity = 0;
  int sessions = 0;
  int min_attendance_pct = 80;
  std::string status = "open";
};

struct EnrolmentRecord {
  int64_t id = 0;
  int64_t cohort_id = 0;
  int64_t seeker_id = 0;
  std::string seeker_name;
  std::string status = "enrolled";  // enrolled | completed | dropped
  std::optional<LocalDate> completed_on;
  int days_present = 0, days_recorded = 0;
};

struct VacancyRecord {
  int64_t id = 0;
  int64_t employer_id = 0;
  std::string employer_name;
  std::string title;
  std::string occupation;
  nlohmann::json detail = nlohmann::json::object();  // profile.h: competencies, hours, wage, workplace, languages
  LocalDate start_on;
  int openings = 1;
  std::string status = "open";
  bool demo = false;
  EpochMs created_at = 0;
};

struct ReferralRecord {
  int64_t id = 0;
  int64_t vacancy_id = 0;
  int64_t case_id = 0;
  std::string status = "referred";  // referred | interview | hired | declined | withdrawn
  std::optional<LocalDate> interview_on;
  std::string outcome_note;
  EpochMs created_at = 0;
};

struct HireRecord {
  int64_t id = 0;
  int64_t case_id = 0;
  int64_t employer_id = 0;
  std::optional<int64_t> vacancy_id, referral_id;
  std::string occupation;
  std::string kind = "job";  // job | internship (the placement itself is in InternshipRecord)
  LocalDate start_on;
  int64_t wage_won = 0;
  std::string wage_unit = "monthly";
  std::string retention = "employed";
  std::optional<LocalDate> left_on;
  bool demo = false;
};

struct FollowUpRecord {
  int64_t id = 0;
  int64_t hire_id = 0;
  int64_t case_id = 0;
  int month = 1;
  LocalDate due_on;
  std::optional<LocalDate> done_on;
  std::optional<std::string> outcome;  // retained | left | unreachable
  std::string note, employer_note;
  std::string seeker_name, employer_name;
};

struct InternshipRecord {
  int64_t id = 0;
  int64_t case_id = 0;
  int64_t employer_id = 0;
  std::optional<int64_t> vacancy_id;
  LocalDate starts_on, ends_on;
  int64_t monthly_wage_won = 0;
  std::string rule_code;
  nlohmann::json rule;  // the rule as it was when the placement was made (later changes do not rewrite it)
  std::string status = "active";  // active | converted | ended
  std::optional<int64_t> hire_id;
  bool demo = false;
};

struct PaymentRecord {
  int64_t id = 0;
  int64_t internship_id = 0;
  std::string payee, kind;
  int seq = 1;
  LocalDate due_on;
  int64_t amount_won = 0;
  std::string condition;
  std::string status = "scheduled";  // scheduled | approved | paid | cancelled
  std::optional<int64_t> approved_by, paid_by;
  std::optional<EpochMs> approved_at, paid_at;
  std::optional<std::string> paid_ref;
};

struct StartupTeamRecord {
  int64_t id = 0;
  int64_t centre_id = 0;
  std::string name, business;
  std::vector<int64_t> members;  // seeker ids
  int education_sessions = 0;    // attendance rows
  bool demo = false;
};

struct SubsidyRecord {
  int64_t id = 0;
  int64_t team_id = 0;
  int year = 0;
  int64_t amount_won = 0;
  std::string purpose;
  std::string status = "applied";  // applied | approved | rejected | disbursed
  std::optional<LocalDate> disbursed_on;
};

}  // namespace dongne::jobs
