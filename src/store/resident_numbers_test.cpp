// Numbers stored before they were refused are masked once, on both stores, wherever they hide in text.
#include "store/resident_numbers.h"

#include <gtest/gtest.h>

#include "store/test_store.h"

namespace dongne::store {
namespace {

class MaskStored : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    ts_ = std::make_unique<testing::TestStore>(GetParam());
    db_ = ts_->make();
    if (!db_ && !ts_->skip_reason().empty()) GTEST_SKIP() << ts_->skip_reason();
    ASSERT_TRUE(db_) << ts_->error();
  }
  std::string one(const std::string& sql) {
    std::string out;
    EXPECT_TRUE(db_->read([&](Tx& tx) -> Status {
      DONGNE_ASSIGN_OR_RETURN(auto rows, tx.query(sql));
      out = rows.empty() ? "" : rows[0].str(0);
      return ok_status();
    }).ok());
    return out;
  }
  std::unique_ptr<testing::TestStore> ts_;
  std::unique_ptr<Database> db_;
};

TEST_P(MaskStored, MasksEveryTextColumnOnceAndLeavesTheRestAlone) {
  ASSERT_TRUE(db_->transact([](Tx& tx) -> Status {
    DONGNE_TRY(tx.exec_script("CREATE TABLE legacy_notes (id INTEGER PRIMARY KEY, body TEXT, profile TEXT, "
                              "phone TEXT, token_hash TEXT, n BIGINT)"));
    DONGNE_TRY(tx.exec("INSERT INTO legacy_notes VALUES (1, ?, ?, ?, ?, 8503152000005)",
                       {std::string("상담 메모: 주민번호 850315-2000005 확인"), std::string(R"({"id":8503152000005,"note":"８５０３１５－２０００００２"})"),
                        std::string("010-1234-5678"), std::string("8503152000005")}));
    return to_status(tx.exec("INSERT INTO legacy_notes VALUES (2, ?, NULL, NULL, NULL, 0)", {std::string("850315 – 2000005")}));
  }).ok());
  auto first = mask_stored_resident_numbers(*db_, 1000);
  ASSERT_TRUE(first.ok()) << first.error().message_en;
  EXPECT_TRUE(first.value().ran);
  EXPECT_EQ(first.value().values, 3);
  EXPECT_EQ(first.value().columns, (std::vector<std::string>{"legacy_notes.body", "legacy_notes.profile"}));
  EXPECT_EQ(one("SELECT body FROM legacy_notes WHERE id = 1"), "상담 메모: 주민번호 ******-******* 확인");
  EXPECT_EQ(one("SELECT body FROM legacy_notes WHERE id = 2"), "****** – *******");
  EXPECT_EQ(one("SELECT profile FROM legacy_notes WHERE id = 1"), R"({"id":9999999999999,"note":"******－*******"})")
      << "a JSON document stays one";
  EXPECT_EQ(one("SELECT phone FROM legacy_notes WHERE id = 1"), "010-1234-5678");
  EXPECT_EQ(one("SELECT token_hash FROM legacy_notes WHERE id = 1"), "8503152000005") << "hashes and tokens are not text";
  EXPECT_EQ(one("SELECT COUNT(*) FROM events WHERE type = 'privacy.resident_numbers_masked'"), "1");
  EXPECT_EQ(one("SELECT COUNT(*) FROM schema_migrations WHERE module = 'privacy'"), "1");

  ASSERT_TRUE(db_->transact([](Tx& tx) {
    return to_status(tx.exec("UPDATE legacy_notes SET body = ? WHERE id = 2", {std::string("850315-2000005")}));
  }).ok());
  auto again = mask_stored_resident_numbers(*db_, 2000);
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(again.value().ran) << "once per database";
  EXPECT_EQ(one("SELECT body FROM legacy_notes WHERE id = 2"), "850315-2000005");
}

INSTANTIATE_TEST_SUITE_P(Stores, MaskStored, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace dongne::store
