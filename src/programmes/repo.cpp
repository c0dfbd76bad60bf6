#include "programmes/repo.h"

#include <cctype>

#include "directory/directory.h"
#include "store/values.h"

#include <nlohmann/json.hpp>

namespace dongne::programmes::repo {

namespace {

using store::Value;

using store::values::date_of;
using store::values::opt;
using store::values::opt_date;
int64_t b(bool v) { return v ? 1 : 0; }
nlohmann::json parse_or(const std::string& text, nlohmann::json fallback) { return store::values::json_or(text, std::move(fallback)); }

std::string criteria_text(const std::vector<Criterion>& cs) {
  nlohmann::json a = nlohmann::json::array();
  for (const auto& c : cs) {
    a.push_back({{"key", c.key}, {"name_ko", c.name_ko}, {"name_en", c.name_en}, {"weight", c.weight},
                 {"max_score", c.max_score}});
  }
  return a.dump();
}

std::vector<Criterion> criteria_of(const std::string& text) {
  std::vector<Criterion> out;
  for (const auto& c : parse_or(text, nlohmann::json::array())) {
    out.push_back({c.value("key", ""), c.value("name_ko", ""), c.value("name_en", ""), c.value("weight", 1),
                   c.value("max_score", 10)});
  }
  return out;
}

std::string targets_text(const std::vector<MonthTarget>& ts) {
  nlohmann::json a = nlohmann::json::array();
  for (const auto& t : ts) a.push_back({{"month", t.month}, {"jobs", t.jobs}, {"outputs", t.outputs}});
  return a.dump();
}

std::vector<MonthTarget> targets_of(const std::string& text) {
  std::vector<MonthTarget> out;
  for (const auto& t : parse_or(text, nlohmann::json::array())) {
    out.push_back({t.value("month", ""), t.value("jobs", 0), t.value("outputs", 0)});
  }
  return out;
}

std::vector<std::string> strings_of(const std::string& text) {
  std::vector<std::string> out;
  for (const auto& s : parse_or(text, nlohmann::json::array())) {
    if (s.is_string()) out.push_back(s.get<std::string>());
  }
  return out;
}

constexpr const char* kCallCols =
    "id, city_id, year, title_ko, title_en, envelope_won, city_share_pct, min_score, criteria, required_fields, "
    "deadline, status, selection, published_at, demo, created_at, entered_late";

CallRecord call_of(const store::Row& r) {
  CallRecord c;
  c.id = r.i64(0);
  c.city_id = r.i64(1);
  c.year = static_cast<int>(r.i64(2));
  c.title_ko = r.str(3);
  c.title_en = r.str(4);
  c.envelope_won = r.i64(5);
  c.city_share_pct = static_cast<int>(r.i64(6));
  c.min_score = static_cast<int>(r.i64(7));
  c.criteria = criteria_of(r.str(8));
  c.required_fields = strings_of(r.str(9));
  c.deadline = r.i64(10);
  c.status = r.str(11);
  c.selection_json = r.str(12);
  c.published_at = r.opt_i64(13);
  c.demo = r.i64(14) != 0;
  c.created_at = r.i64(15);
  c.entered_late = r.i64(16) != 0;
  return c;
}

constexpr const char* kProposalCols =
    "id, call_id, district_id, title, summary, target_groups, implementing_org, output_kind, planned_jobs, "
    "monthly_targets, city_share_won, district_share_won, status, return_note, decision_reason, submitted_at, demo, "
    "created_at, updated_at";

ProposalRecord proposal_of(const store::Row& r) {
  ProposalRecord p;
  p.id = r.i64(0);
  p.call_id = r.i64(1);
  p.district_id = r.i64(2);
  p.title = r.str(3);
  p.summary = r.str(4);
  p.target_groups = strings_of(r.str(5));
  p.implementing_org = r.str(6);
  p.output_kind = r.str(7);
  p.planned_jobs = static_cast<int>(r.i64(8));
  p.monthly_targets = targets_of(r.str(9));
  p.city_share_won = r.i64(10);
  p.district_share_won = r.i64(11);
  p.status = r.str(12);
  p.return_note = r.opt_str(13);
  p.decision_reason = r.opt_str(14);
  p.submitted_at = r.opt_i64(15);
  p.demo = r.i64(16) != 0;
  p.created_at = r.i64(17);
  p.updated_at = r.i64(18);
  return p;
}

Status load_attachments(store::Tx& tx, ProposalRecord& p) {
  DONGNE_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT id, name, media_type, sha256, size_bytes FROM "
                                              "programme_attachments WHERE proposal_id = ? ORDER BY id",
                                              {p.id}));
  p.attachments.clear();
  for (const auto& r : rows.rows) p.attachments.push_back({r.i64(0), r.str(1), r.str(2), r.str(3), r.i64(4)});
  return ok_status();
}

