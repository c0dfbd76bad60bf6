// Back-end specific behaviour: SQLite pragmas, durability across kill -9, parallel migrators, PostgreSQL
// reconnects and URL forms, and a quick commit-rate measurement printed for the record.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <thread>
#include <vector>

#include "store/backends.h"
#include "store/test_store.h"
#include "store/wal_syncer.h"

namespace dongne::store {
namespace {

Status ok_if(bool b, const char* what) { return b ? Status{} : Error::internal(what); }

TEST(Sqlite, OpensWithDurablePragmasAndCreatesFolders) {
  testing::TestStore ts("sqlite");
  auto db = ts.make();
  ASSERT_TRUE(db) << ts.error();
  EXPECT_TRUE(std::filesystem::exists(ts.url().substr(7)));
  ASSERT_TRUE(db->transact([](Tx& tx) -> Status {
                   DONGNE_ASSIGN_OR_RETURN(Rows j, tx.query("PRAGMA journal_mode"));
                   DONGNE_ASSIGN_OR_RETURN(Rows s, tx.query("PRAGMA synchronous"));
                   DONGNE_ASSIGN_OR_RETURN(Rows f, tx.query("PRAGMA foreign_keys"));
                   EXPECT_EQ(j[0].str(0), "wal");
                   // NORMAL on the group-committing writer: WalSyncer fdatasyncs the WAL before acknowledging.
                   EXPECT_EQ(s[0].i64(0), 1);
                   EXPECT_EQ(f[0].i64(0), 1);
                   return {};
                 }).ok());
  // Without group commit every COMMIT fsyncs itself.
  auto alone = open_database(ts.url() + "?group_commit=0");
  ASSERT_TRUE(alone.ok());
  ASSERT_TRUE(alone.value()->transact([](Tx& tx) -> Status {
                     DONGNE_ASSIGN_OR_RETURN(Rows s, tx.query("PRAGMA synchronous"));
                     EXPECT_EQ(s[0].i64(0), 2);  // FULL
                     return {};
                   }).ok());
}

// A function that throws (a bug) runs on the writer thread: the exception reaches the caller, its writes are
// undone, and the writer goes on serving the other callers of the same batch.
TEST(Sqlite, ThrowingFunctionIsRolledBackAndRethrown) {
  testing::TestStore ts("sqlite");
  auto db = ts.make();
  ASSERT_TRUE(db) << ts.error();
  ASSERT_TRUE(db->transact([](Tx& tx) { return tx.exec_script("CREATE TABLE t (v TEXT NOT NULL)"); }).ok());
  std::atomic<int> ok{0}, thrown{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&, i] {
      try {
        Status s = db->transact([i](Tx& tx) -> Status {
          DONGNE_TRY(tx.exec("INSERT INTO t (v) VALUES (?)", {std::string(i % 2 ? "bad" : "good")}));
          if (i % 2) throw std::runtime_error("bug");
          return {};
        });
        ok += s.ok();
      } catch (const std::runtime_error&) {
        ++thrown;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), 4);
  EXPECT_EQ(thrown.load(), 4);
  int64_t good = -1, bad = -1;
  ASSERT_TRUE(db->read([&](Tx& tx) -> Status {
                   DONGNE_ASSIGN_OR_RETURN(Rows g, tx.query("SELECT COUNT(*) FROM t WHERE v = 'good'"));
                   DONGNE_ASSIGN_OR_RETURN(Rows b, tx.query("SELECT COUNT(*) FROM t WHERE v = 'bad'"));
                   good = g[0].i64(0);
                   bad = b[0].i64(0);
                   return {};
                 }).ok());
  EXPECT_EQ(good, 4);
  EXPECT_EQ(bad, 0);
}

// Commits are acknowledged only after a flush of the WAL that began after them; a failed flush fails every
// commit not yet durable, and all later ones.
TEST(WalSyncer, AcknowledgesAfterFlushAndReportsFailure) {
  testing::TestStore ts("sqlite");
  auto db = ts.make();
  ASSERT_TRUE(db) << ts.error();
  const std::string path = ts.url().substr(7);
  ASSERT_TRUE(db->transact([](Tx& tx) { return to_status(tx.exec("CREATE TABLE w (x INTEGER)")); }).ok());
  auto syncer = WalSyncer::start(path, 1'000'000);
  ASSERT_TRUE(syncer.ok()) << syncer.error().message_en;
  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 50; ++i) ok += syncer.value()->wait_durable(syncer.value()->note_commit(0)).ok();
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), 200);
  // A database without a WAL file (an empty file is an empty database): the flush fails, and so does every wait
  // from then on.
  std::ofstream(path + ".plain").flush();
  auto broken = WalSyncer::start(path + ".plain", 1'000'000);
  ASSERT_TRUE(broken.ok());
  Status first = broken.value()->wait_durable(broken.value()->note_commit(0));
  EXPECT_FALSE(first.ok());
  EXPECT_EQ(first.error().code, Code::kUnavailable);
  EXPECT_FALSE(broken.value()->wait_durable(broken.value()->note_commit(0)).ok());
}

