#include "http/router.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <cstdlib>

namespace dongne::http {

bool Access::allows(const Principal* p) const {
  switch (kind_) {
    case Kind::kPublic: return true;
    case Kind::kSignedIn: return p != nullptr;
    case Kind::kRoles:
      if (p == nullptr) return false;
      return std::any_of(roles_.begin(), roles_.end(), [&](Role r) { return p->has(r); });
  }
  return false;
}

bool Access::admits_scoped_role() const {
  return std::any_of(roles_.begin(), roles_.end(), [](Role r) { return !scope_kinds_for(r).empty(); });
}

std::vector<std::string> Access::describe() const {
  switch (kind_) {
    case Kind::kPublic: return {"public"};
    case Kind::kSignedIn: return {"signed_in"};
    case Kind::kRoles: {
      std::vector<std::string> out;
      for (Role r : roles_) out.emplace_back(role_name(r));
      return out;
    }
  }
  return {};
}

const std::string& Context::param(const std::string& name) const {
  static const std::string kEmpty;
  auto it = params_.find(name);
  return it == params_.end() ? kEmpty : it->second;
}

Result<int64_t> Context::id_param(const std::string& name) const {
  const std::string& s = param(name);
  int64_t v = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || ptr != s.data() + s.size() || v <= 0)
    return Error::field("path." + name, "id", "올바른 번호가 아닙니다", "not a valid id");
  return v;
}

Result<nlohmann::json> Context::json_body() const {
  if (req_.body.empty())
    return Error::field("body", "required", "요청 본문(JSON)이 필요합니다", "a JSON body is required");
  auto j = nlohmann::json::parse(req_.body, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded())
    return Error::field("body", "json", "JSON 형식이 올바르지 않습니다", "the body is not valid JSON");
  if (!j.is_object())
    return Error::field("body", "object", "JSON 객체여야 합니다", "the body must be a JSON object");
  return j;
}

std::optional<std::string> Context::query(const std::string& name) const {
  auto it = req_.query.find(name);
  if (it == req_.query.end()) return std::nullopt;
  return it->second;
}

std::vector<std::string> split_path(std::string_view path) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < path.size()) {
    while (i < path.size() && path[i] == '/') ++i;
    size_t j = path.find('/', i);
    if (j == std::string_view::npos) j = path.size();
    if (j > i) out.emplace_back(path.substr(i, j - i));
    i = j;
  }
  return out;
}

void Router::add(Route r) {
  for (const auto& existing : routes_) {
    if (existing.method == r.method && existing.pattern == r.pattern) {
      std::fprintf(stderr, "duplicate route %s %s\n", std::string(method_name(r.method)).c_str(),
                   r.pattern.c_str());
      std::abort();
    }
  }
  split_.push_back(split_path(r.pattern));
  if (r.method == Method::kGet && (!r.doc.personal_data.empty() || r.doc.get_writes)) writing_reads_.push_back(routes_.size());
  routes_.push_back(std::move(r));
}

bool Router::may_write(Method m, std::string_view path) const {
  if (m != Method::kGet && m != Method::kHead && m != Method::kOptions) return true;
  if (writing_reads_.empty()) return false;
  const auto segs = split_path(path);
  for (size_t i : writing_reads_) {
    const auto& pat = split_[i];
    if (pat.size() != segs.size()) continue;
    bool ok = true;
    for (size_t k = 0; k < pat.size() && ok; ++k) {
      const bool param = pat[k].size() > 2 && pat[k].front() == '{' && pat[k].back() == '}';
      ok = param || pat[k] == segs[k];
    }
    if (ok) return true;  // (a literal route of the same shape may win the real match: then this only costs a hop)
  }
  return false;
}

void Router::add(Method m, std::string pattern, Access access, Doc doc, Handler h) {
  add(Route{m, std::move(pattern), std::move(access), std::move(h), std::move(doc)});
}

Match Router::match(Method m, std::string_view path) const {
  Match out;
  auto segs = split_path(path);
  // Literal segments beat parameters: prefer the route with the most literal matches. Parameters are only
  // collected for the winner, so a request allocates nothing per candidate route.
  auto is_param = [](const std::string& p) { return p.size() > 2 && p.front() == '{' && p.back() == '}'; };
  int best_score = -1;
  size_t best = routes_.size();
  for (size_t i = 0; i < routes_.size(); ++i) {
    const auto& pat = split_[i];
    if (pat.size() != segs.size()) continue;
    int score = 0;
    bool ok = true;
    for (size_t k = 0; k < pat.size() && ok; ++k) {
      if (is_param(pat[k])) continue;
      if (pat[k] == segs[k]) ++score;
      else ok = false;
    }
    if (!ok) continue;
    Method rm = routes_[i].method;
    if (rm != m && !(m == Method::kHead && rm == Method::kGet)) {
      out.allowed.push_back(rm);
      continue;
    }
    if (score > best_score) {
      best_score = score;
      best = i;
    }
  }
  if (best < routes_.size()) {
    out.route = &routes_[best];
    const auto& pat = split_[best];
    for (size_t k = 0; k < pat.size(); ++k)
      if (is_param(pat[k])) out.params[pat[k].substr(1, pat[k].size() - 2)] = segs[k];
  }
  out.method_mismatch = out.route == nullptr && !out.allowed.empty();
  return out;
}

std::optional<std::string> idempotency_key(const Context& ctx, Status* bad) {
  auto k = ctx.request().header("idempotency-key");
  if (k.empty()) return std::nullopt;
  bool ok = k.size() <= 200;
  for (char c : k) ok = ok && c > 32 && c < 127;
  if (!ok) {
    *bad = Error::field("header.Idempotency-Key", "format", "Idempotency-Key는 200자 이내의 ASCII 문자여야 합니다",
                        "Idempotency-Key must be at most 200 printable ASCII characters");
  }
  return std::string(k);
}

}  // namespace dongne::http
