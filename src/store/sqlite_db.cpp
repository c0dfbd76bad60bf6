// SQLite back end: WAL, synchronous=FULL, foreign_keys=ON, busy_timeout; one writer connection behind a mutex
// (transact() serialises writers with BEGIN IMMEDIATE, group-committing concurrent callers: one fsync per batch)
// and a small pool of query_only reader connections for read(). Each connection caches its prepared statements.
// URL parameters: readers=N (4), busy_timeout_ms=M (5000), group_commit=0|1 (1). Contract: store/database.h.
#include <sqlite3.h>

#include <charconv>
#include <chrono>
#include <condition_variable>
#include <atomic>
#include <filesystem>
#include <map>
#include <mutex>
#include <thread>
#include <unordered_map>

#include "store/backends.h"
#include "store/migrations.h"
#include "store/sql_text.h"
#include "store/wal_syncer.h"

namespace dongne::store {
namespace {

constexpr size_t kStatementCacheLimit = 256;

Error sqlite_error(sqlite3* db, int rc, std::string_view what) {
  std::string detail = std::string(what) + ": " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
  switch (rc) {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
      return Error::conflict("이미 존재하는 항목입니다", "already exists (" + detail + ")", "unique_violation");
    case SQLITE_CONSTRAINT_FOREIGNKEY:
      return Error::conflict("연결된 항목이 없거나 아직 사용 중입니다",
                             "referenced row missing or still in use (" + detail + ")", "foreign_key_violation");
    case SQLITE_CONSTRAINT_CHECK:
      return Error::conflict("허용되지 않는 값입니다", "check constraint failed (" + detail + ")",
                             "check_violation");
    case SQLITE_CONSTRAINT_TRIGGER:
      return Error::conflict("변경할 수 없는 기록입니다", "record cannot be changed (" + detail + ")",
                             "restrict_violation");
    default:
      break;
  }
  switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED: {
      Error e = Error::unavailable("데이터베이스가 사용 중입니다. 잠시 후 다시 시도해 주세요",
                                  "database busy (" + detail + ")");
      e.reason = "busy";
      return e;
    }
    case SQLITE_MISMATCH:
    case SQLITE_TOOBIG:
    case SQLITE_RANGE: {
      Error e = Error::invalid("저장할 수 없는 값입니다", "value cannot be stored (" + detail + ")");
      e.reason = "data_exception";
      return e;
    }
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
    case SQLITE_NOMEM:
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return Error::unavailable("데이터베이스를 사용할 수 없습니다", "database unavailable (" + detail + ")");
    default:
      return Error::internal("sqlite " + detail);
  }
}

// One connection and its statement cache. Used by one thread at a time (the owner holds a lock or a lease).
struct Conn {
  sqlite3* db = nullptr;
  // Keyed by SQL text, looked up by string_view without building a string.
  struct TextHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, sqlite3_stmt*, TextHash, std::equal_to<>> cache;
  std::unordered_map<std::string, bool, TextHash, std::equal_to<>> upserts;  // insert(): has ON CONFLICT
  std::unordered_map<const char*, sqlite3_stmt*> control;  // keyed by the literal's address (see step())
  Conn() = default;
  Conn(const Conn&) = delete;
  Conn& operator=(const Conn&) = delete;
  ~Conn() {
    for (auto& [sql, st] : cache) sqlite3_finalize(st);
    for (auto& [sql, st] : control) sqlite3_finalize(st);
    if (db) sqlite3_close_v2(db);
  }
  Status exec(const char* sql) {
    int rc = sqlite3_exec(db, sql, nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK) return sqlite_error(db, rc, sql);
    return {};
  }
  // Runs one of the few fixed control statements (BEGIN, COMMIT, SAVEPOINT ...) from a prepared statement kept
  // for it: these run several times per transaction, and sqlite3_exec would parse them each time.
  Status step(const char* sql) {
    sqlite3_stmt*& st = control[sql];
    if (!st) {
      int rc = sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, nullptr);
      if (rc != SQLITE_OK) return sqlite_error(db, rc, sql);
    }
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW) return sqlite_error(db, sqlite3_extended_errcode(db), sql);
    return {};
  }
  // Rolls back whatever is open (used after errors and by the scope guard).
  void abandon() {
    if (!sqlite3_get_autocommit(db)) sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
  }
};

