#include "dispatch/engine/operators/exchange.h"

namespace dongne::dispatch::detail {

Cost Exchange::gain() const {
  const int32_t x = loc(v1_, i_), y = loc(v2_, j_);
  const int32_t p1 = loc(v1_, i_ - 1), n1 = loc(v1_, i_ + 1);
  const int32_t p2 = loc(v2_, j_ - 1), n2 = loc(v2_, j_ + 1);
  return arc(v1_, p1, x) + arc(v1_, x, n1) + arc(v2_, p2, y) + arc(v2_, y, n2) -
         (arc(v1_, p1, y) + arc(v1_, y, n1) + arc(v2_, p2, x) + arc(v2_, x, n2));
}

void Exchange::build(std::vector<int32_t>& r1, std::vector<int32_t>& r2) const {
  r1 = s_.routes[v1_].nodes;
  r2 = s_.routes[v2_].nodes;
  std::swap(r1[i_ - 1], r2[j_ - 1]);
}

}  // namespace dongne::dispatch::detail
