// The access log over HTTP: an admin's view with filters (subject, reader, kind, dates) and a CSV export, and a
// resident's own view: who read her records, when and why (PIPA's right of access; readers' names masked).
#include <charconv>

#include "auth/routes.h"
#include "auth/schemas.h"
#include "core/calendar.h"
#include "core/csv.h"
#include "core/privacy.h"

namespace dongne::auth {

using http::Access;
using http::Context;
using http::Doc;
using http::Method;
using http::Response;

namespace {

const std::vector<std::string> kKinds = {"account", "seeker", "seeker_profile", "case_notes", "participant", "rider",
                                         "luggage_customer", "visit_client", "household", "access_log"};

nlohmann::json entry_json(const AccessEntry& e, bool mask_reader) {
  return {{"id", e.id},
          {"at", format_rfc3339(e.read.at)},
          {"actor_user_id", mask_reader ? nlohmann::json(nullptr) : nlohmann::json(e.read.reader)},
          {"actor", mask_reader ? mask_name(e.reader_name) : e.reader_name},
          {"subject_user_id", e.read.subject_user},
          {"kind", e.read.kind},
          {"record_id", e.read.record},
          {"route", e.read.route},
          {"reason", e.read.reason},
          {"allowed", e.read.allowed}};
}

Result<std::optional<int64_t>> id_query(const Context& ctx, const std::string& name) {
  auto v = ctx.query(name);
  if (!v) return std::optional<int64_t>();
  int64_t out = 0;
  auto [ptr, ec] = std::from_chars(v->data(), v->data() + v->size(), out);
  if (ec != std::errc() || ptr != v->data() + v->size() || out < 0)
    return Error::field("query." + name, "type", "숫자여야 합니다", "must be a whole number");
  return std::optional<int64_t>(out);
}

Result<std::optional<EpochMs>> day_query(const Context& ctx, const std::string& name, int add_days_after) {
  auto v = ctx.query(name);
  if (!v) return std::optional<EpochMs>();
  auto d = parse_date(*v);
  if (!d.ok()) return Error::field("query." + name, "date", "날짜(YYYY-MM-DD)여야 합니다", "must be a date YYYY-MM-DD");
  return std::optional<EpochMs>(start_of_local_day(add_days(*d, add_days_after)));
}

Result<AccessFilter> filter_of(const Context& ctx) {
  AccessFilter f;
  DONGNE_ASSIGN_OR_RETURN(Page p, page_of(ctx));
  f.before_id = p.cursor ? p.cursor : INT64_MAX;
  f.limit = p.limit;
  DONGNE_ASSIGN_OR_RETURN(f.subject_user, id_query(ctx, "subject_user_id"));
  DONGNE_ASSIGN_OR_RETURN(f.reader, id_query(ctx, "reader_user_id"));
  if (auto k = ctx.query("kind")) {
    if (std::find(kKinds.begin(), kKinds.end(), *k) == kKinds.end())
      return Error::field("query.kind", "one_of", "알 수 없는 종류입니다", "unknown kind of record");
    f.kind = *k;
  }
  DONGNE_ASSIGN_OR_RETURN(f.from, day_query(ctx, "from", 0));
  DONGNE_ASSIGN_OR_RETURN(f.to, day_query(ctx, "to", 1));  // the whole of the last day
  return f;
}

Response csv_of(const std::vector<AccessEntry>& rows) {
  std::vector<std::vector<std::string>> cells;
  for (const auto& e : rows) {
    cells.push_back({std::to_string(e.id), format_rfc3339(e.read.at), std::to_string(e.read.reader), e.reader_name,
                     std::to_string(e.read.subject_user), e.read.kind, e.read.record, e.read.route, e.read.reason,
                     e.read.allowed ? "yes" : "no"});
  }
  Response r = Response::text(200, csv_table({"id", "at", "reader_user_id", "reader", "subject_user_id", "kind", "record_id",
                                              "route", "reason", "allowed"},
                                             cells),
                              "text/csv; charset=utf-8");
  r.headers.emplace_back("Content-Disposition", "attachment; filename=\"access-log.csv\"");
  return r;
}

}  // namespace

void add_access_log_routes(http::Router& r, AuthService& auth) {
  r.add(Method::kGet, "/api/v1/admin/access-log", Access::roles({Role::kAdmin}),
        Doc{"Every read of personal data, allowed or refused: who, whose account, which record, by which route and why, "
            "when. Filters: subject, reader, kind, from/to (local dates, inclusive); format=csv exports up to 10,000 rows.",
            "admin", nullptr, {"cursor", "limit", "subject_user_id", "reader_user_id", "kind", "from", "to", "format"}}.returns(schemas::page_of(schemas::access_entry())),
        [&auth](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(AccessFilter f, filter_of(ctx));
          const bool csv = ctx.query("format").value_or("") == "csv";
          if (csv) f.limit = 10'000;
          DONGNE_ASSIGN_OR_RETURN(auto rows, auth.access_log(f));
          if (csv) return csv_of(rows);
          nlohmann::json items = nlohmann::json::array();
          for (const auto& e : rows) items.push_back(entry_json(e, false));
          return page_response(Page{f.before_id, f.limit}, std::move(items), rows.empty() ? 0 : rows.back().id);
        });

  r.add(Method::kGet, "/api/v1/me/access-log", Access::signed_in(),
        Doc{"Who read my personal data, when and why (readers' names masked)", "auth", nullptr, {"cursor", "limit"}}.returns(schemas::page_of(schemas::access_entry())),
        [&auth](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(Page p, page_of(ctx));
          AccessFilter f;
          f.subject_user = ctx.me().user_id;
          f.before_id = p.cursor ? p.cursor : INT64_MAX;
          f.limit = p.limit;
          DONGNE_ASSIGN_OR_RETURN(auto rows, auth.access_log(f));
          nlohmann::json items = nlohmann::json::array();
          for (const auto& e : rows) items.push_back(entry_json(e, true));
          return page_response(p, std::move(items), rows.empty() ? 0 : rows.back().id);
        });
}

}  // namespace dongne::auth
