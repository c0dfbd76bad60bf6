#include "dispatch/visits/service.h"

#include <algorithm>
#include <set>

#include <nlohmann/json.hpp>

#include "booking/repo.h"
#include "booking/rules/eligibility.h"
#include "dispatch/repo.h"
#include "dispatch/rules.h"
#include "dispatch/visits/repo.h"

namespace dongne::dispatch::visits {

namespace {

Error no_service() { return Error::not_found("방문 서비스를 찾을 수 없습니다", "no such visit service"); }
Error no_visit() { return Error::not_found("방문을 찾을 수 없습니다", "no such visit"); }

// The service's planning horizon from `day`: through the Sunday of the next week.
LocalDate horizon_end(LocalDate day) { return add_days(week_start(day), 13); }

Status event(store::Tx& tx, const char* type, const char* aggregate, int64_t id, nlohmann::json payload,
             std::optional<int64_t> actor, EpochMs now) {
  return to_status(tx.append_event({type, aggregate, std::to_string(id), payload.dump(), actor, now}));
}

Result<ServiceRecord> load_service(store::Tx& tx, int64_t id) {
  DONGNE_ASSIGN_OR_RETURN(auto s, repo::service(tx, id));
  if (!s) return no_service();
  return *s;
}

Result<std::vector<VisitView>> views(store::Tx& tx, const std::vector<VisitRecord>& list) {
  std::map<int64_t, ClientRecord> clients;
  std::map<int64_t, WorkerRecord> workers;
  std::vector<VisitView> out;
  for (const VisitRecord& v : list) {
    if (!clients.count(v.client_id)) {
      DONGNE_ASSIGN_OR_RETURN(auto c, repo::client(tx, v.client_id));
      if (!c) return Error::internal("visit " + std::to_string(v.id) + " names no place");
      clients[v.client_id] = *c;
    }
    VisitView view{v, clients[v.client_id], std::nullopt};
    if (v.worker_id) {
      if (!workers.count(*v.worker_id)) {
        DONGNE_ASSIGN_OR_RETURN(auto w, repo::worker(tx, *v.worker_id));
        if (w) workers[*v.worker_id] = *w;
      }
      if (workers.count(*v.worker_id)) view.worker = workers[*v.worker_id];
    }
    out.push_back(std::move(view));
  }
  return out;
}

Continuity continuity_of(const std::vector<VisitRecord>& visits) {
  Continuity c;
  for (const auto& v : visits) {
    if (v.status == "unserved" || !v.had_previous) continue;
    ++c.with_previous;
    if (v.kept_worker) ++c.kept;
  }
  return c;
}

void check_request(const ServiceRecord& s, const RequestInput& in, int minutes, std::vector<FieldError>& errs) {
  if (in.days == 0) errs.push_back({"days", "required", "요일을 하나 이상 고르세요", "choose at least one day"});
  if (in.to_min <= in.from_min)
    errs.push_back({"to", "order", "끝나는 시각이 시작 시각보다 늦어야 합니다", "the end of the hours must be after their start"});
  else if (in.to_min - in.from_min < minutes)
    errs.push_back({"minutes", "too_long", "방문 시간(" + std::to_string(minutes) + "분)이 요청한 시간대보다 깁니다",
                    "the visit (" + std::to_string(minutes) + " min) is longer than the hours asked for"});
  if (minutes < 15 || minutes > 480)
    errs.push_back({"minutes", "range", "방문 시간은 15~480분입니다", "a visit lasts 15 to 480 minutes"});
  for (const auto& k : in.skills)
    if (std::find(s.skills.begin(), s.skills.end(), k) == s.skills.end())
      errs.push_back({"skills", "unknown_skill", "이 서비스에 없는 기술·언어입니다: " + k, "this service offers no skill or language '" + k + "'"});
  if (in.until && in.from && *in.until < *in.from)
    errs.push_back({"until", "order", "끝나는 날이 시작하는 날보다 늦어야 합니다", "the last day must not be before the first"});
}

}  // namespace

bool operates(const Principal& p, const ServiceRecord& s) { return p.covers(Role::kOperator, s.operator_id); }

Result<std::vector<ServiceRecord>> VisitService::services() {
  std::vector<ServiceRecord> out;
  DONGNE_TRY(db_.read([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(out, repo::services(tx));
    return ok_status();
  }));
  return out;
}

Result<ServiceRecord> VisitService::operated(store::Tx& tx, const Principal& p, int64_t service_id) {
  DONGNE_ASSIGN_OR_RETURN(ServiceRecord s, load_service(tx, service_id));
  if (!operates(p, s)) return Error::forbidden("이 서비스의 운영기관만 할 수 있습니다", "only the service's operator may do this");
  return s;
}

Result<WeekPlan> VisitService::plan_range(store::Tx& tx, const ServiceRecord& s, LocalDate from, LocalDate to,
                                          std::optional<int64_t> by) {
  const EpochMs now = clock_.now_ms();
  const LocalDate today = local_date(now);
  PlanInput in;
  in.service = s;
  in.first_day = std::max(from, today);
  in.last_day = to;
  if (in.first_day > in.last_day) return WeekPlan{};
  if (in.first_day == today) in.first_day_from_s = second_of(today, now);
  DONGNE_TRY(repo::lock_service(tx, s.id));
  DONGNE_ASSIGN_OR_RETURN(in.workers, repo::workers(tx, s.id));
  DONGNE_ASSIGN_OR_RETURN(in.clients, repo::clients(tx, s.id));
  DONGNE_ASSIGN_OR_RETURN(in.requests, repo::requests(tx, s.id));
  DONGNE_ASSIGN_OR_RETURN(in.absences, repo::absences(tx, s.id, in.first_day, in.last_day));
  DONGNE_ASSIGN_OR_RETURN(in.previous_worker, repo::previous_workers(tx, s.id, week_start(in.first_day)));
  DONGNE_ASSIGN_OR_RETURN(in.settled, repo::settled(tx, s.id, in.first_day, in.last_day));
  // Visits made earlier this week count as the place's previous ones too.
  DONGNE_ASSIGN_OR_RETURN(auto earlier, repo::previous_workers(tx, s.id, in.first_day));
  for (const auto& [client, worker] : earlier) in.previous_worker.try_emplace(client, worker);
  // A place new this week keeps the worker it was first planned with, so a re-plan does not shuffle workers.
  DONGNE_ASSIGN_OR_RETURN(auto current, repo::visits(tx, s.id, in.first_day, in.last_day));
  for (const VisitRecord& v : current)
    if (v.status == "planned" && v.worker_id) in.previous_worker.try_emplace(v.client_id, *v.worker_id);
  for (const ClientRecord& c : in.clients) {
    if (!c.household_id || in.households.count(*c.household_id)) continue;
    DONGNE_ASSIGN_OR_RETURN(auto h, booking::repo::find_household(tx, *c.household_id, false));
    if (h) in.households[*c.household_id] = h->household;
  }
  DONGNE_ASSIGN_OR_RETURN(WeekPlan plan, plan_week(in));
  DONGNE_TRY(repo::replace_plan(tx, s.id, in.first_day, in.last_day, plan.visits));
  DONGNE_TRY(event(tx, "dispatch.visits_planned", "visit_service", s.id,
                   {{"service_id", s.id}, {"operator_id", s.operator_id}, {"from", format_date(in.first_day)},
                    {"to", format_date(in.last_day)}, {"planned", plan.planned}, {"unserved", plan.unserved},
                    {"continuity_pct", plan.continuity.percent()}},
                   by, now));
  return plan;
}

Result<std::pair<RequestRecord, std::vector<VisitView>>> VisitService::request(const Principal& p, const RequestInput& in) {
  std::pair<RequestRecord, std::vector<VisitView>> out;
  const EpochMs now = clock_.now_ms();
  const LocalDate today = local_date(now);
  DONGNE_TRY(db_.transact([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(ServiceRecord s, load_service(tx, in.service_id));
    const bool as_operator = operates(p, s);
    const int minutes = in.minutes.value_or(s.default_minutes);
    std::vector<FieldError> errs;
    check_request(s, in, minutes, errs);
    if (in.from && *in.from < today)
      errs.push_back({"starts", "in_the_past", "시작하는 날이 지났습니다", "the first day has passed"});
    ClientRecord client;
    client.service_id = s.id;
    client.kind = s.clients;
    if (!as_operator) {
      // A resident asks for her own family, on a family service, with her booking household.
      if (!p.has(Role::kResident) || s.clients != ClientKind::kFamily)
        return Error::forbidden("이 서비스는 운영기관이 신청합니다", "the operator asks for visits of this service");
      DONGNE_ASSIGN_OR_RETURN(auto hid, booking::repo::household_of_user(tx, p.user_id));
      std::optional<booking::HouseholdRecord> hh;
      if (hid) {
        DONGNE_ASSIGN_OR_RETURN(hh, booking::repo::find_household(tx, *hid, false));
      }
      if (!hh) return Error::field("service_id", "no_household", "먼저 가구와 자녀 정보를 등록하세요 (통합예약 > 우리 가구)",
                                   "register your household and children first (Booking > my household)");
      if (!in.place) {
        errs.push_back({"place", "required", "방문받을 주소와 위치가 필요합니다", "the address and location to visit are required"});
      } else {
        client.name = hh->contact_name;
        client.address = in.place->address;
        client.at = in.place->at;
        client.phone = in.place->phone ? in.place->phone : hh->contact_phone;
        client.household_id = hh->household.id;
        client.user_id = p.user_id;
      }
      booking::Eligibility rule;
      rule.city_code = s.city_code;
      rule.district_codes = s.district_codes;
      rule.max_child_age_months = s.max_child_age_months;
      const LocalDate first = std::max(in.from.value_or(today), today);
      if (auto fail = booking::check_eligibility(rule, hh->household, first, std::nullopt, {}))
        errs.push_back({"service_id", "not_eligible", fail->message_ko, fail->message_en});
    } else if (in.client_id) {
      DONGNE_ASSIGN_OR_RETURN(auto c, repo::client(tx, *in.client_id));
      if (!c || c->service_id != s.id)
        errs.push_back({"client_id", "unknown_place", "이 서비스에 등록된 곳이 아닙니다", "not a place of this service"});
      else client = *c;
    } else if (in.place) {
      client.name = in.place->name;
      client.address = in.place->address;
      client.at = in.place->at;
      client.phone = in.place->phone;
      if (client.name.empty()) errs.push_back({"place.name", "required", "기관 이름이 필요합니다", "the place's name is required"});
    } else {
      errs.push_back({"client_id", "required", "방문할 곳(client_id 또는 place)이 필요합니다", "the place to visit (client_id or place) is required"});
    }
    if (!errs.empty()) return Error::invalid("방문 신청을 확인해 주세요", "check the visit request", std::move(errs));
    if (client.id == 0) {
      DONGNE_ASSIGN_OR_RETURN(client.id, repo::upsert_client(tx, client));
    }
    RequestRecord r;
    r.service_id = s.id;
    r.client_id = client.id;
    r.days = in.days;
    r.window_start_min = in.from_min;
    r.window_end_min = in.to_min;
    r.minutes = minutes;
    r.skills = in.skills;
    r.from_day = std::max(in.from.value_or(today), today);
    r.until_day = in.until;
    r.note = in.note;
    r.created_by = p.user_id;
    r.created_at = now;
    DONGNE_ASSIGN_OR_RETURN(r.id, repo::insert_request(tx, r));
    nlohmann::json payload = {{"request_id", r.id}, {"service_id", s.id}, {"operator_id", s.operator_id},
                              {"client_id", client.id}, {"kind", client_kind_name(client.kind)}};
    if (client.user_id) payload["user_id"] = *client.user_id;
    DONGNE_TRY(event(tx, "dispatch.visit_requested", "visit_request", r.id, payload, p.user_id, now));
    DONGNE_TRY(to_status(plan_range(tx, s, today, horizon_end(today), p.user_id)));
    DONGNE_ASSIGN_OR_RETURN(auto visits, repo::visits_of_client(tx, client.id, today));
    std::vector<VisitRecord> mine;
    for (const auto& v : visits)
      if (v.request_id == r.id) mine.push_back(v);
    out.first = r;
    DONGNE_ASSIGN_OR_RETURN(out.second, views(tx, mine));
    return ok_status();
  }));
  return out;
}

Result<RequestRecord> VisitService::cancel_request(const Principal& p, int64_t request_id) {
  RequestRecord out;
  const EpochMs now = clock_.now_ms();
  DONGNE_TRY(db_.transact([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(auto r, repo::request(tx, request_id));
    if (!r) return Error::not_found("방문 신청을 찾을 수 없습니다", "no such visit request");
    DONGNE_ASSIGN_OR_RETURN(ServiceRecord s, load_service(tx, r->service_id));
    DONGNE_ASSIGN_OR_RETURN(auto c, repo::client(tx, r->client_id));
    const bool own = c && c->user_id && *c->user_id == p.user_id;
    if (!own && !operates(p, s)) return Error::not_found("방문 신청을 찾을 수 없습니다", "no such visit request");
    if (r->status != "cancelled") {
      r->status = "cancelled";
      DONGNE_TRY(repo::set_request_status(tx, r->id, r->status));
      DONGNE_TRY(event(tx, "dispatch.visit_request_cancelled", "visit_request", r->id,
                       {{"request_id", r->id}, {"service_id", s.id}, {"operator_id", s.operator_id}}, p.user_id, now));
      const LocalDate today = local_date(now);
      DONGNE_TRY(to_status(plan_range(tx, s, today, horizon_end(today), p.user_id)));
    }
    out = *r;
    return ok_status();
  }));
  return out;
}

Result<FamilyVisits> VisitService::my_visits(const Principal& p) {
  FamilyVisits out;
  const LocalDate today = local_date(clock_.now_ms());
  DONGNE_TRY(db_.read([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(auto all, repo::services(tx));
    for (const auto& s : all)
      if (s.clients == ClientKind::kFamily) out.services.push_back(s);
    DONGNE_ASSIGN_OR_RETURN(auto clients, repo::clients_of_user(tx, p.user_id));
    std::vector<VisitRecord> visits;
    for (const ClientRecord& c : clients) {
      DONGNE_ASSIGN_OR_RETURN(auto reqs, repo::requests(tx, c.service_id));
      for (const auto& r : reqs)
        if (r.client_id == c.id) out.requests.push_back(r);
      DONGNE_ASSIGN_OR_RETURN(auto vs, repo::visits_of_client(tx, c.id, today));
      visits.insert(visits.end(), vs.begin(), vs.end());
    }
    DONGNE_ASSIGN_OR_RETURN(out.visits, views(tx, visits));
    return ok_status();
  }));
  return out;
}

Result<Week> VisitService::week_of(store::Tx& tx, const ServiceRecord& s, LocalDate start) {
  Week w;
  w.service = s;
  w.start = start;
  w.today = local_date(clock_.now_ms());
  const LocalDate end = add_days(start, 6);
  DONGNE_ASSIGN_OR_RETURN(w.workers, repo::workers(tx, s.id));
  DONGNE_ASSIGN_OR_RETURN(w.absences, repo::absences(tx, s.id, start, end));
  DONGNE_ASSIGN_OR_RETURN(w.requests, repo::requests(tx, s.id));
  DONGNE_ASSIGN_OR_RETURN(w.clients, repo::clients(tx, s.id));
  DONGNE_ASSIGN_OR_RETURN(w.visits, repo::visits(tx, s.id, start, end));
  w.continuity = continuity_of(w.visits);
  return w;
}

Result<Week> VisitService::week(const Principal& p, int64_t service_id, std::optional<LocalDate> start) {
  Week out;
  DONGNE_TRY(db_.read([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(ServiceRecord s, operated(tx, p, service_id));
    DONGNE_ASSIGN_OR_RETURN(out, week_of(tx, s, week_start(start.value_or(today()))));
    return ok_status();
  }));
  return out;
}

Result<Week> VisitService::replan(const Principal& p, int64_t service_id, std::optional<LocalDate> start) {
  Week out;
  DONGNE_TRY(db_.transact([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(ServiceRecord s, operated(tx, p, service_id));
    const LocalDate monday = week_start(start.value_or(today()));
    if (add_days(monday, 6) < today())
      return Error::field("start", "in_the_past", "지난 주는 다시 계획할 수 없습니다", "a past week cannot be planned again");
    DONGNE_TRY(to_status(plan_range(tx, s, monday, add_days(monday, 6), p.user_id)));
    DONGNE_ASSIGN_OR_RETURN(out, week_of(tx, s, monday));
    return ok_status();
  }));
  return out;
}

Result<Week> VisitService::away(const Principal& p, int64_t worker_id, LocalDate day) {
  Week out;
  const EpochMs now = clock_.now_ms();
  DONGNE_TRY(db_.transact([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(auto w, repo::worker(tx, worker_id));
    if (!w) return Error::not_found("활동가를 찾을 수 없습니다", "no such worker");
    DONGNE_ASSIGN_OR_RETURN(ServiceRecord s, load_service(tx, w->service_id));
    if (!operates(p, s)) return Error::not_found("활동가를 찾을 수 없습니다", "no such worker");
    if (day < local_date(now)) return Error::field("day", "in_the_past", "지난 날입니다", "that day has passed");
    DONGNE_TRY(repo::add_absence(tx, {w->id, day}));
    DONGNE_TRY(event(tx, "dispatch.worker_away", "visit_worker", w->id,
                     {{"worker_id", w->id}, {"service_id", s.id}, {"operator_id", s.operator_id}, {"day", format_date(day)}},
                     p.user_id, now));
    const LocalDate monday = week_start(day);
    DONGNE_TRY(to_status(plan_range(tx, s, monday, add_days(monday, 6), p.user_id)));
    DONGNE_ASSIGN_OR_RETURN(out, week_of(tx, s, monday));
    return ok_status();
  }));
  return out;
}

Result<WorkerDay> VisitService::day_of(store::Tx& tx, const WorkerRecord& w, LocalDate day) {
  WorkerDay out;
  out.worker = w;
  out.day = day;
  DONGNE_ASSIGN_OR_RETURN(out.service, repo::service(tx, w.service_id));
  DONGNE_ASSIGN_OR_RETURN(auto list, repo::visits_of_worker(tx, w.id, day));
  DONGNE_ASSIGN_OR_RETURN(out.visits, views(tx, list));
  return out;
}

Result<WorkerDay> VisitService::worker_day(const Principal& p, std::optional<LocalDate> day) {
  WorkerDay out;
  out.day = day.value_or(today());
  const EpochMs now = clock_.now_ms();
  DONGNE_TRY(db_.transact([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(auto ws, repo::workers_of_user(tx, p.user_id));
    if (ws.empty()) return ok_status();  // not a visiting worker: an empty day
    DONGNE_ASSIGN_OR_RETURN(out, day_of(tx, ws[0], out.day));
    // Families' addresses and phones are personal data: the worker's read of each is logged.
    for (const VisitView& v : out.visits) {
      if (v.client.kind != ClientKind::kFamily) continue;
      DONGNE_TRY(dispatch::repo::log_read(tx, p.user_id, v.client.user_id.value_or(0), "visit_client",
                                          std::to_string(v.client.id), "GET /api/v1/dispatch/visits/worker/today",
                                          "home visit " + std::to_string(v.visit.id) + " (family " + std::to_string(v.client.id) + ")", now));
    }
    return ok_status();
  }));
  return out;
}

Result<WorkerDay> VisitService::report(const Principal& p, int64_t visit_id, const std::string& outcome, std::optional<int> minutes) {
  WorkerDay out;
  const EpochMs now = clock_.now_ms();
  DONGNE_TRY(db_.transact([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(auto v, repo::visit(tx, visit_id));
    DONGNE_ASSIGN_OR_RETURN(auto ws, repo::workers_of_user(tx, p.user_id));
    const WorkerRecord* w = nullptr;
    for (const auto& x : ws)
      if (v && v->worker_id && *v->worker_id == x.id) w = &x;
    if (!v || !w) return no_visit();
    if (v->day != local_date(now))
      return Error::conflict("오늘 방문만 보고할 수 있습니다", "only today's visits can be reported", "not_today");
    if (v->status != "planned")
      return Error::conflict("이미 보고한 방문입니다", "this visit was already reported", "already_reported");
    DONGNE_ASSIGN_OR_RETURN(ServiceRecord s, load_service(tx, v->service_id));
    const int made = minutes.value_or((v->end_s - v->start_s) / 60);
    DONGNE_TRY(repo::report_visit(tx, v->id, outcome, outcome == "done" ? std::optional<int>(made) : std::nullopt, now));
    nlohmann::json payload = {{"visit_id", v->id}, {"service_id", s.id}, {"operator_id", s.operator_id},
                              {"day", format_date(v->day)}, {"worker_id", w->id}, {"kind", s.kind}};
    if (outcome == "done") {
      payload["minutes"] = made;
      DONGNE_TRY(event(tx, "dispatch.visit_completed", "visit", v->id, payload, p.user_id, now));
    } else {
      DONGNE_TRY(event(tx, "dispatch.visit_not_home", "visit", v->id, payload, p.user_id, now));
    }
    DONGNE_ASSIGN_OR_RETURN(out, day_of(tx, *w, v->day));
    return ok_status();
  }));
  return out;
}

Status VisitService::plan_ahead() {
  return db_.transact([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(auto all, repo::services(tx));
    const LocalDate day = today();
    for (const ServiceRecord& s : all) DONGNE_TRY(to_status(plan_range(tx, s, day, horizon_end(day), std::nullopt)));
    return ok_status();
  });
}

}  // namespace dongne::dispatch::visits
