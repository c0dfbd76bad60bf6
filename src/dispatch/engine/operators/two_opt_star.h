// 2-opt*: exchanges the tails of two routes: v1 keeps positions 1..i and takes v2's positions j+1..; v2 keeps
// 1..j and takes v1's i+1... Callers only cut where no pickup-delivery pair straddles the cut.
// Thread-safety and errors: see operator.h.
#pragma once

#include "dispatch/engine/operators/operator.h"

namespace dongne::dispatch::detail {

class TwoOptStar final : public Operator {
 public:
  TwoOptStar(const Instance& in, const SolState& s, int32_t v1, int32_t i, int32_t v2, int32_t j)
      : Operator(in, s, v1, v2), i_(i), j_(j) {}
  Cost gain() const override;

 protected:
  void build(std::vector<int32_t>& r1, std::vector<int32_t>& r2) const override;

 private:
  int32_t i_, j_;  // cut after these 0-based positions (0 = start)
};

}  // namespace dongne::dispatch::detail
