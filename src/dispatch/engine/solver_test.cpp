#include "dispatch/engine/solver.h"

#include <gtest/gtest.h>

#include <cmath>

#include "dispatch/engine/test_problems.h"
#include "dispatch/engine/travel.h"
#include "dispatch/engine/validator.h"

namespace dongne::dispatch {
namespace {

using testing::euclidean;
using testing::pair;
using testing::single;

SolveOptions iterations(uint64_t n, uint64_t seed = 7) {
  SolveOptions o;
  o.seconds = 0;
  o.max_iterations = n;
  o.seed = seed;
  return o;
}

Validation check(const Problem& p, const Solution& s) {
  Validation v = validate(p, s);
  for (const std::string& msg : v.violations) ADD_FAILURE() << msg;
  return v;
}

std::vector<std::vector<TaskIndex>> sequences(const Solution& s) {
  std::vector<std::vector<TaskIndex>> out;
  for (const Route& r : s.routes) {
    out.emplace_back();
    for (const RouteStep& st : r.steps) out.back().push_back(st.task);
  }
  return out;
}

TEST(Solver, SquareTourIsOptimal) {
  Problem p = euclidean({{0, 0}, {0, 10}, {10, 10}, {10, 0}}, 2);
  for (int i = 1; i <= 3; ++i) p.tasks.push_back(single(i));
  const Solution s = solve(p, iterations(200));
  const Validation v = check(p, s);
  EXPECT_TRUE(v.feasible);
  EXPECT_EQ(v.tasks_served, 3);
  EXPECT_EQ(v.vehicles_used, 1);
  EXPECT_NEAR(v.distance, 40.0, 1e-9);
}

TEST(Solver, CapacityForcesTwoVehiclesAndNoMore) {
  Vehicle veh;
  veh.capacity.q[0] = 10;
  Problem p = euclidean({{0, 0}, {1, 0}, {2, 0}, {-1, 0}, {-2, 0}}, 4, veh);
  for (int i = 1; i <= 4; ++i) p.tasks.push_back(single(i, 5));
  const Solution s = solve(p, iterations(300));
  const Validation v = check(p, s);
  EXPECT_EQ(v.vehicles_used, 2);
  EXPECT_EQ(v.tasks_served, 4);
  EXPECT_NEAR(v.distance, 8.0, 1e-9);  // out and back on each side
}

TEST(Solver, MultiDimensionalCapacity) {
  Vehicle veh;
  veh.capacity.q = {4, 1, 0};
  Problem p = euclidean({{0, 0}, {1, 0}, {2, 0}}, 3, veh);
  Task a = single(1, 1), b = single(2, 1);
  a.pickup.load.q[1] = 1;  // a wheelchair place each: cannot share a vehicle
  b.pickup.load.q[1] = 1;
  p.tasks = {a, b};
  const Validation v = check(p, solve(p, iterations(100)));
  EXPECT_EQ(v.tasks_served, 2);
  EXPECT_EQ(v.vehicles_used, 2);
}

TEST(Solver, TimeWindowsDictateTheOrder) {
  Problem p = euclidean({{0, 0}, {10, 0}, {20, 0}}, 1);
  p.tasks = {single(1, 1, {{50, 60}}), single(2, 1, {{0, 25}})};
  const Solution s = solve(p, iterations(100));
  const Validation v = check(p, s);
  ASSERT_EQ(v.tasks_served, 2);
  const auto seq = sequences(s);
  ASSERT_EQ(seq.size(), 1u);
  EXPECT_EQ(seq[0], (std::vector<TaskIndex>{-1, 1, 0, -1}));  // far one first (its window closes early)
}

TEST(Solver, MultipleWindowsUseTheReachableOne) {
  Problem p = euclidean({{0, 0}, {50, 0}}, 1);
  p.tasks = {single(1, 1, {{0, 5}, {100, 200}})};
  const Solution s = solve(p, iterations(10));
  check(p, s);
  ASSERT_EQ(s.routes.size(), 1u);
  EXPECT_NEAR(s.routes[0].steps[1].service_start, 100.0, 1e-9);
}

TEST(Solver, DeterministicForASeed) {
  Vehicle veh;
  veh.capacity.q[0] = 15;
  std::vector<Coord> c{{50, 50}};
  for (int i = 0; i < 40; ++i) c.push_back({std::fmod(i * 37.0, 100.0), std::fmod(i * 61.0, 100.0)});
  Problem p = euclidean(c, 10, veh);
  for (int i = 1; i <= 40; ++i) p.tasks.push_back(single(i, 1 + i % 4, {{0.0 + (i % 5) * 40, 200.0 + (i % 5) * 40}}));
  const Solution a = solve(p, iterations(500, 42));
  const Solution b = solve(p, iterations(500, 42));
  check(p, a);
  EXPECT_EQ(sequences(a), sequences(b));
}

TEST(Solver, UnservableTasksGetReasons) {
  Vehicle veh;
  veh.capacity.q[0] = 5;
  veh.skills = 0b01;
  veh.shift = {0, 100};
  Problem p = euclidean({{0, 0}, {10, 0}, {500, 0}}, 2, veh);
  Task skill = single(1);
  skill.required_skills = 0b10;
  Task heavy = single(1, 6);
  Task late = single(1, 1, {{0, 5}});   // 10 away, window closes at 5
  Task far = single(2);                  // cannot return before the shift ends
  Task fine = single(1);
  p.tasks = {skill, heavy, late, far, fine};
  const Solution s = solve(p, iterations(50));
  const Validation v = check(p, s);
  EXPECT_EQ(v.tasks_served, 1);
  ASSERT_EQ(s.unassigned.size(), 4u);
  EXPECT_NE(s.unassigned[0].reason.find("skill"), std::string::npos) << s.unassigned[0].reason;
  EXPECT_NE(s.unassigned[1].reason.find("capacity"), std::string::npos) << s.unassigned[1].reason;
  EXPECT_NE(s.unassigned[2].reason.find("time window"), std::string::npos) << s.unassigned[2].reason;
  EXPECT_NE(s.unassigned[3].reason.find("shift"), std::string::npos) << s.unassigned[3].reason;
}

TEST(Solver, InvalidProblemsAreReportedNotCrashed) {
  Problem p = euclidean({{0, 0}, {1, 0}}, 1);
  p.tasks = {single(1), single(7)};
  p.tasks[0].pickup.service = std::nan("");
  auto r = try_solve(p, iterations(10));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, Code::kInvalid);
  EXPECT_GE(r.error().fields.size(), 2u);
  const Solution s = solve(p, iterations(10));
  EXPECT_EQ(s.unassigned.size(), 2u);
  EXPECT_NE(s.unassigned[0].reason.find("invalid problem"), std::string::npos);

