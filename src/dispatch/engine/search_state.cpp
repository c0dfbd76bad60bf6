#include "dispatch/engine/search_state.h"

#include <algorithm>
#include <cmath>

namespace dongne::dispatch::detail {

Rng::Rng(uint64_t seed) {
  for (uint64_t& s : s_) {
    seed += 0x9e3779b97f4a7c15ULL;
    uint64_t z = seed;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    s = z ^ (z >> 31);
  }
}

uint64_t Rng::next() {
  auto rotl = [](uint64_t x, int k) { return (x << k) | (x >> (64 - k)); };
  const uint64_t result = rotl(s_[1] * 5, 7) * 9;
  const uint64_t t = s_[1] << 17;
  s_[2] ^= s_[0];
  s_[3] ^= s_[1];
  s_[1] ^= s_[2];
  s_[0] ^= s_[3];
  s_[2] ^= t;
  s_[3] = rotl(s_[3], 45);
  return result;
}

bool refresh_route(const Instance& in, int32_t v, RouteData& r) {
  r.eval = evaluate_route(in, v, r.nodes);
  const Vehicle& veh = in.problem.vehicles[v];
  const VehicleData& vd = in.veh[v];
  const int32_t m = r.size();
  r.dep.resize(m + 2);
  r.late.resize(m + 2);
  r.load.resize(m + 1);
  r.pmax.resize(m + 1);
  Load l;
  for (int32_t n : r.nodes)
    if (in.node[n].role == Role::kSingle) l -= in.node[n].delta;
  r.load[0] = l;
  r.pmax[0] = l;
  for (int32_t k = 1; k <= m; ++k) {
    l += in.node[r.nodes[k - 1]].delta;
    r.load[k] = l;
    for (int d = 0; d < kLoadDims; ++d) r.pmax[k].q[d] = std::max(r.pmax[k - 1].q[d], l.q[d]);
  }
  auto loc = [&](int32_t pos) {
    return pos == 0 ? vd.start : pos == m + 1 ? vd.end : in.node[r.nodes[pos - 1]].loc;
  };
  r.dep[0] = veh.shift.start;
  for (int32_t k = 1; k <= m; ++k) {
    const NodeData& nd = in.node[r.nodes[k - 1]];
    r.dep[k] = std::max(r.dep[k - 1] + in.tt_lb(loc(k - 1), loc(k)), nd.lo) + nd.service;
  }
  r.dep[m + 1] = r.dep[m] + in.tt_lb(loc(m), loc(m + 1));
  r.late[m + 1] = veh.shift.end;
  for (int32_t k = m; k >= 1; --k) {
    const NodeData& nd = in.node[r.nodes[k - 1]];
    r.late[k] = std::min(nd.hi, r.late[k + 1] - in.tt_lb(loc(k), loc(k + 1)) - nd.service);
  }
  r.ride_slack.assign(m + 1, kInfTime);
  if (in.any_ride && !in.time_dependent) {
    for (int32_t k = 1; k <= m; ++k) {
      const NodeData& np = in.node[r.nodes[k - 1]];
      if (np.role != Role::kPickup || !std::isfinite(in.ride_limit[np.task])) continue;
      Time path = 0;
      for (int32_t q = k + 1; q <= m; ++q) {
        path += in.tt_lb(loc(q - 1), loc(q));
        const NodeData& nq = in.node[r.nodes[q - 1]];
        if (nq.task == np.task) {
          const Time slack = in.ride_limit[np.task] - path;
          for (int32_t a = k; a < q; ++a) r.ride_slack[a] = std::min(r.ride_slack[a], slack);
          break;
        }
        path += nq.service;
      }
    }
  }
  r.late[0] = r.late[m + 1];
  if (m > 0) r.late[0] = r.late[1] - in.tt_lb(loc(0), loc(1));
  return r.eval.ok;
}

void SolState::init(const Instance& in) {
  routes.assign(in.veh.size(), RouteData{});
  for (size_t v = 0; v < routes.size(); ++v) refresh_route(in, static_cast<int32_t>(v), routes[v]);
  where.assign(in.n_tasks, -1);
  fixed_out.assign(in.n_tasks, 0);
  pool.clear();
}

int32_t SolState::used() const {
  int32_t u = 0;
  for (const RouteData& r : routes) u += !r.empty();
  return u;
}

Cost SolState::cost() const {
  Cost c = 0;
  for (const RouteData& r : routes)
    if (!r.empty()) c += r.eval.cost;
  return c;
}

double SolState::unassigned_weight(const Instance& in) const {
  double w = 0;
  for (int32_t t : pool) w += in.weight(t);
  return w;
}

int SolState::compare(const Instance& in, const SolState& a, const SolState& b, double cost_tol) {
  const double wa = a.unassigned_weight(in), wb = b.unassigned_weight(in);
  if (wa != wb) return wa < wb ? -1 : 1;
  if (in.problem.objective.minimise_vehicles) {
    const int32_t ua = a.used(), ub = b.used();
    if (ua != ub) return ua < ub ? -1 : 1;
  }
  const Cost ca = a.cost(), cb = b.cost();
  if (ca < cb - cost_tol) return -1;
  if (ca > cb + cost_tol) return 1;
  return 0;
}

void SolState::remove_task(const Instance& in, int32_t t) {
  detach_task(in, t);
  flush(in);
}

void SolState::detach_task(const Instance&, int32_t t) {
  const int32_t v = where[t];
  if (v < 0) return;
  auto& nodes = routes[v].nodes;
  nodes.erase(std::remove_if(nodes.begin(), nodes.end(), [&](int32_t n) { return n / 2 == t; }), nodes.end());
  where[t] = -1;
  pool.push_back(t);
  if (std::find(dirty.begin(), dirty.end(), v) == dirty.end()) dirty.push_back(v);
}

void SolState::flush(const Instance& in) {
  for (int32_t v : dirty) {
    if (refresh_route(in, v, routes[v])) continue;
    // Removing stops made the rest infeasible (possible with breaks or non-metric travel): empty the route.
    auto& nodes = routes[v].nodes;
    for (int32_t n : nodes)
      if (in.node[n].role != Role::kDelivery && where[n / 2] == v) {
        where[n / 2] = -1;
        pool.push_back(n / 2);
      }
    nodes.clear();
    refresh_route(in, v, routes[v]);
  }
  dirty.clear();
}

}  // namespace dongne::dispatch::detail
