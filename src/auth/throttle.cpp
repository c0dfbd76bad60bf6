#include "auth/throttle.h"

#include <algorithm>

namespace dongne::auth {

ThrottleRow after_failure(const ThrottleRule& rule, ThrottleRow row, EpochMs now) {
  if (now >= row.blocked_until && now - row.last_failure > rule.forget_after_ms) row = ThrottleRow{};
  row.failures += 1;
  row.last_failure = now;
  int64_t beyond = row.failures - rule.free_failures;  // 0: the failure that starts the first wait
  if (beyond >= 0) {
    EpochMs wait = rule.first_wait_ms;
    for (int64_t i = 0; i < beyond && wait < rule.max_wait_ms; ++i) wait *= 2;
    row.blocked_until = now + std::min(wait, rule.max_wait_ms);
  }
  return row;
}

EpochMs wait_ms(const ThrottleRow& row, EpochMs now) { return row.blocked_until > now ? row.blocked_until - now : 0; }

std::vector<ThrottleKey> throttle_keys(const ThrottleRules& rules, const std::string& login,
                                       const std::string& address, const std::string& device_hash) {
  if (!device_hash.empty()) return {{"device:" + device_hash, &rules.device}};
  return {{"pair:" + login + "|" + address, &rules.pair},
          {"address:" + address, &rules.address},
          {"login:" + login, &rules.login}};
}

}  // namespace dongne::auth
