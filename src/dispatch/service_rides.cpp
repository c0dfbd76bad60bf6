// Riders' side: a request answered with a promise or a clear no, the ride as its reader may see it, cancelling,
// and recurring series.
#include <nlohmann/json.hpp>

#include "core/error_json.h"
#include "core/privacy.h"
#include "dispatch/repo.h"
#include "dispatch/rules.h"
#include "dispatch/service.h"
#include "dispatch/service_util.h"

namespace dongne::dispatch {

namespace {

constexpr int kProbeStepS = 600;       // the next possible time is looked for in 10-minute steps
constexpr int kProbeHorizonS = 3 * 3600;

bool active(const RideRecord& r) { return r.status == "promised" || r.status == "at_risk"; }

Error refusal_of(const RideRecord& r) {
  Error e = Error::conflict("지금은 약속할 수 있는 차량이 없습니다", "no vehicle can promise this ride", "no_vehicle");
  std::string when;
  if (r.next_possible_s) {
    when = format_rfc3339(instant_of(r.day, *r.next_possible_s));
    const int m = (*r.next_possible_s / 60) % 1440;
    e.message_ko += ". 가장 빠른 가능 시각: " + format_hhmm(m);
    e.message_en += "; the earliest possible pickup is " + format_hhmm(m);
  } else {
    e.message_ko += ". 3시간 안에는 가능한 시각이 없습니다. 운영센터에 전화해 주세요";
    e.message_en += "; nothing fits within three hours: please phone the operator";
  }
  e.extensions.emplace_back("next_possible_at", when);
  return e;
}

}  // namespace

std::string RideInput::fingerprint() const {
  nlohmann::json j = {{"area", area_id}, {"passengers", passengers}, {"wheelchair", wheelchair}, {"note", note}};
  if (pickup_stop_id) j["ps"] = *pickup_stop_id;
  if (dropoff_stop_id) j["ds"] = *dropoff_stop_id;
  if (pickup_point) j["pp"] = {pickup_point->lon, pickup_point->lat};
  if (dropoff_point) j["dp"] = {dropoff_point->lon, dropoff_point->lat};
  if (pickup_after) j["at"] = *pickup_after;
  if (rider_name) j["rn"] = *rider_name;
  if (rider_phone) j["rp"] = *rider_phone;
  return j.dump();
}

Result<std::vector<AreaRecord>> ShuttleService::areas() {
  std::vector<AreaRecord> out;
  DONGNE_TRY(db_.read([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(out, repo::areas(tx));
    return ok_status();
  }));
  return out;
}

Result<RideView> ShuttleService::view(store::Tx& tx, const Principal& p, const RideRecord& r) {
  DONGNE_ASSIGN_OR_RETURN(auto area, repo::area(tx, r.area_id));
  if (!area) return Error::internal("ride " + std::to_string(r.id) + " names a missing area");
  RideView v;
  v.ride = r;
  if (const StopRecord* s = find_stop(*area, r.pickup_stop_id)) v.pickup = *s;
  if (const StopRecord* s = find_stop(*area, r.dropoff_stop_id)) v.dropoff = *s;
  if (r.vehicle_id) {
    DONGNE_ASSIGN_OR_RETURN(v.vehicle, repo::vehicle(tx, *r.vehicle_id));
    DONGNE_ASSIGN_OR_RETURN(auto days, repo::vehicle_days(tx, r.area_id, r.day));
    for (const VehicleDay& d : days)
      if (d.vehicle_id == *r.vehicle_id) v.vehicle_day = d;
  }
  v.full_rider = operates(p, *area);
  v.stop_service_s = area->rules.stop_service_s;
  v.kind = area->kind;
  v.risk_margin_min = area->rules.risk_margin_min;
  return v;
}

Result<RideView> ShuttleService::request(const Principal& p, const RideInput& in, const std::optional<std::string>& idem_key) {
  return submit(p, in, idem_key, std::nullopt);
}

Result<RideView> ShuttleService::submit(const Principal& p, const RideInput& in, const std::optional<std::string>& idem_key,
                                        std::optional<int64_t> series_id) {
  std::optional<AreaRecord> area;
  DONGNE_TRY(db_.read([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(area, repo::area(tx, in.area_id));
    return ok_status();
  }));
  if (!area) return Error::field("area_id", "unknown_area", "운행 구역이 없습니다", "no such service area");
  if (area->kind != "shuttle") return detail::not_a_shuttle();
  const bool staff = operates(p, *area);
  if (!staff && !p.has(Role::kResident))
    return Error::forbidden("이 구역의 운영기관만 대신 신청할 수 있습니다", "only the area's operator may request for someone else");
  const AreaRules& rules = area->rules;
  std::vector<FieldError> errs;
  auto resolve = [&](const std::optional<int64_t>& id, const std::optional<LonLat>& pt, const std::string& field) -> const StopRecord* {
    if (id) {
      if (const StopRecord* s = find_stop(*area, *id)) return s;
      errs.push_back({field + "_stop_id", "unknown_stop", "이 구역의 정류장이 아닙니다", "not a stop of this area"});
      return nullptr;
    }
    if (pt) {
      if (!inside(rules.boundary, *pt)) {
        errs.push_back({field, "outside_area", "운행 구역 밖입니다", "outside the service area"});
        return nullptr;
      }
      if (const StopRecord* s = nearest_stop(*area, *pt)) return s;
      errs.push_back({field, "no_stop_near", std::to_string(rules.snap_radius_m) + "m 안에 정류장이 없습니다",
                      "no stop within " + std::to_string(rules.snap_radius_m) + " m"});
      return nullptr;
    }
    errs.push_back({field + "_stop_id", "required", "정류장을 고르세요", "choose a stop"});
    return nullptr;
  };
  const StopRecord* from = resolve(in.pickup_stop_id, in.pickup_point, "pickup");
  const StopRecord* to = resolve(in.dropoff_stop_id, in.dropoff_point, "dropoff");
  const bool for_caller = staff && !p.has(Role::kResident);
  detail::check_trip(rules, from ? from->id : 0, to ? to->id : -1, in.passengers, for_caller, in.rider_name, in.rider_phone, errs);
  if (in.note.size() > 300) errs.push_back({"note", "too_long", "메모는 300바이트 이내입니다", "the note is at most 300 bytes"});
  for (const auto* text : {&in.note, in.rider_name ? &*in.rider_name : nullptr, in.rider_phone ? &*in.rider_phone : nullptr})
    if (text && looks_like_rrn(*text))
      errs.push_back({"note", "rrn", "주민등록번호는 받지 않습니다", "resident registration numbers are never accepted"});
  std::string rider_name = p.name;
  std::optional<std::string> rider_phone;
  if (for_caller) {
    rider_name = in.rider_name.value_or("");
    rider_phone = in.rider_phone;
  }
  const EpochMs now = clock_.now_ms();
  // Windows start on a whole minute: as soon as possible is the next minute after the lead time.
  const EpochMs at = in.pickup_after ? *in.pickup_after / kMsPerMinute * kMsPerMinute
                                     : (now + rules.lead_min * kMsPerMinute + kMsPerMinute - 1) / kMsPerMinute * kMsPerMinute;
  if (Status t = check_pickup_time(rules, at, now, "pickup_after"); !t.ok()) errs.insert(errs.end(), t.error().fields.begin(), t.error().fields.end());
  if (!errs.empty()) return Error::invalid("요청을 확인해 주세요", "please check the request", std::move(errs));

  RideRecord r;
  r.area_id = area->id;
  r.day = local_date(at);
  r.rider_user_id = staff && !p.has(Role::kResident) ? std::nullopt : std::optional<int64_t>(p.user_id);
  r.rider_name = rider_name;
  r.rider_phone = rider_phone;
  r.booked_by = p.user_id;
  r.channel = series_id ? "series" : r.rider_user_id ? "web" : "phone";
  r.series_id = series_id;
  r.pickup_stop_id = from->id;
  r.dropoff_stop_id = to->id;
  r.passengers = in.passengers;
  r.wheelchair = in.wheelchair;
  r.note = in.note;
  r.window_start_s = second_of(r.day, at);
  r.window_end_s = r.window_start_s + rules.max_wait_min * 60;
  r.distance_m = road_metres(rules, from->at, to->at);
  r.fare_won = fare_won(rules, r.distance_m);

  const std::string fp = in.fingerprint();
  std::optional<Error> refused;
  int64_t ride_id = 0;
  Status st = with_plan(area->id, r.day, [&](store::Tx& tx, const AreaRecord& a, DayPlan& plan, int, std::vector<Broken>&) -> Status {
    refused.reset();
    ride_id = 0;
    if (idem_key) {
      DONGNE_ASSIGN_OR_RETURN(auto prior, repo::find_answer(tx, p.user_id, *idem_key));
      if (prior) {
        if (prior->fingerprint != fp)
          return Error::conflict("같은 Idempotency-Key로 다른 요청을 보냈습니다", "this Idempotency-Key was used for a different request",
                                 "idempotency_key_reused");
        auto j = nlohmann::json::parse(prior->answer, nullptr, false);
        if (j.is_object() && j.contains("error")) refused = error_from_json(j["error"]);
        if (j.is_object() && j.contains("ride_id")) ride_id = j["ride_id"].get<int64_t>();
        return ok_status();
      }
    }
    // The ride limit starts from the direct time by the plan's own travel model (a router's matrix if given).
    r.max_ride_s = max_ride_seconds(rules, plan.direct_seconds(r.pickup_stop_id, r.dropoff_stop_id, r.window_start_s));
    DONGNE_ASSIGN_OR_RETURN(ride_id, repo::insert_ride(tx, [&] {
      RideRecord x = r;
      x.status = "refused";
      x.created_at = x.updated_at = now;
      return x;
    }()));
    RideRecord x = r;
    x.id = ride_id;
    x.created_at = x.updated_at = now;
    auto placed = plan.place(x);
    if (placed.ok()) {
      x.status = "promised";
      x.vehicle_id = placed->vehicle_id;
      x.pickup_eta_s = placed->pickup_eta_s;
      x.dropoff_eta_s = placed->dropoff_eta_s;
      DONGNE_TRY(detail::ride_event(tx, "dispatch.ride_promised", a, x,
                                    {{"channel", x.channel}, {"passengers", x.passengers}, {"fare_won", x.fare_won}}, now));
    } else {
      x.status = "refused";
      x.next_possible_s = plan.next_possible(x, kProbeStepS, std::min(rules.close_min * 60, x.window_start_s + kProbeHorizonS));
      x.refusal = placed.error().message_en;
      refused = refusal_of(x);
      DONGNE_TRY(detail::ride_event(tx, "dispatch.ride_refused", a, x, {{"channel", x.channel}, {"passengers", x.passengers}}, now));
    }
    DONGNE_TRY(repo::update_ride(tx, x));
    if (idem_key) {
      nlohmann::json ans = {{"ride_id", ride_id}};
      if (refused) ans["error"] = error_to_json(*refused);
      DONGNE_TRY(repo::store_answer(tx, p.user_id, *idem_key, {fp, refused ? 409 : 201, ans.dump()}, now));
    }
    return ok_status();
  });
  DONGNE_TRY(st);
  if (refused) return *refused;
  // The answer shows what the caller just sent (an operator typed the phone in): a plain read, not a logged one.
  std::optional<RideView> out;
  DONGNE_TRY(db_.read([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(auto x, repo::ride(tx, ride_id));
    if (!x) return detail::not_your_ride();
    DONGNE_ASSIGN_OR_RETURN(out, view(tx, p, *x));
    return ok_status();
  }));
  return std::move(*out);
}

Result<RideView> ShuttleService::ride(const Principal& p, int64_t ride_id) {
  std::optional<RideView> out;
  auto body = [&](store::Tx& tx, bool log) -> Status {
    DONGNE_ASSIGN_OR_RETURN(auto r, repo::ride(tx, ride_id));
    if (!r) return detail::not_your_ride();
    DONGNE_ASSIGN_OR_RETURN(RideView v, view(tx, p, *r));
    const bool mine = r->rider_user_id && *r->rider_user_id == p.user_id;
    const bool drives = v.vehicle && v.vehicle->driver_user_id && *v.vehicle->driver_user_id == p.user_id;
    if (!mine && !drives && !v.full_rider) return detail::not_your_ride();
    if (log && v.full_rider && !mine)
      DONGNE_TRY(repo::log_read(tx, p.user_id, r->rider_user_id.value_or(0), "rider", std::to_string(r->id),
                                "GET /api/v1/dispatch/rides/{id}",
                                "shuttle ride " + std::to_string(r->id), clock_.now_ms()));
    out = std::move(v);
    return ok_status();
  };
  // The operator's reads show the rider's phone and are logged, so they write; riders and drivers only read.
  if (p.has(Role::kOperator) || p.has(Role::kAdmin)) DONGNE_TRY(db_.transact([&](store::Tx& tx) { return body(tx, true); }));
  else DONGNE_TRY(db_.read([&](store::Tx& tx) { return body(tx, false); }));
  return std::move(*out);
}

Result<RideView> ShuttleService::cancel(const Principal& p, int64_t ride_id) {
  DONGNE_ASSIGN_OR_RETURN(RideView before, ride(p, ride_id));
  const bool mine = before.ride.rider_user_id && *before.ride.rider_user_id == p.user_id;
  if (!mine && !before.full_rider) return detail::not_your_ride();
  DONGNE_TRY(with_plan(before.ride.area_id, before.ride.day, [&](store::Tx& tx, const AreaRecord& a, DayPlan& plan, int, std::vector<Broken>&) -> Status {
    DONGNE_ASSIGN_OR_RETURN(auto r, repo::ride(tx, ride_id));
    if (!r) return detail::not_your_ride();
    if (r->status == "onboard") return Error::conflict("이미 탑승했습니다", "the rider is already on board", "already_picked_up");
    if (!active(*r)) return Error::conflict("취소할 수 있는 예약이 아닙니다", "only a promised ride can be cancelled", "not_active");
    DONGNE_TRY(plan.cancel(ride_id));
    r->status = "cancelled";
    r->vehicle_id.reset();
    r->updated_at = clock_.now_ms();
    DONGNE_TRY(repo::update_ride(tx, *r));
    return detail::ride_event(tx, a.kind == "luggage" ? "dispatch.delivery_cancelled" : "dispatch.ride_cancelled", a, *r,
                              {{"by", mine ? "rider" : "operator"}}, r->updated_at);
  }));
  return ride(p, ride_id);
}

Result<std::vector<RideView>> ShuttleService::my_rides(const Principal& p) {
  std::vector<RideView> out;
  DONGNE_TRY(db_.read([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(auto rides, repo::rides_of_rider(tx, p.user_id, add_days(today(), -30)));
    for (const RideRecord& r : rides) {
      DONGNE_ASSIGN_OR_RETURN(RideView v, view(tx, p, r));
      out.push_back(std::move(v));
    }
    return ok_status();
  }));
  return out;
}

}  // namespace dongne::dispatch
