// Vacancies, referrals, hires and the follow-ups after a hire (see service.h).
#include "core/business_number.h"
#include "core/person_key.h"
#include "jobs/casework.h"
#include "jobs/profile.h"
#include "jobs/service.h"
#include "jobs/service_util.h"

namespace dongne::jobs {

using namespace detail;  // NOLINT(google-build-using-namespace): this room's own helpers

namespace {

Result<std::optional<int64_t>> employer_kind(store::Tx& tx, int64_t id) {
  DONGNE_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT kind FROM organisations WHERE id = ?", {id}));
  if (rows.empty() || rows[0].str(0) != "employer") return std::optional<int64_t>{};
  return std::optional<int64_t>{id};
}

// Staff who may act on a vacancy: its employer, or any centre's counsellor (they post for small firms by phone).
bool may_edit_vacancy(const Principal& p, int64_t employer_id) {
  return JobsService::acts_for_employer(p, employer_id) || p.has(Role::kCounsellor) || p.has(Role::kAdmin);
}

}  // namespace

Result<directory::Organisation> JobsService::register_employer(const Principal& p, directory::Directory& dir, NewEmployer e) {
  const auto centre = e.centre_id ? e.centre_id : centre_of(p);
  if (!centre) return Error::field("centre_id", "required", "어느 센터의 구인처인지 고르세요", "choose the centre");
  if (!acts_for_centre(p, *centre)) return not_centre();
  std::vector<FieldError> errs;
  std::optional<std::string> number;
  if (!e.business_number.empty()) {
    number = business_number(e.business_number);
    if (!number) {
      errs.push_back({"business_number", "invalid", "사업자등록번호가 올바르지 않습니다 (10자리, 끝자리 검증)",
                      "not a valid business registration number (ten digits with a check digit)"});
    }
  }
  if (!errs.empty()) return Error::invalid("구인처 정보를 확인해 주세요", "check the employer", std::move(errs));
  // The employer joins the centre's city (a centre sits under its city or one of its districts).
  std::optional<int64_t> city;
  DONGNE_TRY(db_.read([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT c.kind, p.id, p.kind, p.parent_id FROM organisations c "
                                                "LEFT JOIN organisations p ON p.id = c.parent_id WHERE c.id = ?",
                                                {*centre}));
    if (rows.empty() || rows[0].str(0) != "centre") return Error::field("centre_id", "unknown", "새일센터가 아닙니다", "not a centre");
    city = rows[0].opt_str(2).value_or("") == "city" ? rows[0].opt_i64(1) : rows[0].opt_i64(3);
    return ok_status();
  }));
  if (!city) return Error::field("centre_id", "unknown", "센터가 속한 시를 찾을 수 없습니다", "the centre belongs to no city");
  directory::Organisation o;
  o.kind = "employer";
  o.name_ko = e.name_ko;
  o.name_en = e.name_en.empty() ? e.name_ko : e.name_en;
  o.address = e.address;
  o.parent_id = city;
  // A registered business is one employer however many centres meet it; without a number, a fresh code.
  o.code = number ? "emp-" + *number : "emp-" + std::to_string(*city) + "-" + std::to_string(clock_.now_ms());
  auto made = dir.create(p.user_id, o);
  if (!made.ok() && made.error().reason == "duplicate_code" && number) {
    Error dup = Error::conflict("이미 등록된 사업자입니다", "this business is already registered", "already_registered");
    dup.fields.push_back({"business_number", "taken", "이미 등록된 사업자등록번호입니다", "this business number is already registered"});
    return dup;
  }
  return made;
}

