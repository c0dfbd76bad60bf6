// Internships with their incentive ledger, and startup teams with marketing subsidies (see service.h).
#include "core/person_key.h"
#include "jobs/casework.h"
#include "jobs/profile.h"
#include "jobs/service.h"
#include "jobs/service_util.h"

namespace dongne::jobs {

using namespace detail;  // NOLINT(google-build-using-namespace): this room's own helpers

namespace {

Error no_internship() { return Error::not_found("인턴십을 찾을 수 없습니다", "no such internship"); }
Error no_payment() { return Error::not_found("지급 항목을 찾을 수 없습니다", "no such payment"); }
Error no_team() { return Error::not_found("창업팀을 찾을 수 없습니다", "no such startup team"); }

Status schedule(store::Tx& tx, int64_t internship_id, const std::vector<PaymentDue>& dues) {
  for (const auto& d : dues) {
    PaymentRecord p;
    p.internship_id = internship_id;
    p.payee = d.payee;
    p.kind = d.kind;
    p.seq = d.seq;
    p.due_on = d.due_on;
    p.amount_won = d.amount_won;
    p.condition = d.condition;
    DONGNE_TRY(repo::insert_payment(tx, p));
  }
  return ok_status();
}

// Subsidies approved per centre and year: the programme funds this many teams.
constexpr int kSubsidyTeamsPerYear = 10;

}  // namespace

Result<InternshipRecord> JobsService::start_internship(const Principal& p, InternshipRecord i) {
  const EpochMs now = clock_.now_ms();
  if (i.rule_code.empty()) i.rule_code = ref_.default_rule;
  const IncentiveRule* rule = ref_.rule(i.rule_code);
  DONGNE_TRY(db_.transact([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(auto c, repo::find_case(tx, i.case_id));
    if (!c) return no_case();
    if (!acts_for_centre(p, c->centre_id)) return not_centre();
    if (i.vacancy_id) {
      DONGNE_ASSIGN_OR_RETURN(auto v, repo::find_vacancy(tx, *i.vacancy_id));
      if (!v) return no_vacancy();
      i.employer_id = v->employer_id;
    }
    std::vector<FieldError> errs;
    if (!rule) errs.push_back({"rule_code", "unknown_code", "알 수 없는 인센티브 규칙입니다: " + i.rule_code, "unknown incentive rule: " + i.rule_code});
    DONGNE_ASSIGN_OR_RETURN(auto org, tx.query("SELECT kind FROM organisations WHERE id = ?", {i.employer_id}));
    if (org.empty() || org[0].str(0) != "employer") errs.push_back({"employer_id", "unknown", "등록된 기업이 아닙니다", "not a registered employer"});
    if (auto st = check_wage("monthly_wage", i.monthly_wage_won, "monthly"); !st.ok()) {
      for (auto& f : st.error().fields) errs.push_back(f);
    }
    if (rule && i.ends_on == LocalDate{}) i.ends_on = add_days(add_months(i.starts_on, rule->internship_months), -1);
    if (i.ends_on <= i.starts_on) errs.push_back({"ends_on", "before_start", "종료일이 시작일보다 빠릅니다", "the internship ends before it starts"});
    if (rule && i.ends_on > add_days(add_months(i.starts_on, rule->internship_months), -1)) {
      errs.push_back({"ends_on", "too_long", "규칙의 인턴 기간(" + std::to_string(rule->internship_months) + "개월)보다 깁니다",
                      "longer than the rule's " + std::to_string(rule->internship_months) + " months"});
    }
    if (!errs.empty()) return Error::invalid("인턴십 정보를 확인해 주세요", "check the internship", std::move(errs));
    if (auto refusal = check_transition(c->state, "internship", true, !c->plan.empty())) {
      Error e = Error::conflict(refusal->ko, refusal->en, refusal->code);
      e.fields.push_back({"case_id", refusal->code, refusal->ko, refusal->en});
      return e;
    }
    i.rule = incentive_rule_json(*rule);
    DONGNE_ASSIGN_OR_RETURN(i.id, repo::insert_internship(tx, i, p.user_id, now));
    DONGNE_TRY(schedule(tx, i.id, internship_payments(*rule, i.starts_on, i.ends_on)));
    DONGNE_TRY(emit(tx, "jobs.internship_started", "jobs_internship", i.id,
                    {{"internship_id", i.id}, {"case_id", i.case_id}, {"seeker_id", c->seeker_id}, {"employer_id", i.employer_id},
                     {"starts_on", format_date(i.starts_on)}, {"ends_on", format_date(i.ends_on)}, {"rule", i.rule_code},
                     {"person_key", seeker_person_key(c->seeker_id)}},
                    p.user_id, now));
    return move_case(tx, *c, "internship", std::min(i.starts_on, local_date(now)), "internship " + std::to_string(i.id), p.user_id, now);
  }));
  return i;
}

Result<InternshipRecord> JobsService::convert_internship(const Principal& p, int64_t id, LocalDate hired_on, int64_t wage_won,
                                                         const std::string& wage_unit, const std::string& occupation) {
  const EpochMs now = clock_.now_ms();
  std::optional<InternshipRecord> i;
  // One transaction: two counsellors converting the same internship at once make one hire, and a refused hire
  // leaves the internship as it was.
  DONGNE_TRY(db_.transact([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(i, repo::find_internship(tx, id));
    if (!i) return no_internship();
    if (i->status != "active") return Error::conflict("진행 중인 인턴십만 전환할 수 있습니다", "only an active internship can be converted", "not_active");
    if (hired_on < i->starts_on) return Error::field("hired_on", "before_start", "인턴 시작일보다 빠릅니다", "before the internship started");
    // The hire is recorded as any other (its event, its follow-ups), then the internship points to it.
    HireRecord h;
    h.case_id = i->case_id;
    h.employer_id = i->employer_id;
    h.vacancy_id = i->vacancy_id;
    h.kind = "job";
    h.start_on = hired_on;
    h.wage_won = wage_won;
    h.wage_unit = wage_unit;
    h.occupation = occupation;
    if (h.occupation.empty() && i->vacancy_id) {
      DONGNE_ASSIGN_OR_RETURN(auto v, repo::find_vacancy(tx, *i->vacancy_id));
      if (v) h.occupation = v->occupation;
    }
    if (h.occupation.empty()) return Error::field("occupation", "required", "직종이 필요합니다 (공고가 연결되지 않은 인턴십)", "the occupation is required (no linked vacancy)");
    DONGNE_TRY(hire_in(tx, p, h, now));
    DONGNE_TRY(repo::set_internship(tx, id, "converted", h.id));
    auto rule = incentive_rule_from_json(i->rule);
    if (rule.ok()) DONGNE_TRY(schedule(tx, id, retention_payments(rule.value(), hired_on)));
    i->status = "converted";
    i->hire_id = h.id;
    return emit(tx, "jobs.internship_converted", "jobs_internship", id, {{"internship_id", id}, {"hire_id", h.id}}, p.user_id, now);
  }));
  return std::move(*i);
}

Result<InternshipRecord> JobsService::end_internship(const Principal& p, int64_t id, LocalDate on, const std::string& reason) {
  const EpochMs now = clock_.now_ms();
  std::optional<InternshipRecord> i;
  DONGNE_TRY(db_.transact([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(i, repo::find_internship(tx, id));
    if (!i) return no_internship();
    DONGNE_ASSIGN_OR_RETURN(auto c, repo::find_case(tx, i->case_id));
    if (!c) return no_case();
    if (!acts_for_centre(p, c->centre_id)) return not_centre();
    if (i->status != "active") return Error::conflict("진행 중인 인턴십이 아닙니다", "the internship is not active", "not_active");
    if (on < i->starts_on) return Error::field("on", "before_start", "인턴 시작일보다 빠릅니다", "before the internship started");
    DONGNE_TRY(repo::set_internship(tx, id, "ended", std::nullopt));
    DONGNE_TRY(repo::cancel_scheduled_payments(tx, id, on));  // months not worked are not paid
    i->status = "ended";
    DONGNE_TRY(emit(tx, "jobs.internship_ended", "jobs_internship", id, {{"internship_id", id}, {"on", format_date(on)}}, p.user_id, now));
    if (c->state == "internship") return move_case(tx, *c, "job_search", std::min(on, local_date(now)), reason, p.user_id, now);
    return ok_status();
  }));
  return std::move(*i);
}

// Whose internships and payments a list shows: an admin's, every centre's; a counsellor's, her centre's; a city
// officer's, the centres in her city (and never another city's).
Result<std::optional<std::vector<int64_t>>> JobsService::ledger_centres(const Principal& p) {
  if (p.has(Role::kAdmin)) return std::optional<std::vector<int64_t>>();
  std::vector<int64_t> out = p.orgs_covered(Role::kCounsellor);
  for (int64_t o : p.orgs_covered(Role::kCityOfficer)) out.push_back(o);
  if (out.empty()) return not_centre();
  return std::optional<std::vector<int64_t>>(std::move(out));
}

Result<std::vector<InternshipRecord>> JobsService::internships(const Principal& p, std::optional<int64_t> case_id) {
  std::vector<InternshipRecord> out;
  DONGNE_TRY(db_.read([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(auto centres, ledger_centres(p));
    DONGNE_ASSIGN_OR_RETURN(out, repo::internships(tx, case_id, centres));
    return ok_status();
  }));
  return out;
}

Result<std::vector<PaymentRecord>> JobsService::payments(const Principal& p, std::optional<int64_t> internship_id,
                                                         std::optional<std::string> status) {
  std::vector<PaymentRecord> out;
  DONGNE_TRY(db_.read([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(auto centres, ledger_centres(p));
    DONGNE_ASSIGN_OR_RETURN(out, repo::payments(tx, internship_id, status, centres));
    return ok_status();
  }));
  return out;
}

Result<PaymentRecord> JobsService::approve_payment(const Principal& p, int64_t id) {
  const EpochMs now = clock_.now_ms();
  std::optional<PaymentRecord> pay;
  DONGNE_TRY(db_.transact([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(pay, repo::find_payment(tx, id));
    if (!pay) return no_payment();
    DONGNE_ASSIGN_OR_RETURN(auto i, repo::find_internship(tx, pay->internship_id));
    DONGNE_ASSIGN_OR_RETURN(auto centre, repo::centre_of_case(tx, i->case_id));
    if (!acts_for_centre(p, centre.value_or(0))) return not_centre();
    if (pay->due_on > local_date(now)) {
      return Error::conflict("지급 예정일(" + format_date(pay->due_on) + ") 전에는 승인할 수 없습니다",
                             "it cannot be approved before it falls due on " + format_date(pay->due_on), "not_due");
    }
    DONGNE_ASSIGN_OR_RETURN(int64_t changed, repo::approve_payment(tx, id, p.user_id, now));
    if (changed == 0) {
      Error e = pay->status == "approved" || pay->status == "paid"
                    ? Error::conflict("이미 승인된 지급입니다", "the payment is already approved", "already_approved")
                    : Error::conflict("취소된 지급입니다", "the payment was cancelled", "cancelled");
      e.fields.push_back({"status", e.reason, e.message_ko, e.message_en});
      return e;
    }
    DONGNE_ASSIGN_OR_RETURN(pay, repo::find_payment(tx, id));
    return emit(tx, "jobs.payment_approved", "jobs_payment", id,
                {{"payment_id", id}, {"internship_id", pay->internship_id}, {"payee", pay->payee}, {"amount_won", pay->amount_won}},
                p.user_id, now);
  }));
  return std::move(*pay);
}

Result<PaymentRecord> JobsService::mark_paid(const Principal& p, int64_t id, const std::string& reference) {
  const EpochMs now = clock_.now_ms();
  std::optional<PaymentRecord> pay;
  DONGNE_TRY(db_.transact([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(pay, repo::find_payment(tx, id));
    if (!pay) return no_payment();
    DONGNE_ASSIGN_OR_RETURN(auto i, repo::find_internship(tx, pay->internship_id));
    DONGNE_ASSIGN_OR_RETURN(auto centre, repo::centre_of_case(tx, i->case_id));
    if (!acts_for_centre(p, centre.value_or(0))) return not_centre();
    if (reference.empty()) return Error::field("reference", "required", "이체 번호 등 지급 근거가 필요합니다", "a payment reference is required");
    DONGNE_ASSIGN_OR_RETURN(int64_t changed, repo::pay_payment(tx, id, p.user_id, now, reference));
    if (changed == 0) {
      return pay->status == "paid" ? Error::conflict("이미 지급했습니다", "already paid", "already_paid")
                                   : Error::conflict("승인된 지급만 지급 처리할 수 있습니다", "only an approved payment can be paid", "not_approved");
    }
    DONGNE_ASSIGN_OR_RETURN(pay, repo::find_payment(tx, id));
    return emit(tx, "jobs.payment_paid", "jobs_payment", id, {{"payment_id", id}, {"amount_won", pay->amount_won}}, p.user_id, now);
  }));
  return std::move(*pay);
}

Result<StartupTeamRecord> JobsService::register_team(const Principal& p, StartupTeamRecord t) {
  if (t.centre_id == 0) t.centre_id = centre_of(p).value_or(0);
  if (!acts_for_centre(p, t.centre_id)) return not_centre();
  if (t.name.empty()) return Error::field("name", "required", "팀 이름이 필요합니다", "a team name is required");
  const EpochMs now = clock_.now_ms();
  DONGNE_TRY(db_.transact([&](store::Tx& tx) -> Status {
    for (int64_t m : t.members) {
      DONGNE_ASSIGN_OR_RETURN(auto s, repo::find_seeker(tx, m));
      if (!s) return Error::field("members", "unknown", "구직자를 찾을 수 없습니다: " + std::to_string(m), "no such seeker: " + std::to_string(m));
    }
    DONGNE_ASSIGN_OR_RETURN(t.id, tx.insert("INSERT INTO jobs_startup_teams (centre_id, name, business, members, demo, created_at) "
                                            "VALUES (?, ?, ?, ?, ?, ?)",
                                            {t.centre_id, t.name, t.business, nlohmann::json(t.members).dump(), int64_t{t.demo ? 1 : 0}, now}));
    return emit(tx, "jobs.startup_team_registered", "jobs_startup_team", t.id, {{"team_id", t.id}, {"centre_id", t.centre_id}}, p.user_id, now);
  }));
  return t;
}

Result<std::vector<StartupTeamRecord>> JobsService::teams(const Principal& p) {
  std::vector<StartupTeamRecord> out;
  DONGNE_TRY(db_.read([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT t.id, t.centre_id, t.name, t.business, t.members, t.demo, "
                                                 "(SELECT COUNT(*) FROM jobs_startup_attendance a WHERE a.team_id = t.id) "
                                                 "FROM jobs_startup_teams t ORDER BY t.id"));
    for (const auto& r : rows.rows) {
      if (!acts_for_centre(p, r.i64(1))) continue;
      StartupTeamRecord t{r.i64(0), r.i64(1), r.str(2), r.str(3), {}, static_cast<int>(r.i64(6)), r.i64(5) != 0};
      auto m = nlohmann::json::parse(r.str(4), nullptr, false);
      if (m.is_array()) {
        for (const auto& x : m) {
          if (x.is_number_integer()) t.members.push_back(x.get<int64_t>());
        }
      }
      out.push_back(std::move(t));
    }
    return ok_status();
  }));
  return out;
}

