// The real Beast server on a loopback port, driven by a plain socket client: routing through the pipeline,
// problem+json, body limits, keep-alive, static files with caching headers, metrics, and graceful stop.
#include "http/server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <thread>

#include <gtest/gtest.h>

#include "http/pipeline.h"

namespace dongne::http {
namespace {

// Admits "Bearer admin" as an admin; anything else given is refused; nothing given is anonymous.
class TableAuthenticator : public Authenticator {
 public:
  Result<std::optional<Principal>> authenticate(const Request& req) override {
    auto h = req.header("authorization");
    if (h.empty()) return std::optional<Principal>();
    if (h == "Bearer admin") return std::optional<Principal>(Principal{1, "admin", "ko", {Grant{Role::kAdmin, "", 0, ""}}, 1, true});
    return Error::unauthenticated();
  }
};

int connect_to(uint16_t port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return -1;
  }
  timeval tv{10, 0};  // a test that hangs fails instead
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  return fd;
}

std::string roundtrip(uint16_t port, const std::string& raw) {
  int fd = connect_to(port);
  if (fd < 0) return "connect failed";
  size_t sent = 0;
  while (sent < raw.size()) {
    ssize_t n = ::send(fd, raw.data() + sent, raw.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;
    sent += static_cast<size_t>(n);
  }
  ::shutdown(fd, SHUT_WR);
  std::string out;
  char buf[4096];
  ssize_t n;
  while ((n = ::recv(fd, buf, sizeof buf, 0)) > 0) out.append(buf, static_cast<size_t>(n));
  ::close(fd);
  return out;
}

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    web_ = std::filesystem::temp_directory_path() / ("dongne-web-" + std::to_string(::getpid()));
    std::filesystem::create_directories(web_ / "assets");
    std::ofstream(web_ / "index.html") << "<!doctype html><title>동네</title>";
    std::ofstream(web_ / "assets" / "app.0123abcd.js") << "console.log(1)";
    router_.add(Method::kGet, "/api/v1/ping", Access::anyone(), Doc{"ping", "t"},
                [](Context&) -> Result<Response> { return Response::json(200, {{"pong", true}}); });
    router_.add(Method::kPost, "/api/v1/echo", Access::roles({Role::kAdmin}), Doc{"echo", "t"},
                [](Context& ctx) -> Result<Response> {
                  DONGNE_ASSIGN_OR_RETURN(auto body, ctx.json_body());
                  return Response::json(200, body);
                });
    router_.add(Method::kPost, "/api/v1/slow", Access::anyone(), Doc{"a write that waits", "t"},
                [this](Context&) -> Result<Response> {
                  std::unique_lock lock(slow_mu_);
                  ++slow_waiting_;
                  slow_cv_.notify_all();
                  slow_cv_.wait(lock, [this] { return slow_release_; });
                  return Response::json(200, {{"done", true}});
                });
    router_.add(Method::kGet, "/api/v1/boom", Access::anyone(), Doc{"throws", "t"},
                [](Context&) -> Result<Response> { throw std::runtime_error("bug"); });
    PipelineOptions po;
    po.static_dir = web_.string();
    po.access_log = false;
    pipeline_ = std::make_unique<Pipeline>(router_, auth_, po);
    ServerOptions so;
    so.port = 0;
    so.threads = 2;
    so.workers = 4;
    so.max_body_bytes = 1024;
    so.handle_signals = false;
    so.refuse = [this](const Error& e, const std::string& target, const std::string& remote) {
      return pipeline_->refuse(e, target, remote);
    };
    configure(so);
    server_ = std::make_unique<Server>(so, [this](Request& r) { return pipeline_->handle(r); });
    ASSERT_TRUE(server_->listen().ok());
    port_ = server_->port();
    thread_ = std::thread([this] { server_->run(); });
  }
  virtual void configure(ServerOptions&) {}
  void TearDown() override {
    server_->stop();
    thread_.join();
    std::filesystem::remove_all(web_);
  }

  std::filesystem::path web_;
  Router router_;
  TableAuthenticator auth_;
  std::unique_ptr<Pipeline> pipeline_;
  std::unique_ptr<Server> server_;
  std::thread thread_;
  uint16_t port_ = 0;
  std::mutex slow_mu_;
  std::condition_variable slow_cv_;
  int slow_waiting_ = 0;
  bool slow_release_ = false;
};

