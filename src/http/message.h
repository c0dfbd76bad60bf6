// Protocol-level request and response values shared by the router, the middleware and the Beast server.
// They carry no Beast types, so handlers and tests never include Boost. Thread-safety: plain values.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/roles.h"

namespace dongne::http {

enum class Method { kGet, kPost, kPut, kPatch, kDelete, kHead, kOptions, kOther };
std::string_view method_name(Method m);
Method parse_method(std::string_view s);

struct Request {
  Method method = Method::kGet;
  std::string target;                          // raw target: path + query
  std::string path;                            // decoded path, no query
  std::map<std::string, std::string> query;    // decoded query parameters (last one wins)
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
  std::string remote;                          // peer address
  std::string client;                          // the client's address: the peer, or behind a trusted proxy the
                                               // address it forwarded (client_address.h); set by the pipeline
  std::string request_id;

  std::string_view header(std::string_view name) const;  // lower-case name; "" if absent
  std::optional<std::string> cookie(std::string_view name) const;
};

struct Response {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::string content_type = "application/json";

  static Response json(int status, const nlohmann::json& body);
  static Response no_content();
  static Response text(int status, std::string body, std::string content_type = "text/plain; charset=utf-8");
  Response& with_header(std::string name, std::string value);
};

// Percent-decoding of path segments and query strings; returns nullopt on malformed escapes.
std::optional<std::string> url_decode(std::string_view s, bool plus_is_space);
// Splits "a=1&b=2" into a map; malformed escapes make the whole query invalid.
std::optional<std::map<std::string, std::string>> parse_query(std::string_view q);

}  // namespace dongne::http
