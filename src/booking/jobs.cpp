#include "booking/jobs.h"

#include <chrono>
#include <cstdlib>

#include "core/clock.h"
#include "http/pipeline.h"

namespace dongne::booking {

ShiftedClock::ShiftedClock(EpochMs start) : offset_(start - SystemClock().now_ms()) {}

EpochMs ShiftedClock::now_ms() const { return SystemClock().now_ms() + offset_; }

Result<std::optional<EpochMs>> booking_clock_start_from_env() {
  const char* v = std::getenv("DONGNE_BOOKING_CLOCK_AT");
  if (!v || !*v) return std::optional<EpochMs>();
  auto t = parse_rfc3339(v);
  if (!t.ok()) {
    return Error::invalid("DONGNE_BOOKING_CLOCK_AT는 RFC 3339 일시여야 합니다",
                          "DONGNE_BOOKING_CLOCK_AT must be an RFC 3339 date-time");
  }
  return std::optional<EpochMs>(t.value());
}

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
