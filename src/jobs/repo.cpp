#include "jobs/repo.h"

#include "auth/access_log.h"
#include "directory/directory.h"
#include "store/values.h"

namespace dongne::jobs::repo {

namespace {

using store::Value;

using store::values::date_of;
using store::values::opt;
using store::values::opt_date;
std::optional<LocalDate> opt_date_of(const store::Row& r, size_t i) {
  if (r.is_null(i)) return std::nullopt;
  return date_of(r.str(i));
}
nlohmann::json json_of(const std::string& text, nlohmann::json fallback) { return store::values::json_or(text, std::move(fallback)); }

constexpr const char* kSeekerCols =
    "id, centre_id, user_id, display_name, phone, email, birth_year, profile, demo, created_at, updated_at";
SeekerRecord seeker_of(const store::Row& r) {
  SeekerRecord s;
  s.id = r.i64(0);
  s.centre_id = r.i64(1);
  s.user_id = r.opt_i64(2);
  s.display_name = r.str(3);
  s.phone = r.opt_str(4);
  s.email = r.opt_str(5);
  if (!r.is_null(6)) s.birth_year = static_cast<int>(r.i64(6));
  s.profile = json_of(r.str(7), nlohmann::json::object());
  s.demo = r.i64(8) != 0;
  s.created_at = r.i64(9);
  s.updated_at = r.i64(10);
  return s;
}

constexpr const char* kCaseCols =
    "id, seeker_id, centre_id, state, lead_counsellor_id, opened_on, closed_on, plan, demo, updated_at, entered_late";
Result<CaseRecord> case_of(store::Tx& tx, const store::Row& r) {
  CaseRecord c;
  c.id = r.i64(0);
  c.seeker_id = r.i64(1);
  c.centre_id = r.i64(2);
  c.state = r.str(3);
  c.lead_counsellor_id = r.opt_i64(4);
  c.opened_on = date_of(r.str(5));
  c.closed_on = opt_date_of(r, 6);
  c.plan = json_of(r.str(7), nlohmann::json::object());
  c.demo = r.i64(8) != 0;
  c.updated_at = r.i64(9);
  c.entered_late = r.i64(10) != 0;
  DONGNE_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT user_id FROM jobs_case_counsellors WHERE case_id = ? ORDER BY user_id", {c.id}));
  for (const auto& row : rows.rows) c.counsellors.push_back(row.i64(0));
  return c;
}

Result<std::vector<CaseRecord>> cases_where(store::Tx& tx, const std::string& where, const std::vector<Value>& params) {
  DONGNE_ASSIGN_OR_RETURN(auto rows, tx.query(std::string("SELECT ") + kCaseCols + " FROM jobs_cases WHERE " + where, params));
  std::vector<CaseRecord> out;
  for (const auto& r : rows.rows) {
    DONGNE_ASSIGN_OR_RETURN(auto c, case_of(tx, r));
    out.push_back(std::move(c));
  }
  return out;
}

constexpr const char* kCourseCols = "id, centre_id, code, title_ko, title_en, occupation, competencies, hours, outcome_months, demo";
CourseRecord course_of(const store::Row& r) {
  CourseRecord c;
  c.id = r.i64(0);
  c.centre_id = r.i64(1);
  c.code = r.str(2);
  c.title_ko = r.str(3);
  c.title_en = r.str(4);
  c.occupation = r.str(5);
  for (const auto& k : json_of(r.str(6), nlohmann::json::array())) {
    if (k.is_string()) c.competencies.push_back(k.get<std::string>());
  }
  c.hours = static_cast<int>(r.i64(7));
  c.outcome_months = static_cast<int>(r.i64(8));
  c.demo = r.i64(9) != 0;
  return c;
}

constexpr const char* kCohortCols = "id, course_id, starts_on, ends_on, capacity, sessions, min_attendance_pct, status";
CohortRecord cohort_of(const store::Row& r) {
  return {r.i64(0), r.i64(1), date_of(r.str(2)), date_of(r.str(3)), static_cast<int>(r.i64(4)),
          static_cast<int>(r.i64(5)), static_cast<int>(r.i64(6)), r.str(7)};
}

constexpr const char* kEnrolmentSelect =
    "SELECT e.id, e.cohort_id, e.seeker_id, s.display_name, e.status, e.completed_on, "
    "(SELECT COUNT(*) FROM jobs_attendance a WHERE a.enrolment_id = e.id AND a.present = 1), "
    "(SELECT COUNT(*) FROM jobs_attendance a WHERE a.enrolment_id = e.id) "
    "FROM jobs_enrolments e JOIN jobs_seekers s ON s.id = e.seeker_id ";
EnrolmentRecord enrolment_of(const store::Row& r) {
  return {r.i64(0), r.i64(1), r.i64(2), r.str(3), r.str(4), opt_date_of(r, 5), static_cast<int>(r.i64(6)),
          static_cast<int>(r.i64(7))};
}

constexpr const char* kVacancySelect =
    "SELECT v.id, v.employer_id, o.name_ko, v.title, v.occupation, v.detail, v.start_on, v.openings, v.status, v.demo, "
    "v.created_at FROM jobs_vacancies v JOIN organisations o ON o.id = v.employer_id ";
VacancyRecord vacancy_of(const store::Row& r) {
  VacancyRecord v;
  v.id = r.i64(0);
  v.employer_id = r.i64(1);
  v.employer_name = r.str(2);
  v.title = r.str(3);
  v.occupation = r.str(4);
  v.detail = json_of(r.str(5), nlohmann::json::object());
  v.start_on = date_of(r.str(6));
  v.openings = static_cast<int>(r.i64(7));
  v.status = r.str(8);
  v.demo = r.i64(9) != 0;
  v.created_at = r.i64(10);
  return v;
}

constexpr const char* kReferralCols = "id, vacancy_id, case_id, status, interview_on, outcome_note, created_at";
ReferralRecord referral_of(const store::Row& r) {
  return {r.i64(0), r.i64(1), r.i64(2), r.str(3), opt_date_of(r, 4), r.str(5), r.i64(6)};
}

constexpr const char* kHireCols =
    "id, case_id, employer_id, vacancy_id, referral_id, occupation, kind, start_on, wage_won, wage_unit, retention, left_on, demo";
HireRecord hire_of(const store::Row& r) {
  HireRecord h;
  h.id = r.i64(0);
  h.case_id = r.i64(1);
  h.employer_id = r.i64(2);
  h.vacancy_id = r.opt_i64(3);
  h.referral_id = r.opt_i64(4);
  h.occupation = r.str(5);
  h.kind = r.str(6);
  h.start_on = date_of(r.str(7));
  h.wage_won = r.i64(8);
  h.wage_unit = r.str(9);
  h.retention = r.str(10);
  h.left_on = opt_date_of(r, 11);
  h.demo = r.i64(12) != 0;
  return h;
}

constexpr const char* kFollowUpSelect =
    "SELECT f.id, f.hire_id, h.case_id, f.month, f.due_on, f.done_on, f.outcome, f.note, f.employer_note, s.display_name, "
    "o.name_ko FROM jobs_followups f JOIN jobs_hires h ON h.id = f.hire_id JOIN jobs_cases c ON c.id = h.case_id "
    "JOIN jobs_seekers s ON s.id = c.seeker_id JOIN organisations o ON o.id = h.employer_id ";
FollowUpRecord followup_of(const store::Row& r) {
  FollowUpRecord f;
  f.id = r.i64(0);
  f.hire_id = r.i64(1);
  f.case_id = r.i64(2);
  f.month = static_cast<int>(r.i64(3));
  f.due_on = date_of(r.str(4));
  f.done_on = opt_date_of(r, 5);
  f.outcome = r.opt_str(6);
  f.note = r.str(7);
  f.employer_note = r.str(8);
  f.seeker_name = r.str(9);
  f.employer_name = r.str(10);
  return f;
}

constexpr const char* kInternshipCols =
    "id, case_id, employer_id, vacancy_id, starts_on, ends_on, monthly_wage_won, rule_code, rule, status, hire_id, demo";
InternshipRecord internship_of(const store::Row& r) {
  InternshipRecord i;
  i.id = r.i64(0);
  i.case_id = r.i64(1);
  i.employer_id = r.i64(2);
  i.vacancy_id = r.opt_i64(3);
  i.starts_on = date_of(r.str(4));
  i.ends_on = date_of(r.str(5));
  i.monthly_wage_won = r.i64(6);
  i.rule_code = r.str(7);
  i.rule = json_of(r.str(8), nlohmann::json::object());
  i.status = r.str(9);
  i.hire_id = r.opt_i64(10);
  i.demo = r.i64(11) != 0;
  return i;
}

constexpr const char* kPaymentCols =
    "p.id, p.internship_id, p.payee, p.kind, p.seq, p.due_on, p.amount_won, p.condition, p.status, p.approved_by, "
    "p.approved_at, p.paid_by, p.paid_at, p.paid_ref";
PaymentRecord payment_of(const store::Row& r) {
  PaymentRecord p;
  p.id = r.i64(0);
  p.internship_id = r.i64(1);
  p.payee = r.str(2);
  p.kind = r.str(3);
  p.seq = static_cast<int>(r.i64(4));
  p.due_on = date_of(r.str(5));
  p.amount_won = r.i64(6);
  p.condition = r.str(7);
  p.status = r.str(8);
  p.approved_by = r.opt_i64(9);
  p.approved_at = r.opt_i64(10);
  p.paid_by = r.opt_i64(11);
  p.paid_at = r.opt_i64(12);
  p.paid_ref = r.opt_str(13);
  return p;
}

template <typename T, typename F>
Result<std::optional<T>> one(store::Tx& tx, const std::string& sql, const std::vector<Value>& params, F of) {
  DONGNE_ASSIGN_OR_RETURN(auto rows, tx.query(sql, params));
  if (rows.empty()) return std::optional<T>{};
  return std::optional<T>{of(rows[0])};
}

template <typename T, typename F>
Result<std::vector<T>> all(store::Tx& tx, const std::string& sql, const std::vector<Value>& params, F of) {
  DONGNE_ASSIGN_OR_RETURN(auto rows, tx.query(sql, params));
  std::vector<T> out;
  out.reserve(rows.size());
  for (const auto& r : rows.rows) out.push_back(of(r));
  return out;
}

}  // namespace

Result<int64_t> insert_seeker(store::Tx& tx, const SeekerRecord& s, EpochMs now, int64_t actor) {
  return tx.insert(
      "INSERT INTO jobs_seekers (centre_id, user_id, display_name, phone, email, birth_year, profile, demo, created_by, "
      "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {s.centre_id, opt(s.user_id), s.display_name, opt(s.phone), opt(s.email),
       s.birth_year ? Value(int64_t{*s.birth_year}) : Value(nullptr), s.profile.dump(), int64_t{s.demo ? 1 : 0}, actor, now, now});
}

