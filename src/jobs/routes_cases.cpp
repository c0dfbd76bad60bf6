// Seekers, cases, plans, counsellors, notes and the counsellor's work list (see routes.h).
#include "http/fields.h"
#include "http/schema.h"
#include "jobs/casework.h"
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
const nlohmann::json kProfile = {
    {"type", "object"},
    {"description", "KECO codes, competencies (canonical keys or aliases such as 엑셀), availability and childcare limits, "
                    "home area and commute, expected wage, languages (docs/jobs.md)."},
    {"properties",
     {{"occupations", {{"type", "array"}, {"items", kStr}}},
      {"competencies", {{"type", "array"}, {"items", kStr}}},
      {"certificates", {{"type", "array"}, {"items", kStr}}},
      {"work_history", {{"type", "array"}, {"items", {{"type", "object"}}}}},
      {"career_break_months", kInt},
      {"availability", {{"type", "object"}, {"properties", {{"days", {{"type", "array"}, {"items", kStr}}}, {"start", kStr}, {"end", kStr}}}}},
      {"childcare", {{"type", "object"}, {"properties", {{"leave_by", kStr}, {"start_after", kStr}, {"no_saturday", {{"type", "boolean"}}},
                                                          {"no_sunday", {{"type", "boolean"}}}, {"note", kStr}}}}},
      {"home", location_schema()},
      {"home_area", kStr},
      {"max_commute_min", kInt},
      {"expected_wage", {{"type", "object"}, {"properties", {{"won", kInt}, {"unit", {{"enum", {"hourly", "monthly"}}}}}}}},
      {"available_from", kDate},
      {"languages", {{"type", "array"}, {"items", kStr}}}}}};
const nlohmann::json kSeeker = {
    {"type", "object"},
    {"description", "Never a resident registration number."},
    {"properties", {{"centre_id", kInt}, {"display_name", kStr}, {"phone", kStr}, {"email", kStr}, {"birth_year", kInt}, {"profile", kProfile}}}};
// Intake adds the day of the first interview (default today; not in the future, at most three years back).
const nlohmann::json kIntake = [] {
  nlohmann::json j = kSeeker;
  j["properties"]["opened_on"] = kDate;
  // A past year's record entered after the fact: may open before the three-year limit (from 2000), and is marked.
  j["properties"]["entered_late"] = {{"type", "boolean"}};
  return j;
}();


nlohmann::json case_view(JobsService& svc, const CaseRecord& c, const std::vector<TransitionRecord>& history) {
  nlohmann::json j = case_json(c);
  j["next_states"] = manual_next_states(c.state, !c.plan.empty());
  nlohmann::json h = nlohmann::json::array();
  for (const auto& t : history) h.push_back(transition_json(t));
  j["history"] = h;
  (void)svc;
  return j;
}

}  // namespace

