// VROOM input document -> Problem. Every accessor checks the JSON type first, so nlohmann never throws on
// hostile input; the parse itself is the only call that may throw, and it is caught here.
#include <cmath>
#include <limits>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>

#include "dispatch/engine/travel.h"
#include "dispatch/formats/vroom_json.h"

namespace dongne::dispatch::formats {
namespace {

using json = nlohmann::json;
constexpr int64_t kMaxId = std::numeric_limits<int64_t>::max();
constexpr size_t kMaxMatrixSide = 20000;

Error bad(const std::string& path, const std::string& en, const std::string& ko) {
  FieldError fe{path, "format", path + ": " + ko, path + ": " + en};
  return Error::invalid(path + ": " + ko, path + ": " + en, {std::move(fe)});
}

std::string at(const std::string& path, std::string_view key) {
  return path.empty() ? std::string(key) : path + "." + std::string(key);
}
std::string at(const std::string& path, size_t i) { return path + "[" + std::to_string(i) + "]"; }

const json* find(const json& o, std::string_view key) {
  auto it = o.find(key);
  return it == o.end() || it->is_null() ? nullptr : &*it;
}

Result<double> as_number(const json& v, const std::string& path) {
  if (!v.is_number()) return bad(path, "is not a number", "숫자가 아닙니다");
  const double d = v.get<double>();
  if (!std::isfinite(d)) return bad(path, "is not a finite number", "유한한 숫자가 아닙니다");
  return d;
}

Result<double> non_negative(const json& v, const std::string& path) {
  DONGNE_ASSIGN_OR_RETURN(double d, as_number(v, path));
  if (d < 0) return bad(path, "is negative", "음수입니다");
  return d;
}

Result<int64_t> as_int(const json& v, const std::string& path, int64_t lo, int64_t hi) {
  if (v.is_number_unsigned()) {
    const uint64_t u = v.get<uint64_t>();
    if (u > static_cast<uint64_t>(hi)) return bad(path, "is out of range", "범위를 벗어났습니다");
    return static_cast<int64_t>(u);
  }
  if (v.is_number_integer()) {
    const int64_t i = v.get<int64_t>();
    if (i < lo || i > hi) return bad(path, "is out of range", "범위를 벗어났습니다");
    return i;
  }
  return bad(path, "is not an integer", "정수가 아닙니다");
}

Result<double> opt_non_negative(const json& o, std::string_view key, const std::string& path, double def) {
  const json* v = find(o, key);
  return v ? non_negative(*v, at(path, key)) : Result<double>(def);
}

Result<const json*> opt_array(const json& o, std::string_view key, const std::string& path) {
  const json* v = find(o, key);
  if (v && !v->is_array()) return bad(at(path, key), "is not an array", "배열이 아닙니다");
  return v;
}

Status reject(const json& o, std::string_view key, const std::string& path) {
  if (find(o, key)) return bad(at(path, key), "is not supported by dongne", "dongne가 지원하지 않습니다");
  return ok_status();
}

Result<Load> amounts(const json& o, std::string_view key, const std::string& path, int32_t absent) {
  Load l;
  l.q.fill(absent);
  DONGNE_ASSIGN_OR_RETURN(const json* a, opt_array(o, key, path));
  if (!a) return l;
  if (a->size() > static_cast<size_t>(kLoadDims))
    return bad(at(path, key), "has more than " + std::to_string(kLoadDims) + " dimensions",
               "차원이 너무 많습니다");
  l.q.fill(0);
  for (size_t i = 0; i < a->size(); ++i) {
    DONGNE_ASSIGN_OR_RETURN(int64_t v,
                            as_int((*a)[i], at(at(path, key), i), 0, std::numeric_limits<int32_t>::max()));
    l.q[i] = static_cast<int32_t>(v);
  }
  return l;
}

Result<TimeWindow> window(const json& v, const std::string& path) {
  if (!v.is_array() || v.size() != 2)
    return bad(path, "is not a [start, end] pair", "[시작, 끝] 쌍이 아닙니다");
  DONGNE_ASSIGN_OR_RETURN(double s, non_negative(v[0], at(path, 0)));
  DONGNE_ASSIGN_OR_RETURN(double e, non_negative(v[1], at(path, 1)));
  if (e < s) return bad(path, "ends before it starts", "끝이 시작보다 앞섭니다");
  return TimeWindow{s, e};
}

Result<std::vector<TimeWindow>> windows(const json& o, const std::string& path) {
  std::vector<TimeWindow> out;
  DONGNE_ASSIGN_OR_RETURN(const json* a, opt_array(o, "time_windows", path));
  if (!a) return out;
  for (size_t i = 0; i < a->size(); ++i) {
    DONGNE_ASSIGN_OR_RETURN(TimeWindow w, window((*a)[i], at(at(path, "time_windows"), i)));
    out.push_back(w);
  }
  return out;
}

class Builder {
 public:
  Result<Problem> build(const json& root) {
    if (!root.is_object()) return bad("$", "is not a JSON object", "JSON 객체가 아닙니다");
    DONGNE_TRY(read_travel_mode(root));
    DONGNE_ASSIGN_OR_RETURN(const json* vehicles, opt_array(root, "vehicles", ""));
    if (!vehicles || vehicles->empty())
      return bad("vehicles", "must list at least one vehicle", "차량이 하나 이상 있어야 합니다");
    std::set<int64_t> vids;
    for (size_t i = 0; i < vehicles->size(); ++i)
      DONGNE_TRY(vehicle((*vehicles)[i], at(std::string("vehicles"), i), vids));
    DONGNE_ASSIGN_OR_RETURN(const json* jobs, opt_array(root, "jobs", ""));
    std::set<int64_t> job_ids, pickup_ids, delivery_ids;
    if (jobs)
      for (size_t i = 0; i < jobs->size(); ++i)
        DONGNE_TRY(job((*jobs)[i], at(std::string("jobs"), i), job_ids));
    DONGNE_ASSIGN_OR_RETURN(const json* shipments, opt_array(root, "shipments", ""));
    if (shipments)
      for (size_t i = 0; i < shipments->size(); ++i)
        DONGNE_TRY(shipment((*shipments)[i], at(std::string("shipments"), i), pickup_ids, delivery_ids));
    DONGNE_TRY(make_travel());
    p_.objective.minimise_vehicles = false;
    p_.objective.metric = Metric::kDuration;
    return std::move(p_);
  }

