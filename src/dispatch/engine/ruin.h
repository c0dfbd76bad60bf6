// Ruin operators of the large-neighbourhood search: random, related (Shaw), adjacent strings (SISR, Christiaens
// & Vanden Berghe 2020) and whole-route removal. Removed tasks go to SolState::pool (pairs leave together).
// Internal. Thread-safety: mutate the given state only; deterministic for a given Rng state.
#pragma once

#include "dispatch/engine/search_state.h"

namespace dongne::dispatch::detail {

enum class RuinKind { kRandom, kRelated, kString, kRoute };

// Removes about `amount` tasks (at least one when any task is routed).
void ruin(const Instance& in, SolState& s, Rng& rng, RuinKind kind, int32_t amount);

// Removes every task of vehicle v's route.
void remove_route(const Instance& in, SolState& s, int32_t v);

}  // namespace dongne::dispatch::detail
