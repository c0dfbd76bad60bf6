#include "auth/session_cache.h"

#include <gtest/gtest.h>

namespace dongne::auth {
namespace {

User account(int64_t id, const std::string& name) {
  User u;
  u.id = id;
  u.name = name;
  u.password_hash = "$argon2id$secret";
  return u;
}

TEST(SessionCache, KeepsTheAccountForGetMeWithoutItsHashUntilItsTimeIsUp) {
  SessionCache cache(2000);
  cache.put_user(account(7, "김민지"), 1000);
  auto u = cache.user(7, 2999);
  ASSERT_NE(u, nullptr);
  EXPECT_EQ(u->name, "김민지");
  EXPECT_TRUE(u->password_hash.empty());
  EXPECT_EQ(cache.user(7, 3000), nullptr) << "no older than ttl_ms";
  EXPECT_EQ(cache.user(8, 1000), nullptr);
}

TEST(SessionCache, ForgettingAUserForgetsHerSessionsAndHerAccount) {
  SessionCache cache(2000);
  Principal p;
  p.user_id = 7;
  p.session_id = 70;
  cache.put("hash", p, 1'000'000, 1000);
  cache.put_user(account(7, "김민지"), 1000);
  ASSERT_TRUE(cache.get("hash", 1500).has_value());
  cache.forget_user(7);
  EXPECT_FALSE(cache.get("hash", 1500).has_value());
  EXPECT_EQ(cache.user(7, 1500), nullptr);
}

TEST(SessionCache, OffWhenTheTtlIsZero) {
  SessionCache cache(0);
  cache.put_user(account(7, "a"), 0);
  EXPECT_EQ(cache.user(7, 0), nullptr);
}

}  // namespace
}  // namespace dongne::auth
