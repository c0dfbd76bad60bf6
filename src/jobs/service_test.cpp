// The Saeil centre's casework on both stores, at fixed times: a case from intake to a hire with its events and
// follow-ups, illegal transitions, notes refused (and logged) for a counsellor not on the case, bad profiles that
// change nothing, matching that honours a 16:00 childcare limit, the internship ledger (approval once, only when
// due), course outcomes, and the startup subsidy quota.
#include <gtest/gtest.h>

#include "jobs/service.h"
#include "store/test_store.h"

namespace dongne::jobs {
namespace {

EpochMs at(const char* rfc) { return parse_rfc3339(rfc).value(); }

const Reference& reference() {
  static const Reference ref = load_reference(std::string(DONGNE_SOURCE_DIR) + "/data").value();
  return ref;
}

class JobsServiceTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    db_ = store_.make();
    if (!db_) {
      if (!store_.skip_reason().empty()) GTEST_SKIP() << store_.skip_reason();
      FAIL() << store_.error();
    }
    svc_ = std::make_unique<JobsService>(*db_, clock_, reference());
    ASSERT_TRUE(db_->transact([&](store::Tx& tx) -> Status {
                     DONGNE_ASSIGN_OR_RETURN(centre_, tx.insert("INSERT INTO organisations (kind, code, name_ko, name_en) VALUES "
                                                                "('centre', 't-saeil', '시험 새일센터', 'Test Saeil')"));
                     DONGNE_ASSIGN_OR_RETURN(employer_, tx.insert("INSERT INTO organisations (kind, code, name_ko, name_en) VALUES "
                                                                  "('employer', 't-emp', '시험기업', 'Test Co')"));
                     for (int i = 0; i < 3; ++i) {
                       DONGNE_ASSIGN_OR_RETURN(users_[i], tx.insert("INSERT INTO users (name, password_hash, kind, created_at) "
                                                                    "VALUES (?, 'x', 'staff', 0)", {"직원 " + std::to_string(i)}));
                     }
                     return to_status(tx.exec("INSERT INTO role_grants (user_id, role, scope_kind, scope_id, created_at) VALUES (?, 'counsellor', 'centre', ?, 0)",
                                              {users_[1], centre_}));
                   }).ok());
    a_ = {users_[0], "상담사 A", "ko", {Grant{Role::kCounsellor, "centre", centre_, ""}}};
    b_ = {users_[1], "상담사 B", "ko", {Grant{Role::kCounsellor, "centre", centre_, ""}}};
    emp_ = {users_[2], "기업", "ko", {Grant{Role::kEmployer, "employer", employer_, ""}}};
  }

  nlohmann::json profile(const std::string& leave_by = "") {
    nlohmann::json p = {{"occupations", {"027"}},
                        {"competencies", {"엑셀", "전산회계"}},
                        {"availability", {{"days", {"mon", "tue", "wed", "thu", "fri"}}, {"start", "09:00"}, {"end", "18:00"}}},
                        {"home_area", "jinju-sangdae"},
                        {"max_commute_min", 45},
                        {"expected_wage", {{"won", 2000000}, {"unit", "monthly"}}},
                        {"languages", {"ko"}}};
    if (!leave_by.empty()) p["childcare"] = {{"leave_by", leave_by}, {"no_saturday", true}};
    return p;
  }

  CaseRecord intake(const std::string& leave_by = "") {
    SeekerRecord s;
    s.display_name = "김지은";
    s.phone = "010-1234-5678";
    s.profile = profile(leave_by);
    auto c = svc_->intake(a_, s);
    EXPECT_TRUE(c.ok()) << (c.ok() ? "" : c.error().message_en);
    return c.value();
  }

