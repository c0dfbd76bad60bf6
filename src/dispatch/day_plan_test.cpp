#include "dispatch/day_plan.h"

#include <gtest/gtest.h>

#include "dispatch/rules.h"

namespace dongne::dispatch {
namespace {

AreaRecord area() {
  AreaRecord a;
  a.id = 1;
  a.rules.boundary = {{126.60, 37.55}, {126.70, 37.55}, {126.70, 37.62}, {126.60, 37.62}};
  a.rules.speeds = {{0, 30}};
  a.stops = {{10, 1, "A", "", "", {126.62, 37.59}}, {11, 1, "B", "", "", {126.65, 37.60}}, {12, 1, "C", "", "", {126.68, 37.57}}};
  return a;
}

std::vector<VehicleRecord> vans(int n, int seats = 4) {
  std::vector<VehicleRecord> out;
  for (int i = 0; i < n; ++i) {
    VehicleRecord v;
    v.id = 100 + i;
    v.area_id = 1;
    v.seats = seats;
    v.depot_stop_id = 11;
    v.shift_start_min = 6 * 60;
    v.shift_end_min = 22 * 60;
    out.push_back(v);
  }
  return out;
}

RideRecord ride(int64_t id, int64_t from, int64_t to, int start_s, int passengers = 1) {
  RideRecord r;
  r.id = id;
  r.area_id = 1;
  r.status = "promised";
  r.pickup_stop_id = from;
  r.dropoff_stop_id = to;
  r.passengers = passengers;
  r.window_start_s = start_s;
  r.window_end_s = start_s + 900;
  r.max_ride_s = 1800;
  return r;
}

const LocalDate kDay{2026, 12, 2};

TEST(DayPlan, PlacesRidesInTheirWindowsAndTheDriverMustTakeTheNextStop) {
  auto plan = DayPlan::build(area(), kDay, vans(1), {}, {}, 7 * 3600, nullptr);
  ASSERT_TRUE(plan.ok());
  auto p = plan->place(ride(1, 10, 12, 7 * 3600 + 600));
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->vehicle_id, 100);
  EXPECT_GE(p->pickup_eta_s, 7 * 3600 + 600);
  EXPECT_LE(p->pickup_eta_s, 7 * 3600 + 1500);
  EXPECT_GT(p->dropoff_eta_s, p->pickup_eta_s);
  EXPECT_FALSE(plan->done(100, 1, false, 7 * 3600 + 700).ok());  // the pickup comes first
  ASSERT_TRUE(plan->done(100, 1, true, 7 * 3600 + 700).ok());
  const auto stops = plan->stops(100);
  ASSERT_EQ(stops.size(), 1u);
  EXPECT_FALSE(stops[0].pickup);
  ASSERT_TRUE(plan->done(100, 1, false, 7 * 3600 + 1500).ok());
  EXPECT_TRUE(plan->stops(100).empty());
}

TEST(DayPlan, AFullVanRefusesAndNamesTheNextTimeThatFitsWithoutChangingThePlan) {
  auto plan = DayPlan::build(area(), kDay, vans(1, 2), {}, {}, 7 * 3600, nullptr);
  ASSERT_TRUE(plan.ok());
  ASSERT_TRUE(plan->place(ride(1, 10, 12, 7 * 3600 + 600, 2)).ok());
  const auto before = plan->placements();
  RideRecord again = ride(2, 10, 12, 7 * 3600 + 600, 2);
  EXPECT_FALSE(plan->place(again).ok());
  auto next = plan->next_possible(again, 600, 10 * 3600);
  ASSERT_TRUE(next.has_value());
  EXPECT_GT(*next, again.window_start_s);
  EXPECT_EQ(plan->placements().size(), before.size());
  EXPECT_EQ(plan->placements().at(1).pickup_eta_s, before.at(1).pickup_eta_s);
  again.window_start_s = *next;
  again.window_end_s = *next + 900;
  EXPECT_TRUE(plan->place(again).ok());
}

TEST(DayPlan, RebuildingKeepsRidersOnBoardOnTheirVanAndReportsWhatNoLongerFits) {
  RideRecord onboard = ride(1, 10, 12, 7 * 3600);
  onboard.status = "onboard";
  onboard.vehicle_id = 101;
  onboard.picked_up_at = instant_of(kDay, 7 * 3600 + 60);
  RideRecord gone = ride(2, 10, 12, 6 * 3600);  // its window closed an hour ago
  RideRecord fine = ride(3, 12, 10, 8 * 3600);
  std::vector<Broken> broken;
  VehicleDay at_c{101, kDay, "on", LonLat{126.675, 37.572}, instant_of(kDay, 7 * 3600 + 300)};
  auto plan = DayPlan::build(area(), kDay, vans(2), {at_c}, {onboard, gone, fine}, 7 * 3600 + 300, &broken);
  ASSERT_TRUE(plan.ok());
  const auto placed = plan->placements();
  ASSERT_TRUE(placed.count(1));
  EXPECT_EQ(placed.at(1).vehicle_id, 101);
  EXPECT_TRUE(placed.count(3));
  EXPECT_FALSE(placed.count(2));
  ASSERT_EQ(broken.size(), 1u);
  EXPECT_EQ(broken[0].ride_id, 2);
}

TEST(DayPlan, AnOutOfServiceVanHandsItsRidesToAnother) {
  auto plan = DayPlan::build(area(), kDay, vans(2), {}, {}, 7 * 3600, nullptr);
  ASSERT_TRUE(plan.ok());
  ASSERT_TRUE(plan->place(ride(1, 10, 12, 7 * 3600 + 900), 100).ok());
  auto b = plan->out_of_service(100);
  ASSERT_TRUE(b.ok());
  EXPECT_TRUE(b->empty());
  EXPECT_EQ(plan->placements().at(1).vehicle_id, 101);
  EXPECT_TRUE(plan->stops(100).empty());
}

}  // namespace
}  // namespace dongne::dispatch

