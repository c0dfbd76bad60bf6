// The public headers compile on their own and their inline helpers behave.
#include <gtest/gtest.h>

#include "jobs/match/engine.h"

namespace dongne::jobs::match {
namespace {

TEST(MatchModel, DaySpanOnAndContains) {
  DaySpan off;
  EXPECT_FALSE(off.on());
  DaySpan morning{540, 960};
  DaySpan shift{600, 900};
  EXPECT_TRUE(morning.on());
  EXPECT_TRUE(morning.contains(shift));
  EXPECT_FALSE(shift.contains(morning));
  EXPECT_EQ(morning.minutes(), 420);
  Weights w;
  EXPECT_NEAR(w.sum(), 1.0, 1e-12);
}

}  // namespace
}  // namespace dongne::jobs::match
