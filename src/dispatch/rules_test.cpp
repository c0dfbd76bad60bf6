#include "dispatch/rules.h"

#include <gtest/gtest.h>

namespace dongne::dispatch {
namespace {

EpochMs at(const char* rfc) { return parse_rfc3339(rfc).value(); }

AreaRecord area() {
  AreaRecord a;
  a.rules.boundary = {{126.60, 37.55}, {126.70, 37.55}, {126.70, 37.62}, {126.60, 37.62}};
  a.rules.open_min = 6 * 60;
  a.rules.close_min = 22 * 60;
  a.rules.days = parse_days({"mon", "tue", "wed", "thu", "fri"}, "days").value();
  a.stops = {{1, 1, "A", "가", "A", {126.62, 37.59}}, {2, 1, "B", "나", "B", {126.65, 37.60}}};
  return a;
}

TEST(ShuttleRules, PointsInsideTheBoundaryAndTheNearestStopWithinTheRadius) {
  const AreaRecord a = area();
  EXPECT_TRUE(inside(a.rules.boundary, {126.65, 37.58}));
  EXPECT_FALSE(inside(a.rules.boundary, {126.75, 37.58}));
  EXPECT_FALSE(inside(a.rules.boundary, {126.65, 37.63}));
  ASSERT_NE(nearest_stop(a, {126.6205, 37.5903}), nullptr);
  EXPECT_EQ(nearest_stop(a, {126.6205, 37.5903})->id, 1);
  EXPECT_EQ(nearest_stop(a, {126.635, 37.595}), nullptr);  // ~1.4 km from both
}

TEST(ShuttleRules, FaresAreBasePlusPerKilometreRoundedUpToTenWon) {
  AreaRules r;
  r.base_fare_won = 1000;
  r.per_km_won = 100;
  EXPECT_EQ(fare_won(r, 0), 1000);
  EXPECT_EQ(fare_won(r, 4112), 1420);  // 1411.2 -> 1420
  EXPECT_EQ(fare_won(r, 5000), 1500);
}

TEST(ShuttleRules, PickupTimesOutsideTheHoursInThePastTooSoonOrTooFarAreFieldErrors) {
  const AreaRules r = area().rules;
  const EpochMs now = at("2026-12-02T07:00:00+09:00");  // a Wednesday
  auto code = [&](const char* when) {
    Status s = check_pickup_time(r, at(when), now, "pickup_after");
    return s.ok() ? std::string("ok") : s.error().fields.at(0).code;
  };
  EXPECT_EQ(code("2026-12-02T07:20:00+09:00"), "ok");
  EXPECT_EQ(code("2026-12-02T07:05:00+09:00"), "too_soon");
  EXPECT_EQ(code("2026-12-02T06:30:00+09:00"), "in_the_past");
  EXPECT_EQ(code("2026-12-02T05:30:00+09:00"), "outside_hours");
  EXPECT_EQ(code("2026-12-02T22:30:00+09:00"), "outside_hours");
  EXPECT_EQ(code("2026-12-05T09:00:00+09:00"), "outside_hours");  // Saturday
  EXPECT_EQ(code("2026-12-14T09:00:00+09:00"), "too_far_ahead");
  Status s = check_pickup_time(r, at("2026-12-05T09:00:00+09:00"), now, "pickup_after");
  EXPECT_NE(s.error().fields[0].message_ko.find("06:00–22:00"), std::string::npos);
}

TEST(ShuttleRules, RulesRoundTripThroughJsonAndBadRulesAreRefused) {
  AreaRules r = area().rules;
  r.speeds = {{0, 35}, {420, 22}};
  auto back = rules_from_json(rules_json(r));
  ASSERT_TRUE(back.ok()) << back.error().message_en;
  EXPECT_EQ(back->open_min, r.open_min);
  EXPECT_EQ(back->days, r.days);
  EXPECT_EQ(back->speeds.size(), 2u);
  EXPECT_EQ(back->speeds[1].from_min, 420);
  nlohmann::json bad = rules_json(r);
  bad["hours"]["open"] = "25:00";
  EXPECT_FALSE(rules_from_json(bad).ok());
  bad = rules_json(r);
  bad["boundary"] = nlohmann::json::array();
  EXPECT_FALSE(rules_from_json(bad).ok());
  r.matrix_file = "dispatch/geomdan-osrm.json";
  auto with_matrix = rules_from_json(rules_json(r));
  ASSERT_TRUE(with_matrix.ok());
  EXPECT_EQ(with_matrix->matrix_file, "dispatch/geomdan-osrm.json");
  bad = rules_json(r);
  bad["travel"]["matrix"] = "../../etc/passwd";
  EXPECT_FALSE(rules_from_json(bad).ok());
  EXPECT_FALSE(parse_days({"monday"}, "days").ok());
  EXPECT_EQ(day_names(parse_days({"sun", "mon"}, "d").value()), (std::vector<std::string>{"mon", "sun"}));
}

TEST(ShuttleRules, DrivingSlowsAtRushHourAndRideLimitsGrowWithTheTrip) {
  AreaRules r;
  r.speeds = {{0, 36}, {7 * 60, 18}, {9 * 60, 36}};
  EXPECT_EQ(drive_seconds(r, 3000, 3 * 3600), 300);
  EXPECT_EQ(drive_seconds(r, 3000, 8 * 3600), 600);
  EXPECT_EQ(max_ride_seconds(r, 600), static_cast<int>(1.8 * 600) + 300);
  EXPECT_EQ(second_of(LocalDate{2026, 12, 2}, at("2026-12-02T07:20:00+09:00")), 7 * 3600 + 20 * 60);
  EXPECT_EQ(instant_of(LocalDate{2026, 12, 2}, 7 * 3600), at("2026-12-02T07:00:00+09:00"));
}

}  // namespace
}  // namespace dongne::dispatch
