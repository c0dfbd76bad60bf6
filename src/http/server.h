// The HTTP/1.1 server (Boost.Beast with C++20 coroutines, kept inside server.cpp so nothing else compiles Beast).
// It turns wire requests into Request values, calls one handler, and writes the Response. Keep-alive, body size
// limit (413), header limit, idle timeouts, and graceful shutdown: on SIGTERM/SIGINT it stops accepting, lets
// in-flight requests finish (up to drain_seconds), closes idle connections, then run() returns.
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
  double idle_timeout_seconds = 60;
  bool handle_signals = true;
};

using RequestHandler = std::function<Response(Request&)>;

class Server {
 public:
  Server(ServerOptions options, RequestHandler handler);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and listens; an error if the address is taken or invalid.
  Status listen();
  uint16_t port() const;
  // Serves until a signal or stop(); then drains and returns.
  void run();
  // Starts a graceful shutdown; safe from any thread.
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace dongne::http
