#include "http/client_address.h"

#include <arpa/inet.h>

#include <cstdint>
#include <cstdlib>

namespace dongne::http {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::optional<uint32_t> ipv4(std::string_view s) {
  std::string z(s);
  in_addr a{};
  if (inet_pton(AF_INET, z.c_str(), &a) != 1) return std::nullopt;
  return ntohl(a.s_addr);
}

bool is_ip(std::string_view s) {
  std::string z(s);
  in6_addr a6{};
  return ipv4(s).has_value() || inet_pton(AF_INET6, z.c_str(), &a6) == 1;
}

}  // namespace

Result<TrustedProxies> TrustedProxies::parse(std::string_view list) {
  TrustedProxies out;
  while (!list.empty()) {
    size_t comma = list.find(',');
    std::string_view item = trim(list.substr(0, comma));
    list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
    if (item.empty()) continue;
    size_t slash = item.find('/');
    if (slash == std::string_view::npos) {
      if (!is_ip(item)) return Error::invalid("신뢰하는 프록시 주소가 올바르지 않습니다: " + std::string(item),
                                              "not an IP address in DONGNE_TRUSTED_PROXIES: " + std::string(item));
      out.exact_.emplace_back(item);
      continue;
    }
    auto net = ipv4(item.substr(0, slash));
    std::string bits_text(item.substr(slash + 1));
    char* end = nullptr;
    long bits = std::strtol(bits_text.c_str(), &end, 10);
    if (!net || bits_text.empty() || *end != '\0' || bits < 0 || bits > 32)
      return Error::invalid("신뢰하는 프록시 네트워크가 올바르지 않습니다: " + std::string(item),
                            "not an IPv4 network (a.b.c.d/n) in DONGNE_TRUSTED_PROXIES: " + std::string(item));
    uint32_t mask = bits == 0 ? 0 : ~uint32_t{0} << (32 - bits);
    out.nets_.emplace_back(*net & mask, mask);
  }
  return out;
}

bool TrustedProxies::trusts(std::string_view address) const {
  for (const auto& e : exact_)
    if (e == address) return true;
  if (nets_.empty()) return false;
  auto a = ipv4(address.starts_with("::ffff:") ? address.substr(7) : address);
  if (!a) return false;
  for (const auto& [net, mask] : nets_)
    if ((*a & mask) == net) return true;
  return false;
}

std::string client_address(const std::string& peer, std::string_view forwarded_for, const TrustedProxies& trusted) {
  if (!trusted.trusts(peer)) return peer;
  std::string nearest = peer;
  // Right to left: each trusted hop vouches for the address to its left.
  while (!forwarded_for.empty()) {
    size_t comma = forwarded_for.rfind(',');
    std::string_view item = trim(comma == std::string_view::npos ? forwarded_for : forwarded_for.substr(comma + 1));
    forwarded_for = comma == std::string_view::npos ? std::string_view() : forwarded_for.substr(0, comma);
    if (!is_ip(item)) return nearest;  // garbage: stop at the last address a trusted hop gave
    nearest = std::string(item);
    if (!trusted.trusts(item)) return nearest;
  }
  return nearest;
}

}  // namespace dongne::http
