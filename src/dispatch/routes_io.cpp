// JSON for the shuttle's answers (shapes in docs/dispatch-services.md). Times are RFC 3339 with +09:00.
#include "core/error_json.h"
#include "core/privacy.h"
#include "dispatch/routes.h"
#include "dispatch/rules.h"
#include "http/fields.h"

namespace dongne::dispatch::io {

namespace {
// Minutes of the day as HH:MM, midnight at the end of the day as 24:00.
std::string hhmm24(int minute) { return minute >= 1440 ? "24:00" : format_hhmm(minute); }
}  // namespace

nlohmann::json at(LocalDate day, std::optional<int> s) {
  if (!s) return nullptr;
  return format_rfc3339(instant_of(day, *s));
}

nlohmann::json instant(std::optional<EpochMs> t) {
  if (!t) return nullptr;
  return format_rfc3339(*t);
}

std::optional<EpochMs> instant_field(http::Fields& f, const std::string& name) {
  auto t = f.opt_str(name, {1, 40});
  if (!t) return std::nullopt;
  auto parsed = parse_rfc3339(*t);
  if (parsed.ok()) return *parsed;
  f.fail(name, "format", "시각은 RFC 3339 형식입니다 (예: 2026-12-02T07:20:00+09:00)", "a time is RFC 3339 (e.g. 2026-12-02T07:20:00+09:00)");
  return std::nullopt;
}

Result<std::optional<LocalDate>> date_query(const http::Context& ctx) {
  auto d = ctx.query("date");
  if (!d) return std::optional<LocalDate>();
  auto parsed = parse_date(*d);
  if (!parsed.ok()) return Error::field("query.date", "format", "날짜는 YYYY-MM-DD 입니다", "the date is YYYY-MM-DD");
  return std::optional<LocalDate>(*parsed);
}

nlohmann::json stop_json(const StopRecord& s) {
  return {{"id", s.id}, {"code", s.code}, {"name_ko", s.name_ko}, {"name_en", s.name_en}, {"lat", s.at.lat}, {"lon", s.at.lon}};
}

nlohmann::json area_json(const AreaRecord& a) {
  const AreaRules& r = a.rules;
  nlohmann::json boundary = nlohmann::json::array();
  for (LonLat p : r.boundary) boundary.push_back({p.lon, p.lat});
  nlohmann::json stops = nlohmann::json::array();
  for (const StopRecord& s : a.stops) stops.push_back(stop_json(s));
  return {{"id", a.id},
          {"code", a.code},
          {"kind", a.kind},
          {"name_ko", a.name_ko},
          {"name_en", a.name_en},
          {"operator_id", a.operator_id},
          {"boundary", boundary},
          {"stops", stops},
          {"hours", {{"open", format_hhmm(r.open_min)}, {"close", hhmm24(r.close_min)}, {"days", day_names(r.days)}}},
          {"lead_min", r.lead_min},
          {"max_wait_min", r.max_wait_min},
          {"horizon_days", r.horizon_days},
          {"fare", {{"base_won", r.base_fare_won}, {"per_km_won", r.per_km_won}, {"per_bag_won", r.per_bag_won}}},
          {"risk_margin_min", r.risk_margin_min},
          {"road_factor", r.road_factor},
          {"phone", r.phone},
          {"max_passengers", r.max_passengers}};
}

nlohmann::json ride_json(const RideView& v) {
  const RideRecord& r = v.ride;
  nlohmann::json j = {{"id", r.id},
                      {"area_id", r.area_id},
                      {"day", format_date(r.day)},
                      {"status", r.status},
                      {"pickup", stop_json(v.pickup)},
                      {"dropoff", stop_json(v.dropoff)},
                      {"passengers", r.passengers},
                      {"wheelchair", r.wheelchair},
                      {"window", {{"from", at(r.day, r.window_start_s)}, {"to", at(r.day, r.window_end_s)}}},
                      {"latest_arrival", at(r.day, v.latest_arrival_s())},
                      {"fare_won", r.fare_won},
                      {"distance_m", r.distance_m},
                      {"channel", r.channel},
                      {"note", r.note},
                      {"picked_up_at", instant(r.picked_up_at)},
                      {"dropped_off_at", instant(r.dropped_off_at)},
                      {"series_id", r.series_id ? nlohmann::json(*r.series_id) : nlohmann::json(nullptr)},
                      {"created_at", format_rfc3339(r.created_at)},
                      {"updated_at", format_rfc3339(r.updated_at)}};
  // The ETA a rider sees is the plan's and never earlier than the promised window.
  const bool live = r.status == "promised" || r.status == "at_risk" || r.status == "onboard";
  if (live) {
    std::optional<int> pick = r.pickup_eta_s;
    if (pick && *pick < r.window_start_s) pick = r.window_start_s;
    j["eta"] = {{"pickup", r.status == "onboard" ? nlohmann::json(nullptr) : at(r.day, pick)},
                {"dropoff", at(r.day, r.dropoff_eta_s)},
                {"updated_at", format_rfc3339(r.updated_at)}};
  } else {
    j["eta"] = nullptr;
  }
  if (v.vehicle && live) {
    nlohmann::json veh = {{"id", v.vehicle->id}, {"label", v.vehicle->label}, {"lat", nullptr}, {"lon", nullptr}, {"position_at", nullptr}};
    if (v.vehicle_day && v.vehicle_day->position) {
      veh["lat"] = v.vehicle_day->position->lat;
      veh["lon"] = v.vehicle_day->position->lon;
      veh["position_at"] = instant(v.vehicle_day->position_at);
    }
    j["vehicle"] = veh;
  } else {
    j["vehicle"] = nullptr;
  }
  j["rider"] = {{"name", v.full_rider ? r.rider_name : mask_name(r.rider_name)}};
  if (v.full_rider && r.rider_phone) j["rider"]["phone"] = *r.rider_phone;
  if (r.status == "refused" || r.status == "at_risk" || (r.status == "onboard" && !r.refusal.empty())) j["problem"] = r.refusal;
  if (r.status == "refused") j["next_possible_at"] = at(r.day, r.next_possible_s);
  return j;
}

nlohmann::json step_json(const StopStep& s) {
  const RideRecord& r = s.ride.ride;
  nlohmann::json window = nullptr;
  if (s.pickup) window = {{"from", at(r.day, r.window_start_s)}, {"to", at(r.day, r.window_end_s)}};
  std::optional<int> eta = s.pickup ? r.pickup_eta_s : r.dropoff_eta_s;
  if (s.pickup && eta && *eta < r.window_start_s) eta = r.window_start_s;
  nlohmann::json j = {{"ride_id", r.id},
          {"action", s.pickup ? "pickup" : "dropoff"},
          {"status", r.status},
          {"stop", stop_json(s.pickup ? s.ride.pickup : s.ride.dropoff)},
          {"window", window},
          {"eta", at(r.day, eta)},
          {"latest_arrival", at(r.day, s.ride.latest_arrival_s())},
          {"passengers", r.passengers},
          {"wheelchair", r.wheelchair},
          {"note", r.note},
          {"rider", {{"name", mask_name(r.rider_name)}}}};
  if (s.ride.kind == "luggage") {  // a courier's stop: bags, the deadline, confirmed with the customer's code
    j["kind"] = "luggage";
    j["bags"] = r.passengers;
    j["deliver_by"] = at(r.day, r.deliver_by_s);
    j["code_required"] = true;
  }
  return j;
}

nlohmann::json figures_json(const Figures& f) {
  auto opt = [](const std::optional<double>& v) { return v ? nlohmann::json(*v) : nlohmann::json(nullptr); };
  return {{"requested", f.requested}, {"promised", f.promised}, {"refused", f.refused}, {"cancelled", f.cancelled},
          {"no_show", f.no_show}, {"completed", f.completed}, {"onboard", f.onboard}, {"at_risk", f.at_risk},
          {"passengers", f.passengers}, {"on_time_rate", opt(f.on_time_rate)}, {"mean_wait_min", opt(f.mean_wait_min)},
          {"mean_ride_min", opt(f.mean_ride_min)}, {"vehicle_km", f.vehicle_km}, {"occupancy", opt(f.occupancy)}};
}

nlohmann::json board_json(const Board& b) {
  nlohmann::json rides = nlohmann::json::array();
  for (const RideView& r : b.rides) rides.push_back(ride_json(r));
  nlohmann::json vehicles = nlohmann::json::array();
  for (const VehicleBoard& v : b.vehicles) {
    nlohmann::json stops = nlohmann::json::array();
    for (const StopStep& s : v.stops) stops.push_back(step_json(s));
    nlohmann::json pos = nullptr;
    if (v.day && v.day->position)
      pos = {{"lat", v.day->position->lat}, {"lon", v.day->position->lon}, {"at", instant(v.day->position_at)}};
    vehicles.push_back({{"id", v.vehicle.id},
                        {"label", v.vehicle.label},
                        {"seats", v.vehicle.seats},
                        {"wheelchair_places", v.vehicle.wheelchair_places},
                        {"status", v.status},
                        {"shift", {{"from", format_hhmm(v.vehicle.shift_start_min)}, {"to", hhmm24(v.vehicle.shift_end_min)}}},
                        {"position", pos},
                        {"onboard", v.onboard},
                        {"stops", stops}});
  }
  return {{"area", area_json(b.area)}, {"day", format_date(b.day)}, {"rides", rides}, {"vehicles", vehicles},
          {"figures", figures_json(b.figures)}};
}

nlohmann::json driver_json(const DriverDay& d) {
  nlohmann::json stops = nlohmann::json::array(), done = nlohmann::json::array();
  for (const StopStep& s : d.stops) stops.push_back(step_json(s));
  for (const StopStep& s : d.done) done.push_back(step_json(s));
  nlohmann::json vehicle = nullptr;
  if (d.vehicle) {
    vehicle = {{"id", d.vehicle->id}, {"label", d.vehicle->label}, {"seats", d.vehicle->seats}, {"status", d.status},
               {"shift", {{"from", format_hhmm(d.vehicle->shift_start_min)}, {"to", hhmm24(d.vehicle->shift_end_min)}}},
               {"area", d.area ? nlohmann::json({{"id", d.area->id}, {"kind", d.area->kind}, {"name_ko", d.area->name_ko}, {"name_en", d.area->name_en}})
                               : nlohmann::json(nullptr)}};
  }
  return {{"vehicle", vehicle}, {"day", format_date(d.day)}, {"stops", stops}, {"done", done}};
}

nlohmann::json series_json(const SeriesRecord& s) {
  return {{"id", s.id},
          {"area_id", s.area_id},
          {"pickup_stop_id", s.pickup_stop_id},
          {"dropoff_stop_id", s.dropoff_stop_id},
          {"time", format_hhmm(s.time_min)},
          {"days", day_names(s.days)},
          {"from", format_date(s.from)},
          {"until", s.until ? nlohmann::json(format_date(*s.until)) : nlohmann::json(nullptr)},
          {"booked_through", format_date(s.booked_through)},
          {"passengers", s.passengers},
          {"wheelchair", s.wheelchair},
          {"status", s.status}};
}

nlohmann::json replanned_json(const Replanned& r) {
  nlohmann::json broken = nlohmann::json::array();
  for (const Broken& b : r.broken)
    broken.push_back({{"ride_id", b.ride_id == 0 ? nlohmann::json(nullptr) : nlohmann::json(b.ride_id)}, {"what", b.what}});
  return {{"replanned", r.replanned}, {"broken", broken}, {"late_s", r.late_s}};
}

}  // namespace dongne::dispatch::io
