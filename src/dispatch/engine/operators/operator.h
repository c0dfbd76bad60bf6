// Base of the local-search moves (one class per move, VROOM style): gain() estimates the cost decrease from arc
// costs in O(1), is_valid() builds the changed routes and checks them exactly (schedule evaluator: windows,
// loads, breaks, ride times), apply() installs them. Moves act between two different routes.
// Thread-safety: a move reads the SolState it was built on; apply() mutates it. Not for concurrent use.
#pragma once

#include <vector>

#include "dispatch/engine/search_state.h"

namespace dongne::dispatch::detail {

class Operator {
 public:
  Operator(const Instance& in, const SolState& s, int32_t v1, int32_t v2) : in_(in), s_(s), v1_(v1), v2_(v2) {}
  virtual ~Operator() = default;

  // Estimated cost decrease (> 0 improves). Exact for static travel when both vehicles share depots.
  virtual Cost gain() const = 0;
  // Builds the new routes and evaluates them exactly; on success exact_gain() is the true cost decrease.
  bool is_valid();
  Cost exact_gain() const { return exact_gain_; }
  // Installs the routes built by a successful is_valid() into `s` (the state the move was built on).
  void apply(SolState& s) const;

 protected:
  // Fills the new node sequences of v1 and v2.
  virtual void build(std::vector<int32_t>& r1, std::vector<int32_t>& r2) const = 0;

  // Location at 1-based position `pos` of route v (0 = start depot, m+1 = end depot).
  int32_t loc(int32_t v, int32_t pos) const;
  Cost arc(int32_t v, int32_t a, int32_t b) const;
  Cost fixed(int32_t v) const;
  bool same_ends() const;

  const Instance& in_;
  const SolState& s_;
  int32_t v1_, v2_;

 private:
  std::vector<int32_t> new1_, new2_;
  Cost exact_gain_ = 0;
};

}  // namespace dongne::dispatch::detail
