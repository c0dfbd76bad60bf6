// Calls, proposals, attachments, reviewers, conflicts, scores, selection and results (see routes.h).
#include "programmes/routes.h"
#include "programmes/schemas.h"

#include "http/fields.h"
#include "http/schema.h"

namespace dongne::programmes {

using http::Access;
using http::Context;
using http::Doc;
using http::Method;
using http::Response;
using namespace http::schema;  // NOLINT(google-build-using-namespace): the response schemas' vocabulary
using namespace io;  // NOLINT(google-build-using-namespace): this room's own readers and writers

namespace {

using http::schema::kStr;
using http::schema::kInt;

const nlohmann::json kCallSchema = {
    {"type", "object"},
    {"required", {"year", "title_ko", "envelope_won", "city_share_pct", "deadline", "criteria"}},
    {"properties",
     {{"city_id", kInt}, {"year", kInt}, {"title_ko", kStr}, {"title_en", kStr},
      {"envelope_won", {{"type", "integer"}, {"description", "the city's money for the call, in won"}}},
      {"city_share_pct", {{"type", "integer"}, {"minimum", 1}, {"maximum", 100}}},
      {"min_score", {{"type", "integer"}, {"minimum", 0}, {"maximum", 100}}},
      {"deadline", {{"type", "string"}, {"format", "date-time"}}},
      {"entered_late", {{"type", "boolean"},
                        {"description", "a past programme year entered after the fact: the deadline may be behind it, "
                                        "its district proposals and projects may be entered, and the call and its "
                                        "projects say entered_late"}}},
      {"criteria", {{"type", "array"},
                    {"items", {{"type", "object"}, {"required", {"key", "name_ko", "weight"}},
                               {"properties", {{"key", kStr}, {"name_ko", kStr}, {"name_en", kStr}, {"weight", kInt},
                                               {"max_score", kInt}}}}}}},
      {"required_fields", {{"type", "array"},
                           {"items", {{"enum", {"summary", "implementing_org", "monthly_targets", "attachments", "output_kind"}}}}}}}}};

const nlohmann::json kProposalSchema = {
    {"type", "object"},
    {"required", {"title", "target_groups", "city_share_won", "district_share_won"}},
    {"properties",
     {{"district_id", kInt}, {"title", kStr}, {"summary", kStr},
      {"target_groups", {{"type", "array"}, {"items", {{"enum", {"career_break_women", "new_middle_aged", "seniors",
                                                                  "marriage_migrants", "nk_defectors", "youth",
                                                                  "people_with_disabilities", "general"}}}}}},
      {"implementing_org", kStr}, {"output_kind", kStr}, {"planned_jobs", kInt},
      {"monthly_targets", {{"type", "array"},
                           {"items", {{"type", "object"}, {"required", {"month"}},
                                      {"properties", {{"month", {{"type", "string"}, {"pattern", "^\\d{4}-\\d{2}$"}}},
                                                      {"jobs", kInt}, {"outputs", kInt}}}}}}},
      {"city_share_won", kInt}, {"district_share_won", kInt}}}};

const Access kDistrict = Access::roles({Role::kDistrictOfficer, Role::kAdmin});
const Access kCity = Access::roles({Role::kCityOfficer, Role::kAdmin});
const Access kProgrammeStaff = Access::roles({Role::kDistrictOfficer, Role::kCityOfficer, Role::kAdmin});

nlohmann::json items_of(const std::vector<ProposalRecord>& list) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& p : list) items.push_back(proposal_json(p));
  return {{"items", items}};
}

}  // namespace