// Lazy (a bulk load): commits alone cause no flush; one wait flushes them all at once.
TEST(WalSyncer, LazyFlushesOnlyWhenWaitedFor) {
  testing::TestStore ts("sqlite");
  auto db = ts.make();
  ASSERT_TRUE(db) << ts.error();
  ASSERT_TRUE(db->transact([](Tx& tx) { return to_status(tx.exec("CREATE TABLE w (x INTEGER)")); }).ok());
  auto syncer = WalSyncer::start(ts.url().substr(7), 1'000'000);
  ASSERT_TRUE(syncer.ok()) << syncer.error().message_en;
  WalSyncer& w = *syncer.value();
  w.set_lazy(true);
  uint64_t last = 0;
  for (int i = 0; i < 100; ++i) last = w.note_commit(0);
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_EQ(w.flushes(), 0u);
  EXPECT_TRUE(w.wait_durable(last).ok());
  EXPECT_EQ(w.flushes(), 1u);
  w.set_lazy(false);
  EXPECT_TRUE(w.wait_durable(w.note_commit(0)).ok());
  EXPECT_EQ(w.flushes(), 2u);
}

// Under a steady stream of commits from several threads the WAL is checkpointed and starts over: it stays a
// few checkpoint intervals long instead of growing with every write.
TEST(Sqlite, WalStaysBoundedUnderSteadyWrites) {
  testing::TestStore ts("sqlite");
  ASSERT_TRUE(ts.make(false)) << ts.error();
  const std::string path = ts.url().substr(7);
  auto opened = open_database(ts.url() + "?checkpoint_pages=64");
  ASSERT_TRUE(opened.ok()) << opened.error().message_en;
  Database& db = *opened.value();
  ASSERT_TRUE(db.transact([](Tx& tx) { return to_status(tx.exec("CREATE TABLE w (x TEXT)")); }).ok());
  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 500; ++i) {
        ok += db.transact([](Tx& tx) { return to_status(tx.exec("INSERT INTO w (x) VALUES (?)", {std::string(3000, 'x')})); }).ok();
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), 2000);
  // 2,000 commits of about two pages each would make an unbounded WAL of some 16 MB.
  const auto wal = std::filesystem::file_size(path + "-wal");
  EXPECT_LT(wal, 4u * 64 * 4200 * 2) << "WAL of " << wal << " bytes";
}

TEST(Sqlite, InMemoryAndBadUrls) {
  auto mem = open_database("sqlite::memory:");
  ASSERT_TRUE(mem.ok());
  ASSERT_TRUE(mem.value()->migrate().ok());
  EXPECT_TRUE(mem.value()->ping());
  EXPECT_FALSE(open_database("sqlite:x.db?readers=lots").ok());
  EXPECT_FALSE(open_database("sqlite:").ok());
}

