// Pair relocate: moves a pickup-and-delivery task (both stops) from route v1 to its cheapest feasible place in
// route v2. The removal gain is supplied by the caller (evaluated once per task). Thread-safety: see operator.h.
#pragma once

#include "dispatch/engine/insertion.h"
#include "dispatch/engine/operators/operator.h"

namespace dongne::dispatch::detail {

class PairRelocate final : public Operator {
 public:
  // removal_gain: cost of v1 now minus cost of v1 without the task (exact).
  PairRelocate(const Instance& in, const SolState& s, int32_t v1, int32_t task, int32_t v2, Cost removal_gain);
  Cost gain() const override;

 protected:
  void build(std::vector<int32_t>& r1, std::vector<int32_t>& r2) const override;

 private:
  int32_t task_;
  Cost removal_gain_;
  InsertPos pos_;
};

}  // namespace dongne::dispatch::detail
