// The programme cycle on both stores: a call, two districts' proposals, review with a conflict and an own-district
// refusal, publication within the envelope; participants, outputs, spending and a linked booking event; and after
// every kind of event, the KPIs kept incrementally equal the pure fold over the whole log and a recomputation.
#include "programmes/service_fixture.h"

namespace dongne::programmes {
namespace {

using fixture::at;
using fixture::ProgrammeServiceTest;

TEST_P(ProgrammeServiceTest, CallProposalsReviewAndSelectionWithinTheEnvelope) {
  CallRecord c = open_call();
  auto p1 = svc_->create_proposal(d1_officer_, proposal(c.id, d1_, 60'000'000, "가구 사업"));
  auto p2 = svc_->create_proposal(d2_officer_, proposal(c.id, d2_, 50'000'000, "나구 사업"));
  auto p3 = svc_->create_proposal(d2_officer_, proposal(c.id, d2_, 30'000'000, "나구 둘째 사업"));
  ASSERT_TRUE(p1.ok() && p2.ok() && p3.ok());
  // Another district's officer cannot touch d1's proposal.
  EXPECT_EQ(svc_->submit(d2_officer_, p1->id).error().code, Code::kForbidden);
  for (auto id : {p1->id, p2->id, p3->id}) {
    auto& who = id == p1->id ? d1_officer_ : d2_officer_;
    ASSERT_TRUE(svc_->submit(who, id).ok());
  }
  // Reviewers: the city officer, and d1's officer (who may not score d1's own proposal).
  ASSERT_TRUE(svc_->assign_reviewer(city_officer_, c.id, city_officer_.user_id, std::nullopt).ok());
  ASSERT_TRUE(svc_->assign_reviewer(city_officer_, c.id, d1_officer_.user_id, std::nullopt).ok());
  auto own = svc_->score(d1_officer_, p1->id, {{"fit", 10}, {"jobs", 10}});
  ASSERT_FALSE(own.ok());
  EXPECT_EQ(own.error().code, Code::kInvalid);
  EXPECT_EQ(own.error().fields.at(0).code, "own_district");
  auto out_of_range = svc_->score(city_officer_, p1->id, {{"fit", 11}, {"jobs", 5}});
  ASSERT_FALSE(out_of_range.ok());
  EXPECT_EQ(out_of_range.error().fields.at(0).field, "scores.fit");
  // A conflict excludes the reviewer from that proposal.
  ASSERT_TRUE(svc_->score(d1_officer_, p2->id, {{"fit", 2}, {"jobs", 2}}).ok());
  ASSERT_TRUE(svc_->declare_conflict(d1_officer_, p2->id, "배우자가 수행기관 직원").ok());
  EXPECT_EQ(svc_->score(d1_officer_, p2->id, {{"fit", 2}, {"jobs", 2}}).error().code, Code::kConflict);
  ASSERT_TRUE(svc_->score(city_officer_, p1->id, {{"fit", 10}, {"jobs", 10}}).ok());  // 100
  ASSERT_TRUE(svc_->score(city_officer_, p2->id, {{"fit", 9}, {"jobs", 9}}).ok());    // 90
  ASSERT_TRUE(svc_->score(city_officer_, p3->id, {{"fit", 8}, {"jobs", 9}}).ok());    // 84
  ASSERT_TRUE(svc_->score(d1_officer_, p3->id, {{"fit", 8}, {"jobs", 9}}).ok());
  // Before the deadline nothing is published.
  EXPECT_EQ(svc_->publish(city_officer_, c.id).error().reason, "deadline_not_passed");
  clock_.set(at("2027-04-01T09:00:00+09:00"));
  // After it, no new proposal and no edit.
  EXPECT_EQ(svc_->create_proposal(d1_officer_, proposal(c.id, d1_, 1'000'000, "늦은 사업")).error().reason, "deadline_passed");
  auto sel = svc_->selection(city_officer_, c.id).value();
  EXPECT_EQ(sel["greedy_total_won"], 90'000'000);  // 60 M, then 50 M does not fit, then 30 M does
  auto pub = svc_->publish(city_officer_, c.id);
  ASSERT_TRUE(pub.ok()) << pub.error().message_en;
  int64_t total = 0;
  for (const auto& x : (*pub)["ranking"]) {
    if (x["verdict"] == "selected") total += x["request_won"].get<int64_t>();
    EXPECT_FALSE(x["reason_ko"].get<std::string>().empty());
  }
  EXPECT_EQ(total, 90'000'000);
  EXPECT_LE(total, c.envelope_won);
  EXPECT_EQ((*pub)["ranking"][1]["verdict"], "over_envelope");
  // The greedy rule left 10 M unused; {p2, p3} would use 80 M for 174 points vs {p1, p3} with 184: greedy is optimal.
  EXPECT_EQ((*pub)["optimal_differs"], false);
  EXPECT_EQ(svc_->projects(2027, std::nullopt)->size(), 2u);
  EXPECT_EQ(svc_->proposal(d2_officer_, p2->id)->status, "rejected");
  EXPECT_TRUE(svc_->published_results(c.id).ok());
  EXPECT_EQ(svc_->publish(city_officer_, c.id).error().reason, "already_published");
}

TEST_P(ProgrammeServiceTest, ProposalInputIsCheckedAndNothingChanges) {
  CallRecord c = open_call();
  auto over = svc_->create_proposal(d1_officer_, proposal(c.id, d1_, 150'000'000, "너무 큰 사업"));
  ASSERT_FALSE(over.ok());
  EXPECT_EQ(over.error().fields.at(0).code, "over_envelope");
  ProposalRecord skewed = proposal(c.id, d1_, 40'000'000, "비율이 다른 사업");
  skewed.district_share_won = 10'000'000;  // 80 % city where the call says 50 %
  EXPECT_EQ(svc_->create_proposal(d1_officer_, skewed).error().fields.at(0).code, "ratio");
  ProposalRecord bad_month = proposal(c.id, d1_, 40'000'000, "다른 해의 목표");
  bad_month.monthly_targets = {{"2026-06", 5, 0}};
  EXPECT_EQ(svc_->create_proposal(d1_officer_, bad_month).error().fields.at(0).field, "monthly_targets[0].month");
  ProposalRecord no_summary = proposal(c.id, d1_, 40'000'000, "요약 없음");
  no_summary.summary.clear();
  auto draft = svc_->create_proposal(d1_officer_, no_summary);
  ASSERT_TRUE(draft.ok());
  auto sub = svc_->submit(d1_officer_, draft->id);
  ASSERT_FALSE(sub.ok());
  EXPECT_EQ(sub.error().fields.at(0).field, "summary");
  EXPECT_EQ(svc_->proposals(d1_officer_, c.id)->size(), 1u);
  EXPECT_EQ(svc_->proposal(d1_officer_, draft->id)->status, "draft");
  // Another district never reads it, not even as a reviewer while it is a draft.
  EXPECT_EQ(svc_->proposal(d2_officer_, draft->id).error().code, Code::kForbidden);
  ASSERT_TRUE(svc_->assign_reviewer(city_officer_, c.id, d2_officer_.user_id, std::nullopt).ok());
  EXPECT_EQ(svc_->proposal(d2_officer_, draft->id).error().code, Code::kForbidden);
  // An illegal transition: a draft cannot be sent back.
  EXPECT_EQ(svc_->send_back(city_officer_, draft->id, "보완").error().reason, "illegal_transition");
}

TEST_P(ProgrammeServiceTest, ATraineeHiredAsAnEmployeeCountsOnceTrainedAndOnceInJobsFromTheHire) {
  auto [a, b] = published_projects();
  (void)b;
  clock_.set(at("2028-01-05T10:00:00+09:00"));
  ParticipantRecord trainee{0, a, "", "정수련", std::string("010-5555-1234"), std::nullopt, "trainee", false,
                            "career_break_women", {2027, 3, 1}, LocalDate{2027, 4, 30}, false, false};
  auto t = svc_->enrol(d1_officer_, trainee);
  ASSERT_TRUE(t.ok()) << t.error().message_en;
  // Her name was mistyped; corrected on the record, she keeps her identity when enrolled again.
  ParticipantRecord fixed = *t;
  fixed.display_name = "정수연";
  ASSERT_TRUE(svc_->update_participant(d1_officer_, fixed).ok());
  ParticipantRecord hired{0, a, "", "정수연", std::string("01055551234"), std::nullopt, "employee", true,
                          "career_break_women", {2027, 5, 1}, std::nullopt, false, false};
  auto h = svc_->enrol(d1_officer_, hired);
  ASSERT_TRUE(h.ok()) << h.error().message_en;
  EXPECT_EQ(h->person_key, t->person_key) << "one person, two spells";
  // A spell overlapping one she holds is refused, whatever the role.
  ParticipantRecord twice = hired;
  twice.start_date = {2027, 4, 15};
  twice.role = "volunteer";
  auto dup = svc_->enrol(d1_officer_, twice);
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.error().reason, "already_enrolled");
  // Nor can an edit make her two spells overlap.
  ParticipantRecord longer = *t;
  longer.display_name = "정수연";
  longer.end_date = LocalDate{2027, 5, 15};
  auto edited = svc_->update_participant(d1_officer_, longer);
  ASSERT_FALSE(edited.ok());
  EXPECT_EQ(edited.error().reason, "already_enrolled");
  auto april = svc_->dashboard({2027, 4, 15}, Scope{a, std::nullopt, std::nullopt, std::nullopt}).value().total;
  EXPECT_EQ(april.trained, 1);
  EXPECT_EQ(april.jobs, 0) << "an unpaid trainee is not a job";
  auto june = svc_->dashboard({2027, 6, 30}, Scope{a, std::nullopt, std::nullopt, std::nullopt}).value().total;
  EXPECT_EQ(june.trained, 1);
  EXPECT_EQ(june.jobs, 1);
  EXPECT_EQ(june.participants, 1);
  expect_kpis_agree("trainee then employee");
}

// A past programme year entered after the fact: the call's deadline is behind it, its proposals are entered and
// published, and the call and its project say so.
TEST_P(ProgrammeServiceTest, APastYearIsEnteredLateAndMarked) {
  clock_.set(at("2026-12-07T10:00:00+09:00"));
  CallRecord c = open_call_template();
  c.year = 2019;
  c.deadline = at("2019-03-31T18:00:00+09:00");
  auto refused = svc_->create_call(city_officer_, c);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().fields.at(0).field, "deadline");
  c.entered_late = true;
  auto call = svc_->create_call(city_officer_, c);
  ASSERT_TRUE(call.ok()) << call.error().message_en;
  EXPECT_TRUE(call->entered_late);
  ProposalRecord pr = proposal(call->id, d1_, 40'000'000, "2019 가구 사업");
  pr.monthly_targets = {{"2019-04", 3, 10}};
  auto draft = svc_->create_proposal(d1_officer_, pr);
  ASSERT_TRUE(draft.ok()) << draft.error().message_en;
  ASSERT_TRUE(svc_->submit(d1_officer_, draft->id).ok());
  ASSERT_TRUE(svc_->assign_reviewer(city_officer_, call->id, city_officer_.user_id, std::nullopt).ok());
  ASSERT_TRUE(svc_->score(city_officer_, draft->id, {{"fit", 9}, {"jobs", 8}}).ok());
  ASSERT_TRUE(svc_->publish(city_officer_, call->id).ok());
  auto projects = svc_->projects(2019, std::nullopt).value();
  ASSERT_EQ(projects.size(), 1u);
  EXPECT_TRUE(projects[0].entered_late);
  EXPECT_EQ(projects[0].end_date, (LocalDate{2019, 12, 31}));
  // Its participants are entered with their dates of the time, and count as of then.
  ParticipantRecord w{0, projects[0].id, "", "과거 근로자", std::nullopt, std::nullopt, "employee", true,
                      "career_break_women", {2019, 5, 1}, LocalDate{2019, 11, 30}, false, false};
  ASSERT_TRUE(svc_->enrol(d1_officer_, w).ok());
  EXPECT_EQ(svc_->dashboard({2019, 8, 31}, Scope{projects[0].id, std::nullopt, std::nullopt, 2019}).value().total.jobs, 1);
}

