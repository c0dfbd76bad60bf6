// Message framing rules of RFC 9112 and media types of RFC 9110, checked on a request's head before its body is
// read. Pure functions over strings (no Beast, no I/O), so the server, its tests and the fuzzer share them.
//   - a version other than HTTP/1.x is refused with 505; HTTP/1.1 needs exactly one Host, 1.0 at most one;
//   - Transfer-Encoding must be a single final "chunked" (anything else: 400, or 501 for codings before it), never
//     with Content-Length, never on HTTP/1.0; one Content-Length field at most;
//   - a target is origin-form ("/p?q"), absolute-form ("http://host/p?q", served as origin-form), or "*" for
//     OPTIONS, and at most kMaxTargetBytes long (414).
// Every refusal here ends the connection: the server closes after answering, so bytes after a refused head are
// never read as another request.
// Thread-safety: plain functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.h"

namespace dongne::http {

inline constexpr size_t kMaxTargetBytes = 8 * 1024;
inline constexpr size_t kMaxHeaderBytes = 32 * 1024;  // request line and header fields together

struct RequestHead {
  unsigned version = 11;  // 10 * major + minor, as the parser reads "HTTP/x.y"
  std::string_view method;
  std::string_view target;
  std::vector<std::pair<std::string_view, std::string_view>> fields;  // as received, names in any case
};

// nullopt when the head frames a request this server reads; otherwise the refusal (its reason maps to the status).
std::optional<Error> check_head(const RequestHead& head);

// The origin-form of a target: "/p?q" stays; "http://host:1/p?q" becomes "/p?q" (and "host:1" goes to *authority);
// "http://host" becomes "/".
std::string origin_form(std::string_view target, std::string* authority = nullptr);

// RFC 9110 §8.3: a Content-Type of application/json, compared case-insensitively, with optional whitespace around
// ';' and parameters; a charset parameter, if any, must be utf-8.
bool is_json_media_type(std::string_view content_type);

// The refusal for a head the parser could not read at all (syntax), for one over kMaxHeaderBytes (414 when the
// request line itself did not fit, else 431), and for a declared body over the limit (413).
Error bad_request(std::string en);
Error too_large_head(bool request_line_fitted);
// A request line the parser refused for its version: 505 when it names a well-formed version other than 1.x
// ("HTTP/2.0", "HTTP/0.9"), else 400.
Error bad_version(std::string_view request_bytes);
Error too_large_body(size_t limit);

}  // namespace dongne::http
