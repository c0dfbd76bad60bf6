// Facility managers' booking routes: resources, households for phone and walk-in bookings, booking on behalf,
// check-in / no-show / return / approve / reject, lottery draws and the day sheet (JSON, or CSV in UTF-8 with BOM
// or CP949). Scope: the manager's facility (BookingService::manages); existence is checked before scope.
#include "booking/csv.h"
#include "booking/routes.h"
#include "http/fields.h"
#include "booking/schemas.h"

namespace dongne::booking::io {

using http::Access;
using http::Context;
using http::Doc;
using http::Fields;
using http::Method;
using http::Response;
using namespace http::schema;  // NOLINT(google-build-using-namespace): the response schemas' vocabulary

namespace {

// POST creates; PUT replaces the whole resource (fields left out go back to their defaults, so send them all), and
// facility_id, code and kind cannot change there (they are ignored).
nlohmann::json resource_schema(bool create) {
  nlohmann::json required = {"name_ko", "name_en", "rules"};
  if (create) required.insert(required.begin(), {"facility_id", "code", "kind"});
  return {{"type", "object"},
          {"required", required},
          {"description", create ? "A new bookable resource"
                                 : "The whole resource (replaces it); facility_id, code and kind are kept as they are"},
          {"properties", {{"facility_id", {{"type", "integer"}}}, {"code", {{"type", "string"}}},
                          {"kind", {{"enum", {"space", "studio", "item", "session", "event"}}}},
                          {"name_ko", {{"type", "string"}}}, {"name_en", {{"type", "string"}}},
                          {"description_ko", {{"type", "string"}}}, {"description_en", {{"type", "string"}}},
                          {"active", {{"type", "boolean"}, {"description", "false pauses bookings"}}},
                          {"capacity", {{"type", "integer"}}}, {"max_families", {{"type", "integer"}}},
                          {"variants", {{"type", "array"}}}, {"occurrences", {{"type", "array"}}},
                          {"lottery_seed", {{"type", "string"}, {"description", "published before the draw; made if empty"}}},
                          {"rules", {{"type", "object"}, {"description", "see src/booking/rules_json.h"}}}}}};
}
const nlohmann::json kStaffBookingSchema = {
    {"type", "object"},
    {"required", {"household_id", "resource_id"}},
    {"properties", {{"household_id", {{"type", "integer"}}}, {"channel", {{"enum", {"phone", "walk_in"}}}},
                    {"resource_id", {{"type", "integer"}}}, {"start", {{"type", "string"}}}, {"end", {{"type", "string"}}},
                    {"variant_id", {{"type", "integer"}}}, {"pickup_date", {{"type", "string"}}},
                    {"return_date", {{"type", "string"}}}, {"quantity", {{"type", "integer"}}},
                    {"persons", {{"type", "integer"}}}}}};
const nlohmann::json kWalkInSchema = {
    {"type", "object"},
    {"required", {"contact_name", "city_code"}},
    {"properties", {{"contact_name", {{"type", "string"}}}, {"contact_phone", {{"type", "string"}}},
                    {"city_code", {{"type", "string"}}}, {"district_code", {{"type", "string"}}},
                    {"members", {{"type", "array"}}}}}};

const auto kStaff = Access::roles({Role::kFacilityManager, Role::kAdmin});

nlohmann::json sheet_json(const DaySheet& s) {
  nlohmann::json entries = nlohmann::json::array();
  for (const auto& e : s.entries) {
    nlohmann::json j = e.resource ? to_json(e.booking, e.resource) : to_json(e.booking);
    j["contact_name"] = e.contact_name;
    j["contact_phone"] = e.contact_phone;
    if (e.booking.booking.variant_id) {
      j["pickup_today"] = e.booking.booking.pickup_date == s.date;
      j["return_today"] = e.booking.booking.return_date == s.date;
    }
    entries.push_back(j);
  }
  nlohmann::json resources = nlohmann::json::array();
  for (const auto& r : s.resources) resources.push_back({{"id", r.resource.id}, {"name_ko", r.name_ko}, {"name_en", r.name_en}, {"kind", r.kind}});
  return {{"date", format_date(s.date)}, {"resources", resources}, {"entries", entries}};
}

}  // namespace

void add_staff_routes(http::Router& r, BookingService& svc) {
  const std::string base = "/api/v1/booking";

  r.add(Method::kGet, base + "/facilities/{id}/resources", kStaff.on("booking.facility"),
        Doc{"Every resource of a facility, paused ones (active: false) too, for its managers", "booking-staff"}.returns(list_of(schemas::resource())),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(int64_t id, ctx.id_param("id"));
          DONGNE_ASSIGN_OR_RETURN(auto list, svc.facility_resources(ctx.me(), id));
          nlohmann::json items = nlohmann::json::array();
          for (const auto& x : list) items.push_back(public_json(x));
          return Response::json(200, {{"items", items}});
        });

