// Backup and restore on both back ends: SQLite always, PostgreSQL (pg_dump/pg_restore) when DONGNE_PG is set.
#include "store/backup.h"

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <thread>

#include <gtest/gtest.h>

#include "store/backends.h"

namespace dongne::store {
namespace {

class BackupTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("dongne-backup-" + std::to_string(::getpid()) + "-" + std::to_string(counter_++));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    if (GetParam() == "sqlite") {
      source_ = "sqlite:" + (dir_ / "source.db").string();
      target_ = "sqlite:" + (dir_ / "restored" / "target.db").string();
      return;
    }
    const char* pg = std::getenv("DONGNE_PG");
    if (pg == nullptr || !*pg) GTEST_SKIP() << "DONGNE_PG not set (run through scripts/with-postgres.sh)";
    source_ = new_database(pg, "src");
    target_ = new_database(pg, "dst");
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string new_database(const std::string& base, const std::string& tag) {
    const std::string name = "backup_" + tag + "_" + std::to_string(::getpid()) + "_" + std::to_string(counter_++);
    std::string cmd = "psql \"" + base + "\" -q -c 'CREATE DATABASE " + name + "' >/dev/null";
    EXPECT_EQ(std::system(cmd.c_str()), 0);
    return base + " dbname=" + name;
  }

  std::unique_ptr<Database> open(const std::string& url) {
    auto db = open_database(url);
    EXPECT_TRUE(db.ok()) << (db.ok() ? "" : db.error().message_en);
    return db.ok() ? std::move(db).value() : nullptr;
  }

  // Every migration, then `pairs` transactions that each add one event and its outbox row (one table each).
  static Status write_pairs(Database& db, int from, int pairs) {
    for (int i = from; i < from + pairs; ++i) {
      DONGNE_TRY(db.transact([&](Tx& tx) -> Status {
        NewEvent e;
        e.type = "test.happened";
        e.aggregate = "test";
        e.aggregate_id = std::to_string(i);
        e.payload_json = "{\"n\":" + std::to_string(i) + ",\"name\":\"김민지 \\\"quoted\\\"\"}";
        return to_status(tx.append_event(e));
      }));
    }
    return ok_status();
  }

  static int64_t count(Database& db, const std::string& table) {
    int64_t n = -1;
    EXPECT_TRUE(db.read([&](Tx& tx) -> Status {
                  DONGNE_ASSIGN_OR_RETURN(Rows r, tx.query("SELECT COUNT(*) FROM " + table));
                  n = r[0].i64(0);
                  return ok_status();
                }).ok());
    return n;
  }

  static inline int counter_ = 0;
  std::filesystem::path dir_;
  std::string source_, target_;
};

TEST_P(BackupTest, ARestoredBackupHoldsEveryRowOfEveryTable) {
  auto src = open(source_);
  ASSERT_TRUE(src);
  ASSERT_TRUE(src->migrate().ok());
  ASSERT_TRUE(write_pairs(*src, 0, 50).ok());
  const std::string file = (dir_ / "store.backup").string();
  Status b = backup(source_, file);
  ASSERT_TRUE(b.ok()) << b.error().message_en;
  EXPECT_FALSE(std::filesystem::exists(file + ".partial"));
  Status r = restore(file, target_);
  ASSERT_TRUE(r.ok()) << r.error().message_en;

  auto dst = open(target_);
  ASSERT_TRUE(dst);
  auto a = digest_tables(*src);
  auto z = digest_tables(*dst);
  ASSERT_TRUE(a.ok() && z.ok());
  ASSERT_GT(a->size(), 40u) << "every module's tables";
  ASSERT_EQ(a->size(), z->size());
  for (size_t i = 0; i < a->size(); ++i) {
    EXPECT_EQ((*a)[i].table, (*z)[i].table);
    EXPECT_EQ((*a)[i].rows, (*z)[i].rows) << (*a)[i].table;
    EXPECT_EQ((*a)[i].sha256, (*z)[i].sha256) << (*a)[i].table;
  }
  EXPECT_EQ(count(*dst, "events"), 50);
  // The restored store is at the same schema version: nothing left to migrate, and it takes writes.
  ASSERT_TRUE(dst->migrate().ok());
  EXPECT_EQ(dst->applied_migrations().size(), src->applied_migrations().size());
  ASSERT_TRUE(write_pairs(*dst, 50, 1).ok());

  // A restore never goes into a store that holds tables.
  Status again = restore(file, target_);
  ASSERT_FALSE(again.ok());
  EXPECT_NE(again.error().message_en.find("already holds tables"), std::string::npos) << again.error().message_en;
  EXPECT_EQ(count(*dst, "events"), 51) << "untouched";
  EXPECT_FALSE(restore((dir_ / "missing.backup").string(), target_).ok());
}

TEST_P(BackupTest, ABackupTakenWhileWritesGoOnIsConsistent) {
  auto src = open(source_);
  ASSERT_TRUE(src);
  ASSERT_TRUE(src->migrate().ok());
  ASSERT_TRUE(write_pairs(*src, 0, 20).ok());
  std::atomic<bool> stop{false};
  std::atomic<int> written{0};
  std::thread writer([&] {
    for (int i = 20; !stop.load() && i < 5000; ++i) {
      if (!write_pairs(*src, i, 1).ok()) return;
      ++written;
    }
  });
  while (written.load() < 10) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  const std::string file = (dir_ / "live.backup").string();
  Status b = backup(source_, file);
  stop = true;
  writer.join();
  ASSERT_TRUE(b.ok()) << b.error().message_en;
  ASSERT_TRUE(restore(file, target_).ok());
  auto dst = open(target_);
  ASSERT_TRUE(dst);
  // Each transaction wrote an event and its outbox row: a consistent copy has as many of one as of the other.
  const int64_t events = count(*dst, "events");
  EXPECT_GE(events, 30);
  EXPECT_EQ(events, count(*dst, "outbox"));
}

INSTANTIATE_TEST_SUITE_P(Stores, BackupTest, ::testing::Values("sqlite", "postgresql"));

}  // namespace
}  // namespace dongne::store
