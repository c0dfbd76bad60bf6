#include "dispatch/visits/routes.h"

#include <cstdio>

#include "core/privacy.h"
#include "dispatch/rules.h"
#include "http/fields.h"
#include "http/schema.h"
#include "dispatch/visits/schemas.h"

namespace dongne::dispatch::visits {

using http::Access;
using http::Context;
using http::Doc;
using http::Method;
using http::Response;
using nlohmann::json;

namespace {

using namespace http::schema;  // NOLINT(google-build-using-namespace): the request and response schemas' vocabulary

const json kHhmm = {{"type", "string"}, {"pattern", "^[0-2][0-9]:[0-5][0-9]$"}};
const json kPlace = {{"type", "object"},
                     {"description", "a new place: a family's address and point, or a school's or daycare's name too"},
                     {"properties", {{"name", kStr}, {"address", kStr}, {"lat", {{"type", "number"}}}, {"lon", {{"type", "number"}}}, {"phone", kStr}}}};
const json kRequest = {
    {"type", "object"},
    {"required", {"service_id", "days", "from", "to"}},
    {"description", "a standing request: a visit on each of `days` within [from, to]; the resident asks for her family "
                    "(place: address and point), the operator for a place on record (client_id) or a new one (place)"},
    {"properties",
     {{"service_id", kInt}, {"client_id", kInt}, {"place", kPlace}, {"days", kStrList}, {"from", kHhmm}, {"to", kHhmm},
      {"minutes", kInt}, {"skills", kStrList}, {"starts", kDate}, {"until", kDate}, {"note", kStr}}}};

const Access kAsker = Access::roles({Role::kResident, Role::kOperator, Role::kAdmin});
const Access kOperator = Access::roles({Role::kOperator, Role::kAdmin});
const Access kWorker = Access::roles({Role::kDriver});

std::string hhmm(int minute) { return format_hhmm(minute); }
std::string at(LocalDate day, int second) { return format_rfc3339(instant_of(day, second)); }

json service_json(const ServiceRecord& s) {
  json e = json::object();
  if (s.max_child_age_months) e["max_child_age_months"] = *s.max_child_age_months;
  if (s.city_code) e["city_code"] = *s.city_code;
  if (!s.district_codes.empty()) e["district_codes"] = s.district_codes;
  return {{"id", s.id}, {"code", s.code}, {"kind", s.kind}, {"clients", client_kind_name(s.clients)}, {"name_ko", s.name_ko},
          {"name_en", s.name_en}, {"operator_id", s.operator_id}, {"skills", s.skills}, {"default_minutes", s.default_minutes},
          {"eligibility", e}};
}

json worker_json(const WorkerRecord& w) {
  return {{"id", w.id}, {"name", w.name}, {"skills", w.skills}, {"days", day_names(w.days)},
          {"shift", {{"from", hhmm(w.shift_start_min)}, {"to", hhmm(w.shift_end_min)}}}};
}

// What a reader sees of a place: a family's name masked and its address and phone only for the worker who visits
// and the family herself; schools and daycares whole.
enum class Reader { kOperator, kWorker, kFamily };
json place_json(const ClientRecord& c, Reader r) {
  const bool family = c.kind == ClientKind::kFamily;
  json j = {{"id", c.id}, {"kind", client_kind_name(c.kind)},
            {"name", family && r != Reader::kFamily ? mask_name(c.name) : c.name}};
  if (!family || r != Reader::kOperator) {
    j["address"] = c.address;
    j["lat"] = c.at.lat;
    j["lon"] = c.at.lon;
  }
  if (c.phone && (r == Reader::kWorker || r == Reader::kFamily || !family)) j["phone"] = *c.phone;
  return j;
}

json visit_json(const VisitRecord& v) {
  json j = {{"id", v.id}, {"day", format_date(v.day)}, {"status", v.status}, {"request_id", v.request_id}, {"client_id", v.client_id},
            {"worker_id", v.worker_id ? json(*v.worker_id) : json(nullptr)}, {"seq", v.seq}, {"kept_worker", v.kept_worker},
            {"had_previous", v.had_previous}};
  if (v.status != "unserved") {
    j["start"] = at(v.day, v.start_s);
    j["end"] = at(v.day, v.end_s);
  } else {
    j["reason"] = {{"code", v.reason}, {"message_ko", v.reason_ko}, {"message_en", v.reason_en}};
  }
  if (v.minutes) j["minutes"] = *v.minutes;
  return j;
}

json view_json(const VisitView& v, Reader r) {
  json j = visit_json(v.visit);
  j["place"] = place_json(v.client, r);
  j["worker"] = v.worker ? json{{"id", v.worker->id}, {"name", v.worker->name}} : json(nullptr);
  return j;
}

json request_json(const RequestRecord& r) {
  return {{"id", r.id}, {"service_id", r.service_id}, {"client_id", r.client_id}, {"days", day_names(r.days)},
          {"from", hhmm(r.window_start_min)}, {"to", hhmm(r.window_end_min)}, {"minutes", r.minutes}, {"skills", r.skills},
          {"starts", format_date(r.from_day)}, {"until", r.until_day ? json(format_date(*r.until_day)) : json(nullptr)},
          {"status", r.status}, {"note", r.note}};
}

json continuity_json(const Continuity& c) {
  return {{"with_previous", c.with_previous}, {"kept", c.kept}, {"percent", c.percent()}};
}

json week_json(const Week& w) {
  std::map<int64_t, const ClientRecord*> clients;
  for (const auto& c : w.clients) clients[c.id] = &c;
  json days = json::array();
  for (int i = 0; i < 7; ++i) days.push_back(format_date(add_days(w.start, i)));
  json workers = json::array();
  int planned = 0, unserved_n = 0, done = 0, not_home = 0;
  for (const auto& v : w.visits) {
    planned += v.status == "planned";
    unserved_n += v.status == "unserved";
    done += v.status == "done";
    not_home += v.status == "not_home";
  }
  for (const auto& wk : w.workers) {
    json j = worker_json(wk);
    json away = json::array();
    for (const auto& a : w.absences)
      if (a.worker_id == wk.id) away.push_back(format_date(a.day));
    json visits = json::array();
    for (const auto& v : w.visits) {
      if (!v.worker_id || *v.worker_id != wk.id) continue;
      json vj = visit_json(v);
      if (clients.count(v.client_id)) vj["place"] = place_json(*clients[v.client_id], Reader::kOperator);
      visits.push_back(vj);
    }
    j["away"] = away;
    j["visits"] = visits;
    workers.push_back(j);
  }
  json unserved = json::array();
  for (const auto& v : w.visits) {
    if (v.status != "unserved") continue;
    json vj = visit_json(v);
    if (clients.count(v.client_id)) vj["place"] = place_json(*clients[v.client_id], Reader::kOperator);
    unserved.push_back(vj);
  }
  json requests = json::array();
  for (const auto& r : w.requests) {
    json rj = request_json(r);
    if (clients.count(r.client_id)) rj["place"] = place_json(*clients[r.client_id], Reader::kOperator);
    requests.push_back(rj);
  }
  json places = json::array();
  for (const auto& c : w.clients) places.push_back(place_json(c, Reader::kOperator));
  return {{"service", service_json(w.service)}, {"start", format_date(w.start)}, {"today", format_date(w.today)}, {"days", days},
          {"workers", workers}, {"unserved", unserved}, {"requests", requests}, {"places", places},
          {"continuity", continuity_json(w.continuity)},
          {"figures", {{"planned", planned}, {"unserved", unserved_n}, {"done", done}, {"not_home", not_home}}}};
}

json worker_day_json(const WorkerDay& d) {
  json visits = json::array();
  for (const auto& v : d.visits) visits.push_back(view_json(v, Reader::kWorker));
  return {{"worker", d.worker ? worker_json(*d.worker) : json(nullptr)},
          {"service", d.service ? service_json(*d.service) : json(nullptr)}, {"day", format_date(d.day)}, {"visits", visits}};
}

int minute_of(http::Fields& f, const json& body, const std::string& name) {
  if (!body.contains(name) || !body[name].is_string()) {
    f.fail(name, "required", "시각(HH:MM)이 필요합니다", "a time HH:MM is required");
    return 0;
  }
  const std::string t = body[name].get<std::string>();
  int h = -1, m = -1;
  if (t.size() == 5 && std::sscanf(t.c_str(), "%2d:%2d", &h, &m) == 2 && h >= 0 && h <= 24 && m >= 0 && m < 60 && h * 60 + m <= 1440)
    return h * 60 + m;
  f.fail(name, "format", "시각은 HH:MM 입니다", "a time is HH:MM");
  return 0;
}

std::vector<std::string> strings(http::Fields& f, const json& body, const std::string& name, bool required) {
  std::vector<std::string> out;
  if (!body.contains(name) || body[name].is_null()) {
    if (required) f.fail(name, "required", "하나 이상 고르세요", "choose at least one");
    return out;
  }
  if (!body[name].is_array()) {
    f.fail(name, "format", "문자열 목록입니다", "a list of strings");
    return out;
  }
  for (const auto& s : body[name]) {
    if (s.is_string() && !s.get<std::string>().empty() && s.get<std::string>().size() <= 40) out.push_back(s.get<std::string>());
    else f.fail(name, "format", "문자열 목록입니다", "a list of strings");
  }
  return out;
}

Result<RequestInput> request_input(const json& body) {
  http::Fields f(body);
  RequestInput in;
  in.service_id = f.i64("service_id", 1, INT64_MAX);
  in.client_id = f.opt_i64("client_id", 1, INT64_MAX);
  if (body.contains("place") && !body["place"].is_null()) {
    if (!body["place"].is_object()) {
      f.fail("place", "format", "장소는 {address, lat, lon} 입니다", "a place is {address, lat, lon}");
    } else {
      const json& pj = body["place"];
      http::Fields pf(pj, "place");
      PlaceInput place;
      place.name = pf.opt_str("name", {1, 80}).value_or("");
      place.address = pf.str("address", {3, 200});
      place.phone = pf.opt_phone("phone");
      if (!pj.contains("lat") || !pj.contains("lon") || !pj["lat"].is_number() || !pj["lon"].is_number()) {
        pf.fail("lat", "required", "위치(lat, lon)가 필요합니다", "the point (lat, lon) is required");
      } else {
        place.at = {pj["lon"].get<double>(), pj["lat"].get<double>()};
        // Incheon and its neighbours, roughly: a point far away is a typing mistake.
        if (place.at.lat < 37.0 || place.at.lat > 38.0 || place.at.lon < 126.0 || place.at.lon > 127.5)
          pf.fail("lat", "outside_area", "인천 지역의 위치가 아닙니다", "the point is not in the Incheon region");
      }
      f.absorb(pf);
      in.place = place;
    }
  }
  const auto day_list = strings(f, body, "days", true);
  if (day_list.empty() && body.contains("days") && body["days"].is_array() && body["days"].empty())
    f.fail("days", "required", "요일을 하나 이상 고르세요", "choose at least one day");
  if (!day_list.empty()) {
    auto days = parse_days(day_list, "days");
    if (days.ok()) in.days = *days;
    else f.fail("days", days.error().fields[0].code, days.error().fields[0].message_ko, days.error().fields[0].message_en);
  }
  in.from_min = minute_of(f, body, "from");
  in.to_min = minute_of(f, body, "to");
  if (auto m = f.opt_i64("minutes", 1, 1440)) in.minutes = static_cast<int>(*m);
  in.skills = strings(f, body, "skills", false);
  if (auto d = f.opt_date("starts")) in.from = parse_date(*d).value();
  if (auto d = f.opt_date("until")) in.until = parse_date(*d).value();
  in.note = f.opt_str("note", {0, 300, true}).value_or("");
  DONGNE_TRY(f.finish());
  return in;
}

Result<std::optional<LocalDate>> date_query(Context& ctx, const std::string& name) {
  auto d = ctx.query(name);
  if (!d) return std::optional<LocalDate>{};
  auto parsed = parse_date(*d);
  if (!parsed.ok()) return Error::field("query." + name, "format", "날짜는 YYYY-MM-DD 입니다", "the date is YYYY-MM-DD");
  return std::optional<LocalDate>(*parsed);
}

}  // namespace

void add_routes(http::Router& r, VisitService& svc) {
  const std::string base = "/api/v1/dispatch/visits";

  r.add(Method::kGet, base + "/services", Access::anyone(),
        Doc{"Home-visit services: parenting coaches, school instructors, daycare cooks; skills and eligibility", "dispatch"}.returns(object({{"items", array_of(schemas::service())}, {"today", kDate}})),
        [&svc](Context&) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(auto list, svc.services());
          json items = json::array();
          for (const auto& s : list) items.push_back(service_json(s));
          return Response::json(200, {{"items", items}, {"today", format_date(svc.today())}});
        });