  CaseRecord to_job_search(const CaseRecord& c) {
    EXPECT_TRUE(svc_->transition(a_, c.id, "counselling", std::nullopt, "").ok());
    EXPECT_TRUE(svc_->transition(a_, c.id, "plan", std::nullopt, "").ok());
    EXPECT_TRUE(svc_->save_plan(a_, c.id, {{"goal", "회계 사무원 취업"}, {"steps", {{{"action", "이력서 작성"}}}}}).ok());
    auto r = svc_->transition(a_, c.id, "job_search", std::nullopt, "");
    EXPECT_TRUE(r.ok());
    return r.value();
  }

  VacancyRecord vacancy(const std::string& start, const std::string& end, const std::string& title) {
    VacancyRecord v;
    v.employer_id = employer_;
    v.title = title;
    v.occupation = "027";
    v.start_on = {2026, 12, 15};
    v.detail = {{"required", {"spreadsheet"}},
                {"preferred", {"erp"}},
                {"hours", {{"days", {"mon", "tue", "wed", "thu", "fri"}}, {"start", start}, {"end", end}}},
                {"wage", {{"won", 15000}, {"unit", "hourly"}}},
                {"workplace", {{"area", "jinju-hadae"}}}};
    auto r = svc_->post_vacancy(emp_, v);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message_en);
    return r.value();
  }

  int64_t count(const std::string& sql) {
    int64_t n = -1;
    EXPECT_TRUE(db_->read([&](store::Tx& tx) -> Status {
                     DONGNE_ASSIGN_OR_RETURN(auto rows, tx.query(sql));
                     n = rows[0].i64(0);
                     return ok_status();
                   }).ok());
    return n;
  }

  store::testing::TestStore store_{GetParam()};
  std::unique_ptr<store::Database> db_;
  ManualClock clock_{at("2026-11-02T10:00:00+09:00")};
  std::unique_ptr<JobsService> svc_;
  int64_t centre_ = 0, employer_ = 0;
  int64_t users_[3] = {0, 0, 0};
  Principal a_, b_, emp_;
};

