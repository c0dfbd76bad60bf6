// The programme cycle (시-군·구 상생협력 특화일자리): the city opens a call; district officers draft, submit,
// withdraw or revise proposals before the deadline; reviewers the city assigned score each criterion (a declared
// conflict of interest, or the reviewer's own district, excludes them); the city publishes a selection within the
// envelope (selection.h), every rejection with its reason, and each selected proposal becomes a project. Districts
// enrol participants, record outputs and spending and submit monthly reports; the city reviews them. Every change
// appends its event (programmes.*, docs/events.md) in the same transaction, and the KPI projection is updated there
// too (projector.h). Checks run not-found first, then who may act (scope), then the input, then the state.
// Thread-safety: safe to share; state is in the store.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "core/roles.h"
#include "programmes/kpi.h"
#include "programmes/records.h"
#include "store/database.h"

namespace dongne::programmes {

struct Review {
  int64_t reviewer_id = 0;
  std::string reviewer_name;
  std::map<std::string, int> scores;
  std::optional<std::string> conflict;  // the declared reason
};

struct Reviewer {
  int64_t user_id = 0;
  std::string name;
  std::optional<int64_t> district_id;
};

struct Dashboard {
  LocalDate as_of;
  Scope scope;
  Figures total;
  int64_t planned_jobs = 0;  // the plan for the as-of month, summed over the projects in scope
  std::vector<ProjectRecord> projects;
  std::map<std::string, Figures> by_project, by_district, by_group;
  std::map<std::string, std::pair<std::string, std::string>> district_names;  // id -> (ko, en)
  std::vector<Figures> monthly;              // month ends of the scope's year
  std::vector<int64_t> monthly_planned_jobs;  // the plan at the same month ends
};

struct ReportRow {
  ProjectRecord project;
  std::string month;
  LocalDate due_date;
  std::optional<ReportRecord> report;  // none: not submitted yet
  bool overdue = false;                // due date passed with no report
};

class ProgrammeService {
 public:
  ProgrammeService(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}
  const Clock& clock() const { return clock_; }
  store::Database& db() { return db_; }

  // Calls.
  Result<CallRecord> create_call(const Principal& p, CallRecord c);
  Result<std::vector<CallRecord>> calls();
  Result<CallRecord> call(int64_t id);

  // Proposals.
  Result<ProposalRecord> create_proposal(const Principal& p, ProposalRecord r);
  Result<ProposalRecord> update_proposal(const Principal& p, ProposalRecord r);
  Result<ProposalRecord> proposal(const Principal& p, int64_t id);
  Result<std::vector<ProposalRecord>> proposals(const Principal& p, int64_t call_id);
  Result<ProposalRecord> submit(const Principal& p, int64_t id);
  Result<ProposalRecord> withdraw(const Principal& p, int64_t id);
  Result<ProposalRecord> send_back(const Principal& p, int64_t id, const std::string& note);
  Result<AttachmentMeta> add_attachment(const Principal& p, int64_t proposal_id, const std::string& name,
                                        const std::string& media_type, const std::string& base64);
  // The attachment's metadata and its bytes (base64).
  Result<std::pair<AttachmentMeta, std::string>> attachment(const Principal& p, int64_t id);

  // Review.
  Status assign_reviewer(const Principal& p, int64_t call_id, int64_t user_id, std::optional<int64_t> district_id);
  Result<std::vector<Reviewer>> reviewers(const Principal& p, int64_t call_id);
  Status declare_conflict(const Principal& p, int64_t proposal_id, const std::string& reason);
  Status score(const Principal& p, int64_t proposal_id, const std::map<std::string, int>& scores);
  Result<std::vector<Review>> reviews(const Principal& p, int64_t proposal_id);
  // The selection as it would be published now (staff), or as published (stored).
  Result<nlohmann::json> selection(const Principal& p, int64_t call_id);
  Result<nlohmann::json> publish(const Principal& p, int64_t call_id);
  Result<nlohmann::json> published_results(int64_t call_id);

  // Projects.
  Result<std::vector<ProjectRecord>> projects(std::optional<int> year, std::optional<int64_t> district_id);
  Result<ProjectRecord> project(int64_t id);
  Result<ParticipantRecord> enrol(const Principal& p, ParticipantRecord r);
  Result<ParticipantRecord> update_participant(const Principal& p, ParticipantRecord r);
  Result<ParticipantRecord> remove_participant(const Principal& p, int64_t id);
  Result<std::vector<ParticipantRecord>> participants(const Principal& p, int64_t project_id);
  Result<int64_t> record_output(const Principal& p, int64_t project_id, LocalDate day, const std::string& kind,
                                int64_t count);
  Result<std::vector<Output>> outputs(int64_t project_id);
  Result<SpendingRecord> record_spending(const Principal& p, SpendingRecord s);
  Result<std::vector<SpendingRecord>> spending(int64_t project_id);
  Status add_link(const Principal& p, int64_t project_id, const std::string& event_type, const std::string& key,
                  const std::string& value, const std::string& fact, const std::string& output_kind);
  Result<nlohmann::json> links(int64_t project_id);

  // KPIs (projections of the event log).
  Result<Dashboard> dashboard(LocalDate as_of, const Scope& scope);
  // Rebuilds the projection from every event; answers whether it matched what was kept incrementally.
  Result<nlohmann::json> recompute(const Principal& p);

  // Monthly reports: due on the 10th of the following month; late when submitted after that.
  Result<ReportRecord> submit_report(const Principal& p, int64_t project_id, const std::string& month,
                                     const std::string& narrative);
  Result<ReportRecord> review_report(const Principal& p, int64_t report_id, bool accept, const std::string& note);
  Result<std::vector<ReportRow>> reports(const Principal& p, int year, std::optional<int64_t> district_id);

  // Who may act (core/roles.h, Principal::covers; admins always): the city's officers for the city and every
  // district under it (never another city's); a district's officers for their district; either for a district's
  // projects, participants, outputs, spending and reports. Proposals are written by their district alone, and
  // its drafts read by it alone.
  static bool is_city_staff(const Principal& p, int64_t city_or_district);
  static bool is_district(const Principal& p, int64_t district_id);
  static bool acts_for_district(const Principal& p, int64_t district_id);

 private:
  Status check_proposal_input(store::Tx& tx, const CallRecord& c, const ProposalRecord& r) const;
  Status may_read(const Principal& p, const ProposalRecord& r) const;
  store::Database& db_;
  const Clock& clock_;
};

// The local due date of the report for "YYYY-MM": the 10th of the next month.
LocalDate report_due(const std::string& month);

}  // namespace dongne::programmes
