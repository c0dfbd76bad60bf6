#include "directory/directory.h"

namespace dongne::directory {

Result<std::optional<std::string>> org_kind(store::Tx& tx, int64_t id) {
  DONGNE_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT kind FROM organisations WHERE id = ?", {id}));
  if (rows.empty()) return std::optional<std::string>();
  return std::optional<std::string>(rows[0].str(0));
}

Result<std::vector<int64_t>> orgs_below(store::Tx& tx, int64_t id) {
  DONGNE_ASSIGN_OR_RETURN(auto rows, tx.query("WITH RECURSIVE below(id) AS ("
                                              "  SELECT id FROM organisations WHERE parent_id = ?"
                                              "  UNION SELECT o.id FROM organisations o JOIN below b ON o.parent_id = b.id)"
                                              " SELECT id FROM below",
                                              {id}));
  std::vector<int64_t> out;
  out.reserve(rows.size());
  for (const auto& r : rows.rows) out.push_back(r.i64(0));
  return out;
}

}  // namespace dongne::directory
