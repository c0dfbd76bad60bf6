// Solution checker. Conventions checked here (also documented in model.h / validator.h):
// - A route begins at its kStart step's departure (or, without one, at its first step's arrival) and ends at
// its
//   kEnd step's arrival (or, without one, at its last step's departure). Both must lie in the vehicle's
//   shift, and end - begin <= max_duration (Cordeau: the departure from the depot may be delayed).
// - A break has no location. Between two located steps A and B with breaks in between, the travel A->B may
// happen
//   before, between or after the breaks: accepted if for some split point the arrival after the split is at
//   least the departure before it plus travel(A, B, that departure), and every other step arrives after the
//   previous one departs.
// - Service must START inside one of the stop's windows; departure = service start + service.
// - Ride time = delivery service start - (pickup service start + pickup service).
#include "dispatch/engine/validator.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

namespace dongne::dispatch {
namespace {

bool le(double a, double b) { return a <= b + kValidationEpsilon + 1e-9 * std::fabs(b); }
bool near(double a, double b) { return le(a, b) && le(b, a); }

std::string num(double x) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.6g", x);
  return buf;
}

std::string load_str(const Load& l) {
  std::string s = "[";
  for (int i = 0; i < kLoadDims; ++i) {
    if (i) s += ',';
    s += std::to_string(l.q[i]);
  }
  return s + "]";
}


struct TaskSeen {
  int pickups = 0;  // kSingle steps count here too
  int deliveries = 0;
  int pickup_route = -1, pickup_pos = -1, delivery_route = -1, delivery_pos = -1;
  Time pickup_start = 0, pickup_departure = 0, delivery_start = 0;
};

class Checker {
 public:
  Checker(const Problem& p, const Solution& s, Validation& v) : p_(p), s_(s), v_(v), seen_(p.tasks.size()) {}

  void run() {
    if (!p_.travel) {
      fail("problem has no travel model");
      return;
    }
    std::vector<char> vehicle_used(p_.vehicles.size(), 0);
    for (size_t r = 0; r < s_.routes.size(); ++r) {
      const Route& route = s_.routes[r];
      RouteFigures fig;
      if (route.vehicle < 0 || static_cast<size_t>(route.vehicle) >= p_.vehicles.size()) {
        fail(route_tag(r) + ": vehicle index " + std::to_string(route.vehicle) + " out of range");
      } else if (vehicle_used[route.vehicle]) {
        fail(route_tag(r) + ": vehicle '" + p_.vehicles[route.vehicle].id + "' has more than one route");
      } else {
        vehicle_used[route.vehicle] = 1;
        check_route(static_cast<int>(r), route, fig);
      }
      v_.routes.push_back(std::move(fig));
    }
    check_tasks();
    for (const RouteFigures& f : v_.routes) {
      v_.distance += f.distance;
      v_.duration += f.travel_time;
      v_.cost += f.cost;
      v_.service += f.service;
      v_.waiting += f.waiting;
    }
    v_.unassigned = static_cast<int>(s_.unassigned.size());
  }

 private:
  void fail(std::string msg) {
    v_.feasible = false;
    v_.violations.push_back(std::move(msg));
  }

  std::string route_tag(size_t r) const {
    const Route& route = s_.routes[r];
    std::string tag = "route " + std::to_string(r);
    if (route.vehicle >= 0 && static_cast<size_t>(route.vehicle) < p_.vehicles.size())
      tag += " (vehicle '" + p_.vehicles[route.vehicle].id + "')";
    return tag;
  }

  std::string task_tag(TaskIndex t) const {
    const Task& task = p_.tasks[t];
    std::string tag = "task '";
    if (task.id.empty()) {
      tag += '#';
      tag += std::to_string(t);
    } else {
      tag += task.id;
    }
    return tag + "'";
  }

  bool valid_location(LocationIndex l) const { return l >= 0 && l < p_.travel->size(); }
  Distance dist(LocationIndex a, LocationIndex b) const {
    return a < 0 || b < 0 ? 0.0 : p_.travel->distance(a, b);
  }
  Time travel(LocationIndex a, LocationIndex b, Time depart) const {
    return a < 0 || b < 0 ? 0.0 : p_.travel->travel_time(a, b, depart);
  }

