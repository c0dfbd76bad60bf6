#include "dispatch/day_plan.h"

#include <algorithm>
#include <cmath>

#include "dispatch/rules.h"

namespace dongne::dispatch {

namespace {

Load load_of(const RideRecord& r) {
  Load l;
  l.q[0] = r.passengers - (r.wheelchair ? 1 : 0);
  l.q[1] = r.wheelchair ? 1 : 0;
  return l;
}

int secs(Time t) { return static_cast<int>(std::lround(t)); }


Error not_next() {
  return Error::conflict("다음 정류장이 아닙니다. 화면의 다음 정류장부터 처리해 주세요",
                         "this is not the vehicle's next stop: handle the next stop shown first", "not_next_stop");
}

}  // namespace

namespace {
// The router's matrix reordered to the area's stops (each matched to the router's point within 150 m).
Result<std::shared_ptr<MatrixTravel>> stop_matrix(const AreaRecord& area, const formats::RouterMatrix& m) {
  const size_t n = area.stops.size();
  std::vector<int32_t> at(n, -1);
  for (size_t i = 0; i < n; ++i) {
    double best = 150;
    for (int32_t k = 0; k < m.size(); ++k) {
      const double d = haversine_metres(Coord{area.stops[i].at.lon, area.stops[i].at.lat}, m.points[k]);
      if (d <= best) {
        best = d;
        at[i] = k;
      }
    }
    if (at[i] < 0)
      return Error::invalid("이동 시간 행렬에 정류장 " + area.stops[i].code + "이 없습니다",
                            "the travel matrix has no point within 150 m of stop " + area.stops[i].code);
  }
  std::vector<Distance> d(n * n);
  std::vector<Time> t(n * n);
  const size_t side = static_cast<size_t>(m.size());
  for (size_t a = 0; a < n; ++a)
    for (size_t b = 0; b < n; ++b) {
      d[a * n + b] = m.metres[at[a] * side + at[b]];
      t[a * n + b] = m.seconds[at[a] * side + at[b]];
    }
  return MatrixTravel::make(static_cast<int32_t>(n), std::move(d), std::move(t));
}
}  // namespace

Result<DayPlan> DayPlan::build(const AreaRecord& area, LocalDate day, const std::vector<VehicleRecord>& vehicles,
                               const std::vector<VehicleDay>& vehicle_days, const std::vector<RideRecord>& rides,
                               int now_s, std::vector<Broken>* broken, const formats::RouterMatrix* matrix) {
  std::vector<LonLat> points;
  std::map<int64_t, LocationIndex> stop_loc;
  for (const StopRecord& s : area.stops) {
    stop_loc[s.id] = static_cast<LocationIndex>(points.size());
    points.push_back(s.at);
  }
  Problem pb;
  std::vector<int64_t> vids;
  for (const VehicleRecord& v : vehicles) {
    if (!v.active || v.area_id != area.id || !runs_on(v.days, day)) continue;
    const VehicleDay* vd = nullptr;
    for (const VehicleDay& d : vehicle_days)
      if (d.vehicle_id == v.id) vd = &d;
    if (vd && vd->status != "on") continue;
    Vehicle veh;
    veh.id = std::to_string(v.id);
    veh.capacity.q[0] = v.seats - v.wheelchair_places;
    veh.capacity.q[1] = v.wheelchair_places;
    veh.shift.start = std::max<Time>(v.shift_start_min * 60.0, now_s);
    veh.shift.end = v.shift_end_min * 60.0 + 1800;  // the last riders are dropped after the last pickup
    if (veh.shift.start >= veh.shift.end) continue;
    if (vd && vd->position && !matrix) {
      veh.start = static_cast<LocationIndex>(points.size());
      points.push_back(*vd->position);
    } else if (vd && vd->position) {  // a matrix knows the stops only: start from the nearest one
      double best = kInfTime;
      for (size_t i = 0; i < area.stops.size(); ++i) {
        const double d = haversine_metres(Coord{area.stops[i].at.lon, area.stops[i].at.lat}, Coord{vd->position->lon, vd->position->lat});
        if (d < best) {
          best = d;
          veh.start = static_cast<LocationIndex>(i);
        }
      }
    } else {
      auto it = stop_loc.find(v.depot_stop_id);
      veh.start = it == stop_loc.end() ? 0 : it->second;
    }
    pb.vehicles.push_back(std::move(veh));
    vids.push_back(v.id);
  }
  if (points.empty()) return Error::invalid("정류장이 없는 운행 구역입니다", "the area has no stops");
  if (matrix) {
    DONGNE_ASSIGN_OR_RETURN(auto travel, stop_matrix(area, *matrix));
    pb.travel = travel;
  } else {
    DONGNE_ASSIGN_OR_RETURN(auto travel, travel_model(area.rules, points));
    pb.travel = travel;
  }
  pb.objective.minimise_vehicles = true;
  pb.objective.metric = Metric::kDistance;
  SolveOptions none;
  none.seconds = 0;
  none.max_iterations = 0;
  DONGNE_ASSIGN_OR_RETURN(LivePlan live, LivePlan::create(std::move(pb), none));
  DayPlan dp(std::move(live));
  dp.area_ = area;
  dp.stop_loc_ = std::move(stop_loc);
  dp.vids_ = vids;
  for (size_t i = 0; i < vids.size(); ++i) dp.vindex_[vids[i]] = static_cast<VehicleIndex>(i);

  // Riders on board first (they stay on their vehicle), then promises in the order their windows open.
  std::vector<const RideRecord*> order;
  for (const RideRecord& r : rides)
    if (r.status == "onboard" || r.status == "promised" || r.status == "at_risk") order.push_back(&r);
  std::stable_sort(order.begin(), order.end(), [](const RideRecord* a, const RideRecord* b) {
    const bool ao = a->status == "onboard", bo = b->status == "onboard";
    if (ao != bo) return ao;
    return a->window_start_s < b->window_start_s;
  });
  for (const RideRecord* r : order) {
    if (r->status == "onboard") {
      auto vi = r->vehicle_id ? dp.vindex_.find(*r->vehicle_id) : dp.vindex_.end();
      if (vi == dp.vindex_.end()) {
        if (broken) broken->push_back({r->id, "the rider is on board of a vehicle that is out of service: send a rescue trip"});
        continue;
      }
      Task t;
      t.id = std::to_string(r->id);
      t.kind = TaskKind::kSingle;
      t.pickup.location = dp.stop_loc_.count(r->dropoff_stop_id) ? dp.stop_loc_[r->dropoff_stop_id] : 0;
      t.pickup.service = area.rules.stop_service_s;
      t.pickup.load = load_of(*r);
      const int picked = r->picked_up_at ? second_of(day, *r->picked_up_at) : now_s;
      t.pickup.windows = {{0, static_cast<Time>(r->deliver_by_s ? *r->deliver_by_s : picked + r->max_ride_s)}};
      auto ins = dp.plan_.insert(t, vi->second);
      if (!ins.ok()) {  // late already: drop the rider as soon as possible, and say so
        t.pickup.windows.clear();
        ins = dp.plan_.insert(t, vi->second);
        if (broken) broken->push_back({r->id, "the rider on board will arrive after the promised time"});
      }
      dp.task_ride_.resize(dp.plan_.problem().tasks.size(), 0);
      if (ins.ok()) {
        dp.task_ride_[ins->task] = r->id;
        dp.ride_task_[r->id] = ins->task;
      }
      continue;
    }
    std::optional<int64_t> only;
    if (r->pinned && r->vehicle_id && dp.vindex_.count(*r->vehicle_id)) only = r->vehicle_id;
    auto placed = dp.place(*r, only);
    if (!placed.ok() && only) placed = dp.place(*r, std::nullopt);
    if (!placed.ok() && r->status == "at_risk") placed = dp.rescue(*r, kRescueS);
    if (!placed.ok() && broken)
      broken->push_back({r->id, "no vehicle can keep the promised pickup window any more"});
  }
  return dp;
}

Task DayPlan::task_of(const RideRecord& r) const {
  Task t;
  t.id = std::to_string(r.id);
  t.kind = TaskKind::kRide;
  auto loc = [&](int64_t stop) {
    auto it = stop_loc_.find(stop);
    return it == stop_loc_.end() ? LocationIndex{-1} : it->second;
  };
  t.pickup.location = loc(r.pickup_stop_id);
  t.pickup.service = area_.rules.stop_service_s;
  t.pickup.windows = {{static_cast<Time>(r.window_start_s), static_cast<Time>(r.window_end_s)}};
  t.pickup.load = load_of(r);
  t.delivery.location = loc(r.dropoff_stop_id);
  t.delivery.service = area_.rules.stop_service_s;
  t.delivery.load = t.pickup.load;
  t.max_ride_time = r.max_ride_s;
  if (r.deliver_by_s) t.delivery.windows = {{0, static_cast<Time>(*r.deliver_by_s)}};
  return t;
}

Result<Placement> DayPlan::place(const RideRecord& r, std::optional<int64_t> only) {
  VehicleIndex v = -1;
  if (only) {
    auto it = vindex_.find(*only);
    if (it == vindex_.end())
      return Error::conflict("오늘 운행하지 않는 차량입니다", "that vehicle is not in service on the day", "vehicle_not_in_service");
    v = it->second;
  }
  auto ins = plan_.insert(task_of(r), v);
  task_ride_.resize(plan_.problem().tasks.size(), 0);
  if (!ins.ok()) return ins.error();
  task_ride_[ins->task] = r.id;
  ride_task_[r.id] = ins->task;
  return Placement{vehicle_id_of(ins->vehicle), secs(ins->pickup_eta), secs(ins->delivery_eta)};
}

std::optional<int> DayPlan::later_deadline(RideRecord trip, int step_s, int limit_s) {
  if (!trip.deliver_by_s) return std::nullopt;
  for (int by = *trip.deliver_by_s + step_s; by <= limit_s; by += step_s) {
    trip.deliver_by_s = by;
    trip.max_ride_s = by - trip.window_start_s;
    auto ins = plan_.insert(task_of(trip), -1, /*thorough=*/false);
    task_ride_.resize(plan_.problem().tasks.size(), 0);
    if (ins.ok()) {
      (void)plan_.cancel(ins->task);
      return by;
    }
  }
  return std::nullopt;
}

std::optional<int> DayPlan::next_possible(RideRecord ride, int step_s, int limit_s) {
  const int width = ride.window_end_s - ride.window_start_s;
  for (int ws = ride.window_start_s + step_s; ws <= limit_s; ws += step_s) {
    ride.window_start_s = ws;
    ride.window_end_s = ws + width;
    auto ins = plan_.insert(task_of(ride), -1, /*thorough=*/false);
    task_ride_.resize(plan_.problem().tasks.size(), 0);
    if (ins.ok()) {
      (void)plan_.cancel(ins->task);
      return ws;
    }
  }
  return std::nullopt;
}

Result<Placement> DayPlan::rescue(const RideRecord& ride, int late_s) {
  if (auto it = ride_task_.find(ride.id); it != ride_task_.end() && plan_.status(it->second) == LiveStatus::kPlanned) {
    const auto all = placements();
    if (auto p = all.find(ride.id); p != all.end()) return p->second;
  }
  RideRecord late = ride;
  late.window_end_s += late_s;
  late.max_ride_s += late_s;
  if (late.deliver_by_s) *late.deliver_by_s += late_s;
  return place(late);
}

Result<Placement> DayPlan::assign(const RideRecord& ride, int64_t vehicle_id) {
  auto it = ride_task_.find(ride.id);
  if (it == ride_task_.end() || plan_.status(it->second) != LiveStatus::kPlanned)
    return Error::conflict("배정을 바꿀 수 있는 예약이 아닙니다", "only a promised ride not yet picked up can be reassigned", "not_assignable");
  if (!vindex_.count(vehicle_id))
    return Error::conflict("오늘 운행하지 않는 차량입니다", "that vehicle is not in service on the day", "vehicle_not_in_service");
  const TaskIndex old = it->second;
  int64_t old_vehicle = 0;
  for (const auto& [rid, p] : placements())
    if (rid == ride.id) old_vehicle = p.vehicle_id;
  DONGNE_TRY(plan_.cancel(old));
  auto placed = place(ride, vehicle_id);
  if (placed.ok()) return placed;
  const bool was_pinned = ride.pinned && old_vehicle != 0;
  auto back = place(ride, was_pinned ? std::optional<int64_t>(old_vehicle) : std::nullopt);
  if (!back.ok()) back = place(ride, std::nullopt);
  return Error::conflict("그 차량으로는 약속한 시간을 지킬 수 없습니다", "that vehicle cannot keep the ride's promise",
                         "no_feasible_insertion");
}

Status DayPlan::cancel(int64_t ride_id) {
  auto it = ride_task_.find(ride_id);
  if (it == ride_task_.end()) return ok_status();  // not planned (refused, broken): nothing to take out
  if (plan_.status(it->second) != LiveStatus::kPlanned) {
    if (plan_.status(it->second) == LiveStatus::kOnboard)
      return Error::conflict("이미 탑승했습니다", "the rider is already on board", "already_picked_up");
    return ok_status();
  }
  DONGNE_TRY(plan_.cancel(it->second));
  ride_task_.erase(it);
  return ok_status();
}

int DayPlan::direct_seconds(int64_t from_stop, int64_t to_stop, int depart_s) const {
  auto a = stop_loc_.find(from_stop), b = stop_loc_.find(to_stop);
  if (a == stop_loc_.end() || b == stop_loc_.end()) return 0;
  return secs(plan_.problem().travel->travel_time(a->second, b->second, depart_s));
}

std::optional<PlannedStop> DayPlan::next_stop(int64_t vehicle_id) const {
  auto s = stops(vehicle_id);
  if (s.empty()) return std::nullopt;
  return s.front();
}

Result<std::vector<Broken>> DayPlan::done(int64_t vehicle_id, int64_t ride_id, bool pickup, int now_s) {
  auto vi = vindex_.find(vehicle_id);
  if (vi == vindex_.end()) return not_next();
  const auto next = next_stop(vehicle_id);
  if (!next || next->ride_id != ride_id || next->pickup != pickup) return not_next();
  // The planned departure from that stop, to see whether the driver is behind the plan.
  Time planned_departure = now_s;
  const TaskIndex t = ride_task_.at(ride_id);
  for (const Route& r : plan_.solution().routes) {
    if (r.vehicle != vi->second) continue;
    for (const RouteStep& s : r.steps)
      if (s.task == t && ((pickup && s.type == StepType::kPickup && plan_.status(t) == LiveStatus::kPlanned) ||
                          (!pickup && (s.type == StepType::kDelivery || s.type == StepType::kSingle))))
        planned_departure = s.departure;
  }
  // Done early (a rider at the stop before the window, a quick drop-off): the van is free from now.
  const Time departed = now_s + area_.rules.stop_service_s / 2.0;
  DONGNE_TRY(plan_.commit(vi->second, 1, departed < planned_departure ? departed : -1));
  if (!pickup) ride_task_.erase(ride_id);
  const int late = now_s + area_.rules.stop_service_s / 2 - secs(planned_departure);
  if (late <= 30) return std::vector<Broken>{};
  DONGNE_ASSIGN_OR_RETURN(auto b, plan_.delay(vi->second, late));
  return translate(b);
}

Status DayPlan::no_show(int64_t vehicle_id, int64_t ride_id) {
  const auto next = next_stop(vehicle_id);
  if (!next || next->ride_id != ride_id || !next->pickup) return not_next();
  return cancel(ride_id);
}

Result<std::vector<Broken>> DayPlan::arriving(int64_t vehicle_id, int arrive_s) {
  auto vi = vindex_.find(vehicle_id);
  if (vi == vindex_.end()) return std::vector<Broken>{};
  // The planned drive to the next stop: from the departure of the step before it to its arrival.
  Time drive = -1;
  for (const Route& r : plan_.solution().routes) {
    if (r.vehicle != vi->second) continue;
    for (size_t i = 1; i < r.steps.size() && drive < 0; ++i) {
      const RouteStep& s = r.steps[i];
      if (s.task < 0 || s.task >= static_cast<TaskIndex>(task_ride_.size()) || task_ride_[s.task] == 0) continue;
      const LiveStatus st = plan_.status(s.task);
      if (st == LiveStatus::kPlanned || (st == LiveStatus::kOnboard && s.type != StepType::kPickup))
        drive = s.arrival - r.steps[i - 1].departure;
    }
  }
  if (drive < 0) return std::vector<Broken>{};
  DONGNE_ASSIGN_OR_RETURN(auto b, plan_.available_from(vi->second, arrive_s - drive));
  return translate(b);
}

Result<std::vector<Broken>> DayPlan::out_of_service(int64_t vehicle_id) {
  auto vi = vindex_.find(vehicle_id);
  if (vi == vindex_.end()) return std::vector<Broken>{};
  DONGNE_ASSIGN_OR_RETURN(auto b, plan_.breakdown(vi->second));
  return translate(b);
}

std::vector<Broken> DayPlan::translate(const std::vector<BrokenPromise>& b) const {
  std::vector<Broken> out;
  for (const BrokenPromise& p : b) {
    const int64_t ride = p.task >= 0 && p.task < static_cast<TaskIndex>(task_ride_.size()) ? task_ride_[p.task] : 0;
    out.push_back({ride, p.what});
  }
  return out;
}

std::vector<PlannedStop> DayPlan::stops(int64_t vehicle_id) const {
  auto vi = vindex_.find(vehicle_id);
  if (vi == vindex_.end()) return {};
  return route_stops(plan_.solution(), vi->second);
}

std::vector<PlannedStop> DayPlan::route_stops(const Solution& sol, VehicleIndex v) const {
  std::vector<PlannedStop> out;
  for (const Route& r : sol.routes) {
    if (r.vehicle != v) continue;
    for (const RouteStep& s : r.steps) {
      if (s.task < 0 || s.task >= static_cast<TaskIndex>(task_ride_.size()) || task_ride_[s.task] == 0) continue;
      const LiveStatus st = plan_.status(s.task);
      const bool is_pickup = s.type == StepType::kPickup;
      if (st == LiveStatus::kPlanned || (st == LiveStatus::kOnboard && !is_pickup))
        out.push_back({task_ride_[s.task], is_pickup, secs(s.service_start)});
    }
  }
  return out;
}

std::map<int64_t, Placement> DayPlan::placements() const {
  std::map<int64_t, Placement> out;
  const Solution sol = plan_.solution();  // once: every route evaluated a single time
  for (const auto& [vid, v] : vindex_) {
    for (const PlannedStop& s : route_stops(sol, v)) {
      Placement& p = out[s.ride_id];
      p.vehicle_id = vid;
      if (s.pickup) p.pickup_eta_s = s.eta_s;
      else p.dropoff_eta_s = s.eta_s;
      if (!s.pickup && p.pickup_eta_s == 0 && plan_.status(ride_task_.at(s.ride_id)) == LiveStatus::kOnboard) p.pickup_eta_s = -1;
    }
  }
  return out;
}

}  // namespace dongne::dispatch
