#include "dispatch/engine/realtime.h"

#include <algorithm>
#include <cmath>

#include "dispatch/engine/insertion.h"
#include "dispatch/engine/instance.h"
#include "dispatch/engine/lns.h"
#include "dispatch/engine/problem_check.h"
#include "dispatch/engine/search_state.h"

namespace dongne::dispatch {

using detail::InsertPos;
using detail::Role;

namespace {
constexpr size_t kNearestRoutes = 10;  // insertion tries the routes passing closest to the pickup first
}  // namespace

struct LivePlan::Impl {
  Problem orig;  // what callers see: tasks and vehicles as given
  Problem res;   // residual: vehicles start where their committed stops end; riders on board are single drops
  std::unique_ptr<detail::Instance> in;
  detail::SolState st;
  std::vector<std::vector<RouteStep>> history;  // committed steps per vehicle, in terms of `orig`
  std::vector<std::vector<int32_t>> break_map;  // residual break index -> original break index
  std::vector<uint8_t> disabled;
  std::vector<Time> route_begin;
  std::vector<LiveStatus> status;
  std::vector<std::string> reason;

  int32_t nv() const { return static_cast<int32_t>(orig.vehicles.size()); }

  void exclude_disabled(int32_t t) {
    for (int32_t v = 0; v < nv(); ++v)
      if (disabled[v]) in->set_incompatible(t, v);
  }
  void pin(int32_t t, int32_t v) {
    for (int32_t u = 0; u < nv(); ++u)
      if (u != v) in->set_incompatible(t, u);
  }

  // Candidate vehicles for t: with pruning, the kNearestRoutes used routes passing closest to its pickup.
  std::vector<int32_t> candidates(int32_t t, bool prune) const {
    std::vector<int32_t> vs;
    detail::candidate_vehicles(*in, st, t, {}, vs);
    if (!prune || vs.size() <= kNearestRoutes) return vs;
    const int32_t lp = in->node[2 * t].loc;
    std::vector<std::pair<double, int32_t>> used;
    std::vector<int32_t> empty;
    for (int32_t v : vs) {
      const detail::RouteData& r = st.routes[v];
      if (r.empty()) {
        empty.push_back(v);
        continue;
      }
      double d = in->veh[v].start >= 0 ? in->dist(in->veh[v].start, lp) : kInfTime;
      for (int32_t n : r.nodes) d = std::min(d, in->dist(in->node[n].loc, lp));
      used.emplace_back(d, v);
    }
    const size_t k = std::min(kNearestRoutes, used.size());
    std::partial_sort(used.begin(), used.begin() + k, used.end());
    std::vector<int32_t> out;
    for (size_t i = 0; i < k; ++i) out.push_back(used[i].second);
    out.insert(out.end(), empty.begin(), empty.end());
    return out;
  }

  InsertPos best_for(int32_t t, bool prune) const {
    InsertPos best;
    const bool lex = orig.objective.minimise_vehicles;
    bool used_found = false;
    for (int32_t v : candidates(t, prune)) {
      const bool empty = st.routes[v].empty();
      if (lex && empty && used_found) continue;
      const InsertPos p = detail::best_insertion(*in, st, v, t);
      if (p.v < 0) continue;
      if (lex && !empty && !used_found) {
        used_found = true;
        best = p;
        continue;
      }
      if (p.delta < best.delta) best = p;
    }
    return best;
  }

  bool place(int32_t t, bool thorough = true) {
    InsertPos p = best_for(t, true);
    if (p.v < 0 && thorough) p = best_for(t, false);
    if (p.v < 0 || !detail::apply_insertion(*in, st, t, p)) return false;
    status[t] = LiveStatus::kPlanned;
    return true;
  }

  void unserve(int32_t t, LiveStatus s, std::string why) {
    st.where[t] = -1;
    st.fixed_out[t] = 1;
    st.pool.erase(std::remove(st.pool.begin(), st.pool.end(), t), st.pool.end());
    status[t] = s;
    reason[t] = std::move(why);
  }

  void erase_task_nodes(int32_t v, int32_t t) {
    auto& nodes = st.routes[v].nodes;
    nodes.erase(std::remove_if(nodes.begin(), nodes.end(), [&](int32_t n) { return n / 2 == t; }), nodes.end());
    st.where[t] = -1;
  }

