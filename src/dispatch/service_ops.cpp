// The operator's board and overrides, and the driver's day: next stops, pick-up, drop-off, no-show, positions,
// going offline.
#include <algorithm>
#include <cmath>

#include "dispatch/repo.h"
#include "dispatch/rules.h"
#include "dispatch/service.h"
#include "dispatch/service_util.h"

namespace dongne::dispatch {

namespace {

constexpr int kOnTimeGraceS = 60;
constexpr int kNoShowWaitS = 120;   // a driver may mark a no-show this long after the window opened, not before
constexpr int kLateThresholdS = 30;  // as the plan's own check after a stop (DayPlan::done)

bool planned(const RideRecord& r) { return r.status == "promised" || r.status == "at_risk" || r.status == "onboard"; }

RideView quick_view(const AreaRecord& area, const RideRecord& r) {
  RideView v;
  v.ride = r;
  if (const StopRecord* s = find_stop(area, r.pickup_stop_id)) v.pickup = *s;
  if (const StopRecord* s = find_stop(area, r.dropoff_stop_id)) v.dropoff = *s;
  v.stop_service_s = area.rules.stop_service_s;
  v.kind = area.kind;
  v.risk_margin_min = area.rules.risk_margin_min;
  return v;
}

// The vehicle's planned stops in order, from the rides' written-back ETAs (ETAs strictly increase along a route).
std::vector<StopStep> planned_steps(const AreaRecord& area, const std::vector<RideRecord>& rides, int64_t vehicle_id) {
  std::vector<std::pair<int, StopStep>> steps;
  for (const RideRecord& r : rides) {
    if (!r.vehicle_id || *r.vehicle_id != vehicle_id || !planned(r)) continue;
    if (r.status != "onboard" && r.pickup_eta_s) steps.push_back({*r.pickup_eta_s, {quick_view(area, r), true}});
    if (r.dropoff_eta_s) steps.push_back({*r.dropoff_eta_s, {quick_view(area, r), false}});
  }
  std::stable_sort(steps.begin(), steps.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<StopStep> out;
  for (auto& s : steps) out.push_back(std::move(s.second));
  return out;
}

Figures figures_of(const AreaRecord& area, LocalDate day, const std::vector<RideRecord>& rides, const std::vector<VehicleRecord>& vehicles) {
  Figures f;
  double wait = 0, ride = 0, pax_m = 0;
  int on_time = 0;
  for (const RideRecord& r : rides) {
    ++f.requested;
    if (r.status == "refused") ++f.refused;
    else ++f.promised;
    if (r.status == "cancelled") ++f.cancelled;
    if (r.status == "no_show") ++f.no_show;
    if (r.status == "at_risk" || (r.status == "onboard" && !r.refusal.empty())) ++f.at_risk;  // late riders on board too
    if (r.status == "onboard") ++f.onboard;
    if (r.status == "completed" && r.picked_up_at && r.dropped_off_at) {
      ++f.completed;
      f.passengers += r.passengers;
      const int picked = second_of(day, *r.picked_up_at);
      if (picked <= r.window_end_s + kOnTimeGraceS) ++on_time;
      wait += std::max(0, picked - r.window_start_s);
      ride += static_cast<double>(*r.dropped_off_at - *r.picked_up_at) / 1000.0;
    }
    if (r.status == "completed" || planned(r)) pax_m += static_cast<double>(r.passengers) * r.distance_m;
  }
  if (f.completed > 0) {
    f.on_time_rate = static_cast<double>(on_time) / f.completed;
    f.mean_wait_min = wait / f.completed / 60.0;
    f.mean_ride_min = ride / f.completed / 60.0;
  }
  // Vehicle-km: each vehicle from its depot through its stops in time order (done and planned).
  double veh_m = 0;
  for (const VehicleRecord& v : vehicles) {
    std::vector<std::pair<double, int64_t>> visits;  // (time, stop)
    for (const RideRecord& r : rides) {
      if (!r.vehicle_id || *r.vehicle_id != v.id) continue;
      if (r.picked_up_at) visits.push_back({static_cast<double>(second_of(day, *r.picked_up_at)), r.pickup_stop_id});
      else if (planned(r) && r.pickup_eta_s) visits.push_back({static_cast<double>(*r.pickup_eta_s), r.pickup_stop_id});
      if (r.dropped_off_at) visits.push_back({static_cast<double>(second_of(day, *r.dropped_off_at)), r.dropoff_stop_id});
      else if (planned(r) && r.dropoff_eta_s) visits.push_back({static_cast<double>(*r.dropoff_eta_s), r.dropoff_stop_id});
    }
    std::sort(visits.begin(), visits.end());
    const StopRecord* at = find_stop(area, v.depot_stop_id);
    for (const auto& [t, stop] : visits) {
      const StopRecord* next = find_stop(area, stop);
      if (at && next) veh_m += road_metres(area.rules, at->at, next->at);
      at = next;
    }
  }
  f.vehicle_km = veh_m / 1000.0;
  if (veh_m > 0) f.occupancy = pax_m / veh_m;
  return f;
}

}  // namespace

Result<Board> ShuttleService::board(const Principal& p, int64_t area_id, std::optional<LocalDate> day) {
  Board b;
  b.day = day.value_or(today());
  DONGNE_TRY(db_.read([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(auto area, repo::area(tx, area_id));
    if (!area) return Error::not_found("운행 구역이 없습니다", "no such service area");
    if (!operates(p, *area)) return Error::forbidden("이 구역의 운영기관이 아닙니다", "you do not operate this area");
    b.area = *area;
    DONGNE_ASSIGN_OR_RETURN(auto rides, repo::rides_of_day(tx, area_id, b.day));
    DONGNE_ASSIGN_OR_RETURN(auto vehicles, repo::vehicles(tx, area_id));
    DONGNE_ASSIGN_OR_RETURN(auto vdays, repo::vehicle_days(tx, area_id, b.day));
    // (The queue names each ride's vehicle; its rider stays masked: phones are read one ride at a time, logged.)
    for (const RideRecord& r : rides) {
      RideView v = quick_view(*area, r);
      for (const VehicleRecord& veh : vehicles)
        if (r.vehicle_id && veh.id == *r.vehicle_id) v.vehicle = veh;
      for (const VehicleDay& d : vdays)
        if (r.vehicle_id && d.vehicle_id == *r.vehicle_id) v.vehicle_day = d;
      b.rides.push_back(std::move(v));
    }
    const EpochMs now = clock_.now_ms();
    const int now_min = b.day == today() ? local_minute_of_day(now) : -1;
    for (const VehicleRecord& v : vehicles) {
      VehicleBoard vb;
      vb.vehicle = v;
      vb.status = "on";
      for (const VehicleDay& d : vdays)
        if (d.vehicle_id == v.id) {
          vb.day = d;
          vb.status = d.status;
        }
      if (vb.status == "on" && (!v.active || !runs_on(v.days, b.day) || (now_min >= 0 && now_min > v.shift_end_min + 30)))
        vb.status = "off_shift";
      vb.stops = planned_steps(*area, rides, v.id);
      for (const RideRecord& r : rides)
        if (r.vehicle_id && *r.vehicle_id == v.id && r.status == "onboard") vb.onboard += r.passengers;
      b.vehicles.push_back(std::move(vb));
    }
    b.figures = figures_of(*area, b.day, rides, vehicles);
    return ok_status();
  }));
  return b;
}

Result<RideView> ShuttleService::assign(const Principal& p, int64_t ride_id, int64_t vehicle_id) {
  DONGNE_ASSIGN_OR_RETURN(RideView before, ride(p, ride_id));
  if (!before.full_rider) return Error::forbidden("이 구역의 운영기관이 아닙니다", "you do not operate this area");
  DONGNE_TRY(with_plan(before.ride.area_id, before.ride.day,
                       [&](store::Tx& tx, const AreaRecord& a, DayPlan& plan, int, std::vector<Broken>&) -> Status {
    DONGNE_ASSIGN_OR_RETURN(auto v, repo::vehicle(tx, vehicle_id));
    if (!v || v->area_id != a.id)
      return Error::field("vehicle_id", "unknown_vehicle", "이 구역의 차량이 아닙니다", "not a vehicle of this area");
    DONGNE_ASSIGN_OR_RETURN(auto r, repo::ride(tx, ride_id));
    if (!r || (r->status != "promised" && r->status != "at_risk"))
      return Error::conflict("배정을 바꿀 수 있는 예약이 아닙니다", "only a promised ride not yet picked up can be reassigned", "not_assignable");
    DONGNE_ASSIGN_OR_RETURN(Placement placed, plan.assign(*r, vehicle_id));
    r->vehicle_id = placed.vehicle_id;
    r->pickup_eta_s = placed.pickup_eta_s;
    r->dropoff_eta_s = placed.dropoff_eta_s;
    r->pinned = true;
    r->status = "promised";
    r->refusal.clear();
    r->updated_at = clock_.now_ms();
    DONGNE_TRY(repo::update_ride(tx, *r));
    return detail::ride_event(tx, "dispatch.ride_assigned", a, *r, {{"vehicle_id", vehicle_id}, {"by", p.user_id}}, r->updated_at);
  }));
  return ride(p, ride_id);
}

Result<Replanned> ShuttleService::out_of_service(const VehicleRecord& v, const std::string& status, const Principal& p) {
  Replanned out;
  const LocalDate day = today();
  DONGNE_TRY(with_plan(v.area_id, day, [&](store::Tx& tx, const AreaRecord& a, DayPlan& plan, int, std::vector<Broken>& broken) -> Status {
    out = Replanned{};
    DONGNE_ASSIGN_OR_RETURN(VehicleDay d, detail::vehicle_day(tx, a.id, v.id, day));
    d.status = status;
    DONGNE_TRY(repo::put_vehicle_day(tx, d));
    std::vector<int64_t> had;
    for (const PlannedStop& s : plan.stops(v.id))
      if (s.pickup) had.push_back(s.ride_id);
    DONGNE_ASSIGN_OR_RETURN(auto b, plan.out_of_service(v.id));
    const auto placed = plan.placements();
    for (int64_t r : had)
      if (placed.count(r) && placed.at(r).vehicle_id != v.id) out.replanned.push_back(r);
    out.broken = b;
    broken.insert(broken.end(), b.begin(), b.end());
    const EpochMs now = clock_.now_ms();
    nlohmann::json payload = {{"vehicle_id", v.id}, {"area_id", a.id}, {"operator_id", a.operator_id}, {"day", format_date(day)},
                              {"status", status}, {"replanned", out.replanned.size()}, {"broken", out.broken.size()}};
    return to_status(tx.append_event({"dispatch.vehicle_out_of_service", "vehicle", std::to_string(v.id), payload.dump(), p.user_id, now}));
  }));
  return out;
}

Result<Replanned> ShuttleService::breakdown(const Principal& p, int64_t vehicle_id) {
  std::optional<VehicleRecord> v;
  std::optional<AreaRecord> area;
  DONGNE_TRY(db_.read([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(v, repo::vehicle(tx, vehicle_id));
    if (v) {
      DONGNE_ASSIGN_OR_RETURN(area, repo::area(tx, v->area_id));
    }
    return ok_status();
  }));
  if (!v || !area) return Error::not_found("차량이 없습니다", "no such vehicle");
  const bool drives = v->driver_user_id && *v->driver_user_id == p.user_id;
  if (!drives && !operates(p, *area)) return Error::forbidden("이 차량의 운영기관이나 기사가 아닙니다", "not your vehicle");
  return out_of_service(*v, "broken", p);
}

Result<VehicleRecord> ShuttleService::drivers_vehicle(store::Tx& tx, const Principal& p) {
  DONGNE_ASSIGN_OR_RETURN(auto v, repo::vehicle_of_driver(tx, p.user_id));
  if (!v) return Error::not_found("배정된 차량이 없습니다", "no vehicle is assigned to you");
  return *v;
}

Result<DriverDay> ShuttleService::driver_today(const Principal& p) {
  DriverDay out;
  out.day = today();
  DONGNE_TRY(db_.read([&](store::Tx& tx) -> Status {
    auto v = drivers_vehicle(tx, p);
    if (!v.ok()) return ok_status();  // no vehicle: an empty day, not an error
    out.vehicle = *v;
    DONGNE_ASSIGN_OR_RETURN(out.area, repo::area(tx, v->area_id));
    if (!out.area) return ok_status();
    DONGNE_ASSIGN_OR_RETURN(auto rides, repo::rides_of_day(tx, v->area_id, out.day));
    DONGNE_ASSIGN_OR_RETURN(auto days, repo::vehicle_days(tx, v->area_id, out.day));
    for (const VehicleDay& d : days)
      if (d.vehicle_id == v->id) out.status = d.status;
    out.stops = planned_steps(*out.area, rides, v->id);
    std::vector<std::pair<EpochMs, StopStep>> done;
    for (const RideRecord& r : rides) {
      if (!r.vehicle_id || *r.vehicle_id != v->id) continue;
      if (r.picked_up_at) done.push_back({*r.picked_up_at, {quick_view(*out.area, r), true}});
      if (r.dropped_off_at) done.push_back({*r.dropped_off_at, {quick_view(*out.area, r), false}});
      if (r.status == "no_show") done.push_back({r.updated_at, {quick_view(*out.area, r), true}});
    }
    std::stable_sort(done.begin(), done.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    for (auto& d : done) out.done.push_back(std::move(d.second));
    return ok_status();
  }));
  return out;
}

Result<DriverDay> ShuttleService::driver_stop(const Principal& p, int64_t ride_id, const std::string& action,
                                              const std::optional<std::string>& code) {
  if (action != "picked_up" && action != "dropped_off" && action != "no_show")
    return Error::field("action", "enum", "picked_up, dropped_off, no_show 중 하나입니다", "action is picked_up, dropped_off or no_show");
  std::optional<VehicleRecord> v;
  std::optional<RideRecord> r0;
  DONGNE_TRY(db_.read([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(v, drivers_vehicle(tx, p));
    DONGNE_ASSIGN_OR_RETURN(r0, repo::ride(tx, ride_id));
    return ok_status();
  }));
  if (!r0 || !r0->vehicle_id || *r0->vehicle_id != v->id || r0->day != today()) return detail::not_your_ride();
  DONGNE_TRY(with_plan(v->area_id, r0->day, [&](store::Tx& tx, const AreaRecord& a, DayPlan& plan, int now_s, std::vector<Broken>& broken) -> Status {
    DONGNE_ASSIGN_OR_RETURN(auto r, repo::ride(tx, ride_id));
    if (!r) return detail::not_your_ride();
    const EpochMs now = clock_.now_ms();
    const StopRecord* stop = find_stop(a, action == "dropped_off" ? r->dropoff_stop_id : r->pickup_stop_id);
    const bool luggage = a.kind == "luggage";
    std::optional<LuggageOrder> order;
    if (luggage) {
      DONGNE_ASSIGN_OR_RETURN(order, repo::luggage_order(tx, ride_id));
      if (!order) return detail::not_your_ride();
      if (action != "no_show") DONGNE_TRY(detail::check_code(action == "picked_up" ? order->pickup_code : order->delivery_code, code));
    }
    if (action == "dropped_off") {
      if (r->status != "onboard") return Error::conflict("탑승 중인 승객이 아닙니다", "the rider is not on board", "not_on_board");
      DONGNE_ASSIGN_OR_RETURN(auto b, plan.done(v->id, ride_id, false, now_s));
      broken.insert(broken.end(), b.begin(), b.end());
      r->status = "completed";
      r->dropped_off_at = now;
    } else {
      if (r->status != "promised" && r->status != "at_risk")
        return Error::conflict("태울 승객이 아닙니다", "the ride is not waiting to be picked up", "not_waiting");
      if (action == "no_show") {
        if (now_s < r->window_start_s + kNoShowWaitS)
          return Error::conflict("약속 시간 시작 후 2분까지 기다려 주세요", "wait at least 2 minutes after the promised window opens",
                                 "too_early_for_no_show");
        DONGNE_TRY(plan.no_show(v->id, ride_id));
        r->status = "no_show";
      } else {
        DONGNE_ASSIGN_OR_RETURN(auto b, plan.done(v->id, ride_id, true, now_s));
        broken.insert(broken.end(), b.begin(), b.end());
        r->status = "onboard";
        r->picked_up_at = now;
      }
    }
    r->updated_at = now;
    DONGNE_TRY(repo::update_ride(tx, *r));
    if (stop) {
      DONGNE_ASSIGN_OR_RETURN(VehicleDay d, detail::vehicle_day(tx, a.id, v->id, r->day));
      d.position = stop->at;
      d.position_at = now;
      DONGNE_TRY(repo::put_vehicle_day(tx, d));
    }
    if (luggage) {
      if (action == "picked_up") DONGNE_TRY(repo::mark_luggage_paid(tx, ride_id, now));
      return detail::delivery_event(tx, action, a, *r, *order, v->id, now_s, now);
    }
    if (action == "picked_up")
      return detail::ride_event(tx, "dispatch.ride_picked_up", a, *r,
                                {{"vehicle_id", v->id}, {"on_time", now_s <= r->window_end_s + kOnTimeGraceS}, {"wait_s", std::max(0, now_s - r->window_start_s)}}, now);
    if (action == "no_show") return detail::ride_event(tx, "dispatch.ride_no_show", a, *r, {{"vehicle_id", v->id}}, now);
    const int ride_s = r->picked_up_at ? static_cast<int>((now - *r->picked_up_at) / 1000) : 0;
    return detail::ride_event(tx, "dispatch.ride_completed", a, *r,
                              {{"vehicle_id", v->id}, {"passengers", r->passengers}, {"distance_m", r->distance_m},
                               {"fare_won", r->fare_won}, {"ride_s", ride_s}}, now);
  }));
  return driver_today(p);
}

Result<Replanned> ShuttleService::driver_position(const Principal& p, LonLat at) {
  if (!std::isfinite(at.lat) || !std::isfinite(at.lon) || std::abs(at.lat) > 90 || std::abs(at.lon) > 180)
    return Error::field("lat", "range", "위치가 올바르지 않습니다", "not a position");
  std::optional<VehicleRecord> v;
  std::optional<AreaRecord> area;
  std::vector<RideRecord> rides;
  const LocalDate day = today();
  const EpochMs now = clock_.now_ms();
  DONGNE_TRY(db_.transact([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(v, drivers_vehicle(tx, p));
    DONGNE_ASSIGN_OR_RETURN(area, repo::area(tx, v->area_id));
    DONGNE_ASSIGN_OR_RETURN(VehicleDay d, detail::vehicle_day(tx, v->area_id, v->id, day));
    d.position = at;
    d.position_at = now;
    DONGNE_TRY(repo::put_vehicle_day(tx, d));
    DONGNE_ASSIGN_OR_RETURN(rides, repo::rides_of_day(tx, v->area_id, day));
    return ok_status();
  }));
  Replanned out;
  if (!area) return out;
  // How late the vehicle will reach its next stop from here, against the plan.
  auto late_for = [&](const StopStep& next, int now_s) {
    const StopRecord& stop = next.pickup ? next.ride.pickup : next.ride.dropoff;
    const int eta = next.pickup ? next.ride.ride.pickup_eta_s.value_or(now_s) : next.ride.ride.dropoff_eta_s.value_or(now_s);
    return now_s + drive_seconds(area->rules, road_metres(area->rules, at, stop.at), now_s) - eta;
  };
  const int now_s = second_of(day, now);
  const auto steps = planned_steps(*area, rides, v->id);
  if (steps.empty()) return out;
  out.late_s = std::max(0, late_for(steps.front(), now_s));
  if (out.late_s <= kLateThresholdS) return out;
  DONGNE_TRY(with_plan(v->area_id, day, [&](store::Tx&, const AreaRecord&, DayPlan& plan, int, std::vector<Broken>& broken) -> Status {
    const StopStep& next = steps.front();
    const StopRecord& stop = next.pickup ? next.ride.pickup : next.ride.dropoff;
    DONGNE_ASSIGN_OR_RETURN(auto b, plan.arriving(v->id, now_s + drive_seconds(area->rules, road_metres(area->rules, at, stop.at), now_s)));
    out.broken = b;
    broken.insert(broken.end(), b.begin(), b.end());
    return ok_status();
  }));
  return out;
}

Result<Replanned> ShuttleService::driver_status(const Principal& p, const std::string& status) {
  if (status != "on" && status != "offline")
    return Error::field("status", "enum", "on 또는 offline 입니다", "status is on or offline");
  std::optional<VehicleRecord> v;
  DONGNE_TRY(db_.read([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(v, drivers_vehicle(tx, p));
    return ok_status();
  }));
  if (status == "offline") return out_of_service(*v, "offline", p);
  const LocalDate day = today();
  DONGNE_TRY(with_plan(v->area_id, day, [&](store::Tx& tx, const AreaRecord& a, DayPlan&, int, std::vector<Broken>&) -> Status {
    DONGNE_ASSIGN_OR_RETURN(VehicleDay d, detail::vehicle_day(tx, a.id, v->id, day));
    d.status = "on";
    return repo::put_vehicle_day(tx, d);
  }));
  // Back in service: plan again so the vehicle can take work.
  DONGNE_TRY(with_plan(v->area_id, day, [](store::Tx&, const AreaRecord&, DayPlan&, int, std::vector<Broken>&) { return ok_status(); }, true));
  return Replanned{};
}

}  // namespace dongne::dispatch