Result<std::optional<SeekerRecord>> find_seeker(store::Tx& tx, int64_t id) {
  return one<SeekerRecord>(tx, std::string("SELECT ") + kSeekerCols + " FROM jobs_seekers WHERE id = ?", {id}, seeker_of);
}

Result<std::optional<SeekerRecord>> seeker_by_user(store::Tx& tx, int64_t user_id) {
  return one<SeekerRecord>(tx, std::string("SELECT ") + kSeekerCols + " FROM jobs_seekers WHERE user_id = ?", {user_id}, seeker_of);
}

Status update_profile(store::Tx& tx, int64_t id, const nlohmann::json& profile, EpochMs now) {
  return to_status(tx.exec("UPDATE jobs_seekers SET profile = ?, updated_at = ? WHERE id = ?", {profile.dump(), now, id}));
}

Result<std::vector<SeekerRecord>> active_seekers(store::Tx& tx, std::optional<int64_t> centre_id) {
  std::string sql = std::string("SELECT ") + kSeekerCols + " FROM jobs_seekers s WHERE EXISTS (SELECT 1 FROM jobs_cases c "
                    "WHERE c.seeker_id = s.id AND c.state IN ('counselling', 'plan', 'training', 'job_search', 'internship'))";
  std::vector<Value> params;
  if (centre_id) {
    sql += " AND s.centre_id = ?";
    params.push_back(*centre_id);
  }
  return all<SeekerRecord>(tx, sql + " ORDER BY s.id", params, seeker_of);
}

