// The Saeil centre's casework rules, pure (no I/O): which case transitions are legal, when follow-up contacts fall
// due after a hire, and the payments an internship's incentive rule schedules. The service stores what these
// functions decide; tests exercise them directly.
// Thread-safety: pure functions over values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/calendar.h"
#include "core/result.h"

namespace dongne::jobs {

// intake -> counselling -> plan -> training -> job_search -> internship | hired -> follow_up -> closed.
inline constexpr std::string_view kCaseStates[] = {"intake",     "counselling", "plan",      "training", "job_search",
                                                   "internship", "hired",       "follow_up", "closed"};
bool is_case_state(std::string_view s);

// Why a transition is refused, or nullopt when it is allowed. `recorded` is true when the service itself moves the
// case because a hire or an internship was recorded (those two states are reached only that way, so a case can
// never say "hired" without the hire behind it). `has_plan`: the case has an individual employment plan.
struct Refusal {
  std::string code, ko, en;
};
std::optional<Refusal> check_transition(std::string_view from, std::string_view to, bool recorded, bool has_plan);
// The states a counsellor may move a case to by hand from `from` (for the case page's buttons).
std::vector<std::string> manual_next_states(std::string_view from, bool has_plan);

// Follow-up contacts after a hire: 1, 3, 6 and 12 months after the start (the same day of the month, or the
// month's last day when it has fewer days).
inline constexpr int kFollowUpMonths[] = {1, 3, 6, 12};
LocalDate add_months(LocalDate d, int months);

// An internship incentive rule (새일여성인턴): amounts in won and months are configuration, not code.
struct IncentiveRule {
  std::string code;
  std::string name_ko, name_en;
  int internship_months = 3;              // the placement's length
  int64_t employer_monthly_won = 0;       // paid to the employer for each completed internship month
  int employer_retention_months = 6;      // after conversion to a regular job, kept this long ...
  int64_t employer_retention_won = 0;     // ... earns the employer this bonus
  int intern_retention_months = 6;        // and the intern, kept this long after conversion ...
  int64_t intern_retention_won = 0;       // ... earns this
};
Result<IncentiveRule> incentive_rule_from_json(const nlohmann::json& j);
nlohmann::json incentive_rule_json(const IncentiveRule& r);

struct PaymentDue {
  std::string payee;  // employer | intern
  std::string kind;   // internship_month | retention | intern_retention
  int seq = 1;
  LocalDate due_on;
  int64_t amount_won = 0;
  std::string condition;  // what must be true when it is approved
};
// The employer's monthly payments over the placement (each due the day after the month it pays for).
std::vector<PaymentDue> internship_payments(const IncentiveRule& r, LocalDate starts_on, LocalDate ends_on);
// The retention bonuses once the intern is hired as a regular employee on `hired_on`.
std::vector<PaymentDue> retention_payments(const IncentiveRule& r, LocalDate hired_on);

}  // namespace dongne::jobs
