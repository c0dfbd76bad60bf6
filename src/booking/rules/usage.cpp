#include "booking/rules/usage.h"

#include <algorithm>

namespace dongne::booking {

bool holds_place(const Booking& b, EpochMs now) {
  switch (b.status) {
    case BookingStatus::kPending:
    case BookingStatus::kConfirmed:
    case BookingStatus::kCheckedIn:
    case BookingStatus::kNoShow:
      return true;
    case BookingStatus::kHeld:
      return b.hold_expires_at.has_value() && *b.hold_expires_at > now;
    case BookingStatus::kWaitlisted:
    case BookingStatus::kLotteryEntry:
    case BookingStatus::kCancelled:
    case BookingStatus::kCancelledLate:
    case BookingStatus::kRejected:
      return false;
  }
  return false;
}

bool counts_for_quota(const Booking& b) {
  return b.status == BookingStatus::kPending || b.status == BookingStatus::kConfirmed ||
         b.status == BookingStatus::kCheckedIn || b.status == BookingStatus::kNoShow;
}

int units_of(ResourceKind kind, const Booking& b) {
  switch (kind) {
    case ResourceKind::kSpace:
    case ResourceKind::kStudio:
      return b.count;  // one unit per booking
    case ResourceKind::kSession:
    case ResourceKind::kEvent:
      return b.persons;
    case ResourceKind::kItem:
      return b.quantity;
  }
  return 1;
}

SlotUse use_in(const Resource& r, const std::vector<Booking>& bookings, const TimeRange& slot, EpochMs now) {
  SlotUse u;
  for (const Booking& b : bookings) {
    if (b.resource_id != r.id || !b.span.overlaps(slot) || !holds_place(b, now)) continue;
    u.units += units_of(r.kind, b);
    u.bookings += b.count;
  }
  return u;
}

LocalDate blocked_until(const Booking& b, int turnaround_days) {
  return add_days(b.return_date, std::max(0, turnaround_days));
}

std::vector<int> pieces_out_per_day(const Resource& r, const std::vector<Booking>& bookings, VariantId variant,
                                    LocalDate from, int days, int turnaround_days, EpochMs now) {
  std::vector<int> delta(static_cast<size_t>(std::max(0, days)) + 1, 0);
  if (days <= 0) return {};
  const std::int64_t base = days_from_civil(from);
  for (const Booking& b : bookings) {
    if (b.resource_id != r.id || b.variant_id != variant || !holds_place(b, now)) continue;
    std::int64_t lo = days_from_civil(b.pickup_date) - base;
    std::int64_t hi = days_from_civil(blocked_until(b, turnaround_days)) - base;  // inclusive
    if (hi < 0 || lo >= days) continue;
    lo = std::max<std::int64_t>(lo, 0);
    hi = std::min<std::int64_t>(hi, days - 1);
    delta[static_cast<size_t>(lo)] += b.quantity;
    delta[static_cast<size_t>(hi) + 1] -= b.quantity;
  }
  std::vector<int> out(static_cast<size_t>(days), 0);
  int run = 0;
  for (int i = 0; i < days; ++i) {
    run += delta[static_cast<size_t>(i)];
    out[static_cast<size_t>(i)] = run;
  }
  return out;
}

int pieces_out(const Resource& r, const std::vector<Booking>& bookings, VariantId variant, LocalDate from, LocalDate to,
               int turnaround_days, EpochMs now) {
  const std::int64_t n = days_between(from, to) + 1;
  if (n <= 0) return 0;
  const std::vector<int> per_day =
      pieces_out_per_day(r, bookings, variant, from, static_cast<int>(n), turnaround_days, now);
  return per_day.empty() ? 0 : *std::max_element(per_day.begin(), per_day.end());
}

const Variant* find_variant(const Resource& r, VariantId id) {
  for (const Variant& v : r.variants) {
    if (v.id == id) return &v;
  }
  return nullptr;
}

}  // namespace dongne::booking