 private:
  Status read_travel_mode(const json& root) {
    const json* matrices = find(root, "matrices");
    const json* legacy = find(root, "matrix");
    if (!matrices && !legacy) return ok_status();
    matrix_mode_ = true;
    const json* durations = legacy;
    const json* distances = nullptr;
    std::string path = "matrix";
    std::string distances_path;
    if (matrices) {
      if (!matrices->is_object() || matrices->size() != 1)
        return bad("matrices", "must be an object with exactly one routing profile",
                   "경로 프로필 하나만 담은 객체여야 합니다");
      const json& prof = matrices->begin().value();
      path = "matrices." + matrices->begin().key();
      if (!prof.is_object()) return bad(path, "is not an object", "객체가 아닙니다");
      DONGNE_TRY(reject(prof, "costs", path));
      durations = find(prof, "durations");
      distances = find(prof, "distances");
      if (!durations) return bad(at(path, "durations"), "is required", "필요합니다");
      distances_path = at(path, "distances");
      path = at(path, "durations");
    }
    DONGNE_ASSIGN_OR_RETURN(times_, square(*durations, path));
    n_ = durations->size();
    if (distances) {
      DONGNE_ASSIGN_OR_RETURN(dists_, square(*distances, distances_path));
      if (distances->size() != n_)
        return bad("matrices", "durations and distances differ in size", "크기가 다릅니다");
    } else {
      dists_.assign(n_ * n_, 0.0);
    }
    return ok_status();
  }

