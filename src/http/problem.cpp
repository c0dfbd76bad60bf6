#include "http/problem.h"

#include <cstdlib>

namespace dongne::http {

int status_for(const Error& e) {
  switch (e.code) {
    case Code::kInvalid:
      if (e.reason == "bad_request") return 400;
      if (e.reason == "payload_too_large") return 413;
      if (e.reason == "uri_too_long") return 414;
      if (e.reason == "unsupported_media_type") return 415;
      if (e.reason == "header_too_large") return 431;
      if (e.reason == "not_implemented") return 501;
      if (e.reason == "http_version_not_supported") return 505;
      return 422;
    case Code::kUnauthenticated: return 401;
    case Code::kForbidden: return 403;
    case Code::kNotFound:
      if (e.reason == "method_not_allowed") return 405;
      return 404;
    case Code::kConflict: return 409;
    case Code::kTooMany: return 429;
    case Code::kUnavailable: return 503;
    case Code::kInternal: return 500;
  }
  return 500;
}

namespace {

// A constraint error from the store carries the database's own wording in parentheses (table and constraint
// names, for logs and tests); a client sees only the sentence before it.
std::string public_message(const Error& e) {
  static constexpr std::string_view kStoreReasons[] = {"unique_violation", "foreign_key_violation", "check_violation",
                                                       "exclusion_violation", "restrict_violation", "data_exception"};
  for (std::string_view r : kStoreReasons) {
    if (e.reason != r) continue;
    const size_t paren = e.message_en.find(" (");
    return paren == std::string::npos ? e.message_en : e.message_en.substr(0, paren);
  }
  return e.message_en;
}

}  // namespace

Response problem_response(const Error& e, const std::string& instance, const std::string& request_id) {
  int status = status_for(e);
  const std::string title = public_message(e);
  std::string type = "https://dongne.kr/problems/" + std::string(e.reason.empty() ? code_name(e.code) : e.reason);
  nlohmann::json body = {
      {"type", type},
      {"title", title},
      {"title_ko", e.message_ko},
      {"status", status},
      {"detail", e.message_ko + " / " + title},
      {"instance", instance},
      {"request_id", request_id},
      {"code", code_name(e.code)},
  };
  if (!e.reason.empty()) body["reason"] = e.reason;
  std::string retry_after;
  for (const auto& [name, value] : e.extensions) {
    if (body.contains(name) || name == "errors") continue;
    if (name == "retry_after_s") {  // a wait in whole seconds: a number in the body, and the Retry-After header
      retry_after = value;
      body[name] = std::strtoll(value.c_str(), nullptr, 10);
      continue;
    }
    body[name] = value.empty() ? nlohmann::json(nullptr) : nlohmann::json(value);
  }
  nlohmann::json errs = nlohmann::json::array();
  for (const auto& f : e.fields) {
    errs.push_back({{"field", f.field},
                    {"code", f.code},
                    {"message", f.message_en},
                    {"message_ko", f.message_ko},
                    {"message_en", f.message_en}});
  }
  body["errors"] = std::move(errs);
  Response r = Response::json(status, body);
  r.content_type = "application/problem+json";
  r.headers.emplace_back("Content-Language", "ko, en");
  if (!retry_after.empty()) r.headers.emplace_back("Retry-After", retry_after);
  return r;
}

}  // namespace dongne::http
