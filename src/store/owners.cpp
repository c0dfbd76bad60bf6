#include "store/owners.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>

namespace dongne::store {

void Owners::add(const std::vector<OwnerQuery>& queries) {
  for (const auto& q : queries) {
    if (!sql_.emplace(q.kind, q.sql).second) {
      std::fprintf(stderr, "record kind registered twice: %s\n", q.kind.c_str());
      std::abort();
    }
  }
}

Result<std::optional<Owner>> Owners::find(Database& db, const std::string& kind, int64_t id) const {
  auto it = sql_.find(kind);
  if (it == sql_.end()) return Error::internal("no owner query for record kind " + kind);
  std::optional<Owner> out;
  DONGNE_TRY(db.read([&](Tx& tx) -> Status {
    // A query that unites several SELECTs names the id once in each.
    const auto marks = static_cast<size_t>(std::count(it->second.begin(), it->second.end(), '?'));
    DONGNE_ASSIGN_OR_RETURN(auto rows, tx.query(it->second, std::vector<Value>(marks, Value{id})));
    if (rows.empty()) return ok_status();
    Owner o;
    for (const auto& r : rows.rows) {
      if (!r.is_null(0) && r.i64(0) > 0) o.orgs.push_back(r.i64(0));
      auto role = r.is_null(2) ? std::nullopt : parse_role(r.str(2));
      if (!r.is_null(1) && r.i64(1) > 0 && role) o.people.push_back({r.i64(1), *role});
    }
    out = std::move(o);
    return ok_status();
  }));
  return out;
}

}  // namespace dongne::store
