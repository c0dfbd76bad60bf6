// Seekers, cases, transitions, plans, counsellors and counselling notes (see service.h).
#include "jobs/casework.h"
#include "jobs/profile.h"
#include "jobs/service.h"
#include "jobs/service_util.h"

namespace dongne::jobs {

using namespace detail;  // NOLINT(google-build-using-namespace): this room's own helpers

bool JobsService::acts_for_centre(const Principal& p, int64_t centre_id) {
  return p.covers(Role::kCounsellor, centre_id);
}

bool JobsService::acts_for_employer(const Principal& p, int64_t employer_id) {
  return p.covers(Role::kEmployer, employer_id);
}

std::optional<int64_t> JobsService::centre_of(const Principal& p) {
  for (const auto& g : p.grants) {
    if (g.role == Role::kCounsellor && g.scope_kind == "centre") return g.scope_id;
  }
  return std::nullopt;
}

namespace {

// A day that is ahead of today, on a field that records what has happened.
Error future_day(const char* field) {
  return Error::field(field, "future", "앞으로의 날짜는 넣을 수 없습니다", "the date cannot be in the future");
}

Status check_seeker_input(const SeekerRecord& s) {
  std::vector<FieldError> errs;
  if (s.display_name.empty()) errs.push_back({"display_name", "required", "이름이 필요합니다", "a name is required"});
  for (const auto* t : {&s.display_name, s.phone ? &*s.phone : nullptr, s.email ? &*s.email : nullptr}) {
    if (t && looks_like_rrn(*t)) {
      errs.push_back({"display_name", "rrn", "주민등록번호는 받지 않습니다", "resident registration numbers are never accepted"});
      break;
    }
  }
  if (s.birth_year && (*s.birth_year < 1930 || *s.birth_year > 2012)) {
    errs.push_back({"birth_year", "range", "출생 연도는 1930~2012년입니다", "the birth year is 1930 to 2012"});
  }
  if (!errs.empty()) return Error::invalid("구직자 정보를 확인해 주세요", "check the seeker", std::move(errs));
  return ok_status();
}

// Whether the principal may see the seeker's record: her own, or staff of her centre.
bool may_see(const Principal& p, const SeekerRecord& s) {
  return (s.user_id && *s.user_id == p.user_id) || JobsService::acts_for_centre(p, s.centre_id);
}

Status open_case(store::Tx& tx, SeekerRecord& s, CaseRecord& c, const Principal& p, EpochMs now, LocalDate opened_on) {
  DONGNE_ASSIGN_OR_RETURN(s.id, repo::insert_seeker(tx, s, now, p.user_id));
  c.seeker_id = s.id;
  c.centre_id = s.centre_id;
  c.opened_on = opened_on;
  DONGNE_ASSIGN_OR_RETURN(c.id, repo::insert_case(tx, c, now));
  DONGNE_TRY(repo::insert_transition(tx, c.id, TransitionRecord{0, std::nullopt, "intake", c.opened_on, "", p.user_id, now}));
  DONGNE_TRY(emit(tx, "jobs.seeker_registered", "jobs_seeker", s.id,
                  {{"seeker_id", s.id}, {"centre_id", s.centre_id}, {"self", s.user_id.has_value()}}, p.user_id, now));
  nlohmann::json opened = {{"case_id", c.id}, {"seeker_id", s.id}, {"centre_id", s.centre_id}};
  if (c.entered_late) opened["entered_late"] = true;
  return emit(tx, "jobs.case_opened", "jobs_case", c.id, opened, p.user_id, now);
}

}  // namespace

Result<CaseRecord> JobsService::intake(const Principal& p, SeekerRecord s, std::optional<LocalDate> opened_on,
                                       bool entered_late) {
  if (s.centre_id == 0) s.centre_id = centre_of(p).value_or(0);
  if (s.centre_id == 0) return Error::field("centre_id", "required", "새일센터를 고르세요", "choose the centre");
  if (!acts_for_centre(p, s.centre_id)) return not_centre();
  DONGNE_TRY(check_seeker_input(s));
  DONGNE_ASSIGN_OR_RETURN(auto terms, snapshot());
  DONGNE_ASSIGN_OR_RETURN(s.profile, check_profile(s.profile, terms->ref, local_date(clock_.now_ms()), terms->of(s.centre_id)));
  const EpochMs now = clock_.now_ms();
  // A first interview held earlier (on paper, at an outreach desk) is entered with its own date.
  const LocalDate today = local_date(now);
  const LocalDate opened = opened_on.value_or(today);
  if (opened > today) return future_day("opened_on");
  // Three years back at most, unless the case is entered after the fact (a past year's records): then from 2000.
  if (!entered_late && opened < add_days(today, -3 * 366)) {
    return Error::field("opened_on", "too_old", "3년 이내의 날짜만 넣을 수 있습니다. 지난 기록이면 '나중에 입력'으로 표시하세요",
                        "the date is at most three years back; mark a past record as entered late");
  }
  if (opened < LocalDate{2000, 1, 1}) {
    return Error::field("opened_on", "too_old", "2000년 이후의 날짜만 넣을 수 있습니다", "the date is 2000 or later");
  }
  CaseRecord c;
  c.entered_late = entered_late;
  if (p.has(Role::kCounsellor)) {
    c.lead_counsellor_id = p.user_id;
    c.counsellors = {p.user_id};
  }
  DONGNE_TRY(db_.transact([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(auto org, tx.query("SELECT kind FROM organisations WHERE id = ?", {s.centre_id}));
    if (org.empty() || org[0].str(0) != "centre") return Error::field("centre_id", "unknown", "새일센터가 아닙니다", "not a centre");
    return open_case(tx, s, c, p, now, opened);
  }));
  return c;
}

Result<CaseRecord> JobsService::self_register(const Principal& p, SeekerRecord s) {
  s.user_id = p.user_id;
  if (s.display_name.empty()) s.display_name = p.name;
  DONGNE_TRY(check_seeker_input(s));
  DONGNE_ASSIGN_OR_RETURN(auto terms, snapshot());
  DONGNE_ASSIGN_OR_RETURN(s.profile, check_profile(s.profile, terms->ref, local_date(clock_.now_ms()), terms->of(s.centre_id)));
  const EpochMs now = clock_.now_ms();
  CaseRecord c;
  DONGNE_TRY(db_.transact([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(auto org, tx.query("SELECT kind FROM organisations WHERE id = ?", {s.centre_id}));
    if (org.empty() || org[0].str(0) != "centre") {
      return Error::field("centre_id", "unknown", "새일센터를 골라 주세요", "choose a Saeil centre");
    }
    DONGNE_ASSIGN_OR_RETURN(auto existing, repo::seeker_by_user(tx, p.user_id));
    if (existing) return Error::conflict("이미 등록하셨습니다", "you are already registered", "already_registered");
    return open_case(tx, s, c, p, now, local_date(now));
  }));
  return c;
}

Result<SeekerRecord> JobsService::seeker(const Principal& p, int64_t id, const std::string& reason) {
  std::optional<SeekerRecord> s;
  DONGNE_TRY(db_.transact([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(s, repo::find_seeker(tx, id));
    if (!s) return no_seeker();
    if (!may_see(p, *s)) return not_centre();
    if (s->user_id && *s->user_id == p.user_id) return ok_status();
    // Another person's contact data and profile: the read is logged.
    return repo::log_access(tx, p.user_id, 0, s->id, "seeker", reason.empty() ? "casework" : reason, true, clock_.now_ms());
  }));
  return std::move(*s);
}

Result<std::optional<SeekerRecord>> JobsService::my_seeker(const Principal& p) {
  std::optional<SeekerRecord> s;
  DONGNE_TRY(db_.read([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(s, repo::seeker_by_user(tx, p.user_id));
    return ok_status();
  }));
  return s;
}

Result<SeekerRecord> JobsService::update_profile(const Principal& p, int64_t seeker_id, const nlohmann::json& profile) {
  const EpochMs now = clock_.now_ms();
  std::optional<SeekerRecord> s;
  DONGNE_TRY(db_.transact([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(s, repo::find_seeker(tx, seeker_id));
    if (!s) return no_seeker();
    if (!may_see(p, *s)) return not_centre();
    DONGNE_ASSIGN_OR_RETURN(auto terms, terms_.current(tx));
    DONGNE_ASSIGN_OR_RETURN(s->profile, check_profile(profile, terms->ref, local_date(clock_.now_ms()), terms->of(s->centre_id)));
    DONGNE_TRY(repo::update_profile(tx, seeker_id, s->profile, now));
    return emit(tx, "jobs.profile_updated", "jobs_seeker", seeker_id, {{"seeker_id", seeker_id}}, p.user_id, now);
  }));
  return std::move(*s);
}

Result<CaseRecord> JobsService::case_of(const Principal& p, int64_t id) {
  std::optional<CaseRecord> c;
  DONGNE_TRY(db_.read([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(c, repo::find_case(tx, id));
    if (!c) return no_case();
    if (acts_for_centre(p, c->centre_id)) return ok_status();
    DONGNE_ASSIGN_OR_RETURN(auto s, repo::find_seeker(tx, c->seeker_id));
    if (s && s->user_id && *s->user_id == p.user_id) return ok_status();
    return not_centre();
  }));
  return std::move(*c);
}

Result<std::vector<CaseRecord>> JobsService::cases_of_seeker(const Principal& p, int64_t seeker_id) {
  std::vector<CaseRecord> out;
  DONGNE_TRY(db_.read([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(auto s, repo::find_seeker(tx, seeker_id));
    if (!s) return no_seeker();
    if (!may_see(p, *s)) return not_centre();
    DONGNE_ASSIGN_OR_RETURN(out, repo::cases_of_seeker(tx, seeker_id));
    return ok_status();
  }));
  return out;
}

Result<WorkList> JobsService::work_list(const Principal& p) {
  auto centre = centre_of(p);
  if (!centre) return Error::forbidden("새일센터 상담사만 볼 수 있습니다", "only a centre's counsellors have a work list");
  WorkList w;
  const LocalDate today = local_date(clock_.now_ms());
  DONGNE_TRY(db_.read([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(auto cases, repo::open_cases(tx, *centre));
    // Her own cases first, then the centre's others (each group most recently changed first).
    std::stable_partition(cases.begin(), cases.end(), [&](const CaseRecord& c) {
      return std::find(c.counsellors.begin(), c.counsellors.end(), p.user_id) != c.counsellors.end();
    });
    for (auto& c : cases) {
      DONGNE_ASSIGN_OR_RETURN(auto s, repo::find_seeker(tx, c.seeker_id));
      w.seeker_names.push_back(s ? s->display_name : "");
      w.cases.push_back(std::move(c));
    }
    DONGNE_ASSIGN_OR_RETURN(w.followups, repo::followups(tx, 0, *centre, add_days(today, 14)));
    DONGNE_ASSIGN_OR_RETURN(auto pays, repo::payments(tx, std::nullopt, std::string("scheduled"), std::vector<int64_t>{*centre}));
    for (auto& pay : pays) {
      if (pay.due_on <= today) w.payments.push_back(std::move(pay));
    }
    return ok_status();
  }));
  return w;
}

Result<CaseRecord> JobsService::transition(const Principal& p, int64_t case_id, const std::string& to,
                                           std::optional<LocalDate> on, const std::string& reason) {
  const EpochMs now = clock_.now_ms();
  const LocalDate today = local_date(now);
  std::optional<CaseRecord> c;
  DONGNE_TRY(db_.transact([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(c, repo::find_case(tx, case_id));
    if (!c) return no_case();
    if (!acts_for_centre(p, c->centre_id)) return not_centre();
    const LocalDate day = on.value_or(today);
    if (day > today) return future_day("on");
    if (day < c->opened_on) return Error::field("on", "before_open", "사례를 연 날보다 빠릅니다", "before the case was opened");
    if (auto refusal = check_transition(c->state, to, false, !c->plan.empty())) {
      Error e = Error::conflict(refusal->ko, refusal->en, refusal->code);
      e.fields.push_back({"to", refusal->code, refusal->ko, refusal->en});
      return e;
    }
    DONGNE_TRY(move_case(tx, *c, to, day, reason, p.user_id, now));
    c->state = to;
    if (to == "closed") c->closed_on = day;
    return ok_status();
  }));
  return std::move(*c);
}

Result<std::vector<TransitionRecord>> JobsService::history(const Principal& p, int64_t case_id) {
  DONGNE_TRY(to_status(case_of(p, case_id)));
  std::vector<TransitionRecord> out;
  DONGNE_TRY(db_.read([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(out, repo::transitions(tx, case_id));
    return ok_status();
  }));
  return out;
}

Result<CaseRecord> JobsService::save_plan(const Principal& p, int64_t case_id, const nlohmann::json& plan) {
  const EpochMs now = clock_.now_ms();
  std::optional<CaseRecord> c;
  DONGNE_TRY(db_.transact([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(c, repo::find_case(tx, case_id));
    if (!c) return no_case();
    if (!acts_for_centre(p, c->centre_id)) return not_centre();
    if (c->state == "closed") return Error::conflict("종결된 사례입니다", "the case is closed", "closed");
    std::vector<FieldError> errs;
    const std::string goal = plan.value("goal", "");
    if (goal.empty()) errs.push_back({"goal", "required", "취업 목표가 필요합니다", "a goal is required"});
    nlohmann::json steps = nlohmann::json::array();
    if (plan.contains("steps") && plan["steps"].is_array()) {
      for (const auto& st : plan["steps"]) {
        if (!st.is_object() || st.value("action", "").empty()) {
          errs.push_back({"steps", "required", "단계마다 할 일이 필요합니다", "each step needs an action"});
          continue;
        }
        const std::string by = st.value("by", "");
        if (!by.empty() && !parse_date(by).ok()) errs.push_back({"steps.by", "format", "YYYY-MM-DD 형식입니다", "a date as YYYY-MM-DD"});
        steps.push_back({{"action", st.value("action", "")}, {"by", by}, {"done", st.value("done", false)}});
      }
    }
    if (!errs.empty()) return Error::invalid("계획을 확인해 주세요", "check the plan", std::move(errs));
    const int version = c->plan.value("version", 0) + 1;
    c->plan = {{"goal", goal}, {"steps", steps}, {"agreed_on", format_date(local_date(now))}, {"version", version},
               {"by", p.user_id}};
    DONGNE_TRY(repo::set_plan(tx, case_id, c->plan, now));
    return emit(tx, "jobs.plan_saved", "jobs_case", case_id, {{"case_id", case_id}, {"version", version}}, p.user_id, now);
  }));
  return std::move(*c);
}

Result<CaseRecord> JobsService::add_counsellor(const Principal& p, int64_t case_id, int64_t user_id) {
  std::optional<CaseRecord> c;
  DONGNE_TRY(db_.transact([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(c, repo::find_case(tx, case_id));
    if (!c) return no_case();
    if (!acts_for_centre(p, c->centre_id)) return not_centre();
    DONGNE_ASSIGN_OR_RETURN(auto g, tx.query("SELECT 1 FROM role_grants WHERE user_id = ? AND role = 'counsellor' AND scope_kind = 'centre' "
                                             "AND scope_id = ?", {user_id, c->centre_id}));
    if (g.empty()) return Error::field("user_id", "not_counsellor", "이 센터의 상담사가 아닙니다", "not a counsellor of this centre");
    DONGNE_TRY(repo::add_counsellor(tx, case_id, user_id));
    if (std::find(c->counsellors.begin(), c->counsellors.end(), user_id) == c->counsellors.end()) c->counsellors.push_back(user_id);
    return emit(tx, "jobs.counsellor_added", "jobs_case", case_id, {{"case_id", case_id}, {"user_id", user_id}}, p.user_id,
                clock_.now_ms());
  }));
  return std::move(*c);
}

Result<NoteRecord> JobsService::add_note(const Principal& p, int64_t case_id, const std::string& kind, const std::string& body) {
  NoteRecord n{0, case_id, p.user_id, p.name, kind.empty() ? "counselling" : kind, body, clock_.now_ms()};
  DONGNE_TRY(db_.transact([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(auto c, repo::find_case(tx, case_id));
    if (!c) return no_case();
    if (std::find(c->counsellors.begin(), c->counsellors.end(), p.user_id) == c->counsellors.end()) {
      return Error::forbidden("이 사례의 담당 상담사만 상담 기록을 쓸 수 있습니다", "only the case's counsellors may write notes");
    }
    if (looks_like_rrn(body)) return Error::field("body", "rrn", "주민등록번호는 받지 않습니다", "resident registration numbers are never accepted");
    DONGNE_ASSIGN_OR_RETURN(n.id, repo::insert_note(tx, n));
    return emit(tx, "jobs.note_added", "jobs_case", case_id, {{"case_id", case_id}, {"note_id", n.id}, {"kind", n.kind}}, p.user_id, n.at);
  }));
  return n;
}

Result<std::vector<NoteRecord>> JobsService::notes(const Principal& p, int64_t case_id, const std::string& reason) {
  std::vector<NoteRecord> out;
  bool refused = false;
  const EpochMs now = clock_.now_ms();
  // The refusal is logged too, so the log is written whether or not the read is allowed.
  DONGNE_TRY(db_.transact([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(auto c, repo::find_case(tx, case_id));
    if (!c) return no_case();
    const bool allowed = std::find(c->counsellors.begin(), c->counsellors.end(), p.user_id) != c->counsellors.end();
    if (!allowed) {  // the pipeline logs the refusal (Doc::personal_data)
      refused = true;
      return ok_status();
    }
    DONGNE_TRY(repo::log_access(tx, p.user_id, case_id, c->seeker_id, "notes", reason, true, now));
    DONGNE_ASSIGN_OR_RETURN(out, repo::notes(tx, case_id));
    return ok_status();
  }));
  if (refused) {
    return Error::forbidden("상담 기록은 이 사례의 담당 상담사만 볼 수 있습니다 (이 요청은 기록되었습니다)",
                            "counselling notes are readable only by the case's counsellors (this request was logged)");
  }
  return out;
}

Result<std::vector<nlohmann::json>> JobsService::access_log(const Principal& p, int64_t case_id) {
  std::vector<nlohmann::json> out;
  DONGNE_TRY(db_.read([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(auto c, repo::find_case(tx, case_id));
    if (!c) return no_case();
    if (!acts_for_centre(p, c->centre_id)) return not_centre();
    DONGNE_ASSIGN_OR_RETURN(out, repo::access_log(tx, case_id, c->seeker_id));
    return ok_status();
  }));
  return out;
}

}  // namespace dongne::jobs
