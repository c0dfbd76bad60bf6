#include "store/outbox.h"

#include <algorithm>

namespace dongne::store {
namespace {

constexpr const char* kEventColumns = "e.id, e.type, e.aggregate, e.aggregate_id, e.payload, e.actor_user_id, e.occurred_at";

Event event_from(const Row& r, size_t at = 0) {
  return Event{r.i64(at), r.str(at + 1), r.str(at + 2), r.str(at + 3), r.str(at + 4), r.opt_i64(at + 5),
               r.i64(at + 6)};
}

Error no_such_row(int64_t event_id) {
  return Error::not_found("발송 대기열에 없는 이벤트입니다", "no outbox row for event " + std::to_string(event_id));
}

}  // namespace

Result<std::vector<OutboxItem>> Outbox::claim(int batch, int64_t now_ms, int64_t lease_ms) {
  std::vector<OutboxItem> out;
  batch = std::clamp(batch, 1, 1000);
  Status s = db_.transact(
      [&](Tx& tx) -> Status {
        out.clear();
        // SQLite drops the locking clause; its single writer gives the same exclusivity.
        DONGNE_ASSIGN_OR_RETURN(
            Rows due, tx.query("SELECT event_id FROM outbox WHERE status = 'pending' AND available_at <= ? "
                               "ORDER BY event_id LIMIT ? FOR UPDATE SKIP LOCKED",
                               {now_ms, int64_t{batch}}));
        for (const Row& r : due.rows) {
          const int64_t id = r.i64(0);
          DONGNE_TRY(tx.exec("UPDATE outbox SET attempts = attempts + 1, available_at = ?, updated_at = ? "
                             "WHERE event_id = ?",
                             {now_ms + lease_ms, now_ms, id}));
          DONGNE_ASSIGN_OR_RETURN(
              Rows ev, tx.query(std::string("SELECT ") + kEventColumns +
                                    ", o.attempts FROM events e JOIN outbox o ON o.event_id = e.id WHERE e.id = ?",
                                {id}));
          if (ev.empty()) return Error::internal("outbox row without event " + std::to_string(id));
          out.push_back(OutboxItem{event_from(ev[0]), static_cast<int>(ev[0].i64(7))});
        }
        return {};
      },
      Isolation::kReadCommitted);
  if (!s.ok()) return std::move(s).error();
  return out;
}

Result<std::vector<OutboxItem>> Outbox::take_due_in(Tx& tx, int batch, int64_t now_ms) {
  DONGNE_ASSIGN_OR_RETURN(
      Rows due, tx.query(std::string("SELECT ") + kEventColumns +
                             ", o.attempts FROM outbox o JOIN events e ON e.id = o.event_id WHERE o.status = 'pending' "
                             "AND o.available_at <= ? ORDER BY o.event_id LIMIT ? FOR UPDATE OF o SKIP LOCKED",
                         {now_ms, int64_t{std::clamp(batch, 1, 1000)}}));
  std::vector<OutboxItem> out;
  out.reserve(due.size());
  for (const Row& r : due.rows) out.push_back(OutboxItem{event_from(r), static_cast<int>(r.i64(7)) + 1});
  return out;
}

Status Outbox::mark_done_in(Tx& tx, int64_t event_id, int64_t now_ms) {
  DONGNE_ASSIGN_OR_RETURN(int64_t n, tx.exec("UPDATE outbox SET status = 'done', last_error = NULL, updated_at = ? "
                                             "WHERE event_id = ?",
                                             {now_ms, event_id}));
  return n == 1 ? Status{} : no_such_row(event_id);
}

Status Outbox::mark_done(int64_t event_id, int64_t now_ms) {
  return db_.transact([&](Tx& tx) -> Status { return mark_done_in(tx, event_id, now_ms); });
}

Status Outbox::mark_failed(int64_t event_id, int64_t now_ms, const std::string& error,
                           std::optional<int64_t> retry_at_ms) {
  return db_.transact([&](Tx& tx) -> Status {
    Result<int64_t> n = retry_at_ms
        ? tx.exec("UPDATE outbox SET status = 'pending', available_at = ?, last_error = ?, updated_at = ? "
                  "WHERE event_id = ?",
                  {*retry_at_ms, error, now_ms, event_id})
        : tx.exec("UPDATE outbox SET status = 'failed', last_error = ?, updated_at = ? WHERE event_id = ?",
                  {error, now_ms, event_id});
    if (!n.ok()) return std::move(n).error();
    return n.value() == 1 ? Status{} : no_such_row(event_id);
  });
}

Result<std::vector<Event>> Outbox::read_events(int64_t after_id, int limit) {
  std::vector<Event> out;
  limit = std::clamp(limit, 1, 10'000);
  Status s = db_.read([&](Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(Rows r, tx.query(std::string("SELECT ") + kEventColumns +
                                                 " FROM events e WHERE e.id > ? ORDER BY e.id LIMIT ?",
                                             {after_id, int64_t{limit}}));
    for (const Row& row : r.rows) out.push_back(event_from(row));
    return {};
  });
  if (!s.ok()) return std::move(s).error();
  return out;
}

}  // namespace dongne::store
