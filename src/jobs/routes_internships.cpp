// Internships, the incentive ledger, startup teams and subsidies, and the route table's door (see routes.h).
#include "http/fields.h"
#include "http/schema.h"
#include "jobs/routes.h"
#include "jobs/schemas.h"

namespace dongne::jobs {

namespace io {

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
const Access kLedger = Access::roles({Role::kCounsellor, Role::kCityOfficer, Role::kAdmin});

LocalDate date_of(const std::optional<std::string>& s) { return s ? parse_date(*s).value() : LocalDate{}; }

}  // namespace

void add_internship_routes(http::Router& r, JobsService& svc) {
  const std::string base = "/api/v1/jobs";

  r.add(Method::kPost, base + "/internships", kCounsellor.in_own_scope(),
        Doc{"Place an intern (새일 인턴십): the rule's payments are scheduled in the ledger", "jobs",
            {{"type", "object"}, {"required", {"case_id", "starts_on", "monthly_wage_won"}},
             {"properties", {{"case_id", kInt}, {"employer_id", kInt}, {"vacancy_id", kInt}, {"starts_on", kDate}, {"ends_on", kDate},
                             {"monthly_wage_won", kInt}, {"rule_code", kStr}}}},
            {}, 201}.returns(schemas::internship()),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(auto body, ctx.json_body());
          http::Fields f(body);
          InternshipRecord i;
          i.case_id = f.i64("case_id", 1, INT64_MAX);
          i.employer_id = f.opt_i64("employer_id", 1, INT64_MAX).value_or(0);
          i.vacancy_id = f.opt_i64("vacancy_id", 1, INT64_MAX);
          i.starts_on = date_of(f.opt_date("starts_on", true));
          i.ends_on = date_of(f.opt_date("ends_on"));
          i.monthly_wage_won = f.i64("monthly_wage_won", 1, 100'000'000);
          i.rule_code = f.opt_str("rule_code", http::StrRule{1, 60}).value_or("");
          if (i.employer_id == 0 && !i.vacancy_id) f.fail("employer_id", "required", "기업 또는 공고가 필요합니다", "the employer or the vacancy is required");
          DONGNE_TRY(f.finish());
          DONGNE_ASSIGN_OR_RETURN(InternshipRecord out, svc.start_internship(ctx.me(), i));
          return Response::json(201, internship_json(out));
        });

