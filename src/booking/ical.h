// iCalendar (RFC 5545) text for a household's bookings: one VEVENT per booking, times in UTC, loans as all-day
// events from pickup to the day after return, cancelled bookings with STATUS:CANCELLED, a reminder alarm the day
// before. Lines are escaped and folded at 75 octets. Thread-safety: pure function.
#pragma once

#include <string>
#include <vector>

#include "booking/service.h"

namespace dongne::booking {

std::string ical_calendar(const std::vector<BookingView>& bookings, EpochMs now, const std::string& calendar_name);

}  // namespace dongne::booking