Status JobsService::record_education(const Principal& p, int64_t team_id, LocalDate on, const std::string& topic, int people) {
  return db_.transact([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(auto t, tx.query("SELECT centre_id FROM jobs_startup_teams WHERE id = ?", {team_id}));
    if (t.empty()) return no_team();
    if (!acts_for_centre(p, t[0].i64(0))) return not_centre();
    if (topic.empty()) return Error::field("topic", "required", "교육 주제가 필요합니다", "a topic is required");
    if (people < 1 || people > 50) return Error::field("people", "range", "참석 인원은 1~50명입니다", "1 to 50 people");
    return to_status(tx.exec("INSERT INTO jobs_startup_attendance (team_id, on_date, topic, people) VALUES (?, ?, ?, ?) "
                             "ON CONFLICT (team_id, on_date, topic) DO UPDATE SET people = excluded.people",
                             {team_id, format_date(on), topic, int64_t{people}}));
  });
}

namespace {

Result<std::optional<std::pair<SubsidyRecord, int64_t>>> find_subsidy(store::Tx& tx, int64_t id) {
  DONGNE_ASSIGN_OR_RETURN(auto r, tx.query("SELECT x.id, x.team_id, x.year, x.amount_won, x.purpose, x.status, x.disbursed_on, t.centre_id "
                                           "FROM jobs_subsidies x JOIN jobs_startup_teams t ON t.id = x.team_id WHERE x.id = ?", {id}));
  if (r.empty()) return std::optional<std::pair<SubsidyRecord, int64_t>>{};
  SubsidyRecord s{r[0].i64(0), r[0].i64(1), static_cast<int>(r[0].i64(2)), r[0].i64(3), r[0].str(4), r[0].str(5), std::nullopt};
  if (!r[0].is_null(6)) s.disbursed_on = parse_date(r[0].str(6)).value();
  return std::optional<std::pair<SubsidyRecord, int64_t>>{std::pair{s, r[0].i64(7)}};
}

Error no_subsidy() { return Error::not_found("지원 신청을 찾을 수 없습니다", "no such subsidy application"); }

}  // namespace

