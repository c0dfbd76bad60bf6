// PostgreSQL connections: statements prepared once per connection, by text and parameter types; BEGIN sent with
// the first statement; statements that went stale under a schema change are run again, not failed.
#include <gtest/gtest.h>

#include "store/backends.h"
#include "store/test_store.h"

namespace dongne::store {
namespace {

class PgConn : public ::testing::Test {
 protected:
  void SetUp() override {
    ts_ = std::make_unique<testing::TestStore>("postgres");
    // A pool of one: every transaction below runs on the same connection.
    db_ = ts_->make();
    if (!db_) GTEST_SKIP() << ts_->skip_reason() << ts_->error();
    const std::string& url = ts_->url();
    auto one = open_database(url + (!url.starts_with("postgres") ? " pool=1" : url.find('?') == std::string::npos ? "?pool=1" : "&pool=1"));
    ASSERT_TRUE(one.ok()) << one.error().message_en;
    one_ = std::move(one).value();
    ASSERT_TRUE(db_->transact([](Tx& tx) { return tx.exec_script("CREATE TABLE kv (k TEXT PRIMARY KEY, v TEXT)"); })
                    .ok());
  }
  // The statements prepared on the connection, other than the query that asks.
  int64_t prepared(const std::string& like) {
    int64_t n = -1;
    EXPECT_TRUE(one_->read([&](Tx& tx) -> Status {
                  DONGNE_ASSIGN_OR_RETURN(Rows r, tx.query("SELECT COUNT(*) FROM pg_prepared_statements WHERE "
                                                           "statement LIKE ? AND statement NOT LIKE '%pg_prepared%'",
                                                           {like}));
                  n = r[0].i64(0);
                  return {};
                }).ok());
    return n;
  }
  std::unique_ptr<testing::TestStore> ts_;
  std::unique_ptr<Database> db_, one_;
};

TEST_F(PgConn, PreparesAStatementOncePerTextAndParameterTypes) {
  for (int i = 0; i < 5; ++i) {
    ASSERT_TRUE(one_->read([&](Tx& tx) -> Status {
                  DONGNE_ASSIGN_OR_RETURN(Rows r, tx.query("SELECT ?::bigint + 1 AS marker_a", {int64_t{i}}));
                  EXPECT_EQ(r[0].i64(0), i + 1);
                  return {};
                }).ok());
  }
  EXPECT_EQ(prepared("%marker_a%"), 1);
  // The same text with a text parameter is another statement: a null or a string is typed by the server.
  ASSERT_TRUE(one_->read([](Tx& tx) -> Status {
                DONGNE_ASSIGN_OR_RETURN(Rows r, tx.query("SELECT ?::bigint + 1 AS marker_a", {std::string("41")}));
                EXPECT_EQ(r[0].i64(0), 42);
                DONGNE_ASSIGN_OR_RETURN(Rows n, tx.query("SELECT ?::bigint + 1 AS marker_a", {nullptr}));
                EXPECT_TRUE(n[0].is_null(0));
                return {};
              }).ok());
  EXPECT_EQ(prepared("%marker_a%"), 3);
}

TEST_F(PgConn, AFailedFirstStatementRollsBackAndTheNextTransactionBegins) {
  // The first statement (sent with BEGIN) fails: nothing is kept, and the connection is fine afterwards.
  Status s = one_->transact([](Tx& tx) -> Status { return to_status(tx.query("SELECT no_such_column FROM kv")); });
  EXPECT_FALSE(s.ok());
  ASSERT_TRUE(one_->transact([](Tx& tx) -> Status {
                DONGNE_TRY(tx.exec("INSERT INTO kv (k, v) VALUES ('p', '1')"));
                return to_status(tx.query("SELECT no_such_column FROM kv"));
              }).ok() == false);
  ASSERT_TRUE(one_->transact([](Tx& tx) -> Status { return to_status(tx.exec("INSERT INTO kv (k, v) VALUES ('q', '1')")); })
                  .ok());
  ASSERT_TRUE(one_->read([](Tx& tx) -> Status {
                DONGNE_ASSIGN_OR_RETURN(Rows r, tx.query("SELECT k FROM kv WHERE k IN ('p', 'q') ORDER BY k"));
                EXPECT_EQ(r.size(), 1u);
                if (!r.empty()) {
                  EXPECT_EQ(r[0].str(0), "q");
                }
                return {};
              }).ok());
}

TEST_F(PgConn, AStatementPreparedBeforeASchemaChangeIsPreparedAgain) {
  auto select_all = [&] {
    return one_->read([](Tx& tx) -> Status { return to_status(tx.query("SELECT * FROM kv WHERE k = ?", {"x"})); });
  };
  ASSERT_TRUE(select_all().ok());
  // Another connection changes the table: the cached plan's result type no longer holds.
  ASSERT_TRUE(db_->transact([](Tx& tx) -> Status { return tx.exec_script("ALTER TABLE kv ADD COLUMN extra TEXT"); })
                  .ok());
  Status again = select_all();
  EXPECT_TRUE(again.ok()) << again.error().message_en;
}

}  // namespace
}  // namespace dongne::store
