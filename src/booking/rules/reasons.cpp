#include "booking/rules/reasons.h"

namespace dongne::booking {

std::string_view reason_code(Reason r) {
  switch (r) {
    case Reason::kNone: return "";
    case Reason::kFull: return "full";
    case Reason::kNotEligible: return "not_eligible";
    case Reason::kQuotaReached: return "quota_reached";
    case Reason::kWindowNotOpen: return "window_not_open";
    case Reason::kWindowClosed: return "window_closed";
    case Reason::kClosedDay: return "closed_day";
    case Reason::kHoliday: return "holiday";
    case Reason::kBannedUntil: return "banned_until";
    case Reason::kOutsideOpeningHours: return "outside_opening_hours";
    case Reason::kInvalidSlot: return "invalid_slot";
    case Reason::kAlreadyBooked: return "already_booked";
  }
  return "";
}

std::string_view outcome_name(Outcome o) {
  switch (o) {
    case Outcome::kConfirmed: return "confirmed";
    case Outcome::kPendingApproval: return "pending_approval";
    case Outcome::kWaitlisted: return "waitlisted";
    case Outcome::kEnteredLottery: return "entered_lottery";
    case Outcome::kRefused: return "refused";
  }
  return "refused";
}

std::string_view eligibility_rule_name(EligibilityRule r) {
  switch (r) {
    case EligibilityRule::kResidentCity: return "resident_city";
    case EligibilityRule::kResidentDistrict: return "resident_district";
    case EligibilityRule::kChildAgeMonths: return "child_age_months";
    case EligibilityRule::kSchoolGrade: return "school_grade";
  }
  return "";
}

Error to_error(const Decision& d) {
  Error e;
  switch (d.reason) {
    case Reason::kInvalidSlot: e.code = Code::kInvalid; break;
    case Reason::kNotEligible:
    case Reason::kBannedUntil: e.code = Code::kForbidden; break;
    default: e.code = Code::kConflict; break;
  }
  e.message_ko = d.message_ko;
  e.message_en = d.message_en;
  e.reason = std::string(reason_code(d.reason));
  return e;
}

}  // namespace dongne::booking