// A child commits rows from 4 threads (so group commit batches them) and reports each acknowledgement through a
// pipe; the parent kills it with SIGKILL mid-stream and checks that every acknowledged row is there after reopening.
TEST(Sqlite, AcknowledgedWritesSurviveKill9) {
  testing::TestStore ts("sqlite");
  auto db = ts.make();
  ASSERT_TRUE(db) << ts.error();
  ASSERT_TRUE(db->transact([](Tx& tx) { return tx.exec_script("CREATE TABLE acked (n INTEGER PRIMARY KEY)"); }).ok());
  db.reset();
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    close(fds[0]);
    auto cdb = open_database(ts.url());
    if (!cdb.ok()) _exit(3);
    std::vector<std::thread> writers;
    for (int64_t t = 0; t < 4; ++t) {
      writers.emplace_back([&, t] {
        for (int64_t n = t * 1'000'000'000 + 1;; ++n) {
          Status s = cdb.value()->transact([n](Tx& tx) -> Status {
            DONGNE_TRY(tx.exec("INSERT INTO acked (n) VALUES (?)", {n}));
            return {};
          });
          if (!s.ok()) _exit(4);
          if (write(fds[1], &n, sizeof n) != sizeof n) _exit(5);  // 8 bytes: atomic on a pipe
        }
      });
    }
    for (auto& w : writers) w.join();
    _exit(6);
  }
  close(fds[1]);
  std::this_thread::sleep_for(std::chrono::milliseconds(400));
  kill(child, SIGKILL);
  std::vector<int64_t> acked;
  int64_t n = 0;
  while (read(fds[0], &n, sizeof n) == sizeof n) acked.push_back(n);
  close(fds[0]);
  int status = 0;
  waitpid(child, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status));
  ASSERT_FALSE(acked.empty());
  auto reopened = open_database(ts.url());
  ASSERT_TRUE(reopened.ok());
  size_t missing = 0;
  ASSERT_TRUE(reopened.value()->read([&](Tx& tx) -> Status {
                   for (int64_t id : acked) {
                     DONGNE_ASSIGN_OR_RETURN(Rows r, tx.query("SELECT 1 FROM acked WHERE n = ?", {id}));
                     missing += r.empty() ? 1 : 0;
                   }
                   return {};
                 }).ok());
  EXPECT_EQ(missing, 0u);
  std::printf("[   info   ] kill -9 after %zu acknowledged commits from 4 threads: %zu missing\n", acked.size(),
              missing);
}

class Backend : public ::testing::TestWithParam<std::string> {
 protected:
  void open(bool migrate) {
    ts_ = std::make_unique<testing::TestStore>(GetParam());
    db_ = ts_->make(migrate);
    if (!db_ && !ts_->skip_reason().empty()) GTEST_SKIP() << ts_->skip_reason();
    ASSERT_TRUE(db_) << ts_->error();
  }
  std::unique_ptr<testing::TestStore> ts_;
  std::unique_ptr<Database> db_;
};

// Two instances starting at once: both succeed, each migration is recorded once.
TEST_P(Backend, ParallelMigratorsApplyOnce) {
  open(false);
  if (!db_) return;
  auto other = open_database(ts_->url());
  ASSERT_TRUE(other.ok());
  Status a, b;
  std::thread ta([&] { a = db_->migrate(); });
  std::thread tb([&] { b = other.value()->migrate(); });
  ta.join();
  tb.join();
  ASSERT_TRUE(a.ok()) << a.error().message_en;
  ASSERT_TRUE(b.ok()) << b.error().message_en;
  auto applied = db_->applied_migrations();
  ASSERT_FALSE(applied.empty());
  ASSERT_TRUE(db_->read([&](Tx& tx) -> Status {
                   DONGNE_ASSIGN_OR_RETURN(Rows r, tx.query("SELECT COUNT(*), COUNT(DISTINCT module || '/' || "
                                                           "CAST(version AS TEXT)) FROM schema_migrations"));
                   EXPECT_EQ(r[0].i64(0), r[0].i64(1));
                   EXPECT_EQ(r[0].i64(0), static_cast<int64_t>(applied.size()));
                   return {};
                 }).ok());
}

