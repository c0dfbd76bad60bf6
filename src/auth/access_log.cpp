#include "auth/access_log.h"

namespace dongne::auth {

Status log_read(store::Tx& tx, const AccessRead& r) {
  return to_status(tx.exec("INSERT INTO pii_access_log (actor_user_id, subject_user_id, route, reason, at, subject_kind, "
                           "record_id, allowed) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                           {r.reader, r.subject_user, r.route, r.reason, r.at, r.kind, r.record,
                            int64_t{r.allowed ? 1 : 0}}));
}

Result<std::vector<AccessEntry>> access_entries(store::Tx& tx, const AccessFilter& f) {
  std::string sql =
      "SELECT p.id, p.actor_user_id, COALESCE(a.name, ''), p.subject_user_id, p.subject_kind, p.record_id, p.route, "
      "p.reason, p.allowed, p.at FROM pii_access_log p LEFT JOIN users a ON a.id = p.actor_user_id WHERE p.id < ?";
  std::vector<store::Value> args = {f.before_id};
  if (f.subject_user) sql += " AND p.subject_user_id = ?", args.emplace_back(*f.subject_user);
  if (f.reader) sql += " AND p.actor_user_id = ?", args.emplace_back(*f.reader);
  if (f.kind) sql += " AND p.subject_kind = ?", args.emplace_back(*f.kind);
  if (f.from) sql += " AND p.at >= ?", args.emplace_back(*f.from);
  if (f.to) sql += " AND p.at < ?", args.emplace_back(*f.to);
  sql += " ORDER BY p.id DESC LIMIT ?";
  args.emplace_back(int64_t{f.limit});
  DONGNE_ASSIGN_OR_RETURN(auto rows, tx.query(sql, args));
  std::vector<AccessEntry> out;
  out.reserve(rows.size());
  for (const auto& r : rows.rows) {
    AccessEntry e;
    e.id = r.i64(0);
    e.read = {r.i64(1), r.i64(3), r.str(4), r.str(5), r.str(6), r.str(7), r.i64(8) != 0, r.i64(9)};
    e.reader_name = r.str(2);
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace dongne::auth