void add_case_routes(http::Router& r, JobsService& svc) {
  const std::string base = "/api/v1/jobs";

  r.add(Method::kPost, base + "/seekers", kCounsellor.in_own_scope(),
        Doc{"Intake: a counsellor registers a seeker and opens her case", "jobs", kIntake, {}, 201}.returns(schemas::opened_case()),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(auto body, ctx.json_body());
          DONGNE_ASSIGN_OR_RETURN(auto opened_on, opt_date_field(body, "opened_on"));
          bool late = false;
          if (body.contains("entered_late") && !body["entered_late"].is_null()) {
            if (!body["entered_late"].is_boolean()) {
              return Error::field("entered_late", "type", "참 또는 거짓이어야 합니다", "must be true or false");
            }
            late = body["entered_late"].get<bool>();
          }
          nlohmann::json rest = body;
          rest.erase("entered_late");
          DONGNE_ASSIGN_OR_RETURN(SeekerRecord s, seeker_input(rest));
          if (s.display_name.empty()) return Error::field("display_name", "required", "이름이 필요합니다", "a name is required");
          DONGNE_ASSIGN_OR_RETURN(CaseRecord c, svc.intake(ctx.me(), s, opened_on, late));
          return Response::json(201, {{"case", case_json(c)}, {"seeker_id", c.seeker_id}});
        });

  r.add(Method::kPost, base + "/me/seeker", Access::roles({Role::kResident}),
        Doc{"Self-registration: a resident registers with a Saeil centre", "jobs", kSeeker, {}, 201}.returns(schemas::opened_case()),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(auto body, ctx.json_body());
          DONGNE_ASSIGN_OR_RETURN(SeekerRecord s, seeker_input(body));
          if (s.centre_id == 0) return Error::field("centre_id", "required", "새일센터를 고르세요", "choose the centre");
          DONGNE_ASSIGN_OR_RETURN(CaseRecord c, svc.self_register(ctx.me(), s));
          return Response::json(201, {{"case", case_json(c)}, {"seeker_id", c.seeker_id}});
        });

  r.add(Method::kGet, base + "/me/seeker", Access::signed_in(), Doc{"My seeker record and cases (404 when not registered)", "jobs"}.returns(schemas::seeker_with_cases()),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(auto s, svc.my_seeker(ctx.me()));
          if (!s) return Error::not_found("구직 등록이 없습니다", "you are not registered as a seeker");
          DONGNE_ASSIGN_OR_RETURN(auto cases, svc.cases_of_seeker(ctx.me(), s->id));
          nlohmann::json cs = nlohmann::json::array();
          for (const auto& c : cases) cs.push_back(case_json(c));
          nlohmann::json j = seeker_json(*s);
          j["cases"] = cs;
          return Response::json(200, j);
        });

  r.add(Method::kGet, base + "/seekers/{id}", Access::roles({Role::kCounsellor, Role::kResident, Role::kAdmin}).on("jobs.seeker"),
        Doc{"A seeker's record (personal data: the read is logged with ?reason=)", "jobs", nullptr, {"reason"}, 200, "seeker"}.returns(schemas::seeker_with_cases()),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(int64_t id, ctx.id_param("id"));
          DONGNE_ASSIGN_OR_RETURN(SeekerRecord s, svc.seeker(ctx.me(), id, ctx.query("reason").value_or("")));
          DONGNE_ASSIGN_OR_RETURN(auto cases, svc.cases_of_seeker(ctx.me(), id));
          nlohmann::json cs = nlohmann::json::array();
          for (const auto& c : cases) cs.push_back(case_json(c));
          nlohmann::json j = seeker_json(s);
          j["cases"] = cs;
          return Response::json(200, j);
        });

  r.add(Method::kPut, base + "/seekers/{id}/profile", Access::roles({Role::kCounsellor, Role::kResident, Role::kAdmin}).on("jobs.seeker"),
        Doc{"Replace a seeker's profile (checked: codes, schedules, wages)", "jobs", kProfile}.returns(schemas::seeker()),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(int64_t id, ctx.id_param("id"));
          DONGNE_ASSIGN_OR_RETURN(auto body, ctx.json_body());
          DONGNE_ASSIGN_OR_RETURN(SeekerRecord s, svc.update_profile(ctx.me(), id, body));
          return Response::json(200, seeker_json(s));
        });

  r.add(Method::kGet, base + "/worklist", Access::roles({Role::kCounsellor}).in_own_scope(),
        Doc{"The counsellor's work list: open cases, follow-ups due or overdue, payments awaiting approval", "jobs"}.returns(schemas::work_list()),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(WorkList w, svc.work_list(ctx.me()));
          const LocalDate today = local_date(svc.clock().now_ms());
          nlohmann::json cases = nlohmann::json::array();
          for (size_t i = 0; i < w.cases.size(); ++i) {
            nlohmann::json c = case_json(w.cases[i]);
            c["seeker_name"] = w.seeker_names[i];
            c["mine"] = std::find(w.cases[i].counsellors.begin(), w.cases[i].counsellors.end(), ctx.me().user_id) !=
                        w.cases[i].counsellors.end();
            cases.push_back(c);
          }
          nlohmann::json fs = nlohmann::json::array();
          for (const auto& f : w.followups) {
            nlohmann::json j = followup_json(f);
            j["overdue"] = f.due_on < today;
            fs.push_back(j);
          }
          nlohmann::json ps = nlohmann::json::array();
          for (const auto& p : w.payments) ps.push_back(payment_json(p));
          return Response::json(200, {{"today", format_date(today)}, {"cases", cases}, {"followups", fs}, {"payments", ps}});
        });

  r.add(Method::kGet, base + "/cases/{id}", Access::roles({Role::kCounsellor, Role::kResident, Role::kAdmin}).on("jobs.case"),
        Doc{"A case with its history and the states it may move to", "jobs"}.returns(schemas::case_view()),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(int64_t id, ctx.id_param("id"));
          DONGNE_ASSIGN_OR_RETURN(CaseRecord c, svc.case_of(ctx.me(), id));
          DONGNE_ASSIGN_OR_RETURN(auto h, svc.history(ctx.me(), id));
          return Response::json(200, case_view(svc, c, h));
        });

  r.add(Method::kPost, base + "/cases/{id}/transitions", kCounsellor.on("jobs.case"),
        Doc{"Move a case (validated; hired and internship are reached by recording them)", "jobs",
            {{"type", "object"}, {"required", {"to"}}, {"properties", {{"to", kStr}, {"on", kDate}, {"reason", kStr}}}}}.returns(schemas::case_view()),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(int64_t id, ctx.id_param("id"));
          DONGNE_ASSIGN_OR_RETURN(auto body, ctx.json_body());
          http::Fields f(body);
          std::string to = f.str("to", http::StrRule{1, 20});
          std::string reason = f.opt_str("reason", http::StrRule{0, 500, true}).value_or("");
          DONGNE_TRY(f.finish());
          if (!is_case_state(to)) return Error::field("to", "unknown", "알 수 없는 단계입니다", "unknown case state");
          DONGNE_ASSIGN_OR_RETURN(auto on, opt_date_field(body, "on"));
          DONGNE_ASSIGN_OR_RETURN(CaseRecord c, svc.transition(ctx.me(), id, to, on, reason));
          DONGNE_ASSIGN_OR_RETURN(auto h, svc.history(ctx.me(), id));
          return Response::json(200, case_view(svc, c, h));
        });

  r.add(Method::kPut, base + "/cases/{id}/plan", kCounsellor.on("jobs.case"),
        Doc{"Save the individual employment plan (a new version each time)", "jobs",
            {{"type", "object"}, {"required", {"goal"}},
             {"properties", {{"goal", kStr}, {"steps", {{"type", "array"}, {"items", {{"type", "object"}, {"properties", {{"action", kStr}, {"by", kDate}, {"done", {{"type", "boolean"}}}}}}}}}}}}}.returns(schemas::case_record()),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(int64_t id, ctx.id_param("id"));
          DONGNE_ASSIGN_OR_RETURN(auto body, ctx.json_body());
          DONGNE_ASSIGN_OR_RETURN(CaseRecord c, svc.save_plan(ctx.me(), id, body));
          return Response::json(200, case_json(c));
        });

  r.add(Method::kPost, base + "/cases/{id}/counsellors", kCounsellor.on("jobs.case"),
        Doc{"Add a counsellor of the centre to the case (she may then read its notes)", "jobs",
            {{"type", "object"}, {"required", {"user_id"}}, {"properties", {{"user_id", kInt}}}}}.returns(schemas::case_record()),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(int64_t id, ctx.id_param("id"));
          DONGNE_ASSIGN_OR_RETURN(auto body, ctx.json_body());
          http::Fields f(body);
          int64_t user = f.i64("user_id", 1, INT64_MAX);
          DONGNE_TRY(f.finish());
          DONGNE_ASSIGN_OR_RETURN(CaseRecord c, svc.add_counsellor(ctx.me(), id, user));
          return Response::json(200, case_json(c));
        });

  r.add(Method::kPost, base + "/cases/{id}/notes", kCounsellor.on("jobs.case"),
        Doc{"Write a counselling note (the case's counsellors only)", "jobs",
            {{"type", "object"}, {"required", {"body"}}, {"properties", {{"kind", {{"enum", {"counselling", "phone", "visit", "employer"}}}}, {"body", kStr}}}}, {}, 201}.returns(schemas::note()),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(int64_t id, ctx.id_param("id"));
          DONGNE_ASSIGN_OR_RETURN(auto body, ctx.json_body());
          http::Fields f(body);
          std::string text = f.str("body", http::StrRule{1, 8000, true});
          std::string kind = f.has("kind") ? f.one_of("kind", {"counselling", "phone", "visit", "employer"}) : "counselling";
          DONGNE_TRY(f.finish());
          DONGNE_ASSIGN_OR_RETURN(NoteRecord n, svc.add_note(ctx.me(), id, kind, text));
          return Response::json(201, note_json(n));
        });

  r.add(Method::kGet, base + "/cases/{id}/notes", kCounsellor.on("jobs.case"),
        Doc{"The case's counselling notes: its counsellors only; every read and refusal is logged with ?reason=", "jobs", nullptr,
            {"reason"}, 200, "case_notes"}.returns(list_of(schemas::note())),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(int64_t id, ctx.id_param("id"));
          const std::string reason = ctx.query("reason").value_or("");
          if (reason.empty() || reason.size() > 200) {
            return Error::field("query.reason", "required", "열람 사유가 필요합니다", "a reason for reading is required");
          }
          DONGNE_ASSIGN_OR_RETURN(auto notes, svc.notes(ctx.me(), id, reason));
          nlohmann::json items = nlohmann::json::array();
          for (const auto& n : notes) items.push_back(note_json(n));
          return Response::json(200, {{"items", items}});
        });

  r.add(Method::kGet, base + "/cases/{id}/access-log", kCounsellor.on("jobs.case"),
        Doc{"Who read this case's notes and profile, when and why (refusals included)", "jobs", nullptr, {}, 200, "access_log"}.returns(list_of(object({{"id", kInt}, {"actor_user_id", kInt}, {"actor_name", kStr}, {"what", one_of_strings({"notes", "profile", "seeker"})}, {"reason", kStr}, {"allowed", kBool}, {"at", kDateTime}}))),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(int64_t id, ctx.id_param("id"));
          DONGNE_ASSIGN_OR_RETURN(auto items, svc.access_log(ctx.me(), id));
          return Response::json(200, {{"items", items}});
        });

  r.add(Method::kGet, base + "/cases/{id}/followups", kCounsellor.on("jobs.case"), Doc{"The case's follow-up contacts after hire", "jobs"}.returns(list_of(schemas::followup())),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(int64_t id, ctx.id_param("id"));
          DONGNE_ASSIGN_OR_RETURN(auto list, svc.followups(ctx.me(), id));
          nlohmann::json items = nlohmann::json::array();
          for (const auto& f : list) items.push_back(followup_json(f));
          return Response::json(200, {{"items", items}});
        });
}

}  // namespace dongne::jobs::io
