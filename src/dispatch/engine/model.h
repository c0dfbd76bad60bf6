// The dispatch engine's problem and solution model: plain structs, no I/O, no JSON.
// One model covers time-windowed visits (VRPTW), pickup-and-delivery pairs (PDPTW) and dial-a-ride (DARP).
// Thread-safety: values; a Problem is read-only while a solver runs and may be shared by const reference.
#pragma once

#include <array>
#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <vector>

namespace dongne::dispatch {

// Units. The engine is unit-agnostic but consistent: the services use seconds and metres; benchmark instances use
// their own units (Solomon, Li & Lim, Cordeau: Euclidean distance, travel time = distance). Double precision,
// never rounded, so reported costs match the literature's convention.
using Time = double;      // seconds (services) or instance time units
using Distance = double;  // metres (services) or instance distance units
using Cost = double;      // objective units: distance (or duration) plus fixed vehicle costs
constexpr Time kInfTime = std::numeric_limits<double>::infinity();

using LocationIndex = int32_t;  // index into Problem::locations / the travel model
using TaskIndex = int32_t;      // index into Problem::tasks
using VehicleIndex = int32_t;   // index into Problem::vehicles

// Multi-dimensional load: e.g. {seats, wheelchair places, suitcases}. Unused dimensions stay 0.
constexpr int kLoadDims = 3;
struct Load {
  std::array<int32_t, kLoadDims> q{};
  Load& operator+=(const Load& o) { for (int i = 0; i < kLoadDims; ++i) q[i] += o.q[i]; return *this; }
  Load& operator-=(const Load& o) { for (int i = 0; i < kLoadDims; ++i) q[i] -= o.q[i]; return *this; }
  friend Load operator+(Load a, const Load& b) { return a += b; }
  friend Load operator-(Load a, const Load& b) { return a -= b; }
  // True when every dimension of this fits within `cap`.
  bool fits(const Load& cap) const { for (int i = 0; i < kLoadDims; ++i) if (q[i] > cap.q[i]) return false; return true; }
  bool non_negative() const { for (int v : q) if (v < 0) return false; return true; }
  friend bool operator==(const Load&, const Load&) = default;
};

struct TimeWindow {
  Time start = 0;
  Time end = kInfTime;
  bool contains(Time t) const { return t >= start && t <= end; }
};

struct Coord {
  double x = 0;  // Euclidean x, or longitude in degrees for haversine
  double y = 0;  // Euclidean y, or latitude in degrees for haversine
};

// Travel between locations. Implementations: a given matrix, Euclidean, haversine with time-of-day speed profiles
// (travel.h). travel_time may depend on the departure time; it must be FIFO (leaving later never arrives earlier).
class TravelModel {
 public:
  virtual ~TravelModel() = default;
  virtual Distance distance(LocationIndex from, LocationIndex to) const = 0;
  virtual Time travel_time(LocationIndex from, LocationIndex to, Time depart) const = 0;
  virtual int32_t size() const = 0;  // number of locations
};

// Skills and languages are interned into bit positions (0..63) by whoever builds the Problem.
using SkillSet = uint64_t;

struct Break {
  TimeWindow window;  // the break must start inside this window
  Time duration = 0;
};

struct Vehicle {
  std::string id;
  LocationIndex start = -1;  // -1: the route starts at its first stop
  LocationIndex end = -1;    // -1: open route, ends at its last stop
  Load capacity;
  TimeWindow shift;          // leave start no earlier than shift.start, be back at end no later than shift.end
  Time max_duration = kInfTime;  // route duration limit (return - departure), e.g. Cordeau's T
  std::vector<Break> breaks;
  SkillSet skills = 0;
  Cost fixed_cost = 0;       // added once if the vehicle is used
  double cost_per_distance = 1.0;
  double cost_per_time = 0.0;
};

// A place where service happens.
struct Stop {
  LocationIndex location = -1;
  Time service = 0;                  // service duration
  std::vector<TimeWindow> windows;   // service must START inside one of them; empty = always
  Load load;                         // see Task for the sign convention
};

enum class TaskKind {
  kSingle,          // one stop (a home visit, a Solomon customer): `pickup` holds the stop
  kPickupDelivery,  // a pair on the same vehicle, pickup before delivery (luggage, Li & Lim)
  kRide,            // a dial-a-ride request: a pair with a maximum ride time and maximum wait (Cordeau, shuttle)
};

// Load convention (as in VROOM): a kSingle task's load is a delivery from the route's start depot: the vehicle
// leaves the depot carrying the sum of its single tasks' loads and drops each at its stop. A pair's load is
// carried from pickup to delivery. Capacity must hold at every point of the route.
struct Task {
  std::string id;
  TaskKind kind = TaskKind::kSingle;
  Stop pickup;    // the stop for kSingle; the pickup for pairs and rides
  Stop delivery;  // unused for kSingle
  SkillSet required_skills = 0;  // a vehicle must have all of them
  int32_t priority = 0;          // higher is served first when not all can be served
  // Ride limits (kRide; also honoured for kPickupDelivery when set):
  // ride time = delivery service start - (pickup service start + pickup service); must be <= max_ride_time and
  // <= ride_alpha * direct_travel_time + ride_beta when ride_alpha > 0.
  Time max_ride_time = kInfTime;
  double ride_alpha = 0;
  Time ride_beta = 0;
  Time max_wait = kInfTime;  // longest wait at the pickup before service may start (on-demand shuttle promise)
  // External identity for output: for instance files, the node numbers of the stops in that file.
  int64_t pickup_external_id = -1;
  int64_t delivery_external_id = -1;
};

enum class Metric { kDistance, kDuration };

// Objectives in strict order: most tasks served (priority-weighted), then fewest vehicles (if minimise_vehicles),
// then the least routing cost (metric * per-unit cost + fixed costs).
struct Objective {
  bool minimise_vehicles = true;
  Metric metric = Metric::kDistance;
};

struct Problem {
  std::vector<Coord> locations;              // may be empty when only a matrix is given
  std::shared_ptr<const TravelModel> travel;
  std::vector<Vehicle> vehicles;
  std::vector<Task> tasks;
  Objective objective;
  // External ids of depots for output (e.g. Solomon node 0, Cordeau nodes 0 and 2n+1); -1 if none.
  int64_t start_depot_external_id = -1;
  int64_t end_depot_external_id = -1;
};

enum class StepType { kStart, kSingle, kPickup, kDelivery, kBreak, kEnd };

// The step's name as VROOM writes it ("start", "job", "pickup", "delivery", "break", "end").
inline const char* step_type_name(StepType t) {
  switch (t) {
    case StepType::kStart: return "start";
    case StepType::kSingle: return "job";
    case StepType::kPickup: return "pickup";
    case StepType::kDelivery: return "delivery";
    case StepType::kBreak: return "break";
    case StepType::kEnd: return "end";
  }
  return "job";
}

struct RouteStep {
  StepType type = StepType::kSingle;
  TaskIndex task = -1;    // -1 for start, end and break
  int32_t break_index = -1;
  Time arrival = 0;
  Time service_start = 0;
  Time departure = 0;
  Load load_after;        // load on board when leaving this step
};

struct Route {
  VehicleIndex vehicle = -1;
  std::vector<RouteStep> steps;  // kStart first and kEnd last when the vehicle has those depots
  // The vehicle broke down (LivePlan::breakdown): the route is what it did before, ending at its last step, with
  // no end depot; a rider it still carried is unassigned (to be rescued).
  bool broken_down = false;
};

struct Unassigned {
  TaskIndex task = -1;
  std::string reason;  // e.g. "no vehicle has skill 'wheelchair'", "time window unreachable"
};

struct Solution {
  std::vector<Route> routes;  // only used vehicles
  std::vector<Unassigned> unassigned;
};

}  // namespace dongne::dispatch