  // The stop a task step visits, or nullptr (with a violation) when the step does not match the task.
  const Stop* task_stop(const std::string& where, const RouteStep& step) {
    if (step.task < 0 || static_cast<size_t>(step.task) >= p_.tasks.size()) {
      fail(where + ": task index " + std::to_string(step.task) + " out of range");
      return nullptr;
    }
    const Task& task = p_.tasks[step.task];
    const bool single = task.kind == TaskKind::kSingle;
    if ((step.type == StepType::kSingle) != single) {
      fail(where + ": " + step_type_name(step.type) + " step for " + task_tag(step.task) + " of the wrong kind");
      return nullptr;
    }
    const Stop& stop = step.type == StepType::kDelivery ? task.delivery : task.pickup;
    if (!valid_location(stop.location)) {
      fail(where + ": " + task_tag(step.task) + " has location " + std::to_string(stop.location) +
           " outside the travel model");
      return nullptr;
    }
    return &stop;
  }

  void check_route(int r, const Route& route, RouteFigures& fig) {
    const Vehicle& veh = p_.vehicles[route.vehicle];
    const auto& steps = route.steps;
    const std::string rt = route_tag(r);
    if (steps.empty()) {
      fail(rt + ": no steps");
      return;
    }
    if (veh.start >= 0 && steps.front().type != StepType::kStart)
      fail(rt + ": first step is not the start depot");
    if (veh.end >= 0 && !route.broken_down && steps.back().type != StepType::kEnd)
      fail(rt + ": last step is not the end depot");
    if ((veh.start >= 0 && !valid_location(veh.start)) || (veh.end >= 0 && !valid_location(veh.end))) {
      fail(rt + ": depot location outside the travel model");
      return;
    }

    // Load on board when leaving the start: every single task's delivery on this route.
    Load load;
    for (const RouteStep& st : steps)
      if (st.type == StepType::kSingle && st.task >= 0 && static_cast<size_t>(st.task) < p_.tasks.size() &&
          p_.tasks[st.task].kind == TaskKind::kSingle)
        load += p_.tasks[st.task].pickup.load;

    std::vector<LocationIndex> loc(steps.size(), -1);
    std::vector<char> located(steps.size(), 0);
    std::vector<char> break_taken(veh.breaks.size(), 0);
    bool serves_task = false;
    int prev_located = -1;
    Distance cumulative = 0;
    fig.loads.resize(steps.size());
    fig.distances.resize(steps.size());
    fig.travel_times.resize(steps.size());

    for (size_t i = 0; i < steps.size(); ++i) {
      const RouteStep& st = steps[i];
      const std::string where = rt + " step " + std::to_string(i) + " (" + step_type_name(st.type) + ")";
      if (!std::isfinite(st.arrival) || !std::isfinite(st.service_start) || !std::isfinite(st.departure)) {
        fail(where + ": non-finite time");
        return;
      }
      Time service = 0;
      bool good = true;
      switch (st.type) {
        case StepType::kStart:
          if (i != 0) fail(where + ": start step not first");
          loc[i] = veh.start;
          located[i] = 1;
          if (!le(veh.shift.start, st.departure))
            fail(where + ": leaves at " + num(st.departure) + " before the shift starts at " +
                 num(veh.shift.start));
          break;
        case StepType::kEnd:
          if (i + 1 != steps.size()) fail(where + ": end step not last");
          loc[i] = veh.end;
          located[i] = 1;
          break;
        case StepType::kBreak: {
          if (st.break_index < 0 || static_cast<size_t>(st.break_index) >= veh.breaks.size()) {
            fail(where + ": break index " + std::to_string(st.break_index) + " out of range");
            good = false;
            break;
          }
          if (break_taken[st.break_index])
            fail(where + ": break " + std::to_string(st.break_index) + " taken twice");
          break_taken[st.break_index] = 1;
          const Break& br = veh.breaks[st.break_index];
          service = br.duration;
          if (!le(br.window.start, st.service_start) || !le(st.service_start, br.window.end))
            fail(where + ": break starts at " + num(st.service_start) + " outside [" + num(br.window.start) +
                 ", " + num(br.window.end) + "]");
          break;
        }
        case StepType::kSingle:
        case StepType::kPickup:
        case StepType::kDelivery: {
          const Stop* stop = task_stop(where, st);
          if (!stop) {
            good = false;
            break;
          }
          serves_task = true;
          located[i] = 1;
          loc[i] = stop->location;
          service = stop->service;
          check_task_step(where, r, static_cast<int>(i), st, *stop, veh, load);
          fig.service += service;
          fig.waiting += std::max(0.0, st.service_start - st.arrival);
          break;
        }
      }
      if (st.type != StepType::kStart && st.type != StepType::kEnd && good) {
        if (!le(st.arrival, st.service_start))
          fail(where + ": service starts at " + num(st.service_start) + " before arrival at " +
               num(st.arrival));
        if (!near(st.departure, st.service_start + service))
          fail(where + ": departs at " + num(st.departure) + " but service ends at " +
               num(st.service_start + service));
      }
      fig.loads[i] = load;
      if (st.load_after != load)
        fail(where + ": load_after " + load_str(st.load_after) + " but recomputed load is " + load_str(load));
      if (!load.fits(veh.capacity) || !load.non_negative())
        fail(where + ": load " + load_str(load) + " outside capacity " + load_str(veh.capacity));

      if (located[i]) {
        if (prev_located >= 0) {
          const Distance d = dist(loc[prev_located], loc[i]);
          cumulative += d;
          fig.distance += d;
          fig.travel_time +=
              check_leg(where, steps, prev_located, static_cast<int>(i), loc[prev_located], loc[i]);
        } else {
          check_chain(where, steps, 0, static_cast<int>(i));
        }
        prev_located = static_cast<int>(i);
      }
      fig.distances[i] = cumulative;
      fig.travel_times[i] = fig.travel_time;
    }
    if (prev_located >= 0 && prev_located + 1 < static_cast<int>(steps.size()))
      check_chain(rt + " trailing breaks", steps, prev_located, static_cast<int>(steps.size()) - 1);
    if (prev_located < 0) check_chain(rt, steps, 0, static_cast<int>(steps.size()) - 1);

    const Time begin =
        steps.front().type == StepType::kStart ? steps.front().departure : steps.front().arrival;
    const Time end = steps.back().type == StepType::kEnd ? steps.back().arrival : steps.back().departure;
    fig.span = end - begin;
    if (!le(veh.shift.start, begin))
      fail(rt + ": begins at " + num(begin) + " before the shift starts at " + num(veh.shift.start));
    if (!le(end, veh.shift.end))
      fail(rt + ": ends at " + num(end) + " after the shift ends at " + num(veh.shift.end));
    if (!le(end - begin, veh.max_duration))
      fail(rt + ": duration " + num(end - begin) + " exceeds the maximum " + num(veh.max_duration));
    if (serves_task) {
      ++v_.vehicles_used;
      for (size_t b = 0; b < veh.breaks.size(); ++b)
        if (!break_taken[b]) fail(rt + ": break " + std::to_string(b) + " not taken");
    }
    fig.cost = (serves_task ? veh.fixed_cost : 0.0) + veh.cost_per_distance * fig.distance +
               veh.cost_per_time * fig.travel_time;
  }

