#include "dispatch/engine/operators/operator.h"

namespace dongne::dispatch::detail {

int32_t Operator::loc(int32_t v, int32_t pos) const {
  const RouteData& r = s_.routes[v];
  if (pos == 0) return in_.veh[v].start;
  if (pos == r.size() + 1) return in_.veh[v].end;
  return in_.node[r.nodes[pos - 1]].loc;
}

Cost Operator::arc(int32_t v, int32_t a, int32_t b) const {
  return in_.veh[v].cpd * in_.dist(a, b) + in_.veh[v].cpt * in_.tt_lb(a, b);
}

Cost Operator::fixed(int32_t v) const { return in_.problem.vehicles[v].fixed_cost; }

bool Operator::same_ends() const {
  return in_.veh[v1_].start == in_.veh[v2_].start && in_.veh[v1_].end == in_.veh[v2_].end &&
         in_.veh[v1_].cpd == in_.veh[v2_].cpd && in_.veh[v1_].cpt == in_.veh[v2_].cpt;
}

bool Operator::is_valid() {
  build(new1_, new2_);
  const RouteData& r1 = s_.routes[v1_];
  const RouteData& r2 = s_.routes[v2_];
  for (int32_t n : new1_)
    if (!in_.compatible(n / 2, v1_)) return false;
  for (int32_t n : new2_)
    if (!in_.compatible(n / 2, v2_)) return false;
  const Eval e1 = evaluate_route(in_, v1_, new1_);
  if (!e1.ok) return false;
  const Eval e2 = evaluate_route(in_, v2_, new2_);
  if (!e2.ok) return false;
  const Cost before = (r1.empty() ? 0 : r1.eval.cost) + (r2.empty() ? 0 : r2.eval.cost);
  const Cost after = (new1_.empty() ? 0 : e1.cost) + (new2_.empty() ? 0 : e2.cost);
  exact_gain_ = before - after;
  return true;
}

void Operator::apply(SolState& s) const {
  s.routes[v1_].nodes = new1_;
  s.routes[v2_].nodes = new2_;
  refresh_route(in_, v1_, s.routes[v1_]);
  refresh_route(in_, v2_, s.routes[v2_]);
  for (int32_t n : new1_) s.where[n / 2] = v1_;
  for (int32_t n : new2_) s.where[n / 2] = v2_;
}

}  // namespace dongne::dispatch::detail
