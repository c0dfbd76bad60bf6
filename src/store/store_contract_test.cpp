// One contract suite, run against every back end: SQLite always, PostgreSQL when DONGNE_PG is set.
#include <gtest/gtest.h>

#include <algorithm>
#include <climits>
#include <cstdio>
#include <cmath>
#include <set>
#include <thread>

#include "store/outbox.h"
#include "store/sql_text.h"
#include "store/test_store.h"

namespace dongne::store {
namespace {

template <typename T>
Status status_of(const Result<T>& r) {
  if (!r.ok()) return r.error();
  return {};
}

class StoreContract : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    ts_ = std::make_unique<testing::TestStore>(GetParam());
    db_ = ts_->make();
    if (!db_ && !ts_->skip_reason().empty()) GTEST_SKIP() << ts_->skip_reason();
    ASSERT_TRUE(db_) << ts_->error();
    auto ddl = sql::expand_macros(
        "CREATE TABLE items (id {{id}}, name TEXT NOT NULL UNIQUE, qty {{bigint}} NOT NULL DEFAULT 0, "
        "price {{real}}, note TEXT)",
        db_->dialect());
    ASSERT_TRUE(ddl.ok());
    ASSERT_TRUE(db_->transact([&](Tx& tx) { return tx.exec_script(ddl.value()); }).ok());
  }
  void TearDown() override {
    db_.reset();
    ts_.reset();
  }

  Result<int64_t> add(const std::string& name, int64_t qty = 0) {
    int64_t id = 0;
    Status s = db_->transact([&](Tx& tx) -> Status {
      DONGNE_ASSIGN_OR_RETURN(id, tx.insert("INSERT INTO items (name, qty) VALUES (?, ?)", {name, qty}));
      return {};
    });
    if (!s.ok()) return std::move(s).error();
    return id;
  }
  int64_t count_items() {
    int64_t n = -1;
    EXPECT_TRUE(db_->read([&](Tx& tx) -> Status {
                  DONGNE_ASSIGN_OR_RETURN(Rows r, tx.query("SELECT COUNT(*) FROM items"));
                  n = r[0].i64(0);
                  return {};
                }).ok());
    return n;
  }

  std::unique_ptr<testing::TestStore> ts_;
  std::unique_ptr<Database> db_;
};

TEST_P(StoreContract, CrudThroughTx) {
  auto id = add("한복 돌복 90", 3);
  ASSERT_TRUE(id.ok()) << id.error().message_en;
  EXPECT_GT(id.value(), 0);
  ASSERT_TRUE(db_->transact([&](Tx& tx) -> Status {
                   DONGNE_ASSIGN_OR_RETURN(int64_t n, tx.exec("UPDATE items SET qty = qty + ?, price = ? WHERE id = ?",
                                                             {int64_t{2}, 1.5, id.value()}));
                   EXPECT_EQ(n, 1);
                   return {};
                 }).ok());
  ASSERT_TRUE(db_->read([&](Tx& tx) -> Status {
                   DONGNE_ASSIGN_OR_RETURN(Rows r, tx.query("SELECT id, name, qty, price, note FROM items WHERE id = ?",
                                                           {id.value()}));
                   EXPECT_EQ(r.columns, (std::vector<std::string>{"id", "name", "qty", "price", "note"}));
                   EXPECT_EQ(r.size(), 1u);
                   EXPECT_EQ(r[0].i64(0), id.value());
                   EXPECT_EQ(r[0].str(1), "한복 돌복 90");
                   EXPECT_EQ(r[0].i64(2), 5);
                   EXPECT_DOUBLE_EQ(r[0].f64(3), 1.5);
                   EXPECT_TRUE(r[0].is_null(4));
                   EXPECT_EQ(r[0].opt_str(4), std::nullopt);
                   EXPECT_EQ(r[0].opt_i64(2), 5);
                   return {};
                 }).ok());
  ASSERT_TRUE(db_->transact([&](Tx& tx) -> Status {
                   DONGNE_ASSIGN_OR_RETURN(int64_t n, tx.exec("DELETE FROM items WHERE id = ?", {id.value()}));
                   EXPECT_EQ(n, 1);
                   return {};
                 }).ok());
  EXPECT_EQ(count_items(), 0);
}

