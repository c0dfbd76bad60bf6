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

std::string roundtrip(uint16_t port, const std::string& raw) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) return "connect failed";
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
    server_ = std::make_unique<Server>(so, [this](Request& r) { return pipeline_->handle(r); });
    ASSERT_TRUE(server_->listen().ok());
    port_ = server_->port();
    thread_ = std::thread([this] { server_->run(); });
  }
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