constexpr const char* kProjectCols =
    "id, proposal_id, call_id, district_id, year, name, target_group, implementing_org, output_kind, budget_won, "
    "city_share_won, district_share_won, planned_jobs, monthly_targets, start_date, end_date, demo, entered_late";

ProjectRecord project_of(const store::Row& r) {
  ProjectRecord p;
  p.id = r.i64(0);
  p.proposal_id = r.opt_i64(1);
  p.call_id = r.i64(2);
  p.district_id = r.i64(3);
  p.year = static_cast<int>(r.i64(4));
  p.name = r.str(5);
  p.target_group = r.str(6);
  p.implementing_org = r.str(7);
  p.output_kind = r.str(8);
  p.budget_won = r.i64(9);
  p.city_share_won = r.i64(10);
  p.district_share_won = r.i64(11);
  p.planned_jobs = static_cast<int>(r.i64(12));
  p.monthly_targets = targets_of(r.str(13));
  p.start_date = date_of(r.str(14));
  p.end_date = date_of(r.str(15));
  p.demo = r.i64(16) != 0;
  p.entered_late = r.i64(17) != 0;
  return p;
}

constexpr const char* kParticipantCols =
    "id, project_id, person_key, display_name, phone, user_id, role, paid, target_group, start_date, end_date, removed, "
    "demo, seeker_id";

ParticipantRecord participant_of(const store::Row& r) {
  ParticipantRecord p;
  p.id = r.i64(0);
  p.project_id = r.i64(1);
  p.person_key = r.str(2);
  p.display_name = r.str(3);
  p.phone = r.opt_str(4);
  p.user_id = r.opt_i64(5);
  p.role = r.str(6);
  p.paid = r.i64(7) != 0;
  p.target_group = r.str(8);
  p.start_date = date_of(r.str(9));
  if (auto e = r.opt_str(10)) p.end_date = date_of(*e);
  p.removed = r.i64(11) != 0;
  p.demo = r.i64(12) != 0;
  p.seeker_id = r.opt_i64(13);
  return p;
}

constexpr const char* kReportCols =
    "id, project_id, month, due_date, status, narrative, figures, late, submitted_at, reviewed_at, review_note";

ReportRecord report_row(const store::Row& r) {
  ReportRecord x;
  x.id = r.i64(0);
  x.project_id = r.i64(1);
  x.month = r.str(2);
  x.due_date = date_of(r.str(3));
  x.status = r.str(4);
  x.narrative = r.str(5);
  x.figures_json = r.str(6);
  x.late = r.i64(7) != 0;
  x.submitted_at = r.i64(8);
  x.reviewed_at = r.opt_i64(9);
  x.review_note = r.opt_str(10);
  return x;
}

}  // namespace

Result<int64_t> insert_call(store::Tx& tx, const CallRecord& c, std::optional<int64_t> by) {
  nlohmann::json req = c.required_fields;
  return tx.insert("INSERT INTO programme_calls (city_id, year, title_ko, title_en, envelope_won, city_share_pct, "
                   "min_score, criteria, required_fields, deadline, status, demo, created_by, created_at, entered_late) VALUES "
                   "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, ?, ?)",
                   {c.city_id, int64_t{c.year}, c.title_ko, c.title_en, c.envelope_won, int64_t{c.city_share_pct},
                    int64_t{c.min_score}, criteria_text(c.criteria), req.dump(), c.deadline, b(c.demo), opt(by),
                    c.created_at, b(c.entered_late)});
}

