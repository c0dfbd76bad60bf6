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

}  // namespace dongne
