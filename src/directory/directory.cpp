#include "directory/directory.h"

#include <algorithm>
#include <charconv>

#include "core/clock.h"
#include "directory/schemas.h"

namespace dongne::directory {

using store::Value;

nlohmann::json to_json(const Organisation& o) {
  return {{"id", o.id},         {"kind", o.kind},       {"code", o.code},
          {"name_ko", o.name_ko}, {"name_en", o.name_en},
          {"parent_id", o.parent_id ? nlohmann::json(*o.parent_id) : nlohmann::json(nullptr)},
          {"address", o.address}, {"demo", o.demo}, {"retired", o.retired}};
}

namespace {
constexpr const char* kCols = "id, kind, code, name_ko, name_en, parent_id, address, demo, retired_at";
Organisation from_row(const store::Row& r) {
  return Organisation{r.i64(0), r.str(1), r.str(2), r.str(3), r.str(4), r.opt_i64(5), r.str(6), r.i64(7) != 0,
                      r.opt_i64(8).has_value()};
}
}  // namespace

Result<std::vector<Organisation>> Directory::list(const std::optional<std::string>& kind, bool include_retired) {
  std::vector<Organisation> out;
  DONGNE_TRY(db_.read([&](store::Tx& tx) -> Status {
    const std::string active = include_retired ? "" : " AND retired_at IS NULL";
    auto rows = kind ? tx.query(std::string("SELECT ") + kCols + " FROM organisations WHERE kind = ?" + active + " ORDER BY id", {*kind})
                     : tx.query(std::string("SELECT ") + kCols + " FROM organisations WHERE 1 = 1" + active + " ORDER BY id");
    if (!rows.ok()) return rows.error();
    for (const auto& r : rows->rows) out.push_back(from_row(r));
    return ok_status();
  }));
  return out;
}

Result<std::optional<Organisation>> Directory::by_id(int64_t id) {
  std::optional<Organisation> out;
  DONGNE_TRY(db_.read([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(auto rows, tx.query(std::string("SELECT ") + kCols + " FROM organisations WHERE id = ?", {id}));
    if (!rows.empty()) out = from_row(rows[0]);
    return ok_status();
  }));
  return out;
}

Result<std::optional<Organisation>> Directory::by_code(const std::string& code) {
  std::optional<Organisation> out;
  DONGNE_TRY(db_.read([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(auto rows, tx.query(std::string("SELECT ") + kCols + " FROM organisations WHERE code = ?", {code}));
    if (!rows.empty()) out = from_row(rows[0]);
    return ok_status();
  }));
  return out;
}

Result<int64_t> Directory::upsert(store::Tx& tx, const Organisation& o, const std::optional<std::string>& parent_code) {
  Value parent = nullptr;
  if (parent_code) {
    DONGNE_ASSIGN_OR_RETURN(auto p, tx.query("SELECT id FROM organisations WHERE code = ?", {*parent_code}));
    if (p.empty()) return Error::invalid("상위 기관이 없습니다", "unknown parent organisation " + *parent_code);
    parent = p[0].i64(0);
  }
  DONGNE_ASSIGN_OR_RETURN(auto existing, tx.query("SELECT id FROM organisations WHERE code = ?", {o.code}));
  if (!existing.empty()) {
    int64_t id = existing[0].i64(0);
    DONGNE_TRY(tx.exec("UPDATE organisations SET kind = ?, name_ko = ?, name_en = ?, parent_id = ?, address = ?, demo = ? "
                       "WHERE id = ?",
                       {o.kind, o.name_ko, o.name_en, parent, o.address, int64_t{o.demo ? 1 : 0}, id}));
    return id;
  }
  return tx.insert("INSERT INTO organisations (kind, code, name_ko, name_en, parent_id, address, demo) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?)",
                   {o.kind, o.code, o.name_ko, o.name_en, parent, o.address, int64_t{o.demo ? 1 : 0}});
}

Status Directory::upsert_occupation(store::Tx& tx, const std::string& code, const std::string& ko,
                                    const std::string& en, const std::optional<std::string>& parent) {
  return to_status(tx.exec(
      "INSERT INTO occupations (code, name_ko, name_en, parent_code) VALUES (?, ?, ?, ?) "
      "ON CONFLICT (code) DO UPDATE SET name_ko = excluded.name_ko, name_en = excluded.name_en, "
      "parent_code = excluded.parent_code",
      {code, ko, en, parent ? Value(*parent) : Value(nullptr)}));
}

Result<std::vector<nlohmann::json>> Directory::occupations() {
  std::vector<nlohmann::json> out;
  DONGNE_TRY(db_.read([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT code, name_ko, name_en, parent_code FROM occupations ORDER BY code"));
    for (const auto& r : rows.rows)
      out.push_back({{"code", r.str(0)}, {"name_ko", r.str(1)}, {"name_en", r.str(2)},
                     {"parent_code", r.is_null(3) ? nlohmann::json(nullptr) : nlohmann::json(r.str(3))}});
    return ok_status();
  }));
  return out;
}

void add_routes(http::Router& r, Directory& dir) {
  using http::Access;
  using http::Context;
  using http::Doc;
  using http::Method;
  using http::Response;

  r.add(Method::kGet, "/api/v1/districts", Access::anyone(), Doc{"The city's districts (군·구)", "directory"}.returns(http::schema::list_of(http::schema::object({{"code", http::schema::kStr}, {"name_ko", http::schema::kStr}, {"name_en", http::schema::kStr}, {"id", http::schema::kInt}}))),
        [&dir](Context&) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(auto orgs, dir.list(std::string("district")));
          nlohmann::json items = nlohmann::json::array();
          for (const auto& o : orgs) items.push_back({{"code", o.code}, {"name_ko", o.name_ko}, {"name_en", o.name_en}, {"id", o.id}});
          return Response::json(200, {{"items", items}});
        });