  static Result<std::vector<double>> square(const json& m, const std::string& path) {
    if (!m.is_array() || m.empty())
      return bad(path, "is not a non-empty array of rows", "행 배열이 아닙니다");
    const size_t n = m.size();
    if (n > kMaxMatrixSide) return bad(path, "is too large", "너무 큽니다");
    std::vector<double> out;
    for (size_t i = 0; i < n; ++i) {
      if (!m[i].is_array() || m[i].size() != n)
        return bad(at(path, i), "is not a row of " + std::to_string(n) + " numbers",
                   "행의 길이가 맞지 않습니다");
      if (out.empty()) out.reserve(n * n);
      for (size_t j = 0; j < n; ++j) {
        DONGNE_ASSIGN_OR_RETURN(double v, non_negative(m[i][j], at(at(path, i), j)));
        out.push_back(v);
      }
    }
    return out;
  }

  // A place: location_index in matrix mode, else [lon, lat]. `key` is "location" or "start"/"end" for
  // vehicles.
  Result<LocationIndex> place(const json& o, const std::string& key, const std::string& path, bool required) {
    if (matrix_mode_) {
      const std::string ikey = key == "location" ? "location_index" : key + "_index";
      const json* v = find(o, ikey);
      if (!v) {
        if (required) return bad(at(path, ikey), "is required with a matrix", "행렬을 쓸 때는 필요합니다");
        return LocationIndex{-1};
      }
      DONGNE_ASSIGN_OR_RETURN(int64_t i, as_int(*v, at(path, ikey), 0, static_cast<int64_t>(n_) - 1));
      return static_cast<LocationIndex>(i);
    }
    const json* v = find(o, key);
    if (!v) {
      if (required) return bad(at(path, key), "is required ([lon, lat])", "필요합니다 ([경도, 위도])");
      return LocationIndex{-1};
    }
    if (!v->is_array() || v->size() != 2)
      return bad(at(path, key), "is not [lon, lat]", "[경도, 위도]가 아닙니다");
    DONGNE_ASSIGN_OR_RETURN(double lon, as_number((*v)[0], at(at(path, key), 0)));
    DONGNE_ASSIGN_OR_RETURN(double lat, as_number((*v)[1], at(at(path, key), 1)));
    if (std::fabs(lon) > 180 || std::fabs(lat) > 90)
      return bad(at(path, key), "is not a longitude/latitude in degrees", "경위도가 아닙니다");
    p_.locations.push_back(Coord{lon, lat});
    return static_cast<LocationIndex>(p_.locations.size() - 1);
  }

  Result<SkillSet> skills(const json& o, const std::string& path) {
    SkillSet s = 0;
    DONGNE_ASSIGN_OR_RETURN(const json* a, opt_array(o, "skills", path));
    if (!a) return s;
    for (size_t i = 0; i < a->size(); ++i) {
      DONGNE_ASSIGN_OR_RETURN(int64_t id, as_int((*a)[i], at(at(path, "skills"), i), 0, kMaxId));
      auto it = skill_bits_.find(id);
      if (it == skill_bits_.end()) {
        if (skill_bits_.size() >= 64)
          return bad(at(path, "skills"), "more than 64 distinct skills", "기술 종류가 64개를 넘습니다");
        it = skill_bits_.emplace(id, static_cast<int>(skill_bits_.size())).first;
      }
      s |= SkillSet{1} << it->second;
    }
    return s;
  }

  static Result<int64_t> id_of(const json& o, const std::string& path, std::set<int64_t>& seen) {
    const json* v = find(o, "id");
    if (!v) return bad(at(path, "id"), "is required", "필요합니다");
    DONGNE_ASSIGN_OR_RETURN(int64_t id, as_int(*v, at(path, "id"), 0, kMaxId));
    if (!seen.insert(id).second)
      return bad(at(path, "id"), "duplicates id " + std::to_string(id), "중복된 id입니다");
    return id;
  }

