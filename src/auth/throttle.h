// Sign-in throttling without lock-out (pure; no I/O). Failed sign-ins are counted under several keys, each with
// its own rule: a few failures, then a wait that doubles with every further failure up to a cap, forgotten
// once no failure has come for a while. Nothing ever locks an account: a client that has signed in to the account
// before (a trusted device, see auth/service.h) is counted on its own, so strangers' failures never slow it down;
// every other client is counted per (login, address), per address and per login.
// This follows OWASP's "Slow Down Online Guessing Attacks with Device Cookies". Thread-safety: plain values.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/clock.h"

namespace dongne::auth {

struct ThrottleRule {
  int64_t free_failures = 5;                  // the failure with this number starts the first wait
  EpochMs first_wait_ms = 30'000;             // after the first failure beyond the free ones
  EpochMs max_wait_ms = 15LL * 60 * 1000;     // the wait doubles up to this
  EpochMs forget_after_ms = 15LL * 60 * 1000; // a key with no failure for this long starts again
};

struct ThrottleRow {
  int64_t failures = 0;
  EpochMs last_failure = 0;
  EpochMs blocked_until = 0;
};

// The row after one more failure at `now`.
ThrottleRow after_failure(const ThrottleRule& rule, ThrottleRow row, EpochMs now);

// How long a client must still wait under this row (0: it may try now).
EpochMs wait_ms(const ThrottleRow& row, EpochMs now);

struct ThrottleRules {
  ThrottleRule device{5, 30'000, 15LL * 60 * 1000, 15LL * 60 * 1000};    // one trusted device, one account
  ThrottleRule pair{5, 30'000, 15LL * 60 * 1000, 15LL * 60 * 1000};      // one login from one address
  ThrottleRule address{30, 30'000, 15LL * 60 * 1000, 15LL * 60 * 1000};  // any login from one address
  ThrottleRule login{50, 30'000, 15LL * 60 * 1000, 15LL * 60 * 1000};    // one login from untrusted clients
};

// One throttle key and the rule it follows.
struct ThrottleKey {
  std::string key;
  const ThrottleRule* rule = nullptr;
};

// The keys a sign-in attempt is counted under. A trusted device (`device_hash` non-empty, trusted for this login's
// account) is counted under its own key alone; any other client under (login, address), address and login.
std::vector<ThrottleKey> throttle_keys(const ThrottleRules& rules, const std::string& login,
                                       const std::string& address, const std::string& device_hash);

}  // namespace dongne::auth
