// Exact evaluation of one vehicle's route (a sequence of nodes): loads, time windows (several per stop), breaks
// placed greedily in the gaps, shift and maximum duration, and ride times with the Cordeau & Laporte (2003)
// eight-step schedule (departure delay and forward-slack shifting of waiting). Internal to the engine.
// Thread-safety: reentrant (per-thread scratch). Never throws; infeasibility is a value (Eval::fail).
#pragma once

#include <vector>

#include "dispatch/engine/instance.h"

namespace dongne::dispatch::detail {

enum class Fail : uint8_t { kNone, kCapacity, kWindow, kShift, kDuration, kRide, kBreak };

const char* fail_text(Fail f);

struct Eval {
  bool ok = false;
  Fail fail = Fail::kNone;
  Cost cost = 0;          // fixed cost (when the route serves a task) + cpd * distance + cpt * travel time
  Distance distance = 0;
  Time travel = 0;
  Time begin = 0, end = 0;
};

// Evaluates `nodes[0..m)` on vehicle `v`. The caller guarantees each pair's pickup precedes its delivery.
// When `steps` is given and the route is feasible, it receives the full schedule (start, breaks, stops, end).
Eval evaluate_route(const Instance& in, int32_t v, const int32_t* nodes, int32_t m,
                    std::vector<RouteStep>* steps = nullptr);

inline Eval evaluate_route(const Instance& in, int32_t v, const std::vector<int32_t>& nodes,
                           std::vector<RouteStep>* steps = nullptr) {
  return evaluate_route(in, v, nodes.data(), static_cast<int32_t>(nodes.size()), steps);
}

}  // namespace dongne::dispatch::detail
