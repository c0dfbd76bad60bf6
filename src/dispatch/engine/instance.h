// The solver's compiled view of a validated Problem: stops as numbered nodes (task t: pickup/single node 2t,
// delivery node 2t+1), compact travel matrices over the locations actually used, task neighbourhoods, and
// vehicle compatibility. Internal to the engine. Thread-safety: immutable after construction; holds a reference to
// the Problem, which must outlive it. Construction assumes check_problem() passed.
#pragma once

#include <vector>

#include "dispatch/engine/model.h"

namespace dongne::dispatch::detail {

enum class Role : uint8_t { kSingle, kPickup, kDelivery };

struct NodeData {
  int32_t loc = -1;  // compact location
  Time service = 0;
  int32_t w_begin = 0, w_end = 0;  // windows [w_begin, w_end) in Instance::windows; empty range = always open
  Time lo = 0, hi = kInfTime;      // earliest window start, latest window end
  Load delta;                      // load change when leaving (single: -q, pickup: +q, delivery: -q)
  int32_t task = -1;
  Role role = Role::kSingle;
};

struct VehicleData {
  int32_t start = -1, end = -1;  // compact locations or -1
  bool fast = false;             // O(1) slack checks are exact for this vehicle (see Instance::fast_possible)
  bool needs_delay = false;      // route duration or ride limits: the schedule must shift waiting (8-step)
  int32_t cls = 0;               // identical vehicles share a class (only one empty vehicle per class is tried)
  double cpd = 1, cpt = 0;       // cost per distance and per travel time unit
};

class Instance {
 public:
  // all_locations: index every location of the travel model (so tasks added later need no new matrix rows).
  explicit Instance(const Problem& p, bool all_locations = false);

  // For live plans (realtime.h), after the caller changed `problem`: a task appended at the end, a task whose
  // stops or limits changed, a vehicle whose start, shift or breaks changed. Requires all_locations.
  void add_task();
  void reload_task(int32_t t);
  void reload_vehicle(int32_t v);

  const Problem& problem;
  int32_t n_tasks = 0;
  std::vector<NodeData> node;  // 2 * n_tasks
  std::vector<TimeWindow> windows;
  std::vector<VehicleData> veh;
  std::vector<Time> ride_limit;  // per task; kInfTime when none (for time-dependent travel, alpha uses depart 0)
  std::vector<std::vector<int32_t>> near;  // per task: other tasks by increasing distance (capped)
  bool time_dependent = false;
  bool any_ride = false;

  bool pair(int32_t t) const { return problem.tasks[t].kind != TaskKind::kSingle; }
  int32_t nloc() const { return nloc_; }
  Distance dist(int32_t a, int32_t b) const { return (a < 0 || b < 0) ? 0.0 : d_[idx(a, b)]; }
  // Exact travel time for static models; for time-dependent ones a lower bound (tt_lb) or the model (tt).
  Time tt_lb(int32_t a, int32_t b) const { return (a < 0 || b < 0) ? 0.0 : t_[idx(a, b)]; }
  Time tt(int32_t a, int32_t b, Time depart) const {
    if (a < 0 || b < 0) return 0.0;
    return time_dependent ? problem.travel->travel_time(orig_[a], orig_[b], depart) : t_[idx(a, b)];
  }
  bool compatible(int32_t task, int32_t v) const { return compat_[static_cast<size_t>(task) * veh.size() + v]; }
  void set_incompatible(int32_t task, int32_t v) { compat_[static_cast<size_t>(task) * veh.size() + v] = 0; }
  // Unassigned-weight of a task: 1 + max(priority, 0) (hierarchical objective, first level).
  double weight(int32_t task) const { return 1.0 + std::max<int32_t>(problem.tasks[task].priority, 0); }
  int32_t original_location(int32_t compact) const { return orig_[compact]; }
  // False when the travel model returned NaN or negative values between the locations in use.
  bool travel_sane() const;

 private:
  size_t idx(int32_t a, int32_t b) const { return static_cast<size_t>(a) * nloc_ + b; }
  int32_t use(LocationIndex l);
  void load_task(int32_t t);
  void load_compat(int32_t t);
  void load_near(int32_t t);
  void load_vehicle_flags();
  bool all_locations_ = false;
  bool multi_windows_ = false;
  std::vector<int32_t> compact_;  // problem location -> compact (all_locations: identity)
  int32_t nloc_ = 0;
  std::vector<int32_t> orig_;
  std::vector<Distance> d_;
  std::vector<Time> t_;
  std::vector<uint8_t> compat_;
};

}  // namespace dongne::dispatch::detail
