#include "dispatch/visits/plan.h"

#include <algorithm>
#include <set>

#include "booking/rules/eligibility.h"
#include "dispatch/engine/solver.h"
#include "dispatch/rules.h"

namespace dongne::dispatch::visits {

const char* client_kind_name(ClientKind k) {
  switch (k) {
    case ClientKind::kFamily: return "family";
    case ClientKind::kSchool: return "school";
    case ClientKind::kDaycare: return "daycare";
  }
  return "family";
}

std::optional<ClientKind> parse_client_kind(const std::string& s) {
  if (s == "family") return ClientKind::kFamily;
  if (s == "school") return ClientKind::kSchool;
  if (s == "daycare") return ClientKind::kDaycare;
  return std::nullopt;
}

bool wants(const RequestRecord& r, LocalDate day) {
  if (r.status != "active" || day < r.from_day || (r.until_day && day > *r.until_day)) return false;
  return runs_on(r.days, day);
}

namespace {

std::string joined(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
  return out;
}

void unserve(VisitRecord& v, const char* code, std::string ko, std::string en) {
  v.status = "unserved";
  v.worker_id.reset();
  v.reason = code;
  v.reason_ko = std::move(ko);
  v.reason_en = std::move(en);
}

bool has_all(const std::vector<std::string>& have, const std::vector<std::string>& need) {
  for (const auto& s : need)
    if (std::find(have.begin(), have.end(), s) == have.end()) return false;
  return true;
}

// One day's candidate visit: the request, its place and what the engine needs.
struct Candidate {
  VisitRecord visit;
  const RequestRecord* request = nullptr;
  int location = -1;
  SkillSet skills = 0;
  std::optional<int> pin;  // index of the worker (of the day) it is pinned to
  int earliest_s = 0;
  int latest_s = 0;
};

struct DayResult {
  std::vector<std::pair<size_t, VisitRecord>> placed;  // candidate index, planned visit
  std::map<size_t, std::string> unassigned;            // candidate index, the engine's reason
};

DayResult solve_day(const std::vector<Candidate>& cands, const std::vector<const WorkerRecord*>& workers,
                    const std::vector<SkillSet>& worker_skills, const std::vector<int>& worker_location, int pin_base,
                    std::shared_ptr<const TravelModel> travel, const std::vector<bool>& pinned, uint64_t iterations,
                    uint64_t seed) {
  Problem p;
  p.travel = std::move(travel);
  p.objective.minimise_vehicles = false;
  for (size_t w = 0; w < workers.size(); ++w) {
    Vehicle v;
    v.id = std::to_string(workers[w]->id);
    v.start = worker_location[w];
    v.end = worker_location[w];
    v.shift = {static_cast<Time>(workers[w]->shift_start_min * 60), static_cast<Time>(workers[w]->shift_end_min * 60)};
    v.skills = worker_skills[w] | (SkillSet{1} << (pin_base + static_cast<int>(w)));
    p.vehicles.push_back(v);
  }
  for (size_t i = 0; i < cands.size(); ++i) {
    const Candidate& c = cands[i];
    Task t;
    t.id = std::to_string(i);
    t.kind = TaskKind::kSingle;
    t.pickup.location = c.location;
    t.pickup.service = c.request->minutes * 60;
    t.pickup.windows = {{static_cast<Time>(c.earliest_s), static_cast<Time>(c.latest_s)}};
    t.required_skills = c.skills;
    if (pinned[i] && c.pin) t.required_skills |= SkillSet{1} << (pin_base + *c.pin);
    p.tasks.push_back(t);
  }
  SolveOptions o;
  o.seconds = 0;
  o.max_iterations = iterations;
  o.seed = seed;
  const Solution s = solve(p, o);
  DayResult out;
  for (const Route& r : s.routes) {
    int seq = 0;
    for (const RouteStep& st : r.steps) {
      if (st.type != StepType::kSingle) continue;
      const size_t i = static_cast<size_t>(st.task);
      VisitRecord v = cands[i].visit;
      v.status = "planned";
      v.worker_id = workers[static_cast<size_t>(r.vehicle)]->id;
      v.start_s = static_cast<int>(st.service_start);
      v.end_s = v.start_s + cands[i].request->minutes * 60;
      v.seq = ++seq;
      out.placed.emplace_back(i, v);
    }
  }
  for (const Unassigned& u : s.unassigned) out.unassigned[static_cast<size_t>(u.task)] = u.reason;
  return out;
}

}  // namespace

Result<WeekPlan> plan_week(const PlanInput& in) {
  WeekPlan out;
  std::map<int64_t, const ClientRecord*> clients;
  for (const auto& c : in.clients) clients[c.id] = &c;
  // Skills as the engine's bits: every skill any worker has (a request asking for another can never be served).
  std::vector<std::string> skill_names;
  for (const auto& w : in.workers)
    for (const auto& s : w.skills)
      if (std::find(skill_names.begin(), skill_names.end(), s) == skill_names.end()) skill_names.push_back(s);
  const int pin_base = static_cast<int>(skill_names.size());
  if (pin_base + static_cast<int>(in.workers.size()) > 64)
    return Error::invalid("기술·언어와 활동가가 너무 많습니다 (합쳐 64까지)", "too many skills and workers to plan (64 in all)");
  auto bits = [&](const std::vector<std::string>& names) {
    SkillSet b = 0;
    for (const auto& n : names)
      for (size_t i = 0; i < skill_names.size(); ++i)
        if (skill_names[i] == n) b |= SkillSet{1} << i;
    return b;
  };
  std::set<std::pair<int64_t, int64_t>> away, settled;
  for (const auto& a : in.absences) away.insert({a.worker_id, days_from_civil(a.day)});
  for (const auto& [client, day] : in.settled) settled.insert({client, days_from_civil(day)});
  std::map<int64_t, int64_t> previous = in.previous_worker;
  booking::Eligibility rule;
  rule.city_code = in.service.city_code;
  rule.district_codes = in.service.district_codes;
  rule.max_child_age_months = in.service.max_child_age_months;
  const bool check_families = in.service.clients == ClientKind::kFamily &&
                              (rule.city_code || !rule.district_codes.empty() || rule.max_child_age_months);
  AreaRules travel_rules;
  travel_rules.road_factor = in.service.road_factor;
  travel_rules.speeds = {{0, in.service.kmh}};

  std::vector<VisitRecord> unserved;
  for (LocalDate day = in.first_day; day <= in.last_day; day = add_days(day, 1)) {
    const int64_t dn = days_from_civil(day);
    std::vector<const WorkerRecord*> workers;
    for (const auto& w : in.workers)
      if (w.active && runs_on(w.days, day) && !away.count({w.id, dn})) workers.push_back(&w);
    std::vector<LonLat> points;
    std::vector<int> worker_location;
    std::vector<SkillSet> worker_skills;
    for (const WorkerRecord* w : workers) {
      worker_location.push_back(static_cast<int>(points.size()));
      points.push_back(w->home);
      worker_skills.push_back(bits(w->skills));
    }
    std::map<int64_t, int> client_location;
    std::vector<Candidate> cands;
    for (const auto& r : in.requests) {
      if (!wants(r, day) || settled.count({r.client_id, dn})) continue;
      Candidate c;
      c.request = &r;
      c.visit.service_id = r.service_id;
      c.visit.request_id = r.id;
      c.visit.client_id = r.client_id;
      c.visit.day = day;
      auto cl = clients.find(r.client_id);
      if (cl == clients.end()) {
        unserve(c.visit, "no_place", "방문할 곳의 기록이 없습니다", "the place to visit is not on record");
        unserved.push_back(c.visit);
        continue;
      }
      if (check_families) {
        std::optional<booking::EligibilityFailure> fail;
        auto hh = cl->second->household_id ? in.households.find(*cl->second->household_id) : in.households.end();
        if (hh == in.households.end()) {
          fail = booking::EligibilityFailure{booking::EligibilityRule::kResidentDistrict, "가구 정보가 없습니다",
                                             "the family's household is not on record"};
        } else {
          fail = booking::check_eligibility(rule, hh->second, day, std::nullopt, {});
        }
        if (fail) {
          unserve(c.visit, "not_eligible", format_date(day) + " 기준 대상이 아닙니다: " + fail->message_ko,
                  "not eligible on " + format_date(day) + ": " + fail->message_en);
          unserved.push_back(c.visit);
          continue;
        }
      }
      bool anyone = false, today = false;
      for (const auto& w : in.workers) anyone = anyone || (w.active && has_all(w.skills, r.skills));
      for (const WorkerRecord* w : workers) today = today || has_all(w->skills, r.skills);
      if (!anyone) {
        unserve(c.visit, "no_skill", "요청한 기술·언어(" + joined(r.skills) + ")를 가진 활동가가 없습니다",
                "no worker has the skills asked for (" + joined(r.skills) + ")");
        unserved.push_back(c.visit);
        continue;
      }
      if (!today) {
        unserve(c.visit, "no_worker", "이 날 일하는 (조건에 맞는) 활동가가 없습니다", "no worker who could do this visit works on this day");
        unserved.push_back(c.visit);
        continue;
      }
      c.earliest_s = r.window_start_min * 60;
      c.latest_s = r.window_end_min * 60 - r.minutes * 60;
      if (day == in.first_day) c.earliest_s = std::max(c.earliest_s, in.first_day_from_s);
      if (c.latest_s < c.earliest_s) {
        unserve(c.visit, "too_late", "방문 시간이 이미 지났습니다", "the visit's hours have already passed");
        unserved.push_back(c.visit);
        continue;
      }
      auto [it, fresh] = client_location.try_emplace(r.client_id, static_cast<int>(points.size()));
      if (fresh) points.push_back(cl->second->at);
      c.location = it->second;
      c.skills = bits(r.skills);
      if (auto pw = previous.find(r.client_id); pw != previous.end()) {
        c.visit.had_previous = true;
        for (size_t w = 0; w < workers.size(); ++w)
          if (workers[w]->id == pw->second && has_all(workers[w]->skills, r.skills)) c.pin = static_cast<int>(w);
      }
      cands.push_back(c);
    }
    if (cands.empty()) continue;
    DONGNE_ASSIGN_OR_RETURN(auto travel, travel_model(travel_rules, points));
    // Pinned first; the visits that did not fit with their previous worker are tried again with anyone.
    std::vector<bool> pinned(cands.size(), true);
    const uint64_t seed = 1 + static_cast<uint64_t>(dn);
    DayResult first = solve_day(cands, workers, worker_skills, worker_location, pin_base, travel, pinned, in.iterations, seed);
    DayResult result = first;
    bool retry = false;
    for (const auto& [i, why] : first.unassigned)
      if (cands[i].pin) {
        pinned[i] = false;
        retry = true;
      }
    if (retry) {
      DayResult second = solve_day(cands, workers, worker_skills, worker_location, pin_base, travel, pinned, in.iterations, seed);
      if (second.placed.size() >= first.placed.size()) result = std::move(second);
    }
    std::sort(result.placed.begin(), result.placed.end(), [](const auto& a, const auto& b) {
      return std::tie(*a.second.worker_id, a.second.start_s) < std::tie(*b.second.worker_id, b.second.start_s);
    });
    for (auto& [i, v] : result.placed) {
      auto pw = previous.find(v.client_id);
      v.kept_worker = pw != previous.end() && pw->second == *v.worker_id;
      if (v.had_previous) {
        ++out.continuity.with_previous;
        if (v.kept_worker) ++out.continuity.kept;
      }
      out.visits.push_back(v);
    }
    // A place's own worker is last week's; a place new this week keeps the first worker it was given.
    for (const auto& [i, v] : result.placed) previous.try_emplace(v.client_id, *v.worker_id);
    for (const auto& [i, why] : result.unassigned) {
      VisitRecord v = cands[i].visit;
      unserve(v, "no_worker_time", "활동가들의 시간이 모자라 요청한 시간에 방문할 수 없습니다",
              "no worker has time for this visit within its hours (" + why + ")");
      unserved.push_back(v);
    }
  }
  out.planned = static_cast<int>(out.visits.size());
  out.unserved = static_cast<int>(unserved.size());
  out.visits.insert(out.visits.end(), unserved.begin(), unserved.end());
  return out;
}

}  // namespace dongne::dispatch::visits