Result<VacancyRecord> JobsService::post_vacancy(const Principal& p, VacancyRecord v) {
  if (!may_edit_vacancy(p, v.employer_id)) return not_employer();
  std::vector<FieldError> errs;
  if (v.title.empty()) errs.push_back({"title", "required", "공고 제목이 필요합니다", "a title is required"});
  if (v.title.size() > 200) errs.push_back({"title", "too_long", "공고 제목은 200자 이하입니다", "a title is at most 200 characters"});
  if (!ref_.keco.known(v.occupation) || v.occupation.size() < 2) {
    errs.push_back({"occupation", "unknown_code", "알 수 없는 직업분류(KECO) 코드입니다: " + v.occupation, "unknown KECO occupation code: " + v.occupation});
  }
  if (v.openings < 1 || v.openings > 500) errs.push_back({"openings", "range", "채용 인원은 1~500명입니다", "openings are 1 to 500"});
  DONGNE_ASSIGN_OR_RETURN(auto terms, snapshot());
  auto detail = check_vacancy_detail(v.detail, terms->ref);
  if (!detail.ok()) {
    for (auto& f : detail.error().fields) errs.push_back(f);
  }
  if (!errs.empty()) return Error::invalid("채용 정보를 확인해 주세요", "check the vacancy", std::move(errs));
  v.detail = detail.value();
  const EpochMs now = clock_.now_ms();
  DONGNE_TRY(db_.transact([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(auto e, employer_kind(tx, v.employer_id));
    if (!e) return Error::field("employer_id", "unknown", "등록된 기업이 아닙니다", "not a registered employer");
    DONGNE_ASSIGN_OR_RETURN(v.id, repo::insert_vacancy(tx, v, now, p.user_id));
    DONGNE_ASSIGN_OR_RETURN(auto stored, repo::find_vacancy(tx, v.id));
    v = *stored;
    return emit(tx, "jobs.vacancy_posted", "jobs_vacancy", v.id,
                {{"vacancy_id", v.id}, {"employer_id", v.employer_id}, {"occupation", v.occupation}, {"openings", v.openings}},
                p.user_id, now);
  }));
  return v;
}

Result<VacancyRecord> JobsService::close_vacancy(const Principal& p, int64_t id) {
  const EpochMs now = clock_.now_ms();
  std::optional<VacancyRecord> v;
  DONGNE_TRY(db_.transact([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(v, repo::find_vacancy(tx, id));
    if (!v) return no_vacancy();
    if (!may_edit_vacancy(p, v->employer_id)) return not_employer();
    if (v->status == "closed") return Error::conflict("이미 마감된 공고입니다", "the vacancy is already closed", "closed");
    DONGNE_TRY(repo::set_vacancy_status(tx, id, "closed", now));
    v->status = "closed";
    return emit(tx, "jobs.vacancy_closed", "jobs_vacancy", id, {{"vacancy_id", id}}, p.user_id, now);
  }));
  return std::move(*v);
}

Result<std::vector<VacancyRecord>> JobsService::vacancies(const Principal& p, std::optional<int64_t> employer_id, bool open_only) {
  (void)p;  // vacancies are public job offers
  std::vector<VacancyRecord> out;
  DONGNE_TRY(db_.read([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(out, repo::vacancies(tx, employer_id, open_only));
    return ok_status();
  }));
  return out;
}

Result<VacancyRecord> JobsService::vacancy(int64_t id) {
  std::optional<VacancyRecord> v;
  DONGNE_TRY(db_.read([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(v, repo::find_vacancy(tx, id));
    return ok_status();
  }));
  if (!v) return no_vacancy();
  return std::move(*v);
}

Result<ReferralRecord> JobsService::refer(const Principal& p, int64_t vacancy_id, int64_t case_id) {
  const EpochMs now = clock_.now_ms();
  ReferralRecord r;
  DONGNE_TRY(db_.transact([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(auto v, repo::find_vacancy(tx, vacancy_id));
    if (!v) return no_vacancy();
    DONGNE_ASSIGN_OR_RETURN(auto c, repo::find_case(tx, case_id));
    if (!c) return no_case();
    if (!acts_for_centre(p, c->centre_id)) return not_centre();
    if (v->status != "open") return Error::conflict("마감된 공고입니다", "the vacancy is closed", "closed");
    if (c->state == "closed" || c->state == "hired" || c->state == "follow_up") {
      return Error::conflict("구직 중인 사례만 추천할 수 있습니다", "only a case still looking for work can be referred", "not_searching");
    }
    auto id = repo::insert_referral(tx, vacancy_id, case_id, p.user_id, now);
    if (!id.ok() && id.error().reason == "unique_violation") {
      return Error::conflict("이미 이 공고에 추천했습니다", "already referred to this vacancy", "already_referred");
    }
    DONGNE_ASSIGN_OR_RETURN(r.id, std::move(id));
    r.vacancy_id = vacancy_id;
    r.case_id = case_id;
    r.created_at = now;
    return emit(tx, "jobs.referred", "jobs_referral", r.id,
                {{"referral_id", r.id}, {"vacancy_id", vacancy_id}, {"case_id", case_id}, {"employer_id", v->employer_id}},
                p.user_id, now);
  }));
  return r;
}