  // Per-stop checks of a task step; updates `load` to the load on board when leaving.
  void check_task_step(const std::string& where, int r, int i, const RouteStep& st, const Stop& stop,
                       const Vehicle& veh, Load& load) {
    const Task& task = p_.tasks[st.task];
    TaskSeen& seen = seen_[st.task];
    if ((veh.skills & task.required_skills) != task.required_skills)
      fail(where + ": vehicle '" + veh.id + "' lacks a skill " + task_tag(st.task) + " requires");
    bool in_window = stop.windows.empty();
    for (const TimeWindow& w : stop.windows)
      if (le(w.start, st.service_start) && le(st.service_start, w.end)) in_window = true;
    if (!in_window)
      fail(where + ": " + task_tag(st.task) + " starts service at " + num(st.service_start) +
           " outside its time windows");
    if (st.type != StepType::kDelivery && !le(st.service_start - st.arrival, task.max_wait))
      fail(where + ": " + task_tag(st.task) + " waits " + num(st.service_start - st.arrival) +
           " > max wait " + num(task.max_wait));
    switch (st.type) {
      case StepType::kSingle:
        load -= task.pickup.load;
        [[fallthrough]];
      case StepType::kPickup:
        if (st.type == StepType::kPickup) load += task.pickup.load;
        if (++seen.pickups > 1) fail(where + ": " + task_tag(st.task) + " visited more than once");
        seen.pickup_route = r;
        seen.pickup_pos = i;
        seen.pickup_start = st.service_start;
        seen.pickup_departure = st.service_start + task.pickup.service;
        break;
      case StepType::kDelivery:
        load -= task.pickup.load;
        if (++seen.deliveries > 1) fail(where + ": " + task_tag(st.task) + " delivered more than once");
        seen.delivery_route = r;
        seen.delivery_pos = i;
        seen.delivery_start = st.service_start;
        break;
      default:
        break;
    }
  }

