// Rules, variants and occurrences as JSON: the data form facility managers edit and the store keeps
// (booking_resources.rules / variants / occurrences). Parsing collects every field problem at once (field names
// under `prefix`, e.g. "rules.window.opens_days_ahead"); writing gives the same shape back. Thread-safety: pure.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "booking/rules/model.h"
#include "core/result.h"

namespace dongne::booking {

// {"hours": {"mon": [["09:00","18:00"]], ...}, "closed_on_public_holidays": true, "closure_days": ["2026-11-27"],
//  "window": {"opens_days_ahead": 14, "opens_at": "10:00", "closes_before_minutes": 60}, "slot_minutes": 120,
//  "max_slots_per_booking": 2, "max_loan_days": 7, "turnaround_days": 1, "max_persons_per_booking": 4,
//  "eligibility": {"city_code": "48170", "district_codes": [], "min_child_age_months": 3, ...},
//  "quota": {"period": "week|month|year", "max_bookings": 2, "group": "studio"}, "approval": "instant|staff",
//  "allocation": "first_come|lottery", "lottery_draw_at": RFC 3339, "waitlist": true,
//  "cancel_deadline_minutes": 1440, "check_in": {"opens_before_minutes": 15, "closes_after_minutes": 15},
//  "penalty": {"expires_after_days": 90, "ban_after": 3, "ban_days": 30, "late_cancel_counts": false},
//  "fees": {"per_booking_won": 0, "per_person_won": 0}, "offer_minutes": 120}
// Every key is optional; missing keys keep the engine's defaults.
struct ParsedRules {
  Rules rules;
  int offer_minutes = 120;
};
Result<ParsedRules> rules_from_json(const nlohmann::json& j, const std::string& prefix = "rules");
nlohmann::json rules_to_json(const Rules& r, int offer_minutes);

// [{"id": 31, "label": "남아 80", "stock": 2}]
Result<std::vector<Variant>> variants_from_json(const nlohmann::json& j, const std::string& prefix = "variants");
nlohmann::json variants_to_json(const std::vector<Variant>& v);
// [{"start": RFC 3339, "end": RFC 3339}]
Result<std::vector<TimeRange>> occurrences_from_json(const nlohmann::json& j,
                                                     const std::string& prefix = "occurrences");
nlohmann::json occurrences_to_json(const std::vector<TimeRange>& o);

}  // namespace dongne::booking