Result<int64_t> insert_case(store::Tx& tx, const CaseRecord& c, EpochMs now) {
  DONGNE_ASSIGN_OR_RETURN(int64_t id, tx.insert("INSERT INTO jobs_cases (seeker_id, centre_id, state, lead_counsellor_id, opened_on, "
                                                "plan, demo, created_at, updated_at, entered_late) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                                {c.seeker_id, c.centre_id, c.state, opt(c.lead_counsellor_id),
                                                 format_date(c.opened_on), c.plan.dump(), int64_t{c.demo ? 1 : 0}, now, now,
                                                 int64_t{c.entered_late ? 1 : 0}}));
  for (int64_t u : c.counsellors) DONGNE_TRY(add_counsellor(tx, id, u));
  return id;
}

Result<std::optional<CaseRecord>> find_case(store::Tx& tx, int64_t id) {
  DONGNE_ASSIGN_OR_RETURN(auto list, cases_where(tx, "id = ?", {id}));
  if (list.empty()) return std::optional<CaseRecord>{};
  return std::optional<CaseRecord>{std::move(list[0])};
}

Result<std::vector<CaseRecord>> cases_of_seeker(store::Tx& tx, int64_t seeker_id) {
  return cases_where(tx, "seeker_id = ? ORDER BY id", {seeker_id});
}

