// Home visits on both stores at fixed times: a family asks and her visits are planned until her child turns 24
// months (Booking's rule, with the reason), the worker's day in order with the family's reads logged, a visit done
// appends dispatch.visit_completed (ids only) once, the operator re-plans around a worker away and sees continuity
// fall, schools get an instructor with their language, and bad input or the wrong caller changes nothing.
#include <gtest/gtest.h>

#include "booking/repo.h"
#include "dispatch/visits/repo.h"
#include "dispatch/visits/service.h"
#include "dispatch/test_rows.h"
#include "store/test_store.h"

namespace dongne::dispatch::visits {
namespace {

EpochMs at(const char* rfc) { return parse_rfc3339(rfc).value(); }

class VisitServiceTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    db_ = store_.make();
    if (!db_) {
      if (!store_.skip_reason().empty()) GTEST_SKIP() << store_.skip_reason();
      FAIL() << store_.error();
    }
    svc_ = std::make_unique<VisitService>(*db_, clock_);
    ASSERT_TRUE(db_->transact([&](store::Tx& tx) -> Status {
                     DONGNE_ASSIGN_OR_RETURN(org_, testing::insert_operator(tx, "t-coach", "시험 코칭", "Test coaching"));
                     DONGNE_ASSIGN_OR_RETURN(other_org_, testing::insert_operator(tx, "t-other", "다른 운영", "Other operator"));
                     DONGNE_TRY(testing::insert_users(tx, users_, 8));
                     ServiceRecord s;
                     s.code = "t-coaching";
                     s.operator_id = org_;
                     s.kind = "coaching";
                     s.clients = ClientKind::kFamily;
                     s.name_ko = "시험 육아코칭";
                     s.name_en = "Test coaching";
                     s.city_code = "incheon";
                     s.district_codes = {"bupyeong"};
                     s.max_child_age_months = 23;
                     s.default_minutes = 60;
                     DONGNE_ASSIGN_OR_RETURN(coaching_, repo::upsert_service(tx, s));
                     ServiceRecord t = s;
                     t.code = "t-schools";
                     t.kind = "instruction";
                     t.clients = ClientKind::kSchool;
                     t.city_code.reset();
                     t.district_codes.clear();
                     t.max_child_age_months.reset();
                     t.skills = {"vi", "zh", "ru"};
                     DONGNE_ASSIGN_OR_RETURN(schools_, repo::upsert_service(tx, t));
                     for (int i = 0; i < 2; ++i) {
                       WorkerRecord w;
                       w.service_id = coaching_;
                       w.user_id = users_[2 + i];
                       w.name = "코치" + std::to_string(i + 1);
                       w.home = {126.72 + 0.01 * i, 37.49};
                       DONGNE_ASSIGN_OR_RETURN(coaches_[i], repo::upsert_worker(tx, w));
                     }
                     WorkerRecord vi;
                     vi.service_id = schools_;
                     vi.user_id = users_[4];
                     vi.name = "강사 응우옌";
                     vi.skills = {"vi"};
                     vi.home = {126.73, 37.54};
                     DONGNE_ASSIGN_OR_RETURN(instructor_, repo::upsert_worker(tx, vi));
                     household_[0] = add_household(tx, users_[0], "김지은", "bupyeong", {2025, 1});   // 24 months on 2027-01-01
                     household_[1] = add_household(tx, users_[1], "박서연", "bupyeong", {2026, 5});
                     household_[2] = add_household(tx, users_[6], "이하늘", "bupyeong", {2024, 3});   // 33 months
                     return ok_status();
                   }).ok());
    mother_ = {users_[0], "김지은", "ko", {Grant{Role::kResident, "", 0, ""}}};
    mother2_ = {users_[1], "박서연", "ko", {Grant{Role::kResident, "", 0, ""}}};
    older_ = {users_[6], "이하늘", "ko", {Grant{Role::kResident, "", 0, ""}}};
    nobody_ = {users_[7], "정민", "ko", {Grant{Role::kResident, "", 0, ""}}};
    op_ = {users_[5], "운영자", "ko", {Grant{Role::kOperator, "operator", org_, ""}}};
    stranger_op_ = {users_[5], "남의 운영자", "ko", {Grant{Role::kOperator, "operator", other_org_, ""}}};
    coach1_ = {users_[2], "코치1", "ko", {Grant{Role::kDriver, "operator", org_, ""}}};
    coach2_ = {users_[3], "코치2", "ko", {Grant{Role::kDriver, "operator", org_, ""}}};
    instructor_p_ = {users_[4], "강사", "ko", {Grant{Role::kDriver, "operator", org_, ""}}};
  }

