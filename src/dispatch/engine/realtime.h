// Live plans for real-time dispatch: current routes whose first stops are committed (driven or promised and no
// longer movable), with one-request insertion (cheapest feasible place, promises kept), vehicle delays,
// breakdowns, cancellations and re-optimisation of the uncommitted parts only.
// Thread-safety: a LivePlan is not thread-safe; callers serialise access (one plan per dispatch area).
// Errors are values: kInvalid for malformed input, kConflict when a request cannot be served or a task has
// already been picked up, kNotFound for unknown indices.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/result.h"
#include "dispatch/engine/model.h"
#include "dispatch/engine/solver.h"

namespace dongne::dispatch {

struct LiveInsertion {
  TaskIndex task = -1;
  VehicleIndex vehicle = -1;
  Time pickup_eta = 0;    // planned service start at the pickup (or the single stop)
  Time delivery_eta = 0;  // planned service start at the delivery (pairs and rides)
  Cost added_cost = 0;
};

// A promise that can no longer be kept: a window or ride limit that will be missed, or a rider stranded.
struct BrokenPromise {
  TaskIndex task = -1;
  std::string what;  // English sentence for the operator
};

enum class LiveStatus { kPlanned, kOnboard, kDone, kRejected, kCancelled, kUnserved };

class LivePlan {
 public:
  // `problem`'s vehicles and travel model are the fleet; its tasks (if any) are planned by an initial solve with
  // `initial`. Locations used by later requests must exist in problem.travel (all are indexed up front).
  static Result<LivePlan> create(Problem problem, const SolveOptions& initial = {});
  LivePlan(LivePlan&&) noexcept;
  LivePlan& operator=(LivePlan&&) noexcept;
  ~LivePlan();

  // Adds a request and plans it at its cheapest feasible place without moving committed stops or breaking any
  // window or ride limit already planned. kConflict (reason "no_feasible_insertion") when it fits nowhere; the
  // task then stays in problem() with status kRejected. With `only` >= 0 the task may go on that vehicle alone,
  // now and in every later re-plan (an operator's assignment, a rider already on board after a restart).
  // `thorough` false: only the routes passing nearest to the pickup are tried (fast; may miss a place that exists,
  // never finds one that breaks a promise), e.g. to look for a later time to offer.
  Result<LiveInsertion> insert(Task task, VehicleIndex only = -1, bool thorough = true);
  // The first `stops` planned stops of vehicle v become committed (e.g. the driver is on the way or done).
  // `departed` >= 0: the vehicle actually left the last of them then; an earlier departure than planned frees the
  // vehicle earlier (a later one is a delay()).
  Status commit(VehicleIndex v, int32_t stops, Time departed = -1);
  // Vehicle v is `delay` late from now on: later stops shift; tasks that then miss their windows are moved to
  // other vehicles when possible; what cannot be kept is reported.
  Result<std::vector<BrokenPromise>> delay(VehicleIndex v, Time delay);
  // Vehicle v cannot leave its current place before `t` (a driver's position says it is further away than planned):
  // as delay() by however much later than its current earliest departure that is; nothing when it is not later.
  Result<std::vector<BrokenPromise>> available_from(VehicleIndex v, Time t);
  // Vehicle v is out of service: its uncommitted tasks are re-planned on other vehicles (a pin to v is void);
  // riders on board and tasks that fit nowhere are reported.
  Result<std::vector<BrokenPromise>> breakdown(VehicleIndex v);
  // Cancels a task that has not been picked up.
  Status cancel(TaskIndex t);
  // Ruin-and-recreate on the uncommitted parts (committed stops and riders' vehicles stay as they are).
  SolveStats reoptimise(const SolveOptions& budget);

  // Committed history plus the current plan, against problem() (validate(problem(), solution()) holds while no
  // promise was broken).
  Solution solution() const;
  const Problem& problem() const;
  LiveStatus status(TaskIndex t) const;
  // Planned (uncommitted) stops of vehicle v, as task indices in visiting order (a pair appears twice).
  std::vector<TaskIndex> planned_stops(VehicleIndex v) const;

 private:
  struct Impl;
  explicit LivePlan(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace dongne::dispatch
