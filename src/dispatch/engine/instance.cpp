#include "dispatch/engine/instance.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "dispatch/engine/travel.h"

namespace dongne::dispatch::detail {
namespace {

constexpr size_t kNearCap = 64;

bool same_vehicle_class(const Vehicle& a, const Vehicle& b) {
  if (a.start != b.start || a.end != b.end || !(a.capacity == b.capacity) || a.shift.start != b.shift.start ||
      a.shift.end != b.shift.end || a.max_duration != b.max_duration || a.skills != b.skills ||
      a.fixed_cost != b.fixed_cost || a.cost_per_distance != b.cost_per_distance ||
      a.cost_per_time != b.cost_per_time || a.breaks.size() != b.breaks.size())
    return false;
  for (size_t i = 0; i < a.breaks.size(); ++i)
    if (a.breaks[i].duration != b.breaks[i].duration || a.breaks[i].window.start != b.breaks[i].window.start ||
        a.breaks[i].window.end != b.breaks[i].window.end)
      return false;
  return true;
}

}  // namespace

int32_t Instance::use(LocationIndex l) {
  if (l < 0) return -1;
  if (all_locations_) return l;
  if (static_cast<size_t>(l) >= compact_.size()) compact_.resize(l + 1, -1);
  if (compact_[l] < 0) {
    compact_[l] = static_cast<int32_t>(orig_.size());
    orig_.push_back(l);
  }
  return compact_[l];
}

Instance::Instance(const Problem& p, bool all_locations) : problem(p), all_locations_(all_locations) {
  n_tasks = static_cast<int32_t>(p.tasks.size());
  const auto* bounded = dynamic_cast<const BoundedTravel*>(p.travel.get());
  time_dependent = bounded ? bounded->time_dependent() : true;
  if (all_locations_) {
    orig_.resize(p.travel->size());
    std::iota(orig_.begin(), orig_.end(), 0);
  }
  veh.resize(p.vehicles.size());
  for (size_t v = 0; v < p.vehicles.size(); ++v) {
    veh[v].start = use(p.vehicles[v].start);
    veh[v].end = use(p.vehicles[v].end);
  }
  node.resize(2 * static_cast<size_t>(n_tasks));
  ride_limit.assign(n_tasks, kInfTime);
  for (int32_t t = 0; t < n_tasks; ++t) {
    for (const Stop* s : {&p.tasks[t].pickup, &p.tasks[t].delivery})
      if (p.tasks[t].kind != TaskKind::kSingle || s == &p.tasks[t].pickup) use(s->location);
  }
  nloc_ = static_cast<int32_t>(orig_.size());
  const size_t nn = static_cast<size_t>(nloc_) * nloc_;
  d_.resize(nn);
  t_.resize(nn);
  for (int32_t a = 0; a < nloc_; ++a)
    for (int32_t b = 0; b < nloc_; ++b) {
      d_[idx(a, b)] = p.travel->distance(orig_[a], orig_[b]);
      if (!time_dependent) t_[idx(a, b)] = p.travel->travel_time(orig_[a], orig_[b], 0);
      else t_[idx(a, b)] = bounded ? bounded->min_travel_time(orig_[a], orig_[b]) : 0.0;
    }
  for (int32_t t = 0; t < n_tasks; ++t) load_task(t);
  load_vehicle_flags();
  compat_.assign(static_cast<size_t>(n_tasks) * veh.size(), 0);
  for (int32_t t = 0; t < n_tasks; ++t) load_compat(t);
  near.assign(n_tasks, {});
  for (int32_t t = 0; t < n_tasks; ++t) load_near(t);
}

void Instance::load_task(int32_t t) {
  const Task& task = problem.tasks[t];
  const Load q = task.pickup.load;
  auto fill = [&](NodeData& n, const Stop& s, Role r, const Load& delta) {
    n = NodeData{};
    n.loc = use(s.location);
    n.service = s.service;
    n.task = t;
    n.role = r;
    n.w_begin = static_cast<int32_t>(windows.size());
    for (const TimeWindow& w : s.windows) windows.push_back(w);
    n.w_end = static_cast<int32_t>(windows.size());
    std::sort(windows.begin() + n.w_begin, windows.end(),
              [](const TimeWindow& a, const TimeWindow& b) { return a.start < b.start; });
    if (n.w_end > n.w_begin) {
      n.lo = windows[n.w_begin].start;
      n.hi = 0;
      for (int32_t i = n.w_begin; i < n.w_end; ++i) n.hi = std::max(n.hi, windows[i].end);
    }
    if (n.w_end - n.w_begin > 1) multi_windows_ = true;
    n.delta = delta;
  };
  if (task.kind == TaskKind::kSingle) {
    fill(node[2 * t], task.pickup, Role::kSingle, Load{} - q);
    node[2 * t + 1] = NodeData{};
    node[2 * t + 1].task = t;
  } else {
    fill(node[2 * t], task.pickup, Role::kPickup, q);
    fill(node[2 * t + 1], task.delivery, Role::kDelivery, Load{} - q);
  }
  ride_limit[t] = kInfTime;
  if (task.kind == TaskKind::kSingle) return;
  Time lim = task.max_ride_time;
  if (task.ride_alpha > 0) {
    const Time direct = time_dependent
                            ? problem.travel->travel_time(task.pickup.location, task.delivery.location, 0)
                            : tt_lb(node[2 * t].loc, node[2 * t + 1].loc);
    lim = std::min(lim, task.ride_alpha * direct + task.ride_beta);
  }
  ride_limit[t] = lim;
  if (std::isfinite(lim)) any_ride = true;
}

void Instance::load_vehicle_flags() {
  std::vector<int32_t> reps;
  for (size_t v = 0; v < problem.vehicles.size(); ++v) {
    const Vehicle& vv = problem.vehicles[v];
    VehicleData& vd = veh[v];
    vd.start = use(vv.start);
    vd.end = use(vv.end);
    vd.cpd = vv.cost_per_distance;
    vd.cpt = vv.cost_per_time;
    if (problem.objective.metric == Metric::kDuration && vd.cpd == 1.0 && vd.cpt == 0.0) {
      vd.cpd = 0.0;  // a duration objective with default unit costs prices travel time instead of distance
      vd.cpt = 1.0;
    }
    vd.needs_delay = std::isfinite(vv.max_duration) || any_ride;
    vd.fast = !time_dependent && !multi_windows_ && vv.breaks.empty() && !vd.needs_delay;
    vd.cls = static_cast<int32_t>(v);
    for (int32_t r : reps)
      if (same_vehicle_class(problem.vehicles[r], vv)) {
        vd.cls = r;
        break;
      }
    if (vd.cls == static_cast<int32_t>(v)) reps.push_back(static_cast<int32_t>(v));
  }
}

void Instance::load_compat(int32_t t) {
  const Task& task = problem.tasks[t];
  for (size_t v = 0; v < problem.vehicles.size(); ++v) {
    const Vehicle& vv = problem.vehicles[v];
    compat_[static_cast<size_t>(t) * veh.size() + v] =
        (vv.skills & task.required_skills) == task.required_skills && task.pickup.load.fits(vv.capacity);
  }
}

// Neighbours of t: other tasks by the smallest distance between any of their stops.
void Instance::load_near(int32_t t) {
  near[t].clear();
  if (n_tasks < 2) return;
  std::vector<std::pair<double, int32_t>> cand;
  cand.reserve(n_tasks);
  for (int32_t u = 0; u < n_tasks; ++u) {
    if (u == t) continue;
    double d = dist(node[2 * t].loc, node[2 * u].loc);
    if (pair(t)) d = std::min(d, dist(node[2 * t + 1].loc, node[2 * u].loc));
    if (pair(u)) d = std::min(d, dist(node[2 * t].loc, node[2 * u + 1].loc));
    if (pair(t) && pair(u)) d = std::min(d, dist(node[2 * t + 1].loc, node[2 * u + 1].loc));
    cand.emplace_back(d, u);
  }
  const size_t k = std::min(kNearCap, cand.size());
  std::partial_sort(cand.begin(), cand.begin() + k, cand.end());
  near[t].reserve(k);
  for (size_t i = 0; i < k; ++i) near[t].push_back(cand[i].second);
}

bool Instance::travel_sane() const {
  for (size_t i = 0; i < d_.size(); ++i)
    if (!(d_[i] >= 0) || !(t_[i] >= 0)) return false;
  return true;
}

void Instance::add_task() {
  const int32_t t = n_tasks++;
  node.resize(2 * static_cast<size_t>(n_tasks));
  ride_limit.push_back(kInfTime);
  compat_.resize(static_cast<size_t>(n_tasks) * veh.size(), 0);
  near.emplace_back();
  const bool had_ride = any_ride, had_multi = multi_windows_;
  load_task(t);
  load_compat(t);
  load_near(t);
  if (any_ride != had_ride || multi_windows_ != had_multi) load_vehicle_flags();
}

void Instance::reload_task(int32_t t) {
  const bool had_ride = any_ride, had_multi = multi_windows_;
  load_task(t);
  load_compat(t);
  if (any_ride != had_ride || multi_windows_ != had_multi) load_vehicle_flags();
}

void Instance::reload_vehicle(int32_t) { load_vehicle_flags(); }

}  // namespace dongne::dispatch::detail