TEST_P(ProgrammeServiceTest, AParticipantLinkedToAJobsSeekerAndHerHireAreOnePerson) {
  auto [a, b] = published_projects();
  (void)b;
  clock_.set(at("2028-01-05T10:00:00+09:00"));
  auto seeker_registered = [&](int64_t id) {
    return db_->transact([&](store::Tx& tx) -> Status {
      return to_status(tx.append_event({"jobs.seeker_registered", "jobs_seeker", std::to_string(id),
                                        nlohmann::json{{"seeker_id", id}, {"centre_id", 1}}.dump(), std::nullopt,
                                        at("2027-01-10T10:00:00+09:00")}));
    });
  };
  ASSERT_TRUE(seeker_registered(31).ok());
  ASSERT_TRUE(seeker_registered(32).ok());
  ASSERT_TRUE(svc_->add_link(city_officer_, a, "jobs.hired", "vacancy_id", "5", "job", "").ok());
  // Her hire recorded by Jobs (person_key as Jobs writes it), and her enrolment as a trainee then an employee.
  ASSERT_TRUE(db_->transact([&](store::Tx& tx) -> Status {
                   return to_status(tx.append_event({"jobs.hired", "jobs_hire", "1",
                                                     nlohmann::json{{"vacancy_id", 5}, {"seeker_id", 31}, {"person_key", "jobs:31"},
                                                                    {"start", "2027-06-01"}}.dump(),
                                                     std::nullopt, at("2027-06-01T10:00:00+09:00")}));
                 }).ok());
  ASSERT_TRUE(Projector::catch_up(*db_).ok());
  ParticipantRecord trainee{0, a, "", "한새일", std::string("01077770031"), std::nullopt, "trainee", false,
                            "career_break_women", {2027, 4, 1}, LocalDate{2027, 5, 31}, false, false};
  auto t = svc_->enrol(d1_officer_, trainee);
  ASSERT_TRUE(t.ok()) << t.error().message_en;
  ParticipantRecord employee{0, a, "", "한새일", std::string("01077770031"), std::nullopt, "employee", true,
                             "career_break_women", {2027, 6, 1}, std::nullopt, false, false};
  auto e = svc_->enrol(d1_officer_, employee);
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(svc_->dashboard({2027, 7, 1}, Scope{a, std::nullopt, std::nullopt, std::nullopt}).value().total.jobs, 2)
      << "not linked yet: the hire and the enrolment look like two people";
  // An unknown seeker is refused and changes nothing; linking one record links the person's other records too.
  ParticipantRecord wrong = *t;
  wrong.seeker_id = 999;
  auto refused = svc_->update_participant(d1_officer_, wrong);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().fields.at(0).field, "seeker_id");
  ParticipantRecord linked = *t;
  linked.seeker_id = 31;
  auto l = svc_->update_participant(d1_officer_, linked);
  ASSERT_TRUE(l.ok()) << l.error().message_en;
  EXPECT_EQ(l->person_key, "jobs:31");
  auto july = svc_->dashboard({2027, 7, 1}, Scope{a, std::nullopt, std::nullopt, std::nullopt}).value().total;
  EXPECT_EQ(july.jobs, 1) << "one person: the enrolment and the hire";
  EXPECT_EQ(july.trained, 1);
  // Linked once: another seeker is refused.
  linked.seeker_id = 32;
  EXPECT_EQ(svc_->update_participant(d1_officer_, linked).error().fields.at(0).code, "already_linked");
  // Enrolled with the link from the start, another person is that seeker at once.
  ParticipantRecord other{0, a, "", "윤다른", std::nullopt, std::nullopt, "employee", true, "career_break_women",
                          {2027, 8, 1}, std::nullopt, false, false, 32};
  auto o = svc_->enrol(d1_officer_, other);
  ASSERT_TRUE(o.ok()) << o.error().message_en;
  EXPECT_EQ(o->person_key, "jobs:32");
  expect_kpis_agree("linked to seekers");
}

