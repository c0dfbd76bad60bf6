// The dispatch solver: construction, fleet minimisation, ruin-and-recreate with simulated annealing and local
// search, for VRPTW, PDPTW and DARP (see model.h). Pure library: no I/O; the only clock is SolveOptions::clock.
// Thread-safety: solve() may run concurrently on different (or shared const) Problems. Errors: an invalid Problem
// is reported as a value (try_solve) or as every task unassigned with the reason (solve); never a crash.
#pragma once

#include <cstdint>
#include <string>

#include "core/clock.h"
#include "core/result.h"
#include "dispatch/engine/model.h"

namespace dongne::dispatch {

// Determinism: the search is a pure function of (problem, seed, iteration count). With seconds == 0 and
// max_iterations > 0 the result is fully deterministic. With a time budget the search stops at the deadline, so
// the number of iterations (and the result) depends on machine speed and load.
struct SolveOptions {
  double seconds = 1.0;          // time budget (<= 0: none)
  uint64_t seed = 1;
  uint64_t max_iterations = 0;   // ruin-and-recreate iterations (0: none); whichever limit comes first stops
  const Clock* clock = nullptr;  // nullptr: the system clock
  double fleet_share = 0.5;      // share of the budget spent removing routes (when the objective counts vehicles)
  int32_t mean_removed = 10;     // average tasks removed per ruin
  double temperature_start = 20.0;  // simulated annealing, in units of the mean arc cost of the first solution
  double temperature_end = 0.01;
  uint64_t fleet_patience = 30000;  // fleet phase: give up a route removal that leaves > 2 tasks out this long
};

struct SolveStats {
  uint64_t iterations = 0;
  uint64_t fleet_iterations = 0;
  int32_t routes_removed = 0;
  double seconds = 0;  // elapsed by the clock (0 when no clock was read)
};

// kInvalid with field errors when the problem is malformed (bad indices, NaN, negative durations, ...).
Result<Solution> try_solve(const Problem& problem, const SolveOptions& options, SolveStats* stats = nullptr);

// Like try_solve, but an invalid problem yields a Solution with every task unassigned and the reason.
Solution solve(const Problem& problem, const SolveOptions& options);

}  // namespace dongne::dispatch