namespace dongne::dispatch {
namespace {

TEST(DayPlan, ARoutersMatrixGivesTheTravelTimesAndAStopItLacksIsAnError) {
  // Three stops; the router says C is far from A by road (50 minutes), whatever the great circle says.
  formats::RouterMatrix m;
  m.points = {{126.68, 37.57}, {126.62, 37.59}, {126.65, 37.60}};  // C, A, B: another order than the area's
  m.seconds = {0, 3000, 900, 3000, 0, 600, 900, 600, 0};
  m.metres = {0, 30000, 9000, 30000, 0, 5000, 9000, 5000, 0};
  auto plan = DayPlan::build(area(), kDay, vans(1), {}, {}, 7 * 3600, nullptr, &m);
  ASSERT_TRUE(plan.ok()) << plan.error().message_en;
  EXPECT_EQ(plan->direct_seconds(10, 12, 8 * 3600), 3000);
  EXPECT_EQ(plan->direct_seconds(11, 10, 8 * 3600), 600);
  RideRecord r = ride(1, 10, 12, 8 * 3600);
  r.max_ride_s = 4000;
  auto p = plan->place(r);
  ASSERT_TRUE(p.ok());
  EXPECT_GE(p->dropoff_eta_s - p->pickup_eta_s, 3000 + 60);
  formats::RouterMatrix partial = m;
  partial.points[0] = {127.5, 36.0};  // no longer near stop C
  EXPECT_FALSE(DayPlan::build(area(), kDay, vans(1), {}, {}, 7 * 3600, nullptr, &partial).ok());
}

}  // namespace
}  // namespace dongne::dispatch

namespace dongne::dispatch {
namespace {

TEST(DayPlan, AVanDoneEarlyIsFreeFromWhenItWasDone) {
  auto plan = DayPlan::build(area(), kDay, vans(1), {}, {}, 7 * 3600, nullptr);
  ASSERT_TRUE(plan.ok());
  ASSERT_TRUE(plan->place(ride(1, 11, 12, 7 * 3600 + 1800)).ok());  // planned pickup 07:30 or later
  ASSERT_TRUE(plan->done(100, 1, true, 7 * 3600).ok());             // the rider was there at 07:00
  ASSERT_TRUE(plan->done(100, 1, false, 7 * 3600 + 600).ok());      // and dropped at 07:10
  // A ride from the drop-off stop with a window 07:15-07:30 fits: the van is not held until the planned 07:40s.
  auto next = plan->place(ride(2, 12, 10, 7 * 3600 + 900), 100);
  ASSERT_TRUE(next.ok()) << next.error().message_en;
  EXPECT_LE(next->pickup_eta_s, 7 * 3600 + 1800);
}

}  // namespace
}  // namespace dongne::dispatch
