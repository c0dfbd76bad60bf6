#include "http/wire.h"

#include <cctype>

namespace dongne::http::wire {

RequestHead head_of(const BeastRequest& msg) {
  RequestHead h;
  h.version = msg.version();
  h.method = std::string_view(msg.method_string().data(), msg.method_string().size());
  h.target = std::string_view(msg.target().data(), msg.target().size());
  for (const auto& f : msg) {
    h.fields.emplace_back(std::string_view(f.name_string().data(), f.name_string().size()),
                          std::string_view(f.value().data(), f.value().size()));
  }
  return h;
}

Request to_request(BeastRequest& msg, const std::string& remote) {
  Request r;
  r.method = parse_method(std::string_view(msg.method_string().data(), msg.method_string().size()));
  std::string authority;
  r.target = origin_form(std::string_view(msg.target().data(), msg.target().size()), &authority);
  std::string_view t = r.target;
  size_t q = t.find('?');
  auto path = url_decode(t.substr(0, q), false);
  r.path = path ? *path : std::string(t.substr(0, q));
  if (q != std::string_view::npos) {
    auto parsed = parse_query(t.substr(q + 1));
    if (parsed) r.query = std::move(*parsed);
    else r.headers["x-dongne-bad-query"] = "1";
  }
  if (!path) r.headers["x-dongne-bad-path"] = "1";
  for (const auto& f : msg) {
    std::string name(f.name_string());
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    auto [it, inserted] = r.headers.emplace(std::move(name), std::string(f.value()));
    if (!inserted) it->second += ", " + std::string(f.value());
  }
  if (!authority.empty()) r.headers["host"] = authority;  // RFC 9112 §3.2.2: the target's authority wins
  r.body = std::move(msg.body());
  r.remote = remote;
  return r;
}

}  // namespace dongne::http::wire
