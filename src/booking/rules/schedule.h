// When a resource is open and bookable: day status (open / closed weekday / closure day / public holiday),
// generated slots, opening-hours checks and the booking window. Pure functions; `now` is always passed in.
// Thread-safety: reentrant. The HolidayCalendar is borrowed for the duration of each call.
#pragma once

#include <vector>

#include "booking/rules/model.h"
#include "core/calendar.h"

namespace dongne::booking {

enum class DayStatus : std::uint8_t { kOpen, kNoHours, kClosureDay, kHoliday };

struct DayInfo {
  DayStatus status = DayStatus::kOpen;
  const Holiday* holiday = nullptr;  // kHoliday: the first holiday that day (points into the calendar)
};

DayInfo day_info(LocalDate date, const Rules& rules, const HolidayCalendar& holidays);

// Slots of `rules.slot_length` laid from each opening interval's start; a trailing part shorter than a slot is
// not offered. Empty when the day is not open or the slot length is not positive.
std::vector<TimeRange> slots_for_day(LocalDate date, const Rules& rules, const HolidayCalendar& holidays);

// True when [span.start, span.end) lies on one local day inside one opening interval.
bool within_opening_hours(const TimeRange& span, const Rules& rules);

// True when span is 1..max_slots_per_booking consecutive generated slots of its day.
bool is_whole_slots(const TimeRange& span, const Rules& rules, const HolidayCalendar& holidays);

// The instant booking opens for something starting on `start_date`.
EpochMs window_opens_at(LocalDate start_date, const Rules& rules);
// The instant booking closes for something starting at `start`.
EpochMs window_closes_at(EpochMs start, const Rules& rules);

// Item loans: the instant the pickup day opens (first opening interval), or the day's start if it has no hours.
EpochMs pickup_instant(LocalDate pickup, const Rules& rules);

}  // namespace dongne::booking
