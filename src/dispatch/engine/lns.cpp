#include "dispatch/engine/lns.h"

#include <algorithm>
#include <cmath>

#include "dispatch/engine/insertion.h"
#include "dispatch/engine/local_search.h"
#include "dispatch/engine/ruin.h"

namespace dongne::dispatch::detail {
namespace {

class Search {
 public:
  Search(const Instance& in, const SearchControl& ctl, const SearchParams& par)
      : in_(in), ctl_(ctl), par_(par), rng_(par.seed) {}

  SolState run(SolState s, SearchStats* stats) {
    if (par_.construct && !s.pool.empty()) {
      if (in_.n_tasks <= 400) recreate_regret(in_, s, 2, {});
      else recreate_greedy(in_, s, sorted_pool(s, 5), 0, rng_, {});
      local_search(in_, s);
    }
    best_ = s;
    bool any_routed = false;
    for (int32_t w : best_.where) any_routed |= w >= 0;
    if (!any_routed) return best_;  // nothing to improve (no tasks, or none servable)
    const bool fleet = in_.problem.objective.minimise_vehicles && par_.fleet_share > 0;
    if (fleet) fleet_phase();
    distance_phase();
    local_search(in_, best_);
    if (stats) {
      stats->iterations = iter_;
      stats->fleet_iterations = fleet_iter_;
      stats->routes_removed = routes_removed_;
    }
    return best_;
  }

 private:
  double progress() const {
    double p = 0;
    if (ctl_.max_iterations > 0) p = static_cast<double>(iter_) / static_cast<double>(ctl_.max_iterations);
    if (ctl_.seconds > 0 && ctl_.clock) {
      const double el = static_cast<double>(ctl_.clock->now_ms() - ctl_.started_ms) / 1000.0;
      p = std::max(p, el / ctl_.seconds);
    }
    if (ctl_.max_iterations == 0 && !(ctl_.seconds > 0 && ctl_.clock)) p = 1.0;  // no budget: construction only
    return p;
  }

  // Sort orders of SISR's recreate: random, demand, far, close, time-window start.
  std::vector<int32_t> sorted_pool(const SolState& s, int32_t kind) {
    std::vector<int32_t> order = s.pool;
    for (size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[rng_.below(static_cast<int32_t>(i))]);
    auto key_far = [&](int32_t t) {
      const int32_t d = in_.veh.empty() ? -1 : in_.veh[0].start;
      return in_.dist(d, in_.node[2 * t].loc);
    };
    auto demand = [&](int32_t t) {
      int64_t q = 0;
      for (int32_t v : in_.problem.tasks[t].pickup.load.q) q += v;
      return q;
    };
    switch (kind) {
      case 1: std::stable_sort(order.begin(), order.end(), [&](int32_t a, int32_t b) { return demand(a) > demand(b); }); break;
      case 2: std::stable_sort(order.begin(), order.end(), [&](int32_t a, int32_t b) { return key_far(a) > key_far(b); }); break;
      case 3: std::stable_sort(order.begin(), order.end(), [&](int32_t a, int32_t b) { return key_far(a) < key_far(b); }); break;
      case 4:
        std::stable_sort(order.begin(), order.end(),
                         [&](int32_t a, int32_t b) { return in_.node[2 * a].hi - in_.node[2 * a].lo < in_.node[2 * b].hi - in_.node[2 * b].lo; });
        break;
      case 5:
        std::stable_sort(order.begin(), order.end(), [&](int32_t a, int32_t b) { return in_.node[2 * a].lo < in_.node[2 * b].lo; });
        break;
      default: break;
    }
    // Higher priority first, keeping the order inside each level.
    std::stable_sort(order.begin(), order.end(), [&](int32_t a, int32_t b) { return in_.weight(a) > in_.weight(b); });
    return order;
  }

  int32_t pick_sort() {
    const int32_t r = rng_.below(13);
    return r < 4 ? 0 : r < 8 ? 1 : r < 10 ? 2 : r < 11 ? 3 : 4;
  }

  void recreate(SolState& s, const RecreateLimits& lim, bool allow_regret) {
    if (allow_regret && in_.n_tasks <= 250 && rng_.unit() < 0.1) {
      recreate_regret(in_, s, 2 + rng_.below(2), lim);
      return;
    }
    recreate_greedy(in_, s, sorted_pool(s, pick_sort()), 0.01, rng_, lim);
  }

  int32_t amount() {
    const int32_t routed = in_.n_tasks;
    const int32_t hi = std::max(1, std::min(routed, 2 * par_.mean_removed));
    return 1 + rng_.below(hi);
  }

  int32_t vehicle_lower_bound() const {
    // Identical fleets with single tasks only: total load over capacity; otherwise 1.
    const auto& vs = in_.problem.vehicles;
    if (vs.empty()) return 0;
    for (const Vehicle& v : vs)
      if (!(v.capacity == vs[0].capacity)) return 1;
    int32_t lb = 1;
    for (int d = 0; d < kLoadDims; ++d) {
      int64_t sum = 0;
      for (int32_t t = 0; t < in_.n_tasks; ++t)
        if (!in_.pair(t) && !best_.fixed_out[t]) sum += in_.problem.tasks[t].pickup.load.q[d];
      if (vs[0].capacity.q[d] > 0) lb = std::max<int32_t>(lb, static_cast<int32_t>((sum + vs[0].capacity.q[d] - 1) / vs[0].capacity.q[d]));
    }
    return lb;
  }

