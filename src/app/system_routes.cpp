// Operational routes: liveness, readiness, Prometheus metrics, the OpenAPI document, and the domain event log.
#include "app/app.h"
#include "auth/routes.h"
#include "http/openapi.h"
#include "store/outbox.h"
#include "auth/schemas.h"

namespace dongne::app {

using http::Access;
using http::Context;
using http::Doc;
using http::Method;
using http::Response;

void App::add_system_routes() {
  router_.add(Method::kGet, "/healthz", Access::anyone(), Doc{"Liveness: the process answers", "system"}.returns(http::schema::object({{"status", http::schema::kStr}})),
              [](Context&) -> Result<Response> { return Response::json(200, {{"status", "ok"}}); });

  router_.add(Method::kGet, "/readyz", Access::anyone(), Doc{"Readiness: the store answers", "system"}.returns(http::schema::object({{"status", http::schema::kStr}})),
              [this](Context&) -> Result<Response> {
                if (!db_->ping()) return Error::unavailable("저장소에 연결할 수 없습니다", "the store does not answer");
                return Response::json(200, {{"status", "ready"}});
              });

  router_.add(Method::kGet, "/metrics", Access::anyone(), Doc{"Prometheus metrics", "system"},
              [this](Context&) -> Result<Response> {
                const store::TxCounts tx = db_->counts();
                std::string text = pipeline_->metrics().render();
                text += "# HELP dongne_store_transactions_total Write transactions committed (PostgreSQL).\n"
                        "# TYPE dongne_store_transactions_total counter\n"
                        "dongne_store_transactions_total " + std::to_string(tx.committed) + "\n"
                        "# HELP dongne_store_retries_total Write transactions run again after a serialization failure or deadlock.\n"
                        "# TYPE dongne_store_retries_total counter\n"
                        "dongne_store_retries_total " + std::to_string(tx.retried) + "\n";
                return Response::text(200, text, "text/plain; version=0.0.4");
              });

  router_.add(Method::kGet, "/api/openapi.json", Access::anyone(), Doc{"This API's OpenAPI document", "system"}.returns(http::schema::kAnyObject),
              [this](Context&) -> Result<Response> { return Response::json(200, http::openapi_document(router_, "0.1.0")); });

  router_.add(Method::kGet, "/api/v1/admin/events", Access::roles({Role::kAdmin}),
              Doc{"The domain event log of every city, oldest first after a cursor (an admin's: a city officer reads her city through its dashboards)", "admin", nullptr, {"cursor", "limit"}}.returns(auth::schemas::page_of(http::schema::object({{"id", http::schema::kInt}, {"type", http::schema::kStr}, {"aggregate", http::schema::kStr}, {"aggregate_id", http::schema::kStr}, {"payload", http::schema::kAny}, {"actor_user_id", http::schema::nullable(http::schema::kInt)}, {"occurred_at", http::schema::kDateTime}}))),
              [this](Context& ctx) -> Result<Response> {
                DONGNE_ASSIGN_OR_RETURN(auth::Page p, auth::page_of(ctx));
                store::Outbox feed(*db_);
                DONGNE_ASSIGN_OR_RETURN(auto events, feed.read_events(p.cursor, p.limit));
                nlohmann::json items = nlohmann::json::array();
                for (const auto& e : events) {
                  items.push_back({{"id", e.id}, {"type", e.type}, {"aggregate", e.aggregate},
                                   {"aggregate_id", e.aggregate_id},
                                   {"payload", nlohmann::json::parse(e.payload_json, nullptr, false)},
                                   {"actor_user_id", e.actor_user_id ? nlohmann::json(*e.actor_user_id) : nlohmann::json(nullptr)},
                                   {"occurred_at", format_rfc3339(e.occurred_at_ms)}});
                }
                return auth::page_response(p, std::move(items), events.empty() ? 0 : events.back().id);
              });
}

}  // namespace dongne::app