// Resets a cached statement when the call that used it ends.
struct StmtLease {
  sqlite3_stmt* st;
  ~StmtLease() {
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
  }
};

class SqliteTx final : public Tx {
 public:
  SqliteTx(Conn& c, bool writable) : c_(c), writable_(writable) {}
  Dialect dialect() const override { return Dialect::kSqlite; }
  const std::optional<Error>& failure() const { return failure_; }

  Result<Rows> query(std::string_view sql, const std::vector<Value>& params) override {
    Rows rows;
    DONGNE_TRY(run(sql, params, &rows));
    return rows;
  }
  Result<int64_t> exec(std::string_view sql, const std::vector<Value>& params) override {
    DONGNE_TRY(run(sql, params, nullptr));
    return static_cast<int64_t>(sqlite3_changes64(c_.db));
  }
  // A plain INSERT answers with last_insert_rowid() (`id` is the rowid: {{id}} is INTEGER PRIMARY KEY). An upsert
  // uses RETURNING id (SQLite >= 3.35) to give PostgreSQL's answers: the updated row's id, or 0 after ON CONFLICT
  // DO NOTHING. (RETURNING is not used for every insert: SQLite buffers its rows in a temporary b-tree.)
  Result<int64_t> insert(std::string_view sql, const std::vector<Value>& params) override {
    auto known = c_.upserts.find(sql);
    if (known == c_.upserts.end()) {
      if (c_.upserts.size() >= kStatementCacheLimit) c_.upserts.clear();
      known = c_.upserts.emplace(std::string(sql), sql::has_word_pair(sql, "ON", "CONFLICT")).first;
    }
    if (!known->second) {
      DONGNE_TRY(run(sql, params, nullptr));
      return sqlite3_changes64(c_.db) == 1 ? static_cast<int64_t>(sqlite3_last_insert_rowid(c_.db)) : int64_t{0};
    }
    std::string with_id(sql::trim_statement_end(sql));
    with_id += " RETURNING id";
    Rows rows;
    DONGNE_TRY(run(with_id, params, &rows));
    return rows.empty() ? int64_t{0} : rows[0].i64(0);
  }
  Status exec_script(std::string_view sql) override {
    if (failure_) return *failure_;
    if (!writable_) return fail(Error::internal("exec_script in a read-only transaction"));
    std::string text(sql);
    int rc = sqlite3_exec(c_.db, text.c_str(), nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK) {
      return fail(sqlite_error(c_.db, sqlite3_extended_errcode(c_.db), "script"));
    }
    return {};
  }

 private:
  Error fail(Error e) {
    if (!failure_) failure_ = e;
    return e;
  }

  Result<sqlite3_stmt*> prepare(std::string_view sql) {
    if (auto it = c_.cache.find(sql); it != c_.cache.end()) return it->second;
    std::string key(sql);
    if (c_.cache.size() >= kStatementCacheLimit) {
      for (auto& [s, st] : c_.cache) sqlite3_finalize(st);
      c_.cache.clear();
    }
    std::string text = sql::strip_row_locks(sql);
    sqlite3_stmt* st = nullptr;
    const char* tail = nullptr;
    int rc = sqlite3_prepare_v3(c_.db, text.c_str(), static_cast<int>(text.size()), SQLITE_PREPARE_PERSISTENT, &st,
                                &tail);
    if (rc != SQLITE_OK) return sqlite_error(c_.db, rc, "prepare");
    if (!st) return Error::internal("empty statement");
    if (tail && sql::has_more_statements(text, static_cast<size_t>(tail - text.c_str()))) {
      sqlite3_finalize(st);
      return Error::internal("one statement per call (use exec_script for several): " + key);
    }
    c_.cache.emplace(std::move(key), st);
    return st;
  }