TEST_P(StoreContract, InsertIgnoredReturnsZero) {
  ASSERT_TRUE(add("a").ok());
  ASSERT_TRUE(db_->transact([&](Tx& tx) -> Status {
                   DONGNE_ASSIGN_OR_RETURN(int64_t id, tx.insert("INSERT INTO items (name) VALUES (?) "
                                                                 "ON CONFLICT (name) DO NOTHING", {std::string("a")}));
                   EXPECT_EQ(id, 0);
                   return {};
                 }).ok());
}

TEST_P(StoreContract, UpsertInsertReturnsTheRowId) {
  auto first = add("upsert");
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE(add("later").ok());  // so that a stale "last inserted id" would differ
  ASSERT_TRUE(db_->transact([&](Tx& tx) -> Status {
                   DONGNE_ASSIGN_OR_RETURN(int64_t id, tx.insert("INSERT INTO items (name, qty) VALUES (?, 5) "
                                                                 "ON CONFLICT (name) DO UPDATE SET qty = excluded.qty",
                                                                 {std::string("upsert")}));
                   EXPECT_EQ(id, first.value());
                   return {};
                 }).ok());
}

TEST_P(StoreContract, RollbackWhenFunctionFails) {
  Status s = db_->transact([&](Tx& tx) -> Status {
    DONGNE_TRY(tx.insert("INSERT INTO items (name) VALUES (?)", {std::string("x")}));
    return Error::conflict("가득 찼습니다", "full", "capacity_full");
  });
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().reason, "capacity_full");
  EXPECT_EQ(count_items(), 0);
}

// A bulk load: every commit is there (and readable) before and after the one flush at the end; a second
// finish is harmless, and plain transactions after it work as before.
TEST_P(StoreContract, BulkLoadKeepsEveryCommit) {
  {
    BulkLoad bulk(*db_);
    for (int i = 0; i < 200; ++i) ASSERT_TRUE(add("bulk" + std::to_string(i)).ok());
    EXPECT_EQ(count_items(), 200);
    EXPECT_TRUE(bulk.finish().ok());
    EXPECT_TRUE(bulk.finish().ok());
  }
  ASSERT_TRUE(add("after").ok());
  EXPECT_EQ(count_items(), 201);
}

TEST_P(StoreContract, FailedStatementFailsTransaction) {
  ASSERT_TRUE(add("dup").ok());
  Status s = db_->transact([&](Tx& tx) -> Status {
    EXPECT_TRUE(tx.insert("INSERT INTO items (name) VALUES (?)", {std::string("other")}).ok());
    auto dup = tx.insert("INSERT INTO items (name) VALUES (?)", {std::string("dup")});
    EXPECT_FALSE(dup.ok());
    EXPECT_EQ(dup.error().code, Code::kConflict);
    EXPECT_EQ(dup.error().reason, "unique_violation");
    auto later = tx.query("SELECT 1");  // poisoned, as on PostgreSQL
    EXPECT_FALSE(later.ok());
    return {};  // even when the caller ignores the failure, nothing commits
  });
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, Code::kConflict);
  EXPECT_EQ(count_items(), 1);
}

TEST_P(StoreContract, ConstraintErrorsAreConflicts) {
  ASSERT_TRUE(add("u").ok());
  auto dup = add("u");
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.error().code, Code::kConflict);
  EXPECT_EQ(dup.error().reason, "unique_violation");
  EXPECT_FALSE(dup.error().message_ko.empty());
  Status bad = db_->transact([](Tx& tx) { return status_of(tx.query("SELEC nonsense")); });
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, Code::kInternal);
}

TEST_P(StoreContract, IntegerPrimaryKeyRejectsText) {
  // PostgreSQL: 22P02 invalid_text_representation; SQLite: datatype mismatch on an INTEGER PRIMARY KEY.
  Status s = db_->transact([](Tx& tx) {
    return status_of(tx.exec("INSERT INTO items (id, name) VALUES (?, 'x')", {std::string("not a number")}));
  });
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, Code::kInvalid);
  EXPECT_EQ(s.error().reason, "data_exception");
}

