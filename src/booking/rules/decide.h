// The booking decision: given a request, the resource, its rules, the existing bookings and holds, the household
// and `now`, say confirmed | pending_approval | waitlisted | entered_lottery | refused, and always why.
// Pure: the caller stores the result (under a lock or SERIALIZABLE transaction, so `existing` is current).
// Thread-safety: reentrant; all inputs are borrowed for the call.
#pragma once

#include <optional>
#include <vector>

#include "booking/rules/model.h"
#include "core/calendar.h"

namespace dongne::booking {

// Checks, in order (the first failure is the answer):
//  1. shape: the request matches the resource and household; space/studio: the day is open (closed_day / holiday),
//     the span is inside opening hours (outside_opening_hours) and is 1..max_slots_per_booking whole slots
//     (invalid_slot); session/event: the span is one scheduled occurrence, not on a closure day or (if the rules
//     close on holidays) a holiday, persons within max_persons_per_booking, listed members belong to the household;
//     item: a known variant, quantity >= 1, pickup <= return <= pickup + max_loan_days, both days open.
//  2. banned_until: the household's penalties (lifecycle.h) ban it today.
//  3. not_eligible: residency, child's age or grade on the booked day (eligibility.h), naming the rule.
//  4. window_not_open (with the opening instant) / window_closed (from start - closes_before; staff acting for a
//     resident may book until the start itself).
//  5. already_booked: the household already holds, awaits or has entered the same slot / occurrence / loan days.
//  6. quota_reached: confirmed + pending bookings of the household in the period of the booked day.
//  7. lottery allocation before the draw: entered_lottery (capacity is the draw's business).
//  8. capacity: units + taken > capacity (or families > max_families, or pieces out on any loan day > stock):
//     waitlisted (with position) if the rules keep a waitlist and the request could ever fit, else refused full.
//  9. approval: staff approval ⇒ pending_approval (a staff member booking on behalf counts as approved);
//     otherwise confirmed.
// The fee is per_booking + per_person × units, for accepted outcomes.
Decision decide(const Request& request, const Resource& resource, const Rules& rules, const HolidayCalendar& holidays,
                const std::vector<Booking>& existing, const Household& household, EpochMs now);

// The booking to store for an accepted decision (confirmed ⇒ kConfirmed, pending_approval ⇒ kPending,
// waitlisted ⇒ kWaitlisted, entered_lottery ⇒ kLotteryEntry); nullopt when refused.
std::optional<Booking> booking_from(const Request& request, const Decision& decision, BookingId id, const Rules& rules,
                                    EpochMs now);

// The local date a booking or request is "for" (items: pickup day), used by quotas and windows.
LocalDate booked_date(const Booking& b);

// Whether `b` falls in the same quota period as `date`.
bool same_period(LocalDate a, LocalDate b, QuotaPeriod p);

}  // namespace dongne::booking
