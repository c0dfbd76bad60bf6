// The pure casework rules and profile checks: legal and illegal transitions, follow-up dates at month ends, the
// incentive schedule a rule produces, and the childcare limits folded into the week the engine filters on.
#include <gtest/gtest.h>

#include "jobs/casework.h"
#include "jobs/profile.h"

namespace dongne::jobs {
namespace {

TEST(Casework, TransitionsFollowTheCaseFlow) {
  EXPECT_FALSE(check_transition("intake", "counselling", false, false));
  EXPECT_EQ(check_transition("intake", "job_search", false, false)->code, "illegal_transition");
  EXPECT_EQ(check_transition("plan", "job_search", false, false)->code, "plan_required");
  EXPECT_FALSE(check_transition("plan", "job_search", false, true));
  EXPECT_FALSE(check_transition("plan", "closed", false, false));  // closing never needs a plan
  EXPECT_EQ(check_transition("job_search", "hired", false, true)->code, "record_required");
  EXPECT_FALSE(check_transition("job_search", "hired", true, true));
  EXPECT_FALSE(check_transition("internship", "hired", true, true));
  EXPECT_EQ(check_transition("intake", "hired", true, true)->code, "illegal_transition");
  EXPECT_EQ(check_transition("closed", "counselling", false, true)->code, "illegal_transition");
  EXPECT_EQ(check_transition("job_search", "job_search", false, true)->code, "same_state");
  EXPECT_EQ(check_transition("job_search", "retired", false, true)->code, "unknown_state");
  EXPECT_EQ(manual_next_states("plan", false), (std::vector<std::string>{"closed"}));
  EXPECT_EQ(manual_next_states("plan", true), (std::vector<std::string>{"training", "job_search", "closed"}));
  for (auto s : kCaseStates) {
    for (const auto& n : manual_next_states(s, true)) EXPECT_NE(n, "hired") << s;
  }
}

TEST(Casework, FollowUpsFallOnTheSameDayOrTheMonthsLastDay) {
  EXPECT_EQ(add_months({2026, 1, 31}, 1), (LocalDate{2026, 2, 28}));
  EXPECT_EQ(add_months({2028, 1, 31}, 1), (LocalDate{2028, 2, 29}));
  EXPECT_EQ(add_months({2026, 11, 15}, 3), (LocalDate{2027, 2, 15}));
  EXPECT_EQ(add_months({2026, 12, 1}, 12), (LocalDate{2027, 12, 1}));
}

TEST(Casework, AnIncentiveRuleSchedulesItsPayments) {
  auto rule = incentive_rule_from_json({{"code", "r"}, {"internship_months", 3}, {"employer_monthly_won", 800000},
                                        {"employer_retention_won", 800000}, {"intern_retention_won", 600000}});
  ASSERT_TRUE(rule.ok());
  // The whole placement (to 2026-04-29) pays three months; one ended a day earlier pays only the two completed.
  EXPECT_EQ(internship_payments(rule.value(), {2026, 1, 31}, {2026, 4, 29}).size(), 3u);
  auto months = internship_payments(rule.value(), {2026, 1, 31}, {2026, 4, 28});
  ASSERT_EQ(months.size(), 2u);
  EXPECT_EQ(months[0].due_on, (LocalDate{2026, 2, 28}));
  EXPECT_EQ(months[1].due_on, (LocalDate{2026, 3, 31}));
  auto bonus = retention_payments(rule.value(), {2026, 5, 1});
  ASSERT_EQ(bonus.size(), 2u);
  EXPECT_EQ(bonus[0].payee, "employer");
  EXPECT_EQ(bonus[1].payee, "intern");
  EXPECT_EQ(bonus[1].due_on, (LocalDate{2026, 11, 1}));
  auto bad = incentive_rule_from_json({{"code", ""}, {"employer_monthly_won", -1}, {"internship_months", 40}});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().fields.size(), 3u);
}

TEST(Profile, ChildcareLimitsAreFoldedIntoTheWeek) {
  nlohmann::json p = {{"availability", {{"days", {"mon", "tue", "sat"}}, {"start", "09:00"}, {"end", "18:00"}}},
                      {"childcare", {{"leave_by", "16:00"}, {"start_after", "09:30"}, {"no_saturday", true}}}};
  auto w = availability_week(p);
  EXPECT_EQ(w[0].start, 570);
  EXPECT_EQ(w[0].end, 960);
  EXPECT_TRUE(w[1].on());
  EXPECT_FALSE(w[2].on());
  EXPECT_FALSE(w[5].on());  // no Saturdays
  // No stated availability: weekdays 09:00-18:00, still cut by the childcare limit.
  auto d = availability_week({{"childcare", {{"leave_by", "15:00"}}}});
  EXPECT_EQ(d[4].end, 900);
  EXPECT_FALSE(d[6].on());
}

TEST(Profile, WagesInTheWrongUnitAreNamed) {
  EXPECT_EQ(check_wage("wage", 2'500'000, "hourly").error().fields[0].code, "monthly_as_hourly");
  EXPECT_EQ(check_wage("wage", 11'000, "monthly").error().fields[0].code, "hourly_as_monthly");
  EXPECT_TRUE(check_wage("wage", 11'000, "hourly").ok());
  EXPECT_TRUE(check_wage("wage", 2'200'000, "monthly").ok());
  EXPECT_EQ(check_wage("wage", 500, "hourly").error().fields[0].code, "range");
}

}  // namespace
}  // namespace dongne::jobs