TEST_P(JobsServiceTest, ACaseGoesFromIntakeToAHireWithFollowUps) {
  CaseRecord c = intake();
  EXPECT_EQ(c.state, "intake");
  // Illegal moves are refused with a field message and change nothing.
  auto skip = svc_->transition(a_, c.id, "job_search", std::nullopt, "");
  ASSERT_FALSE(skip.ok());
  EXPECT_EQ(skip.error().code, Code::kConflict);
  ASSERT_EQ(skip.error().fields.size(), 1u);
  EXPECT_EQ(skip.error().fields[0].field, "to");
  auto hired_by_hand = svc_->transition(a_, c.id, "hired", std::nullopt, "");
  ASSERT_FALSE(hired_by_hand.ok());
  EXPECT_EQ(hired_by_hand.error().reason, "record_required");
  ASSERT_TRUE(svc_->transition(a_, c.id, "counselling", std::nullopt, "").ok());
  ASSERT_TRUE(svc_->transition(a_, c.id, "plan", std::nullopt, "").ok());
  EXPECT_EQ(svc_->transition(a_, c.id, "job_search", std::nullopt, "").error().reason, "plan_required");
  ASSERT_TRUE(svc_->save_plan(a_, c.id, {{"goal", "회계 사무원 취업"}}).ok());
  ASSERT_TRUE(svc_->transition(a_, c.id, "job_search", std::nullopt, "").ok());
  EXPECT_EQ(svc_->transition(b_, 999999, "closed", std::nullopt, "").error().code, Code::kNotFound);

  VacancyRecord v = vacancy("09:30", "15:30", "경리");
  auto ref = svc_->refer(a_, v.id, c.id);
  ASSERT_TRUE(ref.ok());
  EXPECT_EQ(svc_->refer(a_, v.id, c.id).error().reason, "already_referred");
  HireRecord h;
  h.case_id = c.id;
  h.referral_id = ref->id;
  h.start_on = {2026, 11, 2};
  h.wage_won = 2'500'000;
  h.wage_unit = "hourly";  // a monthly wage sent as hourly
  auto wrong = svc_->record_hire(a_, h);
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.error().fields.at(0).code, "monthly_as_hourly");
  h.wage_unit = "monthly";
  auto hire = svc_->record_hire(a_, h);
  ASSERT_TRUE(hire.ok()) << hire.error().message_en;
  EXPECT_EQ(hire->employer_id, employer_);
  EXPECT_EQ(svc_->case_of(a_, c.id)->state, "hired");
  EXPECT_EQ(count("SELECT COUNT(*) FROM events WHERE type = 'jobs.hired'"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM events WHERE type = 'jobs.case_moved'"), 4);
  auto fs = svc_->followups(a_, c.id).value();
  ASSERT_EQ(fs.size(), 4u);
  EXPECT_EQ(fs[0].due_on, (LocalDate{2026, 12, 2}));
  EXPECT_EQ(fs[3].due_on, (LocalDate{2027, 11, 2}));
  // A month on, the first follow-up is on the work list; recording it takes it off.
  clock_.set(at("2026-12-03T10:00:00+09:00"));
  auto w = svc_->work_list(a_).value();
  ASSERT_EQ(w.followups.size(), 1u);
  EXPECT_EQ(w.followups[0].month, 1);
  ASSERT_TRUE(svc_->record_followup(a_, w.followups[0].id, "retained", "잘 다니고 있음", "").ok());
  EXPECT_EQ(svc_->record_followup(a_, w.followups[0].id, "retained", "", "").error().reason, "done");
  EXPECT_TRUE(svc_->work_list(a_)->followups.empty());
  auto history = svc_->history(a_, c.id).value();
  ASSERT_EQ(history.size(), 5u);
  EXPECT_EQ(history.back().to, "hired");
}

// An interview held earlier is entered with its day; a day ahead, or more than three years back, is refused on the
// field and opens nothing. A hire cannot start before that day.
TEST_P(JobsServiceTest, AnEarlierIntakeKeepsItsDay) {
  SeekerRecord s;
  s.display_name = "박서윤";
  s.profile = profile("");
  auto ahead = svc_->intake(a_, s, LocalDate{2026, 11, 3});
  ASSERT_FALSE(ahead.ok());
  EXPECT_EQ(ahead.error().fields.at(0).field, "opened_on");
  EXPECT_EQ(ahead.error().fields.at(0).code, "future");
  EXPECT_EQ(svc_->intake(a_, s, LocalDate{2023, 10, 1}).error().fields.at(0).code, "too_old");
  EXPECT_EQ(count("SELECT COUNT(*) FROM jobs_cases"), 0);
  auto c = svc_->intake(a_, s, LocalDate{2026, 9, 23});
  ASSERT_TRUE(c.ok()) << c.error().message_en;
  EXPECT_EQ(svc_->case_of(a_, c->id)->opened_on, (LocalDate{2026, 9, 23}));
  EXPECT_EQ(svc_->history(a_, c->id)->at(0).on, (LocalDate{2026, 9, 23}));
  to_job_search(c.value());
  HireRecord h;
  h.case_id = c->id;
  h.vacancy_id = vacancy("09:30", "15:30", "경리").id;
  h.start_on = {2026, 9, 22};
  h.wage_won = 11'000;
  h.wage_unit = "hourly";
  EXPECT_EQ(svc_->record_hire(a_, h).error().fields.at(0).code, "before_open");
  h.start_on = {2026, 10, 1};
  ASSERT_TRUE(svc_->record_hire(a_, h).ok());
  // Its 1-month follow-up fell due on 2026-11-01: overdue, so on the work list.
  auto w = svc_->work_list(a_).value();
  ASSERT_EQ(w.followups.size(), 1u);
  EXPECT_EQ(w.followups[0].due_on, (LocalDate{2026, 11, 1}));
}

// A past year's case entered after the fact: it may open before the three-year limit, says so on the case and
// on its events, and its hire (a job Programmes may count for that year) schedules no follow-ups.
TEST_P(JobsServiceTest, APastYearsCaseIsEnteredLateAndMarked) {
  SeekerRecord s;
  s.display_name = "윤지난";
  s.profile = profile("");
  EXPECT_EQ(svc_->intake(a_, s, LocalDate{2019, 3, 4}).error().fields.at(0).code, "too_old");
  EXPECT_EQ(svc_->intake(a_, s, LocalDate{1999, 12, 31}, true).error().fields.at(0).code, "too_old");
  auto c = svc_->intake(a_, s, LocalDate{2019, 3, 4}, true);
  ASSERT_TRUE(c.ok()) << c.error().message_en;
  EXPECT_TRUE(c->entered_late);
  EXPECT_TRUE(svc_->case_of(a_, c->id)->entered_late);
  to_job_search(c.value());
  HireRecord h;
  h.case_id = c->id;
  h.vacancy_id = vacancy("09:30", "15:30", "경리").id;
  h.start_on = {2019, 6, 3};
  h.wage_won = 8'350;
  h.wage_unit = "hourly";
  auto hired = svc_->record_hire(a_, h);
  ASSERT_TRUE(hired.ok()) << hired.error().message_en;
  EXPECT_TRUE(svc_->followups(a_, c->id)->empty()) << "no follow-ups for a hire entered after the fact";
  EXPECT_EQ(count("SELECT COUNT(*) FROM events WHERE type IN ('jobs.case_opened', 'jobs.hired') AND payload LIKE '%\"entered_late\":true%'"), 2);
}

TEST_P(JobsServiceTest, NotesAreReadOnlyByTheCasesCounsellorsAndEveryReadIsLogged) {
  CaseRecord c = intake();
  ASSERT_TRUE(svc_->add_note(a_, c.id, "counselling", "경력단절 8년, 회계 경험 있음").ok());
  EXPECT_EQ(svc_->add_note(b_, c.id, "counselling", "x").error().code, Code::kForbidden);
  ASSERT_EQ(svc_->notes(a_, c.id, "상담 준비")->size(), 1u);
  auto refused = svc_->notes(b_, c.id, "궁금해서");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, Code::kForbidden);
  // The service logs the read it allowed; the refusal is logged by the pipeline (Doc::personal_data), which the
  // API test shows (tests/api/jobs.test.mjs).
  auto log = svc_->access_log(a_, c.id).value();
  ASSERT_EQ(log.size(), 1u);
  EXPECT_EQ(log[0]["actor_user_id"], users_[0]);
  EXPECT_EQ(log[0]["allowed"], true);
  EXPECT_EQ(log[0]["reason"], "상담 준비");
  // Once on the case, she may read them.
  ASSERT_TRUE(svc_->add_counsellor(a_, c.id, users_[1]).ok());
  EXPECT_TRUE(svc_->notes(b_, c.id, "공동 담당").ok());
  EXPECT_EQ(svc_->add_counsellor(a_, c.id, users_[2]).error().fields.at(0).code, "not_counsellor");
}

