// Luggage delivery routes (/api/v1/dispatch/luggage/*, docs/dispatch-services.md "Luggage delivery"): ordering
// (anyone; Idempotency-Key replays), tracking and cancelling by the tracking link, a resident's orders, the
// operator's day, and the Order JSON. Handlers only translate HTTP <-> ShuttleService.
#include "core/error_json.h"
#include "core/privacy.h"
#include "dispatch/routes.h"
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

using http::schema::kInt;
using http::schema::kStr;

const nlohmann::json kDateTime = {{"type", "string"}, {"format", "date-time"}};
const nlohmann::json kOrder = {
    {"type", "object"},
    {"required", {"area_id", "pickup_place_id", "delivery_place_id", "deliver_by", "bags"}},
    {"description", "a same-day delivery: places of the area, when the bags are ready, the deadline. Send Idempotency-Key."},
    {"properties",
     {{"area_id", kInt}, {"pickup_place_id", kInt}, {"delivery_place_id", kInt}, {"ready_at", kDateTime},
      {"deliver_by", kDateTime}, {"bags", kInt}, {"flight", kStr}, {"note", kStr},
      {"customer", {{"type", "object"}, {"properties", {{"name", kStr}, {"phone", kStr}, {"email", kStr}}}}}}}};

Result<LuggageInput> luggage_input(const nlohmann::json& body) {
  http::Fields f(body);
  LuggageInput in;
  in.area_id = f.i64("area_id", 1, INT64_MAX);
  in.pickup_place_id = f.i64("pickup_place_id", 1, INT64_MAX);
  in.delivery_place_id = f.i64("delivery_place_id", 1, INT64_MAX);
  in.ready_at = io::instant_field(f, "ready_at");
  in.deliver_by = io::instant_field(f, "deliver_by");
  in.bags = static_cast<int>(f.i64("bags", -1000, 1000));
  in.flight = f.opt_str("flight", {0, 40}).value_or("");
  in.note = f.opt_str("note", {0, 1000}).value_or("");
  if (body.contains("customer") && body["customer"].is_object()) {
    http::Fields cf(body["customer"], "customer");
    in.customer_name = cf.opt_str("name", {1, 60});
    in.customer_phone = cf.opt_phone("phone");
    in.customer_email = cf.opt_email("email");
    f.absorb(cf);
  }
  DONGNE_TRY(f.finish());
  return in;
}

// The order's status in the customer's words (the trip's status underneath).
std::string order_status(const std::string& trip) {
  if (trip == "promised") return "scheduled";
  if (trip == "onboard") return "picked_up";
  if (trip == "completed") return "delivered";
  if (trip == "no_show") return "not_handed_over";
  return trip;  // cancelled, refused, at_risk
}

Response order_response(int status, const OrderView& v) { return Response::json(status, {{"order", io::order_json(v)}}); }

}  // namespace

namespace io {

nlohmann::json order_json(const OrderView& v) {
  const RideRecord& r = v.trip.ride;
  const LuggageOrder& o = v.order;
  const bool live = r.status == "promised" || r.status == "at_risk" || r.status == "onboard";
  std::optional<int> pick = live && r.status != "onboard" ? r.pickup_eta_s : std::nullopt;
  if (pick && *pick < r.window_start_s) pick = r.window_start_s;  // never earlier than the window
  nlohmann::json courier = nullptr;
  if (v.trip.vehicle && live) {
    courier = {{"vehicle_id", v.trip.vehicle->id}, {"label", v.trip.vehicle->label}, {"lat", nullptr}, {"lon", nullptr}, {"position_at", nullptr}};
    if (v.trip.vehicle_day && v.trip.vehicle_day->position) {
      courier["lat"] = v.trip.vehicle_day->position->lat;
      courier["lon"] = v.trip.vehicle_day->position->lon;
      courier["position_at"] = instant(v.trip.vehicle_day->position_at);
    }
  }
  nlohmann::json customer = {{"name", v.named ? o.customer_name : mask_name(o.customer_name)}};
  if (v.contact) {
    customer["phone"] = o.customer_phone ? nlohmann::json(*o.customer_phone) : nlohmann::json(nullptr);
    customer["email"] = o.customer_email ? nlohmann::json(*o.customer_email) : nlohmann::json(nullptr);
  }
  nlohmann::json j = {
      {"id", r.id},
      {"area_id", r.area_id},
      {"day", format_date(r.day)},
      {"status", order_status(r.status)},
      {"pickup", {{"place", stop_json(v.trip.pickup)},
                  {"window", {{"from", at(r.day, r.window_start_s)}, {"to", at(r.day, r.window_end_s)}}},
                  {"eta", at(r.day, pick)},
                  {"done_at", instant(r.picked_up_at)}}},
      {"delivery", {{"place", stop_json(v.trip.dropoff)},
                    {"deliver_by", at(r.day, r.deliver_by_s)},
                    {"eta", live ? at(r.day, r.dropoff_eta_s) : nlohmann::json(nullptr)},
                    {"done_at", instant(r.dropped_off_at)}}},
      {"bags", o.bags},
      {"fee_won", o.fee_won},
      {"paid", o.paid_at.has_value()},
      {"flight", o.flight},
      {"note", r.note},
      {"courier", courier},
      {"risk", {{"late", !v.risk.empty()}, {"why", v.risk.empty() ? nlohmann::json(nullptr) : nlohmann::json(v.risk)}}},
      {"customer", customer},
      {"channel", r.channel},
      {"created_at", format_rfc3339(o.created_at)},
      {"updated_at", format_rfc3339(r.updated_at)}};
  if (v.codes) {
    j["tracking_token"] = o.tracking_token;
    j["tracking_path"] = "/luggage/track/" + o.tracking_token;
    j["codes"] = {{"pickup", o.pickup_code}, {"delivery", o.delivery_code}};
  }
  return j;
}

}  // namespace io

