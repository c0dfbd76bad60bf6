#include "booking/routes.h"

#include <memory>

#include "http/rate_limiter.h"

#include "auth/routes.h"
#include "http/fields.h"
#include "http/schema.h"
#include "booking/schemas.h"

namespace dongne::booking {

using http::Access;
using http::Context;
using http::Doc;
using http::Method;
using http::Response;
using namespace http::schema;  // NOLINT(google-build-using-namespace): the response schemas' vocabulary

namespace {

const nlohmann::json kBookingSchema = {
    {"type", "object"},
    {"required", {"resource_id"}},
    {"description", "space/studio/session/event: start+end; item: variant_id, pickup_date, return_date, quantity. "
                    "Send an Idempotency-Key header to make retries safe."},
    {"properties", {{"resource_id", {{"type", "integer"}}}, {"start", {{"type", "string"}, {"format", "date-time"}}},
                    {"end", {{"type", "string"}, {"format", "date-time"}}}, {"variant_id", {{"type", "integer"}}},
                    {"pickup_date", {{"type", "string"}, {"format", "date"}}},
                    {"return_date", {{"type", "string"}, {"format", "date"}}}, {"quantity", {{"type", "integer"}}},
                    {"persons", {{"type", "integer"}}}, {"member_ids", {{"type", "array"}}},
                    {"child_member_id", {{"type", "integer"}}}}}};
const nlohmann::json kHouseholdSchema = {
    {"type", "object"},
    {"required", {"city_code"}},
    {"properties", {{"city_code", {{"type", "string"}}}, {"district_code", {{"type", "string"}}},
                    {"members", {{"type", "array"},
                                 {"items", {{"type", "object"},
                                            {"properties", {{"id", {{"type", "integer"}}}, {"label", {{"type", "string"}}},
                                                            {"is_child", {{"type", "boolean"}}},
                                                            {"birth_month", {{"type", "string"}, {"pattern", "^\\d{4}-\\d{2}$"}}}}}}}}}}}};

nlohmann::json availability_json(const std::vector<DayAvailability>& days, const ResourceRecord& r) {
  nlohmann::json out = nlohmann::json::array();
  static constexpr const char* kStatus[] = {"open", "no_hours", "closure_day", "holiday"};
  for (const auto& d : days) {
    nlohmann::json slots = nlohmann::json::array();
    for (const auto& s : d.slots) {
      slots.push_back({{"start", format_rfc3339(s.span.start)}, {"end", format_rfc3339(s.span.end)},
                       {"capacity", s.capacity}, {"taken", s.taken}, {"left", s.left}, {"families", s.families},
                       {"bookable_now", s.bookable_now}});
    }
    nlohmann::json variants = nlohmann::json::array();
    for (const auto& v : d.variants) {
      std::string label;
      for (const auto& rv : r.resource.variants) {
        if (rv.id == v.variant) label = rv.label;
      }
      variants.push_back({{"variant_id", v.variant}, {"label", label}, {"stock", v.stock}, {"out", v.out},
                          {"left", v.left}, {"bookable_now", v.bookable_now}});
    }
    nlohmann::json day = {{"date", format_date(d.date)}, {"status", kStatus[static_cast<size_t>(d.status)]},
                          {"window_opens_at", format_rfc3339(d.window_opens_at)}, {"holidays_known", d.holidays_known},
                          {"slots", slots}, {"variants", variants}};
    if (!d.holiday_name_ko.empty()) {
      day["holiday_ko"] = d.holiday_name_ko;
      day["holiday_en"] = d.holiday_name_en;
    }
    out.push_back(day);
  }
  return out;
}

Result<std::pair<LocalDate, int>> range_of(const Context& ctx, EpochMs now) {
  if (auto m = ctx.query("month")) {
    if (m->size() != 7 || (*m)[4] != '-') {
      return Error::field("query.month", "format", "월은 YYYY-MM입니다", "month is YYYY-MM");
    }
    auto d = parse_date(*m + "-01");
    if (!d.ok()) return Error::field("query.month", "format", "월은 YYYY-MM입니다", "month is YYYY-MM");
    return std::make_pair(d.value(), days_in_month(d->year, d->month));
  }
  LocalDate from = local_date(now);
  if (auto f = ctx.query("from")) {
    auto d = parse_date(*f);
    if (!d.ok()) return Error::field("query.from", "date", "날짜 형식은 YYYY-MM-DD입니다", "dates are YYYY-MM-DD");
    from = d.value();
  }
  int days = 7;
  if (auto n = ctx.query("days")) {
    char* end = nullptr;
    long v = std::strtol(n->c_str(), &end, 10);
    if (n->empty() || *end != '\0' || v < 1 || v > 62) {
      return Error::field("query.days", "range", "1에서 62 사이여야 합니다", "must be between 1 and 62");
    }
    days = static_cast<int>(v);
  }
  return std::make_pair(from, days);
}

}  // namespace

void add_routes(http::Router& r, BookingService& svc, double bookings_per_minute) {
  const std::string base = "/api/v1/booking";
  auto limiter = std::make_shared<http::RateLimiter>(bookings_per_minute, bookings_per_minute);

  r.add(Method::kGet, base + "/resources", Access::anyone(),
        Doc{"Bookable resources (spaces, studios, lendable items, sessions, events), optionally of one facility", "booking",
            nullptr, {"facility_id"}}.returns(list_of(schemas::resource())),
        [&svc](Context& ctx) -> Result<Response> {
          std::optional<int64_t> facility;
          if (auto f = ctx.query("facility_id")) {
            char* end = nullptr;
            long long v = std::strtoll(f->c_str(), &end, 10);
            if (f->empty() || *end != '\0' || v < 1) {
              return Error::field("query.facility_id", "integer", "시설 번호가 올바르지 않습니다", "invalid facility id");
            }
            facility = v;
          }
          DONGNE_ASSIGN_OR_RETURN(auto list, svc.resources(facility));
          nlohmann::json items = nlohmann::json::array();
          for (const auto& x : list) {
            if (x.active) items.push_back(public_json(x));
          }
          return Response::json(200, {{"items", items}});
        });

  r.add(Method::kGet, base + "/resources/{id}", Access::anyone(), Doc{"One bookable resource with its rules", "booking"}.returns(schemas::resource()),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(int64_t id, ctx.id_param("id"));
          DONGNE_ASSIGN_OR_RETURN(ResourceRecord res, svc.resource(id));
          return Response::json(200, public_json(res));
        });

