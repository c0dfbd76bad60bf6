#include "core/clock.h"

#include <cstdlib>

#include <chrono>

namespace dongne {

EpochMs SystemClock::now_ms() const {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch()).count();
}

ShiftedClock::ShiftedClock(EpochMs start) : offset_(start - SystemClock().now_ms()) {}

EpochMs ShiftedClock::now_ms() const { return SystemClock().now_ms() + offset_; }

Result<std::optional<EpochMs>> clock_start_from_env(const char* name) {
  const char* v = std::getenv(name);
  if (!v || !*v) return std::optional<EpochMs>();
  auto t = parse_rfc3339(v);
  if (!t.ok()) {
    return Error::invalid(std::string(name) + "는 RFC 3339 일시여야 합니다", std::string(name) + " must be an RFC 3339 date-time");
  }
  return std::optional<EpochMs>(t.value());
}

}  // namespace dongne
