// PostgreSQL back end over libpq: thin RAII wrappers, a connection pool, SERIALIZABLE transactions with bounded
// retry on 40001/40P01, READ ONLY snapshots for read(), `?` -> $n rewriting, text parameters typed from the
// Value (int8, float8, unknown for text), results converted to Value. See store/database.h for the contract.
#include <libpq-fe.h>

#include <atomic>
#include <charconv>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <random>
#include <thread>

#include "store/backends.h"
#include "store/migrations.h"
#include "store/sql_text.h"

namespace dongne::store {
namespace {

constexpr Oid kBoolOid = 16, kInt8Oid = 20, kInt2Oid = 21, kInt4Oid = 23, kOidOid = 26, kFloat4Oid = 700,
              kFloat8Oid = 701, kNumericOid = 1700;
constexpr int64_t kMigrationLockKey = 0x646f6e676e65;  // "dongne"
constexpr auto kAcquireTimeout = std::chrono::seconds(15);

struct ConnCloser {
  void operator()(PGconn* c) const { PQfinish(c); }
};
using ConnPtr = std::unique_ptr<PGconn, ConnCloser>;
struct ResultClear {
  void operator()(PGresult* r) const { PQclear(r); }
};
using PgResult = std::unique_ptr<PGresult, ResultClear>;

Error unavailable(std::string en, std::string reason = "connection") {
  Error e = Error::unavailable("데이터베이스에 연결할 수 없습니다. 잠시 후 다시 시도해 주세요", std::move(en));
  e.reason = std::move(reason);
  return e;
}

// Maps a failed result (or a missing one) to the store's error contract.
Error pg_error(PGconn* c, const PGresult* r) {
  const char* state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
  std::string msg = r ? PQresultErrorMessage(r) : "";
  if (msg.empty()) msg = c ? PQerrorMessage(c) : "no connection";
  while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
  const std::string s = state ? state : "";
  if (s.empty() || s.starts_with("08") || s == "57P01" || s == "57P02" || s == "57P03" || s.starts_with("53")) {
    return unavailable("postgres unavailable: " + msg);
  }
  if (s == "23505") return Error::conflict("이미 존재하는 항목입니다", "already exists (" + msg + ")", "unique_violation");
  if (s == "23503") {
    return Error::conflict("연결된 항목이 없거나 아직 사용 중입니다",
                           "referenced row missing or still in use (" + msg + ")", "foreign_key_violation");
  }
  if (s == "23514") return Error::conflict("허용되지 않는 값입니다", "check constraint failed (" + msg + ")", "check_violation");
  if (s == "23P01") {
    return Error::conflict("다른 항목과 겹칩니다", "overlaps another row (" + msg + ")", "exclusion_violation");
  }
  if (s == "23001") {
    return Error::conflict("변경할 수 없는 기록입니다", "record cannot be changed (" + msg + ")", "restrict_violation");
  }
  if (s == "40001") return unavailable("serialization failure: " + msg, std::string(kSerializationFailure));
  if (s == "40P01") return unavailable("deadlock: " + msg, std::string(kDeadlock));
  if (s == "55P03") return unavailable("lock not available: " + msg, "lock_not_available");
  if (s.starts_with("22")) {  // data exception: a value the column cannot hold (bad number, too long, bad UTF-8)
    Error e = Error::invalid("저장할 수 없는 값입니다", "value cannot be stored (" + msg + ")");
    e.reason = "data_exception";
    return e;
  }
  return Error::internal("postgres " + s + ": " + msg);
}

bool result_ok(const PGresult* r) {
  const ExecStatusType st = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
  return st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK;
}

// Runs a parameterless command; ok or the mapped error.
Status simple(PGconn* c, const char* sql) {
  PgResult r(PQexec(c, sql));
  if (!result_ok(r.get())) return pg_error(c, r.get());
  return {};
}

Value to_value(const PGresult* r, int row, int col) {
  if (PQgetisnull(r, row, col)) return nullptr;
  const char* v = PQgetvalue(r, row, col);
  const int len = PQgetlength(r, row, col);
  switch (PQftype(r, col)) {
    case kInt8Oid:
    case kInt4Oid:
    case kInt2Oid:
    case kOidOid: {
      int64_t out = 0;
      std::from_chars(v, v + len, out);
      return out;
    }
    case kFloat4Oid:
    case kFloat8Oid:
    case kNumericOid: return std::strtod(v, nullptr);
    case kBoolOid: return int64_t{v[0] == 't' ? 1 : 0};
    default: return std::string(v, static_cast<size_t>(len));
  }
}

class PgTx final : public Tx {
 public:
  PgTx(PGconn* c, bool writable) : c_(c), writable_(writable) {}
  Dialect dialect() const override { return Dialect::kPostgres; }
  const std::optional<Error>& failure() const { return failure_; }

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
    PgResult r(PQexec(c_, std::string(sql).c_str()));
    if (!result_ok(r.get())) return fail(pg_error(c_, r.get()));
    return {};
  }

 private:
  Error fail(Error e) {
    if (!failure_) failure_ = e;
    return e;
  }