Result<ReferralRecord> JobsService::update_referral(const Principal& p, int64_t id, const std::string& status,
                                                    std::optional<LocalDate> interview_on, const std::string& note) {
  const EpochMs now = clock_.now_ms();
  std::optional<ReferralRecord> r;
  DONGNE_TRY(db_.transact([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(r, repo::find_referral(tx, id));
    if (!r) return Error::not_found("추천 기록을 찾을 수 없습니다", "no such referral");
    DONGNE_ASSIGN_OR_RETURN(auto v, repo::find_vacancy(tx, r->vacancy_id));
    DONGNE_ASSIGN_OR_RETURN(auto centre, repo::centre_of_case(tx, r->case_id));
    if (!acts_for_employer(p, v->employer_id) && !acts_for_centre(p, centre.value_or(0))) return not_employer();
    if (status != "interview" && status != "declined" && status != "withdrawn") {
      return Error::field("status", "unknown", "면접, 불합격, 철회 중에서 고릅니다 (채용은 채용 등록으로)",
                          "status is interview, declined or withdrawn (a hire is recorded as a hire)");
    }
    if (r->status == "hired" || r->status == "declined" || r->status == "withdrawn") {
      return Error::conflict("이미 결과가 나온 추천입니다", "the referral already has its outcome", "decided");
    }
    if (status == "interview" && !interview_on) {
      return Error::field("interview_on", "required", "면접 날짜가 필요합니다", "the interview date is required");
    }
    r->status = status;
    if (interview_on) r->interview_on = interview_on;
    r->outcome_note = note;
    DONGNE_TRY(repo::update_referral(tx, *r, now));
    return emit(tx, "jobs.referral_updated", "jobs_referral", id, {{"referral_id", id}, {"status", status}}, p.user_id, now);
  }));
  return std::move(*r);
}

Result<std::vector<nlohmann::json>> JobsService::referrals(const Principal& p, std::optional<int64_t> vacancy_id,
                                                           std::optional<int64_t> case_id) {
  std::vector<nlohmann::json> out;
  DONGNE_TRY(db_.read([&](store::Tx& tx) -> Status {
    std::string sql =
        "SELECT r.id, r.vacancy_id, v.title, r.case_id, s.display_name, r.status, r.interview_on, r.outcome_note, v.employer_id, "
        "c.centre_id FROM jobs_referrals r JOIN jobs_vacancies v ON v.id = r.vacancy_id JOIN jobs_cases c ON c.id = r.case_id "
        "JOIN jobs_seekers s ON s.id = c.seeker_id WHERE 1 = 1";
    std::vector<store::Value> params;
    if (vacancy_id) {
      sql += " AND r.vacancy_id = ?";
      params.push_back(*vacancy_id);
    }
    if (case_id) {
      sql += " AND r.case_id = ?";
      params.push_back(*case_id);
    }
    DONGNE_ASSIGN_OR_RETURN(auto rows, tx.query(sql + " ORDER BY r.id", params));
    for (const auto& row : rows.rows) {
      // Employers see the candidates referred to them; counsellors their centre's.
      if (!acts_for_employer(p, row.i64(8)) && !acts_for_centre(p, row.i64(9))) continue;
      out.push_back({{"id", row.i64(0)}, {"vacancy_id", row.i64(1)}, {"vacancy_title", row.str(2)}, {"case_id", row.i64(3)},
                     {"seeker_name", row.str(4)}, {"status", row.str(5)},
                     {"interview_on", row.is_null(6) ? nlohmann::json(nullptr) : nlohmann::json(row.str(6))},
                     {"outcome_note", row.str(7)}});
    }
    return ok_status();
  }));
  return out;
}

