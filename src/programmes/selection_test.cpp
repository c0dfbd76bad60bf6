#include "programmes/selection.h"

#include <gtest/gtest.h>

#include <random>

namespace dongne::programmes {
namespace {

const std::vector<Criterion> kCriteria = {{"fit", "적합성", "fit", 3, 10}, {"jobs", "일자리", "jobs", 2, 10}};

ReviewScores rs(int64_t reviewer, int fit, int jobs) { return {reviewer, {{"fit", fit}, {"jobs", jobs}}}; }

TEST(Selection, WeightedScoreIsOnAHundredPointScale) {
  EXPECT_DOUBLE_EQ(weighted_score(kCriteria, rs(1, 10, 10)), 100.0);
  EXPECT_DOUBLE_EQ(weighted_score(kCriteria, rs(1, 10, 0)), 60.0);
  EXPECT_DOUBLE_EQ(weighted_score(kCriteria, rs(1, 0, 5)), 20.0);
  EXPECT_DOUBLE_EQ(weighted_score(kCriteria, ReviewScores{1, {{"fit", 5}}}), 30.0);  // a missing score counts 0
}

TEST(Selection, GreedyInRankOrderWithinTheEnvelope) {
  std::vector<Candidate> c = {
      {1, 60, 1, {rs(7, 9, 9)}},   // 90
      {2, 50, 2, {rs(7, 8, 8)}},   // 80
      {3, 30, 3, {rs(7, 7, 7)}},   // 70
      {4, 10, 4, {rs(7, 3, 3)}},   // 30: below the minimum
      {5, 10, 5, {}},              // no reviews
  };
  auto s = select(kCriteria, c, 100, 60);
  ASSERT_EQ(s.ranking.size(), 5u);
  EXPECT_EQ(s.ranking[0].id, 1);
  EXPECT_EQ(s.ranking[0].verdict, Verdict::kSelected);
  EXPECT_EQ(s.ranking[1].id, 2);
  EXPECT_EQ(s.ranking[1].verdict, Verdict::kOverEnvelope);  // 60 + 50 > 100
  EXPECT_EQ(s.ranking[1].left_before_won, 40);
  EXPECT_EQ(s.ranking[2].id, 3);
  EXPECT_EQ(s.ranking[2].verdict, Verdict::kSelected);
  EXPECT_EQ(s.ranking[3].verdict, Verdict::kBelowMinimum);
  EXPECT_EQ(s.ranking[4].verdict, Verdict::kNoReviews);
  EXPECT_EQ(s.greedy_total_won, 90);
  EXPECT_LE(s.greedy_total_won, s.envelope_won);
  // Optimal by total score: {1, 3} = 160 vs {2, 3} = 150: greedy is optimal here.
  EXPECT_FALSE(s.optimal_differs);
}

TEST(Selection, OptimalSetShownWhenGreedyLeavesMoneyUnused) {
  // Greedy takes the top one (70 of 100) and leaves 30 unused; two smaller ones fill the envelope and score more.
  std::vector<Candidate> c = {
      {1, 70, 1, {rs(7, 10, 10)}},  // 100
      {2, 50, 2, {rs(7, 9, 9)}},    // 90
      {3, 50, 3, {rs(7, 9, 8)}},    // 86
  };
  auto s = select(kCriteria, c, 100, 60);
  EXPECT_EQ(s.greedy_total_won, 70);
  EXPECT_TRUE(s.optimal_differs);
  EXPECT_EQ(s.optimal_total_won, 100);
  EXPECT_DOUBLE_EQ(s.optimal_score_sum, 176.0);
  EXPECT_FALSE(s.ranking[0].in_optimal);
  EXPECT_TRUE(s.ranking[1].in_optimal);
  EXPECT_TRUE(s.ranking[2].in_optimal);
  EXPECT_FALSE(s.rule_en.empty());
  EXPECT_FALSE(s.rule_ko.empty());
}

TEST(Selection, TiesGoToTheSmallerRequestThenTheEarlierSubmission) {
  std::vector<Candidate> c = {{1, 50, 3, {rs(7, 8, 8)}}, {2, 40, 5, {rs(7, 8, 8)}}, {3, 40, 4, {rs(7, 8, 8)}}};
  auto s = select(kCriteria, c, 1000, 0);
  EXPECT_EQ(s.ranking[0].id, 3);
  EXPECT_EQ(s.ranking[1].id, 2);
  EXPECT_EQ(s.ranking[2].id, 1);
}

TEST(Selection, MeanOverReviewers) {
  std::vector<Candidate> c = {{1, 10, 1, {rs(7, 10, 10), rs(8, 5, 5)}}};
  auto s = select(kCriteria, c, 100, 0);
  EXPECT_DOUBLE_EQ(s.ranking[0].score, 75.0);
  EXPECT_EQ(s.ranking[0].reviews, 2);
}

// The branch and bound against brute force on random small instances.
TEST(Selection, BestSubsetIsExact) {
  std::mt19937 rng(42);
  for (int round = 0; round < 300; ++round) {
    const int n = 1 + static_cast<int>(rng() % 12);
    std::vector<KnapsackItem> items;
    for (int i = 0; i < n; ++i) items.push_back({static_cast<int64_t>(1 + rng() % 50), static_cast<double>(rng() % 100)});
    const int64_t budget = static_cast<int64_t>(rng() % 150);
    double brute = 0;
    for (int mask = 0; mask < (1 << n); ++mask) {
      int64_t cost = 0;
      double v = 0;
      for (int i = 0; i < n; ++i) {
        if (mask & (1 << i)) cost += items[static_cast<size_t>(i)].cost, v += items[static_cast<size_t>(i)].value;
      }
      if (cost <= budget) brute = std::max(brute, v);
    }
    auto best = best_subset(items, budget);
    int64_t cost = 0;
    double v = 0;
    for (size_t i : best) cost += items[i].cost, v += items[i].value;
    EXPECT_LE(cost, budget);
    EXPECT_DOUBLE_EQ(v, brute) << "round " << round;
  }
}

}  // namespace
}  // namespace dongne::programmes