  // Steps first..last (first, last located; breaks between) with one travel leg loc_a -> loc_b somewhere in
  // the chain. Returns the travel time used.
  Time check_leg(const std::string& where, const std::vector<RouteStep>& steps, int first, int last,
                 LocationIndex loc_a, LocationIndex loc_b) {
    for (int k = first; k < last; ++k) {  // travel departs after step k
      bool ok = true;
      Time used = 0;
      for (int j = first; j < last && ok; ++j) {
        const Time dep = steps[j].departure;
        const Time need = j == k ? dep + (used = travel(loc_a, loc_b, dep)) : dep;
        ok = le(need, steps[j + 1].arrival);
      }
      if (ok) return used;
    }
    const Time dep = steps[first].departure;
    const Time tt = travel(loc_a, loc_b, dep);
    fail(where + ": arrives at " + num(steps[last].arrival) + " but the earliest possible arrival is " +
         num(dep + tt) + " (departure " + num(dep) + " + travel " + num(tt) +
         (last - first > 1 ? " + breaks)" : ")"));
    return tt;
  }

  // Steps first..last without travel: each arrives no earlier than the previous departs.
  void check_chain(const std::string& where, const std::vector<RouteStep>& steps, int first, int last) {
    for (int j = first; j < last; ++j)
      if (!le(steps[j].departure, steps[j + 1].arrival))
        fail(where + ": step " + std::to_string(j + 1) + " arrives at " + num(steps[j + 1].arrival) +
             " before step " + std::to_string(j) + " departs at " + num(steps[j].departure));
  }

  void check_tasks() {
    std::vector<char> listed(p_.tasks.size(), 0);
    for (const Unassigned& u : s_.unassigned) {
      if (u.task < 0 || static_cast<size_t>(u.task) >= p_.tasks.size()) {
        fail("unassigned task index " + std::to_string(u.task) + " out of range");
        continue;
      }
      if (listed[u.task]) fail(task_tag(u.task) + " listed as unassigned more than once");
      listed[u.task] = 1;
    }
    for (size_t t = 0; t < p_.tasks.size(); ++t) {
      const Task& task = p_.tasks[t];
      const TaskSeen& s = seen_[t];
      const std::string tag = task_tag(static_cast<TaskIndex>(t));
      const bool single = task.kind == TaskKind::kSingle;
      const bool any = s.pickups > 0 || s.deliveries > 0;
      const bool complete = single ? s.pickups == 1 : (s.pickups == 1 && s.deliveries == 1);
      if (listed[t]) {
        // A rider picked up by a vehicle that then broke down is stranded: unassigned (to be rescued), although
        // the pickup stays in that vehicle's route.
        const bool stranded = !single && s.pickups == 1 && s.deliveries == 0 && s.pickup_route >= 0 &&
                              s_.routes[static_cast<size_t>(s.pickup_route)].broken_down;
        if (any && !stranded) fail(tag + " is both served and listed as unassigned");
        continue;
      }
      if (!any) {
        fail(tag + " is neither served nor listed as unassigned");
        continue;
      }
      if (!complete) {
        if (!single && (s.pickups == 0 || s.deliveries == 0))
          fail(tag +
               (s.pickups == 0 ? " is delivered but never picked up" : " is picked up but never delivered"));
        continue;  // duplicates were reported where they happened
      }
      if (single) {
        ++v_.tasks_served;
        continue;
      }
      if (s.pickup_route != s.delivery_route) {
        fail(tag + ": pickup and delivery on different routes (" + std::to_string(s.pickup_route) + " and " +
             std::to_string(s.delivery_route) + ")");
        continue;
      }
      if (s.delivery_pos < s.pickup_pos) {
        fail(tag + ": delivered before it is picked up (route " + std::to_string(s.pickup_route) + ")");
        continue;
      }
      check_ride(static_cast<TaskIndex>(t), s);
      ++v_.tasks_served;
    }
  }

  void check_ride(TaskIndex t, const TaskSeen& s) {
    const Task& task = p_.tasks[t];
    const bool limited =
        task.kind == TaskKind::kRide || std::isfinite(task.max_ride_time) || task.ride_alpha > 0;
    if (!limited) return;
    const Time ride = s.delivery_start - s.pickup_departure;
    if (!le(ride, task.max_ride_time))
      fail(task_tag(t) + ": ride time " + num(ride) + " exceeds the maximum " + num(task.max_ride_time));
    if (task.ride_alpha > 0 && valid_location(task.pickup.location) &&
        valid_location(task.delivery.location)) {
      const Time direct =
          p_.travel->travel_time(task.pickup.location, task.delivery.location, s.pickup_departure);
      const Time limit = task.ride_alpha * direct + task.ride_beta;
      if (!le(ride, limit))
        fail(task_tag(t) + ": ride time " + num(ride) + " exceeds alpha*direct+beta = " + num(limit));
    }
  }

  const Problem& p_;
  const Solution& s_;
  Validation& v_;
  std::vector<TaskSeen> seen_;
};

}  // namespace

Validation validate(const Problem& problem, const Solution& solution) {
  Validation v;
  Checker(problem, solution, v).run();
  return v;
}

}  // namespace dongne::dispatch
