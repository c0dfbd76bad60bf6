#include "dispatch/engine/operators/pair_relocate.h"

namespace dongne::dispatch::detail {

PairRelocate::PairRelocate(const Instance& in, const SolState& s, int32_t v1, int32_t task, int32_t v2,
                           Cost removal_gain)
    : Operator(in, s, v1, v2), task_(task), removal_gain_(removal_gain) {
  pos_ = best_insertion(in, s, v2, task);
}

Cost PairRelocate::gain() const { return pos_.v < 0 ? -kInfTime : removal_gain_ - pos_.delta; }

void PairRelocate::build(std::vector<int32_t>& r1, std::vector<int32_t>& r2) const {
  r1.clear();
  for (int32_t n : s_.routes[v1_].nodes)
    if (n / 2 != task_) r1.push_back(n);
  const auto& b = s_.routes[v2_].nodes;
  r2.assign(b.begin(), b.begin() + pos_.i);
  r2.push_back(2 * task_);
  r2.insert(r2.end(), b.begin() + pos_.i, b.begin() + pos_.j);
  r2.push_back(2 * task_ + 1);
  r2.insert(r2.end(), b.begin() + pos_.j, b.end());
}

}  // namespace dongne::dispatch::detail
