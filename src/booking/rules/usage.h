// How much of a resource existing bookings take: places per slot or occurrence, families per occurrence, and
// item pieces out per day across overlapping loan periods. Pure; `now` decides whether a hold is still live.
// Thread-safety: reentrant. Bookings of other resources in the input are ignored.
#pragma once

#include <vector>

#include "booking/rules/model.h"

namespace dongne::booking {

// Whether a booking in this status occupies capacity at `now` (pending, confirmed, checked in, no-show, live hold).
bool holds_place(const Booking& b, EpochMs now);
// Whether a booking counts toward a household quota (everything that holds a place except holds).
bool counts_for_quota(const Booking& b);

// Units a booking takes on its resource: space/studio 1 per booking (its count), session/event persons, item
// quantity.
int units_of(ResourceKind kind, const Booking& b);

// Space/studio/session/event: units held in `slot` (bookings overlapping it) and bookings (families) there.
struct SlotUse {
  int units = 0;
  int bookings = 0;
};
SlotUse use_in(const Resource& r, const std::vector<Booking>& bookings, const TimeRange& slot, EpochMs now);

// Item: the last day a loan keeps a piece away (return day + turnaround).
LocalDate blocked_until(const Booking& b, int turnaround_days);
// Item: the largest number of pieces of `variant` out on any day of [from, to] (inclusive local dates).
int pieces_out(const Resource& r, const std::vector<Booking>& bookings, VariantId variant, LocalDate from, LocalDate to,
               int turnaround_days, EpochMs now);

// Item: pieces out per day for `days` days from `from` (index 0 = from); one sweep, for calendar views.
std::vector<int> pieces_out_per_day(const Resource& r, const std::vector<Booking>& bookings, VariantId variant,
                                    LocalDate from, int days, int turnaround_days, EpochMs now);

const Variant* find_variant(const Resource& r, VariantId id);

}  // namespace dongne::booking
