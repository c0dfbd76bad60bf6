// Local-search descent over the move classes in operators/ (relocate, exchange, 2-opt*, pair relocate), first
// improvement between every two used routes, until no move improves or the check budget is spent. Internal.
// Thread-safety: mutates the given state only. Never makes a feasible state infeasible.
#pragma once

#include "dispatch/engine/search_state.h"

namespace dongne::dispatch::detail {

// Returns the number of improving moves applied.
int32_t local_search(const Instance& in, SolState& s, int64_t max_exact_checks = 200000);

}  // namespace dongne::dispatch::detail
