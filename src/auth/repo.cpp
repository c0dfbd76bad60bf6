#include "auth/repo.h"

#include "store/values.h"

namespace dongne::auth {

using store::Value;

void write_grant(JsonWriter& w, const Grant& g, int64_t grant_id) {
  w.begin_object();
  if (grant_id) w.field("id", grant_id);
  w.field("role", role_name(g.role))
      .field("scope_id", g.scope_id)
      .field("scope_kind", g.scope_kind)
      .field("scope_name", g.scope_name)
      .end_object();
}

nlohmann::json to_json(const Grant& g, int64_t grant_id) {
  JsonWriter w;
  write_grant(w, g, grant_id);
  return nlohmann::json::parse(w.text());
}

// Keys in name order, as nlohmann's objects wrote them before (clients may have compared texts).
std::string user_json_text(const User& u) {
  const auto opt = [](JsonWriter& w, std::string_view key, const std::optional<std::string>& v) {
    w.key(key);
    if (v) w.string(*v);
    else w.null();
  };
  JsonWriter w;
  w.begin_object().field("created_at", format_rfc3339(u.created_at)).field("disabled", u.disabled);
  opt(w, "district_code", u.district_code);
  opt(w, "email", u.email);
  w.field("id", u.id).field("kind", u.kind).field("locale", u.locale).field("name", u.name);
  opt(w, "phone", u.phone);
  w.key("roles").begin_array();
  for (const auto& g : u.grants) write_grant(w, g, g.id);
  w.end_array().end_object();
  return w.take();
}

nlohmann::json to_json(const User& u) { return nlohmann::json::parse(user_json_text(u)); }

namespace repo {

namespace {

constexpr const char* kUserCols =
    "id, name, email, phone, locale, district_code, kind, disabled, created_at, password_hash";

User user_from(const store::Row& r) {
  User u;
  u.id = r.i64(0);
  u.name = r.str(1);
  u.email = r.opt_str(2);
  u.phone = r.opt_str(3);
  u.locale = r.str(4);
  u.district_code = r.opt_str(5);
  u.kind = r.str(6);
  u.disabled = r.i64(7) != 0;
  u.created_at = r.i64(8);
  u.password_hash = r.str(9);
  return u;
}

Result<std::optional<User>> one_user(store::Tx& tx, const std::string& where, const std::vector<Value>& params) {
  auto rows = tx.query(std::string("SELECT ") + kUserCols + " FROM users WHERE " + where, params);
  if (!rows.ok()) return rows.error();
  if (rows->empty()) return std::optional<User>();
  User u = user_from((*rows)[0]);
  auto grants = grants_of(tx, u.id);
  if (!grants.ok()) return grants.error();
  for (auto& [id, g] : *grants) u.grants.push_back(std::move(g));
  return std::optional<User>(std::move(u));
}

using store::values::opt;

}  // namespace

Result<std::optional<User>> find_user(store::Tx& tx, int64_t id) { return one_user(tx, "id = ?", {id}); }

Result<std::optional<User>> find_user_by_login(store::Tx& tx, const std::string& login) {
  return one_user(tx, "email = ? OR phone = ?", {login, login});
}

Result<int64_t> insert_user(store::Tx& tx, const User& u) {
  return tx.insert(
      "INSERT INTO users (name, email, phone, password_hash, locale, district_code, kind, disabled, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {u.name, opt(u.email), opt(u.phone), u.password_hash, u.locale, opt(u.district_code), u.kind,
       int64_t{u.disabled ? 1 : 0}, u.created_at});
}

Status set_disabled(store::Tx& tx, int64_t user_id, bool disabled) {
  return to_status(tx.exec("UPDATE users SET disabled = ? WHERE id = ?", {int64_t{disabled ? 1 : 0}, user_id}));
}

Status set_password_hash(store::Tx& tx, int64_t user_id, const std::string& hash) {
  return to_status(tx.exec("UPDATE users SET password_hash = ? WHERE id = ?", {hash, user_id}));
}

Status update_profile(store::Tx& tx, int64_t user_id, const std::string& name, const std::string& locale) {
  return to_status(tx.exec("UPDATE users SET name = ?, locale = ? WHERE id = ?", {name, locale, user_id}));
}

Result<std::vector<User>> list_users(store::Tx& tx, int64_t after_id, int limit) {
  auto rows = tx.query(std::string("SELECT ") + kUserCols + " FROM users WHERE id > ? ORDER BY id LIMIT ?",
                       {after_id, int64_t{limit}});
  if (!rows.ok()) return rows.error();
  std::vector<User> out;
  for (const auto& r : rows->rows) {
    User u = user_from(r);
    auto grants = grants_of(tx, u.id);
    if (!grants.ok()) return grants.error();
    for (auto& [id, g] : *grants) u.grants.push_back(std::move(g));
    out.push_back(std::move(u));
  }
  return out;
}

Result<std::vector<std::pair<int64_t, Grant>>> grants_of(store::Tx& tx, int64_t user_id) {
  auto rows = tx.query("SELECT id, role, scope_kind, scope_id, scope_name FROM role_grants WHERE user_id = ? ORDER BY id",
                       {user_id});
  if (!rows.ok()) return rows.error();
  std::vector<std::pair<int64_t, Grant>> out;
  for (const auto& r : rows->rows) {
    auto role = parse_role(r.str(1));
    if (!role) continue;  // a role this build does not know is ignored, never widened
    out.emplace_back(r.i64(0), Grant{*role, r.str(2), r.i64(3), r.str(4), r.i64(0)});
  }
  return out;
}

Result<int64_t> add_grant(store::Tx& tx, int64_t user_id, const Grant& g, EpochMs now) {
  return tx.insert(
      "INSERT INTO role_grants (user_id, role, scope_kind, scope_id, scope_name, created_at) VALUES (?, ?, ?, ?, ?, ?)",
      {user_id, std::string(role_name(g.role)), g.scope_kind, g.scope_id, g.scope_name, now});
}

Result<int64_t> remove_grant(store::Tx& tx, int64_t user_id, int64_t grant_id) {
  return tx.exec("DELETE FROM role_grants WHERE id = ? AND user_id = ?", {grant_id, user_id});
}

Result<int64_t> insert_session(store::Tx& tx, int64_t user_id, const std::string& token_hash, const std::string& kind,
                               EpochMs now, EpochMs expires_at, const std::string& user_agent) {
  return tx.insert(
      "INSERT INTO sessions (user_id, token_hash, kind, created_at, expires_at, revoked, user_agent) "
      "VALUES (?, ?, ?, ?, ?, 0, ?)",
      {user_id, token_hash, kind, now, expires_at, user_agent.substr(0, 200)});
}

Result<std::optional<SessionRow>> find_session(store::Tx& tx, const std::string& token_hash) {
  auto rows = tx.query("SELECT id, user_id, kind, expires_at, revoked FROM sessions WHERE token_hash = ?",
                       {token_hash});
  if (!rows.ok()) return rows.error();
  if (rows->empty()) return std::optional<SessionRow>();
  const auto& r = (*rows)[0];
  return std::optional<SessionRow>(SessionRow{r.i64(0), r.i64(1), r.str(2), r.i64(3), r.i64(4) != 0});
}

Status revoke_session(store::Tx& tx, int64_t session_id) {
  return to_status(tx.exec("UPDATE sessions SET revoked = 1 WHERE id = ?", {session_id}));
}

Status revoke_sessions_of(store::Tx& tx, int64_t user_id) {
  return to_status(tx.exec("UPDATE sessions SET revoked = 1 WHERE user_id = ?", {user_id}));
}

Result<ThrottleRow> throttle_of(store::Tx& tx, const std::string& key) {
  auto rows = tx.query("SELECT failures, last_failure, blocked_until FROM signin_throttle WHERE throttle_key = ?", {key});
  if (!rows.ok()) return rows.error();
  if (rows->empty()) return ThrottleRow{};
  const auto& r = (*rows)[0];
  return ThrottleRow{r.i64(0), r.i64(1), r.i64(2)};
}

Status put_throttle(store::Tx& tx, const std::string& key, const ThrottleRow& row) {
  return to_status(tx.exec(
      "INSERT INTO signin_throttle (throttle_key, failures, last_failure, blocked_until) VALUES (?, ?, ?, ?) "
      "ON CONFLICT (throttle_key) DO UPDATE SET failures = excluded.failures, last_failure = excluded.last_failure, "
      "blocked_until = excluded.blocked_until",
      {key, row.failures, row.last_failure, row.blocked_until}));
}

Status clear_throttle(store::Tx& tx, const std::string& key) {
  return to_status(tx.exec("DELETE FROM signin_throttle WHERE throttle_key = ?", {key}));
}

Result<int64_t> forget_throttle(store::Tx& tx, EpochMs before) {
  return tx.exec("DELETE FROM signin_throttle WHERE last_failure < ? AND blocked_until < ?", {before, before});
}

Result<std::vector<int64_t>> trusted_device_users(store::Tx& tx, const std::string& token_hash, EpochMs now) {
  auto rows = tx.query("SELECT user_id FROM trusted_devices WHERE token_hash = ? AND expires_at > ?", {token_hash, now});
  if (!rows.ok()) return rows.error();
  std::vector<int64_t> out;
  for (const auto& r : rows->rows) out.push_back(r.i64(0));
  return out;
}

Status trust_device(store::Tx& tx, const std::string& token_hash, int64_t user_id, EpochMs now, EpochMs expires_at) {
  return to_status(tx.exec("INSERT INTO trusted_devices (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?) "
                           "ON CONFLICT (token_hash, user_id) DO UPDATE SET expires_at = excluded.expires_at",
                           {token_hash, user_id, now, expires_at}));
}

std::vector<store::RetentionRule> retention_rules() {
  return {
      {"auth.sessions", "sign-in sessions, after they expire", "DELETE FROM sessions WHERE expires_at < ?", 30},
      {"auth.signin_throttle", "counts of failed sign-ins, after the last failure and any wait",
       "DELETE FROM signin_throttle WHERE last_failure < ? AND blocked_until < ?", 1},
      {"auth.trusted_devices", "browsers trusted for an account, after they expire",
       "DELETE FROM trusted_devices WHERE expires_at < ?", 0},
      // 개인정보의 안전성 확보조치 기준 §8: access records are kept at least 2 years where many people's data is held.
      {"auth.pii_access_log", "the personal-data access log, from each read", "DELETE FROM pii_access_log WHERE at < ?", 730},
  };
}

Status write_audit(store::Tx& tx, std::optional<int64_t> actor, const std::string& action, const std::string& target,
                   const nlohmann::json& detail, EpochMs now) {
  return to_status(tx.insert("INSERT INTO audit_log (actor_user_id, action, target, detail, at) VALUES (?, ?, ?, ?, ?)",
                     {actor ? Value(*actor) : Value(nullptr), action, target, detail.dump(), now}));
}

Result<std::vector<AuditEntry>> list_audit(store::Tx& tx, int64_t before_id, int limit) {
  auto rows = tx.query(
      "SELECT a.id, a.actor_user_id, COALESCE(u.name, ''), a.action, a.target, a.detail, a.at "
      "FROM audit_log a LEFT JOIN users u ON u.id = a.actor_user_id WHERE a.id < ? ORDER BY a.id DESC LIMIT ?",
      {before_id, int64_t{limit}});
  if (!rows.ok()) return rows.error();
  std::vector<AuditEntry> out;
  for (const auto& r : rows->rows)
    out.push_back(AuditEntry{r.i64(0), r.opt_i64(1), r.str(2), r.str(3), r.str(4), r.str(5), r.i64(6)});
  return out;
}

Status write_pii_access(store::Tx& tx, int64_t actor, int64_t subject, const std::string& route,
                        const std::string& reason, EpochMs now) {
  return to_status(tx.insert(
      "INSERT INTO pii_access_log (actor_user_id, subject_user_id, route, reason, at) VALUES (?, ?, ?, ?, ?)",
      {actor, subject, route, reason, now}));
}

Result<std::vector<nlohmann::json>> list_pii_access(store::Tx& tx, int64_t before_id, int limit) {
  auto rows = tx.query(
      "SELECT p.id, p.actor_user_id, COALESCE(a.name, ''), p.subject_user_id, p.route, p.reason, p.at "
      "FROM pii_access_log p LEFT JOIN users a ON a.id = p.actor_user_id WHERE p.id < ? ORDER BY p.id DESC LIMIT ?",
      {before_id, int64_t{limit}});
  if (!rows.ok()) return rows.error();
  std::vector<nlohmann::json> out;
  for (const auto& r : rows->rows) {
    out.push_back({{"id", r.i64(0)}, {"actor_user_id", r.i64(1)}, {"actor", r.str(2)},
                   {"subject_user_id", r.i64(3)}, {"route", r.str(4)}, {"reason", r.str(5)},
                   {"at", format_rfc3339(r.i64(6))}});
  }
  return out;
}

}  // namespace repo
}  // namespace dongne::auth
