// Deciding over aggregates: the store hands decide() other households' holding bookings summed per span (one
// Booking with `count` and summed persons; repo::bookings_for_decision). These tests check that the
// engine's answer is the same as over the individual bookings: capacity, max_families, session/event persons,
// bookings spanning several slots, waitlist positions, and availability's counts.
#include <gtest/gtest.h>

#include <map>
#include <random>
#include <tuple>

#include "booking/rules/availability.h"
#include "booking/rules/decide.h"
#include "booking/rules/fixtures.h"

namespace dongne::booking {
namespace {

using namespace fixtures;

bool holds_unconditionally(BookingStatus s) {
  return s == BookingStatus::kPending || s == BookingStatus::kConfirmed || s == BookingStatus::kCheckedIn ||
         s == BookingStatus::kNoShow;
}

// What the store gives decide() for household `hh` (a model of the SQL, written apart from the engine): the
// household's own bookings as they are; holds (waitlist offers) as they are; other households' pending,
// confirmed, checked-in and no-show bookings summed per (resource, span); their waitlisted entries counted per
// span; the rest (lottery entries, cancelled, rejected) left out, as the store does not read them.
std::vector<Booking> aggregate(const std::vector<Booking>& all, HouseholdId hh) {
  std::vector<Booking> out;
  std::map<std::tuple<ResourceId, EpochMs, EpochMs, bool>, Booking> groups;
  for (const Booking& b : all) {
    if (b.household_id == hh || b.status == BookingStatus::kHeld) {
      out.push_back(b);
      continue;
    }
    const bool waiting = b.status == BookingStatus::kWaitlisted;
    if (!waiting && !holds_unconditionally(b.status)) continue;
    auto [it, fresh] = groups.try_emplace({b.resource_id, b.span.start, b.span.end, waiting});
    Booking& g = it->second;
    if (fresh) {
      g.resource_id = b.resource_id;
      g.household_id = 0;
      g.status = waiting ? BookingStatus::kWaitlisted : BookingStatus::kConfirmed;
      g.span = b.span;
      g.count = 0;
      g.quantity = 0;  // as the store gives it: pieces are counted for items only
      g.persons = 0;
    }
    g.count += 1;
    g.persons += b.persons;
  }
  for (auto& [key, g] : groups) out.push_back(g);
  return out;
}

void expect_same(const Decision& a, const Decision& b, const std::string& where) {
  EXPECT_EQ(a.outcome, b.outcome) << where << ": " << a.message_en << " / " << b.message_en;
  EXPECT_EQ(a.reason, b.reason) << where;
  EXPECT_EQ(a.waitlist_position, b.waitlist_position) << where;
  EXPECT_EQ(a.units, b.units) << where;
  EXPECT_EQ(a.fee, b.fee) << where;
  EXPECT_EQ(a.message_en, b.message_en) << where;
}

BookingStatus random_status(std::mt19937_64& g) {
  static constexpr BookingStatus kAll[] = {
      BookingStatus::kConfirmed, BookingStatus::kConfirmed,  BookingStatus::kConfirmed,
      BookingStatus::kPending,   BookingStatus::kCheckedIn,  BookingStatus::kNoShow,
      BookingStatus::kHeld,      BookingStatus::kWaitlisted, BookingStatus::kLotteryEntry,
      BookingStatus::kCancelled, BookingStatus::kRejected};
  return kAll[g() % std::size(kAll)];
}

// Random bookings of `res` over `spans` by households 1..households, then random requests; each request is
// decided over the individual bookings and over their aggregate, and the answers must agree. Returns the
// outcomes seen.
std::map<Outcome, int> compare_random(const Resource& res, const Rules& rules,
                                      const std::vector<TimeRange>& spans, int households, EpochMs now,
                                      std::uint64_t seed, bool with_members) {
  std::mt19937_64 g(seed);
  auto hh_of = [](HouseholdId id) { return household(id, {{2019, 1}, {2021, 1}, {2025, 11}}); };
  std::vector<Booking> all;
  const int n = static_cast<int>(g() % 40);
  for (int i = 0; i < n; ++i) {
    Booking b;
    b.id = i + 1;
    b.resource_id = res.id;
    b.household_id = 1 + static_cast<HouseholdId>(g() % static_cast<std::uint64_t>(households));
    b.status = random_status(g);
    b.span = spans[g() % spans.size()];
    b.persons = 1 + static_cast<int>(g() % 4);
    b.created_at = now - kMsPerDay;
    if (b.status == BookingStatus::kHeld) {
      b.hold_expires_at = now + (g() % 2 ? 1 : -1) * static_cast<EpochMs>(1 + g() % 60) * kMsPerMinute;
    }
    all.push_back(b);
  }
  std::map<Outcome, int> seen;
  for (int k = 0; k < 30; ++k) {
    const Household hh = hh_of(1 + static_cast<HouseholdId>(g() % static_cast<std::uint64_t>(households)));
    Request r;
    r.household_id = hh.id;
    r.resource_id = res.id;
    r.span = spans[g() % spans.size()];
    r.persons = 1 + static_cast<int>(g() % 4);
    if (with_members && g() % 2) {
      for (const Member& m : hh.members) {
        if (g() % 2) r.member_ids.push_back(m.id);
      }
    }
    const Decision full = decide(r, res, rules, hol(), all, hh, now);
    const Decision summed = decide(r, res, rules, hol(), aggregate(all, hh.id), hh, now);
    expect_same(full, summed, "seed " + std::to_string(seed) + " request " + std::to_string(k));
    ++seen[full.outcome];
  }
  return seen;
}

// 1..3 consecutive 2-hour slots starting at each slot of a day (spans that overlap only in part).
std::vector<TimeRange> slot_spans(LocalDate day) {
  std::vector<TimeRange> out;
  for (int first = 0; first < 4; ++first) {
    for (int len = 1; first + len <= 4 && len <= 3; ++len) {
      out.push_back({from_local(day, 9 * 60 + first * 120), from_local(day, 9 * 60 + (first + len) * 120)});
    }
  }
  return out;
}

TEST(AggregateProperty, SpaceDecisionsAgreeOverMultiSlotSpans) {
  std::map<Outcome, int> seen;
  for (std::uint64_t seed = 1; seed <= 150; ++seed) {
    Resource res = play_room();
    res.capacity = 1 + static_cast<int>(seed % 8);
    Rules rules = play_room_rules();
    rules.max_slots_per_booking = 3;
    rules.waitlist = seed % 5 != 0;
    rules.quota = Quota{QuotaPeriod::kMonth, 1 + static_cast<int>(seed % 3), ""};
    for (auto [k, v] : compare_random(res, rules, slot_spans(LocalDate{2026, 12, 2}),
                                      4 + static_cast<int>(seed % 12), at(2026, 11, 25, 9), seed, false)) {
      seen[k] += v;
    }
  }
  EXPECT_GT(seen[Outcome::kConfirmed], 100);
  EXPECT_GT(seen[Outcome::kWaitlisted], 100);
  EXPECT_GT(seen[Outcome::kRefused], 100);
}

TEST(AggregateProperty, StudioDecisionsAgree) {
  std::map<Outcome, int> seen;
  for (std::uint64_t seed = 1; seed <= 60; ++seed) {
    const Resource res = photo_studio();
    Rules rules = photo_studio_rules();
    rules.eligibility = {};
    std::vector<TimeRange> spans;
    for (int h = 9; h < 12; ++h) spans.push_back({at(2026, 12, 9, h), at(2026, 12, 9, h + 1)});
    for (auto [k, v] : compare_random(res, rules, spans, 6, at(2026, 11, 25, 9), seed * 7, false))
      seen[k] += v;
  }
  EXPECT_GT(seen[Outcome::kPendingApproval], 20);
  EXPECT_GT(seen[Outcome::kWaitlisted], 20);
}

TEST(AggregateProperty, SessionPersonsAgree) {
  std::map<Outcome, int> seen;
  for (std::uint64_t seed = 1; seed <= 100; ++seed) {
    Resource res = group_counselling();
    res.capacity = 4 + static_cast<int>(seed % 20);
    Rules rules = group_counselling_rules();
    rules.max_persons_per_booking = seed % 2 ? 0 : 4;
    rules.fees.per_person = Won{1'000};
    const std::vector<TimeRange> spans(res.occurrences.begin(), res.occurrences.begin() + 3);
    for (auto [k, v] : compare_random(res, rules, spans, 10, at(2026, 11, 25, 9), seed * 13, false))
      seen[k] += v;
  }
  EXPECT_GT(seen[Outcome::kConfirmed], 100);
  EXPECT_GT(seen[Outcome::kWaitlisted], 100);
}

TEST(AggregateProperty, EventPersonsAndFamiliesAgree) {
  std::map<Outcome, int> seen;
  for (std::uint64_t seed = 1; seed <= 100; ++seed) {
    Resource res = family_camp();
    res.capacity = 5 + static_cast<int>(seed % 40);
    res.max_families = 1 + static_cast<int>(seed % 12);
    Rules rules = family_camp_rules();
    rules.allocation = Allocation::kFirstCome;
    for (auto [k, v] :
         compare_random(res, rules, res.occurrences, 15, at(2026, 7, 14, 11), seed * 17, true)) {
      seen[k] += v;
    }
  }
  EXPECT_GT(seen[Outcome::kConfirmed], 100);
  EXPECT_GT(seen[Outcome::kWaitlisted], 100);
}

// The boundary cases spelled out: one entry standing for n bookings fills a slot exactly as n bookings do.
TEST(AggregateDecide, CountFillsCapacityAndFamiliesLikeThatManyBookings) {
  const EpochMs now = at(2026, 11, 25, 9);
  const Household hh = household(1);
  Resource room = play_room();  // 5 places
  Rules rules = play_room_rules();
  Request r;
  r.household_id = 1;
  r.resource_id = room.id;
  r.span = {at(2026, 12, 2, 9), at(2026, 12, 2, 13)};  // two slots
  Booking others;
  others.resource_id = room.id;
  others.span = {at(2026, 12, 2, 11), at(2026, 12, 2, 13)};  // the second slot only
  others.count = 4;
  EXPECT_EQ(decide(r, room, rules, hol(), {others}, hh, now).outcome, Outcome::kConfirmed);
  others.count = 5;
  const Decision full = decide(r, room, rules, hol(), {others}, hh, now);
  EXPECT_EQ(full.outcome, Outcome::kWaitlisted);
  Booking waiting;
  waiting.resource_id = room.id;
  waiting.status = BookingStatus::kWaitlisted;
  waiting.span = r.span;
  waiting.count = 7;
  EXPECT_EQ(decide(r, room, rules, hol(), {others, waiting}, hh, now).waitlist_position, 8);

  Resource camp = family_camp();  // 90 persons, at most 25 families
  Rules camp_rules = family_camp_rules();
  camp_rules.allocation = Allocation::kFirstCome;
  Request c;
  c.household_id = 1;
  c.resource_id = camp.id;
  c.span = camp.occurrences[0];
  c.persons = 2;
  Booking families;
  families.resource_id = camp.id;
  families.span = camp.occurrences[0];
  families.count = 24;
  families.persons = 48;
  const EpochMs camp_now = at(2026, 7, 14, 11);
  EXPECT_EQ(decide(c, camp, camp_rules, hol(), {families}, hh, camp_now).outcome, Outcome::kConfirmed);
  families.count = 25;  // persons fit (50 + 2 <= 90), families do not
  families.persons = 50;
  EXPECT_EQ(decide(c, camp, camp_rules, hol(), {families}, hh, camp_now).outcome, Outcome::kWaitlisted);
  families.count = 20;  // families fit, persons do not (89 + 2 > 90)
  families.persons = 89;
  EXPECT_EQ(decide(c, camp, camp_rules, hol(), {families}, hh, camp_now).outcome, Outcome::kWaitlisted);
}

TEST(AggregateAvailability, SameCountsAsIndividualBookings) {
  for (std::uint64_t seed = 1; seed <= 40; ++seed) {
    std::mt19937_64 g(seed * 101);
    Resource res = seed % 2 ? play_room() : group_counselling();
    res.capacity = 3 + static_cast<int>(g() % 10);
    const Rules rules = seed % 2 ? play_room_rules() : group_counselling_rules();
    const LocalDate first{2026, 11, 30};
    std::vector<TimeRange> spans = res.occurrences;
    for (int d = 0; d < 5 && spans.empty(); ++d) {
      for (const TimeRange& s : slot_spans(add_days(first, d))) spans.push_back(s);
    }
    std::vector<Booking> all;
    for (int i = 0; i < 80; ++i) {
      Booking b;
      b.id = i + 1;
      b.resource_id = res.id;
      b.household_id = 100 + i;
      b.status = random_status(g);
      b.span = spans[g() % spans.size()];
      b.persons = 1 + static_cast<int>(g() % 3);
      b.hold_expires_at = at(2026, 11, 25, 9) + (g() % 2 ? 1 : -1) * kMsPerHour;
      all.push_back(b);
    }
    const EpochMs now = at(2026, 11, 25, 9);
    const auto a = availability(res, rules, hol(), all, first, 21, now);
    const auto b = availability(res, rules, hol(), aggregate(all, 0), first, 21, now);
    ASSERT_EQ(a.size(), b.size());
    for (size_t d = 0; d < a.size(); ++d) {
      ASSERT_EQ(a[d].slots.size(), b[d].slots.size());
      for (size_t s = 0; s < a[d].slots.size(); ++s) {
        EXPECT_EQ(a[d].slots[s].taken, b[d].slots[s].taken) << "seed " << seed;
        EXPECT_EQ(a[d].slots[s].families, b[d].slots[s].families) << "seed " << seed;
        EXPECT_EQ(a[d].slots[s].bookable_now, b[d].slots[s].bookable_now) << "seed " << seed;
      }
    }
  }
}

}  // namespace
}  // namespace dongne::booking
