// Vacancies, candidates and matches, referrals, hires and follow-ups (see routes.h).
#include "core/privacy.h"
#include "http/fields.h"
#include "http/schema.h"
#include "jobs/location.h"
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
const nlohmann::json kSchedule = {{"type", "object"}, {"properties", {{"days", {{"type", "array"}, {"items", kStr}}}, {"start", kStr}, {"end", kStr}}}};
const nlohmann::json kWage = {{"type", "object"}, {"required", {"won", "unit"}}, {"properties", {{"won", kInt}, {"unit", {{"enum", {"hourly", "monthly"}}}}}}};
const nlohmann::json kVacancy = {
    {"type", "object"},
    {"required", {"employer_id", "title", "occupation", "start_on", "hours", "wage", "workplace"}},
    {"properties",
     {{"employer_id", kInt}, {"title", kStr}, {"occupation", kStr}, {"start_on", kDate}, {"openings", kInt},
      {"required", {{"type", "array"}, {"items", kStr}}}, {"preferred", {{"type", "array"}, {"items", kStr}}},
      {"hours", kSchedule}, {"wage", kWage},
      {"workplace", location_schema()},
      {"languages", {{"type", "array"}, {"items", kStr}}}, {"description", kStr}}}};

}  // namespace

void add_employer_routes(http::Router& r, JobsService& svc, directory::Directory& dir) {
  const std::string base = "/api/v1/jobs";
  const Access staff = Access::roles({Role::kCounsellor, Role::kEmployer, Role::kAdmin});

  r.add(Method::kPost, base + "/employers", kCounsellor.in_own_scope(),
        Doc{"Register an employer the centre works with (an organisation under the centre's city); a business "
            "registration number, when given, must be valid and is registered once (409 already_registered)",
            "jobs",
            {{"type", "object"},
             {"required", {"name_ko"}},
             {"properties", {{"name_ko", kStr}, {"name_en", kStr}, {"business_number", kStr}, {"address", kStr},
                             {"centre_id", kInt}}}},
            {}, 201}.returns(object({{"id", kInt}, {"kind", kStr}, {"code", kStr}, {"name_ko", kStr}, {"name_en", kStr}, {"parent_id", nullable(kInt)}, {"address", kStr}})),
        [&svc, &dir](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(auto body, ctx.json_body());
          http::Fields f(body);
          JobsService::NewEmployer e;
          e.name_ko = f.str("name_ko", http::StrRule{1, 100});
          e.name_en = f.opt_str("name_en", http::StrRule{1, 100}).value_or("");
          e.business_number = f.opt_str("business_number", http::StrRule{1, 20}).value_or("");
          e.address = f.opt_str("address", http::StrRule{0, 200}).value_or("");
          e.centre_id = f.opt_i64("centre_id", 1, INT64_MAX);
          DONGNE_TRY(f.finish());
          DONGNE_ASSIGN_OR_RETURN(auto o, svc.register_employer(ctx.me(), dir, e));
          return Response::json(201, {{"id", o.id}, {"kind", o.kind}, {"code", o.code}, {"name_ko", o.name_ko},
                                      {"name_en", o.name_en}, {"parent_id", o.parent_id ? nlohmann::json(*o.parent_id) : nlohmann::json(nullptr)},
                                      {"address", o.address}});
        });

  r.add(Method::kGet, base + "/vacancies", Access::anyone(),
        Doc{"Vacancies (open ones unless ?all=1), optionally of one employer", "jobs", nullptr, {"employer_id", "all"}}.returns(list_of(schemas::vacancy())),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(auto employer, opt_id_query(ctx, "employer_id"));
          const bool all = ctx.query("all").value_or("") == "1";
          Principal anon;
          DONGNE_ASSIGN_OR_RETURN(auto list, svc.vacancies(anon, employer, !all));
          nlohmann::json items = nlohmann::json::array();
          const auto ref = svc.reference();
          for (const auto& v : list) items.push_back(vacancy_json(v, *ref));
          return Response::json(200, {{"items", items}});
        });

  r.add(Method::kGet, base + "/vacancies/{id}", Access::anyone(), Doc{"One vacancy", "jobs"}.returns(schemas::vacancy()),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(int64_t id, ctx.id_param("id"));
          DONGNE_ASSIGN_OR_RETURN(VacancyRecord v, svc.vacancy(id));
          return Response::json(200, vacancy_json(v, *svc.reference()));
        });

  r.add(Method::kPost, base + "/vacancies", staff.in_own_scope(), Doc{"Post a vacancy (an employer, or a counsellor for one)", "jobs", kVacancy, {}, 201}.returns(schemas::vacancy()),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(auto body, ctx.json_body());
          DONGNE_ASSIGN_OR_RETURN(VacancyRecord v, vacancy_input(body));
          DONGNE_ASSIGN_OR_RETURN(VacancyRecord out, svc.post_vacancy(ctx.me(), v));
          return Response::json(201, vacancy_json(out, *svc.reference()));
        });

  r.add(Method::kPost, base + "/vacancies/{id}/close", staff.on("jobs.vacancy"), Doc{"Close a vacancy", "jobs"}.returns(schemas::vacancy()),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(int64_t id, ctx.id_param("id"));
          DONGNE_ASSIGN_OR_RETURN(VacancyRecord v, svc.close_vacancy(ctx.me(), id));
          return Response::json(200, vacancy_json(v, *svc.reference()));
        });

  r.add(Method::kGet, base + "/vacancies/{id}/candidates", staff.on("jobs.vacancy"),
        Doc{"Ranked, explained candidates for a vacancy (employers see masked names until a referral)", "jobs", nullptr,
            {"k", "weights"}, 200, "seeker_profile"}.returns(object({{"vacancy_id", kInt}, {"items", array_of(schemas::candidate())}})),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(int64_t id, ctx.id_param("id"));
          DONGNE_ASSIGN_OR_RETURN(int k, k_query(ctx));
          DONGNE_ASSIGN_OR_RETURN(auto w, weights_query(ctx));
          DONGNE_ASSIGN_OR_RETURN(MatchView view, svc.seekers_for_vacancy(ctx.me(), id, k, w));
          const bool counsellor = JobsService::centre_of(ctx.me()).has_value() || ctx.me().has(Role::kAdmin);
          nlohmann::json items = nlohmann::json::array();
          const auto ref = svc.reference();
          for (const auto& m : view.matches) {
            nlohmann::json j = match_json(m, *ref);
            DONGNE_ASSIGN_OR_RETURN(auto name, svc.seeker_name(m.seeker_id));
            j["seeker_name"] = counsellor ? name : mask_name(name);
            if (!counsellor) j.erase("seeker_id");
            items.push_back(j);
          }
          return Response::json(200, {{"vacancy_id", id}, {"items", items}});
        });

  r.add(Method::kGet, base + "/seekers/{id}/matches", Access::roles({Role::kCounsellor, Role::kResident, Role::kAdmin}).on("jobs.seeker"),
        Doc{"Recommended vacancies for a seeker, each with its explanation and the courses that close a gap", "jobs", nullptr,
            {"k", "weights"}, 200, "seeker_profile"}.returns(object({{"seeker_id", kInt}, {"items", array_of(schemas::recommendation())}})),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(int64_t id, ctx.id_param("id"));
          DONGNE_ASSIGN_OR_RETURN(int k, k_query(ctx));
          DONGNE_ASSIGN_OR_RETURN(auto w, weights_query(ctx));
          DONGNE_ASSIGN_OR_RETURN(MatchView view, svc.vacancies_for_seeker(ctx.me(), id, k, w));
          nlohmann::json items = nlohmann::json::array();
          const auto ref = svc.reference();
          for (const auto& m : view.matches) {
            nlohmann::json j = match_json(m, *ref);
            DONGNE_ASSIGN_OR_RETURN(VacancyRecord v, svc.vacancy(m.vacancy_id));
            j["vacancy"] = vacancy_json(v, *ref);
            items.push_back(j);
          }
          return Response::json(200, {{"seeker_id", id}, {"items", items}});
        });

  r.add(Method::kGet, base + "/match/explain", Access::roles({Role::kCounsellor, Role::kResident, Role::kAdmin}).in_own_scope(),
        Doc{"Why (not) this seeker and this vacancy: the hard constraint that failed, or every factor's share", "jobs", nullptr,
            {"seeker_id", "vacancy_id", "weights"}, 200, "seeker_profile"}.returns(schemas::verdict()),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(auto s, opt_id_query(ctx, "seeker_id"));
          DONGNE_ASSIGN_OR_RETURN(auto v, opt_id_query(ctx, "vacancy_id"));
          if (!s || !v) return Error::field(!s ? "query.seeker_id" : "query.vacancy_id", "required", "필수 항목입니다", "is required");
          DONGNE_ASSIGN_OR_RETURN(auto w, weights_query(ctx));
          DONGNE_ASSIGN_OR_RETURN(match::Verdict verdict, svc.explain_pair(ctx.me(), *s, *v, w));
          return Response::json(200, verdict_json(verdict, *svc.reference()));
        });

  r.add(Method::kPost, base + "/referrals", Access::roles({Role::kCounsellor, Role::kAdmin}).in_own_scope(),
        Doc{"Refer a case to a vacancy", "jobs",
            {{"type", "object"}, {"required", {"vacancy_id", "case_id"}}, {"properties", {{"vacancy_id", kInt}, {"case_id", kInt}}}}, {}, 201}.returns(schemas::referral()),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(auto body, ctx.json_body());
          http::Fields f(body);
          int64_t vacancy = f.i64("vacancy_id", 1, INT64_MAX);
          int64_t c = f.i64("case_id", 1, INT64_MAX);
          DONGNE_TRY(f.finish());
          DONGNE_ASSIGN_OR_RETURN(ReferralRecord out, svc.refer(ctx.me(), vacancy, c));
          return Response::json(201, referral_json(out));
        });

  r.add(Method::kGet, base + "/referrals", staff.in_own_scope(), Doc{"Referrals of a vacancy or a case (the caller's own only)", "jobs", nullptr, {"vacancy_id", "case_id"}, 200, "seeker"}.returns(list_of(schemas::listed_referral())),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(auto vacancy, opt_id_query(ctx, "vacancy_id"));
          DONGNE_ASSIGN_OR_RETURN(auto c, opt_id_query(ctx, "case_id"));
          DONGNE_ASSIGN_OR_RETURN(auto items, svc.referrals(ctx.me(), vacancy, c));
          return Response::json(200, {{"items", items}});
        });

  r.add(Method::kPost, base + "/referrals/{id}/outcome", staff.on("jobs.referral"),
        Doc{"An interview date or the outcome of a referral (a hire is POST /jobs/hires)", "jobs",
            {{"type", "object"}, {"required", {"status"}},
             {"properties", {{"status", {{"enum", {"interview", "declined", "withdrawn"}}}}, {"interview_on", kDate}, {"note", kStr}}}}}.returns(schemas::referral()),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(int64_t id, ctx.id_param("id"));
          DONGNE_ASSIGN_OR_RETURN(auto body, ctx.json_body());
          http::Fields f(body);
          std::string status = f.one_of("status", {"interview", "declined", "withdrawn"});
          std::string note = f.opt_str("note", http::StrRule{0, 2000, true}).value_or("");
          DONGNE_TRY(f.finish());
          DONGNE_ASSIGN_OR_RETURN(auto on, opt_date_field(body, "interview_on"));
          DONGNE_ASSIGN_OR_RETURN(ReferralRecord out, svc.update_referral(ctx.me(), id, status, on, note));
          return Response::json(200, referral_json(out));
        });

  r.add(Method::kPost, base + "/hires", staff.in_own_scope(),
        Doc{"Record a hire (the jobs.hired event Programmes counts; follow-ups at 1, 3, 6 and 12 months)", "jobs",
            {{"type", "object"}, {"required", {"case_id", "start_on", "wage"}},
             {"properties", {{"case_id", kInt}, {"employer_id", kInt}, {"vacancy_id", kInt}, {"referral_id", kInt},
                             {"occupation", kStr}, {"start_on", kDate}, {"wage", kWage}}}},
            {}, 201}.returns(schemas::hire()),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(auto body, ctx.json_body());
          DONGNE_ASSIGN_OR_RETURN(HireRecord h, hire_input(body));
          DONGNE_ASSIGN_OR_RETURN(HireRecord out, svc.record_hire(ctx.me(), h));
          return Response::json(201, hire_json(out));
        });

  r.add(Method::kPost, base + "/followups/{id}", staff.on("jobs.followup"),
        Doc{"Record a follow-up contact (counsellor) or the employer's aftercare note", "jobs",
            {{"type", "object"},
             {"properties", {{"outcome", {{"enum", {"retained", "left", "unreachable"}}}}, {"note", kStr}, {"employer_note", kStr}}}}}.returns(schemas::followup()),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(int64_t id, ctx.id_param("id"));
          DONGNE_ASSIGN_OR_RETURN(auto body, ctx.json_body());
          http::Fields f(body);
          std::string outcome = f.opt_str("outcome", http::StrRule{1, 20}).value_or("");
          std::string note = f.opt_str("note", http::StrRule{0, 2000, true}).value_or("");
          std::string employer_note = f.opt_str("employer_note", http::StrRule{0, 2000, true}).value_or("");
          DONGNE_TRY(f.finish());
          DONGNE_ASSIGN_OR_RETURN(FollowUpRecord out, svc.record_followup(ctx.me(), id, outcome, note, employer_note));
          return Response::json(200, followup_json(out));
        });
}

}  // namespace dongne::jobs::io