Result<std::vector<CaseRecord>> open_cases(store::Tx& tx, int64_t centre_id) {
  return cases_where(tx, "centre_id = ? AND state <> 'closed' ORDER BY updated_at DESC, id DESC", {centre_id});
}

Status set_state(store::Tx& tx, int64_t case_id, const std::string& state, std::optional<LocalDate> closed_on, EpochMs now) {
  return to_status(tx.exec("UPDATE jobs_cases SET state = ?, closed_on = ?, updated_at = ? WHERE id = ?",
                           {state, opt_date(closed_on), now, case_id}));
}

Status set_plan(store::Tx& tx, int64_t case_id, const nlohmann::json& plan, EpochMs now) {
  return to_status(tx.exec("UPDATE jobs_cases SET plan = ?, updated_at = ? WHERE id = ?", {plan.dump(), now, case_id}));
}

Status add_counsellor(store::Tx& tx, int64_t case_id, int64_t user_id) {
  return to_status(tx.exec("INSERT INTO jobs_case_counsellors (case_id, user_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                           {case_id, user_id}));
}

Status insert_transition(store::Tx& tx, int64_t case_id, const TransitionRecord& t) {
  return to_status(tx.exec("INSERT INTO jobs_case_transitions (case_id, from_state, to_state, on_date, reason, actor_user_id, at) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?)",
                           {case_id, opt(t.from), t.to, format_date(t.on), t.reason, opt(t.actor), t.at}));
}

Result<std::vector<TransitionRecord>> transitions(store::Tx& tx, int64_t case_id) {
  return all<TransitionRecord>(
      tx, "SELECT id, from_state, to_state, on_date, reason, actor_user_id, at FROM jobs_case_transitions WHERE case_id = ? ORDER BY id",
      {case_id}, [](const store::Row& r) {
        return TransitionRecord{r.i64(0), r.opt_str(1), r.str(2), date_of(r.str(3)), r.str(4), r.opt_i64(5), r.i64(6)};
      });
}

Result<int64_t> insert_note(store::Tx& tx, const NoteRecord& n) {
  return tx.insert("INSERT INTO jobs_notes (case_id, author_user_id, kind, body, at) VALUES (?, ?, ?, ?, ?)",
                   {n.case_id, n.author, n.kind, n.body, n.at});
}

Result<std::vector<NoteRecord>> notes(store::Tx& tx, int64_t case_id) {
  return all<NoteRecord>(tx,
                         "SELECT n.id, n.case_id, n.author_user_id, COALESCE(u.name, ''), n.kind, n.body, n.at FROM jobs_notes n "
                         "LEFT JOIN users u ON u.id = n.author_user_id WHERE n.case_id = ? ORDER BY n.id",
                         {case_id}, [](const store::Row& r) {
                           return NoteRecord{r.i64(0), r.i64(1), r.i64(2), r.str(3), r.str(4), r.str(5), r.i64(6)};
                         });
}

Status log_access(store::Tx& tx, int64_t actor, int64_t case_id, int64_t seeker_id, const std::string& what,
                  const std::string& reason, bool allowed, EpochMs now) {
  DONGNE_ASSIGN_OR_RETURN(auto owner, tx.query("SELECT user_id FROM jobs_seekers WHERE id = ?", {seeker_id}));
  const int64_t subject = owner.empty() ? 0 : owner[0].opt_i64(0).value_or(0);
  const bool notes = what == "notes";
  const std::string kind = notes ? "case_notes" : what == "profile" ? "seeker_profile" : "seeker";
  const std::string route = notes ? "GET /api/v1/jobs/cases/{id}/notes"
                            : what == "profile" ? "GET /api/v1/jobs/seekers/{id}/matches" : "GET /api/v1/jobs/seekers/{id}";
  return auth::log_read(tx, {actor, subject, kind, std::to_string(notes ? case_id : seeker_id), route, reason, allowed, now});
}

Result<std::vector<nlohmann::json>> access_log(store::Tx& tx, int64_t case_id, int64_t seeker_id) {
  return all<nlohmann::json>(tx,
                             "SELECT l.id, l.actor_user_id, COALESCE(u.name, ''), l.subject_kind, l.reason, l.allowed, l.at "
                             "FROM pii_access_log l LEFT JOIN users u ON u.id = l.actor_user_id "
                             "WHERE (l.subject_kind = 'case_notes' AND l.record_id = ?) "
                             "OR (l.subject_kind IN ('seeker', 'seeker_profile') AND l.record_id = ?) ORDER BY l.id DESC",
                             {std::to_string(case_id), std::to_string(seeker_id)}, [](const store::Row& r) {
                               const std::string k = r.str(3);
                               const std::string what = k == "case_notes" ? "notes" : k == "seeker_profile" ? "profile" : "seeker";
                               return nlohmann::json{{"id", r.i64(0)}, {"actor_user_id", r.i64(1)}, {"actor_name", r.str(2)},
                                                     {"what", what}, {"reason", r.str(4)}, {"allowed", r.i64(5) != 0},
                                                     {"at", format_rfc3339(r.i64(6))}};
                             });
}

Result<int64_t> insert_course(store::Tx& tx, const CourseRecord& c, EpochMs now) {
  return tx.insert("INSERT INTO jobs_courses (centre_id, code, title_ko, title_en, occupation, competencies, hours, outcome_months, "
                   "demo, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   {c.centre_id, c.code, c.title_ko, c.title_en, c.occupation, nlohmann::json(c.competencies).dump(),
                    int64_t{c.hours}, int64_t{c.outcome_months}, int64_t{c.demo ? 1 : 0}, now});
}

Result<std::optional<CourseRecord>> find_course(store::Tx& tx, int64_t id) {
  return one<CourseRecord>(tx, std::string("SELECT ") + kCourseCols + " FROM jobs_courses WHERE id = ?", {id}, course_of);
}

Result<std::vector<CourseRecord>> courses(store::Tx& tx, std::optional<int64_t> centre_id) {
  if (centre_id) {
    return all<CourseRecord>(tx, std::string("SELECT ") + kCourseCols + " FROM jobs_courses WHERE centre_id = ? ORDER BY id",
                             {*centre_id}, course_of);
  }
  return all<CourseRecord>(tx, std::string("SELECT ") + kCourseCols + " FROM jobs_courses ORDER BY id", {}, course_of);
}

Result<int64_t> insert_cohort(store::Tx& tx, const CohortRecord& c, EpochMs now) {
  return tx.insert("INSERT INTO jobs_cohorts (course_id, starts_on, ends_on, capacity, sessions, min_attendance_pct, created_at) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?)",
                   {c.course_id, format_date(c.starts_on), format_date(c.ends_on), int64_t{c.capacity}, int64_t{c.sessions},
                    int64_t{c.min_attendance_pct}, now});
}

Result<std::optional<CohortRecord>> find_cohort(store::Tx& tx, int64_t id) {
  return one<CohortRecord>(tx, std::string("SELECT ") + kCohortCols + " FROM jobs_cohorts WHERE id = ?", {id}, cohort_of);
}

Result<std::vector<CohortRecord>> cohorts(store::Tx& tx, int64_t course_id) {
  return all<CohortRecord>(tx, std::string("SELECT ") + kCohortCols + " FROM jobs_cohorts WHERE course_id = ? ORDER BY starts_on, id",
                           {course_id}, cohort_of);
}

Result<int64_t> insert_enrolment(store::Tx& tx, int64_t cohort_id, int64_t seeker_id, EpochMs now) {
  return tx.insert("INSERT INTO jobs_enrolments (cohort_id, seeker_id, created_at) VALUES (?, ?, ?)", {cohort_id, seeker_id, now});
}

Result<std::optional<EnrolmentRecord>> find_enrolment(store::Tx& tx, int64_t id) {
  return one<EnrolmentRecord>(tx, std::string(kEnrolmentSelect) + "WHERE e.id = ?", {id}, enrolment_of);
}

Result<std::vector<EnrolmentRecord>> enrolments(store::Tx& tx, int64_t cohort_id) {
  return all<EnrolmentRecord>(tx, std::string(kEnrolmentSelect) + "WHERE e.cohort_id = ? ORDER BY e.id", {cohort_id}, enrolment_of);
}

Result<int64_t> count_enrolled(store::Tx& tx, int64_t cohort_id) {
  DONGNE_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT COUNT(*) FROM jobs_enrolments WHERE cohort_id = ? AND status <> 'dropped'", {cohort_id}));
  return rows[0].i64(0);
}

Status set_enrolment(store::Tx& tx, int64_t id, const std::string& status, std::optional<LocalDate> completed_on) {
  return to_status(tx.exec("UPDATE jobs_enrolments SET status = ?, completed_on = ? WHERE id = ?", {status, opt_date(completed_on), id}));
}

Status upsert_attendance(store::Tx& tx, int64_t enrolment_id, LocalDate day, bool present) {
  return to_status(tx.exec("INSERT INTO jobs_attendance (enrolment_id, day, present) VALUES (?, ?, ?) "
                           "ON CONFLICT (enrolment_id, day) DO UPDATE SET present = excluded.present",
                           {enrolment_id, format_date(day), int64_t{present ? 1 : 0}}));
}

Result<int64_t> insert_vacancy(store::Tx& tx, const VacancyRecord& v, EpochMs now, int64_t actor) {
  return tx.insert("INSERT INTO jobs_vacancies (employer_id, title, occupation, detail, start_on, openings, demo, created_by, "
                   "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   {v.employer_id, v.title, v.occupation, v.detail.dump(), format_date(v.start_on), int64_t{v.openings},
                    int64_t{v.demo ? 1 : 0}, actor, now, now});
}