  r.add(Method::kPost, base + "/requests", kAsker.in_own_scope(),
        Doc{"Ask for standing visits (a family for herself; the operator for a school or daycare); planned at once", "dispatch", kRequest, {}, 201}.returns(object({{"request", schemas::request()}, {"visits", array_of(schemas::visit())}})),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(auto body, ctx.json_body());
          DONGNE_ASSIGN_OR_RETURN(RequestInput in, request_input(body));
          DONGNE_ASSIGN_OR_RETURN(auto made, svc.request(ctx.me(), in));
          const Reader reader = ctx.me().has(Role::kResident) && !ctx.me().has(Role::kOperator) ? Reader::kFamily : Reader::kOperator;
          json visits = json::array();
          for (const auto& v : made.second) visits.push_back(view_json(v, reader));
          return Response::json(201, {{"request", request_json(made.first)}, {"visits", visits}});
        });

  r.add(Method::kPost, base + "/requests/{id}/cancel", kAsker.on("visits.request"), Doc{"Stop a standing request and its coming visits", "dispatch"}.returns(object({{"request", schemas::request()}})),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(int64_t id, ctx.id_param("id"));
          DONGNE_ASSIGN_OR_RETURN(auto req, svc.cancel_request(ctx.me(), id));
          return Response::json(200, {{"request", request_json(req)}});
        });

  r.add(Method::kGet, base + "/me", Access::roles({Role::kResident}),
        Doc{"My family's visit services, requests and coming visits (planned, or unserved with the reason)", "dispatch"}.returns(object({{"services", array_of(schemas::service())}, {"requests", array_of(schemas::request())}, {"visits", array_of(schemas::visit())}, {"today", kDate}})),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(auto mine, svc.my_visits(ctx.me()));
          json services = json::array(), requests = json::array(), visits = json::array();
          for (const auto& s : mine.services) services.push_back(service_json(s));
          for (const auto& q : mine.requests) requests.push_back(request_json(q));
          for (const auto& v : mine.visits) visits.push_back(view_json(v, Reader::kFamily));
          return Response::json(200, {{"services", services}, {"requests", requests}, {"visits", visits}, {"today", format_date(svc.today())}});
        });

  r.add(Method::kGet, base + "/services/{id}/week", kOperator.on("visits.service"),
        Doc{"The operator's week: each worker's visits, unserved visits with reasons, requests and continuity", "dispatch", nullptr, {"start"}}.returns(schemas::week()),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(int64_t id, ctx.id_param("id"));
          DONGNE_ASSIGN_OR_RETURN(auto start, date_query(ctx, "start"));
          DONGNE_ASSIGN_OR_RETURN(Week w, svc.week(ctx.me(), id, start));
          return Response::json(200, week_json(w));
        });

  r.add(Method::kPost, base + "/services/{id}/plan", kOperator.on("visits.service"),
        Doc{"Re-plan the week (from now on; visits made stay)", "dispatch",
            {{"type", "object"}, {"properties", {{"start", kDate}}}}}.returns(schemas::week()),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(int64_t id, ctx.id_param("id"));
          DONGNE_ASSIGN_OR_RETURN(auto body, ctx.json_body());
          http::Fields f(body);
          std::optional<LocalDate> start;
          if (auto d = f.opt_date("start")) start = parse_date(*d).value();
          DONGNE_TRY(f.finish());
          DONGNE_ASSIGN_OR_RETURN(Week w, svc.replan(ctx.me(), id, start));
          return Response::json(200, week_json(w));
        });

  r.add(Method::kPost, base + "/workers/{id}/away", kOperator.on("visits.worker"),
        Doc{"A worker is away on a day: recorded and the week re-planned", "dispatch",
            {{"type", "object"}, {"required", {"day"}}, {"properties", {{"day", kDate}}}}}.returns(schemas::week()),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(int64_t id, ctx.id_param("id"));
          DONGNE_ASSIGN_OR_RETURN(auto body, ctx.json_body());
          http::Fields f(body);
          auto d = f.opt_date("day", true);
          DONGNE_TRY(f.finish());
          DONGNE_ASSIGN_OR_RETURN(Week w, svc.away(ctx.me(), id, parse_date(*d).value()));
          return Response::json(200, week_json(w));
        });

  r.add(Method::kGet, base + "/worker/today", kWorker.in_own_scope(),
        Doc{"The worker's day: visits in order with the place, time and contact (reads of families are logged)", "dispatch",
            nullptr, {"date"}, 200, "visit_client"}.returns(schemas::worker_day()),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(auto day, date_query(ctx, "date"));
          DONGNE_ASSIGN_OR_RETURN(WorkerDay d, svc.worker_day(ctx.me(), day));
          return Response::json(200, worker_day_json(d));
        });

  r.add(Method::kPost, base + "/worker/visits/{id}/report", kWorker.on("visits.visit"),
        Doc{"The worker reports a visit of today: done (counted by Programmes) or not_home", "dispatch",
            {{"type", "object"}, {"required", {"outcome"}},
             {"properties", {{"outcome", {{"enum", {"done", "not_home"}}}}, {"minutes", kInt}}}}}.returns(schemas::worker_day()),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(int64_t id, ctx.id_param("id"));
          DONGNE_ASSIGN_OR_RETURN(auto body, ctx.json_body());
          http::Fields f(body);
          const std::string outcome = f.one_of("outcome", {"done", "not_home"});
          auto minutes = f.opt_i64("minutes", 1, 600);
          DONGNE_TRY(f.finish());
          DONGNE_ASSIGN_OR_RETURN(WorkerDay d, svc.report(ctx.me(), id, outcome,
                                                          minutes ? std::optional<int>(static_cast<int>(*minutes)) : std::nullopt));
          return Response::json(200, worker_day_json(d));
        });
}

}  // namespace dongne::dispatch::visits
