#include "http/client_address.h"

#include <gtest/gtest.h>

namespace dongne::http {
namespace {

TrustedProxies proxies(std::string_view list) {
  auto p = TrustedProxies::parse(list);
  EXPECT_TRUE(p.ok()) << list;
  return p.ok() ? p.value() : TrustedProxies{};
}

TEST(ClientAddress, WithoutTrustedProxiesThePeerIsTheClientWhateverItClaims) {
  TrustedProxies none;
  EXPECT_EQ(client_address("198.51.100.7", "1.2.3.4", none), "198.51.100.7");
}

TEST(ClientAddress, BehindTheBalancerItIsTheNearestUntrustedHop) {
  TrustedProxies lb = proxies("127.0.0.1, 10.0.0.0/8");
  EXPECT_EQ(client_address("127.0.0.1", "203.0.113.9", lb), "203.0.113.9");
  // A client that writes its own X-Forwarded-For is on the left of what the balancer appended: not believed.
  EXPECT_EQ(client_address("127.0.0.1", "1.1.1.1, 203.0.113.9", lb), "203.0.113.9");
  // Two trusted hops: the balancer behind an inner proxy.
  EXPECT_EQ(client_address("10.1.2.3", "1.1.1.1, 203.0.113.9, 10.9.9.9", lb), "203.0.113.9");
  // Garbage stops the walk at the last address a trusted hop gave.
  EXPECT_EQ(client_address("127.0.0.1", "203.0.113.9, not-an-ip", lb), "127.0.0.1");
  EXPECT_EQ(client_address("127.0.0.1", "", lb), "127.0.0.1");
  EXPECT_EQ(client_address("127.0.0.1", "2001:db8::5", lb), "2001:db8::5");
  // A peer outside the trusted set is the client, headers or not.
  EXPECT_EQ(client_address("192.0.2.1", "203.0.113.9", lb), "192.0.2.1");
  EXPECT_TRUE(lb.trusts("::ffff:10.0.0.1"));
}

TEST(ClientAddress, AMistypedProxyListIsRefusedNamingTheEntry) {
  for (std::string_view bad : {"10.0.0.0/33", "localhost", "10.0.0/8", "10.0.0.0/x"}) {
    auto p = TrustedProxies::parse(bad);
    ASSERT_FALSE(p.ok()) << bad;
    EXPECT_NE(p.error().message_en.find(std::string(bad).substr(0, 5)), std::string::npos) << p.error().message_en;
  }
  EXPECT_TRUE(TrustedProxies::parse("").value().empty());
}

}  // namespace
}  // namespace dongne::http
