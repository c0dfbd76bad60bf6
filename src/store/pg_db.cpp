// PostgreSQL back end over libpq: SERIALIZABLE transactions with bounded retry on 40001/40P01, READ ONLY
// snapshots for read(), statements prepared once per connection with BEGIN pipelined into the first one
// (pg_conn.h), results converted to Value. See store/database.h for the contract.
#include <atomic>
#include <chrono>
#include <optional>
#include <random>
#include <thread>

#include "store/backends.h"
#include "store/migrations.h"
#include "store/pg_conn.h"
#include "store/sql_text.h"

namespace dongne::store {
namespace {

using pg::pg_error;
using pg::PgResult;
using pg::Pool;
using pg::result_ok;
using pg::simple;
using pg::to_value;

constexpr int64_t kMigrationLockKey = 0x646f6e676e65;  // "dongne"

// A transaction on one leased connection. Its BEGIN is sent with its first statement (`begin_` until then), so
// a transaction that runs no statement never reaches the server.
class PgTx final : public Tx {
 public:
  PgTx(pg::Conn& c, const char* begin, bool writable) : c_(c), begin_(begin), writable_(writable) {}
  Dialect dialect() const override { return Dialect::kPostgres; }
  const std::optional<Error>& failure() const { return failure_; }
  bool began() const { return began_; }

  Result<Rows> query(std::string_view sql, const std::vector<Value>& params) override {
    DONGNE_ASSIGN_OR_RETURN(PgResult r, run(sql, params));
    Rows out;
    const int nf = PQnfields(r.get()), nt = PQntuples(r.get());
    for (int f = 0; f < nf; ++f) out.columns.emplace_back(PQfname(r.get(), f));
    out.rows.resize(static_cast<size_t>(nt));
    for (int t = 0; t < nt; ++t) {
      auto& vals = out.rows[static_cast<size_t>(t)].values;
      vals.reserve(static_cast<size_t>(nf));
      for (int f = 0; f < nf; ++f) vals.push_back(to_value(r.get(), t, f));
    }
    return out;
  }
  Result<int64_t> exec(std::string_view sql, const std::vector<Value>& params) override {
    DONGNE_ASSIGN_OR_RETURN(PgResult r, run(sql, params));
    return static_cast<int64_t>(std::atoll(PQcmdTuples(r.get())));
  }
  Result<int64_t> insert(std::string_view sql, const std::vector<Value>& params) override {
    std::string with_id(sql::trim_statement_end(sql));
    with_id += " RETURNING id";
    DONGNE_ASSIGN_OR_RETURN(PgResult r, run(with_id, params));
    if (PQntuples(r.get()) == 0) return int64_t{0};
    Value id = to_value(r.get(), 0, 0);
    if (auto p = std::get_if<int64_t>(&id)) return *p;
    return fail(Error::internal("insert: RETURNING id gave no integer"));
  }
  Status exec_script(std::string_view sql) override {
    if (failure_) return *failure_;
    if (!writable_) return fail(Error::internal("exec_script in a read-only transaction"));
    if (begin_) {
      if (Status s = simple(c_.raw(), begin_); !s.ok()) return fail(std::move(s).error());
      begin_ = nullptr;
      began_ = true;
    }
    PgResult r(PQexec(c_.raw(), std::string(sql).c_str()));
    if (!result_ok(r.get())) return fail(pg_error(c_.raw(), r.get()));
    return {};
  }

 private:
  Error fail(Error e) {
    if (!failure_) failure_ = e;
    return e;
  }

  Result<PgResult> run(std::string_view sql, const std::vector<Value>& params) {
    if (failure_) return *failure_;
    Result<PgResult> r = c_.execute(begin_, sql, params, &began_);
    begin_ = nullptr;
    if (!r.ok()) return fail(std::move(r).error());
    return r;
  }

  pg::Conn& c_;
  const char* begin_;  // not yet sent
  bool writable_;
  bool began_ = false;
  std::optional<Error> failure_;
};

// Randomised exponential backoff between retries: up to 10, 20, 40, ... 250 ms, so a hot row's contenders
// spread out instead of colliding again (worst case over all attempts: about 3 s).
void backoff(int attempt) {
  thread_local std::mt19937 rng{std::random_device{}()};
  const int cap = std::min(5 << std::min(attempt, 6), 250);
  std::this_thread::sleep_for(std::chrono::milliseconds(std::uniform_int_distribution<int>(0, cap)(rng)));
}

class PgDatabase final : public Database {
 public:
  using Database::transact;
  PgDatabase(std::string conninfo, int pool) : pool_(std::move(conninfo), pool) {}

  Dialect dialect() const override { return Dialect::kPostgres; }

  Status transact(const std::function<Status(Tx&)>& fn, Isolation iso) override {
    if (WriteScope::active(this)) return WriteScope::nested();
    WriteScope scope(this);
    const char* begin = iso == Isolation::kSerializable ? "BEGIN ISOLATION LEVEL SERIALIZABLE"
                                                        : "BEGIN ISOLATION LEVEL READ COMMITTED";
    if (!bulk_) return run(begin, fn, true);
    // Bulk: the commit is acknowledged once the server has it, before its WAL reaches the disk.
    return run(begin, [&fn](Tx& tx) -> Status {
      DONGNE_TRY(tx.exec("SET LOCAL synchronous_commit TO OFF"));
      return fn(tx);
    }, true);
  }

