// Outbox and event feed over the `events` / `outbox` tables (store/migrations/0001_events.sql). Events are written
// by Tx::append_event in the caller's transaction; workers claim due outbox rows, deliver, and mark them.
// Thread-safety: an Outbox holds only a Database reference; use one from many threads or processes at once.
// Claims are leases: a claimed row is invisible to other claimers until `lease_ms` passes, so a crashed worker's
// rows come back by themselves; two concurrent claimers never get the same row (PostgreSQL: FOR UPDATE SKIP LOCKED
// in a READ COMMITTED transaction; SQLite: under the single writer).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/database.h"

namespace dongne::store {

struct Event {
  int64_t id = 0;
  std::string type;
  std::string aggregate;
  std::string aggregate_id;
  std::string payload_json;
  std::optional<int64_t> actor_user_id;
  int64_t occurred_at_ms = 0;
};

struct OutboxItem {
  Event event;
  int attempts = 0;  // including this claim
};

class Outbox {
 public:
  explicit Outbox(Database& db) : db_(db) {}

  // Claims up to `batch` pending rows due at `now_ms` (oldest event first), counts an attempt on each and hides
  // them from other claimers until now_ms + lease_ms.
  Result<std::vector<OutboxItem>> claim(int batch, int64_t now_ms, int64_t lease_ms = 60'000);
  // Delivered: the row will never be claimed again.
  Status mark_done(int64_t event_id, int64_t now_ms);
  // The same inside the caller's transaction.
  static Status mark_done_in(Tx& tx, int64_t event_id, int64_t now_ms);
  // For consumers whose delivery is itself a write to this store (in-app notifications): up to `batch` due rows
  // with their events, locked in the caller's transaction (PostgreSQL: FOR UPDATE SKIP LOCKED; use
  // Isolation::kReadCommitted). Deliver and mark_done_in() in the same transaction: no lease is needed, since a
  // failure undoes delivery and mark together. `attempts` counts this one.
  static Result<std::vector<OutboxItem>> take_due_in(Tx& tx, int batch, int64_t now_ms);
  // Not delivered. With retry_at_ms the row becomes due again then; without it the row is parked as 'failed'
  // (dead letter) for a person to look at.
  Status mark_failed(int64_t event_id, int64_t now_ms, const std::string& error,
                     std::optional<int64_t> retry_at_ms);

  // Events with id > after_id in id order, for consumers that keep their own cursor (KPIs, audit, exports).
  // PostgreSQL caveat: ids are assigned at insert, so a transaction committing late can make a smaller id visible
  // after a larger one; a consumer that must see every event should re-read a short window behind its cursor
  // or use the outbox instead.
  Result<std::vector<Event>> read_events(int64_t after_id, int limit);

 private:
  Database& db_;
};

}  // namespace dongne::store