Result<SubsidyRecord> JobsService::apply_subsidy(const Principal& p, SubsidyRecord s) {
  const EpochMs now = clock_.now_ms();
  DONGNE_TRY(db_.transact([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(auto t, tx.query("SELECT centre_id FROM jobs_startup_teams WHERE id = ?", {s.team_id}));
    if (t.empty()) return no_team();
    if (!acts_for_centre(p, t[0].i64(0))) return not_centre();
    std::vector<FieldError> errs;
    if (s.amount_won < 10'000 || s.amount_won > 10'000'000) errs.push_back({"amount_won", "range", "10,000~10,000,000원입니다", "10,000 to 10,000,000 won"});
    if (s.purpose.empty()) errs.push_back({"purpose", "required", "사용 목적이 필요합니다", "the purpose is required"});
    if (s.year < 2000 || s.year > 2100) errs.push_back({"year", "range", "연도를 확인해 주세요", "check the year"});
    if (!errs.empty()) return Error::invalid("신청 내용을 확인해 주세요", "check the application", std::move(errs));
    auto id = tx.insert("INSERT INTO jobs_subsidies (team_id, year, amount_won, purpose, created_at) VALUES (?, ?, ?, ?, ?)",
                        {s.team_id, int64_t{s.year}, s.amount_won, s.purpose, now});
    if (!id.ok() && id.error().reason == "unique_violation") {
      return Error::conflict("이 팀은 올해 이미 신청했습니다", "the team already applied this year", "already_applied");
    }
    DONGNE_ASSIGN_OR_RETURN(s.id, std::move(id));
    return emit(tx, "jobs.subsidy_applied", "jobs_subsidy", s.id, {{"subsidy_id", s.id}, {"team_id", s.team_id}, {"year", s.year}}, p.user_id, now);
  }));
  return s;
}

Result<SubsidyRecord> JobsService::decide_subsidy(const Principal& p, int64_t id, bool approve) {
  const EpochMs now = clock_.now_ms();
  SubsidyRecord s;
  DONGNE_TRY(db_.transact([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(auto found, find_subsidy(tx, id));
    if (!found) return no_subsidy();
    s = found->first;
    if (!acts_for_centre(p, found->second)) return not_centre();
    if (s.status != "applied") return Error::conflict("이미 결정된 신청입니다", "the application is already decided", "decided");
    if (approve) {
      DONGNE_ASSIGN_OR_RETURN(auto n, tx.query("SELECT COUNT(*) FROM jobs_subsidies x JOIN jobs_startup_teams t ON t.id = x.team_id "
                                               "WHERE t.centre_id = ? AND x.year = ? AND x.status IN ('approved', 'disbursed')",
                                               {found->second, int64_t{s.year}}));
      if (n[0].i64(0) >= kSubsidyTeamsPerYear) {
        return Error::conflict("올해 지원 팀 수(" + std::to_string(kSubsidyTeamsPerYear) + "팀)가 찼습니다",
                               "this year's " + std::to_string(kSubsidyTeamsPerYear) + " funded teams are taken", "quota_full");
      }
    }
    s.status = approve ? "approved" : "rejected";
    DONGNE_TRY(to_status(tx.exec("UPDATE jobs_subsidies SET status = ?, decided_by = ?, decided_at = ? WHERE id = ?",
                                 {s.status, p.user_id, now, id})));
    return emit(tx, "jobs.subsidy_decided", "jobs_subsidy", id, {{"subsidy_id", id}, {"status", s.status}}, p.user_id, now);
  }));
  return s;
}

Result<SubsidyRecord> JobsService::disburse_subsidy(const Principal& p, int64_t id, LocalDate on) {
  const EpochMs now = clock_.now_ms();
  SubsidyRecord s;
  DONGNE_TRY(db_.transact([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(auto found, find_subsidy(tx, id));
    if (!found) return no_subsidy();
    s = found->first;
    if (!acts_for_centre(p, found->second)) return not_centre();
    if (s.status != "approved") {
      return Error::conflict(s.status == "disbursed" ? "이미 지급했습니다" : "승인된 신청만 지급할 수 있습니다",
                             s.status == "disbursed" ? "already disbursed" : "only an approved application can be disbursed", "not_approved");
    }
    s.status = "disbursed";
    s.disbursed_on = on;
    DONGNE_TRY(to_status(tx.exec("UPDATE jobs_subsidies SET status = 'disbursed', disbursed_on = ? WHERE id = ?", {format_date(on), id})));
    return emit(tx, "jobs.subsidy_disbursed", "jobs_subsidy", id, {{"subsidy_id", id}, {"amount_won", s.amount_won}}, p.user_id, now);
  }));
  return s;
}

Result<std::vector<SubsidyRecord>> JobsService::subsidies(const Principal& p, int year) {
  std::vector<SubsidyRecord> out;
  DONGNE_TRY(db_.read([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT x.id FROM jobs_subsidies x WHERE x.year = ? ORDER BY x.id", {int64_t{year}}));
    for (const auto& r : rows.rows) {
      DONGNE_ASSIGN_OR_RETURN(auto found, find_subsidy(tx, r.i64(0)));
      if (found && acts_for_centre(p, found->second)) out.push_back(found->first);
    }
    return ok_status();
  }));
  return out;
}

}  // namespace dongne::jobs