  Result<PgResult> run(std::string_view sql, const std::vector<Value>& params) {
    if (failure_) return *failure_;
    sql::Rewritten rw = sql::rewrite_placeholders(sql);
    if (rw.placeholders != static_cast<int>(params.size())) {
      return fail(Error::internal("statement wants " + std::to_string(rw.placeholders) + " parameters, got " +
                                  std::to_string(params.size())));
    }
    const size_t n = params.size();
    std::vector<Oid> types(n, 0);
    std::vector<std::string> text(n);
    std::vector<const char*> values(n, nullptr);
    for (size_t i = 0; i < n; ++i) {
      const Value& v = params[i];
      char buf[64];
      if (auto p = std::get_if<int64_t>(&v)) {
        types[i] = kInt8Oid;
        text[i].assign(buf, std::to_chars(buf, buf + sizeof buf, *p).ptr);
      } else if (auto d = std::get_if<double>(&v)) {
        types[i] = kFloat8Oid;
        text[i].assign(buf, std::to_chars(buf, buf + sizeof buf, *d).ptr);
      } else if (auto s = std::get_if<std::string>(&v)) {
        text[i] = *s;
      }
      if (!std::holds_alternative<std::nullptr_t>(v)) values[i] = text[i].c_str();
    }
    PgResult r(PQexecParams(c_, rw.text.c_str(), static_cast<int>(n), types.data(), values.data(), nullptr, nullptr,
                            0));
    if (!result_ok(r.get())) return fail(pg_error(c_, r.get()));
    return r;
  }

  PGconn* c_;
  bool writable_;
  std::optional<Error> failure_;
};

void quiet_notices(void*, const char*) {}

// A fixed-size pool. Connections are opened lazily; a broken one is reset when taken and dropped when returned.
class Pool {
 public:
  Pool(std::string conninfo, int size) : conninfo_(std::move(conninfo)), size_(size) {}

  class Lease {
   public:
    Lease(Pool* p, ConnPtr c) : pool_(p), c_(std::move(c)) {}
    Lease(Lease&& o) noexcept = default;
    ~Lease() {
      if (pool_ && c_) pool_->give_back(std::move(c_));
    }
    PGconn* get() const { return c_.get(); }

   private:
    Pool* pool_;
    ConnPtr c_;
  };

  Result<Lease> acquire() {
    ConnPtr c;
    {
      std::unique_lock lock(mu_);
      if (!cv_.wait_for(lock, kAcquireTimeout, [this] { return !idle_.empty() || open_ < size_; })) {
        return unavailable("connection pool exhausted", "pool_exhausted");
      }
      if (!idle_.empty()) {
        c = std::move(idle_.back());
        idle_.pop_back();
      } else {
        ++open_;
      }
    }
    if (!c) {
      // expand_dbname: conninfo may be a URL or a keyword string. Keywords are processed in order, so the
      // default connect_timeout (s) comes first and the caller's own value wins; the application name shows in
      // pg_stat_activity.
      const char* keys[] = {"connect_timeout", "dbname", "fallback_application_name", nullptr};
      const char* vals[] = {"10", conninfo_.c_str(), "dongne", nullptr};
      c.reset(PQconnectdbParams(keys, vals, 1));
      if (!c || PQstatus(c.get()) != CONNECTION_OK) {
        Error e = unavailable(std::string("cannot connect to postgres: ") + (c ? PQerrorMessage(c.get()) : "oom"));
        give_back(nullptr);
        return e;
      }
      PQsetNoticeProcessor(c.get(), quiet_notices, nullptr);
      PQsetClientEncoding(c.get(), "UTF8");
    } else if (PQstatus(c.get()) != CONNECTION_OK) {
      PQreset(c.get());
      if (PQstatus(c.get()) != CONNECTION_OK) {
        Error e = unavailable(std::string("cannot reconnect to postgres: ") + PQerrorMessage(c.get()));
        give_back(nullptr);
        return e;
      }
    }
    return Lease(this, std::move(c));
  }

 private:
  void give_back(ConnPtr c) {
    {
      std::lock_guard lock(mu_);
      if (c && PQstatus(c.get()) == CONNECTION_OK && PQtransactionStatus(c.get()) == PQTRANS_IDLE) {
        idle_.push_back(std::move(c));
      } else {
        --open_;  // dropped (closed by ConnPtr after the lock is released)
      }
    }
    cv_.notify_one();
  }

  const std::string conninfo_;
  const int size_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<ConnPtr> idle_;  // guarded by mu_
  int open_ = 0;               // connections out or idle; guarded by mu_
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
    PGconn* c = lease->get();
    Status s = apply_migrations(plan, [c](const std::function<Status(Tx&)>& f) {
      return in_tx(c, "BEGIN ISOLATION LEVEL READ COMMITTED", f, true);
    });
    Status unlock = simple(c, ("SELECT pg_advisory_unlock(" + std::to_string(kMigrationLockKey) + ")").c_str());
    if (!s.ok()) return s;
    return unlock;
  }

  std::vector<MigrationInfo> applied_migrations() override { return read_applied(*this); }

  bool ping() override {
    return read([](Tx& tx) -> Status { return tx.query("SELECT 1").ok() ? Status{} : Error::internal("ping"); })
        .ok();
  }

 private:
  // One transaction on c: BEGIN, fn, COMMIT (or ROLLBACK). `began` tells the caller whether BEGIN got through.
  static Status in_tx(PGconn* c, const char* begin, const std::function<Status(Tx&)>& fn, bool writable,
                      bool* began = nullptr) {
    DONGNE_TRY(simple(c, begin));
    if (began) *began = true;
    PgTx tx(c, writable);
    Status s = fn(tx);
    if (s.ok() && tx.failure()) s = *tx.failure();
    if (!s.ok()) {
      (void)simple(c, "ROLLBACK");
      return s;
    }
    PgResult r(PQexec(c, "COMMIT"));
    if (!result_ok(r.get())) return pg_error(c, r.get());
    if (std::string_view(PQcmdStatus(r.get())) == "ROLLBACK") return Error::internal("transaction was rolled back");
    return {};
  }

  Status run(const char* begin, const std::function<Status(Tx&)>& fn, bool writable) {
    for (int attempt = 1;; ++attempt) {
      DONGNE_ASSIGN_OR_RETURN(Pool::Lease lease, pool_.acquire());
      bool began = false;
      Status s = in_tx(lease.get(), begin, fn, writable, &began);
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