Result<std::optional<VacancyRecord>> find_vacancy(store::Tx& tx, int64_t id) {
  return one<VacancyRecord>(tx, std::string(kVacancySelect) + "WHERE v.id = ?", {id}, vacancy_of);
}

Result<std::vector<VacancyRecord>> vacancies(store::Tx& tx, std::optional<int64_t> employer_id, bool open_only) {
  std::string where = "WHERE 1 = 1";
  std::vector<Value> params;
  if (employer_id) {
    where += " AND v.employer_id = ?";
    params.push_back(*employer_id);
  }
  if (open_only) where += " AND v.status = 'open'";
  return all<VacancyRecord>(tx, std::string(kVacancySelect) + where + " ORDER BY v.id DESC", params, vacancy_of);
}

Status set_vacancy_status(store::Tx& tx, int64_t id, const std::string& status, EpochMs now) {
  return to_status(tx.exec("UPDATE jobs_vacancies SET status = ?, updated_at = ? WHERE id = ?", {status, now, id}));
}

Result<int64_t> insert_referral(store::Tx& tx, int64_t vacancy_id, int64_t case_id, int64_t actor, EpochMs now) {
  return tx.insert("INSERT INTO jobs_referrals (vacancy_id, case_id, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
                   {vacancy_id, case_id, actor, now, now});
}

