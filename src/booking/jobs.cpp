#include "booking/jobs.h"

#include <chrono>
#include <cstdlib>

#include "core/clock.h"
#include "http/pipeline.h"

namespace dongne::booking {

Status BookingJobs::run_once() {
  auto expired = service_.expire_offers();
  auto drawn = service_.draw_due_lotteries();
  auto reminded = service_.send_reminders();
  auto purged = service_.purge_answers();
  for (const auto* r : {&expired, &drawn, &reminded, &purged}) {
    if (!r->ok()) return r->error();
  }
  return ok_status();
}

void BookingJobs::start(int interval_ms) {
  task_.start(std::chrono::milliseconds(interval_ms), [this] { return run_once(); }, [](const Error& e) {
    http::log_event("warn", "booking jobs failed", {{"detail", e.message_en}});
  });
}

}  // namespace dongne::booking
