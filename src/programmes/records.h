// What Programmes stores: calls, proposals (with attachments), reviewer assignments and scores, projects,
// participants, spending, links to other pillars' events and monthly reports. Plain values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/calendar.h"
#include "programmes/selection.h"

namespace dongne::programmes {

// Proposal fields a call may require before a proposal can be submitted.
inline constexpr const char* kRequirableFields[] = {"summary", "implementing_org", "monthly_targets", "attachments",
                                                    "output_kind"};

struct CallRecord {
  int64_t id = 0;
  int64_t city_id = 0;
  int year = 0;
  std::string title_ko, title_en;
  int64_t envelope_won = 0;     // the city's money for the call
  int city_share_pct = 50;      // the city's share of each project's budget; the district pays the rest
  int min_score = 60;
  std::vector<Criterion> criteria;
  std::vector<std::string> required_fields;
  EpochMs deadline = 0;
  std::string status = "open";  // open -> published
  std::string selection_json;   // the published selection (rule, ranking, reasons)
  std::optional<EpochMs> published_at;
  bool demo = false;
  EpochMs created_at = 0;
  bool entered_late = false;  // a past year entered after the fact: its deadline may be behind it
};

struct MonthTarget {
  std::string month;  // "YYYY-MM"
  int jobs = 0;       // people in paid roles planned at the end of the month
  int outputs = 0;    // outputs planned in the month
};

struct AttachmentMeta {
  int64_t id = 0;
  std::string name, media_type, sha256;
  int64_t size_bytes = 0;
};

struct ProposalRecord {
  int64_t id = 0;
  int64_t call_id = 0;
  int64_t district_id = 0;
  std::string title, summary;
  std::vector<std::string> target_groups;
  std::string implementing_org, output_kind;
  int planned_jobs = 0;
  std::vector<MonthTarget> monthly_targets;
  int64_t city_share_won = 0, district_share_won = 0;
  std::string status = "draft";
  std::optional<std::string> return_note, decision_reason;
  std::optional<EpochMs> submitted_at;
  bool demo = false;
  EpochMs created_at = 0, updated_at = 0;
  std::vector<AttachmentMeta> attachments;
  int64_t budget_won() const { return city_share_won + district_share_won; }
};

struct ProjectRecord {
  int64_t id = 0;
  std::optional<int64_t> proposal_id;
  int64_t call_id = 0, district_id = 0;
  int year = 0;
  std::string name, target_group, implementing_org, output_kind;
  int64_t budget_won = 0, city_share_won = 0, district_share_won = 0;
  int planned_jobs = 0;
  std::vector<MonthTarget> monthly_targets;
  LocalDate start_date, end_date;
  bool demo = false;
  bool entered_late = false;  // its call's year was entered after the fact
};

struct ParticipantRecord {
  int64_t id = 0;
  int64_t project_id = 0;
  std::string person_key;  // derived: the seeker's "jobs:<id>", the account's "u:<id>", or a hash of name and phone
  std::string display_name;
  std::optional<std::string> phone;
  std::optional<int64_t> user_id;
  std::string role;  // trainee, employee, volunteer
  bool paid = true;
  std::string target_group;
  LocalDate start_date;
  std::optional<LocalDate> end_date;
  bool removed = false;
  bool demo = false;
  std::optional<int64_t> seeker_id;  // linked to a Jobs seeker: person_key is then hers (core/person_key.h)
};

struct SpendingRecord {
  int64_t id = 0;
  int64_t project_id = 0;
  LocalDate day;
  int64_t won = 0;
  std::string category, note;
};

struct ReportRecord {
  int64_t id = 0;
  int64_t project_id = 0;
  std::string month;  // "YYYY-MM"
  LocalDate due_date;
  std::string status;  // submitted, accepted, returned
  std::string narrative;
  std::string figures_json;
  bool late = false;
  EpochMs submitted_at = 0;
  std::optional<EpochMs> reviewed_at;
  std::optional<std::string> review_note;
};

}  // namespace dongne::programmes
