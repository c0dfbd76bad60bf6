// Background work of the booking room, one thread per server instance (like notify::Notifier): expire lapsed
// waitlist offers (passing places on), draw lotteries whose time has come (once across instances: resource row
// lock + conditional UPDATE), append day-before reminders for the notifier, and purge week-old idempotency
// answers.
// Thread-safety: start()/stop() from one thread.
#pragma once

#include <optional>

#include "booking/service.h"
#include "core/clock.h"
#include "core/periodic.h"

namespace dongne::booking {

// The clock the booking room uses: shifted when DONGNE_BOOKING_CLOCK_AT holds an RFC 3339 instant, else nullopt
// (use the system clock). An unparsable value is an error.
inline Result<std::optional<EpochMs>> booking_clock_start_from_env() { return clock_start_from_env("DONGNE_BOOKING_CLOCK_AT"); }

class BookingJobs {
 public:
  explicit BookingJobs(BookingService& service) : service_(service) {}
  // One round of every job; returns how much each did (offers expired, lotteries drawn, reminders).
  Status run_once();
  void start(int interval_ms = 1000);
  void stop() { task_.stop(); }

 private:
  BookingService& service_;
  PeriodicTask task_;
};

}  // namespace dongne::booking
