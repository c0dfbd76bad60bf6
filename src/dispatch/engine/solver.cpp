#include "dispatch/engine/solver.h"

#include "dispatch/engine/instance.h"
#include "dispatch/engine/lns.h"
#include "dispatch/engine/problem_check.h"
#include "dispatch/engine/solution_build.h"

namespace dongne::dispatch {

Result<Solution> try_solve(const Problem& problem, const SolveOptions& options, SolveStats* stats) {
  DONGNE_TRY(check_problem(problem));
  SystemClock system_clock;
  const Clock* clock = options.clock ? options.clock : &system_clock;
  const EpochMs t0 = options.seconds > 0 ? clock->now_ms() : 0;

  detail::Instance in(problem);
  if (!in.travel_sane())
    return Error::invalid("이동 거리·시간 값이 올바르지 않습니다", "the travel model returns NaN or negative values");
  const std::vector<std::string> reasons = detail::unservable_reasons(in);
  detail::SolState s;
  s.init(in);
  for (int32_t t = 0; t < in.n_tasks; ++t) {
    if (reasons[t].empty()) s.pool.push_back(t);
    else s.fixed_out[t] = 1;
  }
  detail::SearchControl ctl;
  ctl.clock = options.seconds > 0 ? clock : nullptr;
  ctl.seconds = options.seconds;
  ctl.max_iterations = options.max_iterations;
  ctl.started_ms = t0;
  detail::SearchParams par;
  par.seed = options.seed;
  par.fleet_share = options.fleet_share;
  par.mean_removed = options.mean_removed;
  par.t_start = options.temperature_start;
  par.t_end = options.temperature_end;
  par.fleet_patience = options.fleet_patience;
  detail::SearchStats st;
  const detail::SolState best = detail::search(in, std::move(s), ctl, par, &st);
  if (stats) {
    stats->iterations = st.iterations;
    stats->fleet_iterations = st.fleet_iterations;
    stats->routes_removed = st.routes_removed;
    stats->seconds = options.seconds > 0 ? static_cast<double>(clock->now_ms() - t0) / 1000.0 : 0.0;
  }
  return detail::build_solution(in, best, reasons);
}

Solution solve(const Problem& problem, const SolveOptions& options) {
  Result<Solution> r = try_solve(problem, options);
  if (r.ok()) return std::move(r).value();
  Solution sol;
  std::string why = "invalid problem: " + r.error().message_en;
  for (const FieldError& f : r.error().fields) why += "; " + f.field + ": " + f.message_en;
  for (size_t t = 0; t < problem.tasks.size(); ++t) sol.unassigned.push_back({static_cast<TaskIndex>(t), why});
  return sol;
}

}  // namespace dongne::dispatch
