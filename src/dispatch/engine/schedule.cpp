#include "dispatch/engine/schedule.h"

#include <algorithm>
#include <cmath>

namespace dongne::dispatch::detail {
namespace {

constexpr double kEps = 1e-9;

struct BreakPlace {
  int32_t before = 0;  // gap before position `before` (1..m+1)
  int32_t index = 0;   // break index in the vehicle
  Time arrival = 0, start = 0;
};

struct Scratch {
  std::vector<Time> A, B, D, hold, hi;  // per position 0..m+1
  std::vector<BreakPlace> breaks;
  std::vector<int32_t> break_order;
  std::vector<int32_t> pos_of_pickup;  // per position: for a delivery, its pickup position (or -1)
};

thread_local Scratch tls;

// Earliest start of service at node n when ready at `t` (and not before hold); -inf when no window fits.
inline Time start_at(const Instance& in, const NodeData& n, Time t, Time* hi) {
  if (n.w_end == n.w_begin) {
    *hi = kInfTime;
    return t;
  }
  for (int32_t w = n.w_begin; w < n.w_end; ++w) {
    const TimeWindow& tw = in.windows[w];
    if (tw.end + kEps >= t) {
      *hi = tw.end;
      return std::max(t, tw.start);
    }
  }
  return -kInfTime;
}

class Simulator {
 public:
  Simulator(const Instance& in, int32_t v, const int32_t* nodes, int32_t m)
      : in_(in), v_(v), veh_(in.problem.vehicles[v]), vd_(in.veh[v]), nodes_(nodes), m_(m), s_(tls) {
    const size_t n = static_cast<size_t>(m) + 2;
    s_.A.assign(n, 0);
    s_.B.assign(n, 0);
    s_.D.assign(n, 0);
    s_.hi.assign(n, kInfTime);
    s_.hold.assign(n, -kInfTime);
    s_.break_order.clear();
    for (size_t b = 0; b < veh_.breaks.size(); ++b) s_.break_order.push_back(static_cast<int32_t>(b));
    std::sort(s_.break_order.begin(), s_.break_order.end(), [&](int32_t a, int32_t b) {
      return veh_.breaks[a].window.start < veh_.breaks[b].window.start;
    });
  }

  int32_t loc(int32_t pos) const {
    if (pos == 0) return vd_.start;
    if (pos == m_ + 1) return vd_.end;
    return in_.node[nodes_[pos - 1]].loc;
  }

  // Start of service at position pos when ready at t (end depot: arrival).
  Time start_pos(int32_t pos, Time t, Time* hi) const {
    if (pos == m_ + 1) {
      *hi = veh_.shift.end;
      return t;
    }
    return start_at(in_, in_.node[nodes_[pos - 1]], std::max(t, s_.hold[pos]), hi);
  }

  // Forward pass from departure D0. Returns Fail::kNone when windows, shift and breaks hold.
  Fail run(Time d0) {
    s_.breaks.clear();
    s_.A[0] = s_.B[0] = s_.D[0] = d0;
    size_t pb = 0;  // next pending break in break_order
    Time t = d0;
    for (int32_t pos = 1; pos <= m_ + 1; ++pos) {
      const int32_t a = loc(pos - 1), b = loc(pos);
      const bool to_end = pos == m_ + 1;
      // Breaks in this gap.
      Time ready = t + in_.tt(a, b, t);
      Time arr = ready;
      while (pb < s_.break_order.size()) {
        const int32_t bi = s_.break_order[pb];
        const Break& br = veh_.breaks[bi];
        Time hi;
        const Time s0 = start_pos(pos, ready, &hi);
        if (s0 == -kInfTime && !to_end) return Fail::kWindow;
        // Option B: travel first, break on arrival. Option A: break first, then travel.
        const Time bs_b = std::max(ready, br.window.start);
        const bool ok_b = bs_b <= br.window.end + kEps;
        const Time bs_a = std::max(t, br.window.start);
        const bool ok_a = bs_a <= br.window.end + kEps && pos > 1 - (vd_.start >= 0 ? 1 : 0);
        Time hb = 0, ha = 0;
        const Time sb = ok_b ? start_pos(pos, bs_b + br.duration, &hb) : kInfTime;
        const Time ready_a = ok_a ? bs_a + br.duration + in_.tt(a, b, bs_a + br.duration) : kInfTime;
        const Time sa = ok_a ? start_pos(pos, ready_a, &ha) : kInfTime;
        const bool free_b = ok_b && sb != -kInfTime && sb <= s0 + kEps;
        const Time next_dep = to_end ? kInfTime : s0 + in_.node[nodes_[pos - 1]].service;
        const bool must = to_end || next_dep > br.window.end + kEps;
        if (!free_b && !must) break;
        const bool use_b = ok_b && sb != -kInfTime && (sa == -kInfTime || sb <= sa);
        if (use_b) {
          s_.breaks.push_back({pos, bi, ready, bs_b});
          ready = bs_b + br.duration;
          t = ready;  // travel already done
          arr = bs_b + br.duration;
        } else if (ok_a && sa != -kInfTime) {
          s_.breaks.push_back({pos, bi, t, bs_a});
          t = bs_a + br.duration;
          ready = ready_a;
          arr = ready_a;
        } else {
          return Fail::kBreak;
        }
        ++pb;
      }
      s_.A[pos] = arr;
      Time hi;
      const Time st = start_pos(pos, arr, &hi);
      if (st == -kInfTime) return Fail::kWindow;
      s_.B[pos] = st;
      s_.hi[pos] = hi;
      s_.D[pos] = to_end ? st : st + in_.node[nodes_[pos - 1]].service;
      t = s_.D[pos];
    }
    if (pb < s_.break_order.size()) return Fail::kBreak;
    if (end_time() > veh_.shift.end + kEps) return Fail::kShift;
    return Fail::kNone;
  }

