#include "http/problem.h"
#include "http/router.h"

#include <gtest/gtest.h>

#include "http/openapi.h"
#include "http/schema.h"

namespace dongne::http {
namespace {

Handler ok_handler(std::string tag) {
  return [tag](Context& ctx) -> Result<Response> {
    return Response::json(200, {{"tag", tag}, {"id", ctx.param("id")}});
  };
}

Router sample() {
  Router r;
  r.add(Method::kGet, "/api/v1/users", Access::roles({Role::kAdmin}), Doc{"list", "t"}, ok_handler("list"));
  r.add(Method::kGet, "/api/v1/users/{id}", Access::signed_in(), Doc{"one", "t"}, ok_handler("one"));
  r.add(Method::kGet, "/api/v1/users/me", Access::signed_in(), Doc{"me", "t"}, ok_handler("me"));
  r.add(Method::kPost, "/api/v1/users/{id}/roles", Access::roles({Role::kAdmin}), Doc{"grant", "t"}, ok_handler("grant"));
  r.add(Method::kGet, "/healthz", Access::anyone(), Doc{"health", "t"}, ok_handler("health"));
  return r;
}

TEST(Router, MatchesLiteralsBeforeParameters) {
  Router r = sample();
  auto m = r.match(Method::kGet, "/api/v1/users/me");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.route->doc.summary, "me");
  auto p = r.match(Method::kGet, "/api/v1/users/42");
  ASSERT_NE(p.route, nullptr);
  EXPECT_EQ(p.route->doc.summary, "one");
  EXPECT_EQ(p.params.at("id"), "42");
}

TEST(Router, DistinguishesNotFoundFromMethodNotAllowed) {
  Router r = sample();
  EXPECT_EQ(r.match(Method::kGet, "/api/v1/nothing").route, nullptr);
  EXPECT_FALSE(r.match(Method::kGet, "/api/v1/nothing").method_mismatch);
  auto m = r.match(Method::kDelete, "/api/v1/users");
  EXPECT_EQ(m.route, nullptr);
  EXPECT_TRUE(m.method_mismatch);
  ASSERT_EQ(m.allowed.size(), 1u);
  EXPECT_EQ(m.allowed[0], Method::kGet);
  EXPECT_NE(r.match(Method::kHead, "/healthz").route, nullptr) << "HEAD is served by GET routes";
}

TEST(Router, TrailingAndDoubleSlashesAreOneSegmentBoundary) {
  Router r = sample();
  EXPECT_NE(r.match(Method::kGet, "/api/v1/users/").route, nullptr);
  EXPECT_NE(r.match(Method::kGet, "//api//v1/users").route, nullptr);
}

TEST(Access, AdmitsByRole) {
  Principal resident{1, "r", "ko", {Grant{Role::kResident, "", 0, ""}}};
  Principal admin{2, "a", "ko", {Grant{Role::kAdmin, "", 0, ""}}};
  EXPECT_TRUE(Access::anyone().allows(nullptr));
  EXPECT_FALSE(Access::signed_in().allows(nullptr));
  EXPECT_TRUE(Access::signed_in().allows(&resident));
  EXPECT_FALSE(Access::roles({Role::kAdmin}).allows(&resident));
  EXPECT_TRUE(Access::roles({Role::kAdmin}).allows(&admin));
  EXPECT_EQ(Access::roles({Role::kAdmin, Role::kCityOfficer}).describe(),
            (std::vector<std::string>{"admin", "city_officer"}));
}

TEST(Principal, ScopesNarrowRoles) {
  Principal fm{3, "f", "ko", {Grant{Role::kFacilityManager, "facility", 7, "신안동"}}};
  EXPECT_TRUE(fm.covers(Role::kFacilityManager, 7));
  EXPECT_FALSE(fm.covers(Role::kFacilityManager, 8));
  EXPECT_FALSE(fm.covers(Role::kCounsellor, 7)) << "a scope is held per role";
  Principal city{4, "c", "ko", {Grant{Role::kCityOfficer, "city", 1, "", 0, {5, 6, 40}}}};
  EXPECT_TRUE(city.covers(Role::kCityOfficer, 1));
  EXPECT_TRUE(city.covers(Role::kCityOfficer, 5)) << "a district of the city";
  EXPECT_TRUE(city.covers(Role::kCityOfficer, 40)) << "a centre under one of its districts";
  EXPECT_FALSE(city.covers(Role::kCityOfficer, 2)) << "another city";
  EXPECT_FALSE(city.covers(Role::kCityOfficer, 7)) << "a district of another city";
  Principal unscoped{5, "u", "ko", {Grant{Role::kCityOfficer, "", 0, ""}}};
  EXPECT_FALSE(unscoped.covers(Role::kCityOfficer, 5)) << "an unscoped staff grant covers nothing";
  Principal admin{6, "a", "ko", {Grant{Role::kAdmin, "", 0, ""}}};
  EXPECT_TRUE(admin.covers(Role::kCityOfficer, 5));
}

TEST(Principal, ActsOnARecordThroughItsOwnerOrAsTheListedPerson) {
  const Owner referral{{40, 90}, {}};  // a centre and an employer
  const Owner ride{{12}, {{77, Role::kResident}}};
  Principal counsellor{1, "c", "ko", {Grant{Role::kCounsellor, "centre", 40, ""}}};
  Principal other_centre{2, "o", "ko", {Grant{Role::kCounsellor, "centre", 41, ""}}};
  Principal employer{3, "e", "ko", {Grant{Role::kEmployer, "employer", 90, ""}}};
  EXPECT_TRUE(counsellor.acts_on({Role::kCounsellor, Role::kEmployer}, referral));
  EXPECT_TRUE(employer.acts_on({Role::kCounsellor, Role::kEmployer}, referral));
  EXPECT_FALSE(employer.acts_on({Role::kCounsellor}, referral)) << "only in a role the route admits";
  EXPECT_FALSE(other_centre.acts_on({Role::kCounsellor, Role::kEmployer}, referral));
  Principal rider{77, "r", "ko", {Grant{Role::kResident, "", 0, ""}}};
  EXPECT_TRUE(rider.acts_on({Role::kResident, Role::kOperator}, ride));
  EXPECT_FALSE(rider.acts_on({Role::kOperator}, ride)) << "the rider acts as a resident, not on a staff route";
  Principal manager_who_rides{77, "m", "ko", {Grant{Role::kFacilityManager, "facility", 5, ""}}};
  EXPECT_FALSE(manager_who_rides.acts_on({Role::kResident, Role::kOperator}, ride)) << "the listed role must be held";
  Principal admin{9, "a", "ko", {Grant{Role::kAdmin, "", 0, ""}}};
  EXPECT_TRUE(admin.acts_on({Role::kOperator}, Owner{}));
  EXPECT_FALSE(counsellor.acts_on({Role::kCounsellor}, Owner{})) << "a record nobody owns is the admin's alone";
}

TEST(Principal, OrgsCoveredAreEachScopeAndEverythingUnderIt) {
  Principal p{1, "p", "ko", {Grant{Role::kCityOfficer, "city", 1, "", 0, {5, 6}}, Grant{Role::kCounsellor, "centre", 40, ""},
                            Grant{Role::kCityOfficer, "city", 2, "", 0, {6, 8}}}};
  EXPECT_EQ(p.orgs_covered(Role::kCityOfficer), (std::vector<int64_t>{1, 2, 5, 6, 8}));
  EXPECT_EQ(p.orgs_covered(Role::kCounsellor), (std::vector<int64_t>{40}));
  EXPECT_TRUE(p.orgs_covered(Role::kOperator).empty());
}

TEST(Access, ScopeIsDeclaredAndDescribed) {
  const Access staff = Access::roles({Role::kCounsellor, Role::kAdmin});
  EXPECT_TRUE(staff.admits_scoped_role());
  EXPECT_FALSE(Access::roles({Role::kAdmin, Role::kResident}).admits_scoped_role());
  EXPECT_EQ(staff.scope().kind, Scope::Kind::kUndeclared);
  EXPECT_EQ(staff.on("jobs.case").scope().record, "jobs.case");
  EXPECT_EQ(staff.on("jobs.case").scope().param, "id");
  EXPECT_EQ(staff.in_own_scope().scope().kind, Scope::Kind::kCaller);
  Router r;
  r.add(Method::kGet, "/api/v1/cases/{id}", staff.on("jobs.case"), Doc{"one", "t"}, ok_handler("one"));
  r.add(Method::kGet, "/api/v1/cases", staff.in_own_scope(), Doc{"list", "t"}, ok_handler("list"));
  auto doc = openapi_document(r, "1");
  EXPECT_EQ(doc["paths"]["/api/v1/cases/{id}"]["get"]["x-scope"], (nlohmann::json{{"record", "jobs.case"}, {"param", "id"}}));
  EXPECT_EQ(doc["paths"]["/api/v1/cases"]["get"]["x-scope"], (nlohmann::json{{"caller", true}}));
}

TEST(OpenApi, DocumentsTheSuccessBodyClosedWithItsRequiredKeys) {
  Router r;
  r.add(Method::kGet, "/api/v1/things/{id}", Access::anyone(),
        Doc{"one thing", "t"}.returns(schema::object(
            {{"id", schema::kInt}, {"note", schema::nullable(schema::kStr)}, {"tags", schema::map_of(schema::object({{"n", schema::kInt}}))}},
            {"note"})),
        ok_handler("one"));
  r.add(Method::kPost, "/api/v1/things", Access::anyone(), Doc{"make", "t", nullptr, {}, 204}, ok_handler("make"));
  auto doc = openapi_document(r, "1");
  const auto& body = doc["paths"]["/api/v1/things/{id}"]["get"]["responses"]["200"]["content"]["application/json"]["schema"];
  EXPECT_EQ(body["required"], (nlohmann::json{"id", "tags"}));
  EXPECT_EQ(body["additionalProperties"], false);
  EXPECT_EQ(body["properties"]["note"]["type"], (nlohmann::json{"string", "null"}));
  // Maps are closed too, down to their values' objects.
  EXPECT_EQ(body["properties"]["tags"]["additionalProperties"]["additionalProperties"], false);
  // An answer with no body documents none.
  EXPECT_FALSE(doc["paths"]["/api/v1/things"]["post"]["responses"]["204"].contains("content"));
}

TEST(Context, IdParamsMustBePositiveIntegers) {
  Request req;
  for (const char* bad : {"abc", "-1", "0", "12x", "", "99999999999999999999"}) {
    Context ctx(req, nullptr, {{"id", bad}});
    auto r = ctx.id_param("id");
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().fields.at(0).field, "path.id");
  }
  Context ok(req, nullptr, {{"id", "17"}});
  EXPECT_EQ(ok.id_param("id").value(), 17);
}