  r.add(Method::kPost, base + "/resources", kStaff.in_own_scope(),
        Doc{"Create a bookable resource with its rules (facility managers of that facility)", "booking-staff",
            resource_schema(true), {}, 201}.returns(schemas::resource()),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(auto body, ctx.json_body());
          DONGNE_ASSIGN_OR_RETURN(ResourceRecord in, resource_input(body, true));
          DONGNE_ASSIGN_OR_RETURN(ResourceRecord created, svc.create_resource(ctx.me(), std::move(in)));
          return Response::json(201, public_json(created));
        });

  r.add(Method::kPut, base + "/resources/{id}", kStaff.on("booking.resource"),
        Doc{"Replace a resource's names, capacity, variants, occurrences or rules", "booking-staff", resource_schema(false)}.returns(schemas::resource()),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(int64_t id, ctx.id_param("id"));
          DONGNE_ASSIGN_OR_RETURN(auto body, ctx.json_body());
          DONGNE_ASSIGN_OR_RETURN(ResourceRecord in, resource_input(body, false));
          in.resource.id = id;
          DONGNE_ASSIGN_OR_RETURN(ResourceRecord saved, svc.update_resource(ctx.me(), std::move(in)));
          return Response::json(200, public_json(saved));
        });

  r.add(Method::kPost, base + "/resources/{id}/lottery/draw", kStaff.on("booking.resource"),
        Doc{"Draw the lottery now (once; the job draws it at its set time otherwise)", "booking-staff"}.returns(schemas::lottery()),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(int64_t id, ctx.id_param("id"));
          DONGNE_ASSIGN_OR_RETURN(auto j, svc.draw_lottery(&ctx.me(), id));
          return Response::json(200, j);
        });

  r.add(Method::kGet, base + "/households", kStaff.in_own_scope(),
        Doc{"Find households by phone number, to book for a resident who calls (logged as a personal-data read)",
            "booking-staff", nullptr, {"phone"}, 200, "household"}.returns(list_of(schemas::household())),
        [&svc](Context& ctx) -> Result<Response> {
          nlohmann::json q = nlohmann::json::object();
          if (auto p = ctx.query("phone")) q["phone"] = *p;
          Fields f(q);
          auto phone = f.opt_phone("phone");
          if (!phone && !f.has("phone")) f.fail("phone", "required", "전화번호가 필요합니다", "a phone number is required");
          DONGNE_TRY(f.finish());
          DONGNE_ASSIGN_OR_RETURN(auto list, svc.find_households(ctx.me(), *phone));
          nlohmann::json items = nlohmann::json::array();
          for (const auto& h : list) items.push_back(to_json(h));
          return Response::json(200, {{"items", items}});
        });

  r.add(Method::kPost, base + "/households", kStaff.in_own_scope(),
        Doc{"Register a walk-in or phone household without an account", "booking-staff", kWalkInSchema, {}, 201}.returns(object({{"household", schemas::household()}})),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(auto body, ctx.json_body());
          DONGNE_ASSIGN_OR_RETURN(HouseholdRecord h, household_input(body, true));
          DONGNE_ASSIGN_OR_RETURN(HouseholdRecord saved, svc.create_walk_in(ctx.me(), std::move(h)));
          return Response::json(201, {{"household", to_json(saved)}});
        });

  r.add(Method::kGet, base + "/households/{id}", kStaff.on("booking.household"),
        Doc{"One household (logged as a personal-data read)", "booking-staff", nullptr, {}, 200, "household"}.returns(object({{"household", schemas::household()}})),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(int64_t id, ctx.id_param("id"));
          DONGNE_ASSIGN_OR_RETURN(HouseholdRecord h, svc.household_for_staff(ctx.me(), id));
          return Response::json(200, {{"household", to_json(h)}});
        });

  r.add(Method::kPost, base + "/staff/bookings", kStaff.in_own_scope(),
        Doc{"Book on behalf of a household (phone or walk-in): until the start, no approval step", "booking-staff",
            kStaffBookingSchema, {}, 201}.returns(schemas::placed()),
        [&svc](Context& ctx) -> Result<Response> {
          Status bad;
          auto key = idempotency_key(ctx, &bad);
          DONGNE_TRY(bad);
          DONGNE_ASSIGN_OR_RETURN(auto body, ctx.json_body());
          Fields f(body);
          const int64_t household = f.i64("household_id", 1, INT64_MAX);
          const std::string channel = f.has("channel") ? f.one_of("channel", {"phone", "walk_in"}) : "walk_in";
          Status fs = f.finish();
          auto in = booking_input(body);
          if (!fs.ok() || !in.ok()) {
            Error e = fs.ok() ? in.error() : fs.error();
            if (!fs.ok() && !in.ok()) e.fields.insert(e.fields.end(), in.error().fields.begin(), in.error().fields.end());
            return e;
          }
          DONGNE_ASSIGN_OR_RETURN(Placed p, svc.book_for(ctx.me(), household, in.value(), channel, key));
          return placed_response(p);
        });

  struct ActionRoute {
    const char* path;
    StaffAction action;
    const char* summary;
  };
  for (const ActionRoute& a : {ActionRoute{"check-in", StaffAction::kCheckIn, "Check a booking in (item loans: picked up)"},
                               ActionRoute{"no-show", StaffAction::kNoShow, "Mark a no-show after the check-in window (a penalty)"},
                               ActionRoute{"return", StaffAction::kReturned, "Mark a lent item as returned"},
                               ActionRoute{"approve", StaffAction::kApprove, "Approve a booking waiting for staff approval"},
                               ActionRoute{"reject", StaffAction::kReject, "Reject a booking waiting for approval (frees the place)"}}) {
    const StaffAction action = a.action;
    r.add(Method::kPost, base + "/bookings/{id}/" + a.path, kStaff.on("booking.booking"), Doc{a.summary, "booking-staff"}.returns(schemas::booking()),
          [&svc, action](Context& ctx) -> Result<Response> {
            DONGNE_ASSIGN_OR_RETURN(int64_t id, ctx.id_param("id"));
            DONGNE_ASSIGN_OR_RETURN(BookingView v, svc.staff_action(ctx.me(), id, action));
            return Response::json(200, view_json(v));
          });
  }

  r.add(Method::kGet, base + "/facilities/{id}/sheet", kStaff.on("booking.facility"),
        Doc{"The day's sheet of a facility: bookings, pickups and returns with contacts; format=csv gives UTF-8 with "
            "BOM (encoding=cp949 for CP949)", "booking-staff", nullptr, {"date", "format", "encoding", "lang"}, 200, "household"}.returns(schemas::sheet()),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(int64_t id, ctx.id_param("id"));
          LocalDate day = local_date(svc.clock().now_ms());
          if (auto d = ctx.query("date")) {
            auto p = parse_date(*d);
            if (!p.ok()) return Error::field("query.date", "date", "날짜 형식은 YYYY-MM-DD입니다", "dates are YYYY-MM-DD");
            day = p.value();
          }
          const std::string format = ctx.query("format").value_or("json");
          const std::string encoding = ctx.query("encoding").value_or("utf-8");
          if (format != "json" && format != "csv") {
            return Error::field("query.format", "enum", "json 또는 csv입니다", "json or csv");
          }
          if (encoding != "utf-8" && encoding != "cp949") {
            return Error::field("query.encoding", "enum", "utf-8 또는 cp949입니다", "utf-8 or cp949");
          }
          DONGNE_ASSIGN_OR_RETURN(DaySheet sheet, svc.day_sheet(ctx.me(), id, day));
          if (format == "json") return Response::json(200, sheet_json(sheet));
          std::string text = sheet_csv(sheet, ctx.query("lang").value_or(ctx.me().locale));
          std::string ctype = "text/csv; charset=utf-8";
          if (encoding == "cp949") {
            DONGNE_ASSIGN_OR_RETURN(text, to_cp949(text.substr(3)));  // no BOM in CP949
            ctype = "text/csv; charset=cp949";
          }
          Response resp = Response::text(200, std::move(text), ctype);
          resp.headers.emplace_back("Content-Disposition",
                                    "attachment; filename=\"sheet-" + std::to_string(id) + "-" + format_date(day) + ".csv\"");
          resp.headers.emplace_back("Cache-Control", "no-store");
          return resp;
        });
}

}  // namespace dongne::booking::io