TEST_P(JobsServiceTest, BadProfilesAreRefusedWithFieldMessagesAndChangeNothing) {
  const int64_t before = count("SELECT COUNT(*) FROM jobs_seekers");
  SeekerRecord s;
  s.display_name = "이수진";
  s.profile = profile();
  s.profile["occupations"] = {"999"};
  s.profile["availability"]["end"] = "08:00";
  s.profile["expected_wage"] = {{"won", 12000}, {"unit", "monthly"}};
  s.profile["competencies"] = {"엑셀", "없는역량"};
  s.profile["work_history"] = {{{"employer", std::string(201, 'x')}, {"from", "2019-03"}, {"to", "2099-01"}},
                               {{"employer", 5}, {"from", "2020-02-30"}}};
  s.profile["childcare"] = {{"leave_by", "09:00"}, {"start_after", "10:00"}};
  auto r = svc_->intake(a_, s);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, Code::kInvalid);
  std::set<std::string> fields;
  for (const auto& f : r.error().fields) {
    fields.insert(f.field + ":" + f.code);
    EXPECT_FALSE(f.message_ko.empty());
    EXPECT_FALSE(f.message_en.empty());
  }
  EXPECT_TRUE(fields.contains("profile.occupations:unknown_code"));
  EXPECT_TRUE(fields.contains("profile.availability.end:before_start"));
  EXPECT_TRUE(fields.contains("profile.expected_wage.won:hourly_as_monthly"));
  EXPECT_TRUE(fields.contains("profile.competencies:unknown_competency"));
  EXPECT_TRUE(fields.contains("profile.work_history.employer:too_long"));
  EXPECT_TRUE(fields.contains("profile.work_history.employer:type"));
  EXPECT_TRUE(fields.contains("profile.work_history.to:future"));
  EXPECT_TRUE(fields.contains("profile.work_history.from:format"));
  EXPECT_TRUE(fields.contains("profile.childcare.leave_by:before_start"));
  s.display_name = "900101-2345678";
  s.profile = profile();
  EXPECT_EQ(svc_->intake(a_, s).error().fields.at(0).code, "rrn");
  EXPECT_EQ(count("SELECT COUNT(*) FROM jobs_seekers"), before);
  EXPECT_EQ(count("SELECT COUNT(*) FROM events WHERE type LIKE 'jobs.%'"), 0);
  // Aliases are stored by their canonical key.
  CaseRecord c = intake();
  auto seeker = svc_->seeker(a_, c.seeker_id, "확인").value();
  EXPECT_EQ(seeker.profile["competencies"][0], "spreadsheet");
}

