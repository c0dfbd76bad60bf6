#include "dispatch/engine/validator.h"

#include <gtest/gtest.h>

#include <cmath>
#include <memory>
#include <random>

namespace dongne::dispatch {
namespace {

// Points on the x axis; distance = travel time = |dx|.
class LineTravel : public TravelModel {
 public:
  explicit LineTravel(std::vector<double> xs) : xs_(std::move(xs)) {}
  Distance distance(LocationIndex a, LocationIndex b) const override { return std::fabs(xs_[a] - xs_[b]); }
  Time travel_time(LocationIndex a, LocationIndex b, Time) const override { return distance(a, b); }
  int32_t size() const override { return static_cast<int32_t>(xs_.size()); }

 private:
  std::vector<double> xs_;
};

Load q(int n) { return Load{{n, 0, 0}}; }

// Depot at x=0; locations 1..4 at x=10,20,30,40.
Problem base_problem() {
  Problem p;
  p.travel = std::make_shared<LineTravel>(std::vector<double>{0, 10, 20, 30, 40});
  Vehicle v;
  v.id = "v0";
  v.start = 0;
  v.end = 0;
  v.capacity = q(10);
  v.shift = {0, 1000};
  p.vehicles = {v, v};
  p.vehicles[1].id = "v1";
  return p;
}

Task single(const std::string& id, LocationIndex l, int demand, TimeWindow w = {}, Time service = 5) {
  Task t;
  t.id = id;
  t.kind = TaskKind::kSingle;
  t.pickup = Stop{l, service, {w}, q(demand)};
  return t;
}

Task pair(const std::string& id, LocationIndex a, LocationIndex b, int demand,
          TaskKind kind = TaskKind::kPickupDelivery) {
  Task t;
  t.id = id;
  t.kind = kind;
  t.pickup = Stop{a, 2, {}, q(demand)};
  t.delivery = Stop{b, 2, {}, q(demand)};
  return t;
}

struct Visit {
  StepType type;
  TaskIndex task = -1;
  int32_t break_index = -1;
};

// Earliest-start schedule of the visits (start and end depots added), with loads by the model.h convention.
Route schedule(const Problem& p, VehicleIndex vi, const std::vector<Visit>& visits, Time depart = 0) {
  const Vehicle& v = p.vehicles[vi];
  Route r;
  r.vehicle = vi;
  Load load;
  for (const Visit& x : visits)
    if (x.type == StepType::kSingle) load += p.tasks[x.task].pickup.load;
  RouteStep s0{StepType::kStart, -1, -1, depart, depart, depart, load};
  r.steps.push_back(s0);
  LocationIndex at = v.start;
  Time t = depart;
  for (const Visit& x : visits) {
    RouteStep st;
    st.type = x.type;
    st.task = x.task;
    st.break_index = x.break_index;
    if (x.type == StepType::kBreak) {
      const Break& b = v.breaks[x.break_index];
      st.arrival = t;
      st.service_start = std::max(t, b.window.start);
      st.departure = st.service_start + b.duration;
    } else {
      const Task& task = p.tasks[x.task];
      const Stop& stop = x.type == StepType::kDelivery ? task.delivery : task.pickup;
      st.arrival = t + p.travel->travel_time(at, stop.location, t);
      st.service_start = st.arrival;
      for (const TimeWindow& w : stop.windows)
        if (st.arrival <= w.end) {
          st.service_start = std::max(st.arrival, w.start);
          break;
        }
      st.departure = st.service_start + stop.service;
      at = stop.location;
      if (x.type == StepType::kSingle) load -= task.pickup.load;
      if (x.type == StepType::kPickup) load += task.pickup.load;
      if (x.type == StepType::kDelivery) load -= task.pickup.load;
    }
    st.load_after = load;
    t = st.departure;
    r.steps.push_back(st);
  }
  const Time back = t + p.travel->travel_time(at, v.end, t);
  r.steps.push_back(RouteStep{StepType::kEnd, -1, -1, back, back, back, load});
  return r;
}

bool mentions(const Validation& v, const std::string& needle) {
  for (const std::string& s : v.violations)
    if (s.find(needle) != std::string::npos) return true;
  return false;
}

TEST(Validator, FeasibleVrptwRouteAndFigures) {
  Problem p = base_problem();
  p.tasks = {single("a", 1, 3, {0, 100}), single("b", 3, 4, {50, 100})};
  Solution s{{schedule(p, 0, {{StepType::kSingle, 0}, {StepType::kSingle, 1}})}, {}};
  Validation v = validate(p, s);
  EXPECT_TRUE(v.feasible) << (v.violations.empty() ? "" : v.violations[0]);
  EXPECT_DOUBLE_EQ(v.distance, 60);
  EXPECT_DOUBLE_EQ(v.duration, 60);
  EXPECT_DOUBLE_EQ(v.cost, 60);
  EXPECT_DOUBLE_EQ(v.service, 10);
  EXPECT_DOUBLE_EQ(v.waiting, 50 - 35);
  EXPECT_EQ(v.vehicles_used, 1);
  EXPECT_EQ(v.tasks_served, 2);
  EXPECT_EQ(v.unassigned, 0);
  ASSERT_EQ(v.routes.size(), 1u);
  EXPECT_EQ(v.routes[0].loads[0], q(7));
  EXPECT_DOUBLE_EQ(v.routes[0].distances[3], 60);
}

TEST(Validator, ArrivalFasterThanTravelIsRejected) {
  Problem p = base_problem();
  p.tasks = {single("a", 2, 1)};
  Solution s{{schedule(p, 0, {{StepType::kSingle, 0}})}, {}};
  s.routes[0].steps[1].arrival = 5;  // needs 20
  s.routes[0].steps[1].service_start = 5;
  s.routes[0].steps[1].departure = 10;
  Validation v = validate(p, s);
  EXPECT_FALSE(v.feasible);
  EXPECT_TRUE(mentions(v, "earliest possible arrival is 20"));
}

TEST(Validator, TimeWindowOnServiceStart) {
  Problem p = base_problem();
  p.tasks = {single("a", 4, 1, {0, 30})};  // reachable only at 40
  Solution s{{schedule(p, 0, {{StepType::kSingle, 0}})}, {}};
  Validation v = validate(p, s);
  EXPECT_FALSE(v.feasible);
  EXPECT_TRUE(mentions(v, "outside its time windows"));
}

TEST(Validator, SecondOfMultipleWindowsAccepted) {
  Problem p = base_problem();
  p.tasks = {single("a", 4, 1)};
  p.tasks[0].pickup.windows = {{0, 30}, {60, 70}};
  Solution s{{schedule(p, 0, {{StepType::kSingle, 0}})}, {}};
  EXPECT_DOUBLE_EQ(s.routes[0].steps[1].service_start, 60);
  EXPECT_TRUE(validate(p, s).feasible);
  s.routes[0].steps[1].service_start = 50;  // between the windows
  s.routes[0].steps[1].departure = 55;
  EXPECT_FALSE(validate(p, s).feasible);
}

TEST(Validator, DepartureMustEqualServiceEnd) {
  Problem p = base_problem();
  p.tasks = {single("a", 1, 1)};
  Solution s{{schedule(p, 0, {{StepType::kSingle, 0}})}, {}};
  s.routes[0].steps[1].departure += 1;
  s.routes[0].steps[2].arrival += 1;
  EXPECT_TRUE(mentions(validate(p, s), "but service ends at"));
}

TEST(Validator, CapacityWithDepotDeliveries) {
  Problem p = base_problem();
  p.tasks = {single("a", 1, 6), single("b", 2, 6)};  // 12 leave the depot, capacity 10
  Solution s{{schedule(p, 0, {{StepType::kSingle, 0}, {StepType::kSingle, 1}})}, {}};
  Validation v = validate(p, s);
  EXPECT_FALSE(v.feasible);
  EXPECT_TRUE(mentions(v, "outside capacity"));
}

TEST(Validator, CapacityWithPairsOnBoard) {
  Problem p = base_problem();
  p.tasks = {pair("x", 1, 3, 6), pair("y", 2, 4, 6)};
  Solution ok{{schedule(p, 0,
                        {{StepType::kPickup, 0},
                         {StepType::kDelivery, 0},
                         {StepType::kPickup, 1},
                         {StepType::kDelivery, 1}})},
              {}};
  EXPECT_TRUE(validate(p, ok).feasible);
  Solution over{{schedule(p, 0,
                          {{StepType::kPickup, 0},
                           {StepType::kPickup, 1},
                           {StepType::kDelivery, 0},
                           {StepType::kDelivery, 1}})},
                {}};
  EXPECT_TRUE(mentions(validate(p, over), "outside capacity"));
}

TEST(Validator, LoadAfterMustMatch) {
  Problem p = base_problem();
  p.tasks = {pair("x", 1, 3, 2)};
  Solution s{{schedule(p, 0, {{StepType::kPickup, 0}, {StepType::kDelivery, 0}})}, {}};
  s.routes[0].steps[1].load_after = q(0);
  EXPECT_TRUE(mentions(validate(p, s), "load_after"));
}

TEST(Validator, DeliveryBeforePickup) {
  Problem p = base_problem();
  p.tasks = {pair("x", 1, 3, 1)};
  Solution s{{schedule(p, 0, {{StepType::kDelivery, 0}, {StepType::kPickup, 0}})}, {}};
  Validation v = validate(p, s);
  EXPECT_FALSE(v.feasible);
  EXPECT_TRUE(mentions(v, "delivered before it is picked up"));
  EXPECT_EQ(v.tasks_served, 0);
}

TEST(Validator, PairSplitAcrossVehicles) {
  Problem p = base_problem();
  p.tasks = {pair("x", 1, 3, 1)};
  Solution s{{schedule(p, 0, {{StepType::kPickup, 0}}), schedule(p, 1, {{StepType::kDelivery, 0}})}, {}};
  s.routes[0].steps[1].load_after = q(1);  // keep loads consistent so only pairing fails
  EXPECT_TRUE(mentions(validate(p, s), "different routes"));
}

// A vehicle that broke down: its route may stop without the end depot, and a rider it picked up is unassigned
// (stranded). The same route without the mark is still rejected on both counts.
TEST(Validator, BrokenDownRouteEndsEarlyWithAStrandedRider) {
  Problem p = base_problem();
  p.tasks = {pair("x", 1, 3, 1)};
  Route r = schedule(p, 0, {{StepType::kPickup, 0}});
  r.steps[1].load_after = q(1);
  r.steps.pop_back();  // no end step: it broke down after the pickup
  Solution s{{r}, {{0, "on board of a vehicle that broke down"}}};
  EXPECT_TRUE(mentions(validate(p, s), "last step is not the end depot"));
  EXPECT_TRUE(mentions(validate(p, s), "both served and listed"));
  s.routes[0].broken_down = true;
  const Validation v = validate(p, s);
  EXPECT_TRUE(v.violations.empty()) << (v.violations.empty() ? "" : v.violations[0]);
}

TEST(Validator, ServedTwiceMissingAndDoubleListed) {
  Problem p = base_problem();
  p.tasks = {single("a", 1, 1), single("b", 2, 1), single("c", 3, 1)};
  Solution s{{schedule(p, 0, {{StepType::kSingle, 0}, {StepType::kSingle, 0}, {StepType::kSingle, 2}})},
             {{2, "listed too"}}};
  Validation v = validate(p, s);
  EXPECT_TRUE(mentions(v, "task 'a' visited more than once"));
  EXPECT_TRUE(mentions(v, "task 'b' is neither served nor listed"));
  EXPECT_TRUE(mentions(v, "task 'c' is both served and listed"));
  EXPECT_EQ(v.unassigned, 1);
}

TEST(Validator, UnassignedIsFeasible) {
  Problem p = base_problem();
  p.tasks = {single("a", 1, 1), single("b", 2, 1)};
  Solution s{{schedule(p, 0, {{StepType::kSingle, 0}})}, {{1, "no time"}}};
  Validation v = validate(p, s);
  EXPECT_TRUE(v.feasible);
  EXPECT_EQ(v.tasks_served, 1);
  EXPECT_EQ(v.unassigned, 1);
}

TEST(Validator, WrongStepKindAndBadIndicesDoNotCrash) {
  Problem p = base_problem();
  p.tasks = {single("a", 1, 1)};
  Solution s{{schedule(p, 0, {{StepType::kSingle, 0}})}, {{7, "?"}}};
  s.routes[0].steps[1].type = StepType::kPickup;
  s.routes.push_back(Route{9, {}});
  s.routes.push_back(Route{0, {}});
  Validation v = validate(p, s);
  EXPECT_TRUE(mentions(v, "of the wrong kind"));
  EXPECT_TRUE(mentions(v, "vehicle index 9 out of range"));
  EXPECT_TRUE(mentions(v, "more than one route"));
  EXPECT_TRUE(mentions(v, "unassigned task index 7"));
  Route junk{1, {RouteStep{StepType::kSingle, 42}, RouteStep{StepType::kBreak, -1, 3}}};
  junk.steps[0].arrival = std::nan("");
  EXPECT_FALSE(validate(p, Solution{{junk}, {}}).feasible);
  EXPECT_FALSE(validate(Problem{}, s).feasible);  // no travel model
}

TEST(Validator, Skills) {
  Problem p = base_problem();
  p.tasks = {single("a", 1, 1)};
  p.tasks[0].required_skills = 0b10;
  p.vehicles[1].skills = 0b11;
  EXPECT_TRUE(
      mentions(validate(p, Solution{{schedule(p, 0, {{StepType::kSingle, 0}})}, {}}), "lacks a skill"));
  EXPECT_TRUE(validate(p, Solution{{schedule(p, 1, {{StepType::kSingle, 0}})}, {}}).feasible);
}

TEST(Validator, RideTimeFromEndOfPickupService) {
  Problem p = base_problem();
  p.tasks = {pair("r", 1, 3, 1, TaskKind::kRide), single("s", 4, 0, {}, 0)};
  p.tasks[0].max_ride_time = 20;  // direct ride 1->3 is 20
  Solution direct{
      {schedule(p, 0, {{StepType::kPickup, 0}, {StepType::kDelivery, 0}, {StepType::kSingle, 1}})}, {}};
  EXPECT_TRUE(validate(p, direct).feasible);
  // Detour via x=40 (service 0 there): ride = 30 + 10 = 40.
  Solution detour{
      {schedule(p, 0, {{StepType::kPickup, 0}, {StepType::kSingle, 1}, {StepType::kDelivery, 0}})}, {}};
  EXPECT_TRUE(mentions(validate(p, detour), "ride time 40 exceeds the maximum 20"));
  p.tasks[0].max_ride_time = kInfTime;
  p.tasks[0].ride_alpha = 1.5;
  p.tasks[0].ride_beta = 0;  // limit 30
  EXPECT_TRUE(mentions(validate(p, detour), "alpha*direct+beta = 30"));
}

TEST(Validator, MaxDurationWithDelayedDeparture) {
  Problem p = base_problem();
  p.tasks = {single("a", 2, 1, {100, 110}, 0)};
  p.vehicles[0].max_duration = 50;  // 20 out + 20 back, but the window forces waiting if we leave at 0
  Solution early{{schedule(p, 0, {{StepType::kSingle, 0}}, 0)}, {}};
  EXPECT_TRUE(mentions(validate(p, early), "exceeds the maximum 50"));
  Solution late{{schedule(p, 0, {{StepType::kSingle, 0}}, 80)}, {}};
  Validation v = validate(p, late);
  EXPECT_TRUE(v.feasible) << v.violations[0];
  EXPECT_DOUBLE_EQ(v.routes[0].span, 40);
}

TEST(Validator, ShiftEnd) {
  Problem p = base_problem();
  p.vehicles[0].shift = {0, 30};
  p.tasks = {single("a", 2, 1, {}, 0)};
  EXPECT_TRUE(mentions(validate(p, Solution{{schedule(p, 0, {{StepType::kSingle, 0}})}, {}}),
                       "after the shift ends"));
}

TEST(Validator, MaxWaitAtPickup) {
  Problem p = base_problem();
  p.tasks = {pair("r", 1, 2, 1, TaskKind::kRide)};
  p.tasks[0].pickup.windows = {{30, 40}};
  p.tasks[0].max_wait = 5;  // arrives at 10, waits 20
  EXPECT_TRUE(mentions(
      validate(p, Solution{{schedule(p, 0, {{StepType::kPickup, 0}, {StepType::kDelivery, 0}})}, {}}),
      "max wait"));
}

TEST(Validator, Breaks) {
  Problem p = base_problem();
  p.tasks = {single("a", 1, 1), single("b", 2, 1)};
  p.vehicles[0].breaks = {Break{{20, 30}, 10}};
  Solution s{{schedule(p, 0, {{StepType::kSingle, 0}, {StepType::kBreak, -1, 0}, {StepType::kSingle, 1}})},
             {}};
  Validation v = validate(p, s);
  EXPECT_TRUE(v.feasible) << v.violations[0];
  EXPECT_DOUBLE_EQ(v.distance, 40);
  // Travel then break at the next stop's location is accepted too: arrive b at 25, break 25..35, serve b
  // at 35.
  Route& r = s.routes[0];
  r.steps[2].arrival = 25;  // break after travelling to b
  r.steps[2].service_start = 25;
  r.steps[2].departure = 35;
  r.steps[3].arrival = r.steps[3].service_start = 35;
  r.steps[3].departure = 40;
  r.steps[4].arrival = r.steps[4].service_start = r.steps[4].departure = 60;
  v = validate(p, s);
  EXPECT_TRUE(v.feasible) << v.violations[0];
  Solution missing{{schedule(p, 0, {{StepType::kSingle, 0}, {StepType::kSingle, 1}})}, {}};
  EXPECT_TRUE(mentions(validate(p, missing), "break 0 not taken"));
  p.vehicles[0].breaks[0].window = {0, 5};
  EXPECT_TRUE(mentions(validate(p, s), "outside [0, 5]"));
}

// Garbage solutions (random step kinds, indices out of range, NaN and negative times) are reported, never
// crash.
TEST(Validator, RandomGarbageSolutionsDoNotCrash) {
  Problem p = base_problem();
  p.tasks = {single("a", 1, 1), pair("x", 2, 3, 2), pair("r", 3, 4, 1, TaskKind::kRide)};
  p.tasks[2].ride_alpha = 1.5;
  p.vehicles[0].breaks = {Break{{0, 50}, 5}};
  p.vehicles[1].start = -1;
  p.vehicles[1].end = -1;
  std::mt19937 rng(12345);
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  const double times[] = {0, 1, 10, 100, -5, std::nan(""), kInfTime, 1e300};
  int feasible = 0;
  for (int iter = 0; iter < 3000; ++iter) {
    Solution s;
    for (int r = pick(0, 3); r > 0; --r) {
      Route route{pick(-1, 2), {}};
      for (int k = pick(0, 7); k > 0; --k) {
        RouteStep st;
        st.type = static_cast<StepType>(pick(0, 5));
        st.task = pick(-1, 3);
        st.break_index = pick(-1, 1);
        st.arrival = times[pick(0, 7)];
        st.service_start = pick(0, 1) ? st.arrival : times[pick(0, 7)];
        st.departure = times[pick(0, 7)];
        st.load_after = q(pick(-1, 3));
        route.steps.push_back(st);
      }
      s.routes.push_back(route);
    }
    for (int u = pick(0, 2); u > 0; --u) s.unassigned.push_back({pick(-1, 3), "?"});
    const Validation v = validate(p, s);
    EXPECT_EQ(v.feasible, v.violations.empty());
    feasible += v.feasible;
  }
  EXPECT_LT(feasible, 3000);
}

}  // namespace
}  // namespace dongne::dispatch
