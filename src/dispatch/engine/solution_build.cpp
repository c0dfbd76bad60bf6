#include "dispatch/engine/solution_build.h"

#include <algorithm>

namespace dongne::dispatch::detail {

Solution build_solution(const Instance& in, const SolState& s, const std::vector<std::string>& reasons) {
  Solution sol;
  for (int32_t v = 0; v < static_cast<int32_t>(s.routes.size()); ++v) {
    const RouteData& r = s.routes[v];
    if (r.empty()) continue;
    Route route;
    route.vehicle = v;
    evaluate_route(in, v, r.nodes, &route.steps);
    sol.routes.push_back(std::move(route));
  }
  std::vector<uint8_t> listed(in.n_tasks, 0);
  for (int32_t t = 0; t < in.n_tasks; ++t) {
    if (s.where[t] >= 0) continue;
    std::string why = t < static_cast<int32_t>(reasons.size()) ? reasons[t] : std::string();
    if (why.empty()) why = "no feasible insertion found (capacity, windows or fleet exhausted)";
    sol.unassigned.push_back({t, std::move(why)});
  }
  return sol;
}

}  // namespace dongne::dispatch::detail