TEST_P(JobsServiceTest, ASeekerWhoMustLeaveBy1600NeverSeesAVacancyEndingAt1800) {
  CaseRecord c = to_job_search(intake("16:00"));
  VacancyRecord late = vacancy("09:00", "18:00", "전일제 경리");
  VacancyRecord early = vacancy("09:30", "15:00", "오전 경리");
  auto m = svc_->vacancies_for_seeker(a_, c.seeker_id, 20, {}).value();
  ASSERT_EQ(m.matches.size(), 1u);
  EXPECT_EQ(m.matches[0].vacancy_id, early.id);
  double shares = 0;
  for (const auto& f : m.matches[0].factors) shares += f.share;
  EXPECT_NEAR(shares, 1.0, 1e-9);
  auto why = svc_->explain_pair(a_, c.seeker_id, late.id, {}).value();
  EXPECT_FALSE(why.eligible);
  EXPECT_EQ(why.reason_code, "schedule");
  // The reverse direction agrees: the 18:00 vacancy has no candidate, the 15:00 one has her.
  EXPECT_TRUE(svc_->seekers_for_vacancy(emp_, late.id, 20, {})->matches.empty());
  ASSERT_EQ(svc_->seekers_for_vacancy(emp_, early.id, 20, {})->matches.size(), 1u);
}