Result<std::optional<CallRecord>> find_call(store::Tx& tx, int64_t id) {
  DONGNE_ASSIGN_OR_RETURN(auto rows, tx.query(std::string("SELECT ") + kCallCols + " FROM programme_calls WHERE id = ?", {id}));
  if (rows.empty()) return std::optional<CallRecord>{};
  return std::optional<CallRecord>(call_of(rows[0]));
}

Result<std::vector<CallRecord>> list_calls(store::Tx& tx) {
  DONGNE_ASSIGN_OR_RETURN(auto rows, tx.query(std::string("SELECT ") + kCallCols + " FROM programme_calls ORDER BY year DESC, id DESC"));
  std::vector<CallRecord> out;
  for (const auto& r : rows.rows) out.push_back(call_of(r));
  return out;
}

Status publish_call(store::Tx& tx, int64_t id, const std::string& selection_json, EpochMs at) {
  return to_status(tx.exec("UPDATE programme_calls SET status = 'published', selection = ?, published_at = ? WHERE id = ?",
                           {selection_json, at, id}));
}

Result<int64_t> insert_proposal(store::Tx& tx, const ProposalRecord& r, std::optional<int64_t> by) {
  nlohmann::json groups = r.target_groups;
  return tx.insert(
      "INSERT INTO programme_proposals (call_id, district_id, title, summary, target_groups, implementing_org, "
      "output_kind, planned_jobs, monthly_targets, city_share_won, district_share_won, status, demo, created_by, "
      "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {r.call_id, r.district_id, r.title, r.summary, groups.dump(), r.implementing_org, r.output_kind,
       int64_t{r.planned_jobs}, targets_text(r.monthly_targets), r.city_share_won, r.district_share_won, r.status,
       b(r.demo), opt(by), r.created_at, r.updated_at});
}

Status update_proposal(store::Tx& tx, const ProposalRecord& r) {
  nlohmann::json groups = r.target_groups;
  return to_status(tx.exec(
      "UPDATE programme_proposals SET title = ?, summary = ?, target_groups = ?, implementing_org = ?, output_kind = ?, "
      "planned_jobs = ?, monthly_targets = ?, city_share_won = ?, district_share_won = ?, status = ?, return_note = ?, "
      "decision_reason = ?, submitted_at = ?, updated_at = ? WHERE id = ?",
      {r.title, r.summary, groups.dump(), r.implementing_org, r.output_kind, int64_t{r.planned_jobs},
       targets_text(r.monthly_targets), r.city_share_won, r.district_share_won, r.status, opt(r.return_note),
       opt(r.decision_reason), opt(r.submitted_at), r.updated_at, r.id}));
}

Result<std::optional<ProposalRecord>> find_proposal(store::Tx& tx, int64_t id) {
  DONGNE_ASSIGN_OR_RETURN(auto rows,
                          tx.query(std::string("SELECT ") + kProposalCols + " FROM programme_proposals WHERE id = ?", {id}));
  if (rows.empty()) return std::optional<ProposalRecord>{};
  ProposalRecord p = proposal_of(rows[0]);
  DONGNE_TRY(load_attachments(tx, p));
  return std::optional<ProposalRecord>(std::move(p));
}

Result<std::vector<ProposalRecord>> proposals_of_call(store::Tx& tx, int64_t call_id) {
  DONGNE_ASSIGN_OR_RETURN(auto rows, tx.query(std::string("SELECT ") + kProposalCols +
                                                  " FROM programme_proposals WHERE call_id = ? ORDER BY id",
                                              {call_id}));
  std::vector<ProposalRecord> out;
  for (const auto& r : rows.rows) {
    out.push_back(proposal_of(r));
    DONGNE_TRY(load_attachments(tx, out.back()));
  }
  return out;
}