  int64_t add_household(store::Tx& tx, int64_t user, const char* name, const char* district, YearMonth child) {
    booking::HouseholdRecord h;
    h.user_id = user;
    h.contact_name = name;
    h.contact_phone = "01012345678";
    h.household.city_code = "incheon";
    h.household.district_code = district;
    const int64_t id = booking::repo::insert_household(tx, h, 0).value();
    EXPECT_TRUE(booking::repo::replace_members(tx, id, {{0, "보호자", false, std::nullopt}, {0, "아이", true, child}}).ok());
    return id;
  }

  RequestInput family_request(double lon, uint8_t days = 0x1f) {
    RequestInput in;
    in.service_id = coaching_;
    in.place = PlaceInput{"", "인천 부평구 부평대로 1", {lon, 37.495}, std::nullopt};
    in.days = days;
    in.from_min = 10 * 60;
    in.to_min = 16 * 60;
    return in;
  }

  int count(const std::string& sql) {
    int n = -1;
    EXPECT_TRUE(db_->read([&](store::Tx& tx) -> Status {
                     DONGNE_ASSIGN_OR_RETURN(auto rows, tx.query(sql));
                     n = static_cast<int>(rows[0].i64(0));
                     return ok_status();
                   }).ok());
    return n;
  }

  store::testing::TestStore store_{GetParam()};
  std::unique_ptr<store::Database> db_;
  ManualClock clock_{at("2026-12-28T08:00:00+09:00")};  // a Monday; Friday is 2027-01-01
  std::unique_ptr<VisitService> svc_;
  int64_t org_ = 0, other_org_ = 0, users_[8] = {}, coaching_ = 0, schools_ = 0, coaches_[2] = {}, instructor_ = 0;
  int64_t household_[3] = {};
  Principal mother_, mother2_, older_, nobody_, op_, stranger_op_, coach1_, coach2_, instructor_p_;
};

TEST_P(VisitServiceTest, AFamilyIsVisitedUntilHerChildTurns24MonthsAndToldWhyNotAfter) {
  auto r = svc_->request(mother_, family_request(126.725));
  ASSERT_TRUE(r.ok()) << r.error().message_en;
  EXPECT_EQ(r->first.status, "active");
  ASSERT_EQ(r->second.size(), 10u) << "this week and next, Monday to Friday";
  int planned = 0;
  for (const VisitView& v : r->second) {
    if (v.visit.day < LocalDate{2027, 1, 1}) {
      EXPECT_EQ(v.visit.status, "planned") << format_date(v.visit.day);
      ASSERT_TRUE(v.worker.has_value());
      EXPECT_GE(v.visit.start_s, 10 * 3600);
      EXPECT_LE(v.visit.end_s, 16 * 3600);
      ++planned;
    } else {
      EXPECT_EQ(v.visit.status, "unserved");
      EXPECT_EQ(v.visit.reason, "not_eligible");
      EXPECT_NE(v.visit.reason_ko.find("2027-01"), std::string::npos) << v.visit.reason_ko;
    }
  }
  EXPECT_EQ(planned, 4);
  std::set<int64_t> coaches;
  for (const VisitView& v : r->second)
    if (v.worker) coaches.insert(v.worker->id);
  EXPECT_EQ(coaches.size(), 1u) << "the same coach all week";
  EXPECT_EQ(count("SELECT COUNT(*) FROM events WHERE type = 'dispatch.visit_requested'"), 1);
  auto mine = svc_->my_visits(mother_);
  ASSERT_TRUE(mine.ok());
  EXPECT_EQ(mine->requests.size(), 1u);
  EXPECT_EQ(mine->visits.size(), 10u);
}

