// The request pipeline: request id -> route match (404/405) or static files -> authentication -> access check
// (401/403, from the route's declared Access) -> input guards (content type, CSRF origin check for cookie
// sessions) -> handler -> problem+json for errors -> security headers, metrics, JSON access log.
// A handler that throws is a bug: it is logged with the request id and answered 500 without details.
// Thread-safety: handle() is called concurrently; the pipeline holds no per-request state.
#pragma once

#include <cstdio>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "http/client_address.h"
#include "http/log.h"
#include "http/message.h"
#include "http/metrics.h"
#include "http/router.h"
#include "http/static_files.h"

namespace dongne::http {

class Authenticator {
 public:
  virtual ~Authenticator() = default;
  // nullopt when the request carries no credentials; an Error (unauthenticated) when they are invalid or expired.
  virtual Result<std::optional<Principal>> authenticate(const Request& req) = 0;
};

// A signed-in caller refused (403) a read of personal data, by the role check or by the handler: the app writes
// it to the access log (auth/access_log.h). Anonymous callers (401) are not logged: they would let anyone write.
struct RefusedRead {
  int64_t reader = 0;
  std::string kind;    // the route's Doc::personal_data
  std::string record;  // the route's {id}, or ""
  std::string route;   // "GET /api/v1/jobs/cases/{id}/notes"
  std::string reason;  // ?reason=, if given
};

struct PipelineOptions {
  std::string static_dir;   // "" to serve no files
  bool access_log = true;   // one JSON line per request on stdout
  TrustedProxies trusted_proxies;  // whose X-Forwarded-For names the client (Request::client)
  std::function<void(const RefusedRead&)> on_refused_read;
  // Who owns the record of a kind (Scope::record) with this id; nullopt when there is none (the handler then
  // answers its own 404). Routes that act on a record are checked against it before the handler runs.
  std::function<Result<std::optional<Owner>>(const std::string& kind, int64_t id)> owner_of;
};

class Pipeline {
 public:
  Pipeline(const Router& router, Authenticator& auth, PipelineOptions opt);
  Response handle(Request& req);
  // The answer to a request the server refused before routing it (framing, size, connection limits): problem+json
  // with a fresh request id and the security headers, counted in metrics and written to the access log.
  Response refuse(const Error& e, const std::string& target, const std::string& remote);
  const Metrics& metrics() const { return metrics_; }

 private:
  Response dispatch(Request& req, const Match& m, std::optional<Principal>& principal);
  void log_line(const Request& req, const std::string& path, const std::string& route, int status, double seconds,
                int64_t user_id);
  const Router& router_;
  Authenticator& auth_;
  PipelineOptions opt_;
  Metrics metrics_;
  StaticFiles static_;
};

}  // namespace dongne::http
