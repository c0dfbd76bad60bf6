// Small hand-made problems shared by the engine's tests (test-only header; no .cpp).
// Thread-safety: builders return fresh values. Errors: none.
#pragma once

#include <memory>
#include <vector>

#include "dispatch/engine/model.h"
#include "dispatch/engine/travel.h"

namespace dongne::dispatch::testing {

// Euclidean problem; location 0 is the depot; `vehicles` copies of `v` (start/end 0 unless set otherwise).
inline Problem euclidean(std::vector<Coord> coords, int vehicles, Vehicle v = {}) {
  Problem p;
  p.locations = coords;
  p.travel = std::make_shared<EuclideanTravel>(std::move(coords));
  if (v.start == -1 && v.end == -1 && v.id.empty()) v.start = v.end = 0;
  if (v.capacity == Load{}) v.capacity.q[0] = 1000;
  for (int i = 0; i < vehicles; ++i) {
    Vehicle c = v;
    c.id = "v" + std::to_string(i);
    p.vehicles.push_back(c);
  }
  return p;
}

inline Task single(LocationIndex loc, int demand = 1, std::vector<TimeWindow> w = {}, Time service = 0) {
  Task t;
  t.kind = TaskKind::kSingle;
  t.pickup.location = loc;
  t.pickup.load.q[0] = demand;
  t.pickup.windows = std::move(w);
  t.pickup.service = service;
  return t;
}

inline Task pair(LocationIndex from, LocationIndex to, int demand = 1, TaskKind kind = TaskKind::kPickupDelivery) {
  Task t;
  t.kind = kind;
  t.pickup.location = from;
  t.pickup.load.q[0] = demand;
  t.delivery.location = to;
  return t;
}

}  // namespace dongne::dispatch::testing
