// Boost.Beast lives here and in wire.cpp only (it costs ~15 s of compile per translation unit).
#include <array>
#include <utility>  // before Asio with GCC 12 (STACK.md)

#include "http/server.h"

#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <mutex>
#include <set>
#include <thread>
#include <unordered_map>
#include <vector>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "http/framing.h"
#include "http/log.h"
#include "http/problem.h"
#include "http/wire.h"

namespace dongne::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using namespace std::chrono_literals;

namespace {

struct Conn {
  Conn(tcp::socket s, std::string addr) : stream(std::move(s)), address(std::move(addr)) {}
  beast::tcp_stream stream;
  std::string address;
  std::atomic<bool> busy{false};             // a request is being read, handled or answered
  std::atomic<bool> between_requests{false};  // kept alive, waiting for the next request's first byte
};

std::chrono::milliseconds millis(double seconds) { return std::chrono::milliseconds(static_cast<int64_t>(seconds * 1000)); }

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

// The connection simply ended (closed, reset, timed out, or the server is stopping): nothing to answer.
bool connection_ended(const beast::error_code& ec) {
  return ec == bhttp::error::end_of_stream || ec == bhttp::error::partial_message ||
         ec == asio::error::operation_aborted || ec == beast::error::timeout || ec == asio::error::connection_reset ||
         ec == asio::error::eof || ec == asio::error::broken_pipe || ec == asio::error::bad_descriptor;
}

bool out_of_descriptors(const beast::error_code& ec) {
  return ec == asio::error::no_descriptors || ec.value() == ENFILE || ec == asio::error::no_buffer_space ||
         ec == asio::error::no_memory;
}

}  // namespace

