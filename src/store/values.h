// Small conversions every repo needs between C++ values and store::Value columns: optional values as NULL, local
// dates as 'YYYY-MM-DD' text, JSON documents kept as text. Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "core/calendar.h"
#include "store/database.h"

namespace dongne::store::values {

inline Value opt(const std::optional<std::string>& s) { return s ? Value(*s) : Value(nullptr); }
inline Value opt(const std::optional<int64_t>& v) { return v ? Value(*v) : Value(nullptr); }
inline Value opt_date(const std::optional<LocalDate>& d) { return d ? Value(format_date(*d)) : Value(nullptr); }

// A stored 'YYYY-MM-DD' (the schema's CHECKs keep them valid; anything else reads as the epoch day).
inline LocalDate date_of(const std::string& s) {
  auto d = parse_date(s);
  return d.ok() ? d.value() : LocalDate{};
}

// A JSON document kept as text, or the fallback when the text is not JSON.
inline nlohmann::json json_or(const std::string& text, nlohmann::json fallback) {
  auto j = nlohmann::json::parse(text, nullptr, false);
  return j.is_discarded() ? fallback : j;
}

}  // namespace dongne::store::values
