// The store: one interface, two back ends (SQLite embedded default, PostgreSQL for scale).
// SQL is written once with `?` placeholders where the dialects agree (the PostgreSQL back end rewrites them to $n);
// where they do not, callers branch on dialect(). Every write happens inside transact(), which commits durably
// before it returns ok (SQLite: WAL + synchronous=FULL; PostgreSQL: default synchronous_commit=on).
// Thread-safety: a Database is safe to share between threads. A Tx belongs to the one call of the function given
// to transact()/read() and must not escape it.
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
  std::string payload_json;    // a JSON object
  std::optional<int64_t> actor_user_id;
};

class Tx {
 public:
  virtual ~Tx() = default;
  virtual Dialect dialect() const = 0;
  // Runs a statement and returns its rows (empty for statements without results).
  virtual Result<Rows> query(std::string_view sql, const std::vector<Value>& params = {}) = 0;
  // Runs a statement and returns the number of rows it changed.
  virtual Result<int64_t> exec(std::string_view sql, const std::vector<Value>& params = {}) = 0;
  // Runs an INSERT and returns the new row's id (the statement must not have a RETURNING clause; the back end
  // adds what it needs).
  virtual Result<int64_t> insert(std::string_view sql, const std::vector<Value>& params = {}) = 0;
  // Appends a domain event (and its outbox rows) in this transaction; returns the event id.
  Result<int64_t> append_event(const NewEvent& e);
};

struct MigrationInfo {
  std::string module;   // e.g. "core", "auth", "booking"
  int version = 0;      // the number in the file name, e.g. 1 for 0001_init.sql
  std::string name;     // the file name
};

class Database {
 public:
  virtual ~Database() = default;
  virtual Dialect dialect() const = 0;
  // Runs fn in a read-write transaction. Commits if fn returns ok, rolls back otherwise. Serialisation conflicts
  // are retried a bounded number of times; fn must therefore be safe to run again (no side effects outside tx).
  virtual Status transact(const std::function<Status(Tx&)>& fn) = 0;
  // Runs fn in a read-only transaction (parallel with other readers and with the writer).
  virtual Status read(const std::function<Status(Tx&)>& fn) = 0;
  // Applies pending migrations (each in its own transaction, recorded in schema_migrations). Idempotent.
  virtual Status migrate() = 0;
  virtual std::vector<MigrationInfo> applied_migrations() = 0;
  // True when the store answers a trivial query (for /readyz).
  virtual bool ping() = 0;
};

// Opens a store from a URL: "sqlite:PATH" (or a plain path) or "postgresql://..." / "host=... dbname=..." (libpq).
Result<std::unique_ptr<Database>> open_database(const std::string& url);

}  // namespace dongne::store