  Status vehicle(const json& o, const std::string& path, std::set<int64_t>& ids) {
    if (!o.is_object()) return bad(path, "is not an object", "객체가 아닙니다");
    for (const char* k : {"max_tasks", "max_distance", "steps"}) DONGNE_TRY(reject(o, k, path));
    Vehicle v;
    DONGNE_ASSIGN_OR_RETURN(int64_t id, id_of(o, path, ids));
    v.id = std::to_string(id);
    DONGNE_ASSIGN_OR_RETURN(v.start, place(o, "start", path, false));
    DONGNE_ASSIGN_OR_RETURN(v.end, place(o, "end", path, false));
    if (v.start < 0 && v.end < 0) return bad(path, "needs a start or an end", "출발지나 도착지가 필요합니다");
    DONGNE_ASSIGN_OR_RETURN(v.capacity, amounts(o, "capacity", path, std::numeric_limits<int32_t>::max()));
    if (const json* tw = find(o, "time_window")) {
      DONGNE_ASSIGN_OR_RETURN(v.shift, window(*tw, at(path, "time_window")));
    }
    DONGNE_ASSIGN_OR_RETURN(v.skills, skills(o, path));
    DONGNE_ASSIGN_OR_RETURN(v.max_duration, opt_non_negative(o, "max_travel_time", path, kInfTime));
    if (const json* sf = find(o, "speed_factor")) {
      DONGNE_ASSIGN_OR_RETURN(double f, as_number(*sf, at(path, "speed_factor")));
      if (f != 1.0)
        return bad(at(path, "speed_factor"), "other than 1 is not supported",
                   "1이 아닌 값은 지원하지 않습니다");
    }
    if (const json* c = find(o, "costs")) {
      const std::string cp = at(path, "costs");
      if (!c->is_object()) return bad(cp, "is not an object", "객체가 아닙니다");
      DONGNE_ASSIGN_OR_RETURN(v.fixed_cost, opt_non_negative(*c, "fixed", cp, 0));
      DONGNE_ASSIGN_OR_RETURN(double per_hour, opt_non_negative(*c, "per_hour", cp, 3600));
      DONGNE_ASSIGN_OR_RETURN(double per_km, opt_non_negative(*c, "per_km", cp, 0));
      v.cost_per_time = per_hour / 3600.0;
      v.cost_per_distance = per_km / 1000.0;
    } else {
      v.cost_per_time = 1.0;
      v.cost_per_distance = 0.0;
    }
    DONGNE_ASSIGN_OR_RETURN(const json* breaks, opt_array(o, "breaks", path));
    if (breaks)
      for (size_t i = 0; i < breaks->size(); ++i) {
        const json& b = (*breaks)[i];
        const std::string bp = at(at(path, "breaks"), i);
        if (!b.is_object()) return bad(bp, "is not an object", "객체가 아닙니다");
        Break br;
        DONGNE_ASSIGN_OR_RETURN(std::vector<TimeWindow> ws, windows(b, bp));
        if (ws.size() > 1)
          return bad(at(bp, "time_windows"), "with more than one window is not supported",
                     "창이 둘 이상인 휴식은 지원하지 않습니다");
        if (!ws.empty()) br.window = ws[0];
        DONGNE_ASSIGN_OR_RETURN(br.duration, opt_non_negative(b, "service", bp, 0));
        v.breaks.push_back(br);
      }
    p_.vehicles.push_back(std::move(v));
    return ok_status();
  }

  // One stop of a job or shipment: location, service, windows; `setup` must be absent or 0.
  Result<Stop> stop(const json& o, const std::string& path) {
    if (!o.is_object()) return bad(path, "is not an object", "객체가 아닙니다");
    Stop s;
    DONGNE_ASSIGN_OR_RETURN(double setup, opt_non_negative(o, "setup", path, 0));
    if (setup != 0)
      return bad(at(path, "setup"), "other than 0 is not supported",
                 "0이 아닌 준비 시간은 지원하지 않습니다");
    DONGNE_ASSIGN_OR_RETURN(s.location, place(o, "location", path, true));
    DONGNE_ASSIGN_OR_RETURN(s.service, opt_non_negative(o, "service", path, 0));
    DONGNE_ASSIGN_OR_RETURN(s.windows, windows(o, path));
    return s;
  }

