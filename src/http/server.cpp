// Boost.Beast lives here and only here (it costs ~15 s of compile per translation unit).
#include <array>
#include <utility>  // before Asio with GCC 12 (STACK.md)

#include "http/server.h"

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "http/problem.h"

namespace dongne::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;

namespace {

struct Conn {
  explicit Conn(tcp::socket s) : stream(std::move(s)) {}
  beast::tcp_stream stream;
  std::atomic<bool> busy{false};
};

Request to_request(bhttp::request<bhttp::string_body>& msg, const std::string& remote) {
  Request r;
  r.method = parse_method(std::string_view(msg.method_string().data(), msg.method_string().size()));
  r.target = std::string(msg.target());
  std::string_view t = r.target;
  size_t q = t.find('?');
  auto path = url_decode(t.substr(0, q), false);
  r.path = path ? *path : std::string(t.substr(0, q));
  if (q != std::string_view::npos) {
    auto parsed = parse_query(t.substr(q + 1));
    if (parsed) r.query = std::move(*parsed);
    else r.headers["x-dongne-bad-query"] = "1";
  }
  if (!path) r.headers["x-dongne-bad-path"] = "1";
  for (const auto& f : msg) {
    std::string name(f.name_string());
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    auto [it, inserted] = r.headers.emplace(std::move(name), std::string(f.value()));
    if (!inserted) it->second += ", " + std::string(f.value());
  }
  r.body = std::move(msg.body());
  r.remote = remote;
  return r;
}

bhttp::response<bhttp::string_body> to_wire(Response& res, unsigned version, bool keep_alive, bool head) {
  bhttp::response<bhttp::string_body> out{static_cast<bhttp::status>(res.status), version};
  out.set(bhttp::field::server, "dongne");
  if (!res.content_type.empty()) out.set(bhttp::field::content_type, res.content_type);
  for (auto& [k, v] : res.headers) out.insert(k, v);
  out.keep_alive(keep_alive);
  if (head) {
    out.content_length(res.body.size());
  } else {
    out.body() = std::move(res.body);
    out.prepare_payload();
  }
  return out;
}

// GET, HEAD and OPTIONS only read (the store's readers answer at once); other methods may wait on a durable write.
bool waits_only_briefly(bhttp::verb v) {
  return v == bhttp::verb::get || v == bhttp::verb::head || v == bhttp::verb::options;
}

}  // namespace

struct Server::Impl {
  Impl(ServerOptions o, RequestHandler h)
      : opt(std::move(o)), handler(std::move(h)), ioc(opt.threads), acceptor(ioc), signals(ioc) {}

  ServerOptions opt;
  RequestHandler handler;
  asio::io_context ioc;
  // Requests that may write run here: a write waits for its group commit to reach the disk, and while it waits it
  // must not hold one of the few io threads (reads only wait for a reader connection, briefly, so they stay).
  std::unique_ptr<asio::thread_pool> pool =
      opt.workers > 0 ? std::make_unique<asio::thread_pool>(static_cast<size_t>(opt.workers)) : nullptr;
  tcp::acceptor acceptor;
  asio::signal_set signals;
  std::atomic<int> in_flight{0};
  std::atomic<bool> draining{false};
  std::mutex conns_mu;
  std::set<std::shared_ptr<Conn>> conns;

  asio::awaitable<void> session(std::shared_ptr<Conn> c) {
    beast::flat_buffer buf;
    std::string remote;
    beast::error_code ec;
    auto ep = c->stream.socket().remote_endpoint(ec);
    if (!ec) remote = ep.address().to_string();
    for (;;) {
      bhttp::request_parser<bhttp::string_body> parser;
      parser.body_limit(opt.max_body_bytes);
      parser.header_limit(32 * 1024);
      c->stream.expires_after(std::chrono::milliseconds(static_cast<int64_t>(opt.idle_timeout_seconds * 1000)));
      co_await bhttp::async_read(c->stream, buf, parser, asio::redirect_error(asio::use_awaitable, ec));
      if (ec == bhttp::error::end_of_stream || ec == asio::error::operation_aborted || ec == beast::error::timeout ||
          ec == asio::error::connection_reset || ec == asio::error::eof) {
        break;
      }
      if (ec) {
        // The request could not be parsed: answer with a problem, then close.
        bool too_big = ec == bhttp::error::body_limit || ec == bhttp::error::header_limit;
        Error e = too_big ? Error::invalid("요청이 너무 큽니다", "the request is too large")
                          : Error::invalid("잘못된 HTTP 요청입니다", "malformed HTTP request: " + ec.message());
        if (too_big) e.reason = "payload_too_large";
        Response res = problem_response(e, "", "");
        auto wire = to_wire(res, 11, false, false);
        c->busy = true;
        co_await bhttp::async_write(c->stream, wire, asio::redirect_error(asio::use_awaitable, ec));
        // Lingering close: stop sending, then read and drop what the client is still sending (at most 8 MB or
        // 2 s), so the kernel does not answer its unread bytes with a reset that destroys our reply in flight.
        if (!ec) {
          c->stream.socket().shutdown(asio::ip::tcp::socket::shutdown_send, ec);
          c->stream.expires_after(std::chrono::seconds(2));
          std::array<char, 16384> sink;
          size_t drained = 0;
          while (!ec && drained < 8u * 1024 * 1024) {
            drained += co_await c->stream.async_read_some(asio::buffer(sink), asio::redirect_error(asio::use_awaitable, ec));
          }
        }
        break;
      }
      c->busy = true;
      ++in_flight;
      auto& msg = parser.get();
      bool keep_alive = msg.keep_alive();
      unsigned version = msg.version();
      bool head = msg.method() == bhttp::verb::head;
      Request req = to_request(msg, remote);
      Response res;
      if (pool && (opt.offload ? opt.offload(req) : !waits_only_briefly(msg.method()))) {  // (not a ?: expression: GCC 12 miscompiles co_await in one)
        res = co_await asio::co_spawn(
            pool->get_executor(), [this, &req]() -> asio::awaitable<Response> { co_return handler(req); },
            asio::use_awaitable);
      } else {
        res = handler(req);
      }
      keep_alive = keep_alive && !draining.load();
      auto wire = to_wire(res, version, keep_alive, head);
      co_await bhttp::async_write(c->stream, wire, asio::redirect_error(asio::use_awaitable, ec));
      --in_flight;
      c->busy = false;
      if (ec || !keep_alive) break;
    }
    c->stream.socket().shutdown(tcp::socket::shutdown_send, ec);
    c->stream.socket().close(ec);
    std::lock_guard lock(conns_mu);
    conns.erase(c);
  }