DescriptorBudget descriptor_budget(size_t configured) {
  DescriptorBudget b;
  rlimit rl{};
  if (::getrlimit(RLIMIT_NOFILE, &rl) == 0) {
    if (rl.rlim_cur < rl.rlim_max) {  // use what the system allows this process
      rlimit raised = rl;
      raised.rlim_cur = rl.rlim_max == RLIM_INFINITY ? (1u << 20) : rl.rlim_max;
      if (::setrlimit(RLIMIT_NOFILE, &raised) == 0) rl = raised;
    }
    b.soft = rl.rlim_cur == RLIM_INFINITY ? (1u << 20) : rl.rlim_cur;
    b.hard = rl.rlim_max == RLIM_INFINITY ? (1u << 20) : rl.rlim_max;
  } else {
    b.soft = b.hard = 1024;
  }
  // A reserve for the store's connections, WAL files, static files and the log: a quarter, 64 to 1,024.
  uint64_t reserve = std::clamp<uint64_t>(b.soft / 4, 64, 1024);
  uint64_t derived = b.soft > reserve + 16 ? b.soft - reserve : 16;
  b.max_connections = static_cast<size_t>(std::min<uint64_t>(derived, 100'000));
  if (configured > 0) b.max_connections = configured;
  return b;
}

struct Server::Impl {
  Impl(ServerOptions o, RequestHandler h)
      : opt(std::move(o)), handler(std::move(h)), ioc(opt.threads), acceptor(ioc), signals(ioc) {}

  ServerOptions opt;
  RequestHandler handler;
  DescriptorBudget budget;
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
  std::set<std::shared_ptr<Conn>> conns;                 // guarded by conns_mu
  std::unordered_map<std::string, size_t> per_address;  // guarded by conns_mu

  // The parser hands the request line over (and it leaves the buffer) once it is complete, so a head over the
  // limit with no target yet is a request line too long.
  Error unreadable_head(const beast::error_code& ec, bool request_line_fitted, std::string_view bytes) const {
    if (ec == bhttp::error::header_limit) return too_large_head(request_line_fitted);
    if (ec == bhttp::error::bad_version) return bad_version(bytes);
    if (ec == bhttp::error::body_limit) return too_large_body(opt.max_body_bytes);
    return bad_request("malformed HTTP request: " + ec.message());
  }

  Error unreadable_body(const beast::error_code& ec) const {
    if (ec == bhttp::error::body_limit) return too_large_body(opt.max_body_bytes);
    return bad_request("malformed HTTP request body: " + ec.message());
  }

  Response refusal(const Error& e, const std::string& target, const std::string& remote) {
    if (opt.refuse) return opt.refuse(e, target, remote);
    return problem_response(e, target, "");
  }

  // Answers a request refused before the handler, then closes lingering: stop sending, read and drop what the
  // client is still sending (at most 8 MB or 2 s), so the kernel does not answer its unread bytes with a reset
  // that destroys the answer in flight.
  // (Its arguments are the caller's named locals: GCC 12 miscompiles temporaries and ?: inside a co_await.)
  asio::awaitable<void> refuse(std::shared_ptr<Conn> c, const Error& e, const std::string& target,
                               std::chrono::milliseconds linger = 2000ms) {
    c->busy = true;
    Response res = refusal(e, target, c->address);
    if (res.status == 429 || res.status == 503) res.headers.emplace_back("Retry-After", "1");
    auto wire = to_wire(res, 11, false, false);
    beast::error_code ec;
    c->stream.expires_after(5s);
    co_await bhttp::async_write(c->stream, wire, asio::redirect_error(asio::use_awaitable, ec));
    if (ec) co_return;
    c->stream.socket().shutdown(tcp::socket::shutdown_send, ec);
    c->stream.expires_after(linger);
    std::array<char, 16384> sink;
    size_t drained = 0;
    while (!ec && drained < 8u * 1024 * 1024) {
      drained += co_await c->stream.async_read_some(asio::buffer(sink), asio::redirect_error(asio::use_awaitable, ec));
    }
  }

  // Reads the next request's head into `parser`: parsed first from what is already buffered, reading more only
  // while it is incomplete (within the header timeout, from the first read it needs). The errors are those of
  // Beast's async_read_header, without its extra trip through the scheduler when the head has already arrived.
  asio::awaitable<beast::error_code> read_head(std::shared_ptr<Conn> c, beast::flat_buffer& buf,
                                               bhttp::request_parser<bhttp::string_body>& parser) {
    beast::error_code ec;
    bool timed = false;
    for (;;) {
      if (buf.size() > 0) {
        const size_t used = parser.put(buf.data(), ec);
        buf.consume(used);
        if (ec != bhttp::error::need_more) co_return ec;  // the head is done, or it is refused
        ec = {};
        if (parser.is_header_done()) co_return ec;
      }
      if (!timed) {
        c->stream.expires_after(millis(opt.header_timeout_seconds));
        timed = true;
      }
      const size_t want = beast::read_size(buf, 65536);
      const size_t n = co_await c->stream.async_read_some(buf.prepare(want), asio::redirect_error(asio::use_awaitable, ec));
      if (ec == asio::error::eof) {
        if (!parser.got_some()) co_return beast::error_code(bhttp::error::end_of_stream);
        ec = {};
        parser.put_eof(ec);  // a head cut short: partial_message
        co_return ec;
      }
      if (ec) co_return ec;
      buf.commit(n);
    }
  }

  // Sends the answer: at once when the kernel takes it all (the usual case for an API answer), else the rest
  // asynchronously within the idle timeout.
  asio::awaitable<beast::error_code> answer(std::shared_ptr<Conn> c, bhttp::response<bhttp::string_body>& wire) {
    beast::error_code ec;
    bhttp::response_serializer<bhttp::string_body> sr{wire};
    bhttp::write(c->stream.socket(), sr, ec);
    if (ec == asio::error::would_block || ec == asio::error::try_again) {
      ec = {};
      c->stream.expires_after(millis(opt.idle_timeout_seconds));
      co_await bhttp::async_write(c->stream, sr, asio::redirect_error(asio::use_awaitable, ec));
    }
    co_return ec;
  }

  asio::awaitable<void> session(std::shared_ptr<Conn> c) {
    beast::flat_buffer buf;
    beast::error_code ec;
    bool first = true;
    for (;;) {
      // The first byte of the next request: within the header timeout on a new connection, the idle timeout after.
      if (buf.size() == 0) {
        c->stream.expires_after(millis(first ? opt.header_timeout_seconds : opt.idle_timeout_seconds));
        c->between_requests = !first;
        size_t n = co_await c->stream.async_read_some(buf.prepare(4096), asio::redirect_error(asio::use_awaitable, ec));
        c->between_requests = false;
        if (ec) break;
        buf.commit(n);
      }
      first = false;
      // A request has begun (its first bytes are here): a drain lets it be read and answered, not cut it off.
      c->busy = true;
      bhttp::request_parser<bhttp::string_body> parser;
      parser.body_limit(opt.max_body_bytes);
      parser.header_limit(kMaxHeaderBytes);
      ec = co_await read_head(c, buf, parser);
      if (ec && connection_ended(ec)) break;
      if (ec) {
        const Error e = unreadable_head(ec, !parser.get().target().empty(),
                                        std::string_view(static_cast<const char*>(buf.data().data()), buf.size()));
        const std::string no_target;
        co_await refuse(c, e, no_target);
        break;
      }
      auto& msg = parser.get();
      const std::string target(msg.target().substr(0, 256));
      const std::optional<Error> refused = check_head(wire::head_of(msg));
      if (refused) {
        co_await refuse(c, *refused, target);
        break;
      }
      if (!parser.is_done()) {
        if (msg.version() >= 11 && beast::iequals(msg[bhttp::field::expect], "100-continue")) {
          bhttp::response<bhttp::empty_body> cont{bhttp::status::continue_, 11};
          co_await bhttp::async_write(c->stream, cont, asio::redirect_error(asio::use_awaitable, ec));
          if (ec) break;
        }
        c->stream.expires_after(millis(opt.idle_timeout_seconds));
        co_await bhttp::async_read(c->stream, buf, parser, asio::redirect_error(asio::use_awaitable, ec));
        if (ec && connection_ended(ec)) break;
        if (ec) {
          const Error e = unreadable_body(ec);
          co_await refuse(c, e, target);
          break;
        }
      }
      c->busy = true;
      ++in_flight;
      bool keep_alive = msg.keep_alive();
      unsigned version = msg.version() > 11 ? 11 : msg.version();
      bool head = msg.method() == bhttp::verb::head;
      Request req = wire::to_request(msg, c->address);
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
      ec = co_await answer(c, wire);
      --in_flight;
      c->busy = false;
      if (ec || !keep_alive) break;
    }
    c->stream.socket().shutdown(tcp::socket::shutdown_send, ec);
    c->stream.socket().close(ec);
    forget(c);
  }

  void forget(const std::shared_ptr<Conn>& c) {
    std::lock_guard lock(conns_mu);
    if (conns.erase(c) == 0) return;
    auto it = per_address.find(c->address);
    if (it != per_address.end() && --it->second == 0) per_address.erase(it);
  }

  // Admits a new connection, or says why not: over the per-address cap (429), or at the global cap with no idle
  // keep-alive connection to close for it (503). At the cap, a connection kept alive between requests is closed to
  // make room (its client reconnects at no loss); one that is sending its request is never cut short.
  std::optional<Error> admit(const std::shared_ptr<Conn>& c) {
    std::lock_guard lock(conns_mu);
    size_t& mine = per_address[c->address];
    if (opt.max_connections_per_address > 0 && mine >= opt.max_connections_per_address) {
      if (mine == 0) per_address.erase(c->address);
      return Error::too_many("연결이 너무 많습니다. 잠시 후 다시 시도해 주세요",
                             "too many connections from this address; try again shortly");
    }
    if (conns.size() >= budget.max_connections) {
      std::shared_ptr<Conn> idle;
      for (const auto& o : conns) {
        if (o->between_requests.load()) {
          idle = o;
          break;
        }
      }
      if (!idle) {
        if (mine == 0) per_address.erase(c->address);
        return Error::unavailable("서버가 바쁩니다. 잠시 후 다시 시도해 주세요", "the server is at its connection limit");
      }
      idle->between_requests = false;  // chosen once
      asio::post(idle->stream.get_executor(), [idle] {
        beast::error_code e;
        idle->stream.socket().cancel(e);
      });
    }
    ++mine;
    conns.insert(c);
    return std::nullopt;
  }

  // A connection refused at the door still gets its answer and a short lingering close (its request, if any, is
  // small), outside the connection count. At most kMaxTurningAway at a time hold a descriptor for it; beyond
  // that a connection is closed unanswered, so a flood cannot spend the reserve.
  static constexpr int kMaxTurningAway = 32;
  std::atomic<int> turning_away{0};

  asio::awaitable<void> turn_away(std::shared_ptr<Conn> c, Error e) {
    const std::string no_target;
    co_await refuse(c, e, no_target, 250ms);
    beast::error_code ec;
    c->stream.socket().close(ec);
    --turning_away;
  }

  asio::awaitable<void> accept_loop() {
    asio::steady_timer pause(ioc);
    // A burst of exhaustion is logged once when it starts and once when accepting works again. The limit is often
    // met again and again while a burst lasts, so a new burst is logged only 10 s after the last one was.
    bool warned = false;
    uint64_t failures = 0;
    auto last_warning = std::chrono::steady_clock::now() - 1h;
    for (;;) {
      beast::error_code ec;
      tcp::socket s = co_await acceptor.async_accept(asio::make_strand(ioc), asio::redirect_error(asio::use_awaitable, ec));
      if (ec) {
        if (!acceptor.is_open()) co_return;
        if (out_of_descriptors(ec)) {
          // The pending connection stays queued; accepting again at once would fail again at once (a spin).
          auto now = std::chrono::steady_clock::now();
          if (!warned && now - last_warning > 10s) {
            std::lock_guard lock(conns_mu);
            log_event("warn", "out of file descriptors; accepting paused until one frees",
                      {{"error", ec.message()}, {"open_connections", conns.size()}, {"nofile", budget.soft}});
            warned = true;
            last_warning = now;
            failures = 0;
          }
          ++failures;
          pause.expires_after(50ms);
          co_await pause.async_wait(asio::redirect_error(asio::use_awaitable, ec));
        }
        continue;
      }
      if (warned) {
        log_event("info", "accepting connections again", {{"paused_attempts", failures}});
        warned = false;
      }
      s.set_option(tcp::no_delay(true), ec);
      s.non_blocking(true, ec);  // a synchronous write that would block says so (answer(), below) instead of waiting
      std::string address;
      auto ep = s.remote_endpoint(ec);
      if (!ec) address = ep.address().to_string();
      auto c = std::make_shared<Conn>(std::move(s), address);
      if (auto refused = admit(c)) {
        if (turning_away.fetch_add(1) < kMaxTurningAway) {
          asio::co_spawn(c->stream.get_executor(), turn_away(c, *refused), asio::detached);
        } else {
          --turning_away;
          c->stream.socket().close(ec);
        }
        continue;
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
    drain_deadline = std::chrono::steady_clock::now() + millis(opt.drain_seconds);
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
    drain_timer->expires_after(20ms);
    drain_timer->async_wait([this](const beast::error_code&) { drain_tick(); });
  }
};

Server::Server(ServerOptions options, RequestHandler handler)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(handler))) {}

Server::~Server() = default;

Status Server::listen() {
  impl_->budget = descriptor_budget(impl_->opt.max_connections);
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

const DescriptorBudget& Server::budget() const { return impl_->budget; }

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
