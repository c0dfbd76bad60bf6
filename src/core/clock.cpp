#include "core/clock.h"

#include <cstdlib>

#include <chrono>

namespace dongne {

EpochMs SystemClock::now_ms() const {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch()).count();
}

ShiftedClock::ShiftedClock(EpochMs start, double rate) : start_(start), real_start_(SystemClock().now_ms()), rate_(rate) {}

EpochMs ShiftedClock::now_ms() const {
  const EpochMs real = SystemClock().now_ms() - real_start_;
  return start_ + (rate_ == 1.0 ? real : static_cast<EpochMs>(static_cast<double>(real) * rate_));
}

Result<double> clock_rate_from_env(const char* name) {
  const char* v = std::getenv(name);
  if (!v || !*v) return 1.0;
  char* end = nullptr;
  const double r = std::strtod(v, &end);
  if (end == v || *end != '\0' || !(r >= 1.0 && r <= 3600.0))
    return Error::invalid(std::string(name) + "는 1~3600 사이의 수여야 합니다", std::string(name) + " must be a number from 1 to 3600");
  return r;
}

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