Result<int64_t> insert_attachment(store::Tx& tx, int64_t proposal_id, const AttachmentMeta& a, const std::string& b64,
                                  std::optional<int64_t> by, EpochMs now) {
  return tx.insert("INSERT INTO programme_attachments (proposal_id, name, media_type, size_bytes, sha256, "
                   "content_base64, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                   {proposal_id, a.name, a.media_type, a.size_bytes, a.sha256, b64, opt(by), now});
}

Result<std::optional<std::pair<AttachmentMeta, int64_t>>> find_attachment(store::Tx& tx, int64_t id) {
  DONGNE_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT id, name, media_type, sha256, size_bytes, proposal_id FROM "
                                              "programme_attachments WHERE id = ?",
                                              {id}));
  if (rows.empty()) return std::optional<std::pair<AttachmentMeta, int64_t>>{};
  const auto& r = rows[0];
  return std::optional<std::pair<AttachmentMeta, int64_t>>(
      std::make_pair(AttachmentMeta{r.i64(0), r.str(1), r.str(2), r.str(3), r.i64(4)}, r.i64(5)));
}

Result<std::string> attachment_content(store::Tx& tx, int64_t id) {
  DONGNE_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT content_base64 FROM programme_attachments WHERE id = ?", {id}));
  if (rows.empty()) return std::string();
  return rows[0].str(0);
}

Result<std::optional<District>> find_district(store::Tx& tx, int64_t id) {
  DONGNE_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT id, parent_id, name_ko, name_en FROM organisations WHERE id = ? "
                                              "AND kind = 'district'",
                                              {id}));
  if (rows.empty()) return std::optional<District>{};
  return std::optional<District>(District{rows[0].i64(0), rows[0].opt_i64(1), rows[0].str(2), rows[0].str(3)});
}

Result<int64_t> insert_project(store::Tx& tx, const ProjectRecord& p, EpochMs now) {
  return tx.insert(
      "INSERT INTO programme_projects (proposal_id, call_id, district_id, year, name, target_group, implementing_org, "
      "output_kind, budget_won, city_share_won, district_share_won, planned_jobs, monthly_targets, start_date, "
      "end_date, demo, created_at, entered_late) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {opt(p.proposal_id), p.call_id, p.district_id, int64_t{p.year}, p.name, p.target_group, p.implementing_org,
       p.output_kind, p.budget_won, p.city_share_won, p.district_share_won, int64_t{p.planned_jobs},
       targets_text(p.monthly_targets), format_date(p.start_date), format_date(p.end_date), b(p.demo), now,
       b(p.entered_late)});
}

Result<std::optional<ProjectRecord>> find_project(store::Tx& tx, int64_t id) {
  DONGNE_ASSIGN_OR_RETURN(auto rows,
                          tx.query(std::string("SELECT ") + kProjectCols + " FROM programme_projects WHERE id = ?", {id}));
  if (rows.empty()) return std::optional<ProjectRecord>{};
  return std::optional<ProjectRecord>(project_of(rows[0]));
}

Result<std::vector<ProjectRecord>> list_projects(store::Tx& tx, std::optional<int> year, std::optional<int64_t> district) {
  std::string sql = std::string("SELECT ") + kProjectCols + " FROM programme_projects WHERE 1 = 1";
  std::vector<Value> params;
  if (year) { sql += " AND year = ?"; params.emplace_back(int64_t{*year}); }
  if (district) { sql += " AND district_id = ?"; params.emplace_back(*district); }
  sql += " ORDER BY year DESC, district_id, id";
  DONGNE_ASSIGN_OR_RETURN(auto rows, tx.query(sql, params));
  std::vector<ProjectRecord> out;
  for (const auto& r : rows.rows) out.push_back(project_of(r));
  return out;
}

Result<int64_t> insert_participant(store::Tx& tx, const ParticipantRecord& r, EpochMs now) {
  return tx.insert(
      "INSERT INTO programme_participants (project_id, person_key, display_name, phone, user_id, role, paid, "
      "target_group, start_date, end_date, removed, demo, created_at, updated_at, seeker_id) VALUES (?, ?, ?, ?, ?, ?, "
      "?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {r.project_id, r.person_key, r.display_name, opt(r.phone), opt(r.user_id), r.role, b(r.paid), r.target_group,
       format_date(r.start_date), opt_date(r.end_date), b(r.removed), b(r.demo), now, now, opt(r.seeker_id)});
}

