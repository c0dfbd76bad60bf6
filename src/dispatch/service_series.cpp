// Recurring rides for shift workers ("every weekday at 07:20"): each day through the area's horizon is requested
// like a single ride (a promise or a refusal per day), and a background round books further days as they come.
#include "dispatch/repo.h"
#include "dispatch/rules.h"
#include "dispatch/service.h"
#include "dispatch/service_util.h"
#include "http/pipeline.h"

namespace dongne::dispatch {

Result<std::pair<SeriesRecord, std::vector<Occurrence>>> ShuttleService::create_series(const Principal& p, const SeriesInput& in) {
  std::optional<AreaRecord> area;
  DONGNE_TRY(db_.read([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(area, repo::area(tx, in.area_id));
    return ok_status();
  }));
  if (!area) return Error::field("area_id", "unknown_area", "운행 구역이 없습니다", "no such service area");
  if (area->kind != "shuttle") return detail::not_a_shuttle();
  const bool staff = operates(p, *area) && !p.has(Role::kResident);
  if (!staff && !p.has(Role::kResident))
    return Error::forbidden("이 구역의 운영기관만 대신 신청할 수 있습니다", "only the area's operator may request for someone else");
  std::vector<FieldError> errs;
  if (!find_stop(*area, in.pickup_stop_id))
    errs.push_back({"pickup_stop_id", "unknown_stop", "이 구역의 정류장이 아닙니다", "not a stop of this area"});
  if (!find_stop(*area, in.dropoff_stop_id))
    errs.push_back({"dropoff_stop_id", "unknown_stop", "이 구역의 정류장이 아닙니다", "not a stop of this area"});
  if (in.time_min < area->rules.open_min || in.time_min > area->rules.close_min)
    errs.push_back({"time", "outside_hours", "운행 시간이 아닙니다 (" + format_hhmm(area->rules.open_min) + "–" + format_hhmm(area->rules.close_min) + ")",
                    "outside the operating hours (" + format_hhmm(area->rules.open_min) + "–" + format_hhmm(area->rules.close_min) + ")"});
  if ((in.days & area->rules.days) != in.days)
    errs.push_back({"days", "not_operating", "운행하지 않는 요일이 있습니다", "the shuttle does not run on some of those days"});
  const LocalDate from = in.from.value_or(today());
  if (from < today()) errs.push_back({"from", "in_the_past", "지난 날짜입니다", "that day has passed"});
  if (in.until && *in.until < from) errs.push_back({"until", "before_start", "끝나는 날이 시작일보다 앞섭니다", "the end is before the start"});
  detail::check_trip(area->rules, in.pickup_stop_id, in.dropoff_stop_id, in.passengers, staff, in.rider_name, in.rider_phone, errs);
  if (!errs.empty()) return Error::invalid("요청을 확인해 주세요", "please check the request", std::move(errs));

  SeriesRecord s;
  s.area_id = area->id;
  s.rider_user_id = staff ? std::nullopt : std::optional<int64_t>(p.user_id);
  s.rider_name = staff ? *in.rider_name : p.name;
  s.rider_phone = staff ? in.rider_phone : std::nullopt;
  s.booked_by = p.user_id;
  s.pickup_stop_id = in.pickup_stop_id;
  s.dropoff_stop_id = in.dropoff_stop_id;
  s.passengers = in.passengers;
  s.wheelchair = in.wheelchair;
  s.time_min = in.time_min;
  s.days = in.days;
  s.from = from;
  s.until = in.until;
  s.booked_through = add_days(from, -1);
  s.created_at = clock_.now_ms();
  DONGNE_TRY(db_.transact([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(s.id, repo::insert_series(tx, s));
    return ok_status();
  }));
  LocalDate through = add_days(today(), area->rules.horizon_days);
  if (s.until && *s.until < through) through = *s.until;
  DONGNE_ASSIGN_OR_RETURN(auto occ, book_series_days(p, s, through));
  return std::make_pair(s, std::move(occ));
}

Result<std::vector<Occurrence>> ShuttleService::book_series_days(const Principal& p, SeriesRecord& s, LocalDate through) {
  std::vector<Occurrence> out;
  std::vector<RideRecord> existing;
  DONGNE_TRY(db_.read([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(existing, repo::future_rides_of_series(tx, s.id, s.from));
    return ok_status();
  }));
  LocalDate d = std::max(add_days(s.booked_through, 1), std::max(s.from, today()));
  for (; d <= through; d = add_days(d, 1)) {
    if (!runs_on(s.days, d)) continue;
    bool have = false;
    for (const RideRecord& r : existing) have = have || r.day == d;
    if (have) continue;
    RideInput in;
    in.area_id = s.area_id;
    in.pickup_stop_id = s.pickup_stop_id;
    in.dropoff_stop_id = s.dropoff_stop_id;
    in.pickup_after = from_local(d, s.time_min);
    in.passengers = s.passengers;
    in.wheelchair = s.wheelchair;
    in.rider_name = s.rider_name;
    in.rider_phone = s.rider_phone;
    Principal as = p;
    if (s.rider_user_id) {  // a resident's series is booked in her name (the nightly round too)
      as.user_id = *s.rider_user_id;
      as.name = s.rider_name;
      as.grants = {Grant{Role::kResident, "", 0, ""}};
    }
    Occurrence o;
    o.day = d;
    auto r = submit(as, in, std::nullopt, s.id);
    if (r.ok()) o.ride = std::move(r).value();
    else o.refusal = r.error();
    out.push_back(std::move(o));
  }
  s.booked_through = std::max(s.booked_through, through);
  DONGNE_TRY(db_.transact([&](store::Tx& tx) { return repo::update_series(tx, s); }));
  return out;
}

Result<std::vector<SeriesRecord>> ShuttleService::my_series(const Principal& p) {
  std::vector<SeriesRecord> out;
  DONGNE_TRY(db_.read([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(out, repo::series_of_rider(tx, p.user_id));
    return ok_status();
  }));
  return out;
}

Result<SeriesRecord> ShuttleService::cancel_series(const Principal& p, int64_t series_id) {
  std::optional<SeriesRecord> s;
  std::vector<RideRecord> rides;
  std::optional<AreaRecord> area;
  DONGNE_TRY(db_.transact([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(s, repo::series(tx, series_id));
    if (!s) return Error::not_found("반복 예약이 없습니다", "no such series");
    DONGNE_ASSIGN_OR_RETURN(area, repo::area(tx, s->area_id));
    const bool mine = s->rider_user_id && *s->rider_user_id == p.user_id;
    if (!mine && !(area && operates(p, *area))) return Error::not_found("반복 예약이 없습니다", "no such series");
    s->status = "cancelled";
    DONGNE_TRY(repo::update_series(tx, *s));
    DONGNE_ASSIGN_OR_RETURN(rides, repo::future_rides_of_series(tx, series_id, today()));
    return ok_status();
  }));
  for (const RideRecord& r : rides) {
    if (r.status != "promised" && r.status != "at_risk") continue;
    auto c = cancel(p, r.id);
    if (!c.ok() && c.error().reason != "already_picked_up" && c.error().reason != "not_active") return c.error();
  }
  return *s;
}

Status ShuttleService::book_series_ahead() {
  std::vector<SeriesRecord> all;
  std::vector<AreaRecord> areas_list;
  DONGNE_TRY(db_.read([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(all, repo::active_series(tx));
    DONGNE_ASSIGN_OR_RETURN(areas_list, repo::areas(tx));
    return ok_status();
  }));
  for (SeriesRecord& s : all) {
    const AreaRecord* area = nullptr;
    for (const AreaRecord& a : areas_list)
      if (a.id == s.area_id) area = &a;
    if (!area) continue;
    LocalDate through = add_days(today(), area->rules.horizon_days);
    if (s.until && *s.until < through) through = *s.until;
    if (s.booked_through >= through) continue;
    Principal system;
    system.user_id = s.booked_by.value_or(0);
    system.name = s.rider_name;
    system.grants = {Grant{Role::kOperator, "operator", area->operator_id, ""}};
    DONGNE_TRY(to_status(book_series_days(system, s, through)));
  }
  return ok_status();
}

void ShuttleService::start() {
  series_task_.start(std::chrono::hours(1), [this] { return book_series_ahead(); }, [](const Error& e) {
    http::log_event("warn", "booking recurring shuttle rides ahead failed", {{"error", e.message_en}});
  });
}

void ShuttleService::stop() { series_task_.stop(); }

}  // namespace dongne::dispatch
