#include "dispatch/engine/problem_check.h"

#include <cmath>
#include <string>

#include "dispatch/engine/schedule.h"

namespace dongne::dispatch {
namespace {

class Checker {
 public:
  explicit Checker(const Problem& p) : p_(p) {}

  Status run() {
    if (!p_.travel) {
      add("travel", "required", "이동 모델이 없습니다", "the problem has no travel model");
      return finish();
    }
    n_ = p_.travel->size();
    if (p_.vehicles.empty() && !p_.tasks.empty())
      add("vehicles", "required", "차량이 없습니다", "the problem has tasks but no vehicles");
    for (size_t v = 0; v < p_.vehicles.size(); ++v) vehicle("vehicles[" + std::to_string(v) + "]", p_.vehicles[v]);
    for (size_t t = 0; t < p_.tasks.size(); ++t) task("tasks[" + std::to_string(t) + "]", p_.tasks[t]);
    return finish();
  }

  Status one_task(const Task& t) {
    if (!p_.travel) add("travel", "required", "이동 모델이 없습니다", "the problem has no travel model");
    else {
      n_ = p_.travel->size();
      task("task", t);
    }
    return finish();
  }

 private:
  void add(std::string field, std::string code, std::string ko, std::string en) {
    if (fields_.size() < 50) fields_.push_back({std::move(field), std::move(code), std::move(ko), std::move(en)});
  }
  Status finish() {
    if (fields_.empty()) return ok_status();
    return Error::invalid("배차 문제가 올바르지 않습니다", "the dispatch problem is invalid", std::move(fields_));
  }
  void location(const std::string& f, LocationIndex l, bool optional) {
    if ((optional && l == -1) || (l >= 0 && l < n_)) return;
    add(f, "range", "위치 번호가 범위를 벗어났습니다", "location index " + std::to_string(l) + " is outside the travel model");
  }
  void duration(const std::string& f, double x) {
    if (std::isnan(x) || x < 0)
      add(f, "range", "시간 값이 올바르지 않습니다", "must be a non-negative number (got " + std::to_string(x) + ")");
  }
  void window(const std::string& f, const TimeWindow& w) {
    if (std::isnan(w.start) || std::isnan(w.end) || w.start < 0 || w.start > w.end || std::isinf(w.start))
      add(f, "window", "시간 창이 올바르지 않습니다", "window must satisfy 0 <= start <= end");
  }
  void load(const std::string& f, const Load& l) {
    if (!l.non_negative()) add(f, "range", "적재량은 음수일 수 없습니다", "load must be non-negative in every dimension");
  }
  void cost(const std::string& f, double x) {
    if (!std::isfinite(x) || x < 0) add(f, "range", "비용 값이 올바르지 않습니다", "must be finite and non-negative");
  }
  void vehicle(const std::string& f, const Vehicle& v) {
    location(f + ".start", v.start, true);
    location(f + ".end", v.end, true);
    load(f + ".capacity", v.capacity);
    window(f + ".shift", v.shift);
    duration(f + ".max_duration", v.max_duration);
    cost(f + ".fixed_cost", v.fixed_cost);
    cost(f + ".cost_per_distance", v.cost_per_distance);
    cost(f + ".cost_per_time", v.cost_per_time);
    for (size_t b = 0; b < v.breaks.size(); ++b) {
      const std::string bf = f + ".breaks[" + std::to_string(b) + "]";
      window(bf + ".window", v.breaks[b].window);
      duration(bf + ".duration", v.breaks[b].duration);
      if (std::isinf(v.breaks[b].duration)) add(bf + ".duration", "range", "휴식 시간이 무한합니다", "must be finite");
    }
  }
  void stop(const std::string& f, const Stop& s, bool check_load = true) {
    location(f + ".location", s.location, false);
    duration(f + ".service", s.service);
    if (std::isinf(s.service)) add(f + ".service", "range", "서비스 시간이 무한합니다", "must be finite");
    for (size_t w = 0; w < s.windows.size(); ++w) window(f + ".windows[" + std::to_string(w) + "]", s.windows[w]);
    if (check_load) load(f + ".load", s.load);  // a delivery's own load is ignored (the pickup's is carried)
  }
  void task(const std::string& f, const Task& t) {
    stop(f + ".pickup", t.pickup);
    if (t.kind != TaskKind::kSingle) stop(f + ".delivery", t.delivery, false);
    duration(f + ".max_ride_time", t.max_ride_time);
    duration(f + ".max_wait", t.max_wait);
    duration(f + ".ride_beta", t.ride_beta);
    if (std::isnan(t.ride_alpha) || t.ride_alpha < 0 || std::isinf(t.ride_alpha))
      add(f + ".ride_alpha", "range", "승차 시간 계수가 올바르지 않습니다", "must be finite and non-negative");
  }

  const Problem& p_;
  int32_t n_ = 0;
  std::vector<FieldError> fields_;
};

std::string skill_list(SkillSet missing) {
  std::string s;
  for (int b = 0; b < 64; ++b)
    if (missing >> b & 1) s += (s.empty() ? "" : ", ") + std::to_string(b);
  return s;
}

}  // namespace

Status check_problem(const Problem& p) { return Checker(p).run(); }

Status check_task(const Problem& p, const Task& t) { return Checker(p).one_task(t); }

namespace detail {

std::vector<std::string> unservable_reasons(Instance& in) {
  const Problem& p = in.problem;
  std::vector<std::string> out(in.n_tasks);
  const int32_t nv = static_cast<int32_t>(p.vehicles.size());
  std::vector<int32_t> seq;
  for (int32_t t = 0; t < in.n_tasks; ++t) {
    const Task& task = p.tasks[t];
    bool skilled = false, sized = false, ok = false;
    Fail why = Fail::kNone;
    SkillSet best_missing = ~SkillSet{0};
    std::vector<int8_t> class_ok(nv, -1);  // result per vehicle class representative
    for (int32_t v = 0; v < nv; ++v) {
      const Vehicle& veh = p.vehicles[v];
      const SkillSet missing = task.required_skills & ~veh.skills;
      if (missing) {
        if (__builtin_popcountll(missing) < __builtin_popcountll(best_missing)) best_missing = missing;
        in.set_incompatible(t, v);
        continue;
      }
      skilled = true;
      if (!task.pickup.load.fits(veh.capacity)) {
        in.set_incompatible(t, v);
        continue;
      }
      sized = true;
      const int32_t cls = in.veh[v].cls;
      if (class_ok[cls] < 0) {
        seq.assign({2 * t});
        if (in.pair(t)) seq.push_back(2 * t + 1);
        const Eval e = evaluate_route(in, v, seq);
        class_ok[cls] = e.ok ? 1 : 0;
        if (!e.ok && why == Fail::kNone) why = e.fail;
      }
      if (class_ok[cls] == 1) ok = true;
      else in.set_incompatible(t, v);
    }
    if (ok) continue;
    if (!skilled) out[t] = "no vehicle has the required skills (missing skill bits: " + skill_list(best_missing) + ")";
    else if (!sized) out[t] = "load exceeds the capacity of every vehicle with the required skills";
    else out[t] = std::string("no vehicle can serve it even alone: ") + detail::fail_text(why);
  }
  return out;
}

}  // namespace detail
}  // namespace dongne::dispatch
