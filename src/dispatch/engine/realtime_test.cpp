#include "dispatch/engine/realtime.h"

#include <gtest/gtest.h>

#include "dispatch/engine/test_problems.h"
#include "dispatch/engine/validator.h"

namespace dongne::dispatch {
namespace {

using testing::euclidean;
using testing::pair;

// A 10x10 grid of locations 10 apart; location 0 (corner) is the depot.
Problem grid_fleet(int vehicles, int capacity = 4) {
  std::vector<Coord> c;
  for (int i = 0; i < 100; ++i) c.push_back({10.0 * (i % 10), 10.0 * (i / 10)});
  Vehicle veh;
  veh.capacity.q[0] = capacity;
  veh.shift = {0, 1000};
  return euclidean(c, vehicles, veh);
}

Task ride(int from, int to, Time ready, Time slack = 60) {
  Task t = pair(from, to, 1, TaskKind::kRide);
  t.pickup.windows = {{ready, ready + slack}};
  t.ride_alpha = 1.5;
  t.ride_beta = 20;
  t.pickup.service = 1;
  t.delivery.service = 1;
  return t;
}

void expect_valid(const LivePlan& plan) {
  const Validation v = validate(plan.problem(), plan.solution());
  for (const std::string& msg : v.violations) ADD_FAILURE() << msg;
}

SolveOptions iters(uint64_t n) {
  SolveOptions o;
  o.seconds = 0;
  o.max_iterations = n;
  return o;
}

TEST(LivePlan, InsertionsKeepEveryPromise) {
  auto plan = LivePlan::create(grid_fleet(3), iters(0));
  ASSERT_TRUE(plan.ok());
  int accepted = 0;
  for (int k = 0; k < 30; ++k) {
    auto r = plan->insert(ride(1 + (k * 37) % 99, 1 + (k * 53) % 99, 10.0 * k));
    if (r.ok()) {
      ++accepted;
      EXPECT_GE(r->pickup_eta, 10.0 * k - 1e-9);
      EXPECT_LE(r->pickup_eta, 10.0 * k + 60 + 1e-9);
      EXPECT_GT(r->delivery_eta, r->pickup_eta);
    }
    expect_valid(*plan);
  }
  EXPECT_GT(accepted, 15);
}

TEST(LivePlan, APinnedTaskGoesOnItsVehicleOnlyAndStaysThere) {
  auto plan = LivePlan::create(grid_fleet(3), iters(0));
  ASSERT_TRUE(plan.ok());
  ASSERT_TRUE(plan->insert(ride(11, 12, 0, 200)).ok());  // the cheapest place: vehicle 0
  auto pinned = plan->insert(ride(11, 12, 0, 200), 2);
  ASSERT_TRUE(pinned.ok());
  EXPECT_EQ(pinned->vehicle, 2);
  plan->reoptimise(iters(300));
  const Solution s = plan->solution();
  for (const Route& r : s.routes) {
    for (const RouteStep& st : r.steps) {
      if (st.task == pinned->task) {
        EXPECT_EQ(r.vehicle, 2);
      }
    }
  }
  expect_valid(*plan);
  EXPECT_FALSE(plan->insert(ride(11, 12, 0), 3).ok());  // no such vehicle
}

TEST(LivePlan, UnreachableRequestIsRejectedWithAReason) {
  auto plan = LivePlan::create(grid_fleet(1), iters(0));
  ASSERT_TRUE(plan.ok());
  Task late = ride(99, 98, 0, 5);  // 127 away from the depot, window closes at 5
  auto r = plan->insert(late);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, Code::kConflict);
  EXPECT_EQ(plan->status(0), LiveStatus::kRejected);
  const Solution s = plan->solution();
  ASSERT_EQ(s.unassigned.size(), 1u);
  EXPECT_FALSE(s.unassigned[0].reason.empty());
  expect_valid(*plan);
  Task bad = ride(1, 500, 0);  // location outside the travel model
  EXPECT_EQ(plan->insert(bad).error().code, Code::kInvalid);
}

TEST(LivePlan, CommittedStopsNeverMove) {
  auto plan = LivePlan::create(grid_fleet(2), iters(0));
  ASSERT_TRUE(plan.ok());
  for (int k = 0; k < 6; ++k) ASSERT_TRUE(plan->insert(ride(10 + k, 50 + k, 20.0 * k, 200)).ok());
  VehicleIndex v = -1;
  for (VehicleIndex u = 0; u < 2; ++u)
    if (plan->planned_stops(u).size() >= 3) v = u;
  ASSERT_GE(v, 0);
  ASSERT_TRUE(plan->commit(v, 3).ok());
  const Solution before = plan->solution();
  std::vector<RouteStep> prefix;
  for (const Route& r : before.routes)
    if (r.vehicle == v) prefix.assign(r.steps.begin(), r.steps.begin() + 4);  // start + 3 committed stops
  int onboard = 0;
  for (TaskIndex t = 0; t < 6; ++t) onboard += plan->status(t) == LiveStatus::kOnboard;
  EXPECT_GE(onboard, 1);
  for (int k = 0; k < 8; ++k) (void)plan->insert(ride(20 + k, 70 + k, 30.0 + 15 * k, 200));
  plan->reoptimise(iters(200));
  expect_valid(*plan);
  for (const Route& r : plan->solution().routes) {
    if (r.vehicle != v) continue;
    for (size_t i = 0; i < prefix.size(); ++i) {
      EXPECT_EQ(r.steps[i].task, prefix[i].task);
      EXPECT_EQ(r.steps[i].service_start, prefix[i].service_start);
    }
  }
  // A rider on board cannot be cancelled; a planned request can.
  for (TaskIndex t = 0; t < 6; ++t)
    if (plan->status(t) == LiveStatus::kOnboard) {
      EXPECT_EQ(plan->cancel(t).error().code, Code::kConflict);
    }
  TaskIndex planned = -1;
  for (TaskIndex t = 0; t < static_cast<TaskIndex>(plan->problem().tasks.size()); ++t)
    if (plan->status(t) == LiveStatus::kPlanned) planned = t;
  ASSERT_GE(planned, 0);
  EXPECT_TRUE(plan->cancel(planned).ok());
  EXPECT_EQ(plan->status(planned), LiveStatus::kCancelled);
  expect_valid(*plan);
}

TEST(LivePlan, BreakdownMovesTasksToAnotherVehicle) {
  auto plan = LivePlan::create(grid_fleet(2), iters(0));
  ASSERT_TRUE(plan.ok());
  for (int k = 0; k < 4; ++k) ASSERT_TRUE(plan->insert(ride(11 + k, 44 + k, 50.0 * k, 300)).ok());
  VehicleIndex used = plan->planned_stops(0).empty() ? 1 : 0;
  auto broken = plan->breakdown(used);
  ASSERT_TRUE(broken.ok());
  EXPECT_TRUE(broken->empty());
  EXPECT_TRUE(plan->planned_stops(used).empty());
  for (TaskIndex t = 0; t < 4; ++t) EXPECT_EQ(plan->status(t), LiveStatus::kPlanned);
  expect_valid(*plan);
  // New requests never go to the broken vehicle.
  auto r = plan->insert(ride(5, 6, 0, 500));
  ASSERT_TRUE(r.ok());
  EXPECT_NE(r->vehicle, used);
}

// A vehicle that breaks down with a rider on board and done stops behind it: its route ends where it stopped
// (no end depot), the rider is reported for a rescue trip, and the rest of the plan stays valid.
TEST(LivePlan, BreakdownAfterCommittedStopsLeavesAValidPlan) {
  auto plan = LivePlan::create(grid_fleet(2), iters(0));
  ASSERT_TRUE(plan.ok());
  ASSERT_TRUE(plan->insert(ride(1, 9, 0, 10)).ok());
  ASSERT_TRUE(plan->insert(ride(2, 8, 50, 300)).ok());
  const VehicleIndex v = plan->planned_stops(0).empty() ? 1 : 0;
  ASSERT_TRUE(plan->commit(v, 1).ok());
  auto broken = plan->breakdown(v);
  ASSERT_TRUE(broken.ok());
  bool rescue = false;
  for (const auto& b : *broken) rescue = rescue || b.what.find("rescue") != std::string::npos;
  EXPECT_TRUE(rescue);
  const Solution sol = plan->solution();
  bool found = false;
  for (const Route& r : sol.routes) {
    if (r.vehicle != v) continue;
    found = true;
    EXPECT_TRUE(r.broken_down);
    EXPECT_NE(r.steps.back().type, StepType::kEnd);
  }
  EXPECT_TRUE(found) << "the broken vehicle's done stops stay in the solution";
  expect_valid(*plan);
}

TEST(LivePlan, DelayReportsPromisesThatCannotBeKept) {
  auto plan = LivePlan::create(grid_fleet(1), iters(0));
  ASSERT_TRUE(plan.ok());
  ASSERT_TRUE(plan->insert(ride(1, 2, 10, 5)).ok());
  ASSERT_TRUE(plan->insert(ride(3, 4, 300, 400)).ok());
  auto broken = plan->delay(0, 100);
  ASSERT_TRUE(broken.ok());
  ASSERT_EQ(broken->size(), 1u);
  EXPECT_EQ((*broken)[0].task, 0);
  EXPECT_EQ(plan->status(0), LiveStatus::kUnserved);
  EXPECT_EQ(plan->status(1), LiveStatus::kPlanned);
  expect_valid(*plan);
  EXPECT_FALSE(plan->delay(0, -1).ok());
  EXPECT_FALSE(plan->delay(7, 1).ok());
}

TEST(LivePlan, DelayWithRiderOnBoardReportsTheLateDrop) {
  auto plan = LivePlan::create(grid_fleet(1), iters(0));
  ASSERT_TRUE(plan.ok());
  ASSERT_TRUE(plan->insert(ride(1, 9, 0, 10)).ok());
  ASSERT_TRUE(plan->commit(0, 1).ok());
  EXPECT_EQ(plan->status(0), LiveStatus::kOnboard);
  expect_valid(*plan);
  auto broken = plan->delay(0, 500);
  ASSERT_TRUE(broken.ok());
  ASSERT_EQ(broken->size(), 1u);
  EXPECT_EQ((*broken)[0].task, 0);
  EXPECT_NE((*broken)[0].what.find("on board"), std::string::npos);
  EXPECT_EQ(plan->status(0), LiveStatus::kOnboard);
  int drops = 0;
  for (const Route& r : plan->solution().routes)
    for (const RouteStep& st : r.steps) drops += st.task == 0 && st.type == StepType::kDelivery;
  EXPECT_EQ(drops, 1);
}

TEST(LivePlan, InitialTasksArePlannedByCreate) {
  Problem p = grid_fleet(3);  // two vehicles cannot serve all ten (checked with solve())
  for (int k = 0; k < 10; ++k) p.tasks.push_back(ride(1 + k, 90 - k, 20.0 * k, 100));
  auto plan = LivePlan::create(p, iters(100));
  ASSERT_TRUE(plan.ok());
  for (TaskIndex t = 0; t < 10; ++t) EXPECT_EQ(plan->status(t), LiveStatus::kPlanned);
  expect_valid(*plan);
  for (const Unassigned& u : plan->solution().unassigned) ADD_FAILURE() << u.task << ": " << u.reason;
}

}  // namespace
}  // namespace dongne::dispatch