  // The rider of task t is on board of v since `departure`: in the residual problem a single drop carried from
  // the vehicle's current position, due by the ride limit, pinned to v.
  void make_onboard(int32_t t, int32_t v, Time departure) {
    const Task& ot = orig.tasks[t];
    Task& rt = res.tasks[t];
    const Time deadline = departure + in->ride_limit[t];
    rt = Task{};
    rt.id = ot.id;
    rt.kind = TaskKind::kSingle;
    rt.priority = ot.priority;
    rt.pickup = ot.delivery;
    rt.pickup.load = ot.pickup.load;
    rt.pickup.windows.clear();
    for (const TimeWindow& w : ot.delivery.windows)
      if (w.start <= deadline) rt.pickup.windows.push_back({w.start, std::min(w.end, deadline)});
    if (ot.delivery.windows.empty() && std::isfinite(deadline)) rt.pickup.windows.push_back({0, deadline});
    if (rt.pickup.windows.empty()) rt.pickup.windows.push_back({0, deadline});
    in->reload_task(t);
    pin(t, v);
    status[t] = LiveStatus::kOnboard;
  }

  bool refresh(int32_t v) { return detail::refresh_route(*in, v, st.routes[v]); }
};

LivePlan::LivePlan(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
LivePlan::LivePlan(LivePlan&&) noexcept = default;
LivePlan& LivePlan::operator=(LivePlan&&) noexcept = default;
LivePlan::~LivePlan() = default;

Result<LivePlan> LivePlan::create(Problem problem, const SolveOptions& initial) {
  DONGNE_TRY(check_problem(problem));
  auto m = std::make_unique<Impl>();
  m->orig = problem;
  m->res = std::move(problem);
  m->in = std::make_unique<detail::Instance>(m->res, true);
  if (!m->in->travel_sane())
    return Error::invalid("이동 거리·시간 값이 올바르지 않습니다", "the travel model returns NaN or negative values");
  const std::vector<std::string> reasons = detail::unservable_reasons(*m->in);
  const int32_t nv = m->nv();
  m->history.assign(nv, {});
  m->break_map.assign(nv, {});
  for (int32_t v = 0; v < nv; ++v)
    for (size_t b = 0; b < m->orig.vehicles[v].breaks.size(); ++b) m->break_map[v].push_back(static_cast<int32_t>(b));
  m->disabled.assign(nv, 0);
  m->route_begin.assign(nv, -kInfTime);
  m->st.init(*m->in);
  m->status.assign(m->orig.tasks.size(), LiveStatus::kPlanned);
  m->reason.assign(m->orig.tasks.size(), "");
  for (int32_t t = 0; t < m->in->n_tasks; ++t) {
    if (reasons[t].empty()) m->st.pool.push_back(t);
    else m->unserve(t, LiveStatus::kUnserved, reasons[t]);
  }
  if (!m->st.pool.empty()) {
    SystemClock sys;
    detail::SearchControl ctl;
    ctl.clock = initial.seconds > 0 ? (initial.clock ? initial.clock : &sys) : nullptr;
    ctl.seconds = initial.seconds;
    ctl.max_iterations = initial.max_iterations;
    ctl.started_ms = ctl.clock ? ctl.clock->now_ms() : 0;
    detail::SearchParams par;
    par.seed = initial.seed;
    par.fleet_share = initial.fleet_share;
    par.mean_removed = initial.mean_removed;
    par.t_start = initial.temperature_start;
    par.t_end = initial.temperature_end;
    par.fleet_patience = initial.fleet_patience;
    m->st = detail::search(*m->in, std::move(m->st), ctl, par);
    for (int32_t t : std::vector<int32_t>(m->st.pool))
      m->unserve(t, LiveStatus::kUnserved, "no feasible place in the initial plan");
  }
  return LivePlan(std::move(m));
}

const Problem& LivePlan::problem() const { return impl_->orig; }

LiveStatus LivePlan::status(TaskIndex t) const { return impl_->status.at(t); }

std::vector<TaskIndex> LivePlan::planned_stops(VehicleIndex v) const {
  std::vector<TaskIndex> out;
  for (int32_t n : impl_->st.routes.at(v).nodes) out.push_back(n / 2);
  return out;
}

Result<LiveInsertion> LivePlan::insert(Task task, VehicleIndex only, bool thorough) {
  Impl& m = *impl_;
  DONGNE_TRY(check_task(m.orig, task));
  if (only >= m.nv()) return Error::not_found();
  const int32_t t = static_cast<int32_t>(m.orig.tasks.size());
  m.orig.tasks.push_back(task);
  m.res.tasks.push_back(std::move(task));
  m.in->add_task();
  m.st.where.push_back(-1);
  m.st.fixed_out.push_back(0);
  m.status.push_back(LiveStatus::kPlanned);
  m.reason.emplace_back();
  m.exclude_disabled(t);
  if (only >= 0) m.pin(t, only);
  const Cost before = m.st.cost();
  if (!m.place(t, thorough)) {
    m.unserve(t, LiveStatus::kRejected, "no vehicle can serve the request without breaking a promise");
    return Error::conflict("요청을 배정할 수 있는 차량이 없습니다", "no vehicle can serve the request without breaking a promise",
                           "no_feasible_insertion");
  }
  LiveInsertion out;
  out.task = t;
  out.vehicle = m.st.where[t];
  out.added_cost = m.st.cost() - before;
  std::vector<RouteStep> steps;
  detail::evaluate_route(*m.in, out.vehicle, m.st.routes[out.vehicle].nodes, &steps);
  for (const RouteStep& s : steps) {
    if (s.task != t) continue;
    if (s.type == StepType::kDelivery) out.delivery_eta = s.service_start;
    else out.pickup_eta = s.service_start;
  }
  return out;
}

Status LivePlan::commit(VehicleIndex v, int32_t stops, Time departed) {
  Impl& m = *impl_;
  if (v < 0 || v >= m.nv()) return Error::not_found();
  detail::RouteData& r = m.st.routes[v];
  if (stops < 0 || stops > r.size())
    return Error::field("stops", "range", "확정할 정류장 수가 올바르지 않습니다", "more stops than the vehicle has planned");
  if (stops == 0) return ok_status();
  std::vector<RouteStep> steps;
  detail::evaluate_route(*m.in, v, r.nodes, &steps);
  int32_t taken = 0;
  size_t cut = 0;
  for (size_t i = 0; i < steps.size(); ++i)
    if (steps[i].task >= 0 && ++taken == stops) {
      cut = i + 1;
      break;
    }
  if (m.history[v].empty()) m.route_begin[v] = steps[0].type == StepType::kStart ? steps[0].departure : steps[0].arrival;
  std::vector<uint8_t> break_used(m.break_map[v].size(), 0);
  for (size_t i = 0; i < cut; ++i) {
    RouteStep s = steps[i];
    if (s.type == StepType::kStart && !m.history[v].empty()) continue;
    if (s.type == StepType::kBreak) {
      break_used[s.break_index] = 1;
      s.break_index = m.break_map[v][s.break_index];
    }
    if (s.type == StepType::kSingle && m.status[s.task] == LiveStatus::kOnboard) s.type = StepType::kDelivery;
    m.history[v].push_back(s);
  }
  const RouteStep& last = steps[cut - 1];
  // Where the vehicle stands after the last committed stop (read before riders are re-modelled).
  const Task& lt = m.orig.tasks[last.task];
  const bool at_delivery = last.type == StepType::kDelivery ||
                           (last.type == StepType::kSingle && m.status[last.task] == LiveStatus::kOnboard);
  const LocationIndex here = at_delivery ? lt.delivery.location : lt.pickup.location;
  for (int32_t k = 0; k < stops; ++k) {
    const int32_t n = r.nodes[k], t = n / 2;
    if (m.in->node[n].role == Role::kPickup) {
      Time dep = 0;
      for (size_t i = 0; i < cut; ++i)
        if (steps[i].task == t && steps[i].type == StepType::kPickup) dep = steps[i].departure;
      m.make_onboard(t, v, dep);
    } else {
      m.status[t] = LiveStatus::kDone;
      m.st.fixed_out[t] = 1;
      m.st.where[t] = -1;
    }
  }
  r.nodes.erase(r.nodes.begin(), r.nodes.begin() + stops);
  for (int32_t& n : r.nodes)  // a rider now on board keeps one stop: its drop, modelled as a single (node 2t)
    if (n % 2 == 1 && m.status[n / 2] == LiveStatus::kOnboard) n -= 1;
  Vehicle& rv = m.res.vehicles[v];
  rv.start = here;
  rv.shift.start = departed >= 0 && departed < last.departure ? departed : last.departure;
  rv.max_duration = m.orig.vehicles[v].max_duration - (last.departure - m.route_begin[v]);
  rv.fixed_cost = 0;
  std::vector<Break> keep;
  std::vector<int32_t> map;
  for (size_t b = 0; b < rv.breaks.size(); ++b)
    if (!break_used[b]) {
      keep.push_back(rv.breaks[b]);
      map.push_back(m.break_map[v][b]);
    }
  rv.breaks = std::move(keep);
  m.break_map[v] = std::move(map);
  m.in->reload_vehicle(v);
  m.refresh(v);
  return ok_status();
}

Result<std::vector<BrokenPromise>> LivePlan::available_from(VehicleIndex v, Time t) {
  if (v < 0 || v >= impl_->nv()) return Error::not_found();
  if (!std::isfinite(t)) return Error::field("t", "range", "시각이 올바르지 않습니다", "the time must be finite");
  const Time d = t - impl_->res.vehicles[v].shift.start;
  if (d <= 0) return std::vector<BrokenPromise>{};
  return delay(v, d);
}

Result<std::vector<BrokenPromise>> LivePlan::delay(VehicleIndex v, Time delay) {
  Impl& m = *impl_;
  if (v < 0 || v >= m.nv()) return Error::not_found();
  if (!std::isfinite(delay) || delay < 0)
    return Error::field("delay", "range", "지연 시간이 올바르지 않습니다", "delay must be finite and non-negative");
  std::vector<BrokenPromise> broken;
  const std::string vid = "vehicle '" + m.orig.vehicles[v].id + "'";
  m.res.vehicles[v].shift.start += delay;
  m.in->reload_vehicle(v);
  std::vector<int32_t> moved;
  auto& nodes = m.st.routes[v].nodes;
  int relaxed = 0;  // 1: shift end and duration lifted; 2: remaining breaks dropped
  while (!m.refresh(v)) {
    // The first stop whose prefix is infeasible is to blame.
    int32_t culprit = -1;
    for (size_t i = 1; i <= nodes.size() && culprit < 0; ++i)
      if (!detail::evaluate_route(*m.in, v, nodes.data(), static_cast<int32_t>(i)).ok) culprit = nodes[i - 1] / 2;
    if (culprit >= 0 && m.status[culprit] != LiveStatus::kOnboard) {
      m.erase_task_nodes(v, culprit);
      moved.push_back(culprit);
      continue;
    }
    if (culprit >= 0 && !m.res.tasks[culprit].pickup.windows.empty()) {
      m.res.tasks[culprit].pickup.windows.clear();  // broken; the rider is still dropped as soon as possible
      m.in->reload_task(culprit);
      m.pin(culprit, v);
      broken.push_back({culprit, "the rider on board of " + vid + " will arrive after the promised time"});
      continue;
    }
    Vehicle& rv = m.res.vehicles[v];
    if (relaxed == 0) {
      rv.shift.end = kInfTime;
      rv.max_duration = kInfTime;
      broken.push_back({-1, vid + " will finish after its shift ends"});
    } else if (relaxed == 1) {
      rv.breaks.clear();
      m.break_map[v].clear();
      broken.push_back({-1, "the driver of " + vid + " cannot take the planned break"});
    } else {
      break;  // cannot happen: without windows, shift end or breaks every route is feasible
    }
    ++relaxed;
    m.in->reload_vehicle(v);
  }
  for (int32_t t : moved)
    if (!m.place(t)) {
      m.unserve(t, LiveStatus::kUnserved, "no vehicle can keep the promise after a delay");
      broken.push_back({t, "after the delay of " + vid + " no vehicle can keep the promised window"});
    }
  return broken;
}

Result<std::vector<BrokenPromise>> LivePlan::breakdown(VehicleIndex v) {
  Impl& m = *impl_;
  if (v < 0 || v >= m.nv()) return Error::not_found();
  std::vector<BrokenPromise> broken;
  const std::string vid = "vehicle '" + m.orig.vehicles[v].id + "'";
  m.disabled[v] = 1;
  for (int32_t t = 0; t < m.in->n_tasks; ++t) m.in->set_incompatible(t, v);
  std::vector<int32_t> moved;
  for (int32_t n : m.st.routes[v].nodes) {
    const int32_t t = n / 2;
    if (m.in->node[n].role == Role::kDelivery) continue;
    if (m.status[t] == LiveStatus::kOnboard) {
      m.unserve(t, LiveStatus::kUnserved, "on board of a vehicle that broke down");
      broken.push_back({t, "the rider is on board of " + vid + ", which broke down: send a rescue trip"});
    } else {
      moved.push_back(t);
    }
  }
  m.st.routes[v].nodes.clear();
  m.refresh(v);
  for (int32_t t : moved) {
    m.st.where[t] = -1;
    m.in->reload_task(t);  // a pin to the broken vehicle is void: any other vehicle may take the task now
    m.exclude_disabled(t);
  }
  std::stable_sort(moved.begin(), moved.end(),
                   [&](int32_t a, int32_t b) { return m.in->node[2 * a].lo < m.in->node[2 * b].lo; });
  for (int32_t t : moved)
    if (!m.place(t)) {
      m.unserve(t, LiveStatus::kUnserved, "no other vehicle can serve it after a breakdown");
      broken.push_back({t, vid + " broke down and no other vehicle can serve the task in its window"});
    }
  return broken;
}

Status LivePlan::cancel(TaskIndex t) {
  Impl& m = *impl_;
  if (t < 0 || t >= static_cast<TaskIndex>(m.status.size())) return Error::not_found();
  if (m.status[t] == LiveStatus::kOnboard)
    return Error::conflict("이미 탑승한 요청입니다", "the task has already been picked up", "already_picked_up");
  if (m.status[t] != LiveStatus::kPlanned)
    return Error::conflict("진행 중인 요청이 아닙니다", "the task is not active", "not_active");
  const int32_t v = m.st.where[t];
  if (v >= 0) {
    m.erase_task_nodes(v, t);
    if (!m.refresh(v)) {  // cannot happen with metric travel; keep the plan valid regardless
      std::vector<int32_t> rest;
      for (int32_t n : m.st.routes[v].nodes)
        if (m.in->node[n].role != Role::kDelivery) rest.push_back(n / 2);
      m.st.routes[v].nodes.clear();
      m.refresh(v);
      for (int32_t u : rest) {
        m.st.where[u] = -1;
        if (!m.place(u)) m.unserve(u, LiveStatus::kUnserved, "lost its place after a cancellation");
      }
    }
  }
  m.unserve(t, LiveStatus::kCancelled, "cancelled");
  return ok_status();
}

SolveStats LivePlan::reoptimise(const SolveOptions& budget) {
  Impl& m = *impl_;
  SystemClock sys;
  detail::SearchControl ctl;
  ctl.clock = budget.seconds > 0 ? (budget.clock ? budget.clock : &sys) : nullptr;
  ctl.seconds = budget.seconds;
  ctl.max_iterations = budget.max_iterations;
  ctl.started_ms = ctl.clock ? ctl.clock->now_ms() : 0;
  detail::SearchParams par;
  par.seed = budget.seed;
  par.fleet_share = budget.fleet_share;
  par.mean_removed = budget.mean_removed;
  par.t_start = budget.temperature_start;
  par.t_end = budget.temperature_end;
  par.fleet_patience = budget.fleet_patience;
  par.construct = false;
  detail::SearchStats ss;
  detail::SolState best = detail::search(*m.in, m.st, ctl, par, &ss);
  if (detail::SolState::compare(*m.in, best, m.st) <= 0) m.st = std::move(best);
  SolveStats out;
  out.iterations = ss.iterations;
  out.fleet_iterations = ss.fleet_iterations;
  out.routes_removed = ss.routes_removed;
  out.seconds = ctl.clock ? static_cast<double>(ctl.clock->now_ms() - ctl.started_ms) / 1000.0 : 0.0;
  return out;
}

Solution LivePlan::solution() const {
  const Impl& m = *impl_;
  Solution sol;
  for (int32_t v = 0; v < m.nv(); ++v) {
    const auto& hist = m.history[v];
    const auto& nodes = m.st.routes[v].nodes;
    if (hist.empty() && nodes.empty()) continue;
    Route route;
    route.vehicle = v;
    route.steps = hist;
    route.broken_down = m.disabled[v] != 0;
    if (!m.disabled[v]) {
      std::vector<RouteStep> rest;
      detail::evaluate_route(*m.in, v, nodes, &rest);
      for (RouteStep s : rest) {
        if (s.type == StepType::kStart && !hist.empty()) continue;
        if (s.type == StepType::kBreak) s.break_index = m.break_map[v][s.break_index];
        if (s.type == StepType::kSingle && m.status[s.task] == LiveStatus::kOnboard) s.type = StepType::kDelivery;
        route.steps.push_back(s);
      }
    }
    sol.routes.push_back(std::move(route));
  }
  for (size_t t = 0; t < m.status.size(); ++t)
    if (m.status[t] != LiveStatus::kPlanned && m.status[t] != LiveStatus::kOnboard &&
        m.status[t] != LiveStatus::kDone)
      sol.unassigned.push_back({static_cast<TaskIndex>(t), m.reason[t]});
  return sol;
}

}  // namespace dongne::dispatch
