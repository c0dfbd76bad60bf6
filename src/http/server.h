// The HTTP/1.1 server (Boost.Beast with C++20 coroutines, kept inside server.cpp so nothing else compiles Beast).
// It turns wire requests into Request values, calls one handler, and writes the Response.
//   - Framing per RFC 9112 (framing.h), decided on the head before any body byte is read: a refused request gets
//     its problem (400, 413, 414, 431, 501, 505) from `refuse`, then a lingering close (half-close, read and drop
//     what the client still sends for up to 2 s), so a client still sending sees the answer, not a reset, and
//     nothing after a refused head is ever run as a request.
//   - Connection limits: at most max_connections open (at the cap an idle connection is closed to make room, or
//     the new one gets 503), at most max_connections_per_address from one peer address (429), a header timeout
//     (a new connection's first request and every request's head) shorter than the keep-alive idle timeout.
//   - Out of descriptors (EMFILE/ENFILE), the acceptor pauses 50 ms at a time instead of spinning, logs once per
//     burst, and accepts again as soon as a descriptor is free.
//   - Graceful shutdown: on SIGTERM/SIGINT it stops accepting, lets in-flight requests finish (up to
//     drain_seconds), closes idle connections, then run() returns.
// Thread-safety: the handler is called concurrently from `threads` + `workers` threads and must be thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "core/result.h"
#include "http/message.h"

namespace dongne::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 8080;  // 0: pick a free port (see Server::port())
  int threads = 4;  // io threads (parsing, routing, reads)
  int workers = 0;  // threads for requests that may wait on a durable write (see offload); 0: all on io threads
  // Which requests run on the workers; default: methods other than GET, HEAD and OPTIONS.
  std::function<bool(const Request&)> offload;
  size_t max_body_bytes = 1 << 20;
  double drain_seconds = 10;
  double idle_timeout_seconds = 60;    // keep-alive: how long to wait for the next request (and for a body)
  double header_timeout_seconds = 10;  // a new connection's first byte, and every request's head once it began
  // 0: derived from the descriptor limit (RLIMIT_NOFILE less a reserve for the store and files; see listen()).
  size_t max_connections = 0;
  size_t max_connections_per_address = 512;  // 0: no per-address cap (behind a load balancer all share one)
  bool handle_signals = true;
  // Builds the answer to a request refused before it reached the handler (framing, limits): problem+json with a
  // request id, counted in metrics. Default: problem_response with a fresh id.
  std::function<Response(const Error&, const std::string& target, const std::string& remote)> refuse;
};

using RequestHandler = std::function<Response(Request&)>;

// The descriptor limit at start-up (the soft limit is raised to the hard one) and the connection cap derived from it.
struct DescriptorBudget {
  uint64_t soft = 0, hard = 0;
  size_t max_connections = 0;
};
DescriptorBudget descriptor_budget(size_t configured_max_connections);

class Server {
 public:
  Server(ServerOptions options, RequestHandler handler);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and listens; an error if the address is taken or invalid.
  Status listen();
  uint16_t port() const;
  const DescriptorBudget& budget() const;
  // Serves until a signal or stop(); then drains and returns.
  void run();
  // Starts a graceful shutdown; safe from any thread.
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace dongne::http