void add_routes(http::Router& r, ProgrammeService& svc) {
  const std::string base = "/api/v1/programmes";

  r.add(Method::kGet, base + "/calls", Access::anyone(), Doc{"Calls for proposals, newest year first", "programmes"}.returns(list_of(schemas::call())),
        [&svc](Context&) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(auto list, svc.calls());
          nlohmann::json items = nlohmann::json::array();
          for (const auto& c : list) items.push_back(call_json(c));
          return Response::json(200, {{"items", items}});
        });

  r.add(Method::kPost, base + "/calls", kCity.in_own_scope(),
        Doc{"Open a call for year Y: envelope, co-funding ratio, weighted criteria, deadline and required fields",
            "programmes", kCallSchema, {}, 201}.returns(schemas::call()),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(auto body, ctx.json_body());
          DONGNE_ASSIGN_OR_RETURN(CallRecord c, call_input(body));
          DONGNE_ASSIGN_OR_RETURN(c, svc.create_call(ctx.me(), std::move(c)));
          return Response::json(201, call_json(c));
        });

  r.add(Method::kGet, base + "/calls/{id}", Access::anyone(), Doc{"One call", "programmes"}.returns(schemas::call()),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(int64_t id, ctx.id_param("id"));
          DONGNE_ASSIGN_OR_RETURN(CallRecord c, svc.call(id));
          return Response::json(200, call_json(c));
        });

  r.add(Method::kGet, base + "/calls/{id}/results", Access::anyone(),
        Doc{"The published selection: ranking, the rule used, every rejection's reason, and the optimal set", "programmes"}.returns(schemas::selection()),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(int64_t id, ctx.id_param("id"));
          DONGNE_ASSIGN_OR_RETURN(auto j, svc.published_results(id));
          return Response::json(200, j);
        });

  r.add(Method::kGet, base + "/calls/{id}/proposals", kProgrammeStaff.on("programmes.call"),
        Doc{"Proposals of a call: a district's own; every submitted one for reviewers and the city", "programmes"}.returns(list_of(schemas::proposal())),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(int64_t id, ctx.id_param("id"));
          DONGNE_ASSIGN_OR_RETURN(auto list, svc.proposals(ctx.me(), id));
          return Response::json(200, items_of(list));
        });

  r.add(Method::kPost, base + "/calls/{id}/proposals", kDistrict.on("programmes.call"),
        Doc{"Draft a proposal (before the deadline; the city share within the envelope and the call's ratio)",
            "programmes", kProposalSchema, {}, 201}.returns(schemas::proposal()),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(int64_t id, ctx.id_param("id"));
          DONGNE_ASSIGN_OR_RETURN(auto body, ctx.json_body());
          DONGNE_TRY(svc.call(id));
          DONGNE_ASSIGN_OR_RETURN(ProposalRecord p, proposal_input(body));
          p.call_id = id;
          DONGNE_ASSIGN_OR_RETURN(p, svc.create_proposal(ctx.me(), std::move(p)));
          return Response::json(201, proposal_json(p));
        });

  r.add(Method::kGet, base + "/proposals/{id}", kProgrammeStaff.on("programmes.proposal"), Doc{"One proposal with its attachments", "programmes"}.returns(schemas::proposal()),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(int64_t id, ctx.id_param("id"));
          DONGNE_ASSIGN_OR_RETURN(ProposalRecord p, svc.proposal(ctx.me(), id));
          return Response::json(200, proposal_json(p));
        });

  r.add(Method::kPut, base + "/proposals/{id}", kDistrict.on("programmes.proposal"),
        Doc{"Replace a draft or returned proposal (before the deadline)", "programmes", kProposalSchema}.returns(schemas::proposal()),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(int64_t id, ctx.id_param("id"));
          DONGNE_ASSIGN_OR_RETURN(auto body, ctx.json_body());
          DONGNE_TRY(svc.proposal(ctx.me(), id));
          DONGNE_ASSIGN_OR_RETURN(ProposalRecord p, proposal_input(body));
          p.id = id;
          DONGNE_ASSIGN_OR_RETURN(p, svc.update_proposal(ctx.me(), std::move(p)));
          return Response::json(200, proposal_json(p));
        });

  r.add(Method::kPost, base + "/proposals/{id}/submit", kDistrict.on("programmes.proposal"),
        Doc{"Submit a draft or returned proposal before the deadline (the call's required fields must be there)", "programmes"}.returns(schemas::proposal()),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(int64_t id, ctx.id_param("id"));
          DONGNE_ASSIGN_OR_RETURN(ProposalRecord p, svc.submit(ctx.me(), id));
          return Response::json(200, proposal_json(p));
        });

  r.add(Method::kPost, base + "/proposals/{id}/withdraw", kDistrict.on("programmes.proposal"),
        Doc{"Withdraw a proposal before the results are published", "programmes"}.returns(schemas::proposal()),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(int64_t id, ctx.id_param("id"));
          DONGNE_ASSIGN_OR_RETURN(ProposalRecord p, svc.withdraw(ctx.me(), id));
          return Response::json(200, proposal_json(p));
        });

  r.add(Method::kPost, base + "/proposals/{id}/return", kCity.on("programmes.proposal"),
        Doc{"Send a submitted proposal back for revision, saying what to revise", "programmes",
            {{"type", "object"}, {"required", {"note"}}, {"properties", {{"note", kStr}}}}}.returns(schemas::proposal()),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(int64_t id, ctx.id_param("id"));
          DONGNE_ASSIGN_OR_RETURN(auto body, ctx.json_body());
          http::Fields f(body);
          std::string note = f.str("note", http::StrRule{1, 2000, true});
          DONGNE_TRY(f.finish());
          DONGNE_ASSIGN_OR_RETURN(ProposalRecord p, svc.send_back(ctx.me(), id, note));
          return Response::json(200, proposal_json(p));
        });

  r.add(Method::kPost, base + "/proposals/{id}/attachments", kDistrict.on("programmes.proposal"),
        Doc{"Attach a file (PDF, HWP, DOCX, XLSX, PNG, JPEG; at most 2 MB, sent as base64)", "programmes",
            {{"type", "object"}, {"required", {"name", "media_type", "content_base64"}},
             {"properties", {{"name", kStr}, {"media_type", kStr}, {"content_base64", kStr}}}},
            {}, 201}.returns(schemas::attachment_meta()),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(int64_t id, ctx.id_param("id"));
          DONGNE_ASSIGN_OR_RETURN(auto body, ctx.json_body());
          http::Fields f(body);
          std::string name = f.str("name", http::StrRule{1, 200});
          std::string media = f.str("media_type", http::StrRule{1, 120});
          std::string content = f.str("content_base64", http::StrRule{1, 3 * 1024 * 1024});
          DONGNE_TRY(f.finish());
          DONGNE_ASSIGN_OR_RETURN(AttachmentMeta a, svc.add_attachment(ctx.me(), id, name, media, content));
          return Response::json(201, {{"id", a.id}, {"name", a.name}, {"media_type", a.media_type},
                                      {"size_bytes", a.size_bytes}, {"sha256", a.sha256}});
        });

  r.add(Method::kGet, base + "/attachments/{id}", kProgrammeStaff.on("programmes.attachment"), Doc{"An attachment's file", "programmes"}.returns(object({{"id", kInt}, {"name", kStr}, {"media_type", kStr}, {"sha256", kStr}, {"content_base64", kStr}})),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(int64_t id, ctx.id_param("id"));
          DONGNE_ASSIGN_OR_RETURN(auto a, svc.attachment(ctx.me(), id));
          return Response::json(200, {{"id", a.first.id}, {"name", a.first.name}, {"media_type", a.first.media_type},
                                      {"sha256", a.first.sha256}, {"content_base64", a.second}});
        });

  r.add(Method::kGet, base + "/calls/{id}/reviewers", kProgrammeStaff.on("programmes.call"), Doc{"The call's reviewers", "programmes"}.returns(list_of(object({{"user_id", kInt}, {"name", kStr}, {"district_id", nullable(kInt)}}))),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(int64_t id, ctx.id_param("id"));
          DONGNE_ASSIGN_OR_RETURN(auto list, svc.reviewers(ctx.me(), id));
          nlohmann::json items = nlohmann::json::array();
          for (const auto& x : list) {
            items.push_back({{"user_id", x.user_id}, {"name", x.name},
                             {"district_id", x.district_id ? nlohmann::json(*x.district_id) : nlohmann::json(nullptr)}});
          }
          return Response::json(200, {{"items", items}});
        });

  r.add(Method::kPost, base + "/calls/{id}/reviewers", kCity.on("programmes.call"),
        Doc{"Assign a reviewer (their own district, if any, is never theirs to score)", "programmes",
            {{"type", "object"}, {"required", {"user_id"}}, {"properties", {{"user_id", kInt}, {"district_id", kInt}}}}}.returns(object({{"call_id", kInt}, {"user_id", kInt}})),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(int64_t id, ctx.id_param("id"));
          DONGNE_ASSIGN_OR_RETURN(auto body, ctx.json_body());
          DONGNE_TRY(svc.call(id));
          http::Fields f(body);
          int64_t user = f.i64("user_id", 1, INT64_MAX);
          auto district = f.opt_i64("district_id", 1, INT64_MAX);
          DONGNE_TRY(f.finish());
          DONGNE_TRY(svc.assign_reviewer(ctx.me(), id, user, district));
          return Response::json(200, {{"call_id", id}, {"user_id", user}});
        });

  r.add(Method::kPost, base + "/proposals/{id}/conflicts", kProgrammeStaff.on("programmes.proposal"),
        Doc{"Declare a conflict of interest: the reviewer is excluded from this proposal", "programmes",
            {{"type", "object"}, {"required", {"reason"}}, {"properties", {{"reason", kStr}}}}}.returns(object({{"proposal_id", kInt}, {"conflict", kBool}})),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(int64_t id, ctx.id_param("id"));
          DONGNE_ASSIGN_OR_RETURN(auto body, ctx.json_body());
          http::Fields f(body);
          std::string reason = f.str("reason", http::StrRule{1, 1000, true});
          DONGNE_TRY(f.finish());
          DONGNE_TRY(svc.declare_conflict(ctx.me(), id, reason));
          return Response::json(200, {{"proposal_id", id}, {"conflict", true}});
        });

  r.add(Method::kPut, base + "/proposals/{id}/scores", kProgrammeStaff.on("programmes.proposal"),
        Doc{"Score each criterion (0 to its maximum) as an assigned reviewer", "programmes",
            {{"type", "object"}, {"required", {"scores"}},
             {"properties", {{"scores", {{"type", "object"}, {"additionalProperties", kInt}}}}}}}.returns(object({{"proposal_id", kInt}, {"scores", map_of(kInt)}})),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(int64_t id, ctx.id_param("id"));
          DONGNE_ASSIGN_OR_RETURN(auto body, ctx.json_body());
          std::map<std::string, int> scores;
          std::vector<FieldError> errs;
          if (!body.contains("scores") || !body["scores"].is_object()) {
            errs.push_back({"scores", "required", "기준별 점수를 보내 주세요", "send a score per criterion"});
          } else {
            for (const auto& [k, v] : body["scores"].items()) {
              if (!v.is_number_integer() || v.get<int64_t>() < -1000 || v.get<int64_t>() > 1000) {
                errs.push_back({"scores." + k, "type", "정수여야 합니다", "must be an integer"});
              } else {
                scores[k] = static_cast<int>(v.get<int64_t>());
              }
            }
          }
          if (!errs.empty()) return Error::invalid("점수를 확인해 주세요", "check the scores", std::move(errs));
          DONGNE_TRY(svc.score(ctx.me(), id, scores));
          return Response::json(200, {{"proposal_id", id}, {"scores", scores}});
        });

  r.add(Method::kGet, base + "/proposals/{id}/reviews", kProgrammeStaff.on("programmes.proposal"),
        Doc{"Scores and conflicts of a proposal (the city sees all; a reviewer their own)", "programmes"}.returns(list_of(object({{"reviewer_id", kInt}, {"reviewer_name", kStr}, {"scores", map_of(kInt)}, {"conflict", nullable(kStr)}}))),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(int64_t id, ctx.id_param("id"));
          DONGNE_ASSIGN_OR_RETURN(auto list, svc.reviews(ctx.me(), id));
          nlohmann::json items = nlohmann::json::array();
          for (const auto& x : list) {
            items.push_back({{"reviewer_id", x.reviewer_id}, {"reviewer_name", x.reviewer_name}, {"scores", x.scores},
                             {"conflict", x.conflict ? nlohmann::json(*x.conflict) : nlohmann::json(nullptr)}});
          }
          return Response::json(200, {{"items", items}});
        });

  r.add(Method::kGet, base + "/calls/{id}/selection", kCity.on("programmes.call"),
        Doc{"The selection as it would be published now (or as published): ranking, rule, reasons, optimal set", "programmes"}.returns(schemas::selection()),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(int64_t id, ctx.id_param("id"));
          DONGNE_ASSIGN_OR_RETURN(auto j, svc.selection(ctx.me(), id));
          return Response::json(200, j);
        });

  r.add(Method::kPost, base + "/calls/{id}/publish", kCity.on("programmes.call"),
        Doc{"Publish the results after the deadline: selected proposals become projects, every other one gets its reason",
            "programmes"}.returns(schemas::selection()),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(int64_t id, ctx.id_param("id"));
          DONGNE_ASSIGN_OR_RETURN(auto j, svc.publish(ctx.me(), id));
          return Response::json(200, j);
        });

  add_project_routes(r, svc);
}

}  // namespace dongne::programmes