Result<std::optional<ReferralRecord>> find_referral(store::Tx& tx, int64_t id) {
  return one<ReferralRecord>(tx, std::string("SELECT ") + kReferralCols + " FROM jobs_referrals WHERE id = ?", {id}, referral_of);
}

Status update_referral(store::Tx& tx, const ReferralRecord& r, EpochMs now) {
  return to_status(tx.exec("UPDATE jobs_referrals SET status = ?, interview_on = ?, outcome_note = ?, updated_at = ? WHERE id = ?",
                           {r.status, opt_date(r.interview_on), r.outcome_note, now, r.id}));
}

Result<int64_t> insert_hire(store::Tx& tx, const HireRecord& h, int64_t actor, EpochMs now) {
  return tx.insert("INSERT INTO jobs_hires (case_id, employer_id, vacancy_id, referral_id, occupation, kind, start_on, wage_won, "
                   "wage_unit, demo, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   {h.case_id, h.employer_id, opt(h.vacancy_id), opt(h.referral_id), h.occupation, h.kind, format_date(h.start_on),
                    h.wage_won, h.wage_unit, int64_t{h.demo ? 1 : 0}, actor, now});
}

Result<std::vector<HireRecord>> hires_of_case(store::Tx& tx, int64_t case_id) {
  return all<HireRecord>(tx, std::string("SELECT ") + kHireCols + " FROM jobs_hires WHERE case_id = ? ORDER BY id", {case_id}, hire_of);
}