void add_luggage_routes(http::Router& r, ShuttleService& svc) {
  const std::string base = "/api/v1/dispatch";

  r.add(Method::kPost, base + "/luggage/orders", Access::anyone(),
        Doc{"Order a same-day luggage delivery: 201 with the order, its tracking link and codes; 409 no_vehicle with "
            "later_deadline_at. Idempotency-Key replays.", "dispatch", kOrder, {}, 201}.returns(object({{"order", schemas::order()}})),
        [&svc](Context& ctx) -> Result<Response> {
          Status bad = ok_status();
          auto key = http::idempotency_key(ctx, &bad);
          DONGNE_TRY(bad);
          DONGNE_ASSIGN_OR_RETURN(auto body, ctx.json_body());
          DONGNE_ASSIGN_OR_RETURN(LuggageInput in, luggage_input(body));
          DONGNE_ASSIGN_OR_RETURN(OrderView v, svc.order_luggage(ctx.principal(), in, key));
          return order_response(201, v);
        });

  r.add(Method::kGet, base + "/luggage/track/{token}", Access::anyone(),
        Doc{"An order by its tracking link: status, ETAs, courier, codes, risk of being late", "dispatch"}.returns(object({{"order", schemas::order()}})),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(OrderView v, svc.track(ctx.param("token")));
          return order_response(200, v);
        });

  r.add(Method::kPost, base + "/luggage/track/{token}/cancel", Access::anyone(),
        Doc{"Cancel an order by its tracking link, before pickup", "dispatch"}.returns(object({{"order", schemas::order()}})),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(OrderView v, svc.cancel_by_token(ctx.param("token")));
          return order_response(200, v);
        });

  r.add(Method::kGet, base + "/me/luggage", Access::roles({Role::kResident}), Doc{"My luggage orders: coming and the last 30 days", "dispatch"}.returns(list_of(schemas::order())),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(auto list, svc.my_luggage(ctx.me()));
          nlohmann::json items = nlohmann::json::array();
          for (const auto& v : list) items.push_back(io::order_json(v));
          return Response::json(200, {{"items", items}});
        });

  r.add(Method::kGet, base + "/luggage/areas/{id}/orders", Access::roles({Role::kOperator, Role::kAdmin}).on("dispatch.area"),
        Doc{"The operator's luggage day: orders (at risk first) with customers' contacts, vans and their plans, figures",
            "dispatch", nullptr, {"date"}, 200, "luggage_customer"}.returns(schemas::luggage_day()),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(int64_t id, ctx.id_param("id"));
          DONGNE_ASSIGN_OR_RETURN(auto day, io::date_query(ctx));
          DONGNE_ASSIGN_OR_RETURN(LuggageDay d, svc.luggage_day(ctx.me(), id, day));
          nlohmann::json orders = nlohmann::json::array();
          for (const auto& o : d.orders) orders.push_back(io::order_json(o));
          Board b;
          b.area = d.area;
          b.day = d.day;
          b.vehicles = d.vehicles;
          nlohmann::json board = io::board_json(b);
          const LuggageFigures& f = d.figures;
          return Response::json(200, {{"area", io::area_json(d.area)},
                                      {"day", format_date(d.day)},
                                      {"orders", orders},
                                      {"vehicles", board["vehicles"]},
                                      {"figures", {{"ordered", f.ordered}, {"scheduled", f.scheduled}, {"refused", f.refused},
                                                   {"cancelled", f.cancelled}, {"picked_up", f.picked_up}, {"delivered", f.delivered},
                                                   {"delivered_on_time", f.delivered_on_time},
                                                   {"on_time_rate", f.on_time_rate ? nlohmann::json(*f.on_time_rate) : nlohmann::json(nullptr)},
                                                   {"at_risk", f.at_risk}, {"late_risk", f.late_risk}, {"bags", f.bags},
                                                   {"fee_won", f.fee_won}}}});
        });
}

}  // namespace dongne::dispatch
