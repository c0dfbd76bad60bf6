// Directory administration: an admin creates, renames and retires organisations (the tree that scopes every grant).
#include <regex>

#include "core/clock.h"

#include "directory/directory.h"
#include "http/fields.h"
#include "http/schema.h"
#include "directory/schemas.h"

namespace dongne::directory {

namespace {

const std::vector<std::string> kKinds = {"city", "district", "centre", "facility", "operator", "employer", "school"};

bool code_ok(const std::string& c) {
  static const std::regex kCode("^[a-z0-9][a-z0-9-]{1,59}$");
  return std::regex_match(c, kCode);
}

Error not_found() { return Error::not_found("기관을 찾을 수 없습니다", "no such organisation"); }

Status event(store::Tx& tx, const char* type, int64_t id, int64_t actor, nlohmann::json payload) {
  payload["organisation_id"] = id;
  return to_status(tx.append_event({type, "organisation", std::to_string(id), payload.dump(), actor}));
}

}  // namespace

Result<Organisation> Directory::create(int64_t actor, Organisation o) {
  std::vector<FieldError> errs;
  if (std::find(kKinds.begin(), kKinds.end(), o.kind) == kKinds.end())
    errs.push_back({"kind", "one_of", "알 수 없는 기관 종류입니다", "unknown organisation kind"});
  if (!code_ok(o.code))
    errs.push_back({"code", "format", "코드는 영문 소문자, 숫자, -로 2~60자입니다", "2-60 of a-z, 0-9 and -"});
  if (!errs.empty()) return Error::invalid("기관 정보를 확인해 주세요", "check the organisation", std::move(errs));
  int64_t id = 0;
  DONGNE_TRY(db_.transact([&](store::Tx& tx) -> Status {
    std::optional<std::string> parent_kind;
    if (o.parent_id) {
      DONGNE_ASSIGN_OR_RETURN(parent_kind, org_kind(tx, *o.parent_id));
      if (!parent_kind) return Error::field("parent_id", "unknown", "상위 기관이 없거나 폐지되었습니다", "no such active parent");
    }
    const bool shape_ok = o.kind == "city"       ? !parent_kind
                          : o.kind == "district" ? parent_kind == "city"
                                                 : (parent_kind == "city" || parent_kind == "district");
    if (!shape_ok) {
      return Error::field("parent_id", "shape", "시는 상위 기관이 없고, 구·군은 시 아래, 그 밖의 기관은 시나 구·군 아래에 둡니다",
                          "a city has no parent, a district's is a city, any other organisation's a city or a district");
    }
    DONGNE_ASSIGN_OR_RETURN(auto dup, tx.query("SELECT 1 FROM organisations WHERE code = ?", {o.code}));
    if (!dup.empty()) {
      Error e = Error::conflict("이미 쓰이는 코드입니다", "the code is taken", "duplicate_code");
      e.fields.push_back({"code", "taken", "이미 쓰이는 코드입니다", "the code is taken"});
      return e;
    }
    DONGNE_ASSIGN_OR_RETURN(id, tx.insert("INSERT INTO organisations (kind, code, name_ko, name_en, parent_id, address) "
                                          "VALUES (?, ?, ?, ?, ?, ?)",
                                          {o.kind, o.code, o.name_ko, o.name_en,
                                           o.parent_id ? store::Value(*o.parent_id) : store::Value(nullptr), o.address}));
    return event(tx, "directory.organisation_created", id, actor, {{"kind", o.kind}, {"code", o.code}});
  }));
  DONGNE_ASSIGN_OR_RETURN(auto out, by_id(id));
  return std::move(*out);
}

Result<Organisation> Directory::rename(int64_t actor, int64_t id, const std::optional<std::string>& name_ko,
                                       const std::optional<std::string>& name_en, const std::optional<std::string>& address) {
  DONGNE_TRY(db_.transact([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT retired_at FROM organisations WHERE id = ?", {id}));
    if (rows.empty()) return not_found();
    if (rows[0].opt_i64(0)) return Error::conflict("폐지된 기관입니다", "the organisation is retired", "retired");
    if (name_ko) DONGNE_TRY(tx.exec("UPDATE organisations SET name_ko = ? WHERE id = ?", {*name_ko, id}));
    if (name_en) DONGNE_TRY(tx.exec("UPDATE organisations SET name_en = ? WHERE id = ?", {*name_en, id}));
    if (address) DONGNE_TRY(tx.exec("UPDATE organisations SET address = ? WHERE id = ?", {*address, id}));
    return event(tx, "directory.organisation_renamed", id, actor, nlohmann::json::object());
  }));
  DONGNE_ASSIGN_OR_RETURN(auto out, by_id(id));
  return std::move(*out);
}

Result<Organisation> Directory::retire(int64_t actor, int64_t id) {
  DONGNE_TRY(db_.transact([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT retired_at FROM organisations WHERE id = ?", {id}));
    if (rows.empty()) return not_found();
    if (rows[0].opt_i64(0)) return Error::conflict("이미 폐지된 기관입니다", "already retired", "retired");
    std::vector<FieldError> open;
    DONGNE_ASSIGN_OR_RETURN(auto kids, tx.query("SELECT COUNT(*) FROM organisations WHERE parent_id = ? AND retired_at IS NULL", {id}));
    if (kids[0].i64(0) > 0) {
      const std::string n = std::to_string(kids[0].i64(0));
      open.push_back({"children", "open", "하위 기관 " + n + "곳", n + " active organisations under it"});
    }
    for (const auto& check : checks_) {
      DONGNE_ASSIGN_OR_RETURN(auto what, check(tx, id));
      if (what) open.push_back({"records", "open", what->first, what->second});
    }
    if (!open.empty()) {
      Error e = Error::conflict("아직 열린 기록이 있어 폐지할 수 없습니다", "the organisation still has open records",
                                "has_open_records");
      e.fields = std::move(open);
      return e;
    }
    DONGNE_TRY(tx.exec("UPDATE organisations SET retired_at = ? WHERE id = ?", {SystemClock().now_ms(), id}));
    return event(tx, "directory.organisation_retired", id, actor, nlohmann::json::object());
  }));
  DONGNE_ASSIGN_OR_RETURN(auto out, by_id(id));
  return std::move(*out);
}

void add_admin_routes(http::Router& r, Directory& dir) {
  using http::Access;
  using http::Context;
  using http::Doc;
  using http::Method;
  using http::Response;
  using http::schema::kInt;
  using http::schema::kStr;
  const auto admin = Access::roles({Role::kAdmin});
  const nlohmann::json kNames = {{"type", "object"},
                                 {"properties", {{"name_ko", kStr}, {"name_en", kStr}, {"address", kStr}}}};
  nlohmann::json create_schema = kNames;
  create_schema["required"] = {"kind", "code", "name_ko", "name_en"};
  create_schema["properties"]["kind"] = {{"enum", kKinds}};
  create_schema["properties"]["code"] = kStr;
  create_schema["properties"]["parent_id"] = kInt;

  r.add(Method::kGet, "/api/v1/admin/organisations", admin,
        Doc{"Every organisation, retired ones included", "admin", nullptr, {"kind"}}.returns(http::schema::list_of(schemas::organisation())),
        [&dir](Context& ctx) -> Result<Response> {
          auto kind = ctx.query("kind");
          if (kind && std::find(kKinds.begin(), kKinds.end(), *kind) == kKinds.end())
            return Error::field("query.kind", "enum", "알 수 없는 기관 종류입니다", "unknown organisation kind");
          DONGNE_ASSIGN_OR_RETURN(auto orgs, dir.list(kind, true));
          nlohmann::json items = nlohmann::json::array();
          for (const auto& o : orgs) items.push_back(to_json(o));
          return Response::json(200, {{"items", items}});
        });

  r.add(Method::kPost, "/api/v1/admin/organisations", admin,
        Doc{"Add a city, district, Saeil centre, booking site (facility), operator, employer or school", "admin",
            create_schema, {}, 201}.returns(schemas::organisation()),
        [&dir](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(auto body, ctx.json_body());
          http::Fields f(body);
          Organisation o;
          o.kind = f.one_of("kind", kKinds);
          o.code = f.str("code", http::StrRule{2, 60});
          o.name_ko = f.str("name_ko", http::StrRule{1, 100});
          o.name_en = f.str("name_en", http::StrRule{1, 100});
          o.address = f.opt_str("address", http::StrRule{0, 200}).value_or("");
          o.parent_id = f.opt_i64("parent_id", 1, INT64_MAX);
          DONGNE_TRY(f.finish());
          DONGNE_ASSIGN_OR_RETURN(auto made, dir.create(ctx.me().user_id, o));
          return Response::json(201, to_json(made));
        });

  r.add(Method::kPatch, "/api/v1/admin/organisations/{id}", admin,
        Doc{"Rename an organisation or change its address (its kind, code and place in the tree stay)", "admin", kNames}.returns(schemas::organisation()),
        [&dir](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(int64_t id, ctx.id_param("id"));
          DONGNE_ASSIGN_OR_RETURN(auto body, ctx.json_body());
          http::Fields f(body);
          auto ko = f.opt_str("name_ko", http::StrRule{1, 100});
          auto en = f.opt_str("name_en", http::StrRule{1, 100});
          auto address = f.opt_str("address", http::StrRule{0, 200});
          DONGNE_TRY(f.finish());
          DONGNE_ASSIGN_OR_RETURN(auto o, dir.rename(ctx.me().user_id, id, ko, en, address));
          return Response::json(200, to_json(o));
        });

  r.add(Method::kPost, "/api/v1/admin/organisations/{id}/retire", admin,
        Doc{"Retire an organisation: refused (409 has_open_records, each open kind of record named) while anything "
            "still hangs on it",
            "admin"}.returns(schemas::organisation()),
        [&dir](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(int64_t id, ctx.id_param("id"));
          DONGNE_ASSIGN_OR_RETURN(auto o, dir.retire(ctx.me().user_id, id));
          return Response::json(200, to_json(o));
        });
}

}  // namespace dongne::directory
