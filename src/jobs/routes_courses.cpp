// Courses, cohorts, enrolments and attendance, group counselling, reference data and the centre's year (routes.h).
#include "http/fields.h"
#include "http/schema.h"
#include "jobs/routes.h"
#include "jobs/schemas.h"

namespace dongne::jobs::io {

using http::Access;
using http::Context;
using http::Doc;
using http::Method;
using http::Response;
using namespace http::schema;  // NOLINT(google-build-using-namespace): the response schemas' vocabulary

namespace {

using http::schema::kStr;
using http::schema::kInt;
using http::schema::kDate;

Result<int> year_query(const Context& ctx, int fallback) {
  auto y = ctx.query("year");
  if (!y) return fallback;
  char* end = nullptr;
  const long v = std::strtol(y->c_str(), &end, 10);
  if (y->empty() || *end != '\0' || v < 2000 || v > 2100) return Error::field("query.year", "range", "연도는 2000~2100입니다", "the year is 2000 to 2100");
  return static_cast<int>(v);
}

Result<LocalDate> date_field(const nlohmann::json& body, const char* name) {
  http::Fields f(body);
  auto s = f.opt_date(name, true);
  DONGNE_TRY(f.finish());
  return parse_date(*s).value();
}

}  // namespace

void add_course_routes(http::Router& r, JobsService& svc) {
  const std::string base = "/api/v1/jobs";

  r.add(Method::kGet, base + "/courses", Access::anyone(), Doc{"Vocational courses (optionally of one centre)", "jobs", nullptr, {"centre_id"}}.returns(list_of(schemas::course())),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(auto centre, opt_id_query(ctx, "centre_id"));
          DONGNE_ASSIGN_OR_RETURN(auto list, svc.courses(centre));
          nlohmann::json items = nlohmann::json::array();
          const auto ref = svc.reference();
          for (const auto& c : list) items.push_back(course_json(c, *ref));
          return Response::json(200, {{"items", items}});
        });

