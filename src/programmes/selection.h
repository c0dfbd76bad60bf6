// Review scores and selection within a budget envelope: a pure engine (no I/O, no clock). Each reviewer scores
// each criterion of a call; a proposal's score is the mean over its eligible reviewers (a declared conflict of
// interest removes that reviewer from that proposal) of the weighted score on a 0-100 scale. Proposals are ranked by
// score, then by smaller request, then by earlier submission. The published rule is greedy in rank order: take a
// proposal if it reaches the minimum score and still fits in what is left of the envelope. Beside it the engine
// computes the set of eligible proposals that maximises the total score within the envelope (0/1 knapsack, exact
// branch and bound), so a committee sees when the greedy rule leaves money unused.
// Thread-safety: pure functions over values.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace dongne::programmes {

struct Criterion {
  std::string key;      // e.g. "fit", "jobs", "feasibility"
  std::string name_ko;
  std::string name_en;
  int weight = 1;       // relative weight (> 0)
  int max_score = 10;   // each score is 0..max_score
};

// One reviewer's scores for one proposal, by criterion key.
struct ReviewScores {
  int64_t reviewer_id = 0;
  std::map<std::string, int> scores;
};

// A reviewer's weighted score on 0..100 (criteria without a score count as 0), rounded to 1/100.
double weighted_score(const std::vector<Criterion>& criteria, const ReviewScores& r);

struct Candidate {
  int64_t id = 0;
  int64_t request_won = 0;       // what the city would fund (the city share of the budget request)
  int64_t submitted_at = 0;      // for ties
  std::vector<ReviewScores> reviews;  // eligible reviewers only (conflicted ones already removed)
};

enum class Verdict { kSelected, kBelowMinimum, kNoReviews, kOverEnvelope };
std::string_view verdict_name(Verdict v);

struct Ranked {
  int64_t id = 0;
  int rank = 0;           // 1-based
  double score = 0;       // mean weighted score, 0..100
  int reviews = 0;
  int64_t request_won = 0;
  Verdict verdict = Verdict::kOverEnvelope;
  int64_t left_before_won = 0;  // envelope left when the greedy rule reached it
  bool in_optimal = false;
};

struct SelectionResult {
  std::vector<Ranked> ranking;       // in rank order
  int64_t envelope_won = 0;
  int64_t greedy_total_won = 0;
  double greedy_score_sum = 0;
  int64_t optimal_total_won = 0;
  double optimal_score_sum = 0;
  bool optimal_differs = false;      // the optimal set is not the greedy set
  std::string rule_ko;
  std::string rule_en;
};

// Ranks and selects. min_score: the minimum mean score (0..100) to be eligible at all.
SelectionResult select(const std::vector<Criterion>& criteria, const std::vector<Candidate>& candidates,
                       int64_t envelope_won, double min_score);

// The best subset by total score within `budget` (exact): indices into items. Exposed for tests and benchmarks.
struct KnapsackItem {
  int64_t cost = 0;
  double value = 0;
};
std::vector<size_t> best_subset(const std::vector<KnapsackItem>& items, int64_t budget);

}  // namespace dongne::programmes
