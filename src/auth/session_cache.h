// A short-lived, in-process cache of authenticated sessions (token hash -> Principal), and of the accounts behind
// them (user id -> the account as GET /me shows it, without its password hash), so a busy API client does not cost
// store reads per request. Entries live at most `ttl_ms` and never past the session's own expiry.
// This process forgets a user's entries at once on logout, password change, disable or grant change, and so does
// every other instance on the same PostgreSQL store when it hears the signal (AuthService::heard, store/signals.h;
// within milliseconds). Only while an instance's listener is reconnecting may it accept a revoked session, for at
// most ttl_ms (default 2 s); it forgets everything once it is back.
// Thread-safety: all methods are safe to call concurrently.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>

#include "core/clock.h"
#include "auth/repo.h"
#include "core/roles.h"

namespace dongne::auth {

class SessionCache {
 public:
  explicit SessionCache(EpochMs ttl_ms, size_t max_entries = 100'000) : ttl_ms_(ttl_ms), max_(max_entries) {}
  std::optional<Principal> get(const std::string& token_hash, EpochMs now) const;
  void put(const std::string& token_hash, const Principal& p, EpochMs session_expires_at, EpochMs now);
  // The account as read with a session put() in the last ttl_ms (its password hash cleared).
  std::shared_ptr<const User> user(int64_t user_id, EpochMs now) const;
  void put_user(User u, EpochMs now);
  void forget_session(int64_t session_id);
  void forget_user(int64_t user_id);
  void clear();
  bool enabled() const { return ttl_ms_ > 0; }

 private:
  struct Entry {
    Principal principal;
    EpochMs valid_until = 0;
  };
  EpochMs ttl_ms_;
  size_t max_;
  mutable std::shared_mutex mu_;
  std::unordered_map<std::string, Entry> map_;
  struct UserEntry {
    std::shared_ptr<const User> user;
    EpochMs valid_until = 0;
  };
  std::unordered_map<int64_t, UserEntry> users_;
};

}  // namespace dongne::auth
