// Relocate: moves the single-stop task at position i of route v1 to after position j of route v2 (v1 != v2).
// Thread-safety and errors: see operator.h.
#pragma once

#include "dispatch/engine/operators/operator.h"

namespace dongne::dispatch::detail {

class Relocate final : public Operator {
 public:
  Relocate(const Instance& in, const SolState& s, int32_t v1, int32_t i, int32_t v2, int32_t j)
      : Operator(in, s, v1, v2), i_(i), j_(j) {}
  Cost gain() const override;

 protected:
  void build(std::vector<int32_t>& r1, std::vector<int32_t>& r2) const override;

 private:
  int32_t i_, j_;  // i: 1-based position in v1; j: insert after 0-based position j of v2 (0 = start)
};

}  // namespace dongne::dispatch::detail
