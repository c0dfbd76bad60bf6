#include "http/framing.h"

#include <algorithm>
#include <cctype>

namespace dongne::http {

namespace {

char lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (lower(a[i]) != lower(b[i])) return false;
  return true;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool starts_with_scheme(std::string_view t) {
  auto p = t.find("://");
  if (p == std::string_view::npos) return false;
  std::string_view scheme = t.substr(0, p);
  return iequals(scheme, "http") || iequals(scheme, "https");
}

Error with_reason(Error e, std::string reason) {
  e.reason = std::move(reason);
  return e;
}

}  // namespace

Error bad_request(std::string en) {
  return with_reason(Error::invalid("잘못된 HTTP 요청입니다", std::move(en)), "bad_request");
}

Error too_large_head(bool request_line_fitted) {
  if (!request_line_fitted) {
    return with_reason(Error::invalid("요청 주소가 너무 깁니다", "the request target is too long"), "uri_too_long");
  }
  return with_reason(Error::invalid("요청 헤더가 너무 큽니다", "the request header fields are too large"),
                     "header_too_large");
}

Error bad_version(std::string_view bytes) {
  std::string_view line = bytes.substr(0, bytes.find('\n'));
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  std::string_view v = line.substr(line.rfind(' ') + 1);
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  if (v.size() == 8 && v.substr(0, 5) == "HTTP/" && digit(v[5]) && v[6] == '.' && digit(v[7]) && v[5] != '1') {
    return with_reason(Error::invalid("지원하지 않는 HTTP 버전입니다", "only HTTP/1.0 and HTTP/1.1 are served"),
                       "http_version_not_supported");
  }
  return bad_request("malformed HTTP version");
}

Error too_large_body(size_t limit) {
  return with_reason(Error::invalid("요청 본문이 너무 큽니다",
                                    "the request body is too large (at most " + std::to_string(limit) + " bytes)"),
                     "payload_too_large");
}

std::optional<Error> check_head(const RequestHead& h) {
  if (h.version / 10 != 1) {
    return with_reason(Error::invalid("지원하지 않는 HTTP 버전입니다", "only HTTP/1.0 and HTTP/1.1 are served"),
                       "http_version_not_supported");
  }
  if (h.target.size() > kMaxTargetBytes)
    return with_reason(Error::invalid("요청 주소가 너무 깁니다", "the request target is too long"), "uri_too_long");
  bool target_ok = (!h.target.empty() && h.target.front() == '/') || starts_with_scheme(h.target) ||
                   (h.target == "*" && h.method == "OPTIONS");
  if (!target_ok) return bad_request("the request target must be a path, an absolute URL, or * for OPTIONS");

  int hosts = 0, lengths = 0;
  std::vector<std::string> codings;
  bool has_te = false;
  for (const auto& [name, value] : h.fields) {
    if (iequals(name, "host")) {
      ++hosts;
    } else if (iequals(name, "content-length")) {
      ++lengths;
    } else if (iequals(name, "transfer-encoding")) {
      has_te = true;
      std::string_view rest = value;
      while (true) {
        auto comma = rest.find(',');
        std::string_view tok = trim(rest.substr(0, comma));
        if (!tok.empty()) {
          std::string t;
          for (char c : tok) t.push_back(lower(c));
          codings.push_back(std::move(t));
        }
        if (comma == std::string_view::npos) break;
        rest.remove_prefix(comma + 1);
      }
    }
  }
  if (h.version >= 11 && hosts != 1) return bad_request("an HTTP/1.1 request needs exactly one Host header field");
  if (hosts > 1) return bad_request("more than one Host header field");
  if (lengths > 1) return bad_request("more than one Content-Length header field");
  if (has_te) {
    if (h.version < 11) return bad_request("Transfer-Encoding in an HTTP/1.0 request");
    if (lengths > 0) return bad_request("both Transfer-Encoding and Content-Length");
    if (codings.empty() || codings.back() != "chunked")
      return bad_request("Transfer-Encoding must end with chunked");
    if (std::count(codings.begin(), codings.end(), "chunked") > 1) return bad_request("chunked applied twice");
    if (codings.size() > 1) {
      return with_reason(Error::invalid("지원하지 않는 전송 인코딩입니다", "only the chunked transfer coding is served"),
                         "not_implemented");
    }
  }
  return std::nullopt;
}

std::string origin_form(std::string_view target, std::string* authority) {
  if (!starts_with_scheme(target)) return std::string(target);
  target.remove_prefix(target.find("://") + 3);
  size_t end = target.find_first_of("/?#");
  if (authority) *authority = std::string(target.substr(0, end));
  if (end == std::string_view::npos) return "/";
  std::string out(target.substr(end));
  if (out.front() != '/') out.insert(out.begin(), '/');
  return out;
}

bool is_json_media_type(std::string_view ct) {
  auto semi = ct.find(';');
  if (!iequals(trim(ct.substr(0, semi)), "application/json")) return false;
  while (semi != std::string_view::npos) {
    ct.remove_prefix(semi + 1);
    semi = ct.find(';');
    std::string_view param = trim(ct.substr(0, semi));
    if (param.empty()) continue;
    auto eq = param.find('=');
    if (eq == std::string_view::npos) return false;
    std::string_view name = trim(param.substr(0, eq)), value = trim(param.substr(eq + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
    if (iequals(name, "charset") && !iequals(value, "utf-8")) return false;
  }
  return true;
}

}  // namespace dongne::http
