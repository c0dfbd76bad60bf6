#include "auth/service.h"

#include <algorithm>

#include <cctype>
#include <cstdlib>
#include <string_view>

#include "auth/passwords.h"
#include "auth/access_log.h"
#include "http/rate_limiter.h"
#include "store/signals.h"

namespace dongne::auth {

namespace {

Error not_found_user() { return Error::not_found("사용자를 찾을 수 없습니다", "no such user"); }

Error bad_credentials() {
  Error e = Error::unauthenticated("아이디 또는 비밀번호가 올바르지 않습니다", "wrong login or password");
  e.fields.push_back(FieldError{"password", "credentials", "아이디 또는 비밀번호가 올바르지 않습니다",
                                "wrong login or password"});
  e.reason = "bad_credentials";
  return e;
}

// Fetches a user that must exist inside a transaction.
Result<User> must_find(store::Tx& tx, int64_t id) {
  auto u = repo::find_user(tx, id);
  if (!u.ok()) return u.error();
  if (!u->has_value()) return not_found_user();
  return std::move(**u);
}

}  // namespace

std::string normalise_login(const std::string& login) {
  std::string s;
  for (char c : login)
    if (c != ' ' && c != '\t') s.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  if (s.find('@') != std::string::npos) return s;
  std::string digits;
  for (char c : s) {
    if (std::isdigit(static_cast<unsigned char>(c))) digits.push_back(c);
    else if (c != '-') return s;
  }
  return digits;
}

AuthService::AuthService(store::Database& db, const Clock& clock, AuthOptions options)
    : db_(db), clock_(clock), opt_(options), cache_(options.session_cache_ms) {
  auto h = hash_password("dongne-timing-equaliser");
  if (h.ok()) dummy_hash_ = h.value();
}

Result<User> AuthService::register_resident(const Registration& r) {
  DONGNE_TRY(check_password_strength(r.password, "password"));
  DONGNE_ASSIGN_OR_RETURN(std::string hash, hash_password(r.password));
  User u;
  u.name = r.name;
  u.email = r.email;
  u.phone = r.phone;
  u.password_hash = hash;
  u.locale = r.locale;
  u.district_code = r.district_code;
  u.kind = "resident";
  u.created_at = clock_.now_ms();
  User out;
  Status st = db_.transact([&](store::Tx& tx) -> Status {
    for (const auto& login : {r.email, r.phone}) {
      if (!login) continue;
      DONGNE_ASSIGN_OR_RETURN(auto existing, repo::find_user_by_login(tx, *login));
      if (existing) {
        Error e = Error::conflict("이미 가입된 연락처입니다", "an account with this contact already exists",
                                  "duplicate_account");
        e.fields.push_back(FieldError{r.email && *login == *r.email ? "email" : "phone", "taken",
                                      "이미 사용 중입니다", "already registered"});
        return e;
      }
    }
    DONGNE_ASSIGN_OR_RETURN(int64_t id, repo::insert_user(tx, u));
    Grant g{Role::kResident, "", 0, ""};
    DONGNE_TRY(repo::add_grant(tx, id, g, u.created_at));
    DONGNE_TRY(tx.append_event({"user.registered", "user", std::to_string(id),
                                nlohmann::json({{"district_code", r.district_code.value_or("")}}).dump(), id}));
    DONGNE_ASSIGN_OR_RETURN(out, must_find(tx, id));
    return ok_status();
  });
  if (!st.ok()) return st.error();
  return out;
}

Status AuthService::note_failure(const std::vector<ThrottleKey>& keys, EpochMs now) {
  return db_.transact([&](store::Tx& tx) -> Status {
    for (const ThrottleKey& k : keys) {
      DONGNE_ASSIGN_OR_RETURN(ThrottleRow row, repo::throttle_of(tx, k.key));
      DONGNE_TRY(repo::put_throttle(tx, k.key, after_failure(*k.rule, row, now)));
    }
    return ok_status();
  });
}

Result<LoginResult> AuthService::login(const std::string& raw_login, const std::string& password, SessionKind kind,
                                       const ClientSignals& client) {
  std::string login = normalise_login(raw_login);
  EpochMs now = clock_.now_ms();
  std::string device_hash = client.device_token.empty() ? std::string() : token_hash(client.device_token);
  std::optional<User> user;
  bool trusted = false;  // the client's device cookie is trusted for this account
  bool known = false;    // ... or for some account: it is one this server issued, kept when it trusts one more
  std::vector<ThrottleKey> keys;
  EpochMs wait = 0;
  DONGNE_TRY(db_.read([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(user, repo::find_user_by_login(tx, login));
    if (!device_hash.empty()) {
      DONGNE_ASSIGN_OR_RETURN(std::vector<int64_t> owners, repo::trusted_device_users(tx, device_hash, now));
      known = !owners.empty();
      trusted = user && std::find(owners.begin(), owners.end(), user->id) != owners.end();
    }
    keys = throttle_keys(opt_.throttle, login, client.address, trusted ? device_hash : std::string());
    for (const ThrottleKey& k : keys) {
      DONGNE_ASSIGN_OR_RETURN(ThrottleRow row, repo::throttle_of(tx, k.key));
      wait = std::max(wait, wait_ms(row, now));
    }
    return ok_status();
  }));
  if (wait > 0)
    return http::wait_error("로그인 시도가 너무 많습니다", "too many failed sign-ins", wait, "signin_throttled");
  bool ok = user ? verify_password(user->password_hash, password) : (verify_password(dummy_hash_, password), false);
  if (!ok || user->disabled) {
    DONGNE_TRY(note_failure(keys, now));
    return bad_credentials();
  }
  LoginResult out;
  out.token = new_token();
  out.expires_at = now + (kind == SessionKind::kCookie ? opt_.cookie_ttl_ms : opt_.bearer_ttl_ms);
  out.user = std::move(*user);
  out.user.password_hash.clear();
  // The device cookie, given again so that it lasts device_ttl_ms from this sign-in.
  out.device_token = known ? client.device_token : new_token();
  DONGNE_TRY(db_.transact([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(out.session_id,
                            repo::insert_session(tx, out.user.id, token_hash(out.token),
                                                 kind == SessionKind::kCookie ? "cookie" : "bearer", now,
                                                 out.expires_at, client.user_agent));
    // The owner's own typos from this client are forgiven; the address and login counts run out on their own.
    DONGNE_TRY(repo::clear_throttle(tx, keys.front().key));
    DONGNE_TRY(repo::trust_device(tx, token_hash(out.device_token), out.user.id, now, now + opt_.device_ttl_ms));
    if (out.user.kind == "staff")
      DONGNE_TRY(repo::write_audit(tx, out.user.id, "auth.login", "user:" + std::to_string(out.user.id), {}, now));
    return ok_status();
  }));
  return out;
}

Result<LoginResult> AuthService::issue_token(const Principal& p, const std::string& user_agent) {
  EpochMs now = clock_.now_ms();
  LoginResult out;
  out.token = new_token();
  out.expires_at = now + opt_.bearer_ttl_ms;
  DONGNE_TRY(db_.transact([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(out.user, must_find(tx, p.user_id));
    DONGNE_ASSIGN_OR_RETURN(out.session_id, repo::insert_session(tx, p.user_id, token_hash(out.token), "bearer",
                                                                 now, out.expires_at, user_agent));
    return ok_status();
  }));
  out.user.password_hash.clear();
  return out;
}

void AuthService::heard(const std::string& signal) {
  const size_t colon = signal.find(':');
  if (colon == std::string::npos) return;
  const int64_t id = std::strtoll(signal.c_str() + colon + 1, nullptr, 10);
  const std::string_view kind(signal.data(), colon);
  if (kind == "session") cache_.forget_session(id);
  if (kind == "user") cache_.forget_user(id);
}

void AuthService::forget_all() { cache_.clear(); }

Status AuthService::logout(const Principal& p) {
  DONGNE_TRY(db_.transact([&](store::Tx& tx) -> Status {
    DONGNE_TRY(repo::revoke_session(tx, p.session_id));
    return store::notify(tx, kSignalChannel, "session:" + std::to_string(p.session_id));
  }));
  cache_.forget_session(p.session_id);
  return ok_status();
}

Result<Principal> AuthService::authenticate(const std::string& token, bool bearer) {
  Error expired = Error::unauthenticated("로그인이 만료되었습니다. 다시 로그인해 주세요",
                                         "your session has expired; sign in again");
  expired.reason = "session_expired";
  if (token.empty() || token.size() > 128) return expired;
  EpochMs now = clock_.now_ms();
  const std::string hash = token_hash(token);
  if (auto cached = cache_.get(hash, now)) {
    cached->via_bearer = bearer;
    return std::move(*cached);
  }
  Principal p;
  User account;
  bool valid = false;
  EpochMs expires_at = 0;
  DONGNE_TRY(db_.read([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(auto s, repo::find_session(tx, hash));
    if (!s || s->revoked || s->expires_at <= now) return ok_status();
    DONGNE_ASSIGN_OR_RETURN(auto u, repo::find_user(tx, s->user_id));
    if (!u || (*u).disabled) return ok_status();
    p.user_id = u->id;
    p.name = u->name;
    p.locale = u->locale;
    p.grants = u->grants;
    account = std::move(*u);
    if (tree_.below) {
      for (auto& g : p.grants) {
        if (g.scope_id <= 0 || g.scope_kind.empty()) continue;
        DONGNE_ASSIGN_OR_RETURN(g.below, tree_.below(tx, g.scope_id));
        std::sort(g.below.begin(), g.below.end());
      }
    }
    p.session_id = s->id;
    p.via_bearer = bearer;
    expires_at = s->expires_at;
    valid = true;
    return ok_status();
  }));
  if (!valid) return expired;
  cache_.put(hash, p, expires_at, now);
  cache_.put_user(std::move(account), now);
  return p;
}

Result<User> AuthService::me(const Principal& p) {
  if (auto cached = cache_.user(p.user_id, clock_.now_ms())) return *cached;
  User out;
  DONGNE_TRY(db_.read([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(out, must_find(tx, p.user_id));
    return ok_status();
  }));
  return out;
}

Result<User> AuthService::update_me(const Principal& p, const std::optional<std::string>& name,
                                    const std::optional<std::string>& locale) {
  User out;
  DONGNE_TRY(db_.transact([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(User u, must_find(tx, p.user_id));
    DONGNE_TRY(repo::update_profile(tx, p.user_id, name.value_or(u.name), locale.value_or(u.locale)));
    DONGNE_ASSIGN_OR_RETURN(out, must_find(tx, p.user_id));
    return store::notify(tx, kSignalChannel, "user:" + std::to_string(p.user_id));
  }));
  cache_.forget_user(p.user_id);  // this instance's sessions and GET /me show the new name and language at once
  return out;
}

Status AuthService::change_password(const Principal& p, const std::string& current, const std::string& next) {
  DONGNE_TRY(check_password_strength(next, "new_password"));
  User u;
  DONGNE_TRY(db_.read([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(u, must_find(tx, p.user_id));
    return ok_status();
  }));
  if (!verify_password(u.password_hash, current))
    return Error::field("current_password", "credentials", "현재 비밀번호가 올바르지 않습니다",
                        "the current password is wrong");
  DONGNE_ASSIGN_OR_RETURN(std::string hash, hash_password(next));
  DONGNE_TRY(db_.transact([&](store::Tx& tx) -> Status {
    DONGNE_TRY(repo::set_password_hash(tx, p.user_id, hash));
    // Every other session ends: a changed password must lock out whoever else had it.
    DONGNE_TRY(tx.exec("UPDATE sessions SET revoked = 1 WHERE user_id = ? AND id <> ?", {p.user_id, p.session_id}));
    DONGNE_TRY(store::notify(tx, kSignalChannel, "user:" + std::to_string(p.user_id)));
    return repo::write_audit(tx, p.user_id, "auth.password_changed", "user:" + std::to_string(p.user_id), {},
                             clock_.now_ms());
  }));
  cache_.forget_user(p.user_id);
  return ok_status();
}

Result<std::pair<User, std::string>> AuthService::create_staff(const Principal& admin, const StaffAccount& s) {
  std::string password = s.password.value_or(random_password());
  DONGNE_TRY(check_password_strength(password, "password"));
  DONGNE_ASSIGN_OR_RETURN(std::string hash, hash_password(password));
  EpochMs now = clock_.now_ms();
  User out;
  DONGNE_TRY(db_.transact([&](store::Tx& tx) -> Status {
    for (const auto& login : {s.email, s.phone}) {
      if (!login) continue;
      DONGNE_ASSIGN_OR_RETURN(auto existing, repo::find_user_by_login(tx, *login));
      if (existing)
        return Error::conflict("이미 등록된 연락처입니다", "an account with this contact already exists",
                               "duplicate_account");
    }
    User u;
    u.name = s.name;
    u.email = s.email;
    u.phone = s.phone;
    u.password_hash = hash;
    u.kind = "staff";
    u.created_at = now;
    for (size_t i = 0; i < s.grants.size(); ++i) DONGNE_TRY(check_grant(tx, s.grants[i], "roles[" + std::to_string(i) + "]"));
    DONGNE_ASSIGN_OR_RETURN(int64_t id, repo::insert_user(tx, u));
    for (const auto& g : s.grants) DONGNE_TRY(repo::add_grant(tx, id, g, now));
    DONGNE_TRY(repo::write_audit(tx, admin.user_id, "user.created", "user:" + std::to_string(id),
                                 {{"roles", static_cast<int>(s.grants.size())}}, now));
    DONGNE_TRY(tx.append_event({"user.staff_created", "user", std::to_string(id), "{}", admin.user_id}));
    DONGNE_ASSIGN_OR_RETURN(out, must_find(tx, id));
    return ok_status();
  }));
  out.password_hash.clear();
  return std::make_pair(std::move(out), s.password ? std::string() : password);
}

Result<User> AuthService::change_user(int64_t user_id, const std::function<Status(store::Tx&, EpochMs)>& change) {
  User out;
  EpochMs now = clock_.now_ms();
  DONGNE_TRY(db_.transact([&](store::Tx& tx) -> Status {
    DONGNE_TRY(change(tx, now));
    DONGNE_ASSIGN_OR_RETURN(out, must_find(tx, user_id));
    return store::notify(tx, kSignalChannel, "user:" + std::to_string(user_id));
  }));
  cache_.forget_user(user_id);  // roles or status changed: this instance must not serve the old principal
  out.password_hash.clear();
  return out;
}

Status AuthService::check_grant(store::Tx& tx, const Grant& g, const std::string& field) const {
  const std::string at = field.empty() ? "" : field + ".";
  const auto kinds = scope_kinds_for(g.role);
  const std::string role(role_name(g.role));
  if (kinds.empty()) {
    if (!g.scope_kind.empty() || g.scope_id != 0)
      return Error::field(at + "scope_kind", "wrong_kind", role + " 역할에는 범위가 없습니다",
                          "the " + role + " role takes no scope");
    return ok_status();
  }
  if (std::find(kinds.begin(), kinds.end(), g.scope_kind) == kinds.end()) {
    std::string list;
    for (auto k : kinds) list += (list.empty() ? "" : " or ") + std::string(k);
    return Error::field(at + "scope_kind", "wrong_kind", role + " 역할의 범위는 " + list + "이어야 합니다",
                        "the " + role + " role is granted in a scope of kind " + list);
  }
  const std::string want = g.scope_kind;
  if (g.scope_id <= 0)
    return Error::field(at + "scope_id", "required", "범위(기관)를 정해 주세요", "name the organisation of the scope");
  if (!tree_.kind_of) return ok_status();
  DONGNE_ASSIGN_OR_RETURN(auto kind, tree_.kind_of(tx, g.scope_id));
  if (!kind) return Error::field(at + "scope_id", "unknown", "그런 기관이 없습니다", "no such organisation");
  if (*kind != want) {
    return Error::field(at + "scope_id", "wrong_kind", "기관의 종류가 역할과 맞지 않습니다",
                        "the organisation is a " + *kind + ", not a " + want);
  }
  return ok_status();
}

Result<User> AuthService::grant(const Principal& admin, int64_t user_id, const Grant& g) {
  return change_user(user_id, [&](store::Tx& tx, EpochMs now) -> Status {
    DONGNE_TRY(must_find(tx, user_id));
    DONGNE_TRY(check_grant(tx, g, ""));
    auto added = repo::add_grant(tx, user_id, g, now);
    if (!added.ok() && added.error().code == Code::kConflict)
      return Error::conflict("이미 부여된 역할입니다", "the user already has this role in this scope", "duplicate_grant");
    DONGNE_TRY(added);
    return repo::write_audit(tx, admin.user_id, "role.granted", "user:" + std::to_string(user_id), to_json(g), now);
  });
}

Result<User> AuthService::revoke_grant(const Principal& admin, int64_t user_id, int64_t grant_id) {
  return change_user(user_id, [&](store::Tx& tx, EpochMs now) -> Status {
    DONGNE_ASSIGN_OR_RETURN(int64_t n, repo::remove_grant(tx, user_id, grant_id));
    if (n == 0) return Error::not_found("해당 역할 부여가 없습니다", "no such grant for this user");
    return repo::write_audit(tx, admin.user_id, "role.revoked", "user:" + std::to_string(user_id),
                             {{"grant_id", grant_id}}, now);
  });
}

Result<User> AuthService::set_disabled(const Principal& admin, int64_t user_id, bool disabled) {
  if (admin.user_id == user_id && disabled)
    return Error::conflict("자기 계정은 비활성화할 수 없습니다", "you cannot disable your own account", "self");
  return change_user(user_id, [&](store::Tx& tx, EpochMs now) -> Status {
    DONGNE_TRY(must_find(tx, user_id));
    DONGNE_TRY(repo::set_disabled(tx, user_id, disabled));
    if (disabled) DONGNE_TRY(repo::revoke_sessions_of(tx, user_id));
    return repo::write_audit(tx, admin.user_id, disabled ? "user.disabled" : "user.enabled",
                             "user:" + std::to_string(user_id), {}, now);
  });
}

Result<User> AuthService::read_user(const Principal& reader, int64_t user_id, const std::string& route,
                                    const std::string& reason) {
  User out;
  EpochMs now = clock_.now_ms();
  DONGNE_TRY(db_.transact([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(out, must_find(tx, user_id));
    if (reader.user_id != user_id)
      DONGNE_TRY(log_read(tx, {reader.user_id, user_id, "account", std::to_string(user_id), route, reason, true, now}));
    return ok_status();
  }));
  out.password_hash.clear();
  return out;
}

Result<std::vector<User>> AuthService::list_users(int64_t after_id, int limit) {
  std::vector<User> out;
  DONGNE_TRY(db_.read([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(out, repo::list_users(tx, after_id, limit));
    return ok_status();
  }));
  for (auto& u : out) u.password_hash.clear();
  return out;
}

Result<std::vector<AuditEntry>> AuthService::audit(int64_t before_id, int limit) {
  std::vector<AuditEntry> out;
  DONGNE_TRY(db_.read([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(out, repo::list_audit(tx, before_id, limit));
    return ok_status();
  }));
  return out;
}

Result<std::vector<AccessEntry>> AuthService::access_log(const AccessFilter& filter) {
  std::vector<AccessEntry> out;
  DONGNE_TRY(db_.read([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(out, access_entries(tx, filter));
    return ok_status();
  }));
  return out;
}

Result<User> AuthService::ensure_account(const std::string& name, const std::string& email,
                                         const std::string& password, const std::string& kind,
                                         const std::vector<Grant>& grants,
                                         const std::optional<std::string>& district_code) {
  DONGNE_ASSIGN_OR_RETURN(std::string hash, hash_password(password));
  EpochMs now = clock_.now_ms();
  User out;
  DONGNE_TRY(db_.transact([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(auto existing, repo::find_user_by_login(tx, email));
    int64_t id;
    if (existing) {
      id = existing->id;
      DONGNE_TRY(repo::set_password_hash(tx, id, hash));
    } else {
      User u;
      u.name = name;
      u.email = email;
      u.password_hash = hash;
      u.kind = kind;
      u.district_code = district_code;
      u.created_at = now;
      DONGNE_ASSIGN_OR_RETURN(id, repo::insert_user(tx, u));
    }
    for (const auto& g : grants) DONGNE_TRY(check_grant(tx, g, "grants"));
    DONGNE_ASSIGN_OR_RETURN(auto have, repo::grants_of(tx, id));
    for (const auto& g : grants) {
      bool present = false;
      for (const auto& [gid, h] : have)
        present = present || (h.role == g.role && h.scope_kind == g.scope_kind && h.scope_id == g.scope_id);
      if (!present) DONGNE_TRY(repo::add_grant(tx, id, g, now));
    }
    DONGNE_ASSIGN_OR_RETURN(out, must_find(tx, id));
    return ok_status();
  }));
  out.password_hash.clear();
  return out;
}

}  // namespace dongne::auth