TEST_P(VisitServiceTest, BadRequestsAndFamiliesOutOfTheRulesChangeNothing) {
  RequestInput bad = family_request(126.725);
  bad.to_min = bad.from_min + 30;  // shorter than the visit
  bad.skills = {"klingon"};
  auto e = svc_->request(mother_, bad);
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(e.error().code, Code::kInvalid);
  std::set<std::string> codes;
  for (const auto& f : e.error().fields) {
    codes.insert(f.code);
    EXPECT_FALSE(f.message_ko.empty());
    EXPECT_FALSE(f.message_en.empty());
  }
  EXPECT_TRUE(codes.count("too_long"));
  EXPECT_TRUE(codes.count("unknown_skill"));
  auto old = svc_->request(older_, family_request(126.73));
  ASSERT_FALSE(old.ok());
  EXPECT_EQ(old.error().fields.at(0).code, "not_eligible");
  auto none = svc_->request(nobody_, family_request(126.73));
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.error().fields.at(0).code, "no_household");
  RequestInput school = family_request(126.73);
  school.service_id = schools_;
  EXPECT_EQ(svc_->request(mother_, school).error().code, Code::kForbidden) << "schools are entered by the operator";
  EXPECT_EQ(count("SELECT COUNT(*) FROM visit_requests"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM visit_visits"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM events WHERE type LIKE 'dispatch.visit%'"), 0);
}

