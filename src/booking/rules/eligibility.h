// Who may book: residency (city, districts) and a child's age in months or school grade on the booked day.
// Pure; the household is read, never changed. Thread-safety: reentrant.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "booking/rules/model.h"

namespace dongne::booking {

struct EligibilityFailure {
  EligibilityRule rule = EligibilityRule::kResidentCity;
  std::string message_ko;
  std::string message_en;
};

// The children checked: `child_member_id` if given; else children among `attending` if non-empty; else every
// child of the household. The age and grade rules must hold for the same child. nullopt = eligible.
std::optional<EligibilityFailure> check_eligibility(const Eligibility& e, const Household& h, LocalDate on,
                                                    std::optional<MemberId> child_member_id,
                                                    const std::vector<MemberId>& attending);

}  // namespace dongne::booking