  Status bind(sqlite3_stmt* st, const std::vector<Value>& params) {
    const int want = sqlite3_bind_parameter_count(st);
    if (want != static_cast<int>(params.size())) {
      return Error::internal("statement wants " + std::to_string(want) + " parameters, got " +
                             std::to_string(params.size()));
    }
    for (int i = 0; i < want; ++i) {
      const Value& v = params[static_cast<size_t>(i)];
      int rc = SQLITE_OK;
      if (auto p = std::get_if<int64_t>(&v)) {
        rc = sqlite3_bind_int64(st, i + 1, *p);
      } else if (auto d = std::get_if<double>(&v)) {
        rc = sqlite3_bind_double(st, i + 1, *d);
      } else if (auto s = std::get_if<std::string>(&v)) {
        rc = sqlite3_bind_text64(st, i + 1, s->data(), s->size(), SQLITE_TRANSIENT, SQLITE_UTF8);
      } else {
        rc = sqlite3_bind_null(st, i + 1);
      }
      if (rc != SQLITE_OK) return sqlite_error(c_.db, rc, "bind");
    }
    return {};
  }

  Status run(std::string_view sql, const std::vector<Value>& params, Rows* out) {
    if (failure_) return *failure_;
    Result<sqlite3_stmt*> prepared = prepare(sql);
    if (!prepared.ok()) return fail(std::move(prepared).error());
    sqlite3_stmt* st = prepared.value();
    StmtLease lease{st};
    if (!writable_ && !sqlite3_stmt_readonly(st)) {
      return fail(Error::internal("write statement in a read-only transaction"));
    }
    if (Status b = bind(st, params); !b.ok()) return fail(std::move(b).error());
    const int ncol = sqlite3_column_count(st);
    if (out) {
      for (int i = 0; i < ncol; ++i) out->columns.emplace_back(sqlite3_column_name(st, i));
    }
    for (;;) {
      int rc = sqlite3_step(st);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) return fail(sqlite_error(c_.db, sqlite3_extended_errcode(c_.db), "step"));
      if (!out) continue;
      Row row;
      row.values.reserve(static_cast<size_t>(ncol));
      for (int i = 0; i < ncol; ++i) {
        switch (sqlite3_column_type(st, i)) {
          case SQLITE_INTEGER: row.values.emplace_back(static_cast<int64_t>(sqlite3_column_int64(st, i))); break;
          case SQLITE_FLOAT: row.values.emplace_back(sqlite3_column_double(st, i)); break;
          case SQLITE_NULL: row.values.emplace_back(nullptr); break;
          default: {
            const auto* p = static_cast<const char*>(sqlite3_column_blob(st, i));
            row.values.emplace_back(std::string(p ? p : "", static_cast<size_t>(sqlite3_column_bytes(st, i))));
          }
        }
      }
      out->rows.push_back(std::move(row));
    }
    return {};
  }

  Conn& c_;
  bool writable_;
  std::optional<Error> failure_;
};

struct Options {
  std::string path;
  int readers = 4;
  int busy_timeout_ms = 5000;
  bool group_commit = true;  // off for ":memory:" (reads share the writer connection) or with ?group_commit=0
};

Result<Options> parse_url(const std::string& url) {
  Options o;
  std::string rest = url;
  if (rest.starts_with("sqlite://")) {
    rest = rest.substr(9);
  } else if (rest.starts_with("sqlite:")) {
    rest = rest.substr(7);
  }
  size_t q = rest.find('?');
  std::string query = q == std::string::npos ? "" : rest.substr(q + 1);
  o.path = rest.substr(0, q);
  while (!query.empty()) {
    size_t amp = query.find('&');
    std::string kv = query.substr(0, amp);
    query = amp == std::string::npos ? "" : query.substr(amp + 1);
    size_t eq = kv.find('=');
    std::string k = kv.substr(0, eq), v = eq == std::string::npos ? "" : kv.substr(eq + 1);
    int n = -1;
    auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
    if (ec != std::errc() || end != v.data() + v.size()) n = -1;
    if (k == "readers" && n >= 0 && n <= 64) {
      o.readers = n;
    } else if (k == "busy_timeout_ms" && n >= 0) {
      o.busy_timeout_ms = n;
    } else if (k == "group_commit" && (n == 0 || n == 1)) {
      o.group_commit = n == 1;
    } else {
      return Error::invalid("데이터베이스 주소의 설정이 올바르지 않습니다", "bad sqlite URL parameter: " + kv);
    }
  }
  if (o.path.empty()) return Error::invalid("데이터베이스 파일 경로가 없습니다", "sqlite URL without a path");
  if (o.path == ":memory:") {  // a private in-memory database: reads go through the writer connection
    o.readers = 0;
    o.group_commit = false;
  }
  return o;
}