Result<HireRecord> JobsService::record_hire(const Principal& p, HireRecord h) {
  const EpochMs now = clock_.now_ms();
  DONGNE_TRY(db_.transact([&](store::Tx& tx) -> Status { return hire_in(tx, p, h, now); }));
  return h;
}

Status JobsService::hire_in(store::Tx& tx, const Principal& p, HireRecord& h, EpochMs now) {
  DONGNE_ASSIGN_OR_RETURN(auto c, repo::find_case(tx, h.case_id));
  if (!c) return no_case();
  std::optional<VacancyRecord> v;
  if (h.referral_id) {
    DONGNE_ASSIGN_OR_RETURN(auto r, repo::find_referral(tx, *h.referral_id));
    if (!r || r->case_id != h.case_id) return Error::field("referral_id", "unknown", "이 사례의 추천이 아닙니다", "not a referral of this case");
    h.vacancy_id = r->vacancy_id;
  }
  if (h.vacancy_id) {
    DONGNE_ASSIGN_OR_RETURN(v, repo::find_vacancy(tx, *h.vacancy_id));
    if (!v) return no_vacancy();
    h.employer_id = v->employer_id;
    if (h.occupation.empty()) h.occupation = v->occupation;
  }
  // The case's counsellor records the hire; the employer may confirm one for a candidate referred to it.
  const bool employer_ok = h.referral_id && acts_for_employer(p, h.employer_id);
  if (!acts_for_centre(p, c->centre_id) && !employer_ok) return not_centre();
  std::vector<FieldError> errs;
  if (!ref_.keco.known(h.occupation) || h.occupation.size() < 2) {
    errs.push_back({"occupation", "unknown_code", "알 수 없는 직업분류(KECO) 코드입니다: " + h.occupation, "unknown KECO occupation code: " + h.occupation});
  }
  if (h.wage_unit != "hourly" && h.wage_unit != "monthly") {
    errs.push_back({"wage.unit", "unknown", "단위는 hourly 또는 monthly입니다", "the unit is hourly or monthly"});
  } else if (auto st = check_wage("wage", h.wage_won, h.wage_unit); !st.ok()) {
    for (auto& f : st.error().fields) errs.push_back(f);
  }
  if (h.start_on > add_days(local_date(now), 90)) {
    errs.push_back({"start_on", "too_far", "입사일은 90일 이내여야 합니다", "the start date is at most 90 days ahead"});
  }
  if (h.start_on < c->opened_on) errs.push_back({"start_on", "before_open", "사례를 연 날보다 빠릅니다", "before the case was opened"});
  if (!errs.empty()) return Error::invalid("채용 정보를 확인해 주세요", "check the hire", std::move(errs));
  DONGNE_ASSIGN_OR_RETURN(auto e, employer_kind(tx, h.employer_id));
  if (!e) return Error::field("employer_id", "unknown", "등록된 기업이 아닙니다", "not a registered employer");
  if (h.kind != "internship") {
    if (auto refusal = check_transition(c->state, "hired", true, !c->plan.empty())) {
      Error err = Error::conflict(refusal->ko, refusal->en, refusal->code);
      err.fields.push_back({"case_id", refusal->code, refusal->ko, refusal->en});
      return err;
    }
  }
  DONGNE_ASSIGN_OR_RETURN(h.id, repo::insert_hire(tx, h, p.user_id, now));
  if (h.referral_id) {
    DONGNE_ASSIGN_OR_RETURN(auto r, repo::find_referral(tx, *h.referral_id));
    r->status = "hired";
    DONGNE_TRY(repo::update_referral(tx, *r, now));
  }
  // Follow-ups at 1/3/6/12 months; none for a case entered after the fact (they were made, or not, back then).
  if (!c->entered_late) {
    for (int m : kFollowUpMonths) DONGNE_TRY(repo::insert_followup(tx, h.id, m, add_months(h.start_on, m)));
  }
  // The fact Programmes counts: one hire, with who (ids), where and when.
  DONGNE_TRY(emit(tx, "jobs.hired", "jobs_hire", h.id,
                  {{"hire_id", h.id}, {"case_id", h.case_id}, {"seeker_id", c->seeker_id}, {"centre_id", c->centre_id},
                   {"employer_id", h.employer_id}, {"vacancy_id", h.vacancy_id ? nlohmann::json(*h.vacancy_id) : nlohmann::json(nullptr)},
                   {"occupation", h.occupation}, {"kind", h.kind}, {"start", format_date(h.start_on)},
                   {"target_group", "career_break_women"},
                   {"person_key", seeker_person_key(c->seeker_id)}, {"entered_late", c->entered_late}},
                  p.user_id, now));
  if (h.kind != "internship") DONGNE_TRY(move_case(tx, *c, "hired", std::min(h.start_on, local_date(now)), "hire " + std::to_string(h.id), p.user_id, now));
  return ok_status();
}

