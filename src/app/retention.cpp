// Retention (DESIGN.md, Privacy and audit): every room's rules (store/retention.h) with the operator's periods
// (DONGNE_RETENTION_DAYS), the hourly purge, and two admin routes: the periods in force, and a purge run now. Each
// purge that deletes something, and every purge an admin runs, writes `retention.purged` to the audit log in the
// transaction that deletes.
#include "app/app.h"
#include "auth/repo.h"
#include "booking/repo.h"
#include "dispatch/repo.h"
#include "http/schema.h"
#include "notify/notifier.h"

namespace dongne::app {

using http::Access;
using http::Context;
using http::Doc;
using http::Method;
using http::Response;
namespace sc = http::schema;

namespace {

nlohmann::json keep_json(int64_t days) { return days == store::kKeepForever ? nlohmann::json(nullptr) : nlohmann::json(days); }

}  // namespace

Result<std::vector<store::Purged>> App::purge_expired(std::optional<int64_t> actor) {
  EpochMs now = clock_.now_ms();
  return retention_.purge(
      *db_, now,
      [&](store::Tx& tx, const store::Purged& p) {
        return auth::repo::write_audit(tx, actor, "retention.purged", "retention:" + p.name,
                                       {{"deleted", p.deleted}, {"keep_days", p.keep_days},
                                        {"before", format_rfc3339(p.cutoff)}},
                                       now);
      },
      actor.has_value());
}

Status App::add_retention() {
  for (auto rules : {auth::repo::retention_rules(), booking::repo::retention_rules(), dispatch::repo::retention_rules(),
                     notify::retention_rules()})
    retention_.add(rules);
  DONGNE_TRY(retention_.configure(cfg_.retention_days));

  const auto rule = sc::object({{"name", sc::kStr}, {"what", sc::kStr}, {"keep_days", sc::nullable(sc::kInt)}});
  router_.add(Method::kGet, "/api/v1/admin/retention", Access::roles({Role::kAdmin}),
              Doc{"What is kept for how long (keep_days null: kept for good); set by DONGNE_RETENTION_DAYS", "admin"}
                  .returns(sc::list_of(rule)),
              [this](Context&) -> Result<Response> {
                nlohmann::json items = nlohmann::json::array();
                for (const auto& r : retention_.rules())
                  items.push_back({{"name", r.name}, {"what", r.what}, {"keep_days", keep_json(r.keep_days)}});
                return Response::json(200, {{"items", items}});
              });

  const auto purged = sc::object({{"name", sc::kStr}, {"keep_days", sc::kInt}, {"before", sc::kDateTime}, {"deleted", sc::kInt}});
  router_.add(Method::kPost, "/api/v1/admin/retention/purge", Access::roles({Role::kAdmin}),
              Doc{"Purge what has outlived its period now (the hourly job does the same); audited", "admin"}
                  .returns(sc::list_of(purged)),
              [this](Context& ctx) -> Result<Response> {
                DONGNE_ASSIGN_OR_RETURN(auto done, purge_expired(ctx.me().user_id));
                nlohmann::json items = nlohmann::json::array();
                for (const auto& p : done)
                  items.push_back({{"name", p.name}, {"keep_days", p.keep_days}, {"before", format_rfc3339(p.cutoff)},
                                   {"deleted", p.deleted}});
                return Response::json(200, {{"items", items}});
              });
  return ok_status();
}

}  // namespace dongne::app
