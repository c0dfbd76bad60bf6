// Retention rules against every back end: SQLite always, PostgreSQL when DONGNE_PG is set.
#include "store/retention.h"

#include <gtest/gtest.h>

#include "store/test_store.h"

namespace dongne::store {
namespace {

constexpr EpochMs kDay = 86'400'000;

class RetentionTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    ts_ = std::make_unique<testing::TestStore>(GetParam());
    db_ = ts_->make();
    if (!db_ && !ts_->skip_reason().empty()) GTEST_SKIP() << ts_->skip_reason();
    ASSERT_TRUE(db_) << ts_->error();
    ASSERT_TRUE(db_->transact([&](Tx& tx) {
                  return tx.exec_script("CREATE TABLE kept_rows (id BIGINT PRIMARY KEY, at BIGINT NOT NULL, "
                                        "ends BIGINT NOT NULL)");
                }).ok());
    // Rows made 1, 5, 20 and 400 days before "now", each ending a day after it was made.
    ASSERT_TRUE(db_->transact([&](Tx& tx) -> Status {
                  for (int64_t age : {1, 5, 20, 400})
                    DONGNE_TRY(tx.exec("INSERT INTO kept_rows (id, at, ends) VALUES (?, ?, ?)",
                                       {age, now_ - age * kDay, now_ - age * kDay + kDay}));
                  return ok_status();
                }).ok());
    retention_.add({{"t.by_age", "rows, from when they were made", "DELETE FROM kept_rows WHERE at < ?", 30},
                    {"t.ended", "rows, from when they ended", "DELETE FROM kept_rows WHERE ends < ? AND at < ?", 0}});
  }
  void TearDown() override {
    db_.reset();
    ts_.reset();
  }
  std::vector<int64_t> ids() {
    std::vector<int64_t> out;
    EXPECT_TRUE(db_->read([&](Tx& tx) -> Status {
                  DONGNE_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT id FROM kept_rows ORDER BY id"));
                  for (const auto& r : rows.rows) out.push_back(r.i64(0));
                  return ok_status();
                }).ok());
    return out;
  }

  EpochMs now_ = 1'800'000'000'000;
  std::unique_ptr<testing::TestStore> ts_;
  std::unique_ptr<Database> db_;
  Retention retention_;
};

TEST_P(RetentionTest, APurgeDeletesWhatOutlivedItsPeriodRecordsItAndFindsNothingTheSecondTime) {
  ASSERT_TRUE(retention_.configure("t.ended=never").ok());
  std::vector<Purged> recorded;
  auto record = [&](Tx&, const Purged& p) {
    recorded.push_back(p);
    return ok_status();
  };
  auto first = retention_.purge(*db_, now_, record, false);
  ASSERT_TRUE(first.ok()) << first.error().message_en;
  ASSERT_EQ(first->size(), 1u) << "a rule kept for good does not run";
  EXPECT_EQ((*first)[0].deleted, 1);
  EXPECT_EQ((*first)[0].cutoff, now_ - 30 * kDay);
  EXPECT_EQ(ids(), (std::vector<int64_t>{1, 5, 20}));
  ASSERT_EQ(recorded.size(), 1u);
  EXPECT_EQ(recorded[0].name, "t.by_age");

  // Idempotent: a second instance (or the next hour) deletes nothing and records nothing, unless asked to.
  auto second = retention_.purge(*db_, now_, record, false);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ((*second)[0].deleted, 0);
  EXPECT_EQ(recorded.size(), 1u);
  ASSERT_TRUE(retention_.purge(*db_, now_, record, true).ok());
  EXPECT_EQ(recorded.size(), 2u);

  // A period of 0 days: everything that has ended goes; every ? of the rule is the cutoff.
  ASSERT_TRUE(retention_.configure("t.ended=0, t.by_age=never").ok());
  auto third = retention_.purge(*db_, now_, record, false);
  ASSERT_TRUE(third.ok());
  EXPECT_EQ(ids(), (std::vector<int64_t>{1})) << "the row made a day ago ends now: not before the cutoff";
}

TEST_P(RetentionTest, ARecorderThatFailsKeepsTheRows) {
  auto failed = retention_.purge(*db_, now_, [](Tx&, const Purged&) -> Status { return Error::internal("audit down"); },
                                 false);
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(ids(), (std::vector<int64_t>{1, 5, 20, 400})) << "no purge without its audit entry";
}

TEST_P(RetentionTest, SettingsNameKnownRulesAndWholeDays) {
  for (const char* bad : {"t.nope=3", "t.by_age", "t.by_age=-1", "t.by_age=3.5", "t.by_age=", "t.by_age=99999"}) {
    Status st = retention_.configure(bad);
    ASSERT_FALSE(st.ok()) << bad;
    EXPECT_NE(st.error().message_en.find(bad), std::string::npos) << st.error().message_en;
  }
  ASSERT_TRUE(retention_.configure("").ok());
  ASSERT_TRUE(retention_.configure(" t.by_age = 7 ,").ok());
  EXPECT_EQ(retention_.rules()[0].keep_days, 7);
}

INSTANTIATE_TEST_SUITE_P(Stores, RetentionTest, ::testing::Values("sqlite", "postgresql"));

}  // namespace
}  // namespace dongne::store
