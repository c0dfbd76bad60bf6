#include "dispatch/routes.h"

#include "core/error_json.h"
#include "dispatch/rules.h"
#include "http/fields.h"
#include "http/schema.h"
#include "dispatch/schemas.h"

namespace dongne::dispatch {

using http::Access;
using http::Context;
using http::Doc;
using http::Method;
using http::Response;
using namespace http::schema;  // NOLINT(google-build-using-namespace): the response schemas' vocabulary

namespace {

using http::schema::kBool;
using http::schema::kInt;
using http::schema::kStr;
using http::schema::kStrList;

const nlohmann::json kPoint = {{"type", "object"}, {"properties", {{"lat", {{"type", "number"}}}, {"lon", {{"type", "number"}}}}}};
const nlohmann::json kRider = {{"type", "object"}, {"description", "the operator's caller: name and phone"},
                               {"properties", {{"name", kStr}, {"phone", kStr}}}};
const nlohmann::json kRide = {
    {"type", "object"},
    {"required", {"area_id"}},
    {"description", "pickup and drop-off: a stop id or a point in the area (moved to the nearest stop). Send Idempotency-Key."},
    {"properties",
     {{"area_id", kInt}, {"pickup_stop_id", kInt}, {"dropoff_stop_id", kInt}, {"pickup", kPoint}, {"dropoff", kPoint},
      {"pickup_after", {{"type", "string"}, {"format", "date-time"}}}, {"passengers", kInt}, {"wheelchair", kBool},
      {"note", kStr}, {"rider", kRider}}}};
const nlohmann::json kSeries = {
    {"type", "object"},
    {"required", {"area_id", "pickup_stop_id", "dropoff_stop_id", "time", "days"}},
    {"properties",
     {{"area_id", kInt}, {"pickup_stop_id", kInt}, {"dropoff_stop_id", kInt}, {"time", {{"type", "string"}, {"pattern", "^[0-2][0-9]:[0-5][0-9]$"}}},
      {"days", kStrList}, {"from", http::schema::kDate}, {"until", http::schema::kDate}, {"passengers", kInt},
      {"wheelchair", kBool}, {"rider", kRider}}}};

const Access kRider_ = Access::roles({Role::kResident, Role::kOperator, Role::kAdmin});
const Access kOperator = Access::roles({Role::kOperator, Role::kAdmin});
const Access kDriver = Access::roles({Role::kDriver});

std::optional<LonLat> point(http::Fields& f, const nlohmann::json& body, const std::string& name) {
  if (!body.contains(name) || body[name].is_null()) return std::nullopt;
  const auto& p = body[name];
  if (!p.is_object() || !p.contains("lat") || !p.contains("lon") || !p["lat"].is_number() || !p["lon"].is_number()) {
    f.fail(name, "format", "위치는 {lat, lon} 숫자입니다", "a point is {lat, lon} as numbers");
    return std::nullopt;
  }
  return LonLat{p["lon"].get<double>(), p["lat"].get<double>()};
}

// The caller of an operator-taken request: {"rider": {"name", "phone"}}.
void rider_fields(const nlohmann::json& body, http::Fields& f, std::optional<std::string>& name, std::optional<std::string>& phone) {
  if (!body.contains("rider") || !body["rider"].is_object()) return;
  http::Fields rf(body["rider"], "rider");
  name = rf.opt_str("name", {1, 60});
  phone = rf.opt_phone("phone");
  f.absorb(rf);
}

Result<RideInput> ride_input(const nlohmann::json& body) {
  http::Fields f(body);
  RideInput in;
  in.area_id = f.i64("area_id", 1, INT64_MAX);
  in.pickup_stop_id = f.opt_i64("pickup_stop_id", 1, INT64_MAX);
  in.dropoff_stop_id = f.opt_i64("dropoff_stop_id", 1, INT64_MAX);
  in.pickup_point = point(f, body, "pickup");
  in.dropoff_point = point(f, body, "dropoff");
  in.pickup_after = io::instant_field(f, "pickup_after");
  in.passengers = static_cast<int>(f.opt_i64("passengers", -1000, 1000).value_or(1));
  in.wheelchair = f.boolean("wheelchair", false);
  in.note = f.opt_str("note", {0, 300, true}).value_or("");
  rider_fields(body, f, in.rider_name, in.rider_phone);
  DONGNE_TRY(f.finish());
  return in;
}

Result<SeriesInput> series_input(const nlohmann::json& body) {
  http::Fields f(body);
  SeriesInput in;
  in.area_id = f.i64("area_id", 1, INT64_MAX);
  in.pickup_stop_id = f.i64("pickup_stop_id", 1, INT64_MAX);
  in.dropoff_stop_id = f.i64("dropoff_stop_id", 1, INT64_MAX);
  const std::string time = f.str("time", {5, 5});
  int h = -1, m = -1;
  if (time.size() == 5 && std::sscanf(time.c_str(), "%2d:%2d", &h, &m) == 2 && h >= 0 && h < 24 && m >= 0 && m < 60) in.time_min = h * 60 + m;
  else if (!time.empty()) f.fail("time", "format", "시각은 HH:MM 입니다", "the time is HH:MM");
  if (body.contains("days") && body["days"].is_array()) {
    std::vector<std::string> names;
    for (const auto& d : body["days"])
      if (d.is_string()) names.push_back(d.get<std::string>());
    auto days = parse_days(names, "days");
    if (days.ok()) in.days = *days;
    else f.fail("days", days.error().fields[0].code, days.error().fields[0].message_ko, days.error().fields[0].message_en);
  } else {
    f.fail("days", "required", "요일을 고르세요", "choose the days");
  }
  if (auto d = f.opt_date("from")) in.from = parse_date(*d).value();
  if (auto d = f.opt_date("until")) in.until = parse_date(*d).value();
  in.passengers = static_cast<int>(f.opt_i64("passengers", -1000, 1000).value_or(1));
  in.wheelchair = f.boolean("wheelchair", false);
  rider_fields(body, f, in.rider_name, in.rider_phone);
  DONGNE_TRY(f.finish());
  return in;
}

Response ride_response(int status, const RideView& v) { return Response::json(status, {{"ride", io::ride_json(v)}}); }

}  // namespace

void add_routes(http::Router& r, ShuttleService& svc) {
  const std::string base = "/api/v1/dispatch";

  r.add(Method::kGet, base + "/areas", Access::anyone(),
        Doc{"Dispatch service areas (shuttle and luggage delivery): stops or places, hours, fares and rules; with the service's today and now", "dispatch"}.returns(object({{"items", array_of(schemas::area())}, {"today", kDate}, {"now", kDateTime}})),
        [&svc](Context&) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(auto areas, svc.areas());
          nlohmann::json items = nlohmann::json::array();
          for (const auto& a : areas) items.push_back(io::area_json(a));
          return Response::json(200, {{"items", items}, {"today", format_date(svc.today())}, {"now", format_rfc3339(svc.now())}});
        });

