// Who owns a record of each kind (core/roles.h Owner), so that the pipeline can decide, in one place, whether a
// scoped caller may act on it (http/router.h Scope). Each pillar registers one SQL query per record kind it serves:
// the record's id is its parameter (a query may unite several SELECTs, each naming it once), and it returns rows of
// (organisation id, user id, the role that user acts in), NULL where a row names no organisation or no person -
// written CAST(NULL AS BIGINT) and CAST(NULL AS TEXT), as PostgreSQL types a UNION's columns from its branches. No
// row means no such record. Thread-safety: fill before serving; find() is then read-only and may run concurrently.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "core/roles.h"
#include "store/database.h"

namespace dongne::store {

struct OwnerQuery {
  std::string kind;  // e.g. "jobs.case"
  std::string sql;   // e.g. "SELECT centre_id, CAST(NULL AS BIGINT), CAST(NULL AS TEXT) FROM jobs_cases WHERE id = ?"
};

class Owners {
 public:
  // Aborts at start-up on a kind registered twice (a programmer error).
  void add(const std::vector<OwnerQuery>& queries);
  bool knows(const std::string& kind) const { return sql_.count(kind) > 0; }
  // The owner of record `id` of `kind`, or nullopt when there is no such record. An unknown kind is an internal error.
  Result<std::optional<Owner>> find(Database& db, const std::string& kind, int64_t id) const;

 private:
  std::map<std::string, std::string> sql_;
};

}  // namespace dongne::store
