// The notifier: drains the outbox (store/outbox.h) and turns events into in-app notifications for the person they
// concern, using templates keyed by event type; events without a template are marked done. Delivery is
// idempotent (UNIQUE(event_id, user_id)), so a retried claim never notifies twice. Routes: the caller's inbox.
// Thread-safety: run_once() may run concurrently in several processes (claims are leases); start() runs a thread.
#pragma once

#include <atomic>
#include <map>
#include <string>
#include <thread>

#include "core/clock.h"
#include "http/router.h"
#include "store/database.h"
#include "store/outbox.h"
#include "store/retention.h"

namespace dongne::notify {

struct Template {
  std::string title_ko;
  std::string title_en;
};

class Notifier {
 public:
  Notifier(store::Database& db, const Clock& clock);
  ~Notifier();
  // Registers a template for an event type; the recipient is payload.user_id, else aggregate_id for "user".
  void on(const std::string& event_type, Template t) { templates_[event_type] = std::move(t); }
  // Processes one batch; returns how many events were handled.
  Result<int> run_once(int batch = 100);
  void start(int interval_ms = 200);
  void stop();

 private:
  int64_t recipient(const store::Event& ev) const;
  Status deliver(store::Tx& tx, const store::Event& ev, EpochMs now) const;

  store::Database& db_;
  const Clock& clock_;
  store::Outbox outbox_;
  std::map<std::string, Template> templates_;
  std::atomic<bool> running_{false};
  std::thread thread_;
};

void add_routes(http::Router& router, store::Database& db, const Clock& clock);

// What notifications are kept for how long (store/retention.h): a read one a year after it was read.
std::vector<store::RetentionRule> retention_rules();

}  // namespace dongne::notify
