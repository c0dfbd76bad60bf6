// The client's address as the application sees it (sign-in throttling, rate limits, the access log): the peer,
// unless the peer is a trusted proxy (the load balancer in front of the instances, DONGNE_TRUSTED_PROXIES); then
// the nearest address in X-Forwarded-For that is not itself a trusted proxy. Entries a client wrote itself sit to
// the left of what the proxies appended, so they are never believed. Pure; thread-safety: plain values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace dongne::http {

// One trusted proxy: an exact address ("10.0.0.5", "::1") or an IPv4 network ("10.0.0.0/8").
class TrustedProxies {
 public:
  // Comma-separated entries; an invalid one is a configuration error naming it.
  static Result<TrustedProxies> parse(std::string_view list);
  bool empty() const { return exact_.empty() && nets_.empty(); }
  bool trusts(std::string_view address) const;

 private:
  std::vector<std::string> exact_;
  std::vector<std::pair<uint32_t, uint32_t>> nets_;  // (network, mask)
};

std::string client_address(const std::string& peer, std::string_view forwarded_for, const TrustedProxies& trusted);

}  // namespace dongne::http
