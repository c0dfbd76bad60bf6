#include "auth/throttle.h"

#include <gtest/gtest.h>

namespace dongne::auth {
namespace {

constexpr EpochMs kMin = 60'000;

TEST(Throttle, FourFailuresCostNothingThenTheWaitDoublesUpToItsCap) {
  ThrottleRule rule;  // 5 free, 30 s, cap 15 min
  ThrottleRow row;
  EpochMs now = 1'000'000;
  for (int i = 0; i < 4; ++i) {
    row = after_failure(rule, row, now);
    EXPECT_EQ(wait_ms(row, now), 0) << i;
  }
  std::vector<EpochMs> waits;
  for (int i = 0; i < 7; ++i) {  // the fifth failure starts the first wait
    now += wait_ms(row, now);  // a patient guesser tries again the moment it may
    row = after_failure(rule, row, now);
    waits.push_back(wait_ms(row, now));
  }
  EXPECT_EQ(waits, (std::vector<EpochMs>{30'000, 60'000, 120'000, 240'000, 480'000, 900'000, 900'000}));
}

TEST(Throttle, AQuietSpellForgetsTheFailuresButNotWhileStillWaiting) {
  ThrottleRule rule;
  ThrottleRow row;
  for (int i = 0; i < 11; ++i) row = after_failure(rule, row, 0);
  EXPECT_EQ(wait_ms(row, 0), 15 * kMin);
  // Still blocked at 15 min - 1 ms; a failure then (refused before the password is checked, so it is not counted
  // in practice) would not reset the count.
  EXPECT_EQ(after_failure(rule, row, 15 * kMin - 1).failures, 12);
  // After the wait and a quiet spell longer than forget_after_ms, it starts again.
  ThrottleRow later = after_failure(rule, row, 15 * kMin + 1);
  EXPECT_EQ(later.failures, 1);
  EXPECT_EQ(wait_ms(later, 15 * kMin + 1), 0);
}

TEST(Throttle, ATrustedDeviceIsCountedAloneAndAStrangerUnderThreeKeys) {
  ThrottleRules rules;
  auto trusted = throttle_keys(rules, "a@b.kr", "203.0.113.5", "abc");
  ASSERT_EQ(trusted.size(), 1u);
  EXPECT_EQ(trusted[0].key, "device:abc");
  EXPECT_EQ(trusted[0].rule, &rules.device);
  auto stranger = throttle_keys(rules, "a@b.kr", "203.0.113.5", "");
  ASSERT_EQ(stranger.size(), 3u);
  EXPECT_EQ(stranger[0].key, "pair:a@b.kr|203.0.113.5");
  EXPECT_EQ(stranger[1].key, "address:203.0.113.5");
  EXPECT_EQ(stranger[2].key, "login:a@b.kr");
}

}  // namespace
}  // namespace dongne::auth
