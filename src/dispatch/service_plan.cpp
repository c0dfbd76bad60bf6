// The live plans: one per area and day, rebuilt from the store when it moved on, written back after each change.
#include <nlohmann/json.hpp>

#include "dispatch/repo.h"
#include "dispatch/rules.h"
#include "dispatch/service.h"
#include "dispatch/service_util.h"

namespace dongne::dispatch {

bool operates(const Principal& p, const AreaRecord& area) {
  return p.covers(Role::kOperator, area.operator_id);
}

Result<std::shared_ptr<const formats::RouterMatrix>> ShuttleService::matrix_of(const AreaRules& rules) {
  if (rules.matrix_file.empty()) return std::shared_ptr<const formats::RouterMatrix>();
  auto it = matrices_.find(rules.matrix_file);
  if (it != matrices_.end()) return it->second;
  DONGNE_ASSIGN_OR_RETURN(std::string text, read_text_file(share_dir_ + "/" + rules.matrix_file));
  auto m = formats::read_router_matrix(text);
  if (!m.ok()) return Error::internal("travel matrix " + rules.matrix_file + ": " + m.error().message_en);
  auto shared = std::make_shared<const formats::RouterMatrix>(std::move(m).value());
  matrices_[rules.matrix_file] = shared;
  return std::shared_ptr<const formats::RouterMatrix>(shared);
}

Status ShuttleService::with_plan(int64_t area_id, LocalDate day, const PlanFn& fn, bool rebuild) {
  std::lock_guard<std::mutex> lock(mu_);
  Cached& c = cache_[{area_id, days_from_civil(day)}];
  bool attempted = false;
  int64_t version = -1;
  Status st = db_.transact(
      [&](store::Tx& tx) -> Status {
        DONGNE_ASSIGN_OR_RETURN(int64_t before, repo::lock_and_bump(tx, area_id, day));
        version = before + 1;
        DONGNE_ASSIGN_OR_RETURN(auto area, repo::area(tx, area_id));
        if (!area) return Error::not_found("운행 구역이 없습니다", "no such service area");
        const EpochMs now = clock_.now_ms();
        const LocalDate today = local_date(now);
        const int now_s = day == today ? second_of(day, now) : 0;
        std::vector<Broken> broken;
        if (rebuild || attempted || !c.plan || c.version != before) {
          // The store moved on without this plan (or a write failed halfway): plan again from what is stored.
          DONGNE_ASSIGN_OR_RETURN(auto vehicles, repo::vehicles(tx, area_id));
          DONGNE_ASSIGN_OR_RETURN(auto vdays, repo::vehicle_days(tx, area_id, day));
          DONGNE_ASSIGN_OR_RETURN(auto rides, repo::rides_of_day(tx, area_id, day));
          c.plan.reset();
          DONGNE_ASSIGN_OR_RETURN(auto matrix, matrix_of(area->rules));
          DONGNE_ASSIGN_OR_RETURN(DayPlan plan, DayPlan::build(*area, day, vehicles, vdays, rides, now_s, &broken, matrix.get()));
          c.plan.emplace(std::move(plan));
          c.placements.clear();
          for (const RideRecord& r : rides)
            if (r.vehicle_id && (r.status == "promised" || r.status == "onboard" || r.status == "at_risk"))
              c.placements[r.id] = Placement{*r.vehicle_id, r.pickup_eta_s.value_or(0), r.dropoff_eta_s.value_or(0)};
        }
        attempted = true;
        DONGNE_TRY(fn(tx, *area, *c.plan, now_s, broken));
        return sync(tx, *area, day, c, broken, now);
      },
      store::Isolation::kReadCommitted);
  if (st.ok()) {
    c.version = version;
  } else {
    c.plan.reset();
    c.version = -1;
  }
  return st;
}

Status ShuttleService::sync(store::Tx& tx, const AreaRecord& area, LocalDate, Cached& c,
                            const std::vector<Broken>& broken, EpochMs now) {
  // A ride that lost its place is still served late if a van can (it stays at risk, and the rider is told).
  const std::map<int64_t, Placement> before = c.plan->placements();
  for (const Broken& b : broken) {
    if (b.ride_id == 0 || before.count(b.ride_id)) continue;
    DONGNE_ASSIGN_OR_RETURN(auto r, repo::ride(tx, b.ride_id));
    if (!r || (r->status != "promised" && r->status != "at_risk")) continue;
    (void)c.plan->rescue(*r, kRescueS);
  }
  const std::map<int64_t, Placement> now_placed = c.plan->placements();
  // Rides whose vehicle or ETAs changed, and rides that lost their place.
  for (const auto& [rid, p] : now_placed) {
    auto old = c.placements.find(rid);
    if (old != c.placements.end() && old->second.vehicle_id == p.vehicle_id && old->second.pickup_eta_s == p.pickup_eta_s &&
        old->second.dropoff_eta_s == p.dropoff_eta_s)
      continue;
    DONGNE_TRY(repo::update_placement(tx, rid, p.vehicle_id, p.pickup_eta_s, p.dropoff_eta_s, now));
  }
  for (const Broken& b : broken) {
    if (b.ride_id == 0) continue;
    DONGNE_ASSIGN_OR_RETURN(auto r, repo::ride(tx, b.ride_id));
    if (!r || (r->status != "promised" && r->status != "onboard" && r->status != "at_risk")) continue;
    const bool was = r->status == "at_risk";
    if (auto p = now_placed.find(r->id); p != now_placed.end() && r->status == "promised" && p->second.pickup_eta_s <= r->window_end_s &&
                                         p->second.dropoff_eta_s <= (r->deliver_by_s ? *r->deliver_by_s
                                                                                      : r->window_end_s + area.rules.stop_service_s + r->max_ride_s))
      continue;  // re-planned within its promise after all
    if (r->status != "onboard") r->status = "at_risk";
    if (!now_placed.count(r->id) && r->status == "at_risk") {
      r->vehicle_id.reset();
      r->pickup_eta_s.reset();
      r->dropoff_eta_s.reset();
    }
    r->refusal = b.what;
    if (auto p = now_placed.find(r->id); p != now_placed.end() && r->status == "at_risk") {
      r->vehicle_id = p->second.vehicle_id;
      r->pickup_eta_s = p->second.pickup_eta_s;
      r->dropoff_eta_s = p->second.dropoff_eta_s;
      if (p->second.pickup_eta_s >= 0)
        r->refusal += "; still planned late: pickup about " + format_hhmm((p->second.pickup_eta_s / 60) % 1440);
    }
    r->updated_at = now;
    DONGNE_TRY(repo::update_ride(tx, *r));
    if (!was) DONGNE_TRY(detail::ride_event(tx, "dispatch.promise_broken", area, *r, {{"what", b.what}}, now));
  }
  c.placements = now_placed;
  return ok_status();
}

}  // namespace dongne::dispatch
