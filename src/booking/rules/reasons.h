// Names and messages for booking decisions: stable machine codes (used as Error::reason and in the API), and the
// conversion of a refusal into a dongne::Error for the service layer. Thread-safety: pure functions.
#pragma once

#include <string_view>

#include "booking/rules/model.h"
#include "core/result.h"

namespace dongne::booking {

// "full", "not_eligible", "quota_reached", "window_not_open", "window_closed", "closed_day", "holiday",
// "banned_until", "outside_opening_hours", "invalid_slot", "already_booked"; "" for kNone.
std::string_view reason_code(Reason r);
// "confirmed", "pending_approval", "waitlisted", "entered_lottery", "refused".
std::string_view outcome_name(Outcome o);
// "resident_city", "resident_district", "child_age_months", "school_grade".
std::string_view eligibility_rule_name(EligibilityRule r);

// A refused decision as an Error (kInvalid for invalid_slot, kForbidden for eligibility and bans, kConflict
// otherwise) with reason = reason_code(). Not meaningful for accepted outcomes.
Error to_error(const Decision& d);

}  // namespace dongne::booking