TEST_P(ProgrammeServiceTest, KpisAgreeWithTheFoldAfterEveryKindOfEvent) {
  auto [a, b] = published_projects();
  clock_.set(at("2028-01-05T10:00:00+09:00"));
  ParticipantRecord kim{0, a, "", "김코치", std::string("01012345678"), std::nullopt, "trainee", true,
                        "career_break_women", {2027, 3, 1}, std::nullopt, false, false};
  auto e1 = svc_->enrol(d1_officer_, kim);
  ASSERT_TRUE(e1.ok()) << e1.error().message_en;
  expect_kpis_agree("enrolled");
  auto dup = svc_->enrol(d1_officer_, kim);
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.error().reason, "already_enrolled");
  ParticipantRecord edited = *e1;
  edited.role = "employee";
  edited.start_date = {2027, 5, 1};
  ASSERT_TRUE(svc_->update_participant(d1_officer_, edited).ok());
  expect_kpis_agree("updated");
  ParticipantRecord backwards = edited;
  backwards.end_date = LocalDate{2027, 4, 1};
  EXPECT_EQ(svc_->update_participant(d1_officer_, backwards).error().fields.at(0).code, "before_start");
  ParticipantRecord lee{0, b, "", "이기사", std::nullopt, std::nullopt, "employee", true, "seniors", {2027, 4, 1},
                        LocalDate{2027, 9, 30}, false, false};
  auto e2 = svc_->enrol(d2_officer_, lee);
  ASSERT_TRUE(e2.ok());
  ParticipantRecord vol{0, b, "", "박봉사", std::nullopt, std::nullopt, "volunteer", false, "", {2027, 4, 1},
                        std::nullopt, false, false};
  auto e3 = svc_->enrol(d2_officer_, vol);
  ASSERT_TRUE(e3.ok());
  ASSERT_TRUE(svc_->remove_participant(d2_officer_, e3->id).ok());
  expect_kpis_agree("removed");
  ASSERT_TRUE(svc_->record_output(d1_officer_, a, {2027, 6, 3}, "coaching_visit", 4).ok());
  EXPECT_FALSE(svc_->record_output(d1_officer_, a, {2027, 6, 3}, "coaching_visit", 0).ok());
  expect_kpis_agree("output");
  ASSERT_TRUE(svc_->record_spending(d1_officer_, SpendingRecord{0, a, {2027, 6, 30}, 12'000'000, "인건비", ""}).ok());
  EXPECT_EQ(svc_->record_spending(d1_officer_, SpendingRecord{0, a, {2027, 7, 1}, 900'000'000, "인건비", ""}).error().fields.at(0).code,
            "over_budget");
  expect_kpis_agree("spending");
  // A refund is a negative amount with its reason, and budget executed goes down; never below zero.
  EXPECT_EQ(svc_->record_spending(d1_officer_, SpendingRecord{0, a, {2027, 7, 2}, -2'000'000, "인건비", ""}).error().fields.at(0).code,
            "required");
  ASSERT_TRUE(svc_->record_spending(d1_officer_, SpendingRecord{0, a, {2027, 7, 2}, -2'000'000, "인건비", "과지급 환수"}).ok());
  EXPECT_EQ(svc_->record_spending(d1_officer_, SpendingRecord{0, a, {2027, 7, 3}, -20'000'000, "인건비", "정정"}).error().fields.at(0).code,
            "below_zero");
  EXPECT_EQ(svc_->dashboard({2027, 7, 31}, Scope{a, std::nullopt, std::nullopt, std::nullopt}).value().total.spent_won, 10'000'000);
  expect_kpis_agree("refund");
  // Another pillar's event counts once linked, including those recorded before the link.
  ASSERT_TRUE(db_->transact([&](store::Tx& tx) -> Status {
                   return to_status(tx.append_event({"booking.confirmed", "booking", "1",
                                                     R"({"booking_id":1,"resource_id":77,"status":"confirmed"})",
                                                     std::nullopt, at("2027-06-10T10:00:00+09:00")}));
                 }).ok());
  EXPECT_EQ(svc_->add_link(d2_officer_, b, "booking.confirmed", "resource_id", "77", "output", "class").error().code, Code::kForbidden);
  ASSERT_TRUE(svc_->add_link(city_officer_, b, "booking.confirmed", "resource_id", "77", "output", "class").ok());
  ASSERT_TRUE(db_->transact([&](store::Tx& tx) -> Status {
                   return to_status(tx.append_event({"booking.confirmed", "booking", "2",
                                                     R"({"booking_id":2,"resource_id":77,"status":"confirmed"})",
                                                     std::nullopt, at("2027-06-11T10:00:00+09:00")}));
                 }).ok());
  ASSERT_TRUE(Projector::catch_up(*db_).ok());
  ASSERT_TRUE(Projector::catch_up(*db_).ok());  // a second pass changes nothing
  auto d = svc_->dashboard({2027, 6, 30}, Scope{b, std::nullopt, std::nullopt, 2027}).value();
  EXPECT_EQ(d.total.outputs_by_kind["class"], 2);
  ASSERT_TRUE(svc_->add_link(city_officer_, a, "jobs.hired", "vacancy_id", "5", "job", "").ok());
  ASSERT_TRUE(db_->transact([&](store::Tx& tx) -> Status {
                   return to_status(tx.append_event({"jobs.hired", "hire", "9", R"({"vacancy_id":5,"seeker_id":31,"start":"2027-07-01"})",
                                                     std::nullopt, at("2027-06-25T10:00:00+09:00")}));
                 }).ok());
  ASSERT_TRUE(Projector::catch_up(*db_).ok());
  expect_kpis_agree("linked events");
  auto total = svc_->dashboard({2027, 8, 31}, Scope{}).value().total;
  EXPECT_EQ(total.jobs, 3);  // 김코치 (employee from May), 이기사, and the hire from Jobs
  EXPECT_EQ(total.trained, 0);
  EXPECT_EQ(total.spent_won, 10'000'000);  // 12,000,000 spent, 2,000,000 refunded
  EXPECT_EQ(total.cost_per_job_won, 3'333'333) << "rounded to the won";
  EXPECT_EQ(svc_->dashboard({2027, 10, 1}, Scope{}).value().total.jobs, 2);  // 이기사's spell ended in September
  auto rec = svc_->recompute(admin_);
  ASSERT_TRUE(rec.ok());
  EXPECT_EQ((*rec)["matched"], true);
}