TEST_P(JobsServiceTest, ANightShiftIsPostedAndReachesASeekerFreeAtNight) {
  CaseRecord day = to_job_search(intake());
  VacancyRecord night = vacancy("22:00", "07:00", "야간 경리");
  EXPECT_EQ(night.detail["hours"]["end"], "07:00");
  SeekerRecord s;
  s.display_name = "박야간";
  s.profile = profile();
  s.profile["availability"] = {{"days", {"mon", "tue", "wed", "thu", "fri"}}, {"start", "20:00"}, {"end", "08:00"}};
  auto c = svc_->intake(a_, s);
  ASSERT_TRUE(c.ok()) << c.error().message_en;
  CaseRecord owl = to_job_search(c.value());
  auto m = svc_->vacancies_for_seeker(a_, owl.seeker_id, 20, {}).value();
  ASSERT_FALSE(m.matches.empty());
  EXPECT_EQ(m.matches[0].vacancy_id, night.id);
  EXPECT_EQ(svc_->explain_pair(a_, day.seeker_id, night.id, {})->reason_code, "schedule");
  // 22:00 to 15:00 the next day is 17 hours: not a shift.
  nlohmann::json v = {{"required", {"spreadsheet"}}, {"hours", {{"days", {"mon"}}, {"start", "22:00"}, {"end", "15:00"}}},
                      {"wage", {{"won", 15000}, {"unit", "hourly"}}}, {"workplace", {{"area", "jinju-hadae"}}}};
  VacancyRecord bad;
  bad.employer_id = employer_;
  bad.title = "너무 긴 야간";
  bad.occupation = "027";
  bad.start_on = {2027, 1, 4};
  bad.detail = v;
  auto refused = svc_->post_vacancy(emp_, bad);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().fields.at(0).field, "hours.end");
}

TEST_P(JobsServiceTest, TheInternshipLedgerPaysOnlyWhatFellDueAndApprovesOnce) {
  CaseRecord c = to_job_search(intake());
  InternshipRecord in;
  in.case_id = c.id;
  in.employer_id = employer_;
  in.starts_on = {2026, 11, 2};
  in.monthly_wage_won = 2'096'270;
  auto placed = svc_->start_internship(a_, in);
  ASSERT_TRUE(placed.ok()) << placed.error().message_en;
  EXPECT_EQ(placed->ends_on, (LocalDate{2027, 2, 1}));
  auto pays = svc_->payments(a_, placed->id, std::nullopt).value();
  ASSERT_EQ(pays.size(), 3u);
  EXPECT_EQ(pays[0].due_on, (LocalDate{2026, 12, 2}));
  EXPECT_EQ(pays[0].amount_won, 800'000);
  EXPECT_EQ(svc_->approve_payment(a_, pays[0].id).error().reason, "not_due");
  clock_.set(at("2026-12-02T10:00:00+09:00"));
  ASSERT_TRUE(svc_->approve_payment(a_, pays[0].id).ok());
  auto twice = svc_->approve_payment(a_, pays[0].id);
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.error().reason, "already_approved");
  EXPECT_EQ(twice.error().fields.at(0).field, "status");
  EXPECT_EQ(svc_->mark_paid(a_, pays[1].id, "TX-1").error().reason, "not_approved");
  ASSERT_TRUE(svc_->mark_paid(a_, pays[0].id, "TX-1").ok());
  EXPECT_EQ(svc_->mark_paid(a_, pays[0].id, "TX-1").error().reason, "already_paid");
  // Converted on the day after the placement: a hire and the two retention payments 6 months on.
  clock_.set(at("2027-02-02T10:00:00+09:00"));
  // A refused hire (a monthly wage sent as hourly) leaves the internship active and records nothing.
  auto refused = svc_->convert_internship(a_, placed->id, {2027, 2, 2}, 2'200'000, "hourly", "027");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().fields.at(0).code, "monthly_as_hourly");
  EXPECT_EQ(count("SELECT COUNT(*) FROM jobs_hires"), 0);
  auto conv = svc_->convert_internship(a_, placed->id, {2027, 2, 2}, 2'200'000, "monthly", "027");
  ASSERT_TRUE(conv.ok()) << conv.error().message_en;
  EXPECT_EQ(svc_->convert_internship(a_, placed->id, {2027, 2, 3}, 2'200'000, "monthly", "027").error().reason, "not_active");
  auto all = svc_->payments(a_, placed->id, std::nullopt).value();
  ASSERT_EQ(all.size(), 5u);
  int retention = 0;
  for (const auto& p : all) {
    if (p.kind != "internship_month") {
      ++retention;
      EXPECT_EQ(p.due_on, (LocalDate{2027, 8, 2}));
    }
  }
  EXPECT_EQ(retention, 2);
  EXPECT_EQ(svc_->case_of(a_, c.id)->state, "hired");
  EXPECT_EQ(count("SELECT COUNT(*) FROM events WHERE type = 'jobs.hired'"), 1);
}

