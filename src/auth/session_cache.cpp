#include "auth/session_cache.h"

#include <algorithm>

namespace dongne::auth {

std::optional<Principal> SessionCache::get(const std::string& token_hash, EpochMs now) const {
  if (ttl_ms_ <= 0) return std::nullopt;
  std::shared_lock lock(mu_);
  auto it = map_.find(token_hash);
  if (it == map_.end() || it->second.valid_until <= now) return std::nullopt;
  return it->second.principal;
}

void SessionCache::put(const std::string& token_hash, const Principal& p, EpochMs session_expires_at, EpochMs now) {
  if (ttl_ms_ <= 0) return;
  std::unique_lock lock(mu_);
  if (map_.size() >= max_) map_.clear();  // crude but bounded: a cold cache only costs store reads
  map_[token_hash] = Entry{p, std::min(now + ttl_ms_, session_expires_at)};
}

std::shared_ptr<const User> SessionCache::user(int64_t user_id, EpochMs now) const {
  if (ttl_ms_ <= 0) return nullptr;
  std::shared_lock lock(mu_);
  auto it = users_.find(user_id);
  if (it == users_.end() || it->second.valid_until <= now) return nullptr;
  return it->second.user;
}

void SessionCache::put_user(User u, EpochMs now) {
  if (ttl_ms_ <= 0) return;
  u.password_hash.clear();
  const int64_t id = u.id;
  auto shared = std::make_shared<const User>(std::move(u));
  std::unique_lock lock(mu_);
  if (users_.size() >= max_) users_.clear();
  users_[id] = UserEntry{std::move(shared), now + ttl_ms_};
}

void SessionCache::forget_session(int64_t session_id) {
  std::unique_lock lock(mu_);
  std::erase_if(map_, [&](const auto& kv) { return kv.second.principal.session_id == session_id; });
}

void SessionCache::clear() {
  std::unique_lock lock(mu_);
  map_.clear();
  users_.clear();
}

void SessionCache::forget_user(int64_t user_id) {
  std::unique_lock lock(mu_);
  std::erase_if(map_, [&](const auto& kv) { return kv.second.principal.user_id == user_id; });
  users_.erase(user_id);
}

}  // namespace dongne::auth
