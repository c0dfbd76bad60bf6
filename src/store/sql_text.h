// Pure SQL-text helpers shared by the back ends and the migration runner: no I/O, no state, unit-tested in
// sql_text_test.cpp. They understand just enough SQL lexing to leave string literals, quoted identifiers,
// comments and PostgreSQL dollar-quoted bodies alone.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "store/database.h"

namespace dongne::store::sql {

struct Rewritten {
  std::string text;
  int placeholders = 0;
};

// `?` -> `$1..$n` outside literals, quoted identifiers and comments (PostgreSQL).
Rewritten rewrite_placeholders(std::string_view sql);

// Removes row-locking clauses (`FOR UPDATE|NO KEY UPDATE|SHARE|KEY SHARE [OF t, ...] [NOWAIT|SKIP LOCKED]`)
// outside literals (SQLite, whose single writer makes them unnecessary and which cannot parse them).
std::string strip_row_locks(std::string_view sql);

// Expands the migration macros documented in store/migrations.h for the dialect. Unknown macros are an error.
Result<std::string> expand_macros(std::string_view sql, Dialect dialect);

// Tables a script creates (CREATE TABLE/VIEW) and tables it mentions (REFERENCES t, ON t, ALTER TABLE t,
// INSERT INTO t, FROM t, JOIN t, UPDATE t), lower-cased, schema prefix dropped. Used to order migrations.
struct TableRefs {
  std::vector<std::string> creates;
  std::vector<std::string> uses;
};
TableRefs table_refs(std::string_view sql);

// Removes a `pool=N` setting from a libpq keyword string or a `pool=N` query parameter from a postgres URL.
struct PgTarget {
  std::string conninfo;        // what libpq gets
  std::optional<int> pool;     // the pool size asked for, if any
};
Result<PgTarget> split_pool_param(std::string_view url);

// Whether two words follow each other in the SQL's code (case-insensitive; literals and comments skipped),
// e.g. ("ON", "CONFLICT").
bool has_word_pair(std::string_view sql, std::string_view first, std::string_view second);

// Strips trailing whitespace and semicolons (so a RETURNING clause can be appended).
std::string_view trim_statement_end(std::string_view sql);

// True if sql has anything but whitespace, comments and semicolons at or after `from`.
bool has_more_statements(std::string_view sql, size_t from);

}  // namespace dongne::store::sql
