#include "programmes/kpi.h"

#include <gtest/gtest.h>

namespace dongne::programmes {
namespace {

Spell spell(std::string key, int64_t project, std::string person, std::string role, bool paid, LocalDate start,
            std::optional<LocalDate> end = std::nullopt, std::string group = "") {
  return Spell{std::move(key), project, std::move(person), std::move(role), paid, std::move(group), start, end, false};
}

class KpiFoldTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fold.set_project({1, 101, 2019, "career_break_women"});
    fold.set_project({2, 102, 2019, "seniors"});
    fold.set_project({3, 101, 2020, "youth"});
  }
  KpiFold fold;
};

TEST_F(KpiFoldTest, JobsAreUniquePaidPeopleOnTheDate) {
  fold.apply(spell("p:1", 1, "a", "employee", true, {2019, 3, 1}));
  fold.apply(spell("p:2", 1, "b", "employee", true, {2019, 5, 1}, LocalDate{2019, 6, 30}));
  fold.apply(spell("p:3", 1, "c", "volunteer", false, {2019, 3, 1}));
  fold.apply(spell("p:4", 2, "a", "employee", true, {2019, 4, 1}));  // a in two projects
  EXPECT_EQ(fold.figures({2019, 2, 28}).jobs, 0);
  EXPECT_EQ(fold.figures({2019, 3, 1}).jobs, 1);
  EXPECT_EQ(fold.figures({2019, 6, 30}).jobs, 2);  // a (counted once city-wide) and b
  EXPECT_EQ(fold.figures({2019, 7, 1}).jobs, 1);   // b's spell ended
  EXPECT_EQ(fold.figures({2019, 7, 1}).participants, 2);  // a and the volunteer c
  EXPECT_EQ(fold.figures({2019, 6, 30}, Scope{1, {}, {}, {}}).jobs, 2);
  EXPECT_EQ(fold.figures({2019, 6, 30}, Scope{2, {}, {}, {}}).jobs, 1);
  EXPECT_EQ(fold.figures({2019, 6, 30}, Scope{{}, 102, {}, {}}).jobs, 1);
}

TEST(KpiFold, SpellsAreClippedToTheirProjectsPeriod) {
  KpiFold fold;
  ProjectInfo p{7, 101, 2018, "seniors"};
  p.starts = LocalDate{2018, 3, 1};
  p.ends = LocalDate{2018, 12, 31};
  fold.set_project(p);
  fold.apply(spell("p:1", 7, "a", "employee", true, {2018, 1, 2}));  // no end, and earlier than the project
  fold.apply(spell("p:2", 7, "b", "trainee", false, {2018, 2, 1}, LocalDate{2018, 4, 30}));
  EXPECT_EQ(fold.figures({2018, 2, 15}).jobs, 0) << "before the project started";
  EXPECT_EQ(fold.figures({2018, 2, 15}).trained, 0);
  EXPECT_EQ(fold.figures({2018, 3, 1}).jobs, 1);
  EXPECT_EQ(fold.figures({2018, 3, 1}).trained, 1);
  EXPECT_EQ(fold.figures({2018, 12, 31}).jobs, 1);
  EXPECT_EQ(fold.figures({2019, 1, 1}).jobs, 0) << "a spell with no end does not outlive its project";
  EXPECT_EQ(fold.figures({2026, 12, 7}).participants, 0);
  EXPECT_EQ(fold.figures({2026, 12, 7}).trained, 1) << "who was trained stays trained";
}

TEST_F(KpiFoldTest, EditingARecordNeverCountsThePersonTwice) {
  fold.apply(spell("p:1", 1, "a", "trainee", true, {2019, 3, 1}));
  fold.apply(spell("p:1", 1, "a", "employee", true, {2019, 3, 15}));  // the same record, edited
  EXPECT_EQ(fold.spells(), 1u);
  EXPECT_EQ(fold.figures({2019, 8, 31}).jobs, 1);
  EXPECT_EQ(fold.figures({2019, 8, 31}).trained, 0);  // the record now says employee
  Spell removed = spell("p:1", 1, "a", "employee", true, {2019, 3, 15});
  removed.removed = true;
  fold.apply(removed);
  EXPECT_EQ(fold.figures({2019, 8, 31}).jobs, 0);
}