  r.add(Method::kGet, base + "/internships", kLedger.in_own_scope(), Doc{"Internships (of the counsellor's centre, or all for the city)", "jobs", nullptr, {"case_id"}}.returns(list_of(schemas::internship())),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(auto c, opt_id_query(ctx, "case_id"));
          DONGNE_ASSIGN_OR_RETURN(auto list, svc.internships(ctx.me(), c));
          nlohmann::json items = nlohmann::json::array();
          for (const auto& i : list) items.push_back(internship_json(i));
          return Response::json(200, {{"items", items}});
        });

  r.add(Method::kPost, base + "/internships/{id}/convert", kCounsellor.on("jobs.internship"),
        Doc{"The intern is hired as a regular employee: a hire, its follow-ups and the retention payments", "jobs",
            {{"type", "object"}, {"required", {"hired_on", "wage"}},
             {"properties", {{"hired_on", kDate}, {"occupation", kStr},
                             {"wage", {{"type", "object"}, {"properties", {{"won", kInt}, {"unit", {{"enum", {"hourly", "monthly"}}}}}}}}}}}}.returns(schemas::internship()),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(int64_t id, ctx.id_param("id"));
          DONGNE_ASSIGN_OR_RETURN(auto body, ctx.json_body());
          http::Fields f(body);
          LocalDate on = date_of(f.opt_date("hired_on", true));
          std::string occupation = f.opt_str("occupation", http::StrRule{1, 8}).value_or("");
          int64_t won = 0;
          std::string unit;
          if (!body.contains("wage") || !body["wage"].is_object()) {
            f.fail("wage", "required", "임금(won, unit)이 필요합니다", "the wage (won, unit) is required");
          } else {
            http::Fields w(body["wage"], "wage");
            won = w.i64("won", 1, 100'000'000);
            unit = w.one_of("unit", {"hourly", "monthly"});
            f.absorb(w);
          }
          DONGNE_TRY(f.finish());
          DONGNE_ASSIGN_OR_RETURN(InternshipRecord out, svc.convert_internship(ctx.me(), id, on, won, unit, occupation));
          return Response::json(200, internship_json(out));
        });

  r.add(Method::kPost, base + "/internships/{id}/end", kCounsellor.on("jobs.internship"),
        Doc{"The placement ends without a hire: payments for months not worked are cancelled", "jobs",
            {{"type", "object"}, {"required", {"on"}}, {"properties", {{"on", kDate}, {"reason", kStr}}}}}.returns(schemas::internship()),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(int64_t id, ctx.id_param("id"));
          DONGNE_ASSIGN_OR_RETURN(auto body, ctx.json_body());
          http::Fields f(body);
          LocalDate on = date_of(f.opt_date("on", true));
          std::string reason = f.opt_str("reason", http::StrRule{0, 500, true}).value_or("");
          DONGNE_TRY(f.finish());
          DONGNE_ASSIGN_OR_RETURN(InternshipRecord out, svc.end_internship(ctx.me(), id, on, reason));
          return Response::json(200, internship_json(out));
        });

  r.add(Method::kGet, base + "/payments", kLedger.in_own_scope(), Doc{"The incentive ledger", "jobs", nullptr, {"internship_id", "status"}}.returns(object({{"items", array_of(schemas::payment())}, {"total_won", kInt}})),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(auto i, opt_id_query(ctx, "internship_id"));
          auto status = ctx.query("status");
          if (status && *status != "scheduled" && *status != "approved" && *status != "paid" && *status != "cancelled") {
            return Error::field("query.status", "unknown", "scheduled, approved, paid, cancelled 중 하나입니다", "scheduled, approved, paid or cancelled");
          }
          DONGNE_ASSIGN_OR_RETURN(auto list, svc.payments(ctx.me(), i, status));
          nlohmann::json items = nlohmann::json::array();
          int64_t total = 0;
          for (const auto& p : list) {
            items.push_back(payment_json(p));
            if (p.status != "cancelled") total += p.amount_won;
          }
          return Response::json(200, {{"items", items}, {"total_won", total}});
        });

  r.add(Method::kPost, base + "/payments/{id}/approve", kCounsellor.on("jobs.payment"), Doc{"Approve a payment that has fallen due (once)", "jobs"}.returns(schemas::payment()),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(int64_t id, ctx.id_param("id"));
          DONGNE_ASSIGN_OR_RETURN(PaymentRecord p, svc.approve_payment(ctx.me(), id));
          return Response::json(200, payment_json(p));
        });

  r.add(Method::kPost, base + "/payments/{id}/paid", kCounsellor.on("jobs.payment"),
        Doc{"Mark an approved payment as paid, with its transfer reference", "jobs",
            {{"type", "object"}, {"required", {"reference"}}, {"properties", {{"reference", kStr}}}}}.returns(schemas::payment()),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(int64_t id, ctx.id_param("id"));
          DONGNE_ASSIGN_OR_RETURN(auto body, ctx.json_body());
          http::Fields f(body);
          std::string ref = f.str("reference", http::StrRule{1, 100});
          DONGNE_TRY(f.finish());
          DONGNE_ASSIGN_OR_RETURN(PaymentRecord p, svc.mark_paid(ctx.me(), id, ref));
          return Response::json(200, payment_json(p));
        });

  r.add(Method::kGet, base + "/startups", kCounsellor.in_own_scope(), Doc{"Startup teams of the counsellor's centre", "jobs"}.returns(list_of(schemas::team())),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(auto list, svc.teams(ctx.me()));
          nlohmann::json items = nlohmann::json::array();
          for (const auto& t : list) items.push_back(team_json(t));
          return Response::json(200, {{"items", items}});
        });

  r.add(Method::kPost, base + "/startups", kCounsellor.in_own_scope(),
        Doc{"Register a startup team", "jobs",
            {{"type", "object"}, {"required", {"name"}},
             {"properties", {{"centre_id", kInt}, {"name", kStr}, {"business", kStr}, {"members", {{"type", "array"}, {"items", kInt}}}}}},
            {}, 201}.returns(schemas::team()),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(auto body, ctx.json_body());
          http::Fields f(body);
          StartupTeamRecord t;
          t.centre_id = f.opt_i64("centre_id", 1, INT64_MAX).value_or(0);
          t.name = f.str("name", http::StrRule{1, 120});
          t.business = f.opt_str("business", http::StrRule{0, 500, true}).value_or("");
          if (body.contains("members") && body["members"].is_array()) {
            for (const auto& m : body["members"]) {
              if (m.is_number_integer()) t.members.push_back(m.get<int64_t>());
              else f.fail("members", "type", "구직자 id 목록입니다", "a list of seeker ids");
            }
          }
          DONGNE_TRY(f.finish());
          DONGNE_ASSIGN_OR_RETURN(StartupTeamRecord out, svc.register_team(ctx.me(), t));
          return Response::json(201, team_json(out));
        });

  r.add(Method::kPost, base + "/startups/{id}/education", kCounsellor.on("jobs.startup"),
        Doc{"Record the team's attendance at startup education", "jobs",
            {{"type", "object"}, {"required", {"on", "topic", "people"}}, {"properties", {{"on", kDate}, {"topic", kStr}, {"people", kInt}}}}}.returns(object({{"team_id", kInt}, {"on", kDate}, {"topic", kStr}, {"people", kInt}})),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(int64_t id, ctx.id_param("id"));
          DONGNE_ASSIGN_OR_RETURN(auto body, ctx.json_body());
          http::Fields f(body);
          LocalDate on = date_of(f.opt_date("on", true));
          std::string topic = f.str("topic", http::StrRule{1, 200});
          int people = static_cast<int>(f.i64("people", 1, 50));
          DONGNE_TRY(f.finish());
          DONGNE_TRY(svc.record_education(ctx.me(), id, on, topic, people));
          return Response::json(200, {{"team_id", id}, {"on", format_date(on)}, {"topic", topic}, {"people", people}});
        });

  r.add(Method::kGet, base + "/subsidies", kCounsellor.in_own_scope(), Doc{"Marketing-subsidy applications of a year", "jobs", nullptr, {"year"}}.returns(object({{"year", kInt}, {"items", array_of(schemas::subsidy())}})),
        [&svc](Context& ctx) -> Result<Response> {
          int year = local_date(svc.clock().now_ms()).year;
          if (auto y = ctx.query("year")) year = std::atoi(y->c_str());
          if (year < 2000 || year > 2100) return Error::field("query.year", "range", "연도는 2000~2100입니다", "the year is 2000 to 2100");
          DONGNE_ASSIGN_OR_RETURN(auto list, svc.subsidies(ctx.me(), year));
          nlohmann::json items = nlohmann::json::array();
          for (const auto& s : list) items.push_back(subsidy_json(s));
          return Response::json(200, {{"year", year}, {"items", items}});
        });

  r.add(Method::kPost, base + "/subsidies", kCounsellor.in_own_scope(),
        Doc{"A team applies for the marketing subsidy (once a year)", "jobs",
            {{"type", "object"}, {"required", {"team_id", "year", "amount_won", "purpose"}},
             {"properties", {{"team_id", kInt}, {"year", kInt}, {"amount_won", kInt}, {"purpose", kStr}}}},
            {}, 201}.returns(schemas::subsidy()),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(auto body, ctx.json_body());
          http::Fields f(body);
          SubsidyRecord s;
          s.team_id = f.i64("team_id", 1, INT64_MAX);
          s.year = static_cast<int>(f.i64("year", 2000, 2100));
          s.amount_won = f.i64("amount_won", 1, 100'000'000);
          s.purpose = f.str("purpose", http::StrRule{1, 1000, true});
          DONGNE_TRY(f.finish());
          DONGNE_ASSIGN_OR_RETURN(SubsidyRecord out, svc.apply_subsidy(ctx.me(), s));
          return Response::json(201, subsidy_json(out));
        });

  r.add(Method::kPost, base + "/subsidies/{id}/decision", kCounsellor.on("jobs.subsidy"),
        Doc{"Approve (within the year's 10 teams) or reject an application", "jobs",
            {{"type", "object"}, {"required", {"approve"}}, {"properties", {{"approve", {{"type", "boolean"}}}}}}}.returns(schemas::subsidy()),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(int64_t id, ctx.id_param("id"));
          DONGNE_ASSIGN_OR_RETURN(auto body, ctx.json_body());
          if (!body.contains("approve") || !body["approve"].is_boolean()) {
            return Error::field("approve", "required", "승인 여부(true/false)가 필요합니다", "approve (true or false) is required");
          }
          DONGNE_ASSIGN_OR_RETURN(SubsidyRecord out, svc.decide_subsidy(ctx.me(), id, body["approve"].get<bool>()));
          return Response::json(200, subsidy_json(out));
        });

  r.add(Method::kPost, base + "/subsidies/{id}/disburse", kCounsellor.on("jobs.subsidy"),
        Doc{"Record the disbursement of an approved subsidy", "jobs",
            {{"type", "object"}, {"required", {"on"}}, {"properties", {{"on", kDate}}}}}.returns(schemas::subsidy()),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(int64_t id, ctx.id_param("id"));
          DONGNE_ASSIGN_OR_RETURN(auto body, ctx.json_body());
          http::Fields f(body);
          LocalDate on = date_of(f.opt_date("on", true));
          DONGNE_TRY(f.finish());
          DONGNE_ASSIGN_OR_RETURN(SubsidyRecord out, svc.disburse_subsidy(ctx.me(), id, on));
          return Response::json(200, subsidy_json(out));
        });
}

}  // namespace io

void add_routes(http::Router& router, JobsService& service, directory::Directory& directory) {
  io::add_case_routes(router, service);
  io::add_course_routes(router, service);
  io::add_employer_routes(router, service, directory);
  io::add_internship_routes(router, service);
  io::add_term_routes(router, service);
}

}  // namespace dongne::jobs
