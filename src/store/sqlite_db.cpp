// SQLite back end: WAL, foreign_keys=ON, busy_timeout; one writer connection and a small pool of query_only
// reader connections for read(). Each connection caches its prepared statements. Writes, by default, are group
// committed on a writer thread (sqlite_writer.h) and made durable by WalSyncer (wal_syncer.h): synchronous=NORMAL
// plus an fdatasync of the WAL before any caller hears "ok". With group_commit=0 (or no reader connections, or
// ":memory:") the writer connection sits behind a mutex and every COMMIT fsyncs (synchronous=FULL).
// URL parameters: readers=N (4), busy_timeout_ms=M (5000), group_commit=0|1 (1), checkpoint_pages=P (4000). Contract: store/database.h.
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
#include "store/sqlite_conn.h"
#include "store/sqlite_writer.h"
#include "store/wal_syncer.h"

namespace dongne::store {
namespace {

using sqlite::Conn;
using sqlite::SqliteTx;
using sqlite::sqlite_error;

struct Options {
  std::string path;
  int readers = 4;
  int busy_timeout_ms = 5000;
  bool group_commit = true;  // off with ?group_commit=0, and without reader connections (":memory:", readers=0)
  int checkpoint_pages = 4000;  // 16 MB of WAL with 4 KB pages between checkpoints
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
    } else if (k == "checkpoint_pages" && n >= 1) {
      o.checkpoint_pages = n;
    } else if (k == "group_commit" && (n == 0 || n == 1)) {
      o.group_commit = n == 1;
    } else {
      return Error::invalid("데이터베이스 주소의 설정이 올바르지 않습니다", "bad sqlite URL parameter: " + kv);
    }
  }
  if (o.path.empty()) return Error::invalid("데이터베이스 파일 경로가 없습니다", "sqlite URL without a path");
  if (o.path == ":memory:") o.readers = 0;  // a private in-memory database: reads go through the writer connection
  if (o.readers == 0) o.group_commit = false;  // ... which then stays behind the mutex
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
      DONGNE_ASSIGN_OR_RETURN(syncer_, WalSyncer::start(opts_.path, opts_.checkpoint_pages));
      group_ = std::make_unique<sqlite::GroupWriter>(std::move(writer_), syncer_.get(), this);
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
    return group_ ? group_->transact(fn) : transact_alone(fn);
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

  void begin_bulk() override {
    if (group_) group_->begin_bulk();
  }
  Status end_bulk() override { return group_ ? group_->end_bulk() : Status{}; }

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

  Options opts_;
  std::mutex write_mu_;
  std::unique_ptr<Conn> writer_;  // guarded by write_mu_; without group commit only (else group_ owns it)
  std::unique_ptr<WalSyncer> syncer_;  // with group commit: flushes commits, runs checkpoints
  std::unique_ptr<sqlite::GroupWriter> group_;  // with group commit (destroyed before syncer_)
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
