// The route table: method, path pattern with {params}, who may call it, the handler, and its documentation.
// Every route must declare its Access; the OpenAPI document and the role-by-route test are generated from the
// same table, so they cannot drift. Thread-safety: build the router before serving; match() is then read-only.
#pragma once

#include <functional>
#include <initializer_list>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.h"
#include "core/roles.h"
#include "http/message.h"

namespace dongne::http {

// Whose record a route acts on, so that one place decides whether a scoped caller may (issue 25, DESIGN.md "the
// trust boundary"). Every route that admits a scoped staff role (counsellor, employer, facility manager, operator,
// driver, district or city officer) declares one; the OpenAPI document shows it as x-scope and the generated scope
// test walks it.
//  - record: the route acts on the record of kind `record` (e.g. "jobs.case") named by the path parameter `param`.
//    Its pillar says who owns each kind (store/owners.h); the pipeline refuses 403 out_of_scope before the handler
//    runs when the caller acts on it in none of the route's roles (Principal::acts_on).
//  - caller: the route lists, or creates, inside the caller's own scope (a counsellor's cases, a driver's day, a
//    course for the caller's centre); the service filters by the caller's grants and checks any organisation the
//    body names against them.
struct Scope {
  enum class Kind { kUndeclared, kRecord, kCaller };
  Kind kind = Kind::kUndeclared;
  std::string record;
  std::string param;
};

// Who may call a route.
class Access {
 public:
  static Access anyone() { return Access(Kind::kPublic, {}); }
  static Access signed_in() { return Access(Kind::kSignedIn, {}); }
  static Access roles(std::initializer_list<Role> r) { return Access(Kind::kRoles, std::vector<Role>(r)); }
  bool is_public() const { return kind_ == Kind::kPublic; }
  bool needs_principal() const { return kind_ != Kind::kPublic; }
  bool allows(const Principal* p) const;
  std::vector<std::string> describe() const;  // e.g. {"public"}, {"signed_in"}, {"admin", "city_officer"}
  // The same callers, acting on the record of kind `record` named by the path parameter `param` (see Scope).
  Access on(std::string record, std::string param = "id") const {
    Access a = *this;
    a.scope_ = Scope{Scope::Kind::kRecord, std::move(record), std::move(param)};
    return a;
  }
  // The same callers, each inside their own scope (see Scope).
  Access in_own_scope() const {
    Access a = *this;
    a.scope_ = Scope{Scope::Kind::kCaller, "", ""};
    return a;
  }
  const Scope& scope() const { return scope_; }
  const std::vector<Role>& roles() const { return roles_; }
  // Whether the route admits a role whose grants have a scope, and so must declare a Scope.
  bool admits_scoped_role() const;

 private:
  enum class Kind { kPublic, kSignedIn, kRoles };
  Access(Kind k, std::vector<Role> r) : kind_(k), roles_(std::move(r)) {}
  Kind kind_;
  std::vector<Role> roles_;
  Scope scope_;
};

class Context;
using Handler = std::function<Result<Response>(Context&)>;

// Documentation for OpenAPI. Schemas are JSON Schema fragments.
struct Doc {
  std::string summary;
  std::string tag;
  nlohmann::json request_schema;   // null if the route takes no body
  std::vector<std::string> query;  // names of accepted query parameters
  int success_status = 200;
  // The kind of personal data a read returns ("seeker", "case_notes", "household"... auth/access_log.h), or ""
  // when none. Each read is logged in the access log by the service; each refusal (401, 403) by the pipeline.
  std::string personal_data;
  bool get_writes = false;         // a GET that may write (e.g. makes something on first use): see may_write
  // The JSON body of the success answer (a JSON Schema, http/schema.h), or null when undocumented or not JSON.
  // The OpenAPI document carries it, and the API tests check every real answer against it (tests/api/contract.mjs).
  nlohmann::json response_schema;

  Doc&& returns(nlohmann::json schema) && {
    response_schema = std::move(schema);
    return std::move(*this);
  }
};

struct Route {
  Method method = Method::kGet;
  std::string pattern;  // e.g. "/api/v1/users/{id}"
  Access access = Access::anyone();
  Handler handler;
  Doc doc;
};

// What a handler sees.
class Context {
 public:
  Context(const Request& req, const Principal* principal, std::map<std::string, std::string> params)
      : req_(req), principal_(principal), params_(std::move(params)) {}
  const Request& request() const { return req_; }
  const Principal* principal() const { return principal_; }
  // The caller; only valid on routes whose Access needs a principal.
  const Principal& me() const { return *principal_; }
  const std::string& param(const std::string& name) const;
  // A path parameter that must be a positive integer id.
  Result<int64_t> id_param(const std::string& name) const;
  // The body parsed as a JSON object (problem+json on malformed JSON or a non-object).
  Result<nlohmann::json> json_body() const;
  // A query parameter, if given.
  std::optional<std::string> query(const std::string& name) const;

 private:
  const Request& req_;
  const Principal* principal_;
  std::map<std::string, std::string> params_;
};

struct Match {
  const Route* route = nullptr;
  std::map<std::string, std::string> params;
  bool method_mismatch = false;  // the path exists with other methods (405)
  std::vector<Method> allowed;
};

class Router {
 public:
  // Adds a route; aborts at start-up on a duplicate (a programmer error).
  void add(Route r);
  void add(Method m, std::string pattern, Access access, Doc doc, Handler h);
  Match match(Method m, std::string_view path) const;
  const std::vector<Route>& routes() const { return routes_; }
  // Whether serving the request may write to the store and wait for the commit: every method but GET, HEAD and
  // OPTIONS, reads of personal data (Doc::personal_data: each read is logged in the store), and GETs marked
  // Doc::get_writes. Cheap: looks only at those few GET routes. (The server runs such requests on its write workers.)
  bool may_write(Method m, std::string_view path) const;

 private:
  struct Segments;
  std::vector<Route> routes_;
  std::vector<std::vector<std::string>> split_;  // split patterns, parallel to routes_
  std::vector<size_t> writing_reads_;            // GET routes with Doc::personal_data or Doc::get_writes
};

std::vector<std::string> split_path(std::string_view path);
// The request's Idempotency-Key header (at most 200 printable ASCII characters), if sent; a malformed key sets
// *bad to a field error on "header.Idempotency-Key".
std::optional<std::string> idempotency_key(const Context& ctx, Status* bad);

}  // namespace dongne::http