// Single-row write transactions per second, for the record (not an assertion).
TEST_P(Backend, CommitRate) {
  open(true);
  if (!db_) return;
  ASSERT_TRUE(db_->transact([](Tx& tx) {
                   return tx.exec_script("CREATE TABLE bench (id INTEGER PRIMARY KEY, v TEXT NOT NULL)");
                 }).ok());
  constexpr int kN = 400;
  auto t0 = std::chrono::steady_clock::now();
  for (int i = 0; i < kN; ++i) {
    ASSERT_TRUE(db_->transact([i](Tx& tx) -> Status {
                     DONGNE_TRY(tx.exec("INSERT INTO bench (id, v) VALUES (?, ?)", {int64_t{i}, std::string("예약")}));
                     return {};
                   }).ok());
  }
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  constexpr int kThreads = 8;
  auto t1 = std::chrono::steady_clock::now();
  std::vector<std::thread> th;
  for (int t = 0; t < kThreads; ++t) {
    th.emplace_back([&, t] {
      for (int i = 0; i < kN / kThreads; ++i) {
        const int64_t id = kN + t * (kN / kThreads) + i;
        EXPECT_TRUE(db_->transact([id](Tx& tx) -> Status {
                         DONGNE_TRY(tx.exec("INSERT INTO bench (id, v) VALUES (?, ?)", {id, std::string("x")}));
                         return {};
                       }).ok());
      }
    });
  }
  for (auto& t : th) t.join();
  double secs8 = std::chrono::duration<double>(std::chrono::steady_clock::now() - t1).count();
  std::printf("[   info   ] %s: %.0f commits/s from 1 thread, %.0f commits/s from %d threads (durable commits)\n",
              GetParam().c_str(), kN / secs, kN / secs8, kThreads);
  if (GetParam() == "sqlite") {  // the same from 8 threads without group commit, for comparison
    auto alone = open_database(ts_->url() + "?group_commit=0");
    ASSERT_TRUE(alone.ok());
    auto t2 = std::chrono::steady_clock::now();
    std::vector<std::thread> th2;
    for (int t = 0; t < kThreads; ++t) {
      th2.emplace_back([&, t] {
        for (int i = 0; i < kN / kThreads; ++i) {
          const int64_t id = 2 * kN + t * (kN / kThreads) + i;
          EXPECT_TRUE(alone.value()->transact([id](Tx& tx) -> Status {
                           DONGNE_TRY(tx.exec("INSERT INTO bench (id, v) VALUES (?, ?)", {id, std::string("x")}));
                           return {};
                         }).ok());
        }
      });
    }
    for (auto& t : th2) t.join();
    double secs_alone = std::chrono::duration<double>(std::chrono::steady_clock::now() - t2).count();
    std::printf("[   info   ] sqlite without group commit: %.0f commits/s from %d threads\n", kN / secs_alone, kThreads);
  }
  ASSERT_TRUE(db_->read([&](Tx& tx) -> Status {
                   DONGNE_ASSIGN_OR_RETURN(Rows r, tx.query("SELECT COUNT(*) FROM bench"));
                   EXPECT_EQ(r[0].i64(0), GetParam() == "sqlite" ? 3 * kN : 2 * kN);
                   return {};
                 }).ok());
}