TEST(Context, JsonBodyMustBeAnObject) {
  for (const char* bad : {"", "{", "[1]", "null", "3"}) {
    Request req;
    req.body = bad;
    Context ctx(req, nullptr, {});
    EXPECT_FALSE(ctx.json_body().ok()) << bad;
  }
  Request req;
  req.body = R"({"a":1})";
  EXPECT_EQ(Context(req, nullptr, {}).json_body().value()["a"], 1);
}

TEST(OpenApi, DescribesEveryRouteWithItsRoles) {
  Router r = sample();
  auto doc = openapi_document(r, "test");
  EXPECT_EQ(doc["openapi"], "3.1.0");
  size_t ops = 0;
  for (auto& [path, item] : doc["paths"].items()) ops += item.size();
  EXPECT_EQ(ops, r.routes().size());
  EXPECT_EQ(doc["paths"]["/api/v1/users"]["get"]["x-roles"], nlohmann::json({"admin"}));
  EXPECT_EQ(doc["paths"]["/api/v1/users/{id}"]["get"]["parameters"][0]["name"], "id");
  EXPECT_TRUE(doc["paths"]["/healthz"]["get"]["security"].empty());
  EXPECT_EQ(doc["paths"]["/api/v1/users/{id}"]["get"]["parameters"][0]["schema"]["type"], "integer");
  EXPECT_EQ(doc["servers"][0]["url"], "/");
  EXPECT_TRUE(doc["paths"]["/api/v1/users/{id}"]["get"]["responses"].contains("4XX"));
}