TEST_P(JobsServiceTest, CourseOutcomesCountHiresWithinTheWindow) {
  CourseRecord course;
  course.code = "t-acct";
  course.title_ko = "전산회계";
  course.occupation = "027";
  course.competencies = {"전산회계", "엑셀"};
  course.hours = 120;
  course.outcome_months = 3;
  auto cr = svc_->create_course(a_, course);
  ASSERT_TRUE(cr.ok()) << cr.error().message_en;
  EXPECT_EQ(cr->competencies[1], "spreadsheet");
  CohortRecord bad{0, cr->id, {2026, 9, 1}, {2026, 8, 1}, 10, 4, 75, "open"};
  EXPECT_EQ(svc_->create_cohort(a_, bad).error().fields.at(0).code, "before_start");
  auto cohort = svc_->create_cohort(a_, CohortRecord{0, cr->id, {2026, 9, 1}, {2026, 9, 30}, 10, 4, 75, "open"}).value();
  CaseRecord c = to_job_search(intake());
  auto e = svc_->enrol(a_, cohort.id, c.seeker_id).value();
  EXPECT_EQ(svc_->enrol(a_, cohort.id, c.seeker_id).error().reason, "already_enrolled");
  ASSERT_TRUE(svc_->record_attendance(a_, e.id, {2026, 9, 1}, true).ok());
  ASSERT_TRUE(svc_->record_attendance(a_, e.id, {2026, 9, 8}, true).ok());
  EXPECT_FALSE(svc_->record_attendance(a_, e.id, {2026, 10, 8}, true).ok());  // outside the cohort
  EXPECT_EQ(svc_->complete(a_, e.id, {2026, 9, 30}).error().reason, "attendance");  // 2 of 3 needed
  ASSERT_TRUE(svc_->record_attendance(a_, e.id, {2026, 9, 15}, true).ok());
  ASSERT_TRUE(svc_->complete(a_, e.id, {2026, 9, 30}).ok());
  HireRecord h;
  h.case_id = c.id;
  h.employer_id = employer_;
  h.occupation = "027";
  h.start_on = {2026, 11, 2};
  h.wage_won = 11'000;
  h.wage_unit = "hourly";
  ASSERT_TRUE(svc_->record_hire(a_, h).ok());
  auto f = svc_->year_figures(centre_, 2026).value();
  EXPECT_EQ(f.courses, 1);
  EXPECT_EQ(f.completions, 1);
  EXPECT_EQ(f.employed_after_courses, 1);
  EXPECT_EQ(f.hires, 1);
}

TEST_P(JobsServiceTest, TenSubsidisedTeamsAYear) {
  for (int i = 0; i < 11; ++i) {
    StartupTeamRecord t;
    t.name = "팀 " + std::to_string(i);
    auto team = svc_->register_team(a_, t).value();
    auto app = svc_->apply_subsidy(a_, SubsidyRecord{0, team.id, 2026, 2'000'000, "홍보", "applied", std::nullopt}).value();
    EXPECT_EQ(svc_->apply_subsidy(a_, SubsidyRecord{0, team.id, 2026, 2'000'000, "홍보", "applied", std::nullopt}).error().reason,
              "already_applied");
    auto d = svc_->decide_subsidy(a_, app.id, true);
    if (i < 10) {
      ASSERT_TRUE(d.ok());
    } else {
      ASSERT_FALSE(d.ok());
      EXPECT_EQ(d.error().reason, "quota_full");
    }
  }
  EXPECT_EQ(svc_->year_figures(centre_, 2026)->subsidy_teams, 10);
}

INSTANTIATE_TEST_SUITE_P(Stores, JobsServiceTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace dongne::jobs
