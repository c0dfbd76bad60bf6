// The fixture the Programmes service tests share: a city with two districts and another city, three staff users,
// officers of each, a helper that runs a call to two published projects, and the check that the KPIs kept
// incrementally equal the pure fold over the whole log and a recomputation. Test-only.
#pragma once

#include <gtest/gtest.h>

#include "programmes/projector.h"
#include "programmes/service.h"
#include "store/test_store.h"

namespace dongne::programmes::fixture {

inline EpochMs at(const char* rfc) { return parse_rfc3339(rfc).value(); }

class ProgrammeServiceTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    db_ = store_.make();
    if (!db_) {
      if (!store_.skip_reason().empty()) GTEST_SKIP() << store_.skip_reason();
      FAIL() << store_.error();
    }
    svc_ = std::make_unique<ProgrammeService>(*db_, clock_);
    ASSERT_TRUE(db_->transact([&](store::Tx& tx) -> Status {
                     DONGNE_ASSIGN_OR_RETURN(city_, tx.insert("INSERT INTO organisations (kind, code, name_ko, name_en) VALUES "
                                                              "('city', 't-city', '시험시', 'Test City')"));
                     DONGNE_ASSIGN_OR_RETURN(d1_, tx.insert("INSERT INTO organisations (kind, code, name_ko, name_en, parent_id) "
                                                            "VALUES ('district', 't-d1', '가구', 'Ga-gu', ?)", {city_}));
                     DONGNE_ASSIGN_OR_RETURN(d2_, tx.insert("INSERT INTO organisations (kind, code, name_ko, name_en, parent_id) "
                                                            "VALUES ('district', 't-d2', '나구', 'Na-gu', ?)", {city_}));
                     DONGNE_ASSIGN_OR_RETURN(city2_, tx.insert("INSERT INTO organisations (kind, code, name_ko, name_en) VALUES "
                                                               "('city', 't-city2', '다른시', 'Other City')"));
                     DONGNE_ASSIGN_OR_RETURN(d3_, tx.insert("INSERT INTO organisations (kind, code, name_ko, name_en, parent_id) "
                                                            "VALUES ('district', 't-d3', '다구', 'Da-gu', ?)", {city2_}));
                     for (int i = 0; i < 3; ++i) {
                       DONGNE_ASSIGN_OR_RETURN(users_[i], tx.insert("INSERT INTO users (name, password_hash, kind, created_at) "
                                                                    "VALUES (?, 'x', 'staff', 0)",
                                                                    {"심사위원 " + std::to_string(i)}));
                     }
                     return ok_status();
                   }).ok());
    // As authentication fills them in (auth/service.cpp): a grant covers the organisations below its scope.
    city_officer_ = {users_[0], "city", "ko", {Grant{Role::kCityOfficer, "city", city_, "", 0, {d1_, d2_}}}};
    other_city_officer_ = {users_[0], "city2", "ko", {Grant{Role::kCityOfficer, "city", city2_, "", 0, {d3_}}}};
    d1_officer_ = {users_[1], "d1", "ko", {Grant{Role::kDistrictOfficer, "district", d1_, ""}}};
    d2_officer_ = {users_[2], "d2", "ko", {Grant{Role::kDistrictOfficer, "district", d2_, ""}}};
    admin_.grants = {Grant{Role::kAdmin, "", 0, ""}};
  }

  CallRecord open_call() {
    auto r = svc_->create_call(city_officer_, open_call_template());
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message_en);
    return r.value();
  }

  CallRecord open_call_template() {
    CallRecord c;
    c.year = 2027;
    c.title_ko = "2027 상생협력 특화일자리 공모";
    c.title_en = "2027 call";
    c.envelope_won = 100'000'000;
    c.city_share_pct = 50;
    c.min_score = 60;
    c.criteria = {{"fit", "적합성", "fit", 3, 10}, {"jobs", "일자리 창출", "jobs", 2, 10}};
    c.required_fields = {"summary"};
    c.deadline = at("2027-03-31T18:00:00+09:00");
    return c;
  }

  ProposalRecord proposal(int64_t call, int64_t district, int64_t city_share, const std::string& title) {
    ProposalRecord p;
    p.call_id = call;
    p.district_id = district;
    p.title = title;
    p.summary = "요약";
    p.target_groups = {"career_break_women"};
    p.city_share_won = city_share;
    p.district_share_won = city_share;
    p.monthly_targets = {{"2027-04", 3, 10}, {"2027-06", 5, 20}};
    return p;
  }

  // The three ways of computing KPIs agree: incremental tables, the pure fold over every event, and a recompute.
  void expect_kpis_agree(const char* when) {
    SCOPED_TRACE(when);
    for (LocalDate d : {LocalDate{2027, 1, 31}, LocalDate{2027, 6, 30}, LocalDate{2027, 12, 31}}) {
      std::map<std::string, Figures> incremental, recomputed;
      KpiFold fold;
      ASSERT_TRUE(db_->read([&](store::Tx& tx) -> Status {
                       DONGNE_ASSIGN_OR_RETURN(incremental, Projector::breakdown(tx, d, Dimension::kProject, {}));
                       DONGNE_ASSIGN_OR_RETURN(fold, Projector::fold(tx));
                       return ok_status();
                     }).ok());
      auto pure = fold.breakdown(d, Dimension::kProject);
      for (const auto& [k, f] : pure) {
        Figures got = incremental.count(k) ? incremental[k] : Figures{};
        got.outputs_by_kind.erase("");
        EXPECT_EQ(got, f) << "project " << k << " on " << format_date(d) << ": jobs " << got.jobs << " vs " << f.jobs;
      }
      for (const auto& [k, f] : incremental) {
        if (!pure.count(k)) {
          EXPECT_EQ(f, Figures{}) << "project " << k;
        }
      }
      for (auto dim : {Dimension::kDistrict, Dimension::kTargetGroup}) {
        std::map<std::string, Figures> sql;
        ASSERT_TRUE(db_->read([&](store::Tx& tx) -> Status {
                         DONGNE_ASSIGN_OR_RETURN(sql, Projector::breakdown(tx, d, dim, {}));
                         return ok_status();
                       }).ok());
        for (const auto& [k, f] : fold.breakdown(d, dim)) {
          EXPECT_EQ(sql.count(k) ? sql[k] : Figures{}, f) << "group " << k;
        }
      }
      Figures total_sql;
      ASSERT_TRUE(db_->read([&](store::Tx& tx) -> Status {
                       DONGNE_ASSIGN_OR_RETURN(total_sql, Projector::figures(tx, d, {}));
                       return ok_status();
                     }).ok());
      EXPECT_EQ(total_sql, fold.figures(d));
      // The dashboard as served (one read of the scope's projection rows, figures in memory) says the same.
      auto served = svc_->dashboard(d, Scope{});
      ASSERT_TRUE(served.ok());
      EXPECT_EQ(served->total, total_sql);
      for (const auto& [k, f] : served->by_project) EXPECT_EQ(f, incremental.count(k) ? incremental[k] : Figures{}) << k;
      ASSERT_TRUE(db_->transact([&](store::Tx& tx) -> Status {
                       DONGNE_TRY(Projector::recompute(tx));
                       DONGNE_ASSIGN_OR_RETURN(recomputed, Projector::breakdown(tx, d, Dimension::kProject, {}));
                       return ok_status();
                     }).ok());
      EXPECT_EQ(recomputed, incremental) << "recompute on " << format_date(d);
    }
  }

  // Runs the cycle up to two published projects (d1's and d2's).
  std::pair<int64_t, int64_t> published_projects() {
    clock_.set(at("2027-02-01T09:00:00+09:00"));
    CallRecord c = open_call();
    auto p1 = svc_->create_proposal(d1_officer_, proposal(c.id, d1_, 40'000'000, "가구 육아코칭"));
    auto p2 = svc_->create_proposal(d2_officer_, proposal(c.id, d2_, 30'000'000, "나구 셔틀"));
    EXPECT_TRUE(p1.ok() && p2.ok());
    EXPECT_TRUE(svc_->submit(d1_officer_, p1->id).ok());
    EXPECT_TRUE(svc_->submit(d2_officer_, p2->id).ok());
    EXPECT_TRUE(svc_->assign_reviewer(city_officer_, c.id, city_officer_.user_id, std::nullopt).ok());
    EXPECT_TRUE(svc_->score(city_officer_, p1->id, {{"fit", 9}, {"jobs", 8}}).ok());
    EXPECT_TRUE(svc_->score(city_officer_, p2->id, {{"fit", 8}, {"jobs", 8}}).ok());
    clock_.set(at("2027-04-02T10:00:00+09:00"));
    auto pub = svc_->publish(city_officer_, c.id);
    EXPECT_TRUE(pub.ok()) << (pub.ok() ? "" : pub.error().message_en);
    auto projects = svc_->projects(2027, std::nullopt).value();
    EXPECT_EQ(projects.size(), 2u);
    int64_t a = 0, b = 0;
    for (const auto& p : projects) (p.district_id == d1_ ? a : b) = p.id;
    return {a, b};
  }

  store::testing::TestStore store_{GetParam()};
  std::unique_ptr<store::Database> db_;
  ManualClock clock_{at("2027-02-01T09:00:00+09:00")};
  std::unique_ptr<ProgrammeService> svc_;
  int64_t city_ = 0, d1_ = 0, d2_ = 0, city2_ = 0, d3_ = 0;
  int64_t users_[3] = {0, 0, 0};
  Principal city_officer_, other_city_officer_, d1_officer_, d2_officer_, admin_;
};

}  // namespace dongne::programmes::fixture