  r.add(Method::kPost, base + "/courses", kCounsellor.in_own_scope(),
        Doc{"Create a course", "jobs",
            {{"type", "object"}, {"required", {"code", "title_ko", "occupation", "hours"}},
             {"properties", {{"centre_id", kInt}, {"code", kStr}, {"title_ko", kStr}, {"title_en", kStr}, {"occupation", kStr},
                             {"competencies", {{"type", "array"}, {"items", kStr}}}, {"hours", kInt}, {"outcome_months", kInt}}}},
            {}, 201}.returns(schemas::course()),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(auto body, ctx.json_body());
          http::Fields f(body);
          CourseRecord c;
          c.centre_id = f.opt_i64("centre_id", 1, INT64_MAX).value_or(0);
          c.code = f.str("code", http::StrRule{1, 40});
          c.title_ko = f.str("title_ko", http::StrRule{1, 200});
          c.title_en = f.opt_str("title_en", http::StrRule{1, 200}).value_or("");
          c.occupation = f.str("occupation", http::StrRule{1, 8});
          c.hours = static_cast<int>(f.i64("hours", 1, 2000));
          c.outcome_months = static_cast<int>(f.opt_i64("outcome_months", 1, 24).value_or(6));
          if (body.contains("competencies") && body["competencies"].is_array()) {
            for (const auto& k : body["competencies"]) {
              if (k.is_string()) c.competencies.push_back(k.get<std::string>());
            }
          }
          DONGNE_TRY(f.finish());
          DONGNE_ASSIGN_OR_RETURN(CourseRecord out, svc.create_course(ctx.me(), c));
          return Response::json(201, course_json(out, *svc.reference()));
        });

  r.add(Method::kGet, base + "/courses/{id}/cohorts", Access::anyone(), Doc{"A course's cohorts", "jobs"}.returns(list_of(schemas::cohort())),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(int64_t id, ctx.id_param("id"));
          DONGNE_ASSIGN_OR_RETURN(auto list, svc.cohorts(id));
          nlohmann::json items = nlohmann::json::array();
          for (const auto& c : list) items.push_back(cohort_json(c));
          return Response::json(200, {{"items", items}});
        });

  r.add(Method::kPost, base + "/courses/{id}/cohorts", kCounsellor.on("jobs.course"),
        Doc{"Open a cohort of a course", "jobs",
            {{"type", "object"}, {"required", {"starts_on", "ends_on", "capacity", "sessions"}},
             {"properties", {{"starts_on", kDate}, {"ends_on", kDate}, {"capacity", kInt}, {"sessions", kInt}, {"min_attendance_pct", kInt}}}},
            {}, 201}.returns(schemas::cohort()),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(int64_t id, ctx.id_param("id"));
          DONGNE_ASSIGN_OR_RETURN(auto body, ctx.json_body());
          http::Fields f(body);
          CohortRecord c;
          c.course_id = id;
          auto s = f.opt_date("starts_on", true);
          auto e = f.opt_date("ends_on", true);
          c.capacity = static_cast<int>(f.i64("capacity", 1, 200));
          c.sessions = static_cast<int>(f.i64("sessions", 1, 400));
          c.min_attendance_pct = static_cast<int>(f.opt_i64("min_attendance_pct", 0, 100).value_or(80));
          DONGNE_TRY(f.finish());
          c.starts_on = parse_date(*s).value();
          c.ends_on = parse_date(*e).value();
          DONGNE_ASSIGN_OR_RETURN(CohortRecord out, svc.create_cohort(ctx.me(), c));
          return Response::json(201, cohort_json(out));
        });

  r.add(Method::kGet, base + "/cohorts/{id}/enrolments", kCounsellor.on("jobs.cohort"),
        Doc{"A cohort's trainees with their attendance", "jobs", nullptr, {}, 200, "seeker"}.returns(list_of(schemas::enrolment())),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(int64_t id, ctx.id_param("id"));
          DONGNE_ASSIGN_OR_RETURN(auto list, svc.enrolments(ctx.me(), id));
          nlohmann::json items = nlohmann::json::array();
          for (const auto& e : list) items.push_back(enrolment_json(e));
          return Response::json(200, {{"items", items}});
        });

  r.add(Method::kPost, base + "/cohorts/{id}/enrolments", kCounsellor.on("jobs.cohort"),
        Doc{"Enrol a seeker in a cohort (capacity is checked)", "jobs",
            {{"type", "object"}, {"required", {"seeker_id"}}, {"properties", {{"seeker_id", kInt}}}}, {}, 201}.returns(schemas::enrolment()),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(int64_t id, ctx.id_param("id"));
          DONGNE_ASSIGN_OR_RETURN(auto body, ctx.json_body());
          http::Fields f(body);
          int64_t seeker = f.i64("seeker_id", 1, INT64_MAX);
          DONGNE_TRY(f.finish());
          DONGNE_ASSIGN_OR_RETURN(EnrolmentRecord e, svc.enrol(ctx.me(), id, seeker));
          return Response::json(201, enrolment_json(e));
        });

  r.add(Method::kPut, base + "/enrolments/{id}/attendance", kCounsellor.on("jobs.enrolment"),
        Doc{"Record a day's attendance", "jobs",
            {{"type", "object"}, {"required", {"day", "present"}}, {"properties", {{"day", kDate}, {"present", {{"type", "boolean"}}}}}}}.returns(object({{"enrolment_id", kInt}, {"day", kDate}, {"present", kBool}})),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(int64_t id, ctx.id_param("id"));
          DONGNE_ASSIGN_OR_RETURN(auto body, ctx.json_body());
          DONGNE_ASSIGN_OR_RETURN(LocalDate day, date_field(body, "day"));
          if (!body.contains("present") || !body["present"].is_boolean()) {
            return Error::field("present", "required", "출석 여부(true/false)가 필요합니다", "present (true or false) is required");
          }
          DONGNE_TRY(svc.record_attendance(ctx.me(), id, day, body["present"].get<bool>()));
          return Response::json(200, {{"enrolment_id", id}, {"day", format_date(day)}, {"present", body["present"]}});
        });

  r.add(Method::kPost, base + "/enrolments/{id}/complete", kCounsellor.on("jobs.enrolment"),
        Doc{"Mark a trainee as completed (needs the cohort's minimum attendance)", "jobs",
            {{"type", "object"}, {"required", {"on"}}, {"properties", {{"on", kDate}}}}}.returns(schemas::enrolment()),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(int64_t id, ctx.id_param("id"));
          DONGNE_ASSIGN_OR_RETURN(auto body, ctx.json_body());
          DONGNE_ASSIGN_OR_RETURN(LocalDate on, date_field(body, "on"));
          DONGNE_ASSIGN_OR_RETURN(EnrolmentRecord e, svc.complete(ctx.me(), id, on));
          return Response::json(200, enrolment_json(e));
        });

  r.add(Method::kPost, base + "/enrolments/{id}/drop", kCounsellor.on("jobs.enrolment"), Doc{"A trainee leaves the cohort", "jobs"}.returns(schemas::enrolment()),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(int64_t id, ctx.id_param("id"));
          DONGNE_ASSIGN_OR_RETURN(EnrolmentRecord e, svc.drop(ctx.me(), id));
          return Response::json(200, enrolment_json(e));
        });

  r.add(Method::kGet, base + "/group-sessions", Access::anyone(),
        Doc{"Group counselling (취업 솔루션) sessions of a year with attendance counts", "jobs", nullptr, {"year"}}.returns(object({{"year", kInt}, {"items", array_of(object({{"id", kInt}, {"centre_id", kInt}, {"title", kStr}, {"on", kDate}, {"booking_resource_id", nullable(kInt)}, {"attendees", kInt}}))}})),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(int year, year_query(ctx, local_date(svc.clock().now_ms()).year));
          DONGNE_ASSIGN_OR_RETURN(auto items, svc.group_sessions(year));
          return Response::json(200, {{"year", year}, {"items", items}});
        });

  r.add(Method::kPost, base + "/group-sessions", kCounsellor.in_own_scope(),
        Doc{"Record a group counselling session (optionally the booking session residents booked)", "jobs",
            {{"type", "object"}, {"required", {"centre_id", "title", "on"}},
             {"properties", {{"centre_id", kInt}, {"title", kStr}, {"on", kDate}, {"booking_resource_id", kInt}}}},
            {}, 201}.returns(object({{"id", kInt}})),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(auto body, ctx.json_body());
          http::Fields f(body);
          int64_t centre = f.i64("centre_id", 1, INT64_MAX);
          std::string title = f.str("title", http::StrRule{1, 200});
          auto on = f.opt_date("on", true);
          auto res = f.opt_i64("booking_resource_id", 1, INT64_MAX);
          DONGNE_TRY(f.finish());
          DONGNE_ASSIGN_OR_RETURN(int64_t id, svc.create_group_session(ctx.me(), centre, title, parse_date(*on).value(), res));
          return Response::json(201, {{"id", id}});
        });

  r.add(Method::kPost, base + "/group-sessions/{id}/attendance", kCounsellor.on("jobs.group_session"),
        Doc{"Record who attended a group session (a seeker, or a walk-in by a key)", "jobs",
            {{"type", "object"}, {"properties", {{"seeker_id", kInt}, {"person_key", kStr}}}}}.returns(object({{"session_id", kInt}})),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(int64_t id, ctx.id_param("id"));
          DONGNE_ASSIGN_OR_RETURN(auto body, ctx.json_body());
          http::Fields f(body);
          auto seeker = f.opt_i64("seeker_id", 1, INT64_MAX);
          std::string key = f.opt_str("person_key", http::StrRule{1, 80}).value_or("");
          DONGNE_TRY(f.finish());
          DONGNE_TRY(svc.record_group_attendance(ctx.me(), id, seeker, key));
          return Response::json(200, {{"session_id", id}});
        });

  r.add(Method::kGet, base + "/figures", Access::anyone(),
        Doc{"The centre's year computed from its records: courses, completions, employed, group counselling, internships, "
            "subsidised startups", "jobs", nullptr, {"year", "centre_id"}}.returns(schemas::year_figures()),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(int year, year_query(ctx, local_date(svc.clock().now_ms()).year));
          DONGNE_ASSIGN_OR_RETURN(auto centre, opt_id_query(ctx, "centre_id"));
          DONGNE_ASSIGN_OR_RETURN(YearFigures f, svc.year_figures(centre, year));
          return Response::json(200, figures_json(f));
        });

  r.add(Method::kGet, base + "/reference/competencies", Access::anyone(),
        Doc{"The competency vocabulary (NCS domains, aliases); ?q= resolves a word or an alias", "jobs", nullptr, {"q"}}.returns(object({{"items", array_of(schemas::competency())}, {"domains", array_of(schemas::named_code())}}, {"domains"})),
        [&svc](Context& ctx) -> Result<Response> {
          const auto ref = svc.reference();
          const auto& v = ref->competencies;
          nlohmann::json items = nlohmann::json::array();
          if (auto q = ctx.query("q")) {
            if (auto id = v.resolve(*q)) {
              const auto& e = v.entry(*id);
              items.push_back({{"key", e.key}, {"name_ko", e.name_ko}, {"name_en", e.name_en}, {"ncs_domain", e.ncs_domain}});
            }
            return Response::json(200, {{"items", items}});
          }
          for (const auto& e : v.entries()) {
            items.push_back({{"key", e.key}, {"name_ko", e.name_ko}, {"name_en", e.name_en}, {"ncs_domain", e.ncs_domain}});
          }
          nlohmann::json domains = nlohmann::json::array();
          for (const auto& d : v.domains()) domains.push_back({{"code", d.code}, {"name_ko", d.name_ko}, {"name_en", d.name_en}});
          return Response::json(200, {{"items", items}, {"domains", domains}});
        });

  r.add(Method::kGet, base + "/reference/places", Access::anyone(), Doc{"Areas a seeker may live in or a workplace may be", "jobs"}.returns(list_of(schemas::named_code())),
        [&svc](Context&) -> Result<Response> {
          nlohmann::json items = nlohmann::json::array();
          for (const auto& [code, p] : svc.reference()->places) items.push_back({{"code", code}, {"name_ko", p.name_ko}, {"name_en", p.name_en}});
          return Response::json(200, {{"items", items}});
        });

  r.add(Method::kGet, base + "/reference/incentive-rules", Access::anyone(), Doc{"The internship incentive rules in force (configuration)", "jobs"}.returns(object({{"default", kStr}, {"items", array_of(schemas::incentive_rule())}})),
        [&svc](Context&) -> Result<Response> {
          nlohmann::json items = nlohmann::json::array();
          for (const auto& [code, rule] : svc.reference()->rules) items.push_back(incentive_rule_json(rule));
          return Response::json(200, {{"default", svc.reference()->default_rule}, {"items", items}});
        });
}

}  // namespace dongne::jobs::io