  bool budget_left() const { return progress() < 1.0; }

  void fleet_phase() {
    const int32_t lb = vehicle_lower_bound();
    std::vector<uint64_t> absence(in_.n_tasks, 0);
    SolState cur;
    bool active = false;
    int32_t target = 0;
    // An attempt that leaves more than two tasks out and has not improved for kPatience iterations is hopeless
    // (the previous fleet size is probably minimal): the rest of the budget goes to distance.
    const uint64_t patience = par_.fleet_patience;
    size_t min_pool = 0;
    uint64_t improved_at = 0;
    while (progress() < par_.fleet_share && budget_left()) {
      if (!active) {
        if (!best_.pool.empty() || best_.used() <= lb || best_.used() <= 1) return;
        cur = best_;
        // Remove the route with the fewest tasks (ties: random).
        int32_t victim = -1;
        for (int32_t v = 0; v < static_cast<int32_t>(cur.routes.size()); ++v) {
          if (cur.routes[v].empty()) continue;
          if (victim < 0 || cur.routes[v].size() < cur.routes[victim].size() ||
              (cur.routes[v].size() == cur.routes[victim].size() && rng_.unit() < 0.5))
            victim = v;
        }
        target = cur.used() - 1;
        remove_route(in_, cur, victim);
        std::fill(absence.begin(), absence.end(), 0);
        active = true;
        min_pool = cur.pool.size();
        improved_at = fleet_iter_;
      }
      if (cur.pool.size() < min_pool) {
        min_pool = cur.pool.size();
        improved_at = fleet_iter_;
      }
      if (min_pool > 2 && fleet_iter_ - improved_at > patience) return;
      ++iter_;
      ++fleet_iter_;
      SolState cand = cur;
      ruin(in_, cand, rng_, RuinKind::kString, par_.mean_removed);
      recreate(cand, RecreateLimits{target}, false);
      uint64_t ac = 0, ak = 0;
      for (int32_t t : cand.pool) ac += absence[t];
      for (int32_t t : cur.pool) ak += absence[t];
      const bool accept = cand.pool.size() < cur.pool.size() || ac < ak ||
                          (cand.pool.size() == cur.pool.size() && ac == ak && cand.cost() < cur.cost());
      for (int32_t t : cand.pool) ++absence[t];
      if (accept) cur = std::move(cand);
      if (cur.pool.empty()) {
        best_ = std::move(cur);
        ++routes_removed_;
        active = false;
      }
    }
  }

  void distance_phase() {
    SolState cur = best_;
    const double start = std::min(progress(), 0.999);
    double arcs = 0;
    for (const RouteData& r : best_.routes) arcs += r.empty() ? 0 : r.size() + 1;
    const double avg_arc = arcs > 0 ? best_.cost() / arcs : 1.0;
    const double t0 = par_.t_start * avg_arc, tf = par_.t_end * avg_arc;
    const bool lex = in_.problem.objective.minimise_vehicles;
    uint64_t since_ls = 0;
    while (budget_left()) {
      ++iter_;
      ++since_ls;
      const double f = std::clamp((progress() - start) / (1.0 - start), 0.0, 1.0);
      const double temp = t0 * std::pow(tf / t0, f);
      SolState cand = cur;
      const double r = rng_.unit();
      const RuinKind kind = r < 0.6 ? RuinKind::kString : r < 0.8 ? RuinKind::kRelated
                            : r < 0.98 ? RuinKind::kRandom : RuinKind::kRoute;
      ruin(in_, cand, rng_, kind, amount());
      RecreateLimits lim;
      if (lex && cur.pool.empty()) lim.max_routes = cur.used();
      recreate(cand, lim, true);
      const double wc = cand.unassigned_weight(in_), wk = cur.unassigned_weight(in_);
      bool accept;
      if (wc != wk) accept = wc < wk;
      else if (lex && cand.used() != cur.used()) accept = cand.used() < cur.used();
      else accept = cand.cost() < cur.cost() - temp * std::log(std::max(rng_.unit(), 1e-300));
      if (!accept) continue;
      cur = std::move(cand);
      if (SolState::compare(in_, cur, best_) < 0) {
        if (since_ls > 50) {
          local_search(in_, cur, 20000);
          since_ls = 0;
        }
        best_ = cur;
      }
    }
  }

  const Instance& in_;
  const SearchControl& ctl_;
  const SearchParams& par_;
  Rng rng_;
  SolState best_;
  uint64_t iter_ = 0, fleet_iter_ = 0;
  int32_t routes_removed_ = 0;
};

}  // namespace

SolState search(const Instance& in, SolState s, const SearchControl& ctl, const SearchParams& par,
                SearchStats* stats) {
  return Search(in, ctl, par).run(std::move(s), stats);
}

}  // namespace dongne::dispatch::detail
