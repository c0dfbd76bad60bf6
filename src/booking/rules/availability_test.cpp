#include "booking/rules/availability.h"

#include <gtest/gtest.h>

#include "booking/rules/fixtures.h"

namespace dongne::booking {
namespace {

using namespace fixtures;

const EpochMs kNow = at(2026, 11, 23, 11);

TEST(Schedule, SlotsDayStatusAndWindow) {
  const Rules rules = play_room_rules();
  const auto wed = slots_for_day({2026, 11, 25}, rules, hol());
  ASSERT_EQ(wed.size(), 4u);  // 09-11, 11-13, 13-15, 15-17 (17-18 is shorter than a slot)
  EXPECT_EQ(format_rfc3339(wed[0].start), "2026-11-25T09:00:00+09:00");
  EXPECT_EQ(format_rfc3339(wed[3].end), "2026-11-25T17:00:00+09:00");
  EXPECT_EQ(slots_for_day({2026, 11, 28}, rules, hol()).size(), 3u);  // Saturday 10-16
  EXPECT_TRUE(slots_for_day({2026, 11, 29}, rules, hol()).empty());   // Sunday
  EXPECT_EQ(day_info({2026, 11, 29}, rules, hol()).status, DayStatus::kNoHours);
  EXPECT_EQ(day_info({2026, 11, 27}, rules, hol()).status, DayStatus::kClosureDay);
  const DayInfo xmas = day_info({2026, 12, 25}, rules, hol());
  EXPECT_EQ(xmas.status, DayStatus::kHoliday);
  EXPECT_EQ(xmas.holiday->name_en, "Christmas Day");
  EXPECT_EQ(format_rfc3339(window_opens_at({2026, 12, 10}, rules)), "2026-11-26T10:00:00+09:00");
  EXPECT_EQ(window_closes_at(at(2026, 12, 10, 9), rules), at(2026, 12, 10, 8));
  // Split hours (lunch break) generate slots per interval.
  Rules split = rules;
  split.slot_length = minutes{90};
  split.hours.by_weekday[2] = {{9 * 60, 12 * 60}, {13 * 60, 18 * 60}};
  const auto s = slots_for_day({2026, 11, 25}, split, hol());
  ASSERT_EQ(s.size(), 5u);  // 09:00, 10:30, 13:00, 14:30, 16:00
  EXPECT_EQ(local_minute_of_day(s[2].start), 13 * 60);
  EXPECT_TRUE(is_whole_slots({s[0].start, s[1].end}, split, hol()));
  EXPECT_FALSE(is_whole_slots({s[1].start, s[2].end}, split, hol()));  // across the break: not consecutive
}

TEST(Availability, MonthOfThePlayRoom) {
  const Resource res = play_room();
  const Rules rules = play_room_rules();
  std::vector<Booking> bookings;
  for (int h = 0; h < 5; ++h) {  // 2026-11-25 09-11 full
    Booking b;
    b.id = h + 1;
    b.resource_id = 1;
    b.household_id = 100 + h;
    b.span = {at(2026, 11, 25, 9), at(2026, 11, 25, 11)};
    bookings.push_back(b);
  }
  Booking two_slots = bookings[0];
  two_slots.id = 50;
  two_slots.span = {at(2026, 11, 26, 13), at(2026, 11, 26, 17)};
  bookings.push_back(two_slots);
  Booking cancelled = two_slots;
  cancelled.id = 51;
  cancelled.status = BookingStatus::kCancelled;
  bookings.push_back(cancelled);

  const auto month = month_availability(res, rules, hol(), bookings, 2026, 12, kNow);
  ASSERT_EQ(month.size(), 31u);
  EXPECT_EQ(month[24].status, DayStatus::kHoliday);
  EXPECT_EQ(month[24].holiday_name_ko, "기독탄신일");
  EXPECT_TRUE(month[24].slots.empty());
  EXPECT_EQ(month[4].status, DayStatus::kOpen);  // Saturday 12-05
  EXPECT_EQ(month[5].status, DayStatus::kNoHours);  // Sunday 12-06 has no hours
  EXPECT_TRUE(month[5].slots.empty());
  // 12-01 opened on 11-17 10:00 ⇒ bookable; 12-10 opens 11-26 ⇒ not yet.
  EXPECT_TRUE(month[0].slots[0].bookable_now);
  EXPECT_FALSE(month[9].slots[0].bookable_now);

  const auto week = week_availability(res, rules, hol(), bookings, {2026, 11, 25}, kNow);
  ASSERT_EQ(week.size(), 7u);
  EXPECT_EQ(week[0].date, (LocalDate{2026, 11, 23}));
  const auto& wed = week[2].slots;
  EXPECT_EQ(wed[0].taken, 5);
  EXPECT_EQ(wed[0].left, 0);
  EXPECT_FALSE(wed[0].bookable_now);
  EXPECT_EQ(wed[1].left, 5);
  EXPECT_TRUE(wed[1].bookable_now);
  const auto& thu = week[3].slots;
  EXPECT_EQ(thu[1].taken, 0);
  EXPECT_EQ(thu[2].taken, 1);  // the two-slot booking counts in both of its slots
  EXPECT_EQ(thu[3].taken, 1);
  EXPECT_EQ(week[4].status, DayStatus::kClosureDay);
  // Today's 11:00 slot closed at 10:00 (60 min before).
  EXPECT_FALSE(week[0].slots[1].bookable_now);
  EXPECT_TRUE(week[0].slots[2].bookable_now);
}

TEST(Availability, ItemsPerVariantPerDay) {
  const Resource res = dol_outfits();
  const Rules rules = dol_outfit_rules();
  Booking loan;
  loan.id = 1;
  loan.resource_id = 3;
  loan.variant_id = 34;
  loan.pickup_date = {2026, 12, 1};
  loan.return_date = {2026, 12, 3};
  const auto days = availability(res, rules, hol(), {loan}, {2026, 11, 30}, 7, kNow);
  ASSERT_EQ(days.size(), 7u);
  ASSERT_EQ(days[0].variants.size(), 4u);
  EXPECT_EQ(days[0].variants[3].left, 1);
  for (int i = 1; i <= 4; ++i) EXPECT_EQ(days[static_cast<size_t>(i)].variants[3].out, 1) << i;  // + cleaning day
  EXPECT_EQ(days[5].variants[3].left, 1);
  EXPECT_FALSE(days[1].variants[3].bookable_now);
  EXPECT_TRUE(days[1].variants[0].bookable_now);
  EXPECT_FALSE(days[6].variants[0].bookable_now);  // Sunday: no pickup
}

TEST(Availability, EventOccurrencesAndLotteryPhase) {
  const Resource res = family_camp();
  const Rules rules = family_camp_rules();
  Booking fam;
  fam.id = 1;
  fam.resource_id = 4;
  fam.span = res.occurrences[0];
  fam.persons = 4;
  auto before = availability(res, rules, hol(), {fam}, {2026, 8, 22}, 1, at(2026, 7, 20, 0));
  ASSERT_EQ(before[0].slots.size(), 1u);
  EXPECT_EQ(before[0].slots[0].taken, 4);
  EXPECT_EQ(before[0].slots[0].left, 86);
  EXPECT_EQ(before[0].slots[0].families, 1);
  EXPECT_TRUE(before[0].slots[0].bookable_now);  // lottery entries
  auto early = availability(res, rules, hol(), {fam}, {2026, 8, 22}, 1, at(2026, 7, 1, 0));
  EXPECT_FALSE(early[0].slots[0].bookable_now);
  EXPECT_TRUE(availability(res, rules, hol(), {fam}, {2026, 8, 21}, 1, kNow)[0].slots.empty());
  EXPECT_TRUE(availability(res, rules, hol(), {}, {2027, 12, 31}, 2, kNow)[0].holidays_known);
  EXPECT_FALSE(availability(res, rules, hol(), {}, {2027, 12, 31}, 2, kNow)[1].holidays_known);
}

}  // namespace
}  // namespace dongne::booking
