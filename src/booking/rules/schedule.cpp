#include "booking/rules/schedule.h"

#include <algorithm>

namespace dongne::booking {
namespace {

const std::vector<DayInterval>& intervals_of(LocalDate d, const Rules& rules) {
  return rules.hours.by_weekday[static_cast<size_t>(weekday(d))];
}

}  // namespace

DayInfo day_info(LocalDate date, const Rules& rules, const HolidayCalendar& holidays) {
  if (std::find(rules.closure_days.begin(), rules.closure_days.end(), date) != rules.closure_days.end()) {
    return {DayStatus::kClosureDay, nullptr};
  }
  if (rules.closed_on_public_holidays) {
    if (const Holiday* h = holidays.first_on(date)) return {DayStatus::kHoliday, h};
  }
  if (intervals_of(date, rules).empty()) return {DayStatus::kNoHours, nullptr};
  return {DayStatus::kOpen, nullptr};
}

std::vector<TimeRange> slots_for_day(LocalDate date, const Rules& rules, const HolidayCalendar& holidays) {
  std::vector<TimeRange> out;
  const int len = static_cast<int>(rules.slot_length.count());
  if (len <= 0 || day_info(date, rules, holidays).status != DayStatus::kOpen) return out;
  for (const DayInterval& iv : intervals_of(date, rules)) {
    for (int m = iv.open_minute; m + len <= iv.close_minute; m += len) {
      out.push_back(TimeRange{from_local(date, m), from_local(date, m + len)});
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

bool within_opening_hours(const TimeRange& span, const Rules& rules) {
  if (span.end <= span.start) return false;
  const LocalDate day = local_date(span.start);
  const EpochMs day_start = start_of_local_day(day);
  const std::int64_t from = (span.start - day_start) / kMsPerMinute;
  const std::int64_t to = (span.end - day_start + kMsPerMinute - 1) / kMsPerMinute;
  for (const DayInterval& iv : intervals_of(day, rules)) {
    if (from >= iv.open_minute && to <= iv.close_minute) return true;
  }
  return false;
}

bool is_whole_slots(const TimeRange& span, const Rules& rules, const HolidayCalendar& holidays) {
  if (span.end <= span.start) return false;
  const std::vector<TimeRange> slots = slots_for_day(local_date(span.start), rules, holidays);
  auto first = std::find_if(slots.begin(), slots.end(), [&](const TimeRange& s) { return s.start == span.start; });
  if (first == slots.end()) return false;
  EpochMs cursor = span.start;
  int count = 0;
  for (auto it = first; it != slots.end() && it->start == cursor; ++it) {
    cursor = it->end;
    ++count;
    if (cursor == span.end) return count <= std::max(1, rules.max_slots_per_booking);
  }
  return false;
}

EpochMs window_opens_at(LocalDate start_date, const Rules& rules) {
  return from_local(add_days(start_date, -rules.window.opens_days_ahead), rules.window.opens_at_minute);
}

EpochMs window_closes_at(EpochMs start, const Rules& rules) {
  return start - static_cast<EpochMs>(rules.window.closes_before.count()) * kMsPerMinute;
}

EpochMs pickup_instant(LocalDate pickup, const Rules& rules) {
  const auto& ivs = intervals_of(pickup, rules);
  int first = 24 * 60;
  for (const DayInterval& iv : ivs) first = std::min(first, iv.open_minute);
  return from_local(pickup, ivs.empty() ? 0 : first);
}

}  // namespace dongne::booking