  Problem q = euclidean({{0, 0}, {1, 0}}, 1);
  q.tasks = {single(1, 1, {{10, 5}})};  // reversed window
  EXPECT_FALSE(try_solve(q, iterations(10)).ok());
  q.tasks = {single(1)};
  q.vehicles[0].start = 9;
  EXPECT_FALSE(try_solve(q, iterations(10)).ok());
  Problem none;
  none.tasks = {single(0)};
  EXPECT_FALSE(try_solve(none, iterations(10)).ok());
}

TEST(Solver, PickupPrecedesDeliveryOnOneVehicle) {
  // Deliveries lie near the depot, pickups far away: a careless order would deliver first.
  Problem p = euclidean({{0, 0}, {1, 0}, {2, 0}, {50, 0}, {51, 0}}, 3);
  p.tasks = {pair(3, 1), pair(4, 2)};
  const Solution s = solve(p, iterations(200));
  const Validation v = check(p, s);
  EXPECT_EQ(v.tasks_served, 2);
  EXPECT_EQ(v.vehicles_used, 1);
  EXPECT_NEAR(v.distance, 102.0, 1e-9);
}

TEST(Solver, RideLimitIsMetByDelayingThePickup) {
  // Drop-off window [100, 105], direct ride 10, limit 15: the pickup must be delayed (Cordeau & Laporte).
  Problem p = euclidean({{0, 0}, {5, 0}, {15, 0}}, 1);
  Task r = pair(1, 2, 1, TaskKind::kRide);
  r.delivery.windows = {{100, 105}};
  r.max_ride_time = 15;
  p.tasks = {r};
  const Solution s = solve(p, iterations(20));
  const Validation v = check(p, s);
  ASSERT_EQ(v.tasks_served, 1);
  const auto& st = s.routes[0].steps;
  EXPECT_LE(st[2].service_start - st[1].departure, 15 + 1e-9);
}

TEST(Solver, RideLimitsShapeTheRoute) {
  // Two riders whose rides can only both be short if each is dropped before the next is collected.
  Problem p = euclidean({{0, 0}, {10, 0}, {20, 0}, {30, 0}, {40, 0}}, 1);
  Task a = pair(1, 2, 1, TaskKind::kRide), b = pair(3, 4, 1, TaskKind::kRide);
  a.max_ride_time = b.max_ride_time = 12;
  a.ride_alpha = b.ride_alpha = 1.1;
  p.tasks = {a, b};
  const Validation v = check(p, solve(p, iterations(100)));
  EXPECT_EQ(v.tasks_served, 2);
}

TEST(Solver, MaxDurationUsesDelayedDeparture) {
  Vehicle veh;
  veh.max_duration = 30;
  Problem p = euclidean({{0, 0}, {10, 0}}, 1, veh);
  p.tasks = {single(1, 1, {{100, 110}})};
  const Solution s = solve(p, iterations(10));
  const Validation v = check(p, s);
  EXPECT_EQ(v.tasks_served, 1);
}

TEST(Solver, BreaksArePlacedInTheRoute) {
  Vehicle veh;
  veh.shift = {0, 1000};
  veh.breaks = {{{40, 60}, 30}};
  Problem p = euclidean({{0, 0}, {10, 0}, {20, 0}, {30, 0}}, 1, veh);
  p.tasks = {single(1, 1, {}, 20), single(2, 1, {}, 20), single(3, 1, {}, 20)};
  const Solution s = solve(p, iterations(50));
  const Validation v = check(p, s);
  EXPECT_EQ(v.tasks_served, 3);
  int breaks = 0;
  for (const RouteStep& st : s.routes.at(0).steps) breaks += st.type == StepType::kBreak;
  EXPECT_EQ(breaks, 1);
}

TEST(Solver, OpenRoutesHaveNoDepotSteps) {
  Vehicle veh;
  veh.id = "open";
  Problem p = euclidean({{0, 0}, {10, 0}, {20, 0}}, 1, veh);
  p.tasks = {single(1), single(2)};
  const Solution s = solve(p, iterations(50));
  const Validation v = check(p, s);
  EXPECT_EQ(v.tasks_served, 2);
  EXPECT_NEAR(v.distance, 10.0, 1e-9);
  EXPECT_NE(s.routes[0].steps.front().type, StepType::kStart);
}

TEST(Solver, PriorityDecidesWhoIsServed) {
  Problem p = euclidean({{0, 0}, {10, 0}, {-10, 0}}, 1);
  Task low = single(1, 1, {{10, 10}}), high = single(2, 1, {{10, 10}});
  high.priority = 5;
  p.tasks = {low, high};
  const Solution s = solve(p, iterations(100));
  check(p, s);
  ASSERT_EQ(s.unassigned.size(), 1u);
  EXPECT_EQ(s.unassigned[0].task, 0);
}

TEST(Solver, FixedCostsAndSkillsPickTheRightVehicle) {
  Problem p = euclidean({{0, 0}, {10, 0}}, 2);
  p.vehicles[0].fixed_cost = 100;
  p.vehicles[1].skills = 0b1;
  p.tasks = {single(1)};
  const Solution s = solve(p, iterations(50));
  check(p, s);
  ASSERT_EQ(s.routes.size(), 1u);
  EXPECT_EQ(s.routes[0].vehicle, 1);
}

TEST(Solver, TimeDependentTravelIsFeasibleUnderTheValidator) {
  // Haversine metres with a rush hour: 5 m/s from 8:00 to 9:00, 12 m/s otherwise.
  std::vector<Coord> c{{126.97, 37.56}};
  for (int i = 0; i < 12; ++i) c.push_back({126.95 + 0.005 * i, 37.55 + 0.003 * (i % 4)});
  auto travel = HaversineTravel::make(c, {{0, 12.0}, {8 * 3600.0, 5.0}, {9 * 3600.0, 12.0}});
  ASSERT_TRUE(travel.ok());
  Problem p;
  p.locations = c;
  p.travel = *travel;
  p.objective.metric = Metric::kDuration;
  for (int v = 0; v < 3; ++v) {
    Vehicle veh;
    veh.id = "coach" + std::to_string(v);
    veh.start = veh.end = 0;
    veh.capacity.q[0] = 4;
    veh.shift = {7 * 3600.0, 12 * 3600.0};
    veh.breaks = {{{9.5 * 3600, 10.5 * 3600}, 1800}};
    p.vehicles.push_back(veh);
  }
  for (int i = 1; i <= 12; ++i)
    p.tasks.push_back(single(i, 1, {{7.5 * 3600 + 600.0 * i, 9 * 3600 + 600.0 * i}}, 1200));
  const Solution s = solve(p, iterations(300));
  const Validation v = check(p, s);
  EXPECT_EQ(v.tasks_served, 12);
}

TEST(Solver, NanTravelIsRejected) {
  Problem p = euclidean({{0, 0}, {std::nan(""), 0}}, 1);
  p.tasks = {single(1)};
  auto r = try_solve(p, iterations(10));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, Code::kInvalid);
}