Status insert_followup(store::Tx& tx, int64_t hire_id, int month, LocalDate due_on) {
  return to_status(tx.exec("INSERT INTO jobs_followups (hire_id, month, due_on) VALUES (?, ?, ?)",
                           {hire_id, int64_t{month}, format_date(due_on)}));
}

Result<std::optional<FollowUpRecord>> find_followup(store::Tx& tx, int64_t id) {
  return one<FollowUpRecord>(tx, std::string(kFollowUpSelect) + "WHERE f.id = ?", {id}, followup_of);
}

Result<std::vector<FollowUpRecord>> followups(store::Tx& tx, int64_t case_id, int64_t centre_id, std::optional<LocalDate> until) {
  if (case_id != 0) {
    return all<FollowUpRecord>(tx, std::string(kFollowUpSelect) + "WHERE h.case_id = ? ORDER BY f.due_on, f.id", {case_id}, followup_of);
  }
  return all<FollowUpRecord>(tx, std::string(kFollowUpSelect) + "WHERE c.centre_id = ? AND f.done_on IS NULL AND f.due_on <= ? "
                                 "AND h.retention = 'employed' ORDER BY f.due_on, f.id",
                             {centre_id, format_date(until.value_or(LocalDate{9999, 12, 31}))}, followup_of);
}

Status record_followup(store::Tx& tx, const FollowUpRecord& f, int64_t actor) {
  return to_status(tx.exec("UPDATE jobs_followups SET done_on = ?, outcome = ?, note = ?, employer_note = ?, done_by = ? WHERE id = ?",
                           {opt_date(f.done_on), opt(f.outcome), f.note, f.employer_note, actor, f.id}));
}

Status set_retention(store::Tx& tx, int64_t hire_id, const std::string& retention, std::optional<LocalDate> left_on) {
  return to_status(tx.exec("UPDATE jobs_hires SET retention = ?, left_on = ? WHERE id = ?", {retention, opt_date(left_on), hire_id}));
}

Result<int64_t> insert_internship(store::Tx& tx, const InternshipRecord& i, int64_t actor, EpochMs now) {
  return tx.insert("INSERT INTO jobs_internships (case_id, employer_id, vacancy_id, starts_on, ends_on, monthly_wage_won, rule_code, "
                   "rule, demo, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   {i.case_id, i.employer_id, opt(i.vacancy_id), format_date(i.starts_on), format_date(i.ends_on),
                    i.monthly_wage_won, i.rule_code, i.rule.dump(), int64_t{i.demo ? 1 : 0}, actor, now});
}

Result<std::optional<InternshipRecord>> find_internship(store::Tx& tx, int64_t id) {
  return one<InternshipRecord>(tx, std::string("SELECT ") + kInternshipCols + " FROM jobs_internships WHERE id = ?", {id}, internship_of);
}

namespace {
// " AND <column> IN (?, ?...)" over the centres (nothing matches an empty list).
void centre_filter(std::string& sql, std::vector<Value>& params, const char* column,
                   const std::optional<std::vector<int64_t>>& centres) {
  if (!centres) return;
  if (centres->empty()) {
    sql += " AND 1 = 0";
    return;
  }
  sql += std::string(" AND ") + column + " IN (";
  for (size_t i = 0; i < centres->size(); ++i) {
    sql += i ? ", ?" : "?";
    params.push_back((*centres)[i]);
  }
  sql += ")";
}
}  // namespace

