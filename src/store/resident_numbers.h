// Resident registration numbers stored before every field refused them (issue 25): once per database, every text
// column of every table is read, and each value holding one is rewritten with the number's digits masked
// (core/privacy.h mask_rrns). Runs at start-up after the schema migrations and is recorded in schema_migrations as
// privacy/0001, so it runs once per database; an instance that finds it recorded does nothing. Left alone: the
// append-only event log (ids only, and it refuses updates), the migration ledger, and columns that hold hashes,
// tokens, seeds or file contents (a masked digit there would break them, and they hold nothing typed).
// Thread-safety: call before serving.
#pragma once

#include <string>
#include <vector>

#include "core/result.h"
#include "store/database.h"

namespace dongne::store {

struct MaskReport {
  bool ran = false;                  // false when an earlier start already did it
  int64_t values = 0;                // distinct values rewritten
  std::vector<std::string> columns;  // "table.column" where numbers were found
};

Result<MaskReport> mask_stored_resident_numbers(Database& db, int64_t now_ms);

}  // namespace dongne::store