TEST_P(ProgrammeServiceTest, MonthlyReportsAreDueOnTheTenthAndReviewed) {
  auto [a, b] = published_projects();
  clock_.set(at("2027-07-08T10:00:00+09:00"));
  auto on_time = svc_->submit_report(d1_officer_, a, "2027-06", "6월 실적");
  ASSERT_TRUE(on_time.ok()) << on_time.error().message_en;
  EXPECT_FALSE(on_time->late);
  EXPECT_EQ(svc_->submit_report(d1_officer_, a, "2027-07", "").error().fields.at(0).code, "not_ended");
  clock_.set(at("2027-07-12T10:00:00+09:00"));
  auto late = svc_->submit_report(d2_officer_, b, "2027-06", "늦은 보고");
  ASSERT_TRUE(late.ok());
  EXPECT_TRUE(late->late);
  EXPECT_EQ(svc_->review_report(d1_officer_, on_time->id, true, "").error().code, Code::kForbidden);
  ASSERT_TRUE(svc_->review_report(city_officer_, on_time->id, true, "").ok());
  EXPECT_FALSE(svc_->review_report(city_officer_, late->id, false, "").ok());  // a return needs a note
  ASSERT_TRUE(svc_->review_report(city_officer_, late->id, false, "집행액 확인").ok());
  auto rows = svc_->reports(city_officer_, 2027, std::nullopt).value();
  int overdue = 0;
  for (const auto& r : rows) overdue += r.overdue ? 1 : 0;
  EXPECT_EQ(overdue, 4);  // April and May (the plans start in April) for both projects: nothing submitted
  EXPECT_EQ(report_due("2027-12"), (LocalDate{2028, 1, 10}));
}

