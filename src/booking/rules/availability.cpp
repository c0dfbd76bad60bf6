#include "booking/rules/availability.h"

#include <algorithm>

#include "booking/rules/usage.h"

namespace dongne::booking {
namespace {

// Bookings of this resource that hold a place now, sorted by start, with the longest span (for range queries).
struct Index {
  std::vector<const Booking*> by_start;
  EpochMs max_len = 0;
};

Index index_bookings(const Resource& r, const std::vector<Booking>& bookings, EpochMs now, TimeRange range) {
  Index ix;
  for (const Booking& b : bookings) {
    if (b.resource_id != r.id || !holds_place(b, now) || !b.span.overlaps(range)) continue;
    ix.by_start.push_back(&b);
    ix.max_len = std::max(ix.max_len, b.span.end - b.span.start);
  }
  std::sort(ix.by_start.begin(), ix.by_start.end(),
            [](const Booking* a, const Booking* b) { return a->span.start < b->span.start; });
  return ix;
}

SlotUse use_indexed(const Resource& r, const Index& ix, const TimeRange& slot) {
  SlotUse u;
  auto lo = std::lower_bound(ix.by_start.begin(), ix.by_start.end(), slot.start - ix.max_len,
                             [](const Booking* b, EpochMs t) { return b->span.start < t; });
  for (auto it = lo; it != ix.by_start.end() && (*it)->span.start < slot.end; ++it) {
    if (!(*it)->span.overlaps(slot)) continue;
    u.units += units_of(r.kind, **it);
    u.bookings += (*it)->count;
  }
  return u;
}

bool lottery_phase(const Rules& rules, EpochMs now) {
  return rules.allocation == Allocation::kLottery && (!rules.lottery_draw_at || now < *rules.lottery_draw_at);
}

}  // namespace

std::vector<DayAvailability> availability(const Resource& r, const Rules& rules, const HolidayCalendar& hol,
                                          const std::vector<Booking>& bookings, LocalDate from, int days, EpochMs now) {
  std::vector<DayAvailability> out;
  if (days <= 0) return out;
  out.reserve(static_cast<size_t>(days));
  const bool lottery = lottery_phase(rules, now);
  const TimeRange range{start_of_local_day(from), start_of_local_day(add_days(from, days))};
  const bool slot_kind = r.kind != ResourceKind::kItem;
  const Index ix = slot_kind ? index_bookings(r, bookings, now, range) : Index{};
  std::vector<std::vector<int>> out_per_variant;
  if (!slot_kind) {
    for (const Variant& v : r.variants) {
      out_per_variant.push_back(pieces_out_per_day(r, bookings, v.id, from, days, rules.turnaround_days, now));
    }
  }
  for (int i = 0; i < days; ++i) {
    DayAvailability day;
    day.date = add_days(from, i);
    const DayInfo info = day_info(day.date, rules, hol);
    day.status = info.status;
    if (info.holiday) {
      day.holiday_name_ko = info.holiday->name_ko;
      day.holiday_name_en = info.holiday->name_en;
    }
    day.window_opens_at = window_opens_at(day.date, rules);
    day.holidays_known = hol.covers(day.date);
    const bool window_open = now >= day.window_opens_at;
    if (r.kind == ResourceKind::kSpace || r.kind == ResourceKind::kStudio) {
      for (const TimeRange& s : slots_for_day(day.date, rules, hol)) {
        const SlotUse u = use_indexed(r, ix, s);
        SlotAvailability a{s, r.capacity, u.units, std::max(0, r.capacity - u.units), u.bookings, false};
        a.bookable_now = window_open && now < window_closes_at(s.start, rules) && (lottery || a.left > 0);
        day.slots.push_back(a);
      }
    } else if (r.kind == ResourceKind::kSession || r.kind == ResourceKind::kEvent) {
      const bool open_day = day.status == DayStatus::kOpen || day.status == DayStatus::kNoHours;
      for (const TimeRange& occ : r.occurrences) {
        if (local_date(occ.start) != day.date) continue;
        const SlotUse u = use_indexed(r, ix, occ);
        SlotAvailability a{occ, r.capacity, u.units, std::max(0, r.capacity - u.units), u.bookings, false};
        const bool families_left = !r.max_families || u.bookings < *r.max_families;
        a.bookable_now = open_day && window_open && now < window_closes_at(occ.start, rules) &&
                         (lottery || (a.left > 0 && families_left));
        day.slots.push_back(a);
      }
      std::sort(day.slots.begin(), day.slots.end(),
                [](const SlotAvailability& a, const SlotAvailability& b) { return a.span < b.span; });
    } else {
      const bool pickup_ok = day.status == DayStatus::kOpen && window_open &&
                             now < window_closes_at(pickup_instant(day.date, rules), rules);
      for (size_t v = 0; v < r.variants.size(); ++v) {
        VariantAvailability a;
        a.variant = r.variants[v].id;
        a.stock = r.variants[v].stock;
        a.out = out_per_variant[v][static_cast<size_t>(i)];
        a.left = std::max(0, a.stock - a.out);
        a.bookable_now = pickup_ok && (lottery || a.left > 0);
        day.variants.push_back(a);
      }
    }
    out.push_back(std::move(day));
  }
  return out;
}

std::vector<DayAvailability> month_availability(const Resource& r, const Rules& rules, const HolidayCalendar& hol,
                                                const std::vector<Booking>& bookings, int year, int month,
                                                EpochMs now) {
  return availability(r, rules, hol, bookings, LocalDate{year, month, 1}, days_in_month(year, month), now);
}

std::vector<DayAvailability> week_availability(const Resource& r, const Rules& rules, const HolidayCalendar& hol,
                                               const std::vector<Booking>& bookings, LocalDate day, EpochMs now) {
  return availability(r, rules, hol, bookings, week_start(day), 7, now);
}

}  // namespace dongne::booking
