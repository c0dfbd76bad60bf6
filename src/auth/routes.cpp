#include "auth/routes.h"
#include "auth/schemas.h"

#include <charconv>

#include "http/fields.h"

namespace dongne::auth {

using http::Access;
using http::Context;
using http::Doc;
using http::Fields;
using http::Method;
using http::Response;
using http::StrRule;
using namespace http::schema;  // NOLINT(google-build-using-namespace): the response schemas' vocabulary

namespace {

const nlohmann::json kLoginSchema = {
    {"type", "object"},
    {"required", {"login", "password"}},
    {"properties", {{"login", {{"type", "string"}}}, {"password", {{"type", "string"}}},
                    {"token", {{"type", "boolean"}, {"description", "return a bearer token instead of a cookie"}}}}}};
const nlohmann::json kRegisterSchema = {
    {"type", "object"},
    {"required", {"name", "password"}},
    {"description", "An email or a phone number (or both) is required: the account's login."},
    {"anyOf", {{{"required", {"email"}}}, {{"required", {"phone"}}}}},
    {"properties", {{"name", {{"type", "string"}}}, {"email", {{"type", "string"}}}, {"phone", {{"type", "string"}}},
                    {"password", {{"type", "string"}, {"minLength", 10}}}, {"district_code", {{"type", "string"}}},
                    {"locale", {{"enum", {"ko", "en"}}}}}}};
const nlohmann::json kGrantSchema = {
    {"type", "object"},
    {"required", {"role"}},
    {"properties", {{"role", {{"enum", [] {
                       nlohmann::json names = nlohmann::json::array();
                       for (Role r : kAllRoles) names.push_back(std::string(role_name(r)));
                       return names;
                     }()}}},
                    {"scope_kind", {{"enum", {"", "city", "district", "centre", "facility", "operator", "employer", "school"}}}},
                    {"scope_id", {{"type", "integer"}}}, {"scope_name", {{"type", "string"}}}}}};
const nlohmann::json kStaffSchema = {
    {"type", "object"},
    {"required", {"name", "roles"}},
    {"properties", {{"name", {{"type", "string"}}}, {"email", {{"type", "string"}}}, {"phone", {{"type", "string"}}},
                    {"password", {{"type", "string"}}}, {"roles", {{"type", "array"}, {"items", kGrantSchema}}}}}};

std::vector<std::string> role_names() {
  std::vector<std::string> out;
  for (Role r : kAllRoles) out.emplace_back(role_name(r));
  return out;
}

// Reads a grant object (role + optional scope) with field errors under `prefix`.
Grant read_grant(const nlohmann::json& j, const std::string& prefix, Fields& outer) {
  if (!j.is_object()) {
    outer.fail(prefix, "type", "객체여야 합니다", "must be an object");
    return {};
  }
  Fields f(j, prefix);
  Grant g;
  std::string role = f.one_of("role", role_names());
  g.scope_kind = f.one_of("scope_kind", {"", "city", "district", "centre", "facility", "operator", "employer"}, false);
  g.scope_id = f.opt_i64("scope_id", 0, INT64_MAX).value_or(0);
  g.scope_name = f.opt_str("scope_name", StrRule{0, 100}).value_or("");
  outer.absorb(f);
  if (auto r = parse_role(role)) g.role = *r;
  return g;
}

// Name plus an email or a phone number (at least one), as registration and staff accounts both ask.
struct Contact {
  std::string name;
  std::optional<std::string> email;
  std::optional<std::string> phone;
};
Contact read_contact(Fields& f) {
  Contact c{f.str("name", StrRule{1, 50}), f.opt_email("email"), f.opt_phone("phone")};
  if (!f.has("email") && !f.has("phone"))
    f.fail("email", "required", "이메일 또는 전화번호가 필요합니다", "an email or a phone number is required");
  return c;
}

std::string cookie_header(const CookieOptions& c, const std::string& value, int64_t max_age_s) {
  std::string h = c.name + "=" + value + "; Path=/; HttpOnly; SameSite=Lax; Max-Age=" + std::to_string(max_age_s);
  if (c.secure) h += "; Secure";
  return h;
}

// The device cookie (auth/throttle.h): sent back only to the sign-in route, for 180 days, never to scripts.
constexpr const char* kDeviceCookie = "dongne_device";
std::string device_cookie_header(const CookieOptions& c, const std::string& token) {
  std::string h = std::string(kDeviceCookie) + "=" + token + "; Path=/api/v1/auth/login; HttpOnly; SameSite=Strict; Max-Age=" +
                  std::to_string(180LL * 24 * 3600);
  if (c.secure) h += "; Secure";
  return h;
}

// Masked for lists (개인정보 마스킹): enough to tell accounts apart, not to contact anyone. The full address and
// number come only from the single-account read, which asks for a reason and is logged.
std::string masked_email(const std::string& e) {
  const size_t at = e.find('@');
  if (at == std::string::npos) return "***";
  return e.substr(0, std::min<size_t>(2, at)) + "***" + e.substr(at);
}

std::string masked_phone(const std::string& p) {
  std::string digits;
  for (char c : p)
    if (c >= '0' && c <= '9') digits += c;
  return digits.size() < 4 ? std::string("***") : "***-****-" + digits.substr(digits.size() - 4);
}

Result<Response> users_page(AuthService& auth, const Context& ctx) {
  DONGNE_ASSIGN_OR_RETURN(Page p, page_of(ctx));
  DONGNE_ASSIGN_OR_RETURN(auto users, auth.list_users(p.cursor, p.limit));
  nlohmann::json items = nlohmann::json::array();
  for (const auto& u : users) {
    nlohmann::json j = to_json(u);
    j.erase("email");
    j.erase("phone");
    j["email_masked"] = u.email ? nlohmann::json(masked_email(*u.email)) : nlohmann::json(nullptr);
    j["phone_masked"] = u.phone ? nlohmann::json(masked_phone(*u.phone)) : nlohmann::json(nullptr);
    items.push_back(std::move(j));
  }
  return page_response(p, std::move(items), users.empty() ? 0 : users.back().id);
}

}  // namespace

http::Response page_response(const Page& p, nlohmann::json items, int64_t last_id) {
  nlohmann::json next = items.size() == static_cast<size_t>(p.limit) ? nlohmann::json(std::to_string(last_id))
                                                                     : nlohmann::json(nullptr);
  return Response::json(200, {{"items", std::move(items)}, {"next_cursor", std::move(next)}});
}

Result<Page> page_of(const Context& ctx) {
  Page p;
  auto parse = [](const std::string& s, int64_t& out) {
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc() && ptr == s.data() + s.size();
  };
  if (auto c = ctx.query("cursor"); c && !c->empty()) {
    if (!parse(*c, p.cursor) || p.cursor < 0)
      return Error::field("query.cursor", "cursor", "잘못된 커서입니다", "invalid cursor");
  }
  if (auto l = ctx.query("limit"); l && !l->empty()) {
    int64_t v = 0;
    if (!parse(*l, v) || v < 1 || v > 100)
      return Error::field("query.limit", "range", "1에서 100 사이여야 합니다", "must be between 1 and 100");
    p.limit = static_cast<int>(v);
  }
  return p;
}

Result<std::optional<Principal>> TokenAuthenticator::authenticate(const http::Request& req) {
  auto authz = req.header("authorization");
  if (!authz.empty()) {
    if (authz.substr(0, 7) != "Bearer " && authz.substr(0, 7) != "bearer ")
      return Error::unauthenticated("지원하지 않는 인증 방식입니다", "use 'Authorization: Bearer <token>'");
    auto p = auth_.authenticate(std::string(authz.substr(7)), true);
    if (!p.ok()) return p.error();
    return std::optional<Principal>(std::move(p).value());
  }
  auto c = req.cookie(cookie_.name);
  if (!c || c->empty()) return std::optional<Principal>();
  auto p = auth_.authenticate(*c, false);
  if (!p.ok()) return p.error();
  return std::optional<Principal>(std::move(p).value());
}

void add_routes(http::Router& r, AuthService& auth, CookieOptions cookie) {
  r.add(Method::kPost, "/api/v1/auth/register", Access::anyone(),
        Doc{"Register a resident account", "auth", kRegisterSchema, {}, 201}.returns(object({{"user", schemas::user()}})),
        [&auth](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(auto body, ctx.json_body());
          Fields f(body);
          Registration reg;
          Contact c = read_contact(f);
          reg.name = c.name;
          reg.email = c.email;
          reg.phone = c.phone;
          reg.password = f.str("password", StrRule{1, 256});
          reg.district_code = f.opt_str("district_code", StrRule{1, 40});
          reg.locale = f.has("locale") ? f.one_of("locale", {"ko", "en"}) : "ko";
          if (f.has("resident_registration_number") || f.has("rrn"))
            f.fail("resident_registration_number", "forbidden", "주민등록번호는 받지 않습니다",
                   "resident registration numbers are never accepted");
          DONGNE_TRY(f.finish());
          DONGNE_ASSIGN_OR_RETURN(User u, auth.register_resident(reg));
          return Response::json(201, {{"user", to_json(u)}});
        });

  r.add(Method::kPost, "/api/v1/auth/login", Access::anyone(),
        Doc{"Sign in with email or phone and password", "auth", kLoginSchema, {}, 200}.returns(schemas::session()),
        [&auth, cookie](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(auto body, ctx.json_body());
          Fields f(body);
          std::string login = f.str("login", StrRule{1, 254});
          std::string password = f.str("password", StrRule{1, 256});
          bool as_token = f.boolean("token", false);
          DONGNE_TRY(f.finish());
          const http::Request& req = ctx.request();
          ClientSignals client{req.client, req.cookie(kDeviceCookie).value_or(""), std::string(req.header("user-agent"))};
          DONGNE_ASSIGN_OR_RETURN(
              LoginResult res, auth.login(login, password, as_token ? SessionKind::kBearer : SessionKind::kCookie, client));
          std::string device = device_cookie_header(cookie, res.device_token);
          nlohmann::json out = {{"user", to_json(res.user)}, {"expires_at", format_rfc3339(res.expires_at)}};
          if (as_token) {
            out["token"] = res.token;
            out["token_type"] = "Bearer";
            return Response::json(200, out).with_header("Set-Cookie", device);
          }
          Response resp = Response::json(200, out);
          resp.headers.emplace_back("Set-Cookie", cookie_header(cookie, res.token, (res.expires_at - SystemClock().now_ms()) / 1000));
          resp.headers.emplace_back("Set-Cookie", device);
          resp.headers.emplace_back("Cache-Control", "no-store");
          return resp;
        });

  r.add(Method::kPost, "/api/v1/auth/logout", Access::signed_in(), Doc{"Sign out (ends this session)", "auth", nullptr, {}, 204},
        [&auth, cookie](Context& ctx) -> Result<Response> {
          DONGNE_TRY(auth.logout(ctx.me()));
          Response resp = Response::no_content();
          resp.headers.emplace_back("Set-Cookie", cookie_header(cookie, "", 0));
          return resp;
        });

  r.add(Method::kPost, "/api/v1/auth/tokens", Access::signed_in(),
        Doc{"Issue a bearer token for API clients", "auth", nullptr, {}, 201}.returns(object({{"token", kStr}, {"token_type", one_of_strings({"Bearer"})}, {"expires_at", kDateTime}})),
        [&auth](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(LoginResult res, auth.issue_token(ctx.me(), std::string(ctx.request().header("user-agent"))));
          return Response::json(201, {{"token", res.token}, {"token_type", "Bearer"},
                                      {"expires_at", format_rfc3339(res.expires_at)}});
        });

  r.add(Method::kGet, "/api/v1/me", Access::signed_in(), Doc{"The signed-in account", "auth"}.returns(schemas::user()),
        [&auth](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(User u, auth.me(ctx.me()));
          Response r;
          r.body = user_json_text(u);
          return r;
        });

  r.add(Method::kPatch, "/api/v1/me", Access::signed_in(),
        Doc{"Change own name or language", "auth",
            {{"type", "object"}, {"properties", {{"name", {{"type", "string"}}}, {"locale", {{"enum", {"ko", "en"}}}}}}}}.returns(schemas::user()),
        [&auth](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(auto body, ctx.json_body());
          Fields f(body);
          auto name = f.opt_str("name", StrRule{1, 50});
          std::optional<std::string> locale;
          if (f.has("locale")) locale = f.one_of("locale", {"ko", "en"});
          DONGNE_TRY(f.finish());
          DONGNE_ASSIGN_OR_RETURN(User u, auth.update_me(ctx.me(), name, locale));
          return Response::json(200, to_json(u));
        });

  r.add(Method::kPost, "/api/v1/me/password", Access::signed_in(),
        Doc{"Change own password (ends other sessions)", "auth",
            {{"type", "object"}, {"required", {"current_password", "new_password"}},
             {"properties", {{"current_password", {{"type", "string"}, {"minLength", 1}}},
                             {"new_password", {{"type", "string"}, {"minLength", 10}}}}}},
            {}, 204},
        [&auth](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(auto body, ctx.json_body());
          Fields f(body);
          std::string current = f.str("current_password", StrRule{1, 256});
          std::string next = f.str("new_password", StrRule{1, 256});
          DONGNE_TRY(f.finish());
          DONGNE_TRY(auth.change_password(ctx.me(), current, next));
          return Response::no_content();
        });

  r.add(Method::kGet, "/api/v1/admin/users", Access::roles({Role::kAdmin}),
        Doc{"List accounts (email and phone masked; the full ones come from the logged single-account read)", "admin",
            nullptr, {"cursor", "limit"}}.returns(schemas::page_of(schemas::listed_user())),
        [&auth](Context& ctx) { return users_page(auth, ctx); });

  r.add(Method::kPost, "/api/v1/admin/users", Access::roles({Role::kAdmin}),
        Doc{"Create a staff account with roles", "admin", kStaffSchema, {}, 201}.returns(object({{"user", schemas::user()}, {"initial_password", kStr}}, {"initial_password"})),
        [&auth](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(auto body, ctx.json_body());
          Fields f(body);
          StaffAccount s;
          Contact c = read_contact(f);
          s.name = c.name;
          s.email = c.email;
          s.phone = c.phone;
          s.password = f.opt_str("password", StrRule{1, 256});
          if (!body.contains("roles") || !body["roles"].is_array() || body["roles"].empty()) {
            f.fail("roles", "required", "역할을 하나 이상 지정하세요", "give at least one role");
          } else {
            for (size_t i = 0; i < body["roles"].size(); ++i)
              s.grants.push_back(read_grant(body["roles"][i], "roles[" + std::to_string(i) + "]", f));
          }
          DONGNE_TRY(f.finish());
          DONGNE_ASSIGN_OR_RETURN(auto created, auth.create_staff(ctx.me(), s));
          nlohmann::json out = {{"user", to_json(created.first)}};
          if (!created.second.empty()) out["initial_password"] = created.second;
          return Response::json(201, out);
        });

  r.add(Method::kGet, "/api/v1/admin/users/{id}", Access::roles({Role::kAdmin}),
        Doc{"Read one account (logged as a personal-data read)", "admin", nullptr, {"reason"}, 200, "account"}.returns(schemas::user()),
        [&auth](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(int64_t id, ctx.id_param("id"));
          std::string reason = ctx.query("reason").value_or("account administration");
          if (reason.empty() || reason.size() > 200)
            return Error::field("query.reason", "reason", "열람 사유를 200자 이내로 적어 주세요",
                                "give a reason of at most 200 characters");
          DONGNE_ASSIGN_OR_RETURN(User u, auth.read_user(ctx.me(), id, "GET /api/v1/admin/users/{id}", reason));
          return Response::json(200, to_json(u));
        });

  r.add(Method::kPost, "/api/v1/admin/users/{id}/roles", Access::roles({Role::kAdmin}),
        Doc{"Grant a role with a scope", "admin", kGrantSchema, {}, 200}.returns(schemas::user()),
        [&auth](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(int64_t id, ctx.id_param("id"));
          DONGNE_ASSIGN_OR_RETURN(auto body, ctx.json_body());
          Fields f(body);
          Grant g = read_grant(body, "", f);
          DONGNE_TRY(f.finish());
          DONGNE_ASSIGN_OR_RETURN(User u, auth.grant(ctx.me(), id, g));
          return Response::json(200, to_json(u));
        });

  r.add(Method::kDelete, "/api/v1/admin/users/{id}/roles/{grant_id}", Access::roles({Role::kAdmin}),
        Doc{"Revoke a role grant", "admin"}.returns(schemas::user()), [&auth](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(int64_t id, ctx.id_param("id"));
          DONGNE_ASSIGN_OR_RETURN(int64_t gid, ctx.id_param("grant_id"));
          DONGNE_ASSIGN_OR_RETURN(User u, auth.revoke_grant(ctx.me(), id, gid));
          return Response::json(200, to_json(u));
        });

  for (bool disable : {true, false}) {
    r.add(Method::kPost, disable ? "/api/v1/admin/users/{id}/disable" : "/api/v1/admin/users/{id}/enable",
          Access::roles({Role::kAdmin}),
          Doc{disable ? "Disable an account (ends its sessions)" : "Enable an account", "admin"}.returns(schemas::user()),
          [&auth, disable](Context& ctx) -> Result<Response> {
            DONGNE_ASSIGN_OR_RETURN(int64_t id, ctx.id_param("id"));
            DONGNE_ASSIGN_OR_RETURN(User u, auth.set_disabled(ctx.me(), id, disable));
            return Response::json(200, to_json(u));
          });
  }

  r.add(Method::kGet, "/api/v1/admin/audit", Access::roles({Role::kAdmin}),
        Doc{"The audit log of staff actions, newest first", "admin", nullptr, {"cursor", "limit"}}.returns(schemas::page_of(object({{"id", kInt}, {"actor", kStr}, {"actor_user_id", nullable(kInt)}, {"action", kStr}, {"target", kStr}, {"detail", kAny}, {"at", kDateTime}}))),
        [&auth](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(Page p, page_of(ctx));
          DONGNE_ASSIGN_OR_RETURN(auto rows, auth.audit(p.cursor ? p.cursor : INT64_MAX, p.limit));
          nlohmann::json items = nlohmann::json::array();
          for (const auto& a : rows) {
            items.push_back({{"id", a.id}, {"actor", a.actor_name},
                             {"actor_user_id", a.actor_user_id ? nlohmann::json(*a.actor_user_id) : nlohmann::json(nullptr)},
                             {"action", a.action}, {"target", a.target},
                             {"detail", nlohmann::json::parse(a.detail_json, nullptr, false)},
                             {"at", format_rfc3339(a.at)}});
          }
          return page_response(p, std::move(items), rows.empty() ? 0 : rows.back().id);
        });
  add_access_log_routes(r, auth);
}

}  // namespace dongne::auth