  r.add(Method::kGet, base + "/areas/{id}/gtfs-flex.zip", Access::anyone(),
        Doc{"A shuttle area's virtual stops, hours and booking rules as a GTFS-Flex feed (application/zip) for trip planners",
            "dispatch"},
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(int64_t id, ctx.id_param("id"));
          const auto& req = ctx.request();
          std::string proto(req.header("x-forwarded-proto"));
          std::string host(req.header("host"));
          if (proto != "https") proto = "http";
          if (host.empty() || host.find_first_of(" /\\\"<>") != std::string::npos) host = "localhost";
          DONGNE_ASSIGN_OR_RETURN(std::string zip, svc.gtfs_flex(id, proto + "://" + host));
          return Response::text(200, std::move(zip), "application/zip")
              .with_header("Content-Disposition", "attachment; filename=\"gtfs-flex-" + std::to_string(id) + ".zip\"");
        });

  r.add(Method::kPost, base + "/rides", kRider_.in_own_scope(),
        Doc{"Request a ride: 201 with the promise, or 409 no_vehicle with next_possible_at. Idempotency-Key replays.", "dispatch", kRide, {}, 201}.returns(object({{"ride", schemas::ride()}})),
        [&svc](Context& ctx) -> Result<Response> {
          Status bad = ok_status();
          auto key = http::idempotency_key(ctx, &bad);
          DONGNE_TRY(bad);
          DONGNE_ASSIGN_OR_RETURN(auto body, ctx.json_body());
          DONGNE_ASSIGN_OR_RETURN(RideInput in, ride_input(body));
          DONGNE_ASSIGN_OR_RETURN(RideView v, svc.request(ctx.me(), in, key));
          return ride_response(201, v);
        });

  r.add(Method::kGet, base + "/rides/{id}", Access::signed_in(),
        Doc{"One ride with its live ETA (its rider, the area's operator, its driver)", "dispatch", nullptr, {}, 200, "rider"}.returns(object({{"ride", schemas::ride()}})),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(int64_t id, ctx.id_param("id"));
          DONGNE_ASSIGN_OR_RETURN(RideView v, svc.ride(ctx.me(), id));
          return ride_response(200, v);
        });

  r.add(Method::kPost, base + "/rides/{id}/cancel", kRider_.on("dispatch.ride"), Doc{"Cancel a ride not yet picked up", "dispatch"}.returns(object({{"ride", schemas::ride()}})),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(int64_t id, ctx.id_param("id"));
          DONGNE_ASSIGN_OR_RETURN(RideView v, svc.cancel(ctx.me(), id));
          return ride_response(200, v);
        });

  r.add(Method::kGet, base + "/me/rides", Access::roles({Role::kResident}), Doc{"My rides: coming and the last 30 days", "dispatch"}.returns(list_of(schemas::ride())),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(auto rides, svc.my_rides(ctx.me()));
          nlohmann::json items = nlohmann::json::array();
          for (const auto& v : rides) items.push_back(io::ride_json(v));
          return Response::json(200, {{"items", items}});
        });

  r.add(Method::kPost, base + "/series", kRider_.in_own_scope(),
        Doc{"Recurring rides (e.g. every weekday at 07:20): each day through the horizon is requested", "dispatch", kSeries, {}, 201}.returns(schemas::series_made()),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(auto body, ctx.json_body());
          DONGNE_ASSIGN_OR_RETURN(SeriesInput in, series_input(body));
          DONGNE_ASSIGN_OR_RETURN(auto made, svc.create_series(ctx.me(), in));
          nlohmann::json occ = nlohmann::json::array();
          for (const Occurrence& o : made.second) {
            nlohmann::json refusal = nullptr;
            if (o.refusal) {
              std::string next;
              for (const auto& [k, v] : o.refusal->extensions)
                if (k == "next_possible_at") next = v;
              refusal = {{"reason", o.refusal->reason.empty() ? std::string(code_name(o.refusal->code)) : o.refusal->reason},
                         {"message_ko", o.refusal->fields.empty() ? o.refusal->message_ko : o.refusal->fields[0].message_ko},
                         {"message_en", o.refusal->fields.empty() ? o.refusal->message_en : o.refusal->fields[0].message_en},
                         {"next_possible_at", next.empty() ? nlohmann::json(nullptr) : nlohmann::json(next)}};
            }
            occ.push_back({{"day", format_date(o.day)}, {"ride", o.ride ? io::ride_json(*o.ride) : nlohmann::json(nullptr)}, {"refusal", refusal}});
          }
          return Response::json(201, {{"series", io::series_json(made.first)}, {"occurrences", occ}});
        });

  r.add(Method::kGet, base + "/me/series", Access::roles({Role::kResident}), Doc{"My recurring rides", "dispatch"}.returns(list_of(schemas::series())),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(auto list, svc.my_series(ctx.me()));
          nlohmann::json items = nlohmann::json::array();
          for (const auto& s : list) items.push_back(io::series_json(s));
          return Response::json(200, {{"items", items}});
        });

  r.add(Method::kPost, base + "/series/{id}/cancel", kRider_.on("dispatch.series"), Doc{"Cancel a recurring ride and its coming rides", "dispatch"}.returns(object({{"series", schemas::series()}})),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(int64_t id, ctx.id_param("id"));
          DONGNE_ASSIGN_OR_RETURN(auto s, svc.cancel_series(ctx.me(), id));
          return Response::json(200, {{"series", io::series_json(s)}});
        });

  r.add(Method::kGet, base + "/areas/{id}/board", kOperator.on("dispatch.area"),
        Doc{"The operator's day: the queue, vehicles with their plans and positions, and the day's figures", "dispatch", nullptr, {"date"}}.returns(schemas::board()),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(int64_t id, ctx.id_param("id"));
          DONGNE_ASSIGN_OR_RETURN(auto day, io::date_query(ctx));
          DONGNE_ASSIGN_OR_RETURN(Board b, svc.board(ctx.me(), id, day));
          return Response::json(200, io::board_json(b));
        });

  r.add(Method::kPost, base + "/rides/{id}/assign", kOperator.on("dispatch.ride"),
        Doc{"Operator override: put a promised ride on a vehicle (kept there by later re-plans)", "dispatch",
            {{"type", "object"}, {"required", {"vehicle_id"}}, {"properties", {{"vehicle_id", kInt}}}}}.returns(object({{"ride", schemas::ride()}})),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(int64_t id, ctx.id_param("id"));
          DONGNE_ASSIGN_OR_RETURN(auto body, ctx.json_body());
          http::Fields f(body);
          const int64_t vehicle = f.i64("vehicle_id", 1, INT64_MAX);
          DONGNE_TRY(f.finish());
          DONGNE_ASSIGN_OR_RETURN(RideView v, svc.assign(ctx.me(), id, vehicle));
          return ride_response(200, v);
        });

  r.add(Method::kPost, base + "/vehicles/{id}/breakdown", Access::roles({Role::kOperator, Role::kDriver, Role::kAdmin}).on("dispatch.vehicle"),
        Doc{"A vehicle broke down: its rides are re-planned on other vehicles or reported", "dispatch"}.returns(schemas::replanned()),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(int64_t id, ctx.id_param("id"));
          DONGNE_ASSIGN_OR_RETURN(Replanned out, svc.breakdown(ctx.me(), id));
          return Response::json(200, io::replanned_json(out));
        });

  r.add(Method::kGet, base + "/driver/today", kDriver.in_own_scope(), Doc{"The driver's day: next stops and stops done", "dispatch"}.returns(schemas::driver_day()),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(DriverDay d, svc.driver_today(ctx.me()));
          return Response::json(200, io::driver_json(d));
        });

  r.add(Method::kPost, base + "/driver/stops", kDriver.in_own_scope(),
        Doc{"The driver marks the next stop: picked_up, dropped_off or no_show", "dispatch",
            {{"type", "object"}, {"required", {"ride_id", "action"}},
             {"properties", {{"ride_id", kInt}, {"action", {{"enum", {"picked_up", "dropped_off", "no_show"}}}},
                             {"code", {{"type", "string"}, {"description", "luggage: the customer's pickup or delivery code"}}}}}}}.returns(schemas::driver_day()),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(auto body, ctx.json_body());
          http::Fields f(body);
          const int64_t ride = f.i64("ride_id", 1, INT64_MAX);
          const std::string action = f.one_of("action", {"picked_up", "dropped_off", "no_show"});
          const auto code = f.opt_str("code", {0, 12});
          DONGNE_TRY(f.finish());
          DONGNE_ASSIGN_OR_RETURN(DriverDay d, svc.driver_stop(ctx.me(), ride, action, code));
          return Response::json(200, io::driver_json(d));
        });

  r.add(Method::kPost, base + "/driver/position", kDriver.in_own_scope(),
        Doc{"The vehicle's position: ETAs are updated; a vehicle behind its plan is re-planned", "dispatch", kPoint}.returns(schemas::replanned()),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(auto body, ctx.json_body());
          http::Fields f(body);
          auto at = point(f, nlohmann::json{{"p", body}}, "p");
          if (!at) f.fail("lat", "required", "위치(lat, lon)가 필요합니다", "lat and lon are required");
          DONGNE_TRY(f.finish());
          DONGNE_ASSIGN_OR_RETURN(Replanned out, svc.driver_position(ctx.me(), *at));
          return Response::json(200, io::replanned_json(out));
        });

  r.add(Method::kPost, base + "/driver/status", kDriver.in_own_scope(),
        Doc{"The driver goes offline (rides re-planned) or back on", "dispatch",
            {{"type", "object"}, {"required", {"status"}}, {"properties", {{"status", {{"enum", {"on", "offline"}}}}}}}}.returns(schemas::replanned()),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(auto body, ctx.json_body());
          http::Fields f(body);
          const std::string status = f.one_of("status", {"on", "offline"});
          DONGNE_TRY(f.finish());
          DONGNE_ASSIGN_OR_RETURN(Replanned out, svc.driver_status(ctx.me(), status));
          return Response::json(200, io::replanned_json(out));
        });

  add_luggage_routes(r, svc);
}

}  // namespace dongne::dispatch