Status update_participant(store::Tx& tx, const ParticipantRecord& r, EpochMs now) {
  return to_status(tx.exec("UPDATE programme_participants SET display_name = ?, phone = ?, role = ?, paid = ?, "
                           "target_group = ?, start_date = ?, end_date = ?, removed = ?, updated_at = ?, person_key = ?, "
                           "seeker_id = ? WHERE id = ?",
                           {r.display_name, opt(r.phone), r.role, b(r.paid), r.target_group, format_date(r.start_date),
                            opt_date(r.end_date), b(r.removed), now, r.person_key, opt(r.seeker_id), r.id}));
}

Result<std::optional<ParticipantRecord>> find_participant(store::Tx& tx, int64_t id) {
  DONGNE_ASSIGN_OR_RETURN(auto rows, tx.query(std::string("SELECT ") + kParticipantCols +
                                                  " FROM programme_participants WHERE id = ?",
                                              {id}));
  if (rows.empty()) return std::optional<ParticipantRecord>{};
  return std::optional<ParticipantRecord>(participant_of(rows[0]));
}

Result<std::optional<int64_t>> overlapping_spell(store::Tx& tx, int64_t project_id, const std::string& person_key,
                                                 const std::string& start, const std::string& end, int64_t except_id) {
  // Spells [a, b] and [start, end] overlap when a <= end and start <= b (an open end is the far future).
  const std::string until = end.empty() ? "9999-12-31" : end;
  DONGNE_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT id FROM programme_participants WHERE project_id = ? AND person_key = ? "
                                              "AND removed = 0 AND start_date <= ? AND (end_date IS NULL OR end_date >= ?) "
                                              "AND id <> ? ORDER BY id LIMIT 1",
                                              {project_id, person_key, until, start, except_id}));
  if (rows.empty()) return std::optional<int64_t>{};
  return std::optional<int64_t>(rows[0].i64(0));
}

Result<std::optional<std::string>> person_key_by_contact(store::Tx& tx, int64_t project_id, const std::string& name,
                                                         const std::string& phone) {
  DONGNE_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT person_key, display_name, phone FROM programme_participants "
                                              "WHERE project_id = ? ORDER BY id",
                                              {project_id}));
  auto squash = [](const std::string& s, bool digits) {
    std::string out;
    for (char c : s) {
      if (digits ? (c >= '0' && c <= '9') : (c != ' ' && c != '\t'))
        out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    }
    return out;
  };
  for (const auto& r : rows.rows) {
    if (squash(r.str(1), false) == squash(name, false) && squash(r.str(2), true) == squash(phone, true))
      return std::optional<std::string>(r.str(0));
  }
  return std::optional<std::string>{};
}

Result<std::vector<ParticipantRecord>> participants_of(store::Tx& tx, int64_t project_id) {
  DONGNE_ASSIGN_OR_RETURN(auto rows, tx.query(std::string("SELECT ") + kParticipantCols +
                                                  " FROM programme_participants WHERE project_id = ? ORDER BY id",
                                              {project_id}));
  std::vector<ParticipantRecord> out;
  for (const auto& r : rows.rows) out.push_back(participant_of(r));
  return out;
}

Result<int64_t> insert_spending(store::Tx& tx, const SpendingRecord& s, std::optional<int64_t> by, EpochMs now) {
  return tx.insert("INSERT INTO programme_spending (project_id, day, won, category, note, recorded_by, created_at) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?)",
                   {s.project_id, format_date(s.day), s.won, s.category, s.note, opt(by), now});
}