// Point reads per second through read() (one snapshot transaction each), for the record.
TEST_P(Backend, ReadRate) {
  open(true);
  if (!db_) return;
  ASSERT_TRUE(db_->transact([](Tx& tx) -> Status {
                   DONGNE_TRY(tx.exec_script("CREATE TABLE kv (id INTEGER PRIMARY KEY, v TEXT NOT NULL)"));
                   for (int64_t i = 0; i < 100; ++i) {
                     DONGNE_TRY(tx.exec("INSERT INTO kv (id, v) VALUES (?, ?)", {i, "값" + std::to_string(i)}));
                   }
                   return {};
                 }).ok());
  constexpr int kN = 2000;
  auto t0 = std::chrono::steady_clock::now();
  for (int i = 0; i < kN; ++i) {
    ASSERT_TRUE(db_->read([i](Tx& tx) -> Status {
                     DONGNE_ASSIGN_OR_RETURN(Rows r, tx.query("SELECT id, v FROM kv WHERE id = ?", {int64_t{i % 100}}));
                     return ok_if(r.size() == 1, "row");
                   }).ok());
  }
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf("[   info   ] %s: %.0f point reads/s from 1 thread (read() each)\n", GetParam().c_str(), kN / secs);
}

TEST_P(Backend, ReadersRunAlongsideAWriter) {
  open(true);
  if (!db_) return;
  ASSERT_TRUE(db_->transact([](Tx& tx) { return tx.exec_script("CREATE TABLE kv (k TEXT PRIMARY KEY, v TEXT)"); }).ok());
  std::atomic<bool> in_write{false}, read_done{false};
  std::thread writer([&] {
    (void)db_->transact([&](Tx& tx) -> Status {
      DONGNE_TRY(tx.exec("INSERT INTO kv (k, v) VALUES ('a', 'uncommitted')"));
      in_write = true;
      for (int i = 0; i < 200 && !read_done; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(5));
      return {};
    });
  });
  while (!in_write) std::this_thread::yield();
  Status r = db_->read([](Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(Rows rows, tx.query("SELECT v FROM kv"));
    return ok_if(rows.empty(), "reader saw an uncommitted write");
  });
  read_done = true;
  writer.join();
  EXPECT_TRUE(r.ok()) << r.error().message_en;
}

INSTANTIATE_TEST_SUITE_P(Backends, Backend, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

class Postgres : public Backend {};

TEST_F(Postgres, ReconnectsAfterTheServerDropsAPooledConnection) {
  ts_ = std::make_unique<testing::TestStore>("postgres");
  db_ = ts_->make();
  if (!db_) GTEST_SKIP() << ts_->skip_reason() << ts_->error();
  int64_t pid = 0;
  ASSERT_TRUE(db_->read([&](Tx& tx) -> Status {
                   DONGNE_ASSIGN_OR_RETURN(Rows r, tx.query("SELECT pg_backend_pid()"));
                   pid = r[0].i64(0);
                   return {};
                 }).ok());
  auto admin = open_database(std::getenv("DONGNE_PG"));
  ASSERT_TRUE(admin.ok());
  ASSERT_TRUE(admin.value()->transact([&](Tx& tx) -> Status {
                   DONGNE_TRY(tx.query("SELECT pg_terminate_backend(?::int)", {pid}));
                   return {};
                 }).ok());
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(db_->ping()) << "after terminate, try " << i;
}

TEST_F(Postgres, UrlFormAndSmallPool) {
  const char* url = std::getenv("DONGNE_PG_URL");
  if (!url || !*url) GTEST_SKIP() << "DONGNE_PG_URL is not set; run under scripts/with-postgres.sh";
  auto db = open_database(std::string(url) + "?pool=2");
  ASSERT_TRUE(db.ok()) << db.error().message_en;
  EXPECT_EQ(db.value()->dialect(), Dialect::kPostgres);
  std::vector<std::thread> th;
  std::atomic<int> ok{0};
  for (int t = 0; t < 6; ++t) {
    th.emplace_back([&] {
      for (int i = 0; i < 10; ++i) ok += db.value()->ping() ? 1 : 0;
    });
  }
  for (auto& t : th) t.join();
  EXPECT_EQ(ok.load(), 60);
  EXPECT_FALSE(open_database("postgresql://nobody@127.0.0.1:1/none").ok());
}

}  // namespace
}  // namespace dongne::store
