// Internal to the SQLite back end (sqlite_db.cpp, sqlite_writer.cpp): one connection with its statement cache,
// the Tx over it, and the mapping of SQLite result codes to Errors (contract: store/database.h).
// Thread-safety: a SqliteConn is used by one thread at a time (its owner holds a lock, a lease, or is the writer
// thread).
#pragma once

#include <sqlite3.h>

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "store/database.h"
#include "store/sql_text.h"

namespace dongne::store::sqlite {

inline constexpr size_t kStatementCacheLimit = 256;

inline Error sqlite_error(sqlite3* db, int rc, std::string_view what) {
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

}  // namespace dongne::store::sqlite