Result<std::vector<InternshipRecord>> internships(store::Tx& tx, std::optional<int64_t> case_id,
                                                  const std::optional<std::vector<int64_t>>& centres) {
  std::string sql = std::string("SELECT ") + kInternshipCols + " FROM jobs_internships i WHERE 1 = 1";
  std::vector<Value> params;
  if (case_id) {
    sql += " AND i.case_id = ?";
    params.push_back(*case_id);
  }
  if (centres) sql += " AND i.case_id IN (SELECT id FROM jobs_cases c WHERE 1 = 1";
  centre_filter(sql, params, "c.centre_id", centres);
  if (centres) sql += ")";
  return all<InternshipRecord>(tx, sql + " ORDER BY i.id", params, internship_of);
}

Status set_internship(store::Tx& tx, int64_t id, const std::string& status, std::optional<int64_t> hire_id) {
  return to_status(tx.exec("UPDATE jobs_internships SET status = ?, hire_id = ? WHERE id = ?", {status, opt(hire_id), id}));
}

Status insert_payment(store::Tx& tx, const PaymentRecord& p) {
  return to_status(tx.exec("INSERT INTO jobs_payments (internship_id, payee, kind, seq, due_on, amount_won, condition) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?)",
                           {p.internship_id, p.payee, p.kind, int64_t{p.seq}, format_date(p.due_on), p.amount_won, p.condition}));
}

Result<std::optional<PaymentRecord>> find_payment(store::Tx& tx, int64_t id) {
  return one<PaymentRecord>(tx, std::string("SELECT ") + kPaymentCols + " FROM jobs_payments p WHERE p.id = ?", {id}, payment_of);
}

Result<std::vector<PaymentRecord>> payments(store::Tx& tx, std::optional<int64_t> internship_id, std::optional<std::string> status,
                                            const std::optional<std::vector<int64_t>>& centres) {
  std::string sql = std::string("SELECT ") + kPaymentCols +
                    " FROM jobs_payments p JOIN jobs_internships i ON i.id = p.internship_id JOIN jobs_cases c ON c.id = i.case_id WHERE 1 = 1";
  std::vector<Value> params;
  if (internship_id) {
    sql += " AND p.internship_id = ?";
    params.push_back(*internship_id);
  }
  if (status) {
    sql += " AND p.status = ?";
    params.push_back(*status);
  }
  centre_filter(sql, params, "c.centre_id", centres);
  return all<PaymentRecord>(tx, sql + " ORDER BY p.due_on, p.id", params, payment_of);
}

Result<int64_t> approve_payment(store::Tx& tx, int64_t id, int64_t actor, EpochMs now) {
  return tx.exec("UPDATE jobs_payments SET status = 'approved', approved_by = ?, approved_at = ? WHERE id = ? AND status = 'scheduled'",
                 {actor, now, id});
}

Result<int64_t> pay_payment(store::Tx& tx, int64_t id, int64_t actor, EpochMs now, const std::string& ref) {
  return tx.exec("UPDATE jobs_payments SET status = 'paid', paid_by = ?, paid_at = ?, paid_ref = ? WHERE id = ? AND status = 'approved'",
                 {actor, now, ref, id});
}

Status cancel_scheduled_payments(store::Tx& tx, int64_t internship_id, LocalDate after) {
  return to_status(tx.exec("UPDATE jobs_payments SET status = 'cancelled' WHERE internship_id = ? AND status = 'scheduled' AND due_on > ?",
                           {internship_id, format_date(after)}));
}

Result<std::optional<int64_t>> centre_of_case(store::Tx& tx, int64_t case_id) {
  DONGNE_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT centre_id FROM jobs_cases WHERE id = ?", {case_id}));
  if (rows.empty()) return std::optional<int64_t>{};
  return std::optional<int64_t>{rows[0].i64(0)};
}

}  // namespace dongne::jobs::repo

namespace dongne::jobs::repo {

Result<std::optional<std::pair<std::string, std::string>>> open_records_of(store::Tx& tx, int64_t org) {
  DONGNE_ASSIGN_OR_RETURN(auto cases, directory::count_open(tx, "SELECT COUNT(*) FROM jobs_cases WHERE centre_id = ? AND state <> 'closed'",
                                                            org, "진행 중인 새일 사례", "open Saeil cases"));
  if (cases) return cases;
  return directory::count_open(tx, "SELECT COUNT(*) FROM jobs_vacancies WHERE employer_id = ? AND status = 'open'", org,
                               "열린 구인", "open vacancies");
}

}  // namespace dongne::jobs::repo
