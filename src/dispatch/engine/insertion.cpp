#include "dispatch/engine/insertion.h"

#include <algorithm>
#include <cmath>

namespace dongne::dispatch::detail {
namespace {

constexpr double kEps = 1e-9;
constexpr int32_t kMaxExactChecks = 48;  // exact evaluations per (task, route) on non-fast vehicles

struct Cand {
  Cost delta;
  int32_t i, j;
};

thread_local std::vector<Cand> tls_cands;
thread_local std::vector<int32_t> tls_seq;

bool fits_plus(const Load& base, const Load& add, const Load& cap) {
  for (int d = 0; d < kLoadDims; ++d)
    if (base.q[d] + add.q[d] > cap.q[d]) return false;
  return true;
}

void build_sequence(const RouteData& r, int32_t t, bool pair, int32_t i, int32_t j, std::vector<int32_t>& out) {
  out.clear();
  out.reserve(r.nodes.size() + 2);
  for (int32_t k = 0; k < i; ++k) out.push_back(r.nodes[k]);
  out.push_back(2 * t);
  if (pair) {
    for (int32_t k = i; k < j; ++k) out.push_back(r.nodes[k]);
    out.push_back(2 * t + 1);
    for (int32_t k = j; k < r.size(); ++k) out.push_back(r.nodes[k]);
  } else {
    for (int32_t k = i; k < r.size(); ++k) out.push_back(r.nodes[k]);
  }
}

}  // namespace

InsertPos best_insertion(const Instance& in, const SolState& s, int32_t v, int32_t t, double blink, Rng* rng) {
  InsertPos best;
  if (!in.compatible(t, v)) return best;
  const RouteData& r = s.routes[v];
  const VehicleData& vd = in.veh[v];
  const Vehicle& veh = in.problem.vehicles[v];
  const int32_t m = r.size();
  const bool pair = in.pair(t);
  const NodeData& np = in.node[2 * t];
  const NodeData& nq = in.node[2 * t + 1];
  const Load q = pair ? np.delta : Load{} - np.delta;
  const Cost fixed = m == 0 ? veh.fixed_cost : 0.0;
  auto loc = [&](int32_t pos) { return pos == 0 ? vd.start : pos == m + 1 ? vd.end : in.node[r.nodes[pos - 1]].loc; };
  auto arc = [&](int32_t a, int32_t b) { return vd.cpd * in.dist(a, b) + vd.cpt * in.tt_lb(a, b); };
  auto blinked = [&]() { return blink > 0 && rng && rng->unit() < blink; };

  std::vector<Cand>& cands = tls_cands;
  cands.clear();
  auto offer = [&](Cost delta, int32_t i, int32_t j) {
    if (blinked()) return;
    if (vd.fast) {
      if (delta < best.delta) best = {v, i, j, delta};
    } else {
      cands.push_back({delta, i, j});
    }
  };

  const int32_t lp = np.loc;
  for (int32_t i = 0; i <= m; ++i) {
    const int32_t a = loc(i), b = loc(i + 1);
    const Time arr = r.dep[i] + in.tt_lb(a, lp);
    if (arr > np.hi + kEps) break;  // later positions only arrive later
    const Time bs = std::max(arr, np.lo);
    const Time dp = bs + np.service;
    if (!pair) {
      if (!fits_plus(r.pmax[i], q, veh.capacity)) break;  // loads before i only grow with i
      if (dp + in.tt_lb(lp, b) > r.late[i + 1] + kEps) continue;
      if (in.tt_lb(a, lp) + np.service + in.tt_lb(lp, b) - in.tt_lb(a, b) > r.ride_slack[i] + kEps) continue;
      offer(arc(a, lp) + arc(lp, b) - arc(a, b), i, i);
      continue;
    }
    if (!fits_plus(r.load[i], q, veh.capacity)) continue;
    const Cost base = arc(a, lp) - arc(a, b);
    const Time own_limit = in.time_dependent ? kInfTime : in.ride_limit[t] + kEps;
    const Time slack_i = r.ride_slack[i] + kEps;
    // Delivery right after the pickup.
    {
      const int32_t ld = nq.loc;
      const Time ad = dp + in.tt_lb(lp, ld);
      const Time detour = in.tt_lb(a, lp) + np.service + in.tt_lb(lp, ld) + nq.service + in.tt_lb(ld, b) - in.tt_lb(a, b);
      if (ad <= nq.hi + kEps && detour <= slack_i) {
        const Time dd = std::max(ad, nq.lo) + nq.service;
        if (dd + in.tt_lb(ld, b) <= r.late[i + 1] + kEps) offer(base + arc(lp, ld) + arc(ld, b), i, i);
      }
    }
    if (in.tt_lb(a, lp) + np.service + in.tt_lb(lp, b) - in.tt_lb(a, b) > slack_i) continue;
    // Delivery after position k > i.
    Time cur = dp;
    int32_t prev = lp;
    Time path = 0;  // the new rider's ride so far without waiting
    for (int32_t k = i + 1; k <= m; ++k) {
      const NodeData& nk = in.node[r.nodes[k - 1]];
      path += in.tt_lb(prev, nk.loc);
      if (path > own_limit) break;
      const Time ak = cur + in.tt_lb(prev, nk.loc);
      if (ak > r.late[k] + kEps) break;
      if (!fits_plus(r.load[k], q, veh.capacity)) break;
      cur = std::max(ak, nk.lo) + nk.service;
      prev = nk.loc;
      const int32_t c = loc(k + 1), ld = nq.loc;
      const Time ad = cur + in.tt_lb(nk.loc, ld);
      if (ad > nq.hi + kEps) break;
      path += nk.service;
      const Time dd = std::max(ad, nq.lo) + nq.service;
      if (dd + in.tt_lb(ld, c) > r.late[k + 1] + kEps) continue;
      if (path + in.tt_lb(nk.loc, ld) > own_limit) continue;
      if (in.tt_lb(nk.loc, ld) + nq.service + in.tt_lb(ld, c) - in.tt_lb(nk.loc, c) > r.ride_slack[k] + kEps) continue;
      offer(base + arc(lp, b) + arc(nk.loc, ld) + arc(ld, c) - arc(nk.loc, c), i, k);
    }
  }
  if (vd.fast) {
    if (best.v >= 0) best.delta += fixed;
    return best;
  }
  // Exact checks in order of the estimated delta.
  std::sort(cands.begin(), cands.end(), [](const Cand& x, const Cand& y) {
    return x.delta < y.delta || (x.delta == y.delta && (x.i < y.i || (x.i == y.i && x.j < y.j)));
  });
  const Cost before = m == 0 ? 0.0 : r.eval.cost;
  int32_t checks = 0;
  for (const Cand& c : cands) {
    if (++checks > kMaxExactChecks) break;
    if (in.time_dependent == false && c.delta + fixed >= best.delta - kEps) break;
    build_sequence(r, t, pair, c.i, c.j, tls_seq);
    const Eval e = evaluate_route(in, v, tls_seq);
    if (!e.ok) continue;
    const Cost delta = e.cost - before;
    if (delta < best.delta) best = {v, c.i, c.j, delta};
    if (!in.time_dependent) break;  // estimates are exact for static travel: the first feasible is the best
  }
  return best;
}

bool apply_insertion(const Instance& in, SolState& s, int32_t t, const InsertPos& p) {
  RouteData& r = s.routes[p.v];
  build_sequence(r, t, in.pair(t), p.i, p.j, tls_seq);
  std::vector<int32_t> old = std::move(r.nodes);
  r.nodes = tls_seq;
  if (!refresh_route(in, p.v, r)) {
    r.nodes = std::move(old);
    refresh_route(in, p.v, r);
    return false;
  }
  s.where[t] = p.v;
  auto it = std::find(s.pool.begin(), s.pool.end(), t);
  if (it != s.pool.end()) s.pool.erase(it);
  return true;
}

void candidate_vehicles(const Instance& in, const SolState& s, int32_t t, const RecreateLimits& lim,
                        std::vector<int32_t>& out) {
  out.clear();
  const int32_t nv = static_cast<int32_t>(s.routes.size());
  for (int32_t v = 0; v < nv; ++v)
    if (!s.routes[v].empty() && in.compatible(t, v)) out.push_back(v);
  if (s.used() >= lim.max_routes) return;
  thread_local std::vector<int32_t> seen;
  seen.clear();
  for (int32_t v = 0; v < nv; ++v) {
    if (!s.routes[v].empty() || !in.compatible(t, v)) continue;
    const int32_t cls = in.veh[v].cls;
    if (std::find(seen.begin(), seen.end(), cls) != seen.end()) continue;
    seen.push_back(cls);
    out.push_back(v);
  }
}

namespace {

// Best over candidate vehicles; with vehicle minimisation an empty vehicle is used only when no used route fits.
InsertPos best_over_routes(const Instance& in, const SolState& s, int32_t t, const std::vector<int32_t>& vs,
                           double blink, Rng* rng) {
  InsertPos best;
  const bool lex = in.problem.objective.minimise_vehicles;
  bool found_used = false;
  for (int32_t v : vs) {
    const bool empty = s.routes[v].empty();
    if (lex && empty && found_used) break;
    const InsertPos p = best_insertion(in, s, v, t, blink, rng);
    if (p.v < 0) continue;
    if (!empty) found_used = true;
    if (p.delta < best.delta) best = p;
  }
  return best;
}

}  // namespace

void recreate_greedy(const Instance& in, SolState& s, std::vector<int32_t> order, double blink, Rng& rng,
                     const RecreateLimits& lim) {
  std::vector<int32_t> vs;
  for (int32_t t : order) {
    if (s.where[t] >= 0 || s.fixed_out[t]) continue;
    candidate_vehicles(in, s, t, lim, vs);
    InsertPos p = best_over_routes(in, s, t, vs, blink, &rng);
    if (p.v < 0 && blink > 0) p = best_over_routes(in, s, t, vs, 0, nullptr);
    if (p.v >= 0) apply_insertion(in, s, t, p);
  }
}

void recreate_regret(const Instance& in, SolState& s, int32_t k, const RecreateLimits& lim) {
  const int32_t nv = static_cast<int32_t>(s.routes.size());
  const bool lex = in.problem.objective.minimise_vehicles;
  std::vector<int32_t> todo;
  for (int32_t t : s.pool)
    if (!s.fixed_out[t]) todo.push_back(t);
  std::sort(todo.begin(), todo.end());
  // cache[t * nv + v]: best insertion of t into v, valid while the route is unchanged.
  std::vector<InsertPos> cache(static_cast<size_t>(in.n_tasks) * nv);
  std::vector<uint8_t> valid(static_cast<size_t>(in.n_tasks) * nv, 0);
  std::vector<int32_t> vs;
  std::vector<Cost> costs;
  while (!todo.empty()) {
    int32_t pick = -1;
    InsertPos pick_pos;
    double pick_regret = -1, pick_w = -1;
    for (size_t idx = 0; idx < todo.size(); ++idx) {
      const int32_t t = todo[idx];
      candidate_vehicles(in, s, t, lim, vs);
      costs.clear();
      InsertPos best;
      bool used_found = false;
      for (int32_t v : vs) {
        const size_t ci = static_cast<size_t>(t) * nv + v;
        if (!valid[ci]) {
          cache[ci] = best_insertion(in, s, v, t);
          valid[ci] = 1;
        }
        const InsertPos& p = cache[ci];
        if (p.v < 0) continue;
        if (lex && s.routes[v].empty() && used_found) continue;
        if (!s.routes[v].empty()) used_found = true;
        costs.push_back(p.delta);
        if (p.delta < best.delta) best = p;
      }
      if (best.v < 0) continue;
      std::sort(costs.begin(), costs.end());
      double regret = 0;
      for (int32_t h = 1; h < k; ++h) regret += (h < static_cast<int32_t>(costs.size()) ? costs[h] : 1e12) - costs[0];
      const double w = in.weight(t);
      if (w > pick_w || (w == pick_w && (regret > pick_regret + 1e-9 ||
                                         (std::fabs(regret - pick_regret) <= 1e-9 && best.delta < pick_pos.delta)))) {
        pick = static_cast<int32_t>(idx);
        pick_pos = best;
        pick_regret = regret;
        pick_w = w;
      }
    }
    if (pick < 0) break;
    const int32_t t = todo[pick];
    todo.erase(todo.begin() + pick);
    if (apply_insertion(in, s, t, pick_pos))
      for (int32_t u = 0; u < in.n_tasks; ++u) valid[static_cast<size_t>(u) * nv + pick_pos.v] = 0;
  }
}

}  // namespace dongne::dispatch::detail