Result<std::unique_ptr<Conn>> open_conn(const Options& o, bool writer) {
  auto c = std::make_unique<Conn>();
  int rc = sqlite3_open_v2(o.path.c_str(), &c->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                           nullptr);
  if (rc != SQLITE_OK) return sqlite_error(c->db, rc, "open " + o.path);
  sqlite3_extended_result_codes(c->db, 1);
  sqlite3_busy_timeout(c->db, o.busy_timeout_ms);
  if (writer) {
    // journal_mode answers with the mode in force; a file database must end up in WAL.
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(c->db, "PRAGMA journal_mode=WAL", -1, &st, nullptr);
    std::string mode;
    if (st && sqlite3_step(st) == SQLITE_ROW) mode = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    if (mode != "wal" && o.path != ":memory:") {
      return Error::unavailable("데이터베이스를 WAL 모드로 열 수 없습니다", "cannot enable WAL: got '" + mode + "'");
    }
  }
  // With group commit the writer commits without fsync and WalSyncer makes each commit durable before it is
  // acknowledged (see wal_syncer.h); alone, every COMMIT fsyncs the WAL itself.
  DONGNE_TRY(c->exec(writer && o.group_commit ? "PRAGMA synchronous=NORMAL" : "PRAGMA synchronous=FULL"));
  DONGNE_TRY(c->exec("PRAGMA foreign_keys=ON"));
  // Page cache: the writer keeps its pages across transactions (it is the only writer), so a large cache saves
  // re-reading hot index and table pages (no mmap for it: mapped pages bypass the cache and cost a WAL lookup on
  // every access); readers' caches are reset by every commit, so mmap serves their reads from the OS page cache
  // without a copy.
  DONGNE_TRY(c->exec(writer ? "PRAGMA cache_size=-65536" : "PRAGMA cache_size=-8192"));
  if (!writer && o.path != ":memory:") DONGNE_TRY(c->exec("PRAGMA mmap_size=268435456"));
  if (!writer) DONGNE_TRY(c->exec("PRAGMA query_only=ON"));
  return c;
}

class SqliteDatabase final : public Database {
 public:
  using Database::transact;
  explicit SqliteDatabase(Options o) : opts_(std::move(o)) {}

  Status open() {
    std::filesystem::path p(opts_.path);
    if (opts_.path != ":memory:" && p.has_parent_path()) {
      std::error_code ec;
      std::filesystem::create_directories(p.parent_path(), ec);
      if (ec) {
        return Error::unavailable("데이터베이스 폴더를 만들 수 없습니다",
                                  "cannot create " + p.parent_path().string() + ": " + ec.message());
      }
    }
    DONGNE_ASSIGN_OR_RETURN(writer_, open_conn(opts_, true));
    if (opts_.group_commit) {
      DONGNE_ASSIGN_OR_RETURN(syncer_, WalSyncer::start(opts_.path, kCheckpointPages));
      // Replaces the auto-checkpoint hook: checkpoints run on the syncer's thread, not inside a COMMIT.
      sqlite3_wal_hook(
          writer_->db,
          [](void* self, sqlite3*, const char*, int frames) {
            static_cast<SqliteDatabase*>(self)->wal_frames_ = frames;
            return SQLITE_OK;
          },
          this);
    }
    for (int i = 0; i < opts_.readers; ++i) {
      DONGNE_ASSIGN_OR_RETURN(auto r, open_conn(opts_, false));
      idle_readers_.push_back(std::move(r));
    }
    return {};
  }

  Dialect dialect() const override { return Dialect::kSqlite; }

  // The one writer path: every write goes through here, on the one writer connection.
  Status transact(const std::function<Status(Tx&)>& fn, Isolation) override {
    if (WriteScope::active(this)) return WriteScope::nested();
    return opts_.group_commit ? transact_grouped(fn) : transact_alone(fn);
  }

  Status read(const std::function<Status(Tx&)>& fn) override {
    if (opts_.readers == 0) {
      if (WriteScope::active(this)) return WriteScope::nested();
      std::lock_guard lock(write_mu_);
      WriteScope scope(this);  // the writer lock is held: a transact() inside fn must fail, not deadlock
      return begin_and_run(*writer_, fn, false);
    }
    std::unique_ptr<Conn> c;
    {
      std::unique_lock lock(read_mu_);
      read_cv_.wait(lock, [this] { return !idle_readers_.empty(); });
      c = std::move(idle_readers_.back());
      idle_readers_.pop_back();
    }
    Status s = begin_and_run(*c, fn, false);
    {
      std::lock_guard lock(read_mu_);
      idle_readers_.push_back(std::move(c));
    }
    read_cv_.notify_one();
    return s;
  }