Result<std::vector<SpendingRecord>> spending_of(store::Tx& tx, int64_t project_id) {
  DONGNE_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT id, project_id, day, won, category, note FROM programme_spending "
                                              "WHERE project_id = ? ORDER BY day, id",
                                              {project_id}));
  std::vector<SpendingRecord> out;
  for (const auto& r : rows.rows) out.push_back({r.i64(0), r.i64(1), date_of(r.str(2)), r.i64(3), r.str(4), r.str(5)});
  return out;
}

Result<std::optional<ReportRecord>> find_report(store::Tx& tx, int64_t id) {
  DONGNE_ASSIGN_OR_RETURN(auto rows,
                          tx.query(std::string("SELECT ") + kReportCols + " FROM programme_reports WHERE id = ?", {id}));
  if (rows.empty()) return std::optional<ReportRecord>{};
  return std::optional<ReportRecord>(report_row(rows[0]));
}

Result<std::optional<ReportRecord>> report_of(store::Tx& tx, int64_t project_id, const std::string& month) {
  DONGNE_ASSIGN_OR_RETURN(auto rows, tx.query(std::string("SELECT ") + kReportCols +
                                                  " FROM programme_reports WHERE project_id = ? AND month = ?",
                                              {project_id, month}));
  if (rows.empty()) return std::optional<ReportRecord>{};
  return std::optional<ReportRecord>(report_row(rows[0]));
}

Result<int64_t> upsert_report(store::Tx& tx, const ReportRecord& r, int64_t by) {
  DONGNE_TRY(tx.exec(
      "INSERT INTO programme_reports (project_id, month, due_date, status, narrative, figures, late, submitted_by, "
      "submitted_at) VALUES (?, ?, ?, 'submitted', ?, ?, ?, ?, ?) ON CONFLICT (project_id, month) DO UPDATE SET "
      "status = 'submitted', narrative = excluded.narrative, figures = excluded.figures, late = excluded.late, "
      "submitted_by = excluded.submitted_by, submitted_at = excluded.submitted_at, reviewed_by = NULL, reviewed_at = "
      "NULL, review_note = NULL",
      {r.project_id, r.month, format_date(r.due_date), r.narrative, r.figures_json, b(r.late), by, r.submitted_at}));
  DONGNE_ASSIGN_OR_RETURN(auto found, report_of(tx, r.project_id, r.month));
  return found ? found->id : 0;
}

Status review_report(store::Tx& tx, int64_t id, const std::string& status, const std::string& note, int64_t by,
                     EpochMs at) {
  return to_status(tx.exec("UPDATE programme_reports SET status = ?, review_note = ?, reviewed_by = ?, reviewed_at = ? "
                           "WHERE id = ?",
                           {status, note, by, at, id}));
}

Result<std::vector<ReportRecord>> reports_of_year(store::Tx& tx, int year) {
  DONGNE_ASSIGN_OR_RETURN(auto rows, tx.query(std::string("SELECT ") + kReportCols +
                                                  " FROM programme_reports WHERE month LIKE ? ORDER BY month, project_id",
                                              {std::to_string(year) + "-%"}));
  std::vector<ReportRecord> out;
  for (const auto& r : rows.rows) out.push_back(report_row(r));
  return out;
}

}  // namespace dongne::programmes::repo

namespace dongne::programmes::repo {

Result<std::optional<std::pair<std::string, std::string>>> open_records_of(store::Tx& tx, int64_t org, const std::string& today) {
  DONGNE_ASSIGN_OR_RETURN(auto calls, directory::count_open(tx, "SELECT COUNT(*) FROM programme_calls WHERE city_id = ? AND status = 'open'",
                                                            org, "진행 중인 공모", "open calls"));
  if (calls) return calls;
  DONGNE_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT COUNT(*) FROM programme_projects WHERE district_id = ? AND end_date >= ?",
                                              {org, today}));
  const int64_t n = rows.empty() ? 0 : rows[0].i64(0);
  if (n == 0) return std::optional<std::pair<std::string, std::string>>();
  return std::optional<std::pair<std::string, std::string>>(
      std::make_pair("진행 중인 사업 " + std::to_string(n) + "건", std::to_string(n) + " projects not yet ended"));
}

}  // namespace dongne::programmes::repo
