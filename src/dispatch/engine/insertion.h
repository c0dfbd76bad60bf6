// Insertion of tasks into routes: the cheapest feasible position of one task in one route (O(1) slack checks per
// position for single-window static problems; a filtered candidate list with exact checks otherwise), and the
// recreate heuristics built on it: sequential greedy with blinks (SISR) and regret-k. Internal to the engine.
// Thread-safety: functions of their arguments; the state is mutated by one thread.
#pragma once

#include <vector>

#include "dispatch/engine/search_state.h"

namespace dongne::dispatch::detail {

struct InsertPos {
  int32_t v = -1;       // vehicle (route)
  int32_t i = -1;       // stop goes after position i (0 = start)
  int32_t j = -1;       // pair: delivery goes after original position j (j >= i; j == i means right after pickup)
  Cost delta = kInfTime;
};

// Cheapest feasible insertion of task t into route v; delta = kInfTime when none. `blink` skips each feasible
// position with that probability (needs rng).
InsertPos best_insertion(const Instance& in, const SolState& s, int32_t v, int32_t t, double blink = 0,
                         Rng* rng = nullptr);

// Applies an insertion found by best_insertion and refreshes the route. Returns false (and leaves the state
// unchanged) if the route would be infeasible.
bool apply_insertion(const Instance& in, SolState& s, int32_t t, const InsertPos& p);

struct RecreateLimits {
  int32_t max_routes = 1 << 30;  // at most this many non-empty routes (fleet minimisation)
};

// Inserts pool tasks in the given order, each at its cheapest position over all routes (one empty vehicle per
// class). Tasks that fit nowhere stay in the pool.
void recreate_greedy(const Instance& in, SolState& s, std::vector<int32_t> order, double blink, Rng& rng,
                     const RecreateLimits& lim);

// Regret-k insertion of all pool tasks (k >= 1; k == 1 is plain best-first greedy).
void recreate_regret(const Instance& in, SolState& s, int32_t k, const RecreateLimits& lim);

// Vehicles worth trying for task t: every non-empty compatible route plus the first empty vehicle of each class.
void candidate_vehicles(const Instance& in, const SolState& s, int32_t t, const RecreateLimits& lim,
                        std::vector<int32_t>& out);

}  // namespace dongne::dispatch::detail
