// Road-network travel matrices made by a router, read from its own output: OSRM's Table service
// (`/table/v1/driving/...?annotations=duration,distance`: {"code":"Ok","durations":[[s]],"distances":[[m]],
// "sources":[{"location":[lon,lat]}],"destinations":[...]}) and Valhalla's sources_to_targets
// ({"sources_to_targets":[[{"time":s,"distance":km|mi,"from_index","to_index"}]],"sources":[[{"lon","lat"}]],
// "targets":[...],"units":"kilometers"|"miles"}). Square matrices only (the same points as sources and targets).
// An unreachable pair (null) is an error naming it. Thread-safety: pure functions.
#pragma once

#include <string_view>
#include <vector>

#include "core/result.h"
#include "dispatch/engine/model.h"

namespace dongne::dispatch::formats {

struct RouterMatrix {
  std::vector<Coord> points;     // x = longitude, y = latitude, as the router snapped or echoed them
  std::vector<double> seconds;   // row-major n*n
  std::vector<double> metres;    // row-major n*n
  int32_t size() const { return static_cast<int32_t>(points.size()); }
};

Result<RouterMatrix> read_osrm_table(std::string_view json);
Result<RouterMatrix> read_valhalla_matrix(std::string_view json);
// Either, recognised by its members.
Result<RouterMatrix> read_router_matrix(std::string_view json);

}  // namespace dongne::dispatch::formats
