// Working solution of the search: one RouteData per vehicle (nodes, exact evaluation, slack caches for O(1)
// insertion checks), task placement and the unassigned pool, plus a small deterministic RNG. Internal.
// Thread-safety: plain values, one thread at a time. Errors: none (infeasible routes are never stored).
#pragma once

#include <cstdint>
#include <vector>

#include "dispatch/engine/instance.h"
#include "dispatch/engine/schedule.h"

namespace dongne::dispatch::detail {

// xoshiro256** seeded by splitmix64: identical sequences on every platform.
class Rng {
 public:
  explicit Rng(uint64_t seed);
  uint64_t next();
  int32_t below(int32_t n) { return n <= 1 ? 0 : static_cast<int32_t>(next() % static_cast<uint64_t>(n)); }
  double unit() { return static_cast<double>(next() >> 11) * (1.0 / 9007199254740992.0); }

 private:
  uint64_t s_[4];
};

struct RouteData {
  std::vector<int32_t> nodes;
  Eval eval;                // exact; eval.ok is true for every stored route
  // Positions 0 (start) .. m+1 (end). For fast vehicles these are exact; otherwise relaxations used as a filter.
  std::vector<Time> dep;    // earliest departure
  std::vector<Time> late;   // latest service start (end: latest arrival)
  std::vector<Load> load;   // load when leaving position 0..m
  std::vector<Load> pmax;   // max of load[0..k]
  // Ride filter (static travel with ride limits): ride_slack[k] = least (limit - ride without any waiting) over
  // riders on board along the arc from position k to k+1; a detour longer than that breaks a ride limit.
  std::vector<Time> ride_slack;
  int32_t size() const { return static_cast<int32_t>(nodes.size()); }
  bool empty() const { return nodes.empty(); }
};

// Recomputes eval and caches of route `r` (vehicle index r). Returns eval.ok.
bool refresh_route(const Instance& in, int32_t v, RouteData& r);

struct SolState {
  std::vector<RouteData> routes;   // index = vehicle
  std::vector<int32_t> where;      // task -> vehicle, or -1
  std::vector<int32_t> pool;       // tasks waiting for insertion (removed or never placed)
  std::vector<uint8_t> fixed_out;  // tasks excluded from the search (unservable)

  void init(const Instance& in);
  int32_t used() const;
  Cost cost() const;
  double unassigned_weight(const Instance& in) const;
  // Lexicographic objective: (unassigned weight, vehicles if counted, cost). Negative when a is better.
  static int compare(const Instance& in, const SolState& a, const SolState& b, double cost_tol = 1e-9);
  void remove_task(const Instance& in, int32_t t);  // from its route into the pool; refreshes the route
  // Batch removal: detach_task edits nodes only; flush() refreshes every touched route once.
  void detach_task(const Instance& in, int32_t t);
  void flush(const Instance& in);
  std::vector<int32_t> dirty;      // routes detached from but not yet refreshed
};

}  // namespace dongne::dispatch::detail
