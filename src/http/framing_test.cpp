// The framing rules on heads as the parser hands them over (version, method, target, fields as received).
#include "http/framing.h"

#include <gtest/gtest.h>

#include "http/problem.h"

namespace dongne::http {
namespace {

int status_of(const RequestHead& h) {
  auto e = check_head(h);
  return e ? status_for(*e) : 0;
}

RequestHead head(std::vector<std::pair<std::string_view, std::string_view>> fields, unsigned version = 11,
                 std::string_view target = "/api/v1/me", std::string_view method = "POST") {
  RequestHead h;
  h.version = version;
  h.method = method;
  h.target = target;
  h.fields = std::move(fields);
  return h;
}

TEST(Framing, TransferEncodingMustBeASingleFinalChunked) {
  EXPECT_EQ(status_of(head({{"Host", "x"}, {"Transfer-Encoding", "chunked"}})), 0);
  EXPECT_EQ(status_of(head({{"Host", "x"}, {"transfer-encoding", " Chunked "}})), 0);
  for (std::string_view te : {"chunked, gzip", "gzip", "identity", "xchunked", "", "chunked, chunked"}) {
    EXPECT_EQ(status_of(head({{"Host", "x"}, {"Transfer-Encoding", te}})), 400) << te;
  }
  EXPECT_EQ(status_of(head({{"Host", "x"}, {"Transfer-Encoding", "chunked"}, {"Transfer-Encoding", "chunked"}})), 400);
  EXPECT_EQ(status_of(head({{"Host", "x"}, {"Transfer-Encoding", "gzip, chunked"}})), 501);
  EXPECT_EQ(status_of(head({{"Host", "x"}, {"Transfer-Encoding", "chunked"}, {"Content-Length", "3"}})), 400);
  EXPECT_EQ(status_of(head({{"Host", "x"}, {"Transfer-Encoding", "chunked"}}, 10)), 400) << "not on HTTP/1.0";
}

TEST(Framing, OneContentLengthAndOneHost) {
  EXPECT_EQ(status_of(head({{"Host", "x"}, {"Content-Length", "3"}, {"Content-Length", "4"}})), 400);
  EXPECT_EQ(status_of(head({{"Host", "x"}, {"Content-Length", "3"}, {"content-length", "3"}})), 400);
  EXPECT_EQ(status_of(head({})), 400) << "HTTP/1.1 without Host";
  EXPECT_EQ(status_of(head({{"Host", "x"}, {"HOST", "y"}})), 400);
  EXPECT_EQ(status_of(head({}, 10)), 0) << "HTTP/1.0 may omit Host";
  EXPECT_EQ(status_of(head({{"Host", "x"}, {"Host", "x"}}, 10)), 400);
}

TEST(Framing, VersionsAndTargets) {
  EXPECT_EQ(status_of(head({{"Host", "x"}}, 20)), 505);
  EXPECT_EQ(status_of(head({{"Host", "x"}}, 9)), 505);
  EXPECT_EQ(status_of(head({{"Host", "x"}}, 12)), 0) << "a later 1.x is served as 1.1";
  EXPECT_EQ(status_of(head({{"Host", "x"}}, 11, "http://127.0.0.1:8080/api/v1/me")), 0);
  EXPECT_EQ(status_of(head({{"Host", "x"}}, 11, "HTTPS://example.kr")), 0);
  EXPECT_EQ(status_of(head({{"Host", "x"}}, 11, "api/v1/me")), 400);
  EXPECT_EQ(status_of(head({{"Host", "x"}}, 11, "*", "OPTIONS")), 0);
  EXPECT_EQ(status_of(head({{"Host", "x"}}, 11, "*", "GET")), 400);
  std::string long_target = "/" + std::string(kMaxTargetBytes, 'a');
  EXPECT_EQ(status_of(head({{"Host", "x"}}, 11, long_target)), 414);
}

TEST(Framing, AbsoluteFormBecomesOriginForm) {
  std::string authority;
  EXPECT_EQ(origin_form("http://127.0.0.1:8080/api/v1/me?x=1", &authority), "/api/v1/me?x=1");
  EXPECT_EQ(authority, "127.0.0.1:8080");
  EXPECT_EQ(origin_form("http://example.kr"), "/");
  EXPECT_EQ(origin_form("https://example.kr?q=1"), "/?q=1");
  EXPECT_EQ(origin_form("/plain"), "/plain");
}

TEST(Framing, TooLargeHeadsAreTooLongUrisOrTooLargeFields) {
  EXPECT_EQ(status_for(too_large_head(false)), 414);
  EXPECT_EQ(status_for(too_large_head(true)), 431);
  EXPECT_EQ(status_for(too_large_body(10)), 413);
  EXPECT_EQ(status_for(bad_version("GET / HTTP/2.0\r\nHost: x\r\n")), 505);
  EXPECT_EQ(status_for(bad_version("GET / HTTP/0.9\r\n")), 505);
  EXPECT_EQ(status_for(bad_version("GET / HTTP/1.x\r\n")), 400);
  EXPECT_EQ(status_for(bad_version("GET / HTTP/22.0\r\n")), 400);
}

TEST(Framing, MediaTypesPerRfc9110) {
  for (std::string_view ok : {"application/json", "Application/JSON", "application/json ; charset=utf-8",
                              "application/json;charset=\"UTF-8\"", " application/json "}) {
    EXPECT_TRUE(is_json_media_type(ok)) << ok;
  }
  for (std::string_view bad : {"", "text/plain", "application/jsonx", "application/json; charset=latin1",
                               "application/json; garbage", "multipart/form-data"}) {
    EXPECT_FALSE(is_json_media_type(bad)) << bad;
  }
}

}  // namespace
}  // namespace dongne::http
