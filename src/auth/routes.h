// The auth route table (/api/v1/auth/*, /api/v1/me*, /api/v1/admin/*) and the request authenticator that turns
// a session cookie or bearer token into a Principal. Handlers only translate JSON <-> AuthService calls.
// Thread-safety: handlers are stateless; safe to call concurrently.
#pragma once

#include "auth/service.h"
#include "http/pipeline.h"
#include "http/router.h"

namespace dongne::auth {

struct CookieOptions {
  bool secure = true;  // the Secure attribute (browsers accept it on http://localhost and 127.0.0.1)
  std::string name = "dongne_session";
};

void add_routes(http::Router& router, AuthService& auth, CookieOptions cookie);
// GET /api/v1/admin/access-log (filters, CSV) and GET /api/v1/me/access-log (routes_access_log.cpp).
void add_access_log_routes(http::Router& router, AuthService& auth);

class TokenAuthenticator final : public http::Authenticator {
 public:
  TokenAuthenticator(AuthService& auth, CookieOptions cookie) : auth_(auth), cookie_(std::move(cookie)) {}
  Result<std::optional<Principal>> authenticate(const http::Request& req) override;

 private:
  AuthService& auth_;
  CookieOptions cookie_;
};

// Reads ?cursor= and ?limit= (1..100, default 50); an invalid value is a field error.
struct Page {
  int64_t cursor = 0;
  int limit = 50;
};
Result<Page> page_of(const http::Context& ctx);
// The answer for one page: {"items": items, "next_cursor": last_id as text, or null when the page was not full}.
http::Response page_response(const Page& p, nlohmann::json items, int64_t last_id);

}  // namespace dongne::auth
