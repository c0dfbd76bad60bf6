// The store: one interface, two back ends (SQLite embedded default, PostgreSQL for scale).
// SQL is written once with `?` placeholders where the dialects agree (the PostgreSQL back end rewrites them to $n);
// where they do not, callers branch on dialect(). Every write happens inside transact(), which commits durably
// before it returns ok (SQLite: WAL + synchronous=FULL; PostgreSQL: default synchronous_commit=on).
// Thread-safety: a Database is safe to share between threads. A Tx belongs to the one call of the function given
// to transact()/read() and must not escape it. Nothing here throws; failures are Result values:
//   UNIQUE/PRIMARY KEY -> kConflict "unique_violation"; FOREIGN KEY -> kConflict "foreign_key_violation";
//   CHECK -> kConflict "check_violation"; append-only table touched -> kConflict "restrict_violation";
//   a value the column cannot hold (PostgreSQL class 22, SQLite MISMATCH/TOOBIG) -> kInvalid "data_exception";
//   busy/down/serialisation failure after retries -> kUnavailable; anything else -> kInternal.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/result.h"

namespace dongne::store {

enum class Dialect { kSqlite, kPostgres };

// Error.reason values that make transact() run the function again (bounded). The back ends set them for
// PostgreSQL 40001/40P01; a caller may also return an Error with one of these reasons to ask for a retry.
inline constexpr std::string_view kSerializationFailure = "serialization_failure";
inline constexpr std::string_view kDeadlock = "deadlock";

// A bound parameter or a column value. Booleans are stored as integers 0/1; timestamps as RFC 3339 text or
// integer epoch milliseconds (the schema decides); money as int64 won.
using Value = std::variant<std::nullptr_t, int64_t, double, std::string>;

struct Row {
  std::vector<Value> values;
  bool is_null(size_t i) const { return std::holds_alternative<std::nullptr_t>(values.at(i)); }
  int64_t i64(size_t i) const;           // integer column (text digits are parsed; null -> 0)
  double f64(size_t i) const;            // real column
  std::string str(size_t i) const;       // text column (numbers are formatted; null -> "")
  std::optional<std::string> opt_str(size_t i) const;
  std::optional<int64_t> opt_i64(size_t i) const;
};

struct Rows {
  std::vector<std::string> columns;
  std::vector<Row> rows;
  bool empty() const { return rows.empty(); }
  size_t size() const { return rows.size(); }
  const Row& operator[](size_t i) const { return rows[i]; }
};

// An event appended in the same transaction as the change it records (DESIGN.md: events/outbox).
struct NewEvent {
  std::string type;            // e.g. "user.registered", "booking.confirmed"
  std::string aggregate;       // e.g. "user", "booking"
  std::string aggregate_id;
  std::string payload_json;    // a JSON object ("" is stored as "{}"); keep personal data out of it (ids only)
  std::optional<int64_t> actor_user_id;
  std::optional<int64_t> occurred_at_ms;  // epoch milliseconds; default: the wall clock at append time
};

// One statement per query()/exec()/insert() call. The first failing statement fails the whole transaction (as
// PostgreSQL does): later calls return the same error and transact() rolls back. Use INSERT ... ON CONFLICT for
// upserts. `SELECT ... FOR UPDATE [SKIP LOCKED]` may be written once: SQLite drops the clause (its single writer
// already serialises). Do not use the PostgreSQL jsonb operators `?`, `?|`, `?&` (use jsonb_exists...).
class Tx {
 public:
  virtual ~Tx() = default;
  virtual Dialect dialect() const = 0;
  // Runs a statement and returns its rows (empty for statements without results).
  virtual Result<Rows> query(std::string_view sql, const std::vector<Value>& params = {}) = 0;
  // Runs a statement and returns the number of rows it changed.
  virtual Result<int64_t> exec(std::string_view sql, const std::vector<Value>& params = {}) = 0;
  // Runs an INSERT and returns the new row's id (the statement must not have a RETURNING clause; the back end
  // adds what it needs; the table needs an integer `id` column). Returns 0 when no row was inserted (e.g.
  // ON CONFLICT DO NOTHING).
  virtual Result<int64_t> insert(std::string_view sql, const std::vector<Value>& params = {}) = 0;
  // Runs several `;`-separated statements without parameters (schema changes, migrations).
  virtual Status exec_script(std::string_view sql) = 0;
  // Appends a domain event (and its outbox row) in this transaction; returns the event id.
  Result<int64_t> append_event(const NewEvent& e);
};

struct MigrationInfo {
  std::string module;   // e.g. "store", "auth", "booking"
  int version = 0;      // the number in the file name, e.g. 1 for 0001_init.sql
  std::string name;     // the file name without dialect suffix, e.g. "0001_init"
};

// kSerializable is the default: SQLite's single writer always is; PostgreSQL runs SERIALIZABLE with retries.
// kReadCommitted (PostgreSQL only; SQLite ignores it) suits work that takes explicit row locks, such as
// `FOR UPDATE SKIP LOCKED` queues, where serialisation failures would only cost retries.
enum class Isolation { kSerializable, kReadCommitted };

// Write transactions since start: committed, and run again after a serialization failure or a deadlock
// (PostgreSQL; SQLite's single writer never conflicts). Exported on /metrics.
struct TxCounts {
  uint64_t committed = 0;
  uint64_t retried = 0;
};

class Database {
 public:
  virtual ~Database() = default;
  virtual Dialect dialect() const = 0;
  // Runs fn in a read-write transaction. Commits if fn returns ok, rolls back otherwise. Serialisation conflicts
  // are retried a bounded number of times; fn must therefore be safe to run again (no side effects outside tx).
  // Returns ok only once the commit is durable. Calling transact() again from inside fn is an error (kInternal).
  // SQLite runs concurrent callers one after another on one connection and commits them in batches (group
  // commit): a caller still sees only its own success or failure. (Exception: DEFERRABLE INITIALLY DEFERRED
  // constraints are checked at the batch's COMMIT, so one violation fails the whole batch; do not use them.)
  Status transact(const std::function<Status(Tx&)>& fn) { return transact(fn, Isolation::kSerializable); }
  virtual Status transact(const std::function<Status(Tx&)>& fn, Isolation isolation) = 0;
  // Runs fn in a read-only transaction on one snapshot (parallel with other readers and with the writer).
  virtual Status read(const std::function<Status(Tx&)>& fn) = 0;
  // Applies pending migrations (each in its own transaction, recorded in schema_migrations). Idempotent.
  virtual Status migrate() = 0;
  virtual std::vector<MigrationInfo> applied_migrations() = 0;
  // True when the store answers a trivial query (for /readyz).
  virtual bool ping() = 0;

