// One area's live plan for one day, in the shuttle's terms (rides and vehicles by id, seconds of the day) over the
// engine's LivePlan: built from the stored vehicles and active rides, then kept by the service between requests.
// Every promise (pickup window, ride-time limit) is a hard constraint; a ride that can no longer be kept is
// reported, never silently moved. A trip may also carry a delivery deadline (a luggage order: deliver_by_s). Pure: no I/O, no clock (callers pass the second of the day).
// Thread-safety: not thread-safe; the service serialises access per area.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "dispatch/engine/realtime.h"
#include "dispatch/formats/router_matrix.h"
#include "dispatch/records.h"

namespace dongne::dispatch {

// A ride at risk is still planned up to an hour late (DayPlan::rescue).
inline constexpr int kRescueS = 3600;

struct Placement {
  int64_t vehicle_id = 0;
  int pickup_eta_s = 0;   // service start at the pickup (never before the window opens); for a rider on board: -1
  int dropoff_eta_s = 0;
};

struct PlannedStop {
  int64_t ride_id = 0;
  bool pickup = true;
  int eta_s = 0;
};

struct Broken {
  int64_t ride_id = 0;  // 0: about the vehicle (a shift or a break)
  std::string what;
};

class DayPlan {
 public:
  // `vehicles` are the area's; those not working on the day, inactive, offline or broken get no work. `rides` are
  // the day's rides; those promised, at risk or on board are planned (on board: on their vehicle, due by their
  // ride limit). now_s is the current second of the day (0 for a coming day). Rides that no longer fit are in
  // *broken.
  // With `matrix` (a router's matrix over the area's stops), travel is read from it; vehicles are then placed at
  // the stop nearest their position.
  static Result<DayPlan> build(const AreaRecord& area, LocalDate day, const std::vector<VehicleRecord>& vehicles,
                               const std::vector<VehicleDay>& vehicle_days, const std::vector<RideRecord>& rides,
                               int now_s, std::vector<Broken>* broken,
                               const formats::RouterMatrix* matrix = nullptr);
  // Driving time between two stops leaving at depart_s, by the plan's travel model (what ride limits start from).
  int direct_seconds(int64_t from_stop, int64_t to_stop, int depart_s) const;

  // Plans a new ride (its window and ride limit set) at its cheapest feasible place, on `only` if given.
  // kConflict "no_feasible_insertion" when it fits nowhere (nothing changes).
  Result<Placement> place(const RideRecord& ride, std::optional<int64_t> only = std::nullopt);
  // The earliest window start after the ride's own, in `step_s` steps up to `limit_s` of the day, at which the
  // ride would fit on a route passing near its pickup (a quick look; a time it names does fit); the plan is left
  // as it was.
  std::optional<int> next_possible(RideRecord ride, int step_s, int limit_s);
  // A trip with a delivery deadline (a luggage order): the earliest later deadline, in `step_s` steps up to
  // `limit_s`, at which it would fit (a quick look, as next_possible); the plan is left as it was.
  std::optional<int> later_deadline(RideRecord trip, int step_s, int limit_s);
  // A ride whose promise can no longer be kept (at risk) is still served as soon as a van can: planned with its
  // window, ride limit and deadline stretched by up to `late_s` (the promise stays as it was, so the ride stays at
  // risk unless the van makes the window after all). Already planned: its placement.
  Result<Placement> rescue(const RideRecord& ride, int late_s);
  // Moves a planned ride to vehicle `vehicle_id` (pinned there); on failure it stays where it was.
  Result<Placement> assign(const RideRecord& ride, int64_t vehicle_id);
  Status cancel(int64_t ride_id);
  // The driver did the vehicle's next stop at now_s; the rest of its plan shifts if it runs late. kConflict
  // "not_next_stop" unless the ride's stop is the vehicle's next one.
  Result<std::vector<Broken>> done(int64_t vehicle_id, int64_t ride_id, bool pickup, int now_s);
  // A no-show: the pickup is dropped from the plan.
  Status no_show(int64_t vehicle_id, int64_t ride_id);
  // The vehicle will reach its next stop only at `arrive_s` (from its reported position): the plan moves on from
  // there. (The plan's own arrival may be long past for a van that idled before a later pickup, so the shift is
  // measured against that arrival, not against the stop's planned service.)
  Result<std::vector<Broken>> arriving(int64_t vehicle_id, int arrive_s);
  // The vehicle is out of service: its rides go to other vehicles where they can.
  Result<std::vector<Broken>> out_of_service(int64_t vehicle_id);

  std::vector<PlannedStop> stops(int64_t vehicle_id) const;
  // Every planned ride's vehicle and ETAs.
  std::map<int64_t, Placement> placements() const;
  bool has_vehicle(int64_t vehicle_id) const { return vindex_.count(vehicle_id) > 0; }
  // Seconds the vehicle's next stop is planned for, and where it is (for ETAs from a position).
  std::optional<PlannedStop> next_stop(int64_t vehicle_id) const;

 private:
  explicit DayPlan(LivePlan plan) : plan_(std::move(plan)) {}
  Task task_of(const RideRecord& r) const;
  std::vector<PlannedStop> route_stops(const Solution& sol, VehicleIndex v) const;
  std::vector<Broken> translate(const std::vector<BrokenPromise>& b) const;
  int64_t vehicle_id_of(VehicleIndex v) const { return vids_[v]; }

  LivePlan plan_;
  AreaRecord area_;
  std::map<int64_t, LocationIndex> stop_loc_;
  std::map<int64_t, VehicleIndex> vindex_;
  std::vector<int64_t> vids_;
  std::vector<int64_t> task_ride_;       // engine task -> ride id (0: a probe)
  std::map<int64_t, TaskIndex> ride_task_;
};

}  // namespace dongne::dispatch