TEST_P(StoreContract, TransactRetriesSerializationFailures) {
  int attempts = 0;
  Status s = db_->transact([&](Tx& tx) -> Status {
    ++attempts;
    DONGNE_TRY(tx.insert("INSERT INTO items (name) VALUES (?)", {"try" + std::to_string(attempts)}));
    if (attempts < 3) {
      Error e = Error::unavailable("재시도", "retry");
      e.reason = std::string(kSerializationFailure);
      return e;
    }
    return {};
  });
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(attempts, 3);
  EXPECT_EQ(count_items(), 1);  // the first two attempts were rolled back

  attempts = 0;
  Status never = db_->transact([&](Tx&) -> Status {
    ++attempts;
    Error e = Error::unavailable("재시도", "retry");
    e.reason = std::string(kDeadlock);
    return e;
  });
  ASSERT_FALSE(never.ok());
  EXPECT_GT(attempts, 1);
  EXPECT_LE(attempts, 20);  // bounded
}

// Read-modify-write from 8 threads: SERIALIZABLE (retries) or the single writer must not lose an update.
TEST_P(StoreContract, ConcurrentIncrementsLoseNothing) {
  auto id = add("counter");
  ASSERT_TRUE(id.ok());
  constexpr int kThreads = 8, kEach = 25;
  std::atomic<int> failures{0}, runs{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        // Half the threads use an explicit row lock, half rely on SERIALIZABLE.
        const bool lock = t % 2 == 0;
        Status s = db_->transact(
            [&](Tx& tx) -> Status {
              ++runs;
              DONGNE_ASSIGN_OR_RETURN(
                  Rows r, tx.query(lock ? "SELECT qty FROM items WHERE id = ? FOR UPDATE" : "SELECT qty FROM items WHERE id = ?",
                                   {id.value()}));
              return status_of(tx.exec("UPDATE items SET qty = ? WHERE id = ?", {r[0].i64(0) + 1, id.value()}));
            },
            lock ? Isolation::kReadCommitted : Isolation::kSerializable);
        if (!s.ok()) {
          ++failures;
          ADD_FAILURE() << s.error().message_en;
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  std::printf("[   info   ] %s: %d increments took %d runs of the function (retries: %d)\n", GetParam().c_str(),
              kThreads * kEach, runs.load(), runs.load() - kThreads * kEach);
  ASSERT_TRUE(db_->read([&](Tx& tx) -> Status {
                   DONGNE_ASSIGN_OR_RETURN(Rows r, tx.query("SELECT qty FROM items WHERE id = ?", {id.value()}));
                   EXPECT_EQ(r[0].i64(0), kThreads * kEach);
                   return {};
                 }).ok());
}

// Concurrent writers whose transactions succeed, fail, violate a constraint or ask for a retry: exactly the
// acknowledged ones are stored (on SQLite this exercises group commit's per-caller savepoints).
TEST_P(StoreContract, MixedOutcomesUnderConcurrency) {
  ASSERT_TRUE(add("taken").ok());
  constexpr int kThreads = 8, kEach = 32;
  std::mutex mu;
  std::set<std::string> acked;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        const std::string name = "w" + std::to_string(t) + "_" + std::to_string(i);
        int attempts = 0;
        Status s = db_->transact([&](Tx& tx) -> Status {
          ++attempts;
          DONGNE_TRY(tx.insert("INSERT INTO items (name, qty) VALUES (?, ?)", {name, int64_t{i}}));
          switch (i % 4) {
            case 0: return Error::conflict("거절", "refused", "test_refusal");
            case 1: return status_of(tx.insert("INSERT INTO items (name) VALUES ('taken')"));
            case 2:
              if (attempts == 1) {
                Error e = Error::unavailable("재시도", "retry");
                e.reason = std::string(kSerializationFailure);
                return e;
              }
              return {};
            default: return {};
          }
        });
        EXPECT_EQ(s.ok(), i % 4 >= 2) << name << ": " << (s.ok() ? "" : s.error().message_en);
        if (s.ok()) {
          std::lock_guard lock(mu);
          acked.insert(name);
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  ASSERT_TRUE(db_->read([&](Tx& tx) -> Status {
                   DONGNE_ASSIGN_OR_RETURN(Rows r, tx.query("SELECT name FROM items WHERE name <> 'taken'"));
                   std::set<std::string> stored;
                   for (const Row& row : r.rows) stored.insert(row.str(0));
                   EXPECT_EQ(stored, acked);
                   EXPECT_EQ(acked.size(), static_cast<size_t>(kThreads * kEach / 2));
                   return {};
                 }).ok());
}

TEST_P(StoreContract, EventsAndOutbox) {
  constexpr int kEvents = 30;
  ASSERT_TRUE(db_->transact([&](Tx& tx) -> Status {
                   for (int i = 0; i < kEvents; ++i) {
                     DONGNE_TRY(tx.append_event({"booking.confirmed", "booking", std::to_string(i),
                                                 R"({"n":)" + std::to_string(i) + "}", i % 2 ? std::optional<int64_t>(7)
                                                                                            : std::nullopt,
                                                 1'000 + i}));
                   }
                   return {};
                 }).ok());
  Outbox ob(*db_);
  auto all = ob.read_events(0, 100);
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), static_cast<size_t>(kEvents));
  EXPECT_EQ((*all)[3].payload_json, R"({"n":3})");
  EXPECT_EQ((*all)[3].actor_user_id, 7);
  EXPECT_EQ((*all)[4].actor_user_id, std::nullopt);
  EXPECT_EQ((*all)[4].occurred_at_ms, 1'004);
  auto tail = ob.read_events((*all)[9].id, 5);
  ASSERT_TRUE(tail.ok());
  ASSERT_EQ(tail->size(), 5u);
  EXPECT_EQ((*tail)[0].id, (*all)[10].id);

  // Two claimers race; every event is claimed exactly once.
  std::mutex mu;
  std::vector<int64_t> claimed;
  auto worker = [&] {
    for (;;) {
      auto got = ob.claim(4, 5'000);
      ASSERT_TRUE(got.ok()) << got.error().message_en;
      if (got->empty()) return;
      std::lock_guard lock(mu);
      for (auto& it : *got) {
        claimed.push_back(it.event.id);
        EXPECT_EQ(it.attempts, 1);
      }
    }
  };
  std::thread a(worker), b(worker);
  a.join();
  b.join();
  std::set<int64_t> unique(claimed.begin(), claimed.end());
  EXPECT_EQ(claimed.size(), static_cast<size_t>(kEvents));
  EXPECT_EQ(unique.size(), static_cast<size_t>(kEvents));

  const int64_t e0 = (*all)[0].id, e1 = (*all)[1].id, e2 = (*all)[2].id;
  ASSERT_TRUE(ob.mark_done(e0, 5'001).ok());
  ASSERT_TRUE(ob.mark_failed(e1, 5'001, "smtp 451", 9'000).ok());
  ASSERT_TRUE(ob.mark_failed(e2, 5'001, "bad address", std::nullopt).ok());
  EXPECT_EQ(ob.mark_done(-1, 5'001).error().code, Code::kNotFound);
  auto early = ob.claim(10, 8'999);  // claimed rows are leased until 65'000; e1 is due again at 9'000
  ASSERT_TRUE(early.ok());
  EXPECT_TRUE(early->empty());
  auto retry = ob.claim(10, 9'000);
  ASSERT_TRUE(retry.ok());
  ASSERT_EQ(retry->size(), 1u);
  EXPECT_EQ((*retry)[0].event.id, e1);
  EXPECT_EQ((*retry)[0].attempts, 2);
  // After the lease, unmarked rows come back (a crashed worker); done and failed rows never do.
  auto after_lease = ob.claim(100, 70'000);
  ASSERT_TRUE(after_lease.ok());
  EXPECT_EQ(after_lease->size(), static_cast<size_t>(kEvents - 2));

  // Taking in a transaction: what is marked done there is gone for good; a rolled-back take leaves rows due.
  std::vector<int64_t> taken;
  Status rolled = db_->transact(
      [&](Tx& tx) -> Status {
        DONGNE_ASSIGN_OR_RETURN(auto got, Outbox::take_due_in(tx, 5, 200'000));
        EXPECT_EQ(got.size(), 5u);
        return Error::internal("delivery failed");
      },
      Isolation::kReadCommitted);
  EXPECT_FALSE(rolled.ok());
  ASSERT_TRUE(db_->transact(
                    [&](Tx& tx) -> Status {
                      DONGNE_ASSIGN_OR_RETURN(auto got, Outbox::take_due_in(tx, 5, 200'000));
                      for (const auto& it : got) {
                        EXPECT_EQ(it.attempts, it.event.id == e1 ? 4 : 3);  // the lease claims before, and this
                        DONGNE_TRY(Outbox::mark_done_in(tx, it.event.id, 200'000));
                        taken.push_back(it.event.id);
                      }
                      return {};
                    },
                    Isolation::kReadCommitted)
                  .ok());
  ASSERT_EQ(taken.size(), 5u);
  auto rest = ob.claim(100, 300'000);
  ASSERT_TRUE(rest.ok());
  EXPECT_EQ(rest->size(), static_cast<size_t>(kEvents - 2 - 5));
  for (const auto& it : *rest) EXPECT_EQ(std::count(taken.begin(), taken.end(), it.event.id), 0);
}

TEST_P(StoreContract, EventsAreAppendOnly) {
  ASSERT_TRUE(db_->transact([](Tx& tx) { return status_of(tx.append_event({"x.y", "x", "1", "{}", {}, {}})); }).ok());
  Status upd = db_->transact([](Tx& tx) { return status_of(tx.exec("UPDATE events SET type = 'forged'")); });
  ASSERT_FALSE(upd.ok());
  EXPECT_EQ(upd.error().code, Code::kConflict);
  EXPECT_EQ(upd.error().reason, "restrict_violation");
  Status del = db_->transact([](Tx& tx) { return status_of(tx.exec("DELETE FROM events")); });
  ASSERT_FALSE(del.ok());
  EXPECT_EQ(del.error().reason, "restrict_violation");
  auto all = Outbox(*db_).read_events(0, 10);
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 1u);
  EXPECT_EQ((*all)[0].type, "x.y");
  EXPECT_EQ((*all)[0].payload_json, "{}");
}

TEST_P(StoreContract, MigrationsAreIdempotent) {
  auto before = db_->applied_migrations();
  ASSERT_FALSE(before.empty());
  EXPECT_EQ(before[0].module, "store");
  EXPECT_EQ(before[0].version, 1);
  EXPECT_EQ(before[0].name, "0001_events");
  ASSERT_TRUE(db_->migrate().ok());
  ASSERT_TRUE(db_->migrate().ok());
  EXPECT_EQ(db_->applied_migrations().size(), before.size());
  EXPECT_TRUE(db_->ping());
}

TEST_P(StoreContract, KoreanRoundTrip) {
  const std::string name = "부평구 공동육아나눔터 — 돌잡이 세트 🎉 Tiếng Việt 中文";
  ASSERT_TRUE(add(name).ok());
  ASSERT_TRUE(db_->read([&](Tx& tx) -> Status {
                   DONGNE_ASSIGN_OR_RETURN(Rows r, tx.query("SELECT name, length(name) FROM items WHERE name LIKE ?",
                                                           {std::string("부평구%")}));
                   EXPECT_EQ(r.size(), 1u);
                   EXPECT_EQ(r[0].str(0), name);
                   EXPECT_EQ(r[0].i64(1), 36);  // characters, not bytes
                   return {};
                 }).ok());
}

TEST_P(StoreContract, MetacharactersStoredVerbatim) {
  const std::vector<std::string> nasty = {"'; DROP TABLE items; --", "?", "$1", "a ? b ?? c", "back\\slash",
                                          "\"quoted\"", "100%_", "/* not a comment */", "line\nbreak\ttab", ""};
  for (const auto& s : nasty) ASSERT_TRUE(add(s).ok()) << s;
  ASSERT_TRUE(db_->read([&](Tx& tx) -> Status {
                   for (const auto& s : nasty) {
                     DONGNE_ASSIGN_OR_RETURN(Rows r, tx.query("SELECT name, '?' AS q FROM items WHERE name = ?", {s}));
                     EXPECT_EQ(r.size(), 1u) << s;
                     if (!r.empty()) {
                       EXPECT_EQ(r[0].str(0), s);
                       EXPECT_EQ(r[0].str(1), "?");
                     }
                   }
                   return {};
                 }).ok());
  EXPECT_EQ(count_items(), static_cast<int64_t>(nasty.size()));
}

TEST_P(StoreContract, BigIntsAndDoubles) {
  const std::vector<int64_t> ints = {INT64_MAX, INT64_MIN, 0, -1, 9'007'199'254'740'993};
  for (size_t i = 0; i < ints.size(); ++i) ASSERT_TRUE(add("n" + std::to_string(i), ints[i]).ok());
  ASSERT_TRUE(db_->transact([](Tx& tx) { return status_of(tx.exec("UPDATE items SET price = ? WHERE name = 'n0'", {0.1})); })
                  .ok());
  ASSERT_TRUE(db_->read([&](Tx& tx) -> Status {
                   for (size_t i = 0; i < ints.size(); ++i) {
                     DONGNE_ASSIGN_OR_RETURN(Rows r, tx.query("SELECT qty, price, ? FROM items WHERE name = ?",
                                                             {ints[i], "n" + std::to_string(i)}));
                     EXPECT_EQ(r[0].i64(0), ints[i]);
                     EXPECT_EQ(r[0].i64(2), ints[i]);
                   }
                   // Booleans read as 0/1 and NUMERIC as double on both back ends.
                   DONGNE_ASSIGN_OR_RETURN(Rows b, tx.query("SELECT (1 = 1), (1 = 0), CAST(1.5 AS NUMERIC)"));
                   EXPECT_EQ(b[0].i64(0), 1);
                   EXPECT_EQ(b[0].i64(1), 0);
                   EXPECT_DOUBLE_EQ(b[0].f64(2), 1.5);
                   DONGNE_ASSIGN_OR_RETURN(Rows p, tx.query("SELECT price FROM items WHERE name = 'n0'"));
                   EXPECT_DOUBLE_EQ(p[0].f64(0), 0.1);
                   DONGNE_ASSIGN_OR_RETURN(Rows sum, tx.query("SELECT COUNT(*) FROM items WHERE qty > ?", {int64_t{0}}));
                   EXPECT_EQ(sum[0].i64(0), 2);
                   return {};
                 }).ok());
}

TEST_P(StoreContract, NestedTransactFailsInsteadOfHanging) {
  Status inner_status;
  Status outer = db_->transact([&](Tx& tx) -> Status {
    DONGNE_TRY(tx.insert("INSERT INTO items (name) VALUES ('outer')"));
    inner_status = db_->transact([](Tx&) { return Status{}; });
    return {};
  });
  EXPECT_TRUE(outer.ok());
  ASSERT_FALSE(inner_status.ok());
  EXPECT_EQ(inner_status.error().code, Code::kInternal);
  EXPECT_EQ(count_items(), 1);
}

TEST_P(StoreContract, ReadIsReadOnly) {
  Status s = db_->read([](Tx& tx) { return status_of(tx.exec("INSERT INTO items (name) VALUES ('nope')")); });
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(count_items(), 0);
}

TEST_P(StoreContract, NullParameters) {
  ASSERT_TRUE(db_->transact([](Tx& tx) {
                   return status_of(tx.insert("INSERT INTO items (name, note, price) VALUES (?, ?, ?)",
                                              {std::string("n"), nullptr, nullptr}));
                 }).ok());
  ASSERT_TRUE(db_->read([](Tx& tx) -> Status {
                   DONGNE_ASSIGN_OR_RETURN(Rows r, tx.query("SELECT note, price FROM items WHERE note IS NULL"));
                   EXPECT_EQ(r.size(), 1u);
                   EXPECT_TRUE(r[0].is_null(0));
                   EXPECT_EQ(r[0].str(0), "");
                   return {};
                 }).ok());
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreContract, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace dongne::store
