// The pipeline's one scope check (router.h Scope): a caller acting on a record is admitted or refused by the
// record's owner before the handler runs; the request-only guards (resident numbers, unknown fields) come first.
#include "http/pipeline.h"

#include <gtest/gtest.h>

#include <map>

namespace dongne::http {
namespace {

// "Bearer <name>" signs in one of a few principals.
class Principals : public Authenticator {
 public:
  Result<std::optional<Principal>> authenticate(const Request& req) override {
    auto h = std::string(req.header("authorization"));
    if (h.empty()) return std::optional<Principal>();
    auto it = people.find(h.substr(7));
    if (it == people.end()) return Error::unauthenticated();
    Principal p = it->second;
    p.via_bearer = true;
    return std::optional<Principal>(p);
  }
  std::map<std::string, Principal> people = {
      {"mine", Principal{1, "c", "ko", {Grant{Role::kCounsellor, "centre", 40, ""}}}},
      {"theirs", Principal{2, "o", "ko", {Grant{Role::kCounsellor, "centre", 41, ""}}}},
      {"seeker", Principal{3, "s", "ko", {Grant{Role::kResident, "", 0, ""}}}},
  };
};

class PipelineScope : public ::testing::Test {
 protected:
  void SetUp() override {
    const Access staff = Access::roles({Role::kCounsellor, Role::kResident, Role::kAdmin});
    router_.add(Method::kGet, "/api/v1/cases/{id}", staff.on("test.case"), Doc{"one", "t"}, [this](Context&) -> Result<Response> {
      ++handled_;
      return Response::json(200, {{"ok", true}});
    });
    router_.add(Method::kPost, "/api/v1/cases/{id}/notes", staff.on("test.case"),
                Doc{"note", "t", {{"type", "object"}, {"properties", {{"text", {{"type", "string"}}}}}}},
                [this](Context& ctx) -> Result<Response> {
                  ++handled_;
                  if (ctx.param("id") == "99") return Error::not_found("없음", "no such case");
                  return Response::json(201, {{"ok", true}});
                });
    PipelineOptions po;
    po.access_log = false;
    po.owner_of = [this](const std::string& kind, int64_t id) -> Result<std::optional<Owner>> {
      ++lookups_;
      if (kind != "test.case") return Error::internal("unknown kind");
      if (id == 7) return std::optional<Owner>(Owner{{40}, {{3, Role::kResident}}});
      return std::optional<Owner>();
    };
    pipeline_ = std::make_unique<Pipeline>(router_, auth_, po);
  }
  Response send(Method m, const std::string& path, const std::string& who, const std::string& body = "") {
    Request req;
    req.method = m;
    req.path = req.target = path;
    req.headers["authorization"] = "Bearer " + who;
    req.headers["host"] = "localhost";
    if (!body.empty()) {
      req.body = body;
      req.headers["content-type"] = "application/json";
    }
    return pipeline_->handle(req);
  }

  Router router_;
  Principals auth_;
  std::unique_ptr<Pipeline> pipeline_;
  int handled_ = 0;
  int lookups_ = 0;
};

TEST_F(PipelineScope, OwnScopeAndTheSubjectAreAdmittedAnotherScopeIsRefusedBeforeTheHandler) {
  EXPECT_EQ(send(Method::kGet, "/api/v1/cases/7", "mine").status, 200);
  EXPECT_EQ(send(Method::kGet, "/api/v1/cases/7", "seeker").status, 200);
  EXPECT_EQ(handled_, 2);
  Response r = send(Method::kPost, "/api/v1/cases/7/notes", "theirs", R"({"text":"hello"})");
  EXPECT_EQ(r.status, 403);
  EXPECT_NE(r.body.find("out_of_scope"), std::string::npos) << r.body;
  EXPECT_EQ(handled_, 2) << "the handler never ran";
}

TEST_F(PipelineScope, AMissingRecordIsTheHandlersToAnswer) {
  EXPECT_EQ(send(Method::kPost, "/api/v1/cases/99/notes", "theirs", R"({"text":"x"})").status, 404);
  EXPECT_EQ(handled_, 1);
}

TEST_F(PipelineScope, RequestOnlyGuardsComeFirstAndLookNoFurther) {
  EXPECT_EQ(send(Method::kPost, "/api/v1/cases/7/notes", "theirs", R"({"text":"850315-2000005"})").status, 422);
  EXPECT_EQ(send(Method::kPost, "/api/v1/cases/7/notes", "theirs", R"({"txt":"x"})").status, 422);
  EXPECT_EQ(lookups_, 0);
  EXPECT_EQ(handled_, 0);
}

}  // namespace
}  // namespace dongne::http