  Status common(const json& o, const std::string& path, Task& t) {
    DONGNE_ASSIGN_OR_RETURN(t.required_skills, skills(o, path));
    if (const json* pr = find(o, "priority")) {
      DONGNE_ASSIGN_OR_RETURN(int64_t v, as_int(*pr, at(path, "priority"), 0, 100));
      t.priority = static_cast<int32_t>(v);
    }
    return ok_status();
  }

  Status job(const json& o, const std::string& path, std::set<int64_t>& ids) {
    if (!o.is_object()) return bad(path, "is not an object", "객체가 아닙니다");
    Task t;
    DONGNE_ASSIGN_OR_RETURN(int64_t id, id_of(o, path, ids));
    DONGNE_ASSIGN_OR_RETURN(Load pickup, amounts(o, "pickup", path, 0));
    if (pickup != Load{})
      return bad(at(path, "pickup"), "amounts on jobs are not supported; use a shipment",
                 "작업의 수거량은 지원하지 않습니다. shipment를 쓰세요");
    t.id = std::to_string(id);
    t.kind = TaskKind::kSingle;
    DONGNE_ASSIGN_OR_RETURN(t.pickup, stop(o, path));
    DONGNE_ASSIGN_OR_RETURN(t.pickup.load, amounts(o, "delivery", path, 0));
    DONGNE_TRY(common(o, path, t));
    t.pickup_external_id = id;
    p_.tasks.push_back(std::move(t));
    return ok_status();
  }

  Status shipment(const json& o, const std::string& path, std::set<int64_t>& pickup_ids,
                  std::set<int64_t>& delivery_ids) {
    if (!o.is_object()) return bad(path, "is not an object", "객체가 아닙니다");
    const json* pj = find(o, "pickup");
    const json* dj = find(o, "delivery");
    if (!pj || !dj)
      return bad(path, "needs both 'pickup' and 'delivery'", "pickup과 delivery가 모두 필요합니다");
    Task t;
    t.kind = TaskKind::kPickupDelivery;
    if (!pj->is_object() || !dj->is_object())
      return bad(path, "pickup and delivery must be objects", "pickup과 delivery는 객체여야 합니다");
    DONGNE_ASSIGN_OR_RETURN(t.pickup_external_id, id_of(*pj, at(path, "pickup"), pickup_ids));
    DONGNE_ASSIGN_OR_RETURN(t.delivery_external_id, id_of(*dj, at(path, "delivery"), delivery_ids));
    DONGNE_ASSIGN_OR_RETURN(t.pickup, stop(*pj, at(path, "pickup")));
    DONGNE_ASSIGN_OR_RETURN(t.delivery, stop(*dj, at(path, "delivery")));
    DONGNE_ASSIGN_OR_RETURN(Load amount, amounts(o, "amount", path, 0));
    t.pickup.load = amount;
    t.delivery.load = amount;
    t.id = std::to_string(t.pickup_external_id) + "/" + std::to_string(t.delivery_external_id);
    DONGNE_TRY(common(o, path, t));
    p_.tasks.push_back(std::move(t));
    return ok_status();
  }

  Status make_travel() {
    if (matrix_mode_) {
      auto m = MatrixTravel::make(static_cast<int32_t>(n_), std::move(dists_), std::move(times_));
      if (!m.ok()) return std::move(m).error();
      p_.travel = std::move(m).value();
      return ok_status();
    }
    auto h = HaversineTravel::make(p_.locations, {SpeedPiece{0, kDefaultSpeed}});
    if (!h.ok()) return std::move(h).error();
    p_.travel = std::move(h).value();
    return ok_status();
  }

  Problem p_;
  bool matrix_mode_ = false;
  size_t n_ = 0;
  std::vector<double> times_, dists_;
  std::map<int64_t, int> skill_bits_;
};

}  // namespace

Result<Problem> read_vroom_input(std::string_view text) {
  try {
    const json root = json::parse(text.begin(), text.end());
    return Builder().build(root);
  } catch (const json::exception& e) {
    return Error::invalid("JSON을 읽을 수 없습니다: " + std::string(e.what()),
                          "invalid JSON: " + std::string(e.what()));
  }
}

}  // namespace dongne::dispatch::formats