  Time begin_time() const {
    if (vd_.start >= 0) return s_.D[0];
    // Open start: the route begins at its first step (a break or the first stop, arriving just in time).
    if (!s_.breaks.empty() && s_.breaks.front().before == 1) return s_.breaks.front().arrival;
    return m_ > 0 ? s_.B[1] : s_.D[0];
  }
  Time end_time() const {
    if (vd_.end >= 0) return s_.A[m_ + 1];
    Time e = s_.D[m_];
    for (const BreakPlace& bp : s_.breaks)
      if (bp.before == m_ + 1) e = std::max(e, bp.start + veh_.breaks[bp.index].duration);
    return e;
  }

  // Forward slack at position i (Cordeau & Laporte), with ride terms for deliveries whose pickup precedes i.
  Time forward_slack(int32_t i, bool ride_terms) const {
    Time best = kInfTime, wsum = 0;
    for (int32_t j = i; j <= m_ + 1; ++j) {
      if (j > i) wsum += s_.B[j] - s_.A[j];
      Time slack = s_.hi[j] - s_.B[j];
      if (ride_terms && j >= 1 && j <= m_) {
        const NodeData& nd = in_.node[nodes_[j - 1]];
        const int32_t pp = nd.role == Role::kDelivery ? s_.pos_of_pickup[j] : -1;
        if (pp >= 0 && pp < i) {
          const Time lim = in_.ride_limit[nd.task];
          const Time ride = s_.B[j] - s_.D[pp];
          slack = std::min(slack, lim - ride);
        }
      }
      best = std::min(best, wsum + std::max<Time>(slack, 0));
    }
    return best;
  }

  Time wait_after(int32_t i) const {
    Time w = 0;
    for (int32_t p = i + 1; p <= m_; ++p) w += s_.B[p] - s_.A[p];
    return w;
  }

  bool rides_ok() const {
    for (int32_t j = 1; j <= m_; ++j) {
      const NodeData& nd = in_.node[nodes_[j - 1]];
      if (nd.role != Role::kDelivery) continue;
      const Time lim = in_.ride_limit[nd.task];
      if (!std::isfinite(lim)) continue;
      const int32_t pp = s_.pos_of_pickup[j];
      Time limit = lim;
      if (in_.time_dependent && in_.problem.tasks[nd.task].ride_alpha > 0) {
        const Task& task = in_.problem.tasks[nd.task];
        limit = std::min(task.max_ride_time,
                         task.ride_alpha * in_.tt(in_.node[nodes_[pp - 1]].loc, nd.loc, s_.D[pp]) + task.ride_beta);
      }
      if (s_.B[j] - s_.D[pp] > limit + 1e-7) return false;
    }
    return true;
  }

  Fail schedule() {
    Fail f = run(veh_.shift.start);
    if (f != Fail::kNone || !vd_.needs_delay) return f;
    s_.pos_of_pickup.assign(static_cast<size_t>(m_) + 2, -1);
    bool has_ride = false;
    for (int32_t j = 1; j <= m_; ++j) {
      const NodeData& nd = in_.node[nodes_[j - 1]];
      if (nd.role != Role::kDelivery) continue;
      for (int32_t p = j - 1; p >= 1; --p)
        if (nodes_[p - 1] == 2 * nd.task) {
          s_.pos_of_pickup[j] = p;
          break;
        }
      if (std::isfinite(in_.ride_limit[nd.task])) has_ride = true;
    }
    // Steps 3-5: delay the departure as far as waiting allows without violating windows.
    const Time f0 = forward_slack(0, false);
    const Time delay = std::min(f0, wait_after(0));
    if (delay > kEps) {
      f = run(veh_.shift.start + delay);
      if (f != Fail::kNone) f = run(veh_.shift.start);  // breaks can make the slack estimate wrong
      if (f != Fail::kNone) return f;
    }
    // Steps 6-8: shift waiting towards pickups to shorten rides.
    if (has_ride && !rides_ok()) {
      for (int32_t j = 1; j <= m_; ++j) {
        const NodeData& nd = in_.node[nodes_[j - 1]];
        if (nd.role != Role::kPickup) continue;
        const Time fj = forward_slack(j, true);
        const Time add = std::min(fj, wait_after(j));
        if (add <= kEps) continue;
        const Time keep = s_.hold[j];
        s_.hold[j] = s_.B[j] + add;
        if (run(s_.D[0]) != Fail::kNone) {
          s_.hold[j] = keep;
          f = run(s_.D[0]);
          if (f != Fail::kNone) return f;
        }
      }
      if (!rides_ok()) return Fail::kRide;
    }
    if (end_time() - begin_time() > veh_.max_duration + 1e-7) return Fail::kDuration;
    return Fail::kNone;
  }