  r.add(Method::kGet, "/api/v1/organisations", Access::anyone(),
        Doc{"Organisations: city, districts, centres, facilities, operators", "directory", nullptr, {"kind"}}.returns(http::schema::list_of(schemas::organisation())),
        [&dir](Context& ctx) -> Result<Response> {
          auto kind = ctx.query("kind");
          static const std::vector<std::string> kKinds = {"city", "district", "centre", "facility", "operator", "employer", "school"};
          if (kind && std::find(kKinds.begin(), kKinds.end(), *kind) == kKinds.end())
            return Error::field("query.kind", "enum", "알 수 없는 기관 종류입니다", "unknown organisation kind");
          DONGNE_ASSIGN_OR_RETURN(auto orgs, dir.list(kind));
          nlohmann::json items = nlohmann::json::array();
          for (const auto& o : orgs) items.push_back(to_json(o));
          return Response::json(200, {{"items", items}});
        });

  r.add(Method::kGet, "/api/v1/holidays", Access::anyone(),
        Doc{"Korean public holidays of a year (관공서의 공휴일)", "directory", nullptr, {"year"}}.returns(http::schema::object({{"year", http::schema::kInt}, {"items", http::schema::array_of(http::schema::object({{"date", http::schema::kDate}, {"name_ko", http::schema::kStr}, {"name_en", http::schema::kStr}, {"kind", http::schema::kStr}}))}})),
        [&dir](Context& ctx) -> Result<Response> {
          int year = local_date(SystemClock().now_ms()).year;
          if (auto y = ctx.query("year")) {
            auto [p, ec] = std::from_chars(y->data(), y->data() + y->size(), year);
            if (ec != std::errc() || p != y->data() + y->size() || year < 1900 || year > 2100)
              return Error::field("query.year", "year", "연도가 올바르지 않습니다", "not a valid year");
          }
          const auto& cal = dir.holidays();
          if (year < cal.first_year() || year > cal.last_year())
            return Error::not_found("해당 연도의 공휴일 자료가 없습니다",
                                    "no holiday data for " + std::to_string(year) + " (covered: " +
                                        std::to_string(cal.first_year()) + "-" + std::to_string(cal.last_year()) + ")");
          nlohmann::json items = nlohmann::json::array();
          for (const auto& h : cal.all())
            if (h.date.year == year)
              items.push_back({{"date", format_date(h.date)}, {"name_ko", h.name_ko}, {"name_en", h.name_en},
                               {"kind", holiday_kind_name(h.kind)}});
          return Response::json(200, {{"year", year}, {"items", items}});
        });

  r.add(Method::kGet, "/api/v1/occupations", Access::anyone(),
        Doc{"Occupation codes (KECO 2018 major and minor groups)", "directory"}.returns(http::schema::list_of(http::schema::object({{"code", http::schema::kStr}, {"name_ko", http::schema::kStr}, {"name_en", http::schema::kStr}, {"parent_code", http::schema::nullable(http::schema::kStr)}}))),
        [&dir](Context&) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(auto items, dir.occupations());
          return Response::json(200, {{"items", items}});
        });
}

}  // namespace dongne::directory
