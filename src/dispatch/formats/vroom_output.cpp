// Solution -> VROOM-style output JSON. Figures (cost, distance, duration, waiting, loads) are the validator's
// recomputation; only the schedule (arrival, service start) comes from the solution's steps.
#include <cstdlib>
#include <limits>
#include <nlohmann/json.hpp>

#include "dispatch/formats/vroom_json.h"

namespace dongne::dispatch::formats {
namespace {

using json = nlohmann::ordered_json;

// Number of load dimensions worth printing: the highest one any task uses or any vehicle limits (at least 1).
int load_dims(const Problem& p) {
  int dims = 1;
  for (int d = 0; d < kLoadDims; ++d) {
    for (const Task& t : p.tasks)
      if (t.pickup.load.q[d] != 0 || t.delivery.load.q[d] != 0) dims = std::max(dims, d + 1);
    for (const Vehicle& v : p.vehicles)
      if (v.capacity.q[d] != 0 && v.capacity.q[d] != std::numeric_limits<int32_t>::max())
        dims = std::max(dims, d + 1);
  }
  return dims;
}

json load_json(const Load& l, int dims) {
  json a = json::array();
  for (int d = 0; d < dims; ++d) a.push_back(l.q[d]);
  return a;
}

// Vehicle ids that are integers print as numbers (as VROOM does), others as strings.
json id_json(const std::string& id) {
  if (!id.empty() && id.size() < 19 && id.find_first_not_of("0123456789") == std::string::npos)
    return std::strtoll(id.c_str(), nullptr, 10);
  return id;
}

void put_location(json& step, const Problem& p, LocationIndex loc) {
  if (loc < 0) return;
  if (static_cast<size_t>(loc) < p.locations.size())
    step["location"] = json::array({p.locations[loc].x, p.locations[loc].y});
  else
    step["location_index"] = loc;
}


bool valid_task(const Problem& p, TaskIndex t) { return t >= 0 && static_cast<size_t>(t) < p.tasks.size(); }

json route_json(const Problem& p, const Route& r, const RouteFigures& f, int dims) {
  json route;
  const bool valid_vehicle = r.vehicle >= 0 && static_cast<size_t>(r.vehicle) < p.vehicles.size();
  route["vehicle"] = valid_vehicle ? id_json(p.vehicles[r.vehicle].id) : json(r.vehicle);
  route["cost"] = f.cost;
  route["service"] = f.service;
  route["duration"] = f.travel_time;
  route["waiting_time"] = f.waiting;
  route["distance"] = f.distance;
  json steps = json::array();
  LocationIndex here = -1;
  for (size_t i = 0; i < r.steps.size(); ++i) {
    const RouteStep& st = r.steps[i];
    json s;
    s["type"] = step_type_name(st.type);
    LocationIndex loc = here;
    Time service = 0;
    if (valid_vehicle && st.type == StepType::kStart) {
      loc = p.vehicles[r.vehicle].start;
      if (p.start_depot_external_id >= 0) s["id"] = p.start_depot_external_id;
    } else if (valid_vehicle && st.type == StepType::kEnd) {
      loc = p.vehicles[r.vehicle].end;
      if (p.end_depot_external_id >= 0) s["id"] = p.end_depot_external_id;
    } else if (st.type == StepType::kBreak) {
      s["id"] = st.break_index;
      service = st.departure - st.service_start;
    } else if (valid_task(p, st.task)) {
      const Task& t = p.tasks[st.task];
      const bool delivery = st.type == StepType::kDelivery;
      const Stop& stop = delivery ? t.delivery : t.pickup;
      loc = stop.location;
      service = stop.service;
      const int64_t ext = delivery ? t.delivery_external_id : t.pickup_external_id;
      if (ext >= 0)
        s["id"] = ext;
      else
        s["id"] = t.id;
    }
    if (loc >= 0) here = loc;
    put_location(s, p, loc);
    s["arrival"] = st.type == StepType::kStart ? st.departure : st.arrival;
    s["duration"] = i < f.travel_times.size() ? f.travel_times[i] : 0.0;
    s["distance"] = i < f.distances.size() ? f.distances[i] : 0.0;
    s["service"] = service;
    s["waiting_time"] =
        st.type == StepType::kStart || st.type == StepType::kEnd ? 0.0 : st.service_start - st.arrival;
    s["load"] = load_json(i < f.loads.size() ? f.loads[i] : st.load_after, dims);
    steps.push_back(std::move(s));
  }
  route["steps"] = std::move(steps);
  return route;
}

}  // namespace

std::string write_vroom_output(const Problem& problem, const Solution& solution, const Validation& v,
                               const OutputTimings& timings) {
  const int dims = load_dims(problem);
  json out;
  out["code"] = 0;
  json summary;
  summary["cost"] = v.cost;
  summary["routes"] = v.vehicles_used;
  summary["unassigned"] = v.unassigned;
  summary["service"] = v.service;
  summary["duration"] = v.duration;
  summary["waiting_time"] = v.waiting;
  summary["distance"] = v.distance;
  summary["feasible"] = v.feasible;
  summary["violations"] = v.violations;
  summary["computing_times"] = {{"loading", timings.loading_ms}, {"solving", timings.solving_ms}};
  out["summary"] = std::move(summary);
  json unassigned = json::array();
  for (const Unassigned& u : solution.unassigned) {
    if (!valid_task(problem, u.task)) continue;  // the validator already reported it
    const Task& t = problem.tasks[u.task];
    auto entry = [&](int64_t ext, const char* type, const Stop& stop) {
      json e;
      if (ext >= 0)
        e["id"] = ext;
      else
        e["id"] = t.id;
      e["type"] = type;
      put_location(e, problem, stop.location);
      e["reason"] = u.reason;
      unassigned.push_back(std::move(e));
    };
    if (t.kind == TaskKind::kSingle) {
      entry(t.pickup_external_id, "job", t.pickup);
    } else {
      entry(t.pickup_external_id, "pickup", t.pickup);
      entry(t.delivery_external_id, "delivery", t.delivery);
    }
  }
  out["unassigned"] = std::move(unassigned);
  json routes = json::array();
  for (size_t r = 0; r < solution.routes.size(); ++r) {
    static const RouteFigures kNone;
    routes.push_back(
        route_json(problem, solution.routes[r], r < v.routes.size() ? v.routes[r] : kNone, dims));
  }
  out["routes"] = std::move(routes);
  return out.dump(2, ' ', false, json::error_handler_t::replace);
}

}  // namespace dongne::dispatch::formats
