#include "directory/directory.h"

namespace dongne::directory {

Result<std::optional<std::string>> org_kind(store::Tx& tx, int64_t id) {
  DONGNE_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT kind FROM organisations WHERE id = ? AND retired_at IS NULL", {id}));
  if (rows.empty()) return std::optional<std::string>();
  return std::optional<std::string>(rows[0].str(0));
}

Result<std::optional<std::pair<std::string, std::string>>> count_open(store::Tx& tx, const std::string& sql, int64_t org,
                                                                       const std::string& ko, const std::string& en) {
  using Out = std::optional<std::pair<std::string, std::string>>;
  DONGNE_ASSIGN_OR_RETURN(auto rows, tx.query(sql, {org}));
  const int64_t n = rows.empty() ? 0 : rows[0].i64(0);
  if (n == 0) return Out();
  return Out(std::make_pair(ko + " " + std::to_string(n) + "건", std::to_string(n) + " " + en));
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
