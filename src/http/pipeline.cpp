#include "http/pipeline.h"

#include <atomic>
#include <chrono>
#include <exception>
#include <random>

#include "http/fields.h"
#include "http/framing.h"
#include "http/problem.h"

namespace dongne::http {

namespace {

std::vector<std::string> labels_of(const Router& r) {
  std::vector<std::string> out;
  for (const auto& route : r.routes()) out.push_back(std::string(method_name(route.method)) + " " + route.pattern);
  return out;
}

std::string new_request_id() {
  static std::atomic<uint64_t> counter{0};
  static const uint64_t prefix = std::random_device{}();
  char buf[40];
  std::snprintf(buf, sizeof buf, "%08llx-%010llu", static_cast<unsigned long long>(prefix & 0xffffffffULL),
                static_cast<unsigned long long>(counter.fetch_add(1)));
  return buf;
}

bool sane_request_id(std::string_view s) {
  if (s.empty() || s.size() > 64) return false;
  for (char c : s)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.') return false;
  return true;
}

std::string host_of_origin(std::string_view origin) {
  auto p = origin.find("://");
  if (p != std::string_view::npos) origin.remove_prefix(p + 3);
  return std::string(origin.substr(0, origin.find('/')));
}

void add_security_headers(Response& r) {
  r.headers.emplace_back("X-Content-Type-Options", "nosniff");
  r.headers.emplace_back("Referrer-Policy", "same-origin");
  r.headers.emplace_back("X-Frame-Options", "DENY");
}

}  // namespace

Pipeline::Pipeline(const Router& router, Authenticator& auth, PipelineOptions opt)
    : router_(router), auth_(auth), opt_(std::move(opt)), metrics_(labels_of(router)), static_(opt_.static_dir) {}

Response Pipeline::handle(Request& req) {
  auto t0 = std::chrono::steady_clock::now();
  auto rid = req.header("x-request-id");
  req.request_id = sane_request_id(rid) ? std::string(rid) : new_request_id();
  req.client = opt_.trusted_proxies.empty() ? req.remote
                                            : client_address(req.remote, req.header("x-forwarded-for"), opt_.trusted_proxies);

  Match m = router_.match(req.method, req.path);
  std::optional<Principal> principal;
  Response res;
  std::string route_label = "unmatched";
  size_t slot = metrics_.unmatched_slot();
  if (m.route) {
    slot = static_cast<size_t>(m.route - router_.routes().data());
    route_label = std::string(method_name(m.route->method)) + " " + m.route->pattern;
    res = dispatch(req, m, principal);
    if (res.status == 403 && principal && !m.route->doc.personal_data.empty() && opt_.on_refused_read) {
      auto id = m.params.find("id");
      auto reason = req.query.find("reason");
      opt_.on_refused_read({principal->user_id, m.route->doc.personal_data, id == m.params.end() ? "" : id->second,
                            route_label, reason == req.query.end() ? "" : reason->second});
    }
  } else if (req.path.rfind("/api/", 0) != 0 && req.path != "/api") {
    auto file = m.method_mismatch ? std::nullopt : static_.serve(req);
    if (file) {
      res = std::move(*file);
      route_label = "static";
      slot = metrics_.static_slot();
    }
  }
  if (!m.route && route_label == "unmatched") {
    Error e = Error::not_found("요청한 주소를 찾을 수 없습니다", "no such route: " + req.path);
    if (m.method_mismatch) {
      e = Error::not_found("허용되지 않는 메서드입니다", "method not allowed");
      e.reason = "method_not_allowed";
    }
    res = problem_response(e, req.path, req.request_id);
    if (m.method_mismatch) {
      std::string allow;
      for (Method am : m.allowed) allow += (allow.empty() ? "" : ", ") + std::string(method_name(am));
      res.headers.emplace_back("Allow", allow);
    }
  }
  add_security_headers(res);
  res.headers.emplace_back("X-Request-Id", req.request_id);
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  metrics_.record(slot, res.status, secs);
  if (opt_.access_log) {
    // A path that carries a secret (e.g. a calendar feed's {token}) is logged as its route pattern.
    bool secret = m.route && m.params.count("token") > 0;
    log_line(req, secret ? m.route->pattern : req.path, route_label, res.status, secs,
             principal ? principal->user_id : 0);
  }
  return res;
}

Response Pipeline::refuse(const Error& e, const std::string& target, const std::string& remote) {
  Request req;
  req.method = Method::kOther;  // the head may not have been readable
  req.request_id = new_request_id();
  req.remote = remote;
  Response res = problem_response(e, target, req.request_id);
  add_security_headers(res);
  res.headers.emplace_back("X-Request-Id", req.request_id);
  metrics_.record_refused(res.status);
  if (opt_.access_log) log_line(req, target, "refused", res.status, 0, 0);
  return res;
}

Response Pipeline::dispatch(Request& req, const Match& m, std::optional<Principal>& principal) {
  const Route& route = *m.route;
  auto fail = [&](const Error& e) { return problem_response(e, req.path, req.request_id); };
  if (req.headers.count("x-dongne-bad-query") || req.headers.count("x-dongne-bad-path"))
    return fail(Error::invalid("주소에 잘못된 % 인코딩이 있습니다", "malformed percent-encoding in the URL"));

  auto auth = auth_.authenticate(req);
  if (!auth.ok()) {
    if (route.access.needs_principal()) return fail(auth.error());
  } else {
    principal = std::move(auth.value());
  }
  if (!route.access.allows(principal ? &*principal : nullptr)) {
    return fail(principal ? Error::forbidden() : Error::unauthenticated());
  }
  bool has_body = req.method == Method::kPost || req.method == Method::kPut || req.method == Method::kPatch;
  if (has_body && !req.body.empty()) {
    if (!is_json_media_type(req.header("content-type"))) {
      Error e = Error::invalid("Content-Type은 application/json이어야 합니다",
                               "Content-Type must be application/json");
      e.reason = "unsupported_media_type";
      return fail(e);
    }
  }
  // No resident registration number in any string of the body or the query, whatever the route (fields.h).
  {
    nlohmann::json parsed;
    const nlohmann::json* body = nullptr;
    if (has_body && !req.body.empty()) {
      parsed = nlohmann::json::parse(req.body, nullptr, /*allow_exceptions=*/false);
      if (!parsed.is_discarded()) body = &parsed;
    }
    auto rrn = resident_number_fields(body, req.query);
    if (!rrn.empty()) return fail(resident_number_error(std::move(rrn)));
    if (body && !route.doc.request_schema.is_null()) {
      auto unknown = unknown_fields(*body, route.doc.request_schema);
      if (!unknown.empty()) return fail(unknown_fields_error(std::move(unknown)));
    }
  }
  // Cookie sessions: a state-changing request from another site is refused (CSRF).
  if (principal && !principal->via_bearer && req.method != Method::kGet && req.method != Method::kHead) {
    auto origin = req.header("origin");
    if (!origin.empty() && host_of_origin(origin) != req.header("host"))
      return fail(Error::forbidden("다른 사이트에서 보낸 요청은 허용되지 않습니다", "cross-site request refused"));
  }
  Context ctx(req, principal ? &*principal : nullptr, m.params);
  // A scoped caller acting on a record: may she, in one of the route's roles (Scope, Principal::acts_on)? Decided
  // here, in one place, before the handler runs; the guards above look at nothing but the request itself. A
  // malformed id is left to the handler's own answer.
  if (principal && route.access.scope().kind == Scope::Kind::kRecord && opt_.owner_of) {
    auto id = ctx.id_param(route.access.scope().param);
    if (id.ok()) {
      auto owner = opt_.owner_of(route.access.scope().record, id.value());
      if (!owner.ok()) return fail(owner.error());
      if (owner.value() && !principal->acts_on(route.access.roles(), *owner.value())) {
        Error e = Error::forbidden("담당 범위 밖의 기록입니다", "this record is outside your scope");
        e.reason = "out_of_scope";
        return fail(e);
      }
    }
  }
  try {
    auto r = route.handler(ctx);
    if (!r.ok()) {
      if (r.error().code == Code::kInternal)
        log_event("error", "internal error", {{"request_id", req.request_id}, {"detail", r.error().message_en}});
      return fail(r.error());
    }
    return std::move(r).value();
  } catch (const std::exception& ex) {
    log_event("error", "handler threw", {{"request_id", req.request_id}, {"what", ex.what()}});
  } catch (...) {
    log_event("error", "handler threw", {{"request_id", req.request_id}});
  }
  return fail(Error::internal("unexpected error; see the server log for request " + req.request_id));
}

void Pipeline::log_line(const Request& req, const std::string& path, const std::string& route, int status,
                        double seconds, int64_t user_id) {
  // Hand-built JSON: this runs on every request, and nlohmann costs more than the rest of a cheap route.
  auto esc = [](std::string& out, std::string_view v) {
    out.push_back('"');
    for (char c : v) {
      auto u = static_cast<unsigned char>(c);
      if (c == '"' || c == '\\') {
        out.push_back('\\');
        out.push_back(c);
      } else if (u < 0x20) {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\u%04x", u);
        out += buf;
      } else {
        out.push_back(c);
      }
    }
    out.push_back('"');
  };
  thread_local std::string line;
  line.clear();
  line += "{\"ts\":";
  line += std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(
                             std::chrono::system_clock::now().time_since_epoch()).count());
  line += ",\"level\":\"info\",\"msg\":\"request\",\"request_id\":";
  esc(line, req.request_id);
  line += ",\"method\":\"";
  line += method_name(req.method);
  line += "\",\"route\":";
  esc(line, route);
  line += ",\"path\":";
  esc(line, path.size() > 512 ? std::string_view(path).substr(0, 512) : std::string_view(path));
  line += ",\"status\":";
  line += std::to_string(status);
  char ms[32];
  std::snprintf(ms, sizeof ms, ",\"ms\":%.3f", seconds * 1000.0);
  line += ms;
  line += ",\"remote\":";
  esc(line, req.remote);
  if (!req.client.empty() && req.client != req.remote) {
    line += ",\"client\":";
    esc(line, req.client);
  }
  if (user_id) {
    line += ",\"user_id\":";
    line += std::to_string(user_id);
  }
  line += "}\n";
  std::fwrite(line.data(), 1, line.size(), stdout);  // stdio locks the stream; one call keeps lines whole
}

}  // namespace dongne::http
