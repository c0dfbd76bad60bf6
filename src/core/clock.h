// Wall-clock access goes through Clock so services can be tested at fixed times (engines take `now` as a value).
// Times are epoch milliseconds (UTC); presentation is core/calendar.h (format_rfc3339, Asia/Seoul).
// Thread-safety: SystemClock is stateless; ManualClock is atomic.
#pragma once

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/calendar.h"
#include "core/result.h"

namespace dongne {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual EpochMs now_ms() const = 0;
};

class SystemClock final : public Clock {
 public:
  EpochMs now_ms() const override;
};

class ManualClock final : public Clock {
 public:
  explicit ManualClock(EpochMs t) : t_(t) {}
  EpochMs now_ms() const override { return t_.load(); }
  void set(EpochMs t) { t_.store(t); }
  void advance(EpochMs d) { t_.fetch_add(d); }

 private:
  std::atomic<EpochMs> t_;
};

// The system clock moved to a fixed starting instant, for demos and end-to-end tests that need "a Tuesday at 10:50
// in Jinju" (DONGNE_BOOKING_CLOCK_AT) or "a Wednesday at 07:00 in Seo-gu" (DONGNE_DISPATCH_CLOCK_AT) whatever the
// real time is.
class ShiftedClock final : public Clock {
 public:
  // Reads the system clock and reports time as if it had been `start` at construction, running `rate` times as
  // fast as real time from then on (a simulated day replayed in minutes: rate 60 runs an hour a minute).
  explicit ShiftedClock(EpochMs start, double rate = 1.0);
  EpochMs now_ms() const override;

 private:
  EpochMs start_ = 0;
  EpochMs real_start_ = 0;
  double rate_ = 1.0;
};

// The rate in environment variable `name` (a number in [1, 3600]), 1 when unset; anything else is an error.
Result<double> clock_rate_from_env(const char* name);

// The instant in environment variable `name` (RFC 3339), or nullopt when unset; an unparsable value is an error.
Result<std::optional<EpochMs>> clock_start_from_env(const char* name);

}  // namespace dongne