  void fill(Eval& e) const {
    for (int32_t pos = 1; pos <= m_ + 1; ++pos) {
      const int32_t a = loc(pos - 1), b = loc(pos);
      if (a < 0 || b < 0) continue;
      e.distance += in_.dist(a, b);
      Time dep = s_.D[pos - 1];
      for (const BreakPlace& bp : s_.breaks)
        if (bp.before == pos && bp.arrival <= s_.D[pos - 1] + kEps) dep = bp.start + veh_.breaks[bp.index].duration;
      e.travel += in_.time_dependent ? in_.tt(a, b, dep) : in_.tt_lb(a, b);
    }
    e.begin = begin_time();
    e.end = end_time();
    e.cost = (m_ > 0 ? veh_.fixed_cost : 0.0) + vd_.cpd * e.distance + vd_.cpt * e.travel;
  }

  void steps(std::vector<RouteStep>& out) const {
    out.clear();
    Load load;
    for (int32_t i = 0; i < m_; ++i)
      if (in_.node[nodes_[i]].role == Role::kSingle) load -= in_.node[nodes_[i]].delta;
    if (vd_.start >= 0) {
      RouteStep st;
      st.type = StepType::kStart;
      st.arrival = st.service_start = st.departure = s_.D[0];
      st.load_after = load;
      out.push_back(st);
    }
    for (int32_t pos = 1; pos <= m_ + 1; ++pos) {
      for (const BreakPlace& bp : s_.breaks) {
        if (bp.before != pos) continue;
        RouteStep st;
        st.type = StepType::kBreak;
        st.break_index = bp.index;
        st.arrival = (pos == 1 && vd_.start < 0) ? bp.start : bp.arrival;
        st.service_start = bp.start;
        st.departure = bp.start + veh_.breaks[bp.index].duration;
        st.load_after = load;
        out.push_back(st);
      }
      if (pos == m_ + 1) break;
      const NodeData& nd = in_.node[nodes_[pos - 1]];
      const Task& task = in_.problem.tasks[nd.task];
      RouteStep st;
      st.type = nd.role == Role::kSingle ? StepType::kSingle
                : nd.role == Role::kPickup ? StepType::kPickup
                                           : StepType::kDelivery;
      st.task = nd.task;
      st.service_start = s_.B[pos];
      st.arrival = s_.A[pos];
      if (pos == 1 && vd_.start < 0) st.arrival = s_.B[pos];  // open start: appear just in time
      if (nd.role != Role::kDelivery && std::isfinite(task.max_wait))
        st.arrival = std::max(st.arrival, st.service_start - task.max_wait);  // idle before arriving instead
      st.departure = s_.D[pos];
      load += nd.delta;
      st.load_after = load;
      out.push_back(st);
    }
    if (vd_.end >= 0) {
      RouteStep st;
      st.type = StepType::kEnd;
      st.arrival = st.service_start = st.departure = s_.A[m_ + 1];
      st.load_after = load;
      out.push_back(st);
    }
  }

 private:
  const Instance& in_;
  int32_t v_;
  const Vehicle& veh_;
  const VehicleData& vd_;
  const int32_t* nodes_;
  int32_t m_;
  Scratch& s_;
};

}  // namespace

const char* fail_text(Fail f) {
  switch (f) {
    case Fail::kNone: return "feasible";
    case Fail::kCapacity: return "load exceeds the vehicle capacity";
    case Fail::kWindow: return "time window unreachable";
    case Fail::kShift: return "cannot return before the shift ends";
    case Fail::kDuration: return "maximum route duration exceeded";
    case Fail::kRide: return "maximum ride time cannot be met";
    case Fail::kBreak: return "the driver's break cannot be placed";
  }
  return "infeasible";
}

Eval evaluate_route(const Instance& in, int32_t v, const int32_t* nodes, int32_t m, std::vector<RouteStep>* steps) {
  Eval e;
  const Vehicle& veh = in.problem.vehicles[v];
  // Loads: singles are carried from the start.
  Load load;
  for (int32_t i = 0; i < m; ++i)
    if (in.node[nodes[i]].role == Role::kSingle) load -= in.node[nodes[i]].delta;
  if (!load.fits(veh.capacity)) {
    e.fail = Fail::kCapacity;
    return e;
  }
  for (int32_t i = 0; i < m; ++i) {
    load += in.node[nodes[i]].delta;
    if (!load.fits(veh.capacity) || !load.non_negative()) {
      e.fail = Fail::kCapacity;
      return e;
    }
  }
  Simulator sim(in, v, nodes, m);
  e.fail = sim.schedule();
  if (e.fail != Fail::kNone) return e;
  e.ok = true;
  sim.fill(e);
  if (steps) sim.steps(*steps);
  return e;
}

}  // namespace dongne::dispatch::detail
