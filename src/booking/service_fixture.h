// Test support for BookingService tests (service_test.cpp, slot_use_test.cpp): a fresh migrated store per test
// (SQLite always; PostgreSQL when DONGNE_PG is set, else skipped), a service with a manual clock, demo resources
// and residents, and helpers to book and to fire concurrent bookings. Test-only header.
#pragma once

#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <mutex>
#include <random>
#include <thread>

#include "booking/repo.h"
#include "booking/rules/fixtures.h"
#include "booking/rules/usage.h"
#include "booking/rules_json.h"
#include "booking/service.h"
#include "store/test_store.h"


namespace dongne::booking::service_testing {

using fixtures::at;

class BookingServiceTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    db_ = store_.make();
    if (!db_) {
      if (!store_.skip_reason().empty()) GTEST_SKIP() << store_.skip_reason();
      FAIL() << store_.error();
    }
    holidays_ = fixtures::fixture_holidays(DONGNE_SOURCE_DIR);
    ASSERT_TRUE(holidays_.covers(LocalDate{2026, 12, 1}));
    svc_ = std::make_unique<BookingService>(*db_, clock_, holidays_);
    ASSERT_TRUE(db_->transact([&](store::Tx& tx) -> Status {
                     DONGNE_ASSIGN_OR_RETURN(facility_, tx.insert("INSERT INTO organisations (kind, code, name_ko, name_en) "
                                                                  "VALUES ('facility', 'test-site', '시험 나눔터', 'Test site')"));
                     return ok_status();
                   }).ok());
    admin_.user_id = 0;
    admin_.grants.push_back(Grant{Role::kAdmin, "", 0, ""});
  }

  // A resource from rules JSON (DEMO-like values; the hours cover the test's day).
  int64_t make_resource(const std::string& code, const std::string& kind, int capacity, nlohmann::json rules,
                        nlohmann::json variants = nlohmann::json::array(), nlohmann::json occurrences = nlohmann::json::array()) {
    ResourceRecord r;
    r.facility_id = facility_;
    r.code = code;
    r.kind = kind;
    r.resource.kind = *parse_kind(kind);
    r.name_ko = code;
    r.name_en = code;
    r.resource.capacity = capacity;
    auto pr = rules_from_json(rules);
    EXPECT_TRUE(pr.ok()) << (pr.ok() ? "" : pr.error().message_en);
    r.rules = pr->rules;
    r.resource.variants = variants_from_json(variants).value();
    r.resource.occurrences = occurrences_from_json(occurrences).value();
    auto created = svc_->create_resource(admin_, r);
    EXPECT_TRUE(created.ok()) << (created.ok() ? "" : created.error().message_en);
    return created.ok() ? created->resource.id : 0;
  }

  // n residents with an account and a Jinju household each.
  std::vector<Principal> residents(int n, const std::string& tag) {
    std::vector<Principal> out;
    for (int i = 0; i < n; ++i) {
      Principal p;
      EXPECT_TRUE(db_->transact([&](store::Tx& tx) -> Status {
                       DONGNE_ASSIGN_OR_RETURN(p.user_id, tx.insert("INSERT INTO users (name, email, password_hash, created_at) "
                                                                    "VALUES (?, ?, 'x', 0)",
                                                                    {"resident " + std::to_string(i),
                                                                     tag + std::to_string(i) + "@test"}));
                       return ok_status();
                     }).ok());
      p.name = "resident " + std::to_string(i);
      p.grants.push_back(Grant{Role::kResident, "", 0, ""});
      HouseholdRecord h;
      h.household.city_code = "jinju";
      h.members.push_back(MemberRecord{0, "parent", false, std::nullopt});
      h.members.push_back(MemberRecord{0, "child", true, YearMonth{2026, 5}});
      EXPECT_TRUE(svc_->save_my_household(p, h).ok());
      out.push_back(p);
    }
    return out;
  }

  static nlohmann::json open_rules(bool waitlist) {
    const nlohmann::json day = nlohmann::json::array({nlohmann::json::array({"09:00", "18:00"})});
    return {{"hours", {{"mon", day}, {"tue", day}, {"wed", day}, {"thu", day}, {"fri", day}}},
            {"window", {{"opens_days_ahead", 30}, {"opens_at", "09:00"}, {"closes_before_minutes", 0}}},
            {"slot_minutes", 120}, {"waitlist", waitlist}, {"eligibility", {{"city_code", "jinju"}}}};
  }

  int64_t count(const std::string& where, std::vector<store::Value> p) {
    int64_t n = -1;
    EXPECT_TRUE(db_->read([&](store::Tx& tx) -> Status {
                     DONGNE_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT COUNT(*) FROM bookings WHERE " + where, p));
                     n = rows[0].i64(0);
                     return ok_status();
                   }).ok());
    return n;
  }

  store::testing::TestStore store_{GetParam()};
  std::unique_ptr<store::Database> db_;
  ManualClock clock_{at(2026, 12, 1, 10)};  // a Tuesday, 10:00 in Seoul
  HolidayCalendar holidays_;
  std::unique_ptr<BookingService> svc_;
  int64_t facility_ = 0;
  Principal admin_;
};

inline BookingInput slot(int64_t resource, int d, int hour, int hours = 2) {
  BookingInput in;
  in.resource_id = resource;
  in.start = at(2026, 12, d, hour);
  in.end = at(2026, 12, d, hour + hours);
  return in;
}

// Fires one booking per resident from its own thread, all released at once.
inline std::vector<Result<Placed>> rush(BookingService& svc, const std::vector<Principal>& who, const BookingInput& in,
                                 const std::string& key_prefix) {
  std::vector<std::optional<Result<Placed>>> results(who.size());
  std::atomic<int> ready{0};
  std::atomic<bool> go{false};
  std::vector<std::thread> threads;
  for (size_t i = 0; i < who.size(); ++i) {
    threads.emplace_back([&, i] {
      ready.fetch_add(1);
      while (!go.load()) std::this_thread::yield();
      results[i] = svc.book(who[i], in, key_prefix + std::to_string(i));
    });
  }
  while (ready.load() < static_cast<int>(who.size())) std::this_thread::yield();
  go = true;
  for (auto& t : threads) t.join();
  std::vector<Result<Placed>> out;
  for (auto& r : results) out.push_back(std::move(*r));
  return out;
}

}  // namespace dongne::booking::service_testing
