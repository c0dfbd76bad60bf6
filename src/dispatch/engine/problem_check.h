// Entry checks for a dispatch Problem: structural validation (indices, NaN, negative durations, reversed windows)
// returned as an Error value with one FieldError per problem, and per-task reasons why no vehicle can ever serve
// a task (skills, capacity, windows, ride limits). Pure functions; thread-safe on shared const inputs.
#pragma once

#include <string>
#include <vector>

#include "core/result.h"
#include "dispatch/engine/instance.h"

namespace dongne::dispatch {

// kInvalid with field errors (e.g. field "tasks[3].pickup.windows[0]") when the problem cannot be solved as given.
Status check_problem(const Problem& p);
// The same checks for one task to be added to `p` (field names start with "task").
Status check_task(const Problem& p, const Task& t);

namespace detail {

// For every task, "" when some vehicle can serve it alone, else a human-readable reason. Also marks
// (task, vehicle) pairs that can never work as incompatible in `in`.
std::vector<std::string> unservable_reasons(Instance& in);

}  // namespace detail
}  // namespace dongne::dispatch