TEST(Solver, NoTasksGivesAnEmptySolutionQuickly) {
  Problem p = euclidean({{0, 0}}, 2);
  SolveOptions o;
  o.seconds = 30;  // must not spin until the deadline
  const Solution s = solve(p, o);
  EXPECT_TRUE(s.routes.empty());
  EXPECT_TRUE(s.unassigned.empty());
}

TEST(Solver, PdpAndDarpDeterministicForASeed) {
  std::vector<Coord> c{{0, 0}};
  for (int i = 0; i < 30; ++i) c.push_back({std::fmod(i * 13.0, 40.0) - 20, std::fmod(i * 29.0, 40.0) - 20});
  Vehicle veh;
  veh.capacity.q[0] = 3;
  veh.max_duration = 400;
  Problem p = euclidean(c, 4, veh);
  for (int i = 1; i + 1 <= 30; i += 2) {
    Task r = pair(i, i + 1, 1, i % 4 == 1 ? TaskKind::kRide : TaskKind::kPickupDelivery);
    r.max_ride_time = 60;
    r.pickup.windows = {{0.0 + 5 * i, 120.0 + 5 * i}};
    p.tasks.push_back(r);
  }
  const Solution a = solve(p, iterations(300, 3));
  const Solution b = solve(p, iterations(300, 3));
  const Validation v = check(p, a);
  EXPECT_EQ(v.tasks_served, 15);
  EXPECT_EQ(sequences(a), sequences(b));
}

TEST(Solver, TimeBudgetWithInjectedClock) {
  ManualClock clock(0);
  Problem p = euclidean({{0, 0}, {10, 0}}, 1);
  p.tasks = {single(1)};
  SolveOptions o;
  o.seconds = 0.5;
  o.max_iterations = 1000;  // the manual clock never advances: the iteration limit stops the search
  o.clock = &clock;
  SolveStats st;
  auto r = try_solve(p, o, &st);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(st.iterations, 1000u);
}

}  // namespace
}  // namespace dongne::dispatch
