// Accounts and access: resident registration, staff accounts made by admins, login with throttling, sessions
// (HttpOnly cookies for the web, bearer tokens for API clients), logout, expiry, role grants with scopes, and the
// audit and personal-data access logs. Argon2id hashing runs outside store transactions so a slow hash never
// holds the writer. Thread-safety: safe to share; all state is in the store.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "auth/access_log.h"
#include "auth/repo.h"
#include "auth/session_cache.h"
#include "auth/throttle.h"
#include "core/clock.h"
#include "core/result.h"
#include "core/roles.h"
#include "store/database.h"

namespace dongne::auth {

struct AuthOptions {
  EpochMs cookie_ttl_ms = 12LL * 3600 * 1000;         // web sessions
  EpochMs bearer_ttl_ms = 30LL * 24 * 3600 * 1000;    // API tokens
  ThrottleRules throttle;                             // failed sign-ins (throttle.h); nothing locks an account
  EpochMs device_ttl_ms = 180LL * 24 * 3600 * 1000;   // how long a device stays trusted after a sign-in
  EpochMs session_cache_ms = 2000;                    // see session_cache.h; 0 turns the cache off
};

struct Registration {
  std::string name;
  std::optional<std::string> email;
  std::optional<std::string> phone;
  std::string password;
  std::optional<std::string> district_code;
  std::string locale = "ko";
};

struct StaffAccount {
  std::string name;
  std::optional<std::string> email;
  std::optional<std::string> phone;
  std::optional<std::string> password;  // generated when absent
  std::vector<Grant> grants;
};

// What a sign-in attempt carries besides the login and the password.
struct ClientSignals {
  std::string address;       // the client's address (http::Request::client)
  std::string device_token;  // the device cookie a previous sign-in in this browser left, if any
  std::string user_agent;
};

struct LoginResult {
  std::string token;  // shown once; only its hash is stored
  std::string device_token;  // the device cookie to give the client: the one it sent, if this server issued it, or new
  int64_t session_id = 0;
  EpochMs expires_at = 0;
  User user;
};

enum class SessionKind { kCookie, kBearer };

// What accounts need of the organisation tree, which lives in the directory room (the app wires it): the kind of
// an organisation (nullopt when there is none, or it is retired), and the ids of every organisation below one.
// Grants are checked against it, and an authenticated principal's grants carry what they cover.
struct OrgTreeView {
  std::function<Result<std::optional<std::string>>(store::Tx&, int64_t)> kind_of;
  std::function<Result<std::vector<int64_t>>(store::Tx&, int64_t)> below;
};

class AuthService {
 public:
  AuthService(store::Database& db, const Clock& clock, AuthOptions options = {});
  // Before serving (not thread-safe). Without it (unit tests) grants are not checked against the tree and cover
  // their scope alone.
  void set_org_tree(OrgTreeView tree) { tree_ = std::move(tree); }

  Result<User> register_resident(const Registration& r);
  // Failed attempts are throttled (throttle.h) and answered 429 with the wait while it lasts; a success trusts
  // the client's device for this account, so that strangers' failures never slow its owner down.
  Result<LoginResult> login(const std::string& login, const std::string& password, SessionKind kind,
                            const ClientSignals& client);
  // A new bearer token for an already signed-in principal.
  Result<LoginResult> issue_token(const Principal& p, const std::string& user_agent);
  Status logout(const Principal& p);
  // The principal behind a token: unauthenticated when unknown, revoked, expired or the user is disabled.
  Result<Principal> authenticate(const std::string& token, bool bearer);

  // The signed-in account, without its password hash: from the session cache when its session was checked in the
  // last session_cache_ms (as stale as the principal itself may be), else from the store.
  Result<User> me(const Principal& p);
  Result<User> update_me(const Principal& p, const std::optional<std::string>& name,
                         const std::optional<std::string>& locale);
  Status change_password(const Principal& p, const std::string& current, const std::string& next);

  // Admin work; each is audited.
  Result<std::pair<User, std::string>> create_staff(const Principal& admin, const StaffAccount& s);
  Result<User> grant(const Principal& admin, int64_t user_id, const Grant& g);
  Result<User> revoke_grant(const Principal& admin, int64_t user_id, int64_t grant_id);
  Result<User> set_disabled(const Principal& admin, int64_t user_id, bool disabled);
  // Reading another person's record: written to the personal-data access log with the reason.
  Result<User> read_user(const Principal& reader, int64_t user_id, const std::string& route, const std::string& reason);
  Result<std::vector<User>> list_users(int64_t after_id, int limit);
  Result<std::vector<AuditEntry>> audit(int64_t before_id, int limit);
  // The access log (access_log.h), newest first.
  Result<std::vector<AccessEntry>> access_log(const AccessFilter& filter);

  // Signals from the other instances on the store (store/signals.h, channel kSignalChannel): "session:ID" when a
  // session ends, "user:ID" when a user's roles, status, password or profile change. This instance forgets what
  // it cached of them at once, so a revocation anywhere takes effect everywhere. forget_all() after missed signals.
  static constexpr const char* kSignalChannel = "dongne_auth";
  void heard(const std::string& signal);
  void forget_all();

  // Creates or updates an account with a fixed password and grants (demo seeding); idempotent.
  Result<User> ensure_account(const std::string& name, const std::string& email, const std::string& password,
                              const std::string& kind, const std::vector<Grant>& grants,
                              const std::optional<std::string>& district_code);

 private:
  Status note_failure(const std::vector<ThrottleKey>& keys, EpochMs now);
  // A grant names a scope of the kind its role takes, and that organisation exists (422 naming `field`).
  Status check_grant(store::Tx& tx, const Grant& g, const std::string& field) const;
  // Runs an admin change to one user in a transaction, returns the user as it now is, forgets cached sessions.
  Result<User> change_user(int64_t user_id, const std::function<Status(store::Tx&, EpochMs)>& change);
  store::Database& db_;
  const Clock& clock_;
  AuthOptions opt_;
  std::string dummy_hash_;
  SessionCache cache_;  // verified against when the login is unknown, so timing does not reveal accounts
  OrgTreeView tree_;
};

// Normalises a login: lower-case email, or the digits of a phone number.
std::string normalise_login(const std::string& login);

}  // namespace dongne::auth
