// SQL for accounts, grants, sessions, throttling, and the audit and personal-data access logs. Every function
// runs inside the caller's transaction; no business rules here (service.h has them).
// Thread-safety: stateless functions over a Tx that belongs to one thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "auth/throttle.h"
#include "core/clock.h"
#include "core/json_writer.h"
#include "core/result.h"
#include "core/roles.h"
#include "store/database.h"
#include "store/retention.h"

namespace dongne::auth {

struct User {
  int64_t id = 0;
  std::string name;
  std::optional<std::string> email;
  std::optional<std::string> phone;
  std::string locale = "ko";
  std::optional<std::string> district_code;
  std::string kind = "resident";  // resident | staff
  bool disabled = false;
  EpochMs created_at = 0;
  std::vector<Grant> grants;
  std::string password_hash;  // never serialised
};

nlohmann::json to_json(const User& u);
std::string user_json_text(const User& u);  // the same, serialised (one definition: to_json parses it)
nlohmann::json to_json(const Grant& g, int64_t grant_id = 0);
void write_grant(JsonWriter& w, const Grant& g, int64_t grant_id = 0);

struct SessionRow {
  int64_t id = 0;
  int64_t user_id = 0;
  std::string kind;  // cookie | bearer
  EpochMs expires_at = 0;
  bool revoked = false;
};

struct AuditEntry {
  int64_t id = 0;
  std::optional<int64_t> actor_user_id;
  std::string actor_name;
  std::string action;
  std::string target;
  std::string detail_json;
  EpochMs at = 0;
};

namespace repo {

Result<std::optional<User>> find_user(store::Tx& tx, int64_t id);
// By email (lower-case) or phone (digits only).
Result<std::optional<User>> find_user_by_login(store::Tx& tx, const std::string& login);
Result<int64_t> insert_user(store::Tx& tx, const User& u);
Status set_disabled(store::Tx& tx, int64_t user_id, bool disabled);
Status set_password_hash(store::Tx& tx, int64_t user_id, const std::string& hash);
Status update_profile(store::Tx& tx, int64_t user_id, const std::string& name, const std::string& locale);
// Users ordered by id, after `after_id`, at most `limit`.
Result<std::vector<User>> list_users(store::Tx& tx, int64_t after_id, int limit);

Result<std::vector<std::pair<int64_t, Grant>>> grants_of(store::Tx& tx, int64_t user_id);
Result<int64_t> add_grant(store::Tx& tx, int64_t user_id, const Grant& g, EpochMs now);
Result<int64_t> remove_grant(store::Tx& tx, int64_t user_id, int64_t grant_id);

Result<int64_t> insert_session(store::Tx& tx, int64_t user_id, const std::string& token_hash, const std::string& kind,
                               EpochMs now, EpochMs expires_at, const std::string& user_agent);
Result<std::optional<SessionRow>> find_session(store::Tx& tx, const std::string& token_hash);
Status revoke_session(store::Tx& tx, int64_t session_id);
Status revoke_sessions_of(store::Tx& tx, int64_t user_id);

Result<ThrottleRow> throttle_of(store::Tx& tx, const std::string& key);
Status put_throttle(store::Tx& tx, const std::string& key, const ThrottleRow& row);
Status clear_throttle(store::Tx& tx, const std::string& key);
// Rows whose last failure is older than `before` (the purge; nothing is waiting on them any more).
Result<int64_t> forget_throttle(store::Tx& tx, EpochMs before);

// The accounts a device cookie (its hash) is trusted for, unexpired.
Result<std::vector<int64_t>> trusted_device_users(store::Tx& tx, const std::string& token_hash, EpochMs now);
Status trust_device(store::Tx& tx, const std::string& token_hash, int64_t user_id, EpochMs now, EpochMs expires_at);

// What accounts keep and for how long (store/retention.h).
std::vector<store::RetentionRule> retention_rules();

Status write_audit(store::Tx& tx, std::optional<int64_t> actor, const std::string& action, const std::string& target,
                   const nlohmann::json& detail, EpochMs now);
Result<std::vector<AuditEntry>> list_audit(store::Tx& tx, int64_t before_id, int limit);
Status write_pii_access(store::Tx& tx, int64_t actor, int64_t subject, const std::string& route,
                        const std::string& reason, EpochMs now);
Result<std::vector<nlohmann::json>> list_pii_access(store::Tx& tx, int64_t before_id, int limit);

}  // namespace repo
}  // namespace dongne::auth
