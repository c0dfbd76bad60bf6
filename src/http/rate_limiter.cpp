#include "http/rate_limiter.h"

#include <algorithm>
#include <cmath>

namespace dongne::http {

RateLimiter::RateLimiter(double per_minute, double burst, size_t max_keys)
    : per_ms_(per_minute / 60'000.0), burst_(std::max(1.0, burst)), max_keys_(max_keys) {}

double RateLimiter::refilled(const Bucket& b, EpochMs now) const {
  return std::min(burst_, b.tokens + static_cast<double>(std::max<EpochMs>(0, now - b.at)) * per_ms_);
}

EpochMs RateLimiter::take(const std::string& key, EpochMs now) {
  if (per_ms_ <= 0) return 0;
  std::lock_guard lock(mu_);
  if (buckets_.size() >= max_keys_) {
    std::erase_if(buckets_, [&](const auto& kv) { return refilled(kv.second, now) >= burst_; });
  }
  auto [it, fresh] = buckets_.try_emplace(key, Bucket{burst_, now});
  Bucket& b = it->second;
  b.tokens = refilled(b, now);
  b.at = now;
  if (b.tokens >= 1.0) {
    b.tokens -= 1.0;
    return 0;
  }
  return static_cast<EpochMs>(std::ceil((1.0 - b.tokens) / per_ms_));
}

Error wait_error(const std::string& ko_lead, const std::string& en_lead, EpochMs wait_ms, std::string reason) {
  int64_t secs = std::max<int64_t>(1, (wait_ms + 999) / 1000);
  int64_t mins = (secs + 59) / 60;
  std::string ko = secs < 60 ? std::to_string(secs) + "초" : std::to_string(mins) + "분";
  std::string en = secs < 60 ? std::to_string(secs) + (secs == 1 ? " second" : " seconds")
                             : std::to_string(mins) + (mins == 1 ? " minute" : " minutes");
  Error e = Error::too_many(ko_lead + ". " + ko + " 후 다시 시도해 주세요", en_lead + "; try again in " + en);
  e.reason = std::move(reason);
  e.extensions.emplace_back("retry_after_s", std::to_string(secs));
  return e;
}

}  // namespace dongne::http
