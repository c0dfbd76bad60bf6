// VROOM-compatible JSON at the edge of the dispatch engine: read a VROOM input document into a Problem, and
// write a Solution as a VROOM-style output document whose figures come from the validator, not the solver.
// Pure functions, thread-safe. Malformed input gives Code::kInvalid naming the JSON path; nothing throws.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"
#include "dispatch/engine/model.h"
#include "dispatch/engine/validator.h"

namespace dongne::dispatch::formats {

// Reads `vehicles` (id, start/end or start_index/end_index, capacity, time_window, skills, breaks, costs,
// max_travel_time), `jobs` (id, location/location_index, service, delivery, skills, priority, time_windows),
// `shipments` (pickup/delivery steps, amount, skills, priority) and travel from `matrices` (one profile:
// durations, optional distances) or legacy `matrix`, else haversine over [lon, lat] at kDefaultSpeed.
// Cost as in VROOM: per_hour (default 3600) per travel hour, per_km (default 0), fixed; no vehicle-count
// level. Not supported (rejected with a clear error rather than silently ignored): job `pickup` amounts,
// non-zero `setup`, `max_tasks`, `max_distance`, `speed_factor` != 1, `costs` matrices, breaks with several
// windows, more than one routing profile. `max_travel_time` is enforced as a route-duration limit (stricter
// than VROOM's).
Result<Problem> read_vroom_input(std::string_view text);
constexpr double kDefaultSpeed = 50.0 / 3.6;  // metres per second when only coordinates are given (50 km/h)

struct OutputTimings {
  double loading_ms = 0;
  double solving_ms = 0;
};

// {"code":0,"summary":{...},"unassigned":[...],"routes":[...]} as in VROOM's output, plus summary.feasible
// and summary.violations (the validator's findings; empty when feasible). `v` must be validate(problem,
// solution). Step ids are the stops' external ids (node numbers for instance files; job/pickup/delivery ids
// for VROOM input); break ids are the break's index in the vehicle's list.
std::string write_vroom_output(const Problem& problem, const Solution& solution, const Validation& v,
                               const OutputTimings& timings = {});

}  // namespace dongne::dispatch::formats
