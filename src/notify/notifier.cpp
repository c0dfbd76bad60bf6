#include "notify/notifier.h"

#include <chrono>

#include <nlohmann/json.hpp>

#include "auth/routes.h"
#include "http/pipeline.h"
#include "auth/schemas.h"

namespace dongne::notify {

Notifier::Notifier(store::Database& db, const Clock& clock) : db_(db), clock_(clock), outbox_(db) {}

Notifier::~Notifier() { stop(); }

// The recipient of an event with a template: payload.user_id, else the aggregate id of a "user" event; 0: none.
int64_t Notifier::recipient(const store::Event& ev) const {
  if (!templates_.contains(ev.type)) return 0;
  auto payload = nlohmann::json::parse(ev.payload_json, nullptr, false);
  if (payload.is_object() && payload.contains("user_id") && payload["user_id"].is_number_integer())
    return payload["user_id"].get<int64_t>();
  if (ev.aggregate == "user") return std::strtoll(ev.aggregate_id.c_str(), nullptr, 10);
  return 0;
}

Status Notifier::deliver(store::Tx& tx, const store::Event& ev, EpochMs now) const {
  if (int64_t user_id = recipient(ev); user_id > 0) {
    const Template& t = templates_.at(ev.type);
    DONGNE_TRY(tx.exec("INSERT INTO notifications (user_id, event_id, kind, title_ko, title_en, created_at) "
                       "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (event_id, user_id) DO NOTHING",
                       {user_id, ev.id, ev.type, t.title_ko, t.title_en, now}));
  }
  return store::Outbox::mark_done_in(tx, ev.id, now);
}

Result<int> Notifier::run_once(int batch) {
  EpochMs now = clock_.now_ms();
  // Delivery is an insert into this store, so a batch is taken, delivered and marked in one transaction.
  int handled = 0;
  Status all = db_.transact(
      [&](store::Tx& tx) -> Status {
        DONGNE_ASSIGN_OR_RETURN(auto items, store::Outbox::take_due_in(tx, batch, now));
        for (const auto& item : items) DONGNE_TRY(deliver(tx, item.event, now));
        handled = static_cast<int>(items.size());
        return {};
      },
      store::Isolation::kReadCommitted);
  if (all.ok()) return handled;
  // Something in the batch failed: event by event under a lease, so that a bad event is retried with back-off
  // (and finally parked) without holding back the others.
  DONGNE_ASSIGN_OR_RETURN(auto items, outbox_.claim(batch, now));
  for (const auto& item : items) {
    Status st = db_.transact([&](store::Tx& tx) { return deliver(tx, item.event, now); });
    if (!st.ok()) {
      int64_t backoff = std::min<int64_t>(3'600'000, 1000LL << std::min(item.attempts, 12));
      DONGNE_TRY(outbox_.mark_failed(item.event.id, now, st.error().message_en,
                                     item.attempts < 10 ? std::optional<int64_t>(now + backoff) : std::nullopt));
    }
  }
  return static_cast<int>(items.size());
}

void Notifier::start(int interval_ms) {
  if (running_.exchange(true)) return;
  thread_ = std::thread([this, interval_ms] {
    while (running_.load()) {
      auto n = run_once();
      if (!n.ok()) http::log_event("warn", "notifier batch failed", {{"detail", n.error().message_en}});
      if (!n.ok() || n.value() == 0) std::this_thread::sleep_for(std::chrono::milliseconds(interval_ms));
    }
  });
}

void Notifier::stop() {
  if (!running_.exchange(false)) return;
  if (thread_.joinable()) thread_.join();
}

void add_routes(http::Router& r, store::Database& db, const Clock& clock) {
  using http::Access;
  using http::Context;
  using http::Doc;
  using http::Method;
  using http::Response;

  r.add(Method::kGet, "/api/v1/notifications", Access::signed_in(),
        Doc{"My notifications, newest first", "notifications", nullptr, {"cursor", "limit"}}.returns(auth::schemas::page_of(http::schema::object({{"id", http::schema::kInt}, {"kind", http::schema::kStr}, {"title_ko", http::schema::kStr}, {"title_en", http::schema::kStr}, {"created_at", http::schema::kDateTime}, {"read", http::schema::kBool}}))),
        [&db](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(auth::Page p, auth::page_of(ctx));
          nlohmann::json items = nlohmann::json::array();
          int64_t last = 0;
          DONGNE_TRY(db.read([&](store::Tx& tx) -> Status {
            DONGNE_ASSIGN_OR_RETURN(
                auto rows, tx.query("SELECT id, kind, title_ko, title_en, created_at, read_at FROM notifications "
                                    "WHERE user_id = ? AND id < ? ORDER BY id DESC LIMIT ?",
                                    {ctx.me().user_id, p.cursor ? p.cursor : INT64_MAX, int64_t{p.limit}}));
            for (const auto& row : rows.rows) {
              last = row.i64(0);
              items.push_back({{"id", row.i64(0)}, {"kind", row.str(1)}, {"title_ko", row.str(2)},
                               {"title_en", row.str(3)}, {"created_at", format_rfc3339(row.i64(4))},
                               {"read", !row.is_null(5)}});
            }
            return ok_status();
          }));
          return auth::page_response(p, std::move(items), last);
        });

  r.add(Method::kPost, "/api/v1/notifications/{id}/read", Access::signed_in(),
        Doc{"Mark one of my notifications as read", "notifications", nullptr, {}, 204},
        [&db, &clock](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(int64_t id, ctx.id_param("id"));
          int64_t changed = 0;
          DONGNE_TRY(db.transact([&](store::Tx& tx) -> Status {
            DONGNE_ASSIGN_OR_RETURN(changed, tx.exec("UPDATE notifications SET read_at = ? WHERE id = ? AND user_id = ?",
                                                     {clock.now_ms(), id, ctx.me().user_id}));
            return ok_status();
          }));
          if (changed == 0) return Error::not_found("알림을 찾을 수 없습니다", "no such notification");
          return Response::no_content();
        });
}

std::vector<store::RetentionRule> retention_rules() {
  return {{"notify.read_notifications", "in-app notifications, from when they were read",
           "DELETE FROM notifications WHERE read_at IS NOT NULL AND read_at < ?", 365}};
}

}  // namespace dongne::notify
