// After a booking is made: cancellation (on time or late), check-in window, no-show marking, and the penalties
// those leave behind (each expires; enough unexpired penalties ban a household for a while).
// Pure functions; `now` is passed in. Thread-safety: reentrant.
#pragma once

#include <optional>
#include <vector>

#include "booking/rules/model.h"

namespace dongne::booking {

enum class LifecycleOutcome : std::uint8_t {
  kDone,            // the action applies
  kDoneLate,        // cancellation after the deadline: allowed, recorded as late
  kTooEarly,        // check-in before the window / no-show before the window has closed
  kTooLate,         // cancellation after the start / check-in after the window
  kNotApplicable,   // the booking is not in a state that allows it
};

struct LifecycleDecision {
  LifecycleOutcome outcome = LifecycleOutcome::kNotApplicable;
  BookingStatus new_status = BookingStatus::kConfirmed;  // when kDone/kDoneLate
  bool frees_place = false;                              // capacity returns (offer it to the waitlist)
  std::optional<PenaltyRecord> penalty;                  // record this on the household
  std::string message_ko;
  std::string message_en;
};

// Pending/confirmed/held/waitlisted/lottery entries may be cancelled until the start. After
// start - cancel_deadline_before it is a late cancellation (penalty if the policy counts late cancellations).
LifecycleDecision cancel(const Booking& b, const Rules& rules, EpochMs now);

// A confirmed booking may check in from start - opens_before until start + closes_after.
LifecycleDecision check_in(const Booking& b, const Rules& rules, EpochMs now);

// A confirmed booking not checked in may be marked no-show once the check-in window has closed.
LifecycleDecision mark_no_show(const Booking& b, const Rules& rules, EpochMs now);

// Penalties still in force at `now` (recorded at or before now, within expires_after_days).
int active_penalties(const std::vector<PenaltyRecord>& penalties, const PenaltyPolicy& policy, EpochMs now);

// The last local date (inclusive) of a ban in force at `now`, if any. Penalties are read in time order; when one
// brings the count of unexpired, not-yet-used penalties to ban_after, a ban runs through its local date + ban_days
// and those penalties are used up.
std::optional<LocalDate> banned_until(const std::vector<PenaltyRecord>& penalties, const PenaltyPolicy& policy,
                                      EpochMs now);

}  // namespace dongne::booking
