#include "booking/rules/decide.h"

#include <gtest/gtest.h>

#include "booking/rules/fixtures.h"
#include "booking/rules/reasons.h"

namespace dongne::booking {
namespace {

using namespace fixtures;

// Monday 2026-11-23 11:00 KST.
const EpochMs kNow = at(2026, 11, 23, 11);

Request room(HouseholdId h, int y, int m, int d, int hh, int slots = 1) {
  Request r;
  r.household_id = h;
  r.resource_id = 1;
  r.span = {at(y, m, d, hh), at(y, m, d, hh + 2 * slots)};
  return r;
}

struct RoomTest : ::testing::Test {
  Resource res = play_room();
  Rules rules = play_room_rules();
  std::vector<Booking> existing;
  Household hh = household(7);
  Decision run(const Request& r, EpochMs now = kNow) { return decide(r, res, rules, hol(), existing, hh, now); }
  void add(const Request& r, BookingStatus s = BookingStatus::kConfirmed) {
    existing.push_back(booking_for(r, static_cast<BookingId>(existing.size() + 1), s, rules, kNow));
  }
};

TEST_F(RoomTest, ConfirmsAFreeSlotAndAllowsTwoConsecutiveSlots) {
  Decision d = run(room(7, 2026, 11, 25, 9));
  EXPECT_EQ(d.outcome, Outcome::kConfirmed) << d.message_en;
  EXPECT_EQ(d.reason, Reason::kNone);
  EXPECT_EQ(d.fee, Won{0});
  EXPECT_EQ(run(room(7, 2026, 11, 25, 13, 2)).outcome, Outcome::kConfirmed);
  EXPECT_EQ(run(room(7, 2026, 11, 25, 9, 3)).reason, Reason::kInvalidSlot);  // 3 slots > max 2
}

TEST_F(RoomTest, RefusesHolidayClosureSundayAndNamesTheHoliday) {
  Decision d = run(room(7, 2026, 12, 25, 9));
  EXPECT_EQ(d.reason, Reason::kHoliday);
  EXPECT_EQ(d.holiday_name_ko, "기독탄신일");
  EXPECT_EQ(d.closed_date, (LocalDate{2026, 12, 25}));
  EXPECT_EQ(run(room(7, 2026, 11, 27, 9)).reason, Reason::kClosedDay);  // listed closure day
  EXPECT_EQ(run(room(7, 2026, 11, 29, 10)).reason, Reason::kClosedDay);  // Sunday: no hours
  rules.closed_on_public_holidays = false;
  rules.hours.by_weekday[4] = {{9 * 60, 18 * 60}};
  EXPECT_EQ(run(room(7, 2026, 12, 25, 9)).reason, Reason::kWindowNotOpen);
}

TEST_F(RoomTest, OpeningHoursAndSlotShape) {
  EXPECT_EQ(run(room(7, 2026, 11, 25, 17)).reason, Reason::kOutsideOpeningHours);  // 17-19, closes 18
  EXPECT_EQ(run(room(7, 2026, 11, 25, 7)).reason, Reason::kOutsideOpeningHours);
  EXPECT_EQ(run(room(7, 2026, 11, 25, 10)).reason, Reason::kInvalidSlot);  // 10-12 is not a slot (09-11, 11-13)
  Request r = room(7, 2026, 11, 25, 9);
  r.span.end = r.span.start;
  EXPECT_EQ(run(r).reason, Reason::kInvalidSlot);
  r = room(8, 2026, 11, 25, 9);  // household mismatch
  EXPECT_EQ(run(r).reason, Reason::kInvalidSlot);
  // Saturday 10-16: slots 10-12, 12-14, 14-16.
  EXPECT_EQ(run(room(7, 2026, 11, 28, 10)).outcome, Outcome::kConfirmed);
  EXPECT_EQ(run(room(7, 2026, 11, 28, 9)).reason, Reason::kOutsideOpeningHours);
}

TEST_F(RoomTest, WindowOpensAtSetHourAndClosesBeforeStart) {
  // 2026-12-10 opens 14 days ahead at 10:00 = 2026-11-26T10:00+09:00.
  Decision d = run(room(7, 2026, 12, 10, 9));
  EXPECT_EQ(d.reason, Reason::kWindowNotOpen);
  ASSERT_TRUE(d.window_opens_at);
  EXPECT_EQ(format_rfc3339(*d.window_opens_at), "2026-11-26T10:00:00+09:00");
  EXPECT_NE(d.message_ko.find("2026-11-26T10:00"), std::string::npos);
  EXPECT_EQ(run(room(7, 2026, 12, 10, 9), at(2026, 11, 26, 9, 59)).reason, Reason::kWindowNotOpen);
  EXPECT_EQ(run(room(7, 2026, 12, 10, 9), at(2026, 11, 26, 10)).outcome, Outcome::kConfirmed);
  // Closes 60 minutes before the start.
  EXPECT_EQ(run(room(7, 2026, 11, 25, 11), at(2026, 11, 25, 9, 59)).outcome, Outcome::kConfirmed);
  EXPECT_EQ(run(room(7, 2026, 11, 25, 11), at(2026, 11, 25, 10)).reason, Reason::kWindowClosed);
  Request staff = room(7, 2026, 11, 25, 11);
  staff.actor = Actor::kStaff;  // walk-in at the desk: until the start
  EXPECT_EQ(run(staff, at(2026, 11, 25, 10, 30)).outcome, Outcome::kConfirmed);
  EXPECT_EQ(run(staff, at(2026, 11, 25, 11)).reason, Reason::kWindowClosed);
}

TEST_F(RoomTest, FullSlotWaitlistsWithPositionOrRefuses) {
  for (HouseholdId h = 100; h < 105; ++h) add(room(h, 2026, 11, 25, 9));
  Decision d = run(room(7, 2026, 11, 25, 9));
  EXPECT_EQ(d.outcome, Outcome::kWaitlisted);
  EXPECT_EQ(d.reason, Reason::kFull);
  EXPECT_EQ(d.waitlist_position, 1);
  add(room(200, 2026, 11, 25, 9), BookingStatus::kWaitlisted);
  EXPECT_EQ(run(room(7, 2026, 11, 25, 9)).waitlist_position, 2);
  // A two-slot request is full if either slot is.
  EXPECT_EQ(run(room(7, 2026, 11, 25, 9, 2)).outcome, Outcome::kWaitlisted);
  rules.waitlist = false;
  d = run(room(7, 2026, 11, 25, 9));
  EXPECT_EQ(d.outcome, Outcome::kRefused);
  EXPECT_EQ(reason_code(d.reason), "full");
  EXPECT_EQ(to_error(d).code, Code::kConflict);
  EXPECT_EQ(to_error(d).reason, "full");
  // Cancelled bookings and expired holds free the place; live holds take it.
  existing[0].status = BookingStatus::kCancelled;
  EXPECT_EQ(run(room(7, 2026, 11, 25, 9)).outcome, Outcome::kConfirmed);
  existing[0].status = BookingStatus::kHeld;
  existing[0].hold_expires_at = kNow + 1;
  EXPECT_EQ(run(room(7, 2026, 11, 25, 9)).outcome, Outcome::kRefused);
  EXPECT_EQ(run(room(7, 2026, 11, 25, 9), kNow + 1).outcome, Outcome::kConfirmed);
}

TEST_F(RoomTest, AlreadyBookedSameSlot) {
  add(room(7, 2026, 11, 25, 9));
  EXPECT_EQ(run(room(7, 2026, 11, 25, 9)).reason, Reason::kAlreadyBooked);
  EXPECT_EQ(run(room(7, 2026, 11, 25, 9, 2)).reason, Reason::kAlreadyBooked);  // overlaps
  EXPECT_EQ(run(room(7, 2026, 11, 25, 11)).outcome, Outcome::kConfirmed);
}

TEST_F(RoomTest, MonthlyQuotaCountsConfirmedAndPendingOnly) {
  add(room(7, 2026, 11, 24, 9));
  add(room(7, 2026, 11, 24, 11), BookingStatus::kPending);
  add(room(7, 2026, 11, 24, 13), BookingStatus::kCancelled);
  add(room(7, 2026, 11, 24, 15), BookingStatus::kWaitlisted);
  add(room(7, 2026, 11, 25, 9));
  EXPECT_EQ(run(room(7, 2026, 11, 26, 9)).outcome, Outcome::kConfirmed);  // 3 used of 4
  add(room(7, 2026, 11, 26, 9));
  Decision d = run(room(7, 2026, 11, 26, 11));
  EXPECT_EQ(d.reason, Reason::kQuotaReached);
  EXPECT_NE(d.message_en.find("per month"), std::string::npos);
  EXPECT_EQ(run(room(7, 2026, 12, 1, 9), at(2026, 11, 23, 11)).outcome, Outcome::kConfirmed);  // next month
  rules.quota->period = QuotaPeriod::kWeek;  // week of 11-23..29 has 4; week of 11-30 none
  EXPECT_EQ(run(room(7, 2026, 11, 28, 10)).reason, Reason::kQuotaReached);
  EXPECT_EQ(run(room(7, 2026, 12, 1, 9)).outcome, Outcome::kConfirmed);
}

TEST_F(RoomTest, EligibilityNamesTheRule) {
  hh.city_code = "11000";
  Decision d = run(room(7, 2026, 11, 25, 9));
  EXPECT_EQ(d.reason, Reason::kNotEligible);
  EXPECT_EQ(d.failed_rule, EligibilityRule::kResidentCity);
  EXPECT_EQ(to_error(d).code, Code::kForbidden);
  hh = household(7);
  rules.eligibility.district_codes = {"sinan", "seongbuk"};
  EXPECT_EQ(run(room(7, 2026, 11, 25, 9)).failed_rule, EligibilityRule::kResidentDistrict);
  rules.eligibility.district_codes = {"gaho"};
  hh = household(7, {{2016, 5}});  // 10 years old
  d = run(room(7, 2026, 11, 25, 9));
  EXPECT_EQ(d.failed_rule, EligibilityRule::kChildAgeMonths);
  hh = household(7, {});
  EXPECT_EQ(run(room(7, 2026, 11, 25, 9)).failed_rule, EligibilityRule::kChildAgeMonths);  // no child
  hh = household(7, {{2016, 5}, {2024, 1}});  // one child qualifies
  EXPECT_EQ(run(room(7, 2026, 11, 25, 9)).outcome, Outcome::kConfirmed);
  Request r = room(7, 2026, 11, 25, 9);
  r.child_member_id = 73;  // the 10-year-old
  EXPECT_EQ(run(r).failed_rule, EligibilityRule::kChildAgeMonths);
  // Grade 1-3 on the day (born 2019 ⇒ grade 1 from 2026-03).
  rules.eligibility.max_child_age_months.reset();
  rules.eligibility.min_school_grade = 1;
  rules.eligibility.max_school_grade = 3;
  hh = household(7, {{2020, 3}});
  EXPECT_EQ(run(room(7, 2026, 11, 25, 9)).failed_rule, EligibilityRule::kSchoolGrade);
  hh = household(7, {{2019, 12}});
  EXPECT_EQ(run(room(7, 2026, 11, 25, 9)).outcome, Outcome::kConfirmed);
}

TEST_F(RoomTest, BanAfterThreeActiveNoShows) {
  hh.penalties = {{at(2026, 8, 1, 12), PenaltyKind::kNoShow},
                  {at(2026, 10, 20, 12), PenaltyKind::kNoShow},
                  {at(2026, 11, 10, 12), PenaltyKind::kNoShow}};
  // The first expired (90 days) before the third: only 2 active ⇒ no ban.
  EXPECT_EQ(run(room(7, 2026, 11, 25, 9)).outcome, Outcome::kConfirmed);
  hh.penalties[0].at = at(2026, 9, 1, 12);
  Decision d = run(room(7, 2026, 11, 25, 9));
  EXPECT_EQ(d.reason, Reason::kBannedUntil);
  EXPECT_EQ(d.banned_until, (LocalDate{2026, 12, 10}));
  EXPECT_NE(d.message_ko.find("2026-12-10"), std::string::npos);
  EXPECT_EQ(run(room(7, 2026, 12, 14, 9), at(2026, 12, 10, 23)).reason, Reason::kBannedUntil);
  EXPECT_EQ(run(room(7, 2026, 12, 14, 9), at(2026, 12, 11, 10)).outcome, Outcome::kConfirmed);
}

TEST(StudioDecide, StaffApprovalAndProxyBookingAndYearlyGroupQuota) {
  const Resource res = photo_studio();
  const Rules rules = photo_studio_rules();
  const Household hh = household(9, {{2026, 7}});  // 4 months old on 2026-11-30
  Request r;
  r.household_id = 9;
  r.resource_id = 2;
  r.span = {at(2026, 11, 30, 10), at(2026, 11, 30, 11)};
  std::vector<Booking> existing;
  Decision d = decide(r, res, rules, hol(), existing, hh, kNow);
  EXPECT_EQ(d.outcome, Outcome::kPendingApproval) << d.message_en;
  r.actor = Actor::kStaff;
  EXPECT_EQ(decide(r, res, rules, hol(), existing, hh, kNow).outcome, Outcome::kConfirmed);
  // Two studio bookings this year, one on another studio resource of the same group.
  Booking other = booking_for(r, 1, BookingStatus::kConfirmed, rules, kNow);
  other.resource_id = 99;
  other.span = {at(2026, 3, 2, 10), at(2026, 3, 2, 11)};
  existing.push_back(other);
  existing.push_back(booking_for(r, 2, BookingStatus::kPending, rules, kNow));
  existing.back().span = {at(2026, 11, 26, 10), at(2026, 11, 26, 11)};
  EXPECT_EQ(decide(r, res, rules, hol(), existing, hh, kNow).reason, Reason::kQuotaReached);
  // Too young on 2026-11-30? Born 2026-09: 2 months.
  std::vector<Booking> none;
  EXPECT_EQ(decide(r, res, rules, hol(), none, household(9, {{2026, 9}}), kNow).failed_rule,
            EligibilityRule::kChildAgeMonths);
}

TEST(ItemDecide, StockAcrossOverlappingLoansWithTurnaround) {
  const Resource res = dol_outfits();
  const Rules rules = dol_outfit_rules();
  std::vector<Booking> existing;
  auto loan = [&](HouseholdId h, VariantId v, LocalDate p, LocalDate ret, int q = 1) {
    Request r;
    r.household_id = h;
    r.resource_id = 3;
    r.variant_id = v;
    r.pickup_date = p;
    r.return_date = ret;
    r.quantity = q;
    return r;
  };
  auto run = [&](const Request& r) { return decide(r, res, rules, hol(), existing, household(r.household_id), kNow); };
  // 여아 90 has one piece. Loan 12-01..12-03 (Tue-Thu); it is cleaned on 12-04.
  Request a = loan(1, 34, {2026, 12, 1}, {2026, 12, 3});
  ASSERT_EQ(run(a).outcome, Outcome::kConfirmed);
  existing.push_back(booking_for(a, 1, BookingStatus::kConfirmed, rules, kNow));
  EXPECT_EQ(run(loan(2, 34, {2026, 12, 3}, {2026, 12, 5})).outcome, Outcome::kWaitlisted);   // overlaps
  EXPECT_EQ(run(loan(2, 34, {2026, 12, 4}, {2026, 12, 5})).outcome, Outcome::kWaitlisted);   // turnaround day
  EXPECT_EQ(run(loan(2, 34, {2026, 12, 5}, {2026, 12, 7})).outcome, Outcome::kConfirmed);    // Sat..Mon
  EXPECT_EQ(run(loan(2, 34, {2026, 11, 30}, {2026, 11, 30})).outcome, Outcome::kWaitlisted);  // its cleaning hits 12-01
  EXPECT_EQ(run(loan(2, 31, {2026, 12, 1}, {2026, 12, 3}, 2)).outcome, Outcome::kConfirmed);  // other size, 2 pieces
  EXPECT_EQ(run(loan(2, 31, {2026, 12, 1}, {2026, 12, 3}, 3)).outcome, Outcome::kRefused);    // more than exist
  EXPECT_EQ(run(loan(2, 99, {2026, 12, 1}, {2026, 12, 3})).reason, Reason::kInvalidSlot);
  EXPECT_EQ(run(loan(2, 31, {2026, 12, 1}, {2026, 12, 8})).reason, Reason::kInvalidSlot);  // > 3 days
  EXPECT_EQ(run(loan(2, 31, {2026, 12, 3}, {2026, 12, 1})).reason, Reason::kInvalidSlot);
  EXPECT_EQ(run(loan(2, 31, {2026, 12, 5}, {2026, 12, 6})).reason, Reason::kClosedDay);   // return on Sunday
  EXPECT_EQ(run(loan(2, 31, {2026, 12, 24}, {2026, 12, 25})).reason, Reason::kHoliday);
  EXPECT_EQ(run(loan(1, 34, {2026, 12, 2}, {2026, 12, 2})).reason, Reason::kAlreadyBooked);
}

TEST(EventDecide, LotteryBeforeDrawThenFirstComeByPersonsAndFamilies) {
  Resource res = family_camp();
  const Rules rules = family_camp_rules();
  const TimeRange occ = res.occurrences[0];
  Household hh = household(5, {{2018, 4}, {2021, 9}});  // members 51, 52 adults; 53, 54 children
  Request r;
  r.household_id = 5;
  r.resource_id = 4;
  r.span = occ;
  r.member_ids = {51, 53, 54};
  std::vector<Booking> existing;
  const EpochMs entry_time = at(2026, 7, 20, 12);
  Decision d = decide(r, res, rules, hol(), existing, hh, entry_time);
  EXPECT_EQ(d.outcome, Outcome::kEnteredLottery) << d.message_en;
  EXPECT_EQ(d.units, 3);
  EXPECT_EQ(d.fee, Won{15'000});
  EXPECT_EQ(decide(r, res, rules, hol(), existing, hh, at(2026, 7, 13, 9)).reason, Reason::kWindowNotOpen);
  Request bad = r;
  bad.member_ids = {51, 51};
  EXPECT_EQ(decide(bad, res, rules, hol(), existing, hh, entry_time).reason, Reason::kInvalidSlot);
  bad.member_ids = {51, 999};
  EXPECT_EQ(decide(bad, res, rules, hol(), existing, hh, entry_time).reason, Reason::kInvalidSlot);
  bad.member_ids = {};
  bad.persons = 5;  // more than 4 per family
  EXPECT_EQ(decide(bad, res, rules, hol(), existing, hh, entry_time).reason, Reason::kInvalidSlot);
  bad.span.start += 1;
  EXPECT_EQ(decide(bad, res, rules, hol(), existing, hh, entry_time).reason, Reason::kInvalidSlot);
  // After the draw: first come on what is left. 88 of 90 persons taken ⇒ 3 more do not fit.
  const EpochMs after = at(2026, 8, 2, 10);
  for (int i = 0; i < 22; ++i) {
    Request o = r;
    o.household_id = 100 + i;
    o.member_ids = {};
    o.persons = 4;
    existing.push_back(booking_for(o, i + 1, BookingStatus::kConfirmed, rules, after));
  }
  EXPECT_EQ(decide(r, res, rules, hol(), existing, hh, after).outcome, Outcome::kWaitlisted);
  r.member_ids = {51, 53};
  EXPECT_EQ(decide(r, res, rules, hol(), existing, hh, after).outcome, Outcome::kConfirmed);
  // Max 25 families: with 25 bookings of 1 person each, a 26th family waits although persons remain.
  existing.clear();
  for (int i = 0; i < 25; ++i) {
    Request o = r;
    o.household_id = 100 + i;
    o.member_ids = {};
    o.persons = 1;
    existing.push_back(booking_for(o, i + 1, BookingStatus::kConfirmed, rules, after));
  }
  EXPECT_EQ(decide(r, res, rules, hol(), existing, hh, after).outcome, Outcome::kWaitlisted);
  // Closes 3 days before.
  EXPECT_EQ(decide(r, res, rules, hol(), {}, hh, at(2026, 8, 19, 10)).reason, Reason::kWindowClosed);
}

TEST(EventDecide, ChildRuleChecksTheAttendingChildrenAndBookingFromStoresPersons) {
  const Resource res = family_camp();
  Rules rules = family_camp_rules();
  rules.eligibility.min_school_grade = 1;
  rules.eligibility.max_school_grade = 6;
  const Household hh = household(5, {{2018, 4}, {2024, 9}});  // 53: grade 2 in 2026; 54: toddler
  Request r;
  r.household_id = 5;
  r.resource_id = 4;
  r.span = res.occurrences[0];
  r.member_ids = {51, 54};
  const EpochMs t = at(2026, 7, 20, 12);
  Decision d = decide(r, res, rules, hol(), {}, hh, t);
  EXPECT_EQ(d.failed_rule, EligibilityRule::kSchoolGrade);
  r.member_ids = {51, 53, 54};
  d = decide(r, res, rules, hol(), {}, hh, t);
  ASSERT_EQ(d.outcome, Outcome::kEnteredLottery);
  auto b = booking_from(r, d, 77, rules, t);
  ASSERT_TRUE(b);
  EXPECT_EQ(b->status, BookingStatus::kLotteryEntry);
  EXPECT_EQ(b->persons, 3);
  EXPECT_EQ(b->span, res.occurrences[0]);
  EXPECT_EQ(b->created_at, t);
  // The same household cannot enter twice.
  EXPECT_EQ(decide(r, res, rules, hol(), {*b}, hh, t).reason, Reason::kAlreadyBooked);
  Decision refused;
  EXPECT_FALSE(booking_from(r, refused, 78, rules, t));
  refused.reason = Reason::kInvalidSlot;
  EXPECT_EQ(to_error(refused).code, Code::kInvalid);
  EXPECT_EQ(to_error(refused).reason, "invalid_slot");
}

TEST(SessionDecide, SeatsAndHolidayClosure) {
  Resource res = group_counselling();
  Rules rules = group_counselling_rules();
  Request r;
  r.household_id = 5;
  r.resource_id = 5;
  r.span = res.occurrences[0];  // 2026-12-01
  std::vector<Booking> existing;
  const Household hh = household(5);
  EXPECT_EQ(decide(r, res, rules, hol(), existing, hh, kNow).outcome, Outcome::kConfirmed);
  r.persons = 2;
  EXPECT_EQ(decide(r, res, rules, hol(), existing, hh, kNow).reason, Reason::kInvalidSlot);
  r.persons = 1;
  res.occurrences.push_back({at(2026, 12, 25, 14), at(2026, 12, 25, 16)});
  r.span = res.occurrences.back();
  EXPECT_EQ(decide(r, res, rules, hol(), existing, hh, at(2026, 12, 10, 9)).reason, Reason::kHoliday);
}

}  // namespace
}  // namespace dongne::booking
