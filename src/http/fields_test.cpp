#include "http/fields.h"

#include <gtest/gtest.h>

#include "http/problem.h"

namespace dongne::http {
namespace {

TEST(Fields, CollectsEveryProblemAtOnce) {
  auto body = nlohmann::json::parse(R"({"name": 3, "email": "nope", "age": 300, "kind": "x", "flag": "yes"})");
  Fields f(body);
  f.str("name");
  f.opt_email("email");
  f.i64("age", 0, 150);
  f.one_of("kind", {"a", "b"});
  f.boolean("flag", false);
  f.str("missing");
  auto st = f.finish();
  ASSERT_FALSE(st.ok());
  std::vector<std::string> fields;
  for (const auto& e : st.error().fields) {
    fields.push_back(e.field);
    EXPECT_FALSE(e.message_ko.empty());
    EXPECT_FALSE(e.message_en.empty());
  }
  EXPECT_EQ(fields, (std::vector<std::string>{"name", "email", "age", "kind", "flag", "missing"}));
}

TEST(Fields, StringsAreCheckedForEncodingControlCharactersAndLength) {
  auto body = nlohmann::json::object();
  body["ok"] = "동네 사람들";
  body["ctl"] = std::string("a\x01b");
  body["long"] = std::string(300, 'x');
  body["empty"] = "";
  body["multi"] = "line1\nline2";
  Fields f(body);
  EXPECT_EQ(f.str("ok", StrRule{1, 6}), "동네 사람들") << "length counts code points, not bytes";
  EXPECT_FALSE(f.opt_str("ctl"));
  EXPECT_FALSE(f.opt_str("long"));
  EXPECT_FALSE(f.opt_str("empty"));
  EXPECT_FALSE(f.opt_str("multi"));
  EXPECT_TRUE(f.opt_str("multi", StrRule{1, 100, true}));
  EXPECT_EQ(f.finish().error().fields.size(), 4u);
  EXPECT_FALSE(utf8_length(std::string("\xff\xfe")));
  EXPECT_EQ(utf8_length("한글").value(), 2u);
}

TEST(Fields, NormalisesPhonesAndEmails) {
  auto body = nlohmann::json::parse(R"({"p": "010-1234-5678", "q": "12", "e": "Kim@Example.KR", "d": "2026-02-30x"})");
  Fields f(body);
  EXPECT_EQ(f.opt_phone("p").value(), "01012345678");
  EXPECT_FALSE(f.opt_phone("q"));
  EXPECT_EQ(f.opt_email("e").value(), "kim@example.kr");
  EXPECT_FALSE(f.opt_date("d"));
}

TEST(Problem, MapsCodesToStatusesInOnePlace) {
  EXPECT_EQ(status_for(Error::invalid("", "")), 422);
  EXPECT_EQ(status_for(Error::unauthenticated()), 401);
  EXPECT_EQ(status_for(Error::forbidden()), 403);
  EXPECT_EQ(status_for(Error::not_found()), 404);
  EXPECT_EQ(status_for(Error::conflict("", "")), 409);
  EXPECT_EQ(status_for(Error::too_many("", "")), 429);
  EXPECT_EQ(status_for(Error::unavailable("", "")), 503);
  EXPECT_EQ(status_for(Error::internal("")), 500);
  Error big = Error::invalid("", "");
  big.reason = "payload_too_large";
  EXPECT_EQ(status_for(big), 413);
}

TEST(Problem, BodyIsProblemJsonWithFieldErrors) {
  Error e = Error::field("email", "email", "이메일 형식이 아닙니다", "not an email address");
  Response r = problem_response(e, "/api/v1/x", "rid-1");
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(r.content_type, "application/problem+json");
  auto j = nlohmann::json::parse(r.body);
  EXPECT_EQ(j["status"], 422);
  EXPECT_EQ(j["instance"], "/api/v1/x");
  EXPECT_EQ(j["request_id"], "rid-1");
  EXPECT_EQ(j["errors"][0]["field"], "email");
  EXPECT_EQ(j["errors"][0]["message_ko"], "이메일 형식이 아닙니다");
}

}  // namespace
}  // namespace dongne::http

namespace dongne::http {
namespace {

TEST(Fields, FindsResidentNumbersInEveryStringOfABodyAndItsQuery) {
  auto body = nlohmann::json::parse(R"({"name":"김지은","notes":[{"text":"850315-2000005"}],
    "address":{"line":"８５０３１５－２０００００２"},"password":"850315-2000005","phone":"010-1234-5678"})");
  auto found = resident_number_fields(&body, {{"q", "850315 2000005"}, {"limit", "10"}});
  std::vector<std::string> paths;
  for (const auto& f : found) paths.push_back(f.field);
  EXPECT_EQ(paths, (std::vector<std::string>{"query.q", "address.line", "notes[0].text"}));
  Error e = resident_number_error(found);
  for (const auto& f : e.fields) {
    EXPECT_EQ(f.code, "resident_number");
    EXPECT_EQ(f.message_en.find("850315"), std::string::npos) << "never echoes the number";
    EXPECT_FALSE(f.message_ko.empty());
  }
  EXPECT_TRUE(resident_number_fields(nullptr, {{"q", "010-1234-5678"}}).empty());
}

}  // namespace
}  // namespace dongne::http

namespace dongne::http {
namespace {

TEST(Fields, NamesMembersTheSchemaDoesNotKnow) {
  auto schema = nlohmann::json::parse(R"({"type":"object","properties":{"name":{"type":"string"},
    "address":{"type":"object","properties":{"line":{"type":"string"}}},
    "items":{"type":"array","items":{"type":"object","properties":{"id":{"type":"integer"}}}},
    "extra":{"type":"object","additionalProperties":true,"properties":{}}}})");
  auto body = nlohmann::json::parse(R"({"display_name":"x","name":"y","address":{"line":"a","zip":"1"},
    "items":[{"id":1},{"id":2,"qty":3}],"extra":{"anything":1}})");
  std::vector<std::string> paths;
  for (const auto& f : unknown_fields(body, schema)) paths.push_back(f.field);
  EXPECT_EQ(paths, (std::vector<std::string>{"address.zip", "display_name", "items[1].qty"}));
  EXPECT_TRUE(unknown_fields(nlohmann::json::parse(R"({"name":"y"})"), schema).empty());
  EXPECT_EQ(status_for(unknown_fields_error({})), 422);
}

}  // namespace
}  // namespace dongne::http
