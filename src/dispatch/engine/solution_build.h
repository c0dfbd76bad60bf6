// Conversion of the search state to the public Solution (routes with full schedules, unassigned with reasons).
// Internal. Thread-safety: pure function of its arguments.
#pragma once

#include <string>
#include <vector>

#include "dispatch/engine/search_state.h"

namespace dongne::dispatch::detail {

// reasons[t]: why task t can never be served ("" when it could be); tasks left in the pool without a reason get
// "no feasible insertion found (capacity, windows or fleet exhausted)".
Solution build_solution(const Instance& in, const SolState& s, const std::vector<std::string>& reasons);

}  // namespace dongne::dispatch::detail
