#include "dispatch/engine/local_search.h"

#include <vector>

#include "dispatch/engine/operators/exchange.h"
#include "dispatch/engine/operators/pair_relocate.h"
#include "dispatch/engine/operators/relocate.h"
#include "dispatch/engine/operators/two_opt_star.h"

namespace dongne::dispatch::detail {
namespace {

constexpr Cost kMinGain = 1e-7;

// open[k]: pairs picked up at positions <= k and delivered after k (k = 0..m). A 2-opt* cut needs open[k] == 0.
std::vector<int32_t> open_pairs(const Instance& in, const RouteData& r) {
  std::vector<int32_t> open(r.size() + 1, 0);
  int32_t o = 0;
  for (int32_t k = 1; k <= r.size(); ++k) {
    const Role role = in.node[r.nodes[k - 1]].role;
    o += role == Role::kPickup ? 1 : role == Role::kDelivery ? -1 : 0;
    open[k] = o;
  }
  return open;
}

class Descent {
 public:
  Descent(const Instance& in, SolState& s, int64_t budget) : in_(in), s_(s), budget_(budget) {}

  int32_t run() {
    int32_t applied = 0;
    bool improved = true;
    while (improved && budget_ > 0) {
      improved = false;
      const int32_t nv = static_cast<int32_t>(s_.routes.size());
      for (int32_t v1 = 0; v1 < nv && !improved; ++v1) {
        if (s_.routes[v1].empty()) continue;
        for (int32_t v2 = 0; v2 < nv && !improved; ++v2) {
          if (v1 == v2 || s_.routes[v2].empty()) continue;
          improved = relocate(v1, v2) || pair_relocate(v1, v2) || (v1 < v2 && (exchange(v1, v2) || two_opt(v1, v2)));
        }
      }
      if (improved) ++applied;
    }
    return applied;
  }

 private:
  bool take(Operator& op) {
    if (op.gain() <= kMinGain) return false;
    --budget_;
    if (!op.is_valid() || op.exact_gain() <= kMinGain) return false;
    op.apply(s_);
    return true;
  }

  bool relocate(int32_t v1, int32_t v2) {
    const RouteData& r1 = s_.routes[v1];
    for (int32_t i = 1; i <= r1.size(); ++i) {
      const int32_t n = r1.nodes[i - 1];
      if (in_.node[n].role != Role::kSingle || !in_.compatible(n / 2, v2)) continue;
      for (int32_t j = 0; j <= s_.routes[v2].size(); ++j) {
        Relocate op(in_, s_, v1, i, v2, j);
        if (take(op)) return true;
      }
    }
    return false;
  }

  bool exchange(int32_t v1, int32_t v2) {
    const RouteData& r1 = s_.routes[v1];
    const RouteData& r2 = s_.routes[v2];
    for (int32_t i = 1; i <= r1.size(); ++i) {
      const int32_t a = r1.nodes[i - 1];
      if (in_.node[a].role != Role::kSingle || !in_.compatible(a / 2, v2)) continue;
      for (int32_t j = 1; j <= r2.size(); ++j) {
        const int32_t b = r2.nodes[j - 1];
        if (in_.node[b].role != Role::kSingle || !in_.compatible(b / 2, v1)) continue;
        Exchange op(in_, s_, v1, i, v2, j);
        if (take(op)) return true;
      }
    }
    return false;
  }

  bool two_opt(int32_t v1, int32_t v2) {
    const std::vector<int32_t> o1 = open_pairs(in_, s_.routes[v1]);
    const std::vector<int32_t> o2 = open_pairs(in_, s_.routes[v2]);
    for (int32_t i = 0; i < static_cast<int32_t>(o1.size()); ++i) {
      if (o1[i] != 0) continue;
      for (int32_t j = 0; j < static_cast<int32_t>(o2.size()); ++j) {
        if (o2[j] != 0 || (i == 0 && j == 0)) continue;
        if (i == static_cast<int32_t>(o1.size()) - 1 && j == static_cast<int32_t>(o2.size()) - 1) continue;
        TwoOptStar op(in_, s_, v1, i, v2, j);
        if (take(op)) return true;
      }
    }
    return false;
  }

  bool pair_relocate(int32_t v1, int32_t v2) {
    const RouteData& r1 = s_.routes[v1];
    std::vector<int32_t> without;
    for (int32_t n : r1.nodes) {
      if (in_.node[n].role != Role::kPickup || !in_.compatible(n / 2, v2)) continue;
      const int32_t t = n / 2;
      without.clear();
      for (int32_t k : r1.nodes)
        if (k / 2 != t) without.push_back(k);
      --budget_;
      const Eval e = evaluate_route(in_, v1, without);
      if (!e.ok) continue;
      const Cost removal = r1.eval.cost - (without.empty() ? 0.0 : e.cost);
      PairRelocate op(in_, s_, v1, t, v2, removal);
      if (take(op)) return true;
    }
    return false;
  }

  const Instance& in_;
  SolState& s_;
  int64_t budget_;
};

}  // namespace

int32_t local_search(const Instance& in, SolState& s, int64_t max_exact_checks) {
  return Descent(in, s, max_exact_checks).run();
}

}  // namespace dongne::dispatch::detail
