// Backup and restore of a whole store, and a digest of every table to check that two stores hold the same rows.
// SQLite: the online backup API, a consistent copy taken while the server runs (WAL readers do not block writers).
// PostgreSQL: pg_dump --format=custom and pg_restore, Debian's client tools of the server's version, run without a
// shell. A restore goes into an empty store only, so it never mixes with or overwrites live data.
// Thread-safety: free functions; each opens its own connections.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/result.h"
#include "store/database.h"

namespace dongne::store {

// Writes a backup of the store at `db_url` to `file` (created or replaced once complete).
Status backup(const std::string& db_url, const std::string& file);

// Restores `file` (made by backup() from the same kind of store) into the store at `db_url`, which must hold no
// tables: a new SQLite file, or an empty PostgreSQL database.
Status restore(const std::string& file, const std::string& db_url);

struct TableDigest {
  std::string table;
  int64_t rows = 0;
  std::string sha256;  // of every row, in the order of all its columns, values typed and length-prefixed
};

// Every table of the store, by name.
Result<std::vector<TableDigest>> digest_tables(Database& db);

}  // namespace dongne::store