  Status migrate() override {
    DONGNE_ASSIGN_OR_RETURN(auto plan, plan_migrations(embedded_migration_files(), Dialect::kSqlite));
    return apply_migrations(plan, [this](const std::function<Status(Tx&)>& f) { return transact(f); });
  }

  std::vector<MigrationInfo> applied_migrations() override { return read_applied(*this); }

  bool ping() override {
    return read([](Tx& tx) -> Status { return tx.query("SELECT 1").ok() ? Status{} : Error::internal("ping"); })
        .ok();
  }

 private:
  // One transaction per call: BEGIN IMMEDIATE, fn, COMMIT (one fsync per call).
  Status transact_alone(const std::function<Status(Tx&)>& fn) {
    std::lock_guard lock(write_mu_);
    WriteScope scope(this);
    Conn& c = *writer_;
    for (int attempt = 1;; ++attempt) {
      Status s = c.step("BEGIN IMMEDIATE");
      if (s.ok()) s = run_in_tx(c, fn, true);
      if (s.ok()) return s;
      const bool again = is_retryable(s.error()) || (s.error().reason == "busy" && attempt < 3);
      if (!again || attempt >= kMaxTransactAttempts) return s;
      std::this_thread::sleep_for(std::chrono::milliseconds(attempt));
    }
  }

  // Group commit. Callers still run one at a time on the writer connection and on their own thread, but each
  // runs inside a SAVEPOINT of a shared transaction (a "batch"): a failing caller rolls back only its savepoint.
  // A caller whose fn succeeded waits, with the writer lock released, until its batch commits; the caller that
  // finds nobody else queued (or a full or old batch) commits for all. Every caller returns only after the COMMIT
  // that made its writes durable (synchronous=FULL), so acknowledgement semantics equal transact_alone(), with
  // one fsync per batch instead of per call. If the batch fails as a whole (COMMIT error, or SQLite rolling the
  // transaction back itself, e.g. disk full), every member gets the error.
  Status transact_grouped(const std::function<Status(Tx&)>& fn) {
    queued_.fetch_add(1);
    std::unique_lock lock(write_mu_);
    queued_.fetch_sub(1);
    WriteScope scope(this);
    Conn& c = *writer_;
    for (int attempt = 1;; ++attempt) {
      if (!batch_open_) {
        Status b = c.step("BEGIN IMMEDIATE");
        if (!b.ok()) {
          if (b.error().reason != "busy" || attempt >= 3) return b;
          lock.unlock();
          std::this_thread::sleep_for(std::chrono::milliseconds(attempt));
          lock.lock();
          continue;
        }
        batch_open_ = true;
        ++batch_id_;
        batch_members_ = 0;
        batch_started_ = std::chrono::steady_clock::now();
      }
      Status s = run_member(c, fn);
      if (batch_open_ && sqlite3_get_autocommit(c.db)) {  // SQLite ended the whole transaction itself
        finish_batch(s.ok() ? Error::internal("batch transaction ended unexpectedly") : s.error());
        if (s.ok()) s = Error::internal("batch transaction ended unexpectedly");
      }
      if (s.ok()) {
        ++batch_members_;
        const uint64_t mine = batch_id_;
        if (queued_.load() == 0 || batch_members_ >= kMaxBatch ||
            std::chrono::steady_clock::now() - batch_started_ > kMaxBatchAge) {
          finish_batch(c.step("COMMIT"));
        }
        commit_cv_.wait(lock, [&] { return batch_results_.count(mine) > 0; });
        auto it = batch_results_.find(mine);
        Status r = it->second.status;
        const uint64_t seq = it->second.seq;
        if (--it->second.waiting == 0) batch_results_.erase(it);
        lock.unlock();  // the writer goes on with the next batch while this one reaches the disk
        if (r.ok() && syncer_) return syncer_->wait_durable(seq);
        return r;
      }
      leave_batch(c);
      if (!is_retryable(s.error()) || attempt >= kMaxTransactAttempts) return s;
    }
  }