INSTANTIATE_TEST_SUITE_P(Stores, ProgrammeServiceTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace dongne::programmes

namespace dongne::programmes {
namespace {

bool forbidden(const Status& s) { return !s.ok() && s.error().code == Code::kForbidden; }
template <typename T>
bool forbidden(const Result<T>& r) { return !r.ok() && r.error().code == Code::kForbidden; }

// Another city's officer acts on nothing of this city's programmes (issue 25): every refusal leaves it unchanged.
TEST_P(ProgrammeServiceTest, AnotherCitysOfficerActsOnNothingOfThisCity) {
  auto [a, b] = published_projects();
  const auto& other = other_city_officer_;
  CallRecord c = svc_->calls().value().front();
  CallRecord in_our_name = c;
  in_our_name.id = 0;
  in_our_name.deadline = at("2028-03-31T18:00:00+09:00");
  EXPECT_TRUE(forbidden(svc_->create_call(other, in_our_name))) << "no call in another city's name";
  EXPECT_TRUE(forbidden(svc_->assign_reviewer(other, c.id, other.user_id, std::nullopt)));
  EXPECT_TRUE(forbidden(svc_->selection(other, c.id)));
  clock_.set(at("2027-07-08T10:00:00+09:00"));
  ParticipantRecord kim{0, a, "", "김코치", std::string("01012345678"), std::nullopt, "trainee", true,
                        "career_break_women", {2027, 3, 1}, std::nullopt, false, false};
  EXPECT_TRUE(forbidden(svc_->enrol(other, kim)));
  auto enrolled = svc_->enrol(d1_officer_, kim);
  ASSERT_TRUE(enrolled.ok());
  EXPECT_TRUE(forbidden(svc_->participants(other, a)));
  EXPECT_TRUE(forbidden(svc_->remove_participant(other, enrolled->id)));
  EXPECT_TRUE(forbidden(svc_->record_output(other, a, {2027, 6, 3}, "visit", 5)));
  EXPECT_TRUE(forbidden(svc_->add_link(other, a, "booking.confirmed", "resource_id", "1", "output", "class")));
  auto report = svc_->submit_report(d1_officer_, a, "2027-06", "6월 실적");
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(forbidden(svc_->review_report(other, report->id, true, "")));
  EXPECT_EQ(svc_->reports(other, 2027, std::nullopt).value().size(), 0u);
  // Unchanged: the participant is still there, the report still waits for this city's review.
  EXPECT_EQ(svc_->participants(d1_officer_, a).value().size(), 1u);
  EXPECT_TRUE(svc_->review_report(city_officer_, report->id, true, "").ok());
  // A district's draft is its own: not its city's, not another district's.
  clock_.set(at("2027-02-01T09:00:00+09:00"));
  CallRecord next = c;
  next.id = 0;
  next.year = 2028;
  next.deadline = at("2027-12-31T18:00:00+09:00");
  auto call2 = svc_->create_call(city_officer_, next);
  ASSERT_TRUE(call2.ok()) << call2.error().message_en;
  ProposalRecord p = proposal(call2->id, d1_, 1'000'000, "초안");
  p.monthly_targets = {{"2028-04", 3, 10}};
  auto draft = svc_->create_proposal(d1_officer_, p);
  ASSERT_TRUE(draft.ok()) << draft.error().message_en << " " << (draft.error().fields.empty() ? "" : draft.error().fields[0].field);
  EXPECT_TRUE(forbidden(svc_->proposal(city_officer_, draft->id)));
  EXPECT_TRUE(forbidden(svc_->proposal(d2_officer_, draft->id)));
  EXPECT_TRUE(forbidden(svc_->create_proposal(d1_officer_, proposal(call2->id, d2_, 1'000'000, "남의 구"))));
  EXPECT_TRUE(svc_->submit(d1_officer_, draft->id).ok());
  EXPECT_TRUE(svc_->proposal(city_officer_, draft->id).ok()) << "submitted: its city reads it";
  EXPECT_TRUE(forbidden(svc_->proposal(other, draft->id)));
  EXPECT_TRUE(forbidden(svc_->send_back(other, draft->id, "보완")));
  EXPECT_EQ(svc_->proposal(d1_officer_, draft->id)->status, "submitted");
}

}  // namespace
}  // namespace dongne::programmes