  r.add(Method::kGet, base + "/resources/{id}/availability", Access::anyone(),
        Doc{"Availability per day and slot (or item variant): capacity, taken, left, bookable now (may be up to 1 s "
            "old when another server instance took the place; a booking decision is always current)", "booking", nullptr,
            {"from", "days", "month"}}.returns(schemas::availability()),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(int64_t id, ctx.id_param("id"));
          DONGNE_ASSIGN_OR_RETURN(auto range, range_of(ctx, svc.clock().now_ms()));
          DONGNE_ASSIGN_OR_RETURN(auto view, svc.availability_view(id, range.first, range.second));
          // Rendered once per cached view: repeated reads within the cache's second reuse the JSON text.
          std::call_once(view->rendered_once, [&] {
            view->rendered = nlohmann::json{{"resource_id", id}, {"kind", view->resource.kind},
                                            {"now", format_rfc3339(view->now)},
                                            {"days", availability_json(view->days, view->resource)}}
                                  .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
          });
          return Response::text(200, view->rendered, "application/json");
        });

  r.add(Method::kGet, base + "/resources/{id}/lottery", Access::anyone(),
        Doc{"A lottery's published seed and draw time; after the draw, the entries (pseudonymous) and result", "booking"}.returns(schemas::lottery()),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(int64_t id, ctx.id_param("id"));
          DONGNE_ASSIGN_OR_RETURN(auto j, svc.lottery(id));
          return Response::json(200, j);
        });

  r.add(Method::kPost, base + "/resources/{id}/lottery/verify", Access::anyone(),
        Doc{"Re-run the recorded draw from its seed and compare with the published result", "booking"}.returns(schemas::lottery_check()),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(int64_t id, ctx.id_param("id"));
          DONGNE_ASSIGN_OR_RETURN(auto j, svc.verify_lottery(id));
          return Response::json(200, j);
        });

  r.add(Method::kGet, base + "/ical/{token}", Access::anyone(),
        Doc{"A household's bookings as an iCalendar feed (the secret address from /calendar-feed)", "booking"},
        [&svc](Context& ctx) -> Result<Response> {
          std::string token = ctx.param("token");
          if (token.size() > 4 && token.ends_with(".ics")) token.resize(token.size() - 4);
          DONGNE_ASSIGN_OR_RETURN(std::string text, svc.ical_feed(token));
          Response resp = Response::text(200, std::move(text), "text/calendar; charset=utf-8");
          resp.headers.emplace_back("Cache-Control", "private, max-age=300");
          return resp;
        });

  r.add(Method::kGet, base + "/household", Access::signed_in(),
        Doc{"My household (residence, members; children by birth month only)", "booking"}.returns(object({{"household", nullable(schemas::household())}})),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(auto h, svc.my_household(ctx.me()));
          return Response::json(200, {{"household", h ? to_json(*h) : nlohmann::json(nullptr)}});
        });

  r.add(Method::kPut, base + "/household", Access::signed_in(),
        Doc{"Create or update my household (members with an id are kept; others are removed)", "booking", kHouseholdSchema}.returns(object({{"household", schemas::household()}})),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(auto body, ctx.json_body());
          DONGNE_ASSIGN_OR_RETURN(HouseholdRecord h, io::household_input(body, false));
          DONGNE_ASSIGN_OR_RETURN(HouseholdRecord saved, svc.save_my_household(ctx.me(), std::move(h)));
          return Response::json(200, {{"household", to_json(saved)}});
        });

  r.add(Method::kPost, base + "/bookings", Access::signed_in(),
        Doc{"Book (or join the waitlist / enter the lottery); refusals say why (reason code)", "booking", kBookingSchema,
            {}, 201}.returns(schemas::placed()),
        [&svc, limiter](Context& ctx) -> Result<Response> {
          if (EpochMs wait = limiter->take("user:" + std::to_string(ctx.me().user_id), SystemClock().now_ms()))
            return http::wait_error("예약 요청이 너무 많습니다", "too many booking requests", wait, "rate_limited");
          Status bad;
          auto key = io::idempotency_key(ctx, &bad);
          DONGNE_TRY(bad);
          DONGNE_ASSIGN_OR_RETURN(auto body, ctx.json_body());
          DONGNE_ASSIGN_OR_RETURN(BookingInput in, io::booking_input(body));
          DONGNE_ASSIGN_OR_RETURN(Placed p, svc.book(ctx.me(), in, key));
          return io::placed_response(p);
        });

  r.add(Method::kGet, base + "/bookings", Access::signed_in(),
        Doc{"My household's bookings, newest first", "booking", nullptr, {"cursor", "limit"}}.returns(object({{"items", array_of(schemas::booking())}, {"next_cursor", nullable(kStr)}})),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(auth::Page p, auth::page_of(ctx));
          DONGNE_ASSIGN_OR_RETURN(auto list, svc.my_bookings(ctx.me(), p.cursor ? p.cursor : INT64_MAX, p.limit));
          nlohmann::json items = nlohmann::json::array();
          for (const auto& v : list) items.push_back(io::view_json(v));
          nlohmann::json next = list.size() == static_cast<size_t>(p.limit)
                                    ? nlohmann::json(std::to_string(list.back().booking.booking.id))
                                    : nlohmann::json(nullptr);
          return Response::json(200, {{"items", items}, {"next_cursor", next}});
        });

  r.add(Method::kGet, base + "/bookings/{id}", Access::signed_in(),
        Doc{"One booking (mine, or of a facility I manage)", "booking"}.returns(schemas::booking()), [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(int64_t id, ctx.id_param("id"));
          DONGNE_ASSIGN_OR_RETURN(BookingView v, svc.booking(ctx.me(), id));
          return Response::json(200, io::view_json(v));
        });

  r.add(Method::kPost, base + "/bookings/{id}/cancel", Access::signed_in(),
        Doc{"Cancel (late after the deadline); a freed place is offered to the waitlist", "booking"}.returns(schemas::booking()),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(int64_t id, ctx.id_param("id"));
          DONGNE_ASSIGN_OR_RETURN(BookingView v, svc.cancel(ctx.me(), id));
          return Response::json(200, io::view_json(v));
        });

  r.add(Method::kPost, base + "/bookings/{id}/accept", Access::signed_in(),
        Doc{"Accept a waitlist offer while it is open", "booking"}.returns(schemas::booking()), [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(int64_t id, ctx.id_param("id"));
          DONGNE_ASSIGN_OR_RETURN(BookingView v, svc.accept_offer(ctx.me(), id));
          return Response::json(200, io::view_json(v));
        });

  for (bool rotate : {false, true}) {
    r.add(rotate ? Method::kPost : Method::kGet, base + (rotate ? "/calendar-feed/rotate" : "/calendar-feed"),
          Access::signed_in(),
          Doc{rotate ? "Replace my calendar feed address (the old one stops working)"
                     : "My secret iCalendar feed address (made on first use)",
              "booking", nullptr, {}, 200, "", !rotate}
              .returns(http::schema::object({{"path", http::schema::kStr}})),
          [&svc, rotate, base](Context& ctx) -> Result<Response> {
            DONGNE_ASSIGN_OR_RETURN(std::string token, svc.ical_token(ctx.me(), rotate));
            return Response::json(200, {{"path", base + "/ical/" + token + ".ics"}});
          });
  }

  io::add_staff_routes(r, svc);
}

}  // namespace dongne::booking
