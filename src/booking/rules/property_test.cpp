// Property tests: random sequences of requests, cancellations and holds (fixed seeds, many cases), checked against
// brute-force recounts that share no code with the engine's counting.
#include <gtest/gtest.h>

#include <map>
#include <random>

#include "booking/rules/availability.h"
#include "booking/rules/decide.h"
#include "booking/rules/fixtures.h"
#include "booking/rules/lifecycle.h"

namespace dongne::booking {
namespace {

using namespace fixtures;

bool live(const Booking& b, EpochMs now) {
  if (b.status == BookingStatus::kHeld) return b.hold_expires_at && *b.hold_expires_at > now;
  return b.status == BookingStatus::kConfirmed || b.status == BookingStatus::kPending ||
         b.status == BookingStatus::kCheckedIn || b.status == BookingStatus::kNoShow;
}

// Applies a random cancellation (through lifecycle::cancel) or a random hold to `bookings`.
void random_cancel(std::mt19937_64& g, std::vector<Booking>& bookings, const Rules& rules, EpochMs now) {
  if (bookings.empty()) return;
  Booking& b = bookings[g() % bookings.size()];
  const LifecycleDecision d = cancel(b, rules, now);
  if (d.outcome == LifecycleOutcome::kDone || d.outcome == LifecycleOutcome::kDoneLate) b.status = d.new_status;
}

TEST(CapacityProperty, SpacesNeverOverCapacityQuotaNeverExceeded) {
  std::map<Reason, int> tally;  // the sequences must reach both accepted and full cases
  for (std::uint64_t seed = 1; seed <= 60; ++seed) {
    std::mt19937_64 g(seed);
    Resource res = play_room();
    res.capacity = 1 + static_cast<int>(g() % 4);
    Rules rules = play_room_rules();
    rules.eligibility = {};
    rules.approval = g() % 2 ? Approval::kInstant : Approval::kStaff;
    rules.quota = Quota{g() % 2 ? QuotaPeriod::kWeek : QuotaPeriod::kMonth, 1 + static_cast<int>(g() % 3), ""};
    std::vector<Household> hhs;
    for (HouseholdId h = 1; h <= 12; ++h) hhs.push_back(household(h));
    std::vector<Booking> bookings;
    EpochMs now = at(2026, 11, 23, 9);
    const LocalDate first{2026, 11, 24};
    for (int step = 0; step < 300; ++step) {
      now += static_cast<EpochMs>(g() % 20) * kMsPerMinute;
      const int op = static_cast<int>(g() % 10);
      if (op < 7) {
        const LocalDate day = add_days(first, static_cast<int>(g() % 12));
        Request r;
        r.household_id = hhs[g() % hhs.size()].id;
        r.resource_id = res.id;
        const int start_min = 9 * 60 + static_cast<int>(g() % 5) * 120 - (g() % 8 == 0 ? 60 : 0);
        r.span = {from_local(day, start_min), from_local(day, start_min + 120 * (1 + static_cast<int>(g() % 2)))};
        const Household& hh = hhs[static_cast<size_t>(r.household_id - 1)];
        const Decision d = decide(r, res, rules, hol(), bookings, hh, now);
        ++tally[d.reason];
        if (auto b = booking_from(r, d, static_cast<BookingId>(bookings.size() + 1), rules, now)) {
          bookings.push_back(*b);
        }
      } else if (op < 9) {
        random_cancel(g, bookings, rules, now);
      } else if (!bookings.empty()) {  // a short hold on an existing slot, as a waitlist offer would make
        Booking h = bookings[g() % bookings.size()];
        if (h.status != BookingStatus::kWaitlisted) continue;
        int used = 0;
        for (const Booking& b : bookings) used += live(b, now) && b.span.overlaps(h.span) ? 1 : 0;
        if (used >= res.capacity) continue;
        h.id = static_cast<BookingId>(bookings.size() + 1);
        h.status = BookingStatus::kHeld;
        h.hold_expires_at = now + 30 * kMsPerMinute;
        bookings.push_back(h);
      }
      // Brute force: every 30-minute point of every day holds at most `capacity` live bookings.
      for (int dd = 0; dd < 12; ++dd) {
        for (int m = 0; m < 24 * 60; m += 30) {
          const EpochMs t = from_local(add_days(first, dd), m);
          int n = 0;
          for (const Booking& b : bookings) n += live(b, now) && b.span.start <= t && t < b.span.end ? 1 : 0;
          ASSERT_LE(n, res.capacity) << "seed " << seed << " step " << step;
        }
      }
      // Quota: confirmed + pending per household per period.
      std::map<std::pair<HouseholdId, std::int64_t>, int> per;
      for (const Booking& b : bookings) {
        if (b.status != BookingStatus::kConfirmed && b.status != BookingStatus::kPending) continue;
        const LocalDate d = local_date(b.span.start);
        const std::int64_t key = rules.quota->period == QuotaPeriod::kWeek ? days_from_civil(week_start(d))
                                                                            : d.year * 12 + d.month;
        const int count = ++per[std::make_pair(b.household_id, key)];
        ASSERT_LE(count, rules.quota->max_bookings) << "seed " << seed;
      }
    }
  }
  EXPECT_GT(tally[Reason::kNone], 100);
  EXPECT_GT(tally[Reason::kFull], 100);
  EXPECT_GT(tally[Reason::kQuotaReached], 100);
  EXPECT_GT(tally[Reason::kAlreadyBooked], 10);
}

TEST(CapacityProperty, EventPersonsAndFamiliesNeverExceeded) {
  std::map<Reason, int> tally;  // the sequences must reach both accepted and full cases
  for (std::uint64_t seed = 1; seed <= 100; ++seed) {
    std::mt19937_64 g(seed * 7919);
    Resource res = family_camp();
    res.capacity = 10 + static_cast<int>(g() % 30);
    res.max_families = 3 + static_cast<int>(g() % 10);
    Rules rules = family_camp_rules();
    rules.allocation = Allocation::kFirstCome;
    std::vector<Booking> bookings;
    EpochMs now = at(2026, 7, 14, 9);
    for (int step = 0; step < 150; ++step) {
      now += static_cast<EpochMs>(g() % 180) * kMsPerMinute;
      if (g() % 4 == 0) {
        random_cancel(g, bookings, rules, now);
      } else {
        const HouseholdId id = 1 + static_cast<HouseholdId>(g() % 40);
        const Household hh = household(id, {{2019, 1}, {2021, 1}});
        Request r;
        r.household_id = id;
        r.resource_id = res.id;
        r.span = res.occurrences[0];
        for (const Member& m : hh.members) {
          if (g() % 2) r.member_ids.push_back(m.id);
        }
        if (r.member_ids.empty()) r.persons = 1 + static_cast<int>(g() % 5);
        const Decision d = decide(r, res, rules, hol(), bookings, hh, now);
        ++tally[d.reason];
        if (auto b = booking_from(r, d, static_cast<BookingId>(bookings.size() + 1), rules, now)) {
          bookings.push_back(*b);
        }
      }
      int persons = 0, families = 0;
      for (const Booking& b : bookings) {
        if (!live(b, now)) continue;
        persons += b.persons;
        ++families;
        ASSERT_LE(b.persons, rules.max_persons_per_booking);
      }
      ASSERT_LE(persons, res.capacity) << "seed " << seed;
      ASSERT_LE(families, *res.max_families) << "seed " << seed;
    }
  }
  EXPECT_GT(tally[Reason::kNone], 100);
  EXPECT_GT(tally[Reason::kFull], 100);
  EXPECT_GT(tally[Reason::kInvalidSlot], 10);
}

TEST(StockProperty, NoPieceLentTwiceOverOverlappingLoans) {
  std::map<Reason, int> tally;  // the sequences must reach both accepted and full cases
  for (std::uint64_t seed = 1; seed <= 100; ++seed) {
    std::mt19937_64 g(seed * 104729);
    const Resource res = dol_outfits();
    Rules rules = dol_outfit_rules();
    rules.quota.reset();
    rules.turnaround_days = static_cast<int>(g() % 3);
    std::vector<Booking> bookings;
    EpochMs now = at(2026, 11, 2, 9);
    const LocalDate first{2026, 11, 24};
    for (int step = 0; step < 200; ++step) {
      now += static_cast<EpochMs>(g() % 30) * kMsPerMinute;
      if (g() % 5 == 0) {
        random_cancel(g, bookings, rules, now);
      } else {
        Request r;
        r.household_id = 1 + static_cast<HouseholdId>(g() % 30);
        r.resource_id = res.id;
        r.variant_id = res.variants[g() % res.variants.size()].id;
        r.pickup_date = add_days(first, static_cast<int>(g() % 25));
        r.return_date = add_days(r.pickup_date, static_cast<int>(g() % 5));
        r.quantity = 1 + static_cast<int>(g() % 2);
        const Decision d = decide(r, res, rules, hol(), bookings, household(r.household_id), now);
        ++tally[d.reason];
        if (auto b = booking_from(r, d, static_cast<BookingId>(bookings.size() + 1), rules, now)) {
          bookings.push_back(*b);
        }
      }
      for (const Variant& v : res.variants) {
        for (int dd = -2; dd < 35; ++dd) {
          const LocalDate day = add_days(first, dd);
          int out = 0;
          for (const Booking& b : bookings) {
            if (!live(b, now) || b.variant_id != v.id) continue;
            if (b.pickup_date <= day && day <= add_days(b.return_date, rules.turnaround_days)) out += b.quantity;
          }
          ASSERT_LE(out, v.stock) << "seed " << seed << " step " << step << " " << format_date(day);
        }
      }
    }
  }
  EXPECT_GT(tally[Reason::kNone], 100);
  EXPECT_GT(tally[Reason::kFull], 100);
}

// Availability and decide agree: a slot shown bookable with places left is exactly one a fresh household gets.
TEST(AgreementProperty, AvailabilityMatchesDecide) {
  for (std::uint64_t seed = 1; seed <= 40; ++seed) {
    std::mt19937_64 g(seed * 31337);
    Resource res = play_room();
    res.capacity = 1 + static_cast<int>(g() % 3);
    Rules rules = play_room_rules();
    rules.eligibility = {};
    rules.quota.reset();
    rules.max_slots_per_booking = 1;
    std::vector<Booking> bookings;
    const LocalDate first{2026, 11, 23};
    for (int i = 0; i < 60; ++i) {
      const LocalDate day = add_days(first, static_cast<int>(g() % 21));
      const int m = 9 * 60 + static_cast<int>(g() % 4) * 120;
      Booking b;
      b.id = i + 1;
      b.resource_id = res.id;
      b.household_id = 100 + i;
      b.span = {from_local(day, m), from_local(day, m + 120)};
      b.status = g() % 4 == 0 ? BookingStatus::kCancelled : BookingStatus::kConfirmed;
      bookings.push_back(b);
    }
    const EpochMs now = at(2026, 11, 23, 8) + static_cast<EpochMs>(g() % (5 * 24 * 60)) * kMsPerMinute;
    const Household fresh = household(1);
    for (const DayAvailability& day : availability(res, rules, hol(), bookings, first, 21, now)) {
      for (const SlotAvailability& s : day.slots) {
        Request r;
        r.household_id = 1;
        r.resource_id = res.id;
        r.span = s.span;
        const Decision d = decide(r, res, rules, hol(), bookings, fresh, now);
        EXPECT_EQ(s.bookable_now, d.outcome == Outcome::kConfirmed)
            << format_rfc3339(s.span.start) << " now " << format_rfc3339(now) << " " << d.message_en;
        if (d.outcome == Outcome::kWaitlisted) {
          EXPECT_EQ(s.left, 0);
        }
        if (d.outcome == Outcome::kConfirmed) {
          EXPECT_GT(s.left, 0);
        }
      }
    }
  }
}

}  // namespace
}  // namespace dongne::booking
