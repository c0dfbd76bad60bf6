// A centre's own competency words (terms.h): the list, adding a synonym or a term of the centre's own, removing one.
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

nlohmann::json term_json(const CentreTerm& t, const Reference& ref) {
  nlohmann::json j = {{"id", t.id},     {"centre_id", t.centre_id}, {"alias", t.alias}, {"key", t.key},
                      {"kind", t.own ? "term" : "synonym"}, {"ncs_domain", t.ncs_domain}};
  if (auto id = ref.competencies.by_key(t.key)) {
    j["name_ko"] = ref.competencies.entry(*id).name_ko;
    j["name_en"] = ref.competencies.entry(*id).name_en;
  } else {
    j["name_ko"] = t.alias;
    j["name_en"] = t.name_en;
  }
  return j;
}

}  // namespace

void add_term_routes(http::Router& r, JobsService& svc) {
  const std::string base = "/api/v1/jobs";
  using http::schema::kStr;

  r.add(Method::kGet, base + "/centres/{id}/terms", Access::anyone(),
        Doc{"A Saeil centre's own competency words: synonyms of vocabulary items and terms of its own", "jobs"}.returns(list_of(schemas::term())),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(int64_t id, ctx.id_param("id"));
          DONGNE_ASSIGN_OR_RETURN(auto list, svc.terms(id));
          const auto ref = svc.reference();
          nlohmann::json items = nlohmann::json::array();
          for (const auto& t : list) items.push_back(term_json(t, *ref));
          return Response::json(200, {{"items", items}});
        });

  r.add(Method::kPost, base + "/centres/{id}/terms", kCounsellor.on("jobs.centre"),
        Doc{"Add a word: with means, a synonym of that vocabulary item for this centre's counsellors (\"전화응대\" "
            "means customer-service); without, a competency of the centre's own (known city-wide), named alias in "
            "Korean and name_en in English. 409 alias_taken when the word already means something.",
            "jobs",
            {{"type", "object"},
             {"required", {"alias"}},
             {"properties", {{"alias", kStr}, {"means", kStr}, {"name_en", kStr}, {"ncs_domain", kStr}}}},
            {}, 201}.returns(schemas::term()),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(int64_t id, ctx.id_param("id"));
          DONGNE_ASSIGN_OR_RETURN(auto body, ctx.json_body());
          http::Fields f(body);
          const std::string alias = f.str("alias", http::StrRule{1, 160});
          const auto means = f.opt_str("means", http::StrRule{1, 200});
          const std::string name_en = f.opt_str("name_en", http::StrRule{1, 160}).value_or("");
          const std::string domain = f.opt_str("ncs_domain", http::StrRule{1, 8}).value_or("");
          DONGNE_TRY(f.finish());
          DONGNE_ASSIGN_OR_RETURN(CentreTerm t, svc.add_term(ctx.me(), id, alias, means, name_en, domain));
          const auto ref = svc.reference();
          return Response::json(201, term_json(t, *ref));
        });

  r.add(Method::kDelete, base + "/terms/{id}", kCounsellor.on("jobs.term"),
        Doc{"Remove a centre's word (a term of its own only when no profile or vacancy names it: 409 in_use)", "jobs",
            nullptr, {}, 204},
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(int64_t id, ctx.id_param("id"));
          DONGNE_TRY(svc.remove_term(ctx.me(), id));
          return Response::no_content();
        });
}

}  // namespace dongne::jobs::io