  // Bulk loading (the demo city, imports): between begin_bulk() and end_bulk(), transact() returns once its
  // commit is written, so it survives a killed process, without waiting for the flush to disk; end_bulk() waits
  // for one flush that covers them all. Only for loads nobody is told about before end_bulk() returns. A store
  // without a cheaper path keeps flushing every commit (the default).
  virtual TxCounts counts() const { return {}; }

  virtual void begin_bulk() {}
  virtual Status end_bulk() { return {}; }
};

// A bulk load for the lifetime of a scope; finish() ends it and reports the final flush (the destructor ends
// it too, ignoring the result, when the load failed part way).
class BulkLoad {
 public:
  explicit BulkLoad(Database& db) : db_(&db) { db.begin_bulk(); }
  ~BulkLoad() {
    if (db_) (void)db_->end_bulk();
  }
  BulkLoad(const BulkLoad&) = delete;
  BulkLoad& operator=(const BulkLoad&) = delete;
  Status finish() {
    Database* db = db_;
    db_ = nullptr;
    return db ? db->end_bulk() : Status{};
  }

 private:
  Database* db_;
};

// Opens a store from a URL:
//   "sqlite:PATH" or a plain PATH (parent folders are created; "sqlite::memory:" for a private in-memory store),
//     optional "?readers=N&busy_timeout_ms=M";
//   "postgresql://user@host:port/db?pool=N", "postgres://...", or a libpq keyword string "host=... dbname=...
//     pool=N" (pool size default 8; `pool` is removed before the string reaches libpq).
Result<std::unique_ptr<Database>> open_database(const std::string& url);

}  // namespace dongne::store