TEST_F(KpiFoldTest, TrainedCountsStartedTraineesAndStays) {
  fold.apply(spell("p:1", 1, "a", "trainee", false, {2019, 3, 1}, LocalDate{2019, 4, 30}));
  fold.apply(spell("p:2", 1, "b", "trainee", false, {2019, 9, 1}));
  EXPECT_EQ(fold.figures({2019, 8, 31}).trained, 1);
  EXPECT_EQ(fold.figures({2019, 9, 1}).trained, 2);
  EXPECT_EQ(fold.figures({2019, 9, 1}).jobs, 0);
}

TEST_F(KpiFoldTest, OutputsAndSpendingAsOfADateAndCostPerJob) {
  fold.apply(spell("p:1", 1, "a", "employee", true, {2019, 1, 1}));
  fold.apply(spell("p:2", 1, "b", "employee", true, {2019, 1, 1}));
  fold.apply(Output{10, 1, {2019, 2, 1}, "coaching_visit", 5});
  fold.apply(Output{11, 1, {2019, 3, 1}, "coaching_visit", 7});
  fold.apply(Output{11, 1, {2019, 3, 1}, "coaching_visit", 7});  // the same event again: ignored
  fold.apply(Output{12, 2, {2019, 3, 1}, "ride", 1});
  fold.apply(Spend{20, 1, {2019, 2, 1}, 1'000'000});
  fold.apply(Spend{21, 1, {2019, 9, 1}, 5'000'000});
  auto f = fold.figures({2019, 8, 31});
  EXPECT_EQ(f.outputs, 13);
  EXPECT_EQ(f.outputs_by_kind.at("coaching_visit"), 12);
  EXPECT_EQ(f.spent_won, 1'000'000);
  EXPECT_EQ(f.cost_per_job_won, 500'000);
  EXPECT_EQ(fold.figures({2019, 8, 31}, Scope{{}, {}, std::string("seniors"), {}}).outputs, 1);
  EXPECT_FALSE(fold.figures({2018, 12, 31}).cost_per_job_won.has_value()) << "no jobs: no cost per job, not 0";
}

TEST(CostPerJob, IsRoundedToTheWonAndNoneWithoutJobs) {
  EXPECT_EQ(cost_per_job(1'000'000, 3), 333'333);
  EXPECT_EQ(cost_per_job(2'000'000, 3), 666'667) << "rounded, not truncated";
  EXPECT_EQ(cost_per_job(5, 2), 3);
  EXPECT_FALSE(cost_per_job(1'000'000, 0).has_value());
  EXPECT_FALSE(cost_per_job(0, 0).has_value());
}

TEST_F(KpiFoldTest, BreakdownsAndMonthlySeries) {
  fold.apply(spell("p:1", 1, "a", "employee", true, {2019, 1, 15}));
  fold.apply(spell("p:2", 2, "b", "employee", true, {2019, 3, 1}, std::nullopt, "marriage_migrants"));
  fold.apply(spell("p:3", 3, "c", "employee", true, {2020, 1, 1}));
  auto by_project = fold.breakdown({2019, 8, 31}, Dimension::kProject, Scope{{}, {}, {}, 2019});
  EXPECT_EQ(by_project.size(), 2u);
  EXPECT_EQ(by_project.at("1").jobs, 1);
  EXPECT_EQ(by_project.at("2").jobs, 1);
  auto by_district = fold.breakdown({2019, 8, 31}, Dimension::kDistrict);
  EXPECT_EQ(by_district.at("101").jobs, 1);
  auto by_group = fold.breakdown({2019, 8, 31}, Dimension::kTargetGroup);
  EXPECT_EQ(by_group.at("marriage_migrants").jobs, 1);  // the participant's own group
  EXPECT_EQ(by_group.at("career_break_women").jobs, 1);  // the project's group
  EXPECT_EQ(by_group.at("seniors").jobs, 0);
  auto monthly = fold.monthly(2019, {2019, 8, 31});
  ASSERT_EQ(monthly.size(), 8u);
  EXPECT_EQ(monthly[0].jobs, 1);
  EXPECT_EQ(monthly[1].jobs, 1);
  EXPECT_EQ(monthly[2].jobs, 2);
  EXPECT_EQ(month_end(2019, 2, {2019, 8, 31}), (LocalDate{2019, 2, 28}));
  EXPECT_EQ(month_end(2019, 8, {2019, 8, 20}), (LocalDate{2019, 8, 20}));
}

}  // namespace
}  // namespace dongne::programmes