  asio::awaitable<void> accept_loop() {
    for (;;) {
      beast::error_code ec;
      tcp::socket s = co_await acceptor.async_accept(asio::make_strand(ioc), asio::redirect_error(asio::use_awaitable, ec));
      if (ec) {
        if (!acceptor.is_open()) co_return;
        continue;
      }
      s.set_option(tcp::no_delay(true), ec);
      auto c = std::make_shared<Conn>(std::move(s));
      {
        std::lock_guard lock(conns_mu);
        conns.insert(c);
      }
      asio::co_spawn(c->stream.get_executor(), session(c), asio::detached);
    }
  }

  std::chrono::steady_clock::time_point drain_deadline;
  std::unique_ptr<asio::steady_timer> drain_timer;

  void begin_drain() {
    if (draining.exchange(true)) return;
    beast::error_code ec;
    acceptor.close(ec);
    signals.cancel(ec);
    drain_deadline = std::chrono::steady_clock::now() +
                     std::chrono::milliseconds(static_cast<int64_t>(opt.drain_seconds * 1000));
    drain_timer = std::make_unique<asio::steady_timer>(ioc);
    drain_tick();
  }

  // Closes idle keep-alive connections and stops the loop once nothing is in flight (or the deadline passed).
  void drain_tick() {
    bool idle;
    {
      std::lock_guard lock(conns_mu);
      for (const auto& c : conns) {
        if (!c->busy.load()) {
          asio::post(c->stream.get_executor(), [c] {
            beast::error_code e;
            if (!c->busy.load()) c->stream.socket().cancel(e);
          });
        }
      }
      idle = in_flight.load() == 0 && conns.empty();
    }
    if (idle || std::chrono::steady_clock::now() >= drain_deadline) {
      ioc.stop();
      return;
    }
    drain_timer->expires_after(std::chrono::milliseconds(20));
    drain_timer->async_wait([this](const beast::error_code&) { drain_tick(); });
  }
};

Server::Server(ServerOptions options, RequestHandler handler)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(handler))) {}

Server::~Server() = default;

Status Server::listen() {
  beast::error_code ec;
  auto addr = asio::ip::make_address(impl_->opt.host, ec);
  if (ec) return Error::invalid("잘못된 주소입니다", "invalid listen address: " + impl_->opt.host);
  tcp::endpoint ep(addr, impl_->opt.port);
  impl_->acceptor.open(ep.protocol(), ec);
  if (!ec) impl_->acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) impl_->acceptor.bind(ep, ec);
  if (!ec) impl_->acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    return Error::unavailable("포트를 열 수 없습니다", "cannot listen on " + impl_->opt.host + ":" +
                                                          std::to_string(impl_->opt.port) + ": " + ec.message());
  }
  return ok_status();
}

uint16_t Server::port() const {
  beast::error_code ec;
  auto ep = impl_->acceptor.local_endpoint(ec);
  return ec ? 0 : ep.port();
}

void Server::run() {
  auto& im = *impl_;
  if (im.opt.handle_signals) {
    im.signals.add(SIGINT);
    im.signals.add(SIGTERM);
    im.signals.async_wait([&im](const beast::error_code& ec, int) {
      if (!ec) im.begin_drain();
    });
  }
  asio::co_spawn(im.ioc, im.accept_loop(), asio::detached);
  std::vector<std::thread> workers;
  for (int i = 1; i < im.opt.threads; ++i) workers.emplace_back([&im] { im.ioc.run(); });
  im.ioc.run();
  for (auto& t : workers) t.join();
  if (im.pool) im.pool->join();  // nothing is in flight any more: the drain waited for it
}

void Server::stop() {
  asio::post(impl_->ioc, [this] { impl_->begin_drain(); });
}

}  // namespace dongne::http
