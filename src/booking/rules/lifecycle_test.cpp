#include "booking/rules/lifecycle.h"

#include <gtest/gtest.h>

#include "booking/rules/fixtures.h"

namespace dongne::booking {
namespace {

using namespace fixtures;

Booking confirmed_at(EpochMs start) {
  Booking b;
  b.id = 1;
  b.resource_id = 1;
  b.household_id = 7;
  b.status = BookingStatus::kConfirmed;
  b.span = {start, start + 2 * kMsPerHour};
  return b;
}

TEST(Cancel, OnTimeLateAndTooLate) {
  const Rules rules = play_room_rules();  // deadline 24 h before
  const EpochMs start = at(2026, 12, 2, 9);
  const Booking b = confirmed_at(start);
  LifecycleDecision d = cancel(b, rules, at(2026, 12, 1, 9));
  EXPECT_EQ(d.outcome, LifecycleOutcome::kDone);
  EXPECT_EQ(d.new_status, BookingStatus::kCancelled);
  EXPECT_TRUE(d.frees_place);
  EXPECT_FALSE(d.penalty);
  d = cancel(b, rules, at(2026, 12, 1, 9) + 1);
  EXPECT_EQ(d.outcome, LifecycleOutcome::kDoneLate);
  EXPECT_EQ(d.new_status, BookingStatus::kCancelledLate);
  EXPECT_TRUE(d.frees_place);
  EXPECT_FALSE(d.penalty);  // late cancellations do not count by default
  Rules strict = rules;
  strict.penalty.late_cancel_counts = true;
  d = cancel(b, strict, at(2026, 12, 2, 8));
  ASSERT_TRUE(d.penalty);
  EXPECT_EQ(d.penalty->kind, PenaltyKind::kLateCancel);
  EXPECT_EQ(cancel(b, rules, start).outcome, LifecycleOutcome::kTooLate);
  Booking gone = b;
  gone.status = BookingStatus::kCancelled;
  EXPECT_EQ(cancel(gone, rules, at(2026, 11, 1, 9)).outcome, LifecycleOutcome::kNotApplicable);
  Booking waiting = b;
  waiting.status = BookingStatus::kWaitlisted;
  d = cancel(waiting, rules, at(2026, 12, 2, 8));
  EXPECT_EQ(d.outcome, LifecycleOutcome::kDone);  // leaving a waitlist is never late
  EXPECT_FALSE(d.frees_place);
}

TEST(Cancel, ItemLoanStartsWhenPickupDayOpens) {
  const Rules rules = dol_outfit_rules();  // 24 h deadline (default), opens 09:00 on weekdays
  Booking b;
  b.status = BookingStatus::kConfirmed;
  b.variant_id = 31;
  b.pickup_date = {2026, 12, 1};
  b.return_date = {2026, 12, 3};
  EXPECT_EQ(cancel(b, rules, at(2026, 11, 30, 9)).outcome, LifecycleOutcome::kDone);
  EXPECT_EQ(cancel(b, rules, at(2026, 11, 30, 10)).outcome, LifecycleOutcome::kDoneLate);
  EXPECT_EQ(cancel(b, rules, at(2026, 12, 1, 9)).outcome, LifecycleOutcome::kTooLate);
}

TEST(CheckIn, WindowAroundStart) {
  const Rules rules = play_room_rules();  // 15 min before .. 15 min after
  const EpochMs start = at(2026, 12, 2, 9);
  const Booking b = confirmed_at(start);
  EXPECT_EQ(check_in(b, rules, start - 16 * kMsPerMinute).outcome, LifecycleOutcome::kTooEarly);
  EXPECT_EQ(check_in(b, rules, start - 15 * kMsPerMinute).outcome, LifecycleOutcome::kDone);
  EXPECT_EQ(check_in(b, rules, start + 15 * kMsPerMinute).new_status, BookingStatus::kCheckedIn);
  EXPECT_EQ(check_in(b, rules, start + 15 * kMsPerMinute + 1).outcome, LifecycleOutcome::kTooLate);
  Booking pending = b;
  pending.status = BookingStatus::kPending;
  EXPECT_EQ(check_in(pending, rules, start).outcome, LifecycleOutcome::kNotApplicable);
}

TEST(NoShow, OnlyAfterTheCheckInWindowAndLeavesAPenalty) {
  const Rules rules = play_room_rules();
  const EpochMs start = at(2026, 12, 2, 9);
  const Booking b = confirmed_at(start);
  EXPECT_EQ(mark_no_show(b, rules, start + 15 * kMsPerMinute).outcome, LifecycleOutcome::kTooEarly);
  LifecycleDecision d = mark_no_show(b, rules, start + 16 * kMsPerMinute);
  EXPECT_EQ(d.outcome, LifecycleOutcome::kDone);
  EXPECT_EQ(d.new_status, BookingStatus::kNoShow);
  ASSERT_TRUE(d.penalty);
  EXPECT_EQ(d.penalty->kind, PenaltyKind::kNoShow);
  Booking in = b;
  in.status = BookingStatus::kCheckedIn;
  EXPECT_EQ(mark_no_show(in, rules, start + kMsPerHour).outcome, LifecycleOutcome::kNotApplicable);
}

TEST(Penalties, ExpireAndBanThenAreUsedUp) {
  PenaltyPolicy p;  // 90 days, 3 ⇒ 30-day ban
  std::vector<PenaltyRecord> recs = {{at(2026, 1, 10, 12), PenaltyKind::kNoShow},
                                     {at(2026, 2, 10, 12), PenaltyKind::kNoShow}};
  EXPECT_EQ(active_penalties(recs, p, at(2026, 3, 1, 0)), 2);
  EXPECT_EQ(active_penalties(recs, p, at(2026, 4, 10, 12)), 1);  // the first expired after 90 days
  EXPECT_FALSE(banned_until(recs, p, at(2026, 3, 1, 0)));
  recs.push_back({at(2026, 3, 5, 12), PenaltyKind::kNoShow});
  EXPECT_EQ(banned_until(recs, p, at(2026, 3, 5, 13)), (LocalDate{2026, 4, 4}));
  EXPECT_FALSE(banned_until(recs, p, at(2026, 4, 5, 0)));
  // The three were used by that ban: one more no-show does not ban again at once.
  recs.push_back({at(2026, 4, 6, 12), PenaltyKind::kNoShow});
  EXPECT_FALSE(banned_until(recs, p, at(2026, 4, 7, 0)));
  // Penalties recorded after `now` are ignored (replaying history).
  EXPECT_FALSE(banned_until(recs, p, at(2026, 3, 5, 11)));
  // Late cancellations count only when the policy says so.
  std::vector<PenaltyRecord> late = {{at(2026, 1, 10, 12), PenaltyKind::kLateCancel},
                                     {at(2026, 1, 11, 12), PenaltyKind::kLateCancel},
                                     {at(2026, 1, 12, 12), PenaltyKind::kNoShow}};
  EXPECT_FALSE(banned_until(late, p, at(2026, 1, 13, 0)));
  p.late_cancel_counts = true;
  EXPECT_EQ(banned_until(late, p, at(2026, 1, 13, 0)), (LocalDate{2026, 2, 11}));
  EXPECT_EQ(active_penalties(late, p, at(2026, 1, 13, 0)), 3);
}

}  // namespace
}  // namespace dongne::booking
