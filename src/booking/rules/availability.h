// Availability for calendar views: per day and per slot (or occurrence, or item variant) the capacity, what is
// taken, what is left, and whether a resident could book it right now (window open, day open, places left).
// Household-specific rules (eligibility, quota, bans) are decide()'s business. Pure; `now` is passed in.
// Thread-safety: reentrant; inputs are borrowed for the call.
#pragma once

#include <string>
#include <vector>

#include "booking/rules/model.h"
#include "booking/rules/schedule.h"
#include "core/calendar.h"

namespace dongne::booking {

struct SlotAvailability {
  TimeRange span;
  int capacity = 0;     // units (bookings, persons)
  int taken = 0;
  int left = 0;
  int families = 0;     // bookings in the slot (events with max_families)
  bool bookable_now = false;  // confirmed/pending now, or a lottery entry before the draw
};

struct VariantAvailability {
  VariantId variant = 0;
  int stock = 0;
  int out = 0;   // pieces away that day (loans + turnaround)
  int left = 0;
  bool bookable_now = false;  // can be picked up that day, booked now
};

struct DayAvailability {
  LocalDate date;
  DayStatus status = DayStatus::kOpen;
  std::string holiday_name_ko;
  std::string holiday_name_en;
  EpochMs window_opens_at = 0;
  bool holidays_known = true;  // false when the date is outside the years the holiday list covers
  std::vector<SlotAvailability> slots;       // space/studio slots, session/event occurrences starting that day
  std::vector<VariantAvailability> variants;  // item
};

std::vector<DayAvailability> availability(const Resource& resource, const Rules& rules, const HolidayCalendar& holidays,
                                          const std::vector<Booking>& bookings, LocalDate from, int days, EpochMs now);
std::vector<DayAvailability> month_availability(const Resource& resource, const Rules& rules,
                                                const HolidayCalendar& holidays, const std::vector<Booking>& bookings,
                                                int year, int month, EpochMs now);
// The ISO week (Monday..Sunday) containing `day`.
std::vector<DayAvailability> week_availability(const Resource& resource, const Rules& rules,
                                               const HolidayCalendar& holidays, const std::vector<Booking>& bookings,
                                               LocalDate day, EpochMs now);

}  // namespace dongne::booking