  void begin_bulk() override { bulk_ = true; }
  // A commit that writes a transaction id waits, with synchronous_commit on, until the WAL up to it (so every
  // asynchronous commit before it) is flushed.
  Status end_bulk() override {
    bulk_ = false;
    return transact([](Tx& tx) -> Status { return to_status(tx.query("SELECT txid_current()")); });
  }

  Status read(const std::function<Status(Tx&)>& fn) override {
    return run("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", fn, false);
  }

  Status migrate() override {
    DONGNE_ASSIGN_OR_RETURN(auto plan, plan_migrations(embedded_migration_files(), Dialect::kPostgres));
    // Session-level advisory lock: a second instance starting at the same time waits here, then finds the
    // migrations recorded. A pooled connection that died while idle fails here first; take another.
    const std::string lock_sql = "SELECT pg_advisory_lock(" + std::to_string(kMigrationLockKey) + ")";
    std::optional<Pool::Lease> lease;
    for (int attempt = 1; !lease; ++attempt) {
      DONGNE_ASSIGN_OR_RETURN(Pool::Lease l, pool_.acquire());
      Status locked = simple(l.get(), lock_sql.c_str());
      if (locked.ok()) {
        lease.emplace(std::move(l));
      } else if (locked.error().code != Code::kUnavailable || attempt >= 3) {
        return locked;
      }
    }
    pg::Conn& c = lease->conn();
    Status s = apply_migrations(plan, [&c](const std::function<Status(Tx&)>& f) {
      return in_tx(c, "BEGIN ISOLATION LEVEL READ COMMITTED", f, true);
    });
    // The migrations may have changed tables under statements this connection prepared.
    c.forget_statements();
    (void)simple(c.raw(), "DEALLOCATE ALL");
    Status unlock = simple(c.raw(), ("SELECT pg_advisory_unlock(" + std::to_string(kMigrationLockKey) + ")").c_str());
    if (!s.ok()) return s;
    return unlock;
  }

  std::vector<MigrationInfo> applied_migrations() override { return read_applied(*this); }

  bool ping() override {
    return read([](Tx& tx) -> Status { return tx.query("SELECT 1").ok() ? Status{} : Error::internal("ping"); })
        .ok();
  }

 private:
  // One transaction on c: BEGIN (sent with the first statement), fn, COMMIT (or ROLLBACK). `began` tells the
  // caller whether BEGIN got through.
  static Status in_tx(pg::Conn& c, const char* begin, const std::function<Status(Tx&)>& fn, bool writable,
                      bool* began = nullptr) {
    PgTx tx(c, begin, writable);
    Status s = fn(tx);
    if (began) *began = tx.began();
    if (!tx.began()) return tx.failure() ? *tx.failure() : s;  // BEGIN failed (what fn made of it aside), or never sent
    if (s.ok() && tx.failure()) s = *tx.failure();
    if (!s.ok()) {
      (void)simple(c.raw(), "ROLLBACK");
      return s;
    }
    PgResult r(PQexec(c.raw(), "COMMIT"));
    if (!result_ok(r.get())) return pg_error(c.raw(), r.get());
    if (std::string_view(PQcmdStatus(r.get())) == "ROLLBACK") return Error::internal("transaction was rolled back");
    return {};
  }

  Status run(const char* begin, const std::function<Status(Tx&)>& fn, bool writable) {
    for (int attempt = 1;; ++attempt) {
      DONGNE_ASSIGN_OR_RETURN(Pool::Lease lease, pool_.acquire());
      bool began = false;
      Status s = in_tx(lease.conn(), begin, fn, writable, &began);
      if (s.ok() && writable) committed_.fetch_add(1, std::memory_order_relaxed);
      if (s.ok() || attempt >= kMaxTransactAttempts) return s;
      // A pooled connection that died while idle fails at BEGIN: nothing ran, so try again on a fresh one.
      const bool stale = !began && s.error().code == Code::kUnavailable;
      if (!stale && !is_retryable(s.error())) return s;
      if (!stale) retried_.fetch_add(1, std::memory_order_relaxed);
      backoff(attempt);
    }
  }

  Pool pool_;
  std::atomic<bool> bulk_{false};
  std::atomic<uint64_t> committed_{0}, retried_{0};

 public:
  TxCounts counts() const override { return {committed_.load(), retried_.load()}; }
};

}  // namespace

Result<std::unique_ptr<Database>> open_postgres(const std::string& url) {
  DONGNE_ASSIGN_OR_RETURN(sql::PgTarget target, sql::split_pool_param(url));
  auto db = std::make_unique<PgDatabase>(target.conninfo, target.pool.value_or(8));
  Status s = db->read([](Tx& tx) -> Status {
    DONGNE_TRY(tx.query("SELECT 1"));
    return {};
  });
  if (!s.ok()) return std::move(s).error();
  return std::unique_ptr<Database>(std::move(db));
}

}  // namespace dongne::store
