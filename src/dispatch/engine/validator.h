// An independent checker for dispatch solutions: recomputes every route from the Problem alone (travel from
// problem.travel, loads, windows, pairing, ride times, breaks, shifts) and reports every violation it finds.
// Pure function; thread-safe for concurrent calls on shared const inputs. Never throws on bad solutions.
#pragma once

#include <string>
#include <vector>

#include "dispatch/engine/model.h"

namespace dongne::dispatch {

// Figures recomputed for one route of the solution (same order as Solution::routes).
struct RouteFigures {
  Distance distance = 0;  // sum of travelled distances
  Time travel_time = 0;   // sum of travel times (time-dependent travel evaluated at the step's departure)
  Time service = 0;       // sum of service durations at task steps
  Time waiting = 0;       // sum of (service_start - arrival) at task steps
  Time span = 0;          // route end - route begin (see validator.cpp: begin/end of a route)
  Cost cost = 0;  // fixed cost (if the route serves a task) + per-distance + per-time (travel time) costs
  std::vector<Load> loads;          // recomputed load on board when leaving each step
  std::vector<Distance> distances;  // cumulative distance on arrival at each step
  std::vector<Time> travel_times;   // cumulative travel time on arrival at each step
};

struct Validation {
  bool feasible = true;                 // no violation found
  std::vector<std::string> violations;  // one English sentence each, naming the route, step and task
  Distance distance = 0;                // total over routes
  Time duration = 0;                    // total travel time over routes (VROOM's "duration")
  Cost cost = 0;                        // total cost over routes (RouteFigures::cost)
  int vehicles_used = 0;                // routes that serve at least one task
  int tasks_served = 0;                 // tasks whose every stop appears once, correctly
  int unassigned = 0;                   // entries of Solution::unassigned
  Time service = 0;                     // total service at task steps
  Time waiting = 0;                     // total waiting at task steps
  std::vector<RouteFigures> routes;
};

// Absolute slack allowed when comparing times and ride limits (floating-point noise, not a modelling
// tolerance).
constexpr double kValidationEpsilon = 1e-6;

Validation validate(const Problem& problem, const Solution& solution);

}  // namespace dongne::dispatch
