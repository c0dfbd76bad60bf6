// A token bucket per key (an account, an address): `burst` requests at once, then `per_minute` a minute. In memory,
// per instance: with N instances behind a balancer a client gets at most N times the rate, as with nginx's
// limit_req. Buckets that have refilled are dropped when the map grows past `max_keys`, so memory stays bounded.
// Thread-safety: take() may be called concurrently.
#pragma once

#include <cstddef>
#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

#include "core/clock.h"
#include "core/result.h"

namespace dongne::http {

class RateLimiter {
 public:
  // per_minute <= 0: no limit.
  RateLimiter(double per_minute, double burst, size_t max_keys = 100'000);
  // Takes one token for `key`: 0 when allowed, else the milliseconds until a token is there.
  EpochMs take(const std::string& key, EpochMs now);
  bool enabled() const { return per_ms_ > 0; }

 private:
  struct Bucket {
    double tokens = 0;
    EpochMs at = 0;
  };
  double refilled(const Bucket& b, EpochMs now) const;
  double per_ms_;
  double burst_;
  size_t max_keys_;
  std::mutex mu_;
  std::unordered_map<std::string, Bucket> buckets_;
};

// A 429 for a client that must wait: "<ko_lead>. 30초 후 다시 시도해 주세요" / "<en_lead>; try again in 30 seconds"
// (minutes from a minute on), with the wait in whole seconds as retry_after_s (the body and Retry-After).
Error wait_error(const std::string& ko_lead, const std::string& en_lead, EpochMs wait_ms, std::string reason);

}  // namespace dongne::http
