#include "dispatch/engine/travel.h"

#include <gtest/gtest.h>

#include <cmath>

namespace dongne::dispatch {
namespace {

TEST(EuclideanTravel, DoublePrecisionNoRounding) {
  EuclideanTravel t({{0, 0}, {3, 4}, {1, 1}}, 2.0);
  EXPECT_DOUBLE_EQ(t.distance(0, 1), 5.0);
  EXPECT_DOUBLE_EQ(t.travel_time(0, 1, 123), 2.5);
  EXPECT_DOUBLE_EQ(t.distance(0, 2), std::sqrt(2.0));
  EXPECT_FALSE(t.time_dependent());
}

TEST(MatrixTravel, RejectsBadSizesAndValues) {
  EXPECT_FALSE(MatrixTravel::make(2, {0, 1, 1}, {0, 1, 1, 0}).ok());
  EXPECT_FALSE(MatrixTravel::make(2, {0, 1, 1, 0}, {0, -1, 1, 0}).ok());
  auto m = MatrixTravel::make(2, {0, 7, 8, 0}, {0, 3, 4, 0});
  ASSERT_TRUE(m.ok());
  EXPECT_DOUBLE_EQ((*m)->distance(1, 0), 8);
  EXPECT_DOUBLE_EQ((*m)->travel_time(0, 1, 1e6), 3);
}

TEST(HaversineTravel, SeoulToBusanIsAbout325Km) {
  const Coord seoul{126.9780, 37.5665}, busan{129.0756, 35.1796};
  const double d = haversine_metres(seoul, busan);
  EXPECT_GT(d, 320000);
  EXPECT_LT(d, 330000);
}

TEST(HaversineTravel, PiecewiseSpeedsIntegrateAcrossBoundaries) {
  auto t = HaversineTravel::make({{0, 0}, {0.01, 0}}, {{0, 10.0}, {100, 20.0}}, 200.0);
  ASSERT_TRUE(t.ok());
  // 1,500 m leaving at 0: 100 s at 10 m/s covers 1,000 m, the rest at 20 m/s takes 25 s.
  EXPECT_NEAR((*t)->time_for(1500, 0), 125.0, 1e-9);
  // Leaving at 150 (fast piece until 200, then the period wraps to the slow piece).
  EXPECT_NEAR((*t)->time_for(1500, 150), 50 + 50.0, 1e-9);
  EXPECT_TRUE((*t)->time_dependent());
}

TEST(HaversineTravel, FifoLeavingLaterNeverArrivesEarlier) {
  auto t = HaversineTravel::make({{126.9, 37.5}, {127.1, 37.6}}, {{0, 5.0}, {3600, 15.0}, {7200, 3.0}, {9000, 12.0}},
                                 86400.0);
  ASSERT_TRUE(t.ok());
  double last = -1;
  for (double dep = 0; dep < 20000; dep += 7.3) {
    const double arr = dep + (*t)->travel_time(0, 1, dep);
    EXPECT_GE(arr, last - 1e-9) << dep;
    last = arr;
  }
  EXPECT_LE((*t)->min_travel_time(0, 1), (*t)->travel_time(0, 1, 5000) + 1e-9);
}

TEST(HaversineTravel, RejectsBadProfiles) {
  EXPECT_FALSE(HaversineTravel::make({{0, 0}}, {}, 86400).ok());
  EXPECT_FALSE(HaversineTravel::make({{0, 0}}, {{10, 5}}, 86400).ok());
  EXPECT_FALSE(HaversineTravel::make({{0, 0}}, {{0, 5}, {0, 6}}, 86400).ok());
  EXPECT_FALSE(HaversineTravel::make({{0, 0}}, {{0, -1}}, 86400).ok());
  EXPECT_FALSE(HaversineTravel::make({{200, 0}}, {{0, 5}}, 86400).ok());
}

}  // namespace
}  // namespace dongne::dispatch
