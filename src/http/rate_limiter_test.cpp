#include "http/rate_limiter.h"

#include <gtest/gtest.h>

namespace dongne::http {
namespace {

TEST(RateLimiter, ABurstThenTheSteadyRate) {
  RateLimiter limit(6, 3);  // 3 at once, then one every 10 s
  EXPECT_EQ(limit.take("a", 0), 0);
  EXPECT_EQ(limit.take("a", 0), 0);
  EXPECT_EQ(limit.take("a", 0), 0);
  EXPECT_EQ(limit.take("a", 0), 10'000);
  EXPECT_EQ(limit.take("b", 0), 0) << "keys are apart";
  EXPECT_EQ(limit.take("a", 4'000), 6'000);
  EXPECT_EQ(limit.take("a", 10'000), 0);
  EXPECT_EQ(limit.take("a", 10'000), 10'000);
  // A long quiet spell refills up to the burst, never beyond.
  EXPECT_EQ(limit.take("a", 1'000'000), 0);
  EXPECT_EQ(limit.take("a", 1'000'000), 0);
  EXPECT_EQ(limit.take("a", 1'000'000), 0);
  EXPECT_GT(limit.take("a", 1'000'000), 0);
}

TEST(RateLimiter, OffWhenTheRateIsZeroAndBoundedInMemory) {
  RateLimiter off(0, 1);
  for (int i = 0; i < 100; ++i) EXPECT_EQ(off.take("a", 0), 0);
  RateLimiter small(60, 1, 4);
  for (int i = 0; i < 4; ++i) EXPECT_EQ(small.take("k" + std::to_string(i), 0), 0);
  // The map is full; the refilled buckets are dropped, the one still waiting would be kept.
  EXPECT_EQ(small.take("k9", 5'000), 0);
  EXPECT_GT(small.take("k9", 5'000), 0);
}

TEST(RateLimiter, TheWaitIsSaidInWordsAndInSeconds) {
  Error e = wait_error("요청이 너무 많습니다", "too many requests", 29'001, "rate_limited");
  EXPECT_EQ(e.code, Code::kTooMany);
  EXPECT_EQ(e.message_ko, "요청이 너무 많습니다. 30초 후 다시 시도해 주세요");
  EXPECT_EQ(e.message_en, "too many requests; try again in 30 seconds");
  EXPECT_EQ(e.extensions, (std::vector<std::pair<std::string, std::string>>{{"retry_after_s", "30"}}));
  EXPECT_EQ(wait_error("a", "b", 61'000, "x").message_en, "b; try again in 2 minutes");
  EXPECT_EQ(wait_error("a", "b", 1, "x").message_en, "b; try again in 1 second");
}

}  // namespace
}  // namespace dongne::http