Result<std::vector<FollowUpRecord>> JobsService::followups(const Principal& p, int64_t case_id) {
  std::vector<FollowUpRecord> out;
  DONGNE_TRY(db_.read([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(auto centre, repo::centre_of_case(tx, case_id));
    if (!centre) return no_case();
    if (!acts_for_centre(p, *centre)) return not_centre();
    DONGNE_ASSIGN_OR_RETURN(out, repo::followups(tx, case_id, 0, std::nullopt));
    return ok_status();
  }));
  return out;
}

Result<FollowUpRecord> JobsService::record_followup(const Principal& p, int64_t id, const std::string& outcome,
                                                    const std::string& note, const std::string& employer_note) {
  const EpochMs now = clock_.now_ms();
  std::optional<FollowUpRecord> f;
  DONGNE_TRY(db_.transact([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(f, repo::find_followup(tx, id));
    if (!f) return Error::not_found("사후관리 일정을 찾을 수 없습니다", "no such follow-up");
    DONGNE_ASSIGN_OR_RETURN(auto centre, repo::centre_of_case(tx, f->case_id));
    DONGNE_ASSIGN_OR_RETURN(auto hire_rows, tx.query("SELECT employer_id FROM jobs_hires WHERE id = ?", {f->hire_id}));
    const bool employer = !hire_rows.empty() && acts_for_employer(p, hire_rows[0].i64(0));
    if (!acts_for_centre(p, centre.value_or(0)) && !employer) return not_centre();
    if (employer && !acts_for_centre(p, centre.value_or(0))) {
      // The employer adds its aftercare note; the contact itself is the counsellor's.
      f->employer_note = employer_note.empty() ? note : employer_note;
      DONGNE_TRY(repo::record_followup(tx, *f, p.user_id));
      return emit(tx, "jobs.aftercare_noted", "jobs_followup", id, {{"followup_id", id}, {"hire_id", f->hire_id}}, p.user_id, now);
    }
    if (outcome != "retained" && outcome != "left" && outcome != "unreachable") {
      return Error::field("outcome", "unknown", "재직, 퇴사, 연락 안 됨 중에서 고릅니다", "outcome is retained, left or unreachable");
    }
    if (f->done_on) return Error::conflict("이미 기록한 사후관리입니다", "this follow-up is already recorded", "done");
    const LocalDate today = local_date(now);
    f->done_on = today;
    f->outcome = outcome;
    f->note = note;
    if (!employer_note.empty()) f->employer_note = employer_note;
    DONGNE_TRY(repo::record_followup(tx, *f, p.user_id));
    if (outcome == "left") {
      DONGNE_TRY(repo::set_retention(tx, f->hire_id, "left", today));
      // Later contacts are moot; the retention bonuses will not be earned.
      DONGNE_TRY(to_status(tx.exec("UPDATE jobs_followups SET done_on = ?, outcome = 'left' WHERE hire_id = ? AND done_on IS NULL",
                                   {format_date(today), f->hire_id})));
      DONGNE_TRY(to_status(tx.exec("UPDATE jobs_payments SET status = 'cancelled' WHERE status = 'scheduled' AND kind <> 'internship_month' "
                                   "AND internship_id IN (SELECT id FROM jobs_internships WHERE hire_id = ?)", {f->hire_id})));
    }
    return emit(tx, "jobs.followup_recorded", "jobs_followup", id,
                {{"followup_id", id}, {"hire_id", f->hire_id}, {"month", f->month}, {"outcome", outcome}}, p.user_id, now);
  }));
  return std::move(*f);
}

}  // namespace dongne::jobs
