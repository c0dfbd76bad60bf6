#include "dispatch/engine/operators/two_opt_star.h"

namespace dongne::dispatch::detail {

Cost TwoOptStar::gain() const {
  if (!same_ends()) return kInfTime;  // tails change depots: only the exact check can tell
  const int32_t m1 = s_.routes[v1_].size(), m2 = s_.routes[v2_].size();
  const int32_t a = loc(v1_, i_), an = loc(v1_, i_ + 1);
  const int32_t b = loc(v2_, j_), bn = loc(v2_, j_ + 1);
  Cost g = arc(v1_, a, an) + arc(v2_, b, bn) - arc(v1_, a, bn) - arc(v2_, b, an);
  const bool e1 = i_ == 0 && j_ == m2, e2 = j_ == 0 && i_ == m1;  // a route becomes empty
  if (e1) g += fixed(v1_) + arc(v1_, a, bn);
  if (e2) g += fixed(v2_) + arc(v2_, b, an);
  return g;
}

void TwoOptStar::build(std::vector<int32_t>& r1, std::vector<int32_t>& r2) const {
  const auto& a = s_.routes[v1_].nodes;
  const auto& b = s_.routes[v2_].nodes;
  r1.assign(a.begin(), a.begin() + i_);
  r1.insert(r1.end(), b.begin() + j_, b.end());
  r2.assign(b.begin(), b.begin() + j_);
  r2.insert(r2.end(), a.begin() + i_, a.end());
}

}  // namespace dongne::dispatch::detail
