#include "programmes/selection.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace dongne::programmes {

std::string_view verdict_name(Verdict v) {
  switch (v) {
    case Verdict::kSelected: return "selected";
    case Verdict::kBelowMinimum: return "below_minimum";
    case Verdict::kNoReviews: return "no_reviews";
    case Verdict::kOverEnvelope: return "over_envelope";
  }
  return "over_envelope";
}

double weighted_score(const std::vector<Criterion>& criteria, const ReviewScores& r) {
  double num = 0, den = 0;
  for (const auto& c : criteria) {
    if (c.weight <= 0 || c.max_score <= 0) continue;
    den += c.weight;
    auto it = r.scores.find(c.key);
    if (it != r.scores.end()) num += c.weight * (static_cast<double>(std::clamp(it->second, 0, c.max_score)) / c.max_score);
  }
  if (den == 0) return 0;
  return std::round(num / den * 10000.0) / 100.0;
}

namespace {

struct BranchAndBound {
  const std::vector<KnapsackItem>& items;
  std::vector<size_t> order;  // by value per won, best first
  int64_t budget;
  double best = -1;
  std::vector<bool> take, best_take;

  // Upper bound: the fractional knapsack over items order[k..] with `room` won left.
  double bound(size_t k, int64_t room, double value) const {
    for (; k < order.size(); ++k) {
      const auto& it = items[order[k]];
      if (it.cost <= room) {
        room -= it.cost;
        value += it.value;
      } else {
        return value + (it.cost > 0 ? it.value * static_cast<double>(room) / static_cast<double>(it.cost) : it.value);
      }
    }
    return value;
  }
  void search(size_t k, int64_t room, double value) {
    if (value > best + 1e-9) {
      best = value;
      best_take = take;
    }
    if (k == order.size() || bound(k, room, value) <= best + 1e-9) return;
    const auto& it = items[order[k]];
    if (it.cost <= room) {
      take[order[k]] = true;
      search(k + 1, room - it.cost, value + it.value);
      take[order[k]] = false;
    }
    search(k + 1, room, value);
  }
};

}  // namespace

std::vector<size_t> best_subset(const std::vector<KnapsackItem>& items, int64_t budget) {
  BranchAndBound bb{items, {}, budget, -1, std::vector<bool>(items.size()), std::vector<bool>(items.size())};
  for (size_t i = 0; i < items.size(); ++i) {
    if (items[i].cost <= budget && items[i].value > 0) bb.order.push_back(i);
  }
  auto density = [&](size_t i) {
    return items[i].cost > 0 ? items[i].value / static_cast<double>(items[i].cost) : 1e300;
  };
  std::stable_sort(bb.order.begin(), bb.order.end(), [&](size_t a, size_t b) { return density(a) > density(b); });
  bb.search(0, budget, 0);
  std::vector<size_t> out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (bb.best_take[i]) out.push_back(i);
  }
  return out;
}

SelectionResult select(const std::vector<Criterion>& criteria, const std::vector<Candidate>& candidates,
                       int64_t envelope_won, double min_score) {
  SelectionResult out;
  out.envelope_won = envelope_won;
  std::vector<Ranked> ranked;
  std::vector<int64_t> submitted;
  for (const auto& c : candidates) {
    Ranked r;
    r.id = c.id;
    r.request_won = c.request_won;
    r.reviews = static_cast<int>(c.reviews.size());
    double sum = 0;
    for (const auto& rv : c.reviews) sum += weighted_score(criteria, rv);
    r.score = c.reviews.empty() ? 0 : std::round(sum / static_cast<double>(c.reviews.size()) * 100.0) / 100.0;
    ranked.push_back(r);
    submitted.push_back(c.submitted_at);
  }
  std::vector<size_t> idx(ranked.size());
  std::iota(idx.begin(), idx.end(), 0);
  std::sort(idx.begin(), idx.end(), [&](size_t a, size_t b) {
    if (ranked[a].score != ranked[b].score) return ranked[a].score > ranked[b].score;
    if (ranked[a].request_won != ranked[b].request_won) return ranked[a].request_won < ranked[b].request_won;
    if (submitted[a] != submitted[b]) return submitted[a] < submitted[b];
    return ranked[a].id < ranked[b].id;
  });
  int64_t left = envelope_won;
  std::vector<KnapsackItem> items;
  std::vector<size_t> item_of;  // position in out.ranking
  for (size_t k = 0; k < idx.size(); ++k) {
    Ranked r = ranked[idx[k]];
    r.rank = static_cast<int>(k + 1);
    r.left_before_won = left;
    if (r.reviews == 0) {
      r.verdict = Verdict::kNoReviews;
    } else if (r.score < min_score) {
      r.verdict = Verdict::kBelowMinimum;
    } else {
      items.push_back({r.request_won, r.score});
      item_of.push_back(out.ranking.size());
      if (r.request_won <= left) {
        r.verdict = Verdict::kSelected;
        left -= r.request_won;
        out.greedy_total_won += r.request_won;
        out.greedy_score_sum += r.score;
      } else {
        r.verdict = Verdict::kOverEnvelope;
      }
    }
    out.ranking.push_back(r);
  }
  for (size_t i : best_subset(items, envelope_won)) {
    auto& r = out.ranking[item_of[i]];
    r.in_optimal = true;
    out.optimal_total_won += r.request_won;
    out.optimal_score_sum += r.score;
  }
  for (const auto& r : out.ranking) {
    if (r.in_optimal != (r.verdict == Verdict::kSelected)) out.optimal_differs = true;
  }
  // The greedy set is never worse when it is also optimal by score; report the optimal one only when it scores more.
  if (out.optimal_score_sum <= out.greedy_score_sum + 1e-9) {
    out.optimal_differs = false;
    for (auto& r : out.ranking) r.in_optimal = r.verdict == Verdict::kSelected;
    out.optimal_total_won = out.greedy_total_won;
    out.optimal_score_sum = out.greedy_score_sum;
  }
  out.rule_ko = "평균 점수 " + std::to_string(static_cast<int>(min_score)) +
                "점 이상인 제안을 점수 순(동점이면 요청액이 적은 순, 먼저 제출한 순)으로, 남은 예산에 들어가는 것부터 선정";
  out.rule_en = "Proposals with a mean score of at least " + std::to_string(static_cast<int>(min_score)) +
                " are taken in score order (ties: smaller request, then earlier submission) while they fit in what is "
                "left of the envelope";
  return out;
}

}  // namespace dongne::programmes