TEST_P(VisitServiceTest, TheWorkersDayIsInOrderItsReadsAreLoggedAndADoneVisitCountsOnce) {
  ASSERT_TRUE(svc_->request(mother_, family_request(126.725)).ok());
  ASSERT_TRUE(svc_->request(mother2_, family_request(126.735)).ok());
  clock_.set(at("2026-12-29T08:00:00+09:00"));
  int seen = 0;
  std::optional<VisitView> first;
  const Principal* who = nullptr;
  for (const Principal* c : {&coach1_, &coach2_}) {
    auto d = svc_->worker_day(*c, std::nullopt);
    ASSERT_TRUE(d.ok()) << d.error().message_en;
    for (size_t i = 1; i < d->visits.size(); ++i) EXPECT_LT(d->visits[i - 1].visit.start_s, d->visits[i].visit.start_s);
    seen += static_cast<int>(d->visits.size());
    if (!d->visits.empty() && !first) {
      first = d->visits[0];
      who = c;
    }
  }
  ASSERT_EQ(seen, 2) << "both families on Tuesday";
  ASSERT_TRUE(first);
  EXPECT_EQ(count("SELECT COUNT(*) FROM pii_access_log WHERE route LIKE '%/visits/worker/today'"), 2);
  const Principal& other = who == &coach1_ ? coach2_ : coach1_;
  EXPECT_EQ(svc_->report(other, first->visit.id, "done", 50).error().code, Code::kNotFound) << "not her visit";
  auto done = svc_->report(*who, first->visit.id, "done", 50);
  ASSERT_TRUE(done.ok()) << done.error().message_en;
  EXPECT_EQ(done->visits[0].visit.status, "done");
  EXPECT_EQ(svc_->report(*who, first->visit.id, "done", 50).error().reason, "already_reported");
  EXPECT_EQ(count("SELECT COUNT(*) FROM events WHERE type = 'dispatch.visit_completed'"), 1);
  std::string payload;
  ASSERT_TRUE(db_->read([&](store::Tx& tx) -> Status {
                   DONGNE_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT payload FROM events WHERE type = 'dispatch.visit_completed'"));
                   payload = rows[0].str(0);
                   return ok_status();
                 }).ok());
  const auto j = nlohmann::json::parse(payload);
  EXPECT_EQ(j["visit_id"], first->visit.id);
  EXPECT_EQ(j["operator_id"], org_);
  EXPECT_EQ(j["service_id"], coaching_);
  EXPECT_EQ(j["kind"], "coaching");
  EXPECT_EQ(j["minutes"], 50);
  EXPECT_EQ(j["day"], "2026-12-29");
  EXPECT_EQ(payload.find("김지은"), std::string::npos);
  EXPECT_EQ(payload.find("부평대로"), std::string::npos);
  // A re-plan keeps the visit made.
  ASSERT_TRUE(svc_->replan(op_, coaching_, std::nullopt).ok());
  EXPECT_EQ(count("SELECT COUNT(*) FROM visit_visits WHERE status = 'done'"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM visit_visits WHERE day = '2026-12-29'"), 2);
}

TEST_P(VisitServiceTest, TheOperatorReplansAroundAWorkerAwayAndSeesContinuityFall) {
  ASSERT_TRUE(svc_->request(mother_, family_request(126.725)).ok());
  ASSERT_TRUE(svc_->request(mother2_, family_request(126.735)).ok());
  auto w = svc_->week(op_, coaching_, std::nullopt);
  ASSERT_TRUE(w.ok());
  EXPECT_DOUBLE_EQ(w->continuity.percent(), 100.0);
  int64_t busy = 0;
  for (const auto& v : w->visits)
    if (v.status == "planned" && v.day == LocalDate{2026, 12, 30}) busy = *v.worker_id;
  ASSERT_NE(busy, 0);
  EXPECT_EQ(svc_->week(stranger_op_, coaching_, std::nullopt).error().code, Code::kForbidden);
  EXPECT_EQ(svc_->away(stranger_op_, busy, {2026, 12, 30}).error().code, Code::kNotFound);
  auto after = svc_->away(op_, busy, {2026, 12, 30});
  ASSERT_TRUE(after.ok()) << after.error().message_en;
  ASSERT_EQ(after->absences.size(), 1u);
  int wednesday = 0;
  for (const auto& v : after->visits) {
    if (v.day != LocalDate{2026, 12, 30} || v.status != "planned") continue;
    ++wednesday;
    EXPECT_NE(*v.worker_id, busy);
  }
  EXPECT_EQ(wednesday, 2) << "the other coach takes both families";
  EXPECT_LT(after->continuity.percent(), 100.0);
  EXPECT_GT(after->continuity.percent(), 50.0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM events WHERE type = 'dispatch.worker_away'"), 1);
}

TEST_P(VisitServiceTest, ASchoolGetsTheInstructorWithItsLanguageAndAnUnknownOneIsReported) {
  RequestInput vi;
  vi.service_id = schools_;
  vi.place = PlaceInput{"부평초등학교", "인천 부평구 부평동", {126.72, 37.50}, std::nullopt};
  vi.days = 0x02;  // Tuesdays
  vi.from_min = 9 * 60;
  vi.to_min = 12 * 60;
  vi.minutes = 80;
  vi.skills = {"vi"};
  auto a = svc_->request(op_, vi);
  ASSERT_TRUE(a.ok()) << a.error().message_en;
  ASSERT_EQ(a->second.size(), 2u);
  for (const auto& v : a->second) {
    EXPECT_EQ(v.visit.status, "planned");
    EXPECT_EQ(*v.visit.worker_id, instructor_);
  }
  RequestInput ru = vi;
  ru.place.reset();
  ru.client_id = a->second[0].client.id;
  ru.skills = {"ru"};
  auto b = svc_->request(op_, ru);
  ASSERT_TRUE(b.ok());
  for (const auto& v : b->second) {
    EXPECT_EQ(v.visit.status, "unserved");
    EXPECT_EQ(v.visit.reason, "no_skill");
  }
  EXPECT_EQ(svc_->request(stranger_op_, vi).error().code, Code::kForbidden);
}

INSTANTIATE_TEST_SUITE_P(Stores, VisitServiceTest, ::testing::Values("sqlite", "postgresql"));

}  // namespace
}  // namespace dongne::dispatch::visits