  // Runs fn in a savepoint of the open batch; its changes are undone if it fails (or throws, which is a bug).
  Status run_member(Conn& c, const std::function<Status(Tx&)>& fn) {
    DONGNE_TRY(c.step("SAVEPOINT member"));
    Status s;
    try {
      SqliteTx tx(c, true);
      s = fn(tx);
      if (s.ok() && tx.failure()) s = *tx.failure();
    } catch (...) {
      if (!sqlite3_get_autocommit(c.db)) {
        rollback_member(c);
      }
      leave_batch(c);
      throw;
    }
    if (sqlite3_get_autocommit(c.db)) return s;
    if (!s.ok()) {
      rollback_member(c);
      return s;
    }
    Status rel = c.step("RELEASE member");
    return rel;
  }

  static void rollback_member(Conn& c) {
    (void)c.step("ROLLBACK TO member");
    (void)c.step("RELEASE member");
  }

  // Called by a caller that leaves without joining the batch: if nobody is queued to carry the batch on, commit
  // it for the members already waiting, or roll back an empty one.
  void leave_batch(Conn& c) {
    if (!batch_open_ || queued_.load() > 0) return;
    if (batch_members_ > 0) {
      finish_batch(c.step("COMMIT"));
    } else {
      c.abandon();
      batch_open_ = false;
    }
  }

  // Publishes the batch outcome to its members. Requires write_mu_.
  void finish_batch(Status outcome) {
    if (!outcome.ok()) writer_->abandon();
    batch_open_ = false;
    const uint64_t seq = outcome.ok() && syncer_ ? syncer_->note_commit(wal_frames_) : 0;
    if (batch_members_ > 0) batch_results_[batch_id_] = BatchResult{std::move(outcome), batch_members_, seq};
    commit_cv_.notify_all();
  }

  static Status begin_and_run(Conn& c, const std::function<Status(Tx&)>& fn, bool writable) {
    DONGNE_TRY(c.step("BEGIN"));
    return run_in_tx(c, fn, writable);
  }

  // Runs fn inside the transaction already begun on c, then commits or rolls back. A guard rolls back if fn
  // throws (a bug), so the connection is never left inside a transaction.
  static Status run_in_tx(Conn& c, const std::function<Status(Tx&)>& fn, bool writable) {
    struct Guard {
      Conn& c;
      ~Guard() { c.abandon(); }
    } guard{c};
    SqliteTx tx(c, writable);
    Status s = fn(tx);
    if (s.ok() && tx.failure()) s = *tx.failure();
    if (!s.ok()) return s;
    return c.step("COMMIT");
  }

  static constexpr int kMaxBatch = 64;
  static constexpr auto kMaxBatchAge = std::chrono::milliseconds(10);
  static constexpr int kCheckpointPages = 4000;  // 16 MB of WAL with 4 KB pages
  struct BatchResult {
    Status status;
    int waiting = 0;  // members yet to read it
    uint64_t seq = 0;  // the commit's number at the WalSyncer
  };

  Options opts_;
  std::mutex write_mu_;
  std::unique_ptr<Conn> writer_;  // guarded by write_mu_
  // Group commit state, guarded by write_mu_ (queued_ is read without it: callers waiting to take write_mu_).
  std::atomic<int> queued_{0};
  std::condition_variable commit_cv_;
  bool batch_open_ = false;
  uint64_t batch_id_ = 0;
  int batch_members_ = 0;
  std::chrono::steady_clock::time_point batch_started_;
  std::map<uint64_t, BatchResult> batch_results_;
  int wal_frames_ = 0;                 // WAL size after the last commit (sqlite3_wal_hook), guarded by write_mu_
  std::unique_ptr<WalSyncer> syncer_;  // with group commit on a file: flushes commits, runs checkpoints
  std::mutex read_mu_;
  std::condition_variable read_cv_;
  std::vector<std::unique_ptr<Conn>> idle_readers_;  // guarded by read_mu_
};

}  // namespace

Result<std::unique_ptr<Database>> open_sqlite(const std::string& url) {
  DONGNE_ASSIGN_OR_RETURN(Options o, parse_url(url));
  auto db = std::make_unique<SqliteDatabase>(std::move(o));
  DONGNE_TRY(db->open());
  return std::unique_ptr<Database>(std::move(db));
}

}  // namespace dongne::store
