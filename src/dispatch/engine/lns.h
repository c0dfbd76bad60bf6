// The search: construction (regret insertion), then ruin-and-recreate with simulated annealing, preceded by a
// fleet-minimisation phase (remove a route, reinsert its tasks under a route limit with absence counters, as in
// SISR, Christiaens & Vanden Berghe 2020), and local-search descent on new best solutions. Internal.
// Thread-safety: one search per thread; reads the Instance, owns its states. Deterministic for a seed when it is
// stopped by an iteration count; a time limit makes the result depend on machine speed.
#pragma once

#include <cstdint>

#include "core/clock.h"
#include "dispatch/engine/search_state.h"

namespace dongne::dispatch::detail {

struct SearchControl {
  const Clock* clock = nullptr;  // may be null when only iterations limit the search
  double seconds = 0;            // <= 0: no time limit
  uint64_t max_iterations = 0;   // 0: no iteration limit
  EpochMs started_ms = 0;
};

struct SearchParams {
  uint64_t seed = 1;
  double fleet_share = 0.5;    // fraction of the budget given to fleet minimisation (when vehicles count)
  int32_t mean_removed = 10;   // SISR's average number of removed tasks
  bool construct = true;       // run regret construction on the pool first
  double t_start = 20.0;       // annealing temperature at the start / end, in units of the mean arc cost
  double t_end = 0.01;
  uint64_t fleet_patience = 30000;  // iterations without progress before a hopeless route removal is abandoned
};

struct SearchStats {
  uint64_t iterations = 0;
  uint64_t fleet_iterations = 0;
  int32_t routes_removed = 0;
};

// Improves `s` (whose pool holds tasks still to place) and returns the best state found.
SolState search(const Instance& in, SolState s, const SearchControl& ctl, const SearchParams& par,
                SearchStats* stats = nullptr);

}  // namespace dongne::dispatch::detail