TEST(OpenApi, OperationIdsAreUrlSafeAndStable) {
  EXPECT_EQ(operation_id(Method::kGet, "/api/v1/booking/resources/{id}"), "getBookingResourcesById");
  EXPECT_EQ(operation_id(Method::kPost, "/api/v1/booking/bookings/{id}/check-in"), "postBookingBookingsByIdCheckIn");
  EXPECT_EQ(operation_id(Method::kDelete, "/api/v1/admin/users/{id}/roles/{grant_id}"), "deleteAdminUsersByIdRolesByGrantId");
  EXPECT_EQ(operation_id(Method::kGet, "/api/openapi.json"), "getOpenapiJson");
}

TEST(UrlDecoding, RejectsMalformedEscapes) {
  EXPECT_EQ(url_decode("a%20b", false).value(), "a b");
  EXPECT_EQ(url_decode("a+b", true).value(), "a b");
  EXPECT_EQ(url_decode("%ED%95%9C", false).value(), "한");
  EXPECT_FALSE(url_decode("%zz", false));
  EXPECT_FALSE(url_decode("%2", false));
  EXPECT_FALSE(url_decode("abc%", false));
  auto q = parse_query("a=1&b=%EB%8F%99&c");
  ASSERT_TRUE(q);
  EXPECT_EQ(q->at("b"), "동");
  EXPECT_EQ(q->at("c"), "");
  EXPECT_FALSE(parse_query("a=%G1"));
}