// Writes that wait (for a group commit) run on the worker threads: with as many of them blocked as there are io
// threads, reads are still answered.
TEST_F(ServerTest, WaitingWritesDoNotHoldTheIoThreads) {
  std::vector<std::thread> writers;
  std::vector<std::string> answers(3);
  for (int i = 0; i < 3; ++i) {
    writers.emplace_back([this, i, &answers] {
      answers[i] = roundtrip(port_, "POST /api/v1/slow HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    });
  }
  {
    std::unique_lock lock(slow_mu_);
    slow_cv_.wait(lock, [this] { return slow_waiting_ == 3; });  // three writes blocked, two io threads
  }
  auto ok = roundtrip(port_, "GET /api/v1/ping HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_NE(ok.find("HTTP/1.1 200"), std::string::npos) << ok;
  {
    std::lock_guard lock(slow_mu_);
    slow_release_ = true;
  }
  slow_cv_.notify_all();
  for (auto& t : writers) t.join();
  for (const auto& a : answers) EXPECT_NE(a.find("\"done\":true"), std::string::npos) << a;
}

TEST_F(ServerTest, ServesRoutesAndProblems) {
  auto ok = roundtrip(port_, "GET /api/v1/ping HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_NE(ok.find("HTTP/1.1 200"), std::string::npos) << ok;
  EXPECT_NE(ok.find("\"pong\":true"), std::string::npos);
  EXPECT_NE(ok.find("X-Request-Id:"), std::string::npos);
  EXPECT_NE(ok.find("X-Content-Type-Options: nosniff"), std::string::npos);

  auto anon = roundtrip(port_, "POST /api/v1/echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}");
  EXPECT_NE(anon.find("HTTP/1.1 401"), std::string::npos) << anon;
  EXPECT_NE(anon.find("application/problem+json"), std::string::npos);

  auto bad = roundtrip(port_, "POST /api/v1/echo HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer admin\r\nContent-Type: application/json\r\nContent-Length: 1\r\nConnection: close\r\n\r\n{");
  EXPECT_NE(bad.find("HTTP/1.1 422"), std::string::npos) << bad;

  auto boom = roundtrip(port_, "GET /api/v1/boom HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_NE(boom.find("HTTP/1.1 500"), std::string::npos) << boom;
  EXPECT_EQ(boom.find("bug"), std::string::npos) << "no internals leak to the client";
}

TEST_F(ServerTest, RefusesOversizedBodiesAndGarbage) {
  std::string big(4096, 'x');
  auto r = roundtrip(port_, "POST /api/v1/echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 4096\r\n\r\n" + big);
  EXPECT_NE(r.find("HTTP/1.1 413"), std::string::npos) << r;
  auto g = roundtrip(port_, "\x01\x02garbage\r\n\r\n");
  EXPECT_NE(g.find("HTTP/1.1 4"), std::string::npos) << g;
  auto ok = roundtrip(port_, "GET /api/v1/ping HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_NE(ok.find("HTTP/1.1 200"), std::string::npos);
}

TEST_F(ServerTest, KeepsConnectionsAlive) {
  auto two = roundtrip(port_, "GET /api/v1/ping HTTP/1.1\r\nHost: x\r\n\r\nGET /api/v1/ping HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  size_t first = two.find("HTTP/1.1 200");
  ASSERT_NE(first, std::string::npos);
  EXPECT_NE(two.find("HTTP/1.1 200", first + 1), std::string::npos) << two;
}

TEST_F(ServerTest, ServesStaticFilesWithCachingHeaders) {
  auto idx = roundtrip(port_, "GET /some/front-end/route HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_NE(idx.find("HTTP/1.1 200"), std::string::npos) << idx;
  EXPECT_NE(idx.find("Cache-Control: no-cache"), std::string::npos);
  EXPECT_NE(idx.find("<title>동네</title>"), std::string::npos);
  auto js = roundtrip(port_, "GET /assets/app.0123abcd.js HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_NE(js.find("immutable"), std::string::npos) << js;
  EXPECT_NE(js.find("text/javascript"), std::string::npos);
  auto missing = roundtrip(port_, "GET /assets/none.js HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_NE(missing.find("HTTP/1.1 404"), std::string::npos);
  auto escape = roundtrip(port_, "GET /../../etc/passwd HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(escape.find("root:"), std::string::npos);
  auto api404 = roundtrip(port_, "GET /api/v1/unknown HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_NE(api404.find("HTTP/1.1 404"), std::string::npos);
  EXPECT_NE(api404.find("problem+json"), std::string::npos) << "unknown API paths never fall back to index.html";
}

TEST_F(ServerTest, CountsRequestsInMetrics) {
  roundtrip(port_, "GET /api/v1/ping HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  auto text = pipeline_->metrics().render();
  EXPECT_NE(text.find("dongne_http_requests_total{route=\"GET /api/v1/ping\",status=\"2xx\"} 1"), std::string::npos) << text;
  EXPECT_NE(text.find("dongne_http_request_duration_seconds_count{route=\"GET /api/v1/ping\"} 1"), std::string::npos);
}

}  // namespace
}  // namespace dongne::http

namespace dongne::http {
namespace {

// Answers on one connection (each has one Server header; a body may quote "HTTP/1.1").
size_t answers_in(const std::string& s) {
  size_t n = 0;
  for (size_t p = s.find("\r\nServer: dongne\r\n"); p != std::string::npos; p = s.find("\r\nServer: dongne\r\n", p + 1)) ++n;
  return n;
}

// RFC 9112 at the socket: raw bytes, as a smuggler or a broken client would send them.
TEST_F(ServerTest, RefusesTransferCodingsOtherThanAFinalChunkedWithoutRunningTheBody) {
  const std::string smuggled = "GET /api/v1/ping HTTP/1.1\r\nHost: x\r\n\r\n";
  for (std::string te : {"chunked, gzip", "gzip", "identity", "xchunked"}) {
    for (bool with_length : {false, true}) {
      std::string raw = "POST /api/v1/echo HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer admin\r\n"
                        "Content-Type: application/json\r\nTransfer-Encoding: " + te + "\r\n" +
                        (with_length ? "Content-Length: " + std::to_string(smuggled.size()) + "\r\n" : "") +
                        "\r\n" + smuggled;
      auto r = roundtrip(port_, raw);
      EXPECT_EQ(r.rfind("HTTP/1.1 400", 0), 0u) << te << "\n" << r;
      EXPECT_EQ(answers_in(r), 1u) << "the body is never run as a request: " << te << "\n" << r;
      EXPECT_NE(r.find("Connection: close"), std::string::npos) << r;
      EXPECT_NE(r.find("\"request_id\":\""), std::string::npos) << r;
      EXPECT_EQ(r.find("\"request_id\":\"\""), std::string::npos) << r;
    }
  }
  auto chunked = roundtrip(port_, "POST /api/v1/echo HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer admin\r\n"
                                  "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                                  "7\r\n{\"a\":1}\r\n0\r\n\r\n");
  EXPECT_EQ(chunked.rfind("HTTP/1.1 200", 0), 0u) << chunked;
  EXPECT_NE(chunked.find("{\"a\":1}"), std::string::npos);
}

TEST_F(ServerTest, RefusesMalformedHeadsWith400And505) {
  auto cases = {
      std::string("GET /api/v1/ping HTTP/1.1\r\nBad Name: x\r\nHost: x\r\n\r\n"),
      std::string("GET /api/v1/ping HTTP/1.x\r\nHost: x\r\n\r\n"),
      std::string("GET /api/v1/\0ping HTTP/1.1\r\nHost: x\r\n\r\n", 39),
      std::string("POST /api/v1/echo HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n{}"),
      std::string("POST /api/v1/echo HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}"),
      std::string("GET /api/v1/ping HTTP/1.1\r\n\r\n"),
      std::string("GET /api/v1/ping HTTP/1.1\r\nHost: x\r\nHost: y\r\n\r\n"),
  };
  for (const auto& raw : cases) {
    auto r = roundtrip(port_, raw + "GET /api/v1/ping HTTP/1.1\r\nHost: x\r\n\r\n");
    EXPECT_EQ(r.rfind("HTTP/1.1 400", 0), 0u) << raw << "\n" << r;
    EXPECT_EQ(answers_in(r), 1u) << r;
    EXPECT_NE(r.find("application/problem+json"), std::string::npos) << r;
  }
  auto v2 = roundtrip(port_, "GET /api/v1/ping HTTP/2.0\r\nHost: x\r\n\r\n");
  EXPECT_EQ(v2.rfind("HTTP/1.1 505", 0), 0u) << v2;
  auto v10 = roundtrip(port_, "GET /api/v1/ping HTTP/1.0\r\n\r\n");
  EXPECT_EQ(v10.rfind("HTTP/1.0 200", 0), 0u) << "HTTP/1.0 needs no Host\n" << v10;
}

TEST_F(ServerTest, ServesAbsoluteFormAsOriginForm) {
  auto r = roundtrip(port_, "GET http://127.0.0.1:" + std::to_string(port_) +
                                "/api/v1/ping HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(r.rfind("HTTP/1.1 200", 0), 0u) << r;
  EXPECT_NE(r.find("\"pong\":true"), std::string::npos) << r;
}

TEST_F(ServerTest, Refuses431And414And413BeforeTheBody) {
  auto fields = roundtrip(port_, "GET /api/v1/ping HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(1 << 20, 'a') + "\r\n\r\n");
  EXPECT_EQ(fields.rfind("HTTP/1.1 431", 0), 0u) << fields.substr(0, 300);
  auto url = roundtrip(port_, "GET /api/v1/ping?q=" + std::string(100 * 1024, 'a') + " HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(url.rfind("HTTP/1.1 414", 0), 0u) << url.substr(0, 300);
  auto url9k = roundtrip(port_, "GET /api/v1/ping?q=" + std::string(9 * 1024, 'a') + " HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(url9k.rfind("HTTP/1.1 414", 0), 0u) << url9k.substr(0, 300);
  // The body limit is decided on Content-Length: the 413 comes back while the client is still sending.
  int fd = connect_to(port_);
  ASSERT_GE(fd, 0);
  std::string head = "POST /api/v1/echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000000\r\n\r\n";
  ASSERT_EQ(::send(fd, head.data(), head.size(), MSG_NOSIGNAL), static_cast<ssize_t>(head.size()));
  char buf[2048];
  ssize_t n = ::recv(fd, buf, sizeof buf, 0);
  ASSERT_GT(n, 0);
  EXPECT_EQ(std::string(buf, static_cast<size_t>(n)).rfind("HTTP/1.1 413", 0), 0u);
  ::close(fd);
}

TEST_F(ServerTest, MatchesMediaTypesCaseInsensitively) {
  for (std::string ct : {"Application/JSON", "application/json ; charset=utf-8"}) {
    auto r = roundtrip(port_, "POST /api/v1/echo HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer admin\r\nContent-Type: " + ct +
                                  "\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}");
    EXPECT_EQ(r.rfind("HTTP/1.1 200", 0), 0u) << ct << "\n" << r;
  }
  auto text = roundtrip(port_, "POST /api/v1/echo HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer admin\r\nContent-Type: text/plain"
                               "\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}");
  EXPECT_EQ(text.rfind("HTTP/1.1 415", 0), 0u) << text;
}

TEST_F(ServerTest, CountsRefusalsAndStaticFilesUnderTheirOwnLabels) {
  roundtrip(port_, "GET /api/v1/ping HTTP/1.1\r\n\r\n");
  roundtrip(port_, "GET /assets/app.0123abcd.js HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  auto text = pipeline_->metrics().render();
  EXPECT_NE(text.find("dongne_http_refused_total{status=\"400\"} 1"), std::string::npos) << text;
  EXPECT_NE(text.find("dongne_http_requests_total{route=\"refused\",status=\"4xx\"} 1"), std::string::npos) << text;
  EXPECT_NE(text.find("dongne_http_requests_total{route=\"static\",status=\"2xx\"} 1"), std::string::npos) << text;
}

class LimitedServerTest : public ServerTest {
 protected:
  void configure(ServerOptions& so) override {
    so.max_connections = 4;
    so.max_connections_per_address = 0;
    so.header_timeout_seconds = 0.3;
  }
};

// Keep-alive connections waiting for their next request make room for a new one at the cap; a connection that
// sends nothing is closed after the header timeout.
TEST_F(LimitedServerTest, ClosesIdleConnectionsToServeNewOnes) {
  std::vector<int> kept;
  const std::string ping = "GET /api/v1/ping HTTP/1.1\r\nHost: x\r\n\r\n";
  for (int i = 0; i < 4; ++i) {
    int fd = connect_to(port_);
    ASSERT_EQ(::send(fd, ping.data(), ping.size(), MSG_NOSIGNAL), static_cast<ssize_t>(ping.size()));
    char buf[1024];
    ASSERT_GT(::recv(fd, buf, sizeof buf, 0), 0);
    kept.push_back(fd);
  }
  auto ok = roundtrip(port_, "GET /api/v1/ping HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(ok.rfind("HTTP/1.1 200", 0), 0u) << ok;
  int silent = connect_to(port_);
  char c;
  EXPECT_EQ(::recv(silent, &c, 1, 0), 0) << "a connection that sends nothing is closed after the header timeout";
  ::close(silent);
  for (int fd : kept) ::close(fd);
}

class PerAddressServerTest : public ServerTest {
 protected:
  void configure(ServerOptions& so) override { so.max_connections_per_address = 2; }
};

TEST_F(PerAddressServerTest, RefusesConnectionsOverThePerAddressCapWith429) {
  int a = connect_to(port_), b = connect_to(port_);
  auto third = roundtrip(port_, "GET /api/v1/ping HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(third.rfind("HTTP/1.1 429", 0), 0u) << third;
  EXPECT_NE(third.find("Retry-After: 1"), std::string::npos) << third;
  ::close(a);
  ::close(b);
  std::string again;
  for (int i = 0; i < 50; ++i) {  // the server notices the closes asynchronously
    again = roundtrip(port_, "GET /api/v1/ping HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    if (again.rfind("HTTP/1.1 200", 0) == 0) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_EQ(again.rfind("HTTP/1.1 200", 0), 0u) << again;
}

}  // namespace
}  // namespace dongne::http
