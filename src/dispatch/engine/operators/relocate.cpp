#include "dispatch/engine/operators/relocate.h"

namespace dongne::dispatch::detail {

Cost Relocate::gain() const {
  const RouteData& r1 = s_.routes[v1_];
  const int32_t x = in_.node[r1.nodes[i_ - 1]].loc;
  const int32_t p = loc(v1_, i_ - 1), n = loc(v1_, i_ + 1);
  const int32_t a = loc(v2_, j_), b = loc(v2_, j_ + 1);
  Cost g = arc(v1_, p, x) + arc(v1_, x, n) - arc(v1_, p, n) - (arc(v2_, a, x) + arc(v2_, x, b) - arc(v2_, a, b));
  if (r1.size() == 1) g += fixed(v1_) + arc(v1_, p, n);  // the route disappears entirely
  if (s_.routes[v2_].empty()) g -= fixed(v2_);
  return g;
}

void Relocate::build(std::vector<int32_t>& r1, std::vector<int32_t>& r2) const {
  const auto& a = s_.routes[v1_].nodes;
  const auto& b = s_.routes[v2_].nodes;
  r1.assign(a.begin(), a.end());
  r1.erase(r1.begin() + (i_ - 1));
  r2.assign(b.begin(), b.end());
  r2.insert(r2.begin() + j_, a[i_ - 1]);
}

}  // namespace dongne::dispatch::detail