TEST(Request, ReadsCookies) {
  Request req;
  req.headers["cookie"] = "a=1; dongne_session=tok; b=2";
  EXPECT_EQ(req.cookie("dongne_session").value(), "tok");
  EXPECT_FALSE(req.cookie("missing"));
}

TEST(Router, MayWriteCoversWritesAndPersonalDataReads) {
  Router r;
  auto h = [](Context&) -> Result<Response> { return Response::no_content(); };
  r.add(Method::kGet, "/api/v1/users/{id}", Access::anyone(), Doc{"read", "t", nullptr, {}, 200, "account"}, h);
  r.add(Method::kGet, "/api/v1/users/me", Access::anyone(), Doc{"me", "t"}, h);
  r.add(Method::kGet, "/api/v1/things/{id}", Access::anyone(), Doc{"thing", "t"}, h);
  r.add(Method::kPost, "/api/v1/things", Access::anyone(), Doc{"make", "t"}, h);
  EXPECT_TRUE(r.may_write(Method::kPost, "/api/v1/things"));
  EXPECT_TRUE(r.may_write(Method::kDelete, "/anything"));
  EXPECT_TRUE(r.may_write(Method::kGet, "/api/v1/users/7"));
  EXPECT_FALSE(r.may_write(Method::kGet, "/api/v1/things/7"));
  EXPECT_FALSE(r.may_write(Method::kGet, "/api/v1/users/7/extra"));
  EXPECT_FALSE(r.may_write(Method::kOptions, "/api/v1/things"));
}

TEST(Problem, StoreConstraintWordingStaysOnTheServer) {
  Error e = Error::conflict("이미 존재하는 항목입니다",
                            "already exists (step: UNIQUE constraint failed: booking_resources.code)",
                            "unique_violation");
  Response r = problem_response(e, "/x", "rid");
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(r.body.find("booking_resources"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("already exists"), std::string::npos);
  Error other = Error::conflict("가득 찼습니다", "full (10 of 10)", "capacity_full");
  EXPECT_NE(problem_response(other, "/x", "rid").body.find("(10 of 10)"), std::string::npos);
}

}  // namespace
}  // namespace dongne::http
