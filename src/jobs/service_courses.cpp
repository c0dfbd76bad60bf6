// Courses, cohorts, enrolment, attendance and completion; group counselling; the centre's year (see service.h).
#include <set>

#include "core/person_key.h"
#include "jobs/casework.h"
#include "jobs/profile.h"
#include "jobs/service.h"
#include "jobs/service_util.h"

namespace dongne::jobs {

using namespace detail;  // NOLINT(google-build-using-namespace): this room's own helpers

namespace {

Error no_cohort() { return Error::not_found("과정 기수를 찾을 수 없습니다", "no such cohort"); }
Error no_enrolment() { return Error::not_found("수강 신청을 찾을 수 없습니다", "no such enrolment"); }

// The cohort of an enrolment and the centre running it.
struct CohortCtx {
  CohortRecord cohort;
  CourseRecord course;
};
Result<std::optional<CohortCtx>> cohort_ctx(store::Tx& tx, int64_t cohort_id) {
  DONGNE_ASSIGN_OR_RETURN(auto co, repo::find_cohort(tx, cohort_id));
  if (!co) return std::optional<CohortCtx>{};
  DONGNE_ASSIGN_OR_RETURN(auto cr, repo::find_course(tx, co->course_id));
  return std::optional<CohortCtx>{CohortCtx{*co, *cr}};
}

}  // namespace

Result<CourseRecord> JobsService::create_course(const Principal& p, CourseRecord c) {
  if (c.centre_id == 0) c.centre_id = centre_of(p).value_or(0);
  if (!acts_for_centre(p, c.centre_id)) return not_centre();
  std::vector<FieldError> errs;
  if (c.code.empty()) errs.push_back({"code", "required", "과정 코드가 필요합니다", "a course code is required"});
  if (c.title_ko.empty()) errs.push_back({"title_ko", "required", "과정명이 필요합니다", "a title is required"});
  if (c.title_en.empty()) c.title_en = c.title_ko;
  if (!ref_.keco.known(c.occupation) || c.occupation.size() < 2) {
    errs.push_back({"occupation", "unknown_code", "알 수 없는 직업분류(KECO) 코드입니다: " + c.occupation, "unknown KECO occupation code: " + c.occupation});
  }
  std::vector<std::string> keys;
  DONGNE_ASSIGN_OR_RETURN(auto terms, snapshot());
  for (const auto& t : c.competencies) {
    auto k = competency_key(t, terms->ref, terms->of(c.centre_id));
    if (!k) errs.push_back({"competencies", "unknown_competency", "알 수 없는 역량입니다: " + t, "unknown competency: " + t});
    else keys.push_back(*k);
  }
  c.competencies = keys;
  if (c.hours < 1 || c.hours > 2000) errs.push_back({"hours", "range", "교육 시간은 1~2,000시간입니다", "hours are 1 to 2,000"});
  if (c.outcome_months < 1 || c.outcome_months > 24) errs.push_back({"outcome_months", "range", "1~24개월입니다", "1 to 24 months"});
  if (!errs.empty()) return Error::invalid("과정 정보를 확인해 주세요", "check the course", std::move(errs));
  const EpochMs now = clock_.now_ms();
  DONGNE_TRY(db_.transact([&](store::Tx& tx) -> Status {
    auto id = repo::insert_course(tx, c, now);
    if (!id.ok() && id.error().reason == "unique_violation") return Error::field("code", "taken", "이미 있는 과정 코드입니다", "the code is taken");
    DONGNE_ASSIGN_OR_RETURN(c.id, std::move(id));
    return emit(tx, "jobs.course_created", "jobs_course", c.id, {{"course_id", c.id}, {"centre_id", c.centre_id}}, p.user_id, now);
  }));
  return c;
}

Result<std::vector<CourseRecord>> JobsService::courses(std::optional<int64_t> centre_id) {
  std::vector<CourseRecord> out;
  DONGNE_TRY(db_.read([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(out, repo::courses(tx, centre_id));
    return ok_status();
  }));
  return out;
}

Result<CohortRecord> JobsService::create_cohort(const Principal& p, CohortRecord c) {
  const EpochMs now = clock_.now_ms();
  DONGNE_TRY(db_.transact([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(auto course, repo::find_course(tx, c.course_id));
    if (!course) return Error::not_found("과정을 찾을 수 없습니다", "no such course");
    if (!acts_for_centre(p, course->centre_id)) return not_centre();
    std::vector<FieldError> errs;
    if (c.ends_on < c.starts_on) errs.push_back({"ends_on", "before_start", "종료일이 시작일보다 빠릅니다", "the cohort ends before it starts"});
    if (c.capacity < 1 || c.capacity > 200) errs.push_back({"capacity", "range", "정원은 1~200명입니다", "capacity is 1 to 200"});
    if (c.sessions < 1 || c.sessions > 400) errs.push_back({"sessions", "range", "회차는 1~400회입니다", "sessions are 1 to 400"});
    if (!errs.empty()) return Error::invalid("기수 정보를 확인해 주세요", "check the cohort", std::move(errs));
    DONGNE_ASSIGN_OR_RETURN(c.id, repo::insert_cohort(tx, c, now));
    return emit(tx, "jobs.cohort_created", "jobs_cohort", c.id, {{"cohort_id", c.id}, {"course_id", c.course_id}}, p.user_id, now);
  }));
  return c;
}

Result<std::vector<CohortRecord>> JobsService::cohorts(int64_t course_id) {
  std::vector<CohortRecord> out;
  DONGNE_TRY(db_.read([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(out, repo::cohorts(tx, course_id));
    return ok_status();
  }));
  return out;
}

Result<EnrolmentRecord> JobsService::enrol(const Principal& p, int64_t cohort_id, int64_t seeker_id) {
  const EpochMs now = clock_.now_ms();
  std::optional<EnrolmentRecord> e;
  DONGNE_TRY(db_.transact([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(auto ctx, cohort_ctx(tx, cohort_id));
    if (!ctx) return no_cohort();
    if (!acts_for_centre(p, ctx->course.centre_id)) return not_centre();
    DONGNE_ASSIGN_OR_RETURN(auto s, repo::find_seeker(tx, seeker_id));
    if (!s) return Error::field("seeker_id", "unknown", "구직자를 찾을 수 없습니다", "no such seeker");
    if (ctx->cohort.status != "open") return Error::conflict("모집이 끝난 기수입니다", "the cohort is closed", "closed");
    DONGNE_ASSIGN_OR_RETURN(int64_t n, repo::count_enrolled(tx, cohort_id));
    if (n >= ctx->cohort.capacity) return Error::conflict("정원이 찼습니다", "the cohort is full", "full");
    auto id = repo::insert_enrolment(tx, cohort_id, seeker_id, now);
    if (!id.ok() && id.error().reason == "unique_violation") return Error::conflict("이미 신청했습니다", "already enrolled", "already_enrolled");
    DONGNE_ASSIGN_OR_RETURN(int64_t eid, std::move(id));
    DONGNE_ASSIGN_OR_RETURN(e, repo::find_enrolment(tx, eid));
    return emit(tx, "jobs.enrolled", "jobs_enrolment", eid,
                {{"enrolment_id", eid}, {"cohort_id", cohort_id}, {"course_id", ctx->course.id}, {"seeker_id", seeker_id}},
                p.user_id, now);
  }));
  return std::move(*e);
}

Result<std::vector<EnrolmentRecord>> JobsService::enrolments(const Principal& p, int64_t cohort_id) {
  std::vector<EnrolmentRecord> out;
  DONGNE_TRY(db_.read([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(auto ctx, cohort_ctx(tx, cohort_id));
    if (!ctx) return no_cohort();
    if (!acts_for_centre(p, ctx->course.centre_id)) return not_centre();
    DONGNE_ASSIGN_OR_RETURN(out, repo::enrolments(tx, cohort_id));
    return ok_status();
  }));
  return out;
}

Status JobsService::record_attendance(const Principal& p, int64_t enrolment_id, LocalDate day, bool present) {
  return db_.transact([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(auto e, repo::find_enrolment(tx, enrolment_id));
    if (!e) return no_enrolment();
    DONGNE_ASSIGN_OR_RETURN(auto ctx, cohort_ctx(tx, e->cohort_id));
    if (!acts_for_centre(p, ctx->course.centre_id)) return not_centre();
    if (day < ctx->cohort.starts_on || day > ctx->cohort.ends_on) {
      return Error::field("day", "outside_cohort", "기수 기간(" + format_date(ctx->cohort.starts_on) + "~" + format_date(ctx->cohort.ends_on) + ") 밖입니다",
                          "outside the cohort's dates");
    }
    if (e->status != "enrolled") return Error::conflict("수료 또는 중도 포기한 수강생입니다", "the enrolment is finished", "finished");
    return repo::upsert_attendance(tx, enrolment_id, day, present);
  });
}

Result<EnrolmentRecord> JobsService::complete(const Principal& p, int64_t enrolment_id, LocalDate on) {
  const EpochMs now = clock_.now_ms();
  std::optional<EnrolmentRecord> e;
  DONGNE_TRY(db_.transact([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(e, repo::find_enrolment(tx, enrolment_id));
    if (!e) return no_enrolment();
    DONGNE_ASSIGN_OR_RETURN(auto ctx, cohort_ctx(tx, e->cohort_id));
    if (!acts_for_centre(p, ctx->course.centre_id)) return not_centre();
    if (e->status != "enrolled") return Error::conflict("이미 수료 또는 중도 포기한 수강생입니다", "the enrolment is already finished", "finished");
    // Completion needs the cohort's minimum attendance, counted over its sessions.
    const int needed = (ctx->cohort.sessions * ctx->cohort.min_attendance_pct + 99) / 100;
    if (e->days_present < needed) {
      return Error::conflict("출석이 부족합니다 (" + std::to_string(e->days_present) + "/" + std::to_string(needed) + "회)",
                             "not enough attendance (" + std::to_string(e->days_present) + " of " + std::to_string(needed) + " sessions)",
                             "attendance");
    }
    DONGNE_TRY(repo::set_enrolment(tx, enrolment_id, "completed", on));
    e->status = "completed";
    e->completed_on = on;
    return emit(tx, "jobs.course_completed", "jobs_enrolment", enrolment_id,
                {{"enrolment_id", enrolment_id}, {"cohort_id", e->cohort_id}, {"course_id", ctx->course.id},
                 {"seeker_id", e->seeker_id}, {"on", format_date(on)}, {"person_key", seeker_person_key(e->seeker_id)}},
                p.user_id, now);
  }));
  return std::move(*e);
}

Result<EnrolmentRecord> JobsService::drop(const Principal& p, int64_t enrolment_id) {
  const EpochMs now = clock_.now_ms();
  std::optional<EnrolmentRecord> e;
  DONGNE_TRY(db_.transact([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(e, repo::find_enrolment(tx, enrolment_id));
    if (!e) return no_enrolment();
    DONGNE_ASSIGN_OR_RETURN(auto ctx, cohort_ctx(tx, e->cohort_id));
    if (!acts_for_centre(p, ctx->course.centre_id)) return not_centre();
    if (e->status != "enrolled") return Error::conflict("이미 끝난 수강입니다", "the enrolment is already finished", "finished");
    DONGNE_TRY(repo::set_enrolment(tx, enrolment_id, "dropped", std::nullopt));
    e->status = "dropped";
    return emit(tx, "jobs.enrolment_dropped", "jobs_enrolment", enrolment_id, {{"enrolment_id", enrolment_id}}, p.user_id, now);
  }));
  return std::move(*e);
}

Result<int64_t> JobsService::create_group_session(const Principal& p, int64_t centre_id, const std::string& title, LocalDate on,
                                                  std::optional<int64_t> booking_resource_id) {
  if (!acts_for_centre(p, centre_id)) return not_centre();
  if (title.empty()) return Error::field("title", "required", "제목이 필요합니다", "a title is required");
  const EpochMs now = clock_.now_ms();
  int64_t id = 0;
  DONGNE_TRY(db_.transact([&](store::Tx& tx) -> Status {
    if (booking_resource_id) {
      DONGNE_ASSIGN_OR_RETURN(auto r, tx.query("SELECT kind FROM booking_resources WHERE id = ?", {*booking_resource_id}));
      if (r.empty() || r[0].str(0) != "session") {
        return Error::field("booking_resource_id", "unknown", "예약 시스템의 프로그램(세션)이 아닙니다", "not a bookable session");
      }
    }
    DONGNE_ASSIGN_OR_RETURN(id, tx.insert("INSERT INTO jobs_group_sessions (centre_id, title, on_date, booking_resource_id, created_at) "
                                          "VALUES (?, ?, ?, ?, ?)",
                                          {centre_id, title, format_date(on),
                                           booking_resource_id ? store::Value(*booking_resource_id) : store::Value(nullptr), now}));
    return emit(tx, "jobs.group_session_held", "jobs_group_session", id, {{"session_id", id}, {"centre_id", centre_id}}, p.user_id, now);
  }));
  return id;
}

Status JobsService::record_group_attendance(const Principal& p, int64_t session_id, std::optional<int64_t> seeker_id,
                                            const std::string& person_key) {
  return db_.transact([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(auto s, tx.query("SELECT centre_id FROM jobs_group_sessions WHERE id = ?", {session_id}));
    if (s.empty()) return Error::not_found("집단상담 회차를 찾을 수 없습니다", "no such group session");
    if (!acts_for_centre(p, s[0].i64(0))) return not_centre();
    const std::string key = seeker_id ? "seeker:" + std::to_string(*seeker_id) : person_key;
    if (key.empty()) return Error::field("seeker_id", "required", "참석자가 필요합니다", "who attended is required");
    return to_status(tx.exec("INSERT INTO jobs_group_attendance (session_id, person_key, seeker_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                             {session_id, key, seeker_id ? store::Value(*seeker_id) : store::Value(nullptr)}));
  });
}

Result<std::vector<nlohmann::json>> JobsService::group_sessions(int year) {
  std::vector<nlohmann::json> out;
  DONGNE_TRY(db_.read([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT g.id, g.centre_id, g.title, g.on_date, g.booking_resource_id, "
                                                 "(SELECT COUNT(*) FROM jobs_group_attendance a WHERE a.session_id = g.id) "
                                                 "FROM jobs_group_sessions g WHERE g.on_date BETWEEN ? AND ? ORDER BY g.on_date, g.id",
                                                 {std::to_string(year) + "-01-01", std::to_string(year) + "-12-31"}));
    for (const auto& r : rows.rows) {
      out.push_back({{"id", r.i64(0)}, {"centre_id", r.i64(1)}, {"title", r.str(2)}, {"on", r.str(3)},
                     {"booking_resource_id", r.is_null(4) ? nlohmann::json(nullptr) : nlohmann::json(r.i64(4))},
                     {"attendees", r.i64(5)}});
    }
    return ok_status();
  }));
  return out;
}

Result<YearFigures> JobsService::year_figures(std::optional<int64_t> centre_id, int year) {
  YearFigures f;
  f.year = year;
  const std::string from = std::to_string(year) + "-01-01", to = std::to_string(year) + "-12-31";
  DONGNE_TRY(db_.read([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(auto courses, repo::courses(tx, centre_id));
    for (const auto& c : courses) {
      CourseOutcome o;
      o.course = c;
      DONGNE_ASSIGN_OR_RETURN(auto cohorts, repo::cohorts(tx, c.id));
      std::set<int64_t> completed_seekers;
      for (const auto& co : cohorts) {
        if (co.ends_on < LocalDate{year, 1, 1} || co.starts_on > LocalDate{year, 12, 31}) continue;
        ++o.cohorts;
        DONGNE_ASSIGN_OR_RETURN(auto es, repo::enrolments(tx, co.id));
        for (const auto& e : es) {
          ++o.enrolled;
          if (e.status != "completed" || !e.completed_on) continue;
          ++o.completed;
          // Employed within N months of completing: a hire of hers starting in that window.
          const LocalDate until = add_months(*e.completed_on, c.outcome_months);
          DONGNE_ASSIGN_OR_RETURN(auto h, tx.query("SELECT 1 FROM jobs_hires h JOIN jobs_cases k ON k.id = h.case_id WHERE k.seeker_id = ? "
                                                   "AND h.start_on >= ? AND h.start_on <= ? LIMIT 1",
                                                   {e.seeker_id, format_date(*e.completed_on), format_date(until)}));
          if (!h.empty()) ++o.employed;
        }
      }
      if (o.cohorts == 0) continue;
      ++f.courses;
      f.completions += o.completed;
      f.employed_after_courses += o.employed;
      f.by_course.push_back(std::move(o));
    }
    const std::string centre_sql = centre_id ? " AND centre_id = " + std::to_string(*centre_id) : "";
    DONGNE_ASSIGN_OR_RETURN(auto g, tx.query("SELECT COUNT(*), (SELECT COUNT(DISTINCT a.person_key) FROM jobs_group_attendance a JOIN "
                                             "jobs_group_sessions s ON s.id = a.session_id WHERE s.on_date BETWEEN ? AND ?" +
                                                 (centre_id ? " AND s.centre_id = " + std::to_string(*centre_id) : std::string()) +
                                                 ") FROM jobs_group_sessions WHERE on_date BETWEEN ? AND ?" + centre_sql,
                                             {from, to, from, to}));
    f.group_sessions = static_cast<int>(g[0].i64(0));
    f.group_people = static_cast<int>(g[0].i64(1));
    const std::string case_centre = centre_id ? " AND c.centre_id = " + std::to_string(*centre_id) : "";
    DONGNE_ASSIGN_OR_RETURN(auto i, tx.query("SELECT COUNT(*) FROM jobs_internships i JOIN jobs_cases c ON c.id = i.case_id WHERE "
                                             "i.starts_on BETWEEN ? AND ?" + case_centre, {from, to}));
    f.internships = static_cast<int>(i[0].i64(0));
    DONGNE_ASSIGN_OR_RETURN(auto h, tx.query("SELECT COUNT(*) FROM jobs_hires h JOIN jobs_cases c ON c.id = h.case_id WHERE "
                                             "h.start_on BETWEEN ? AND ?" + case_centre, {from, to}));
    f.hires = static_cast<int>(h[0].i64(0));
    DONGNE_ASSIGN_OR_RETURN(auto s, tx.query("SELECT COUNT(*) FROM jobs_subsidies x JOIN jobs_startup_teams t ON t.id = x.team_id WHERE "
                                             "x.year = ? AND x.status IN ('approved', 'disbursed')" +
                                                 (centre_id ? " AND t.centre_id = " + std::to_string(*centre_id) : std::string()),
                                             {int64_t{year}}));
    f.subsidy_teams = static_cast<int>(s[0].i64(0));
    return ok_status();
  }));
  return f;
}

}  // namespace dongne::jobs
