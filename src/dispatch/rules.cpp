#include "dispatch/rules.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace dongne::dispatch {

namespace {
constexpr const char* kDayNames[7] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
constexpr const char* kDayKo[7] = {"월", "화", "수", "목", "금", "토", "일"};

Coord coord(LonLat p) { return Coord{p.lon, p.lat}; }
}  // namespace

bool inside(const std::vector<LonLat>& poly, LonLat p) {
  bool in = false;
  const size_t n = poly.size();
  for (size_t i = 0, j = n - 1; i < n; j = i++) {
    const LonLat a = poly[i], b = poly[j];
    if ((a.lat > p.lat) != (b.lat > p.lat) && p.lon < (b.lon - a.lon) * (p.lat - a.lat) / (b.lat - a.lat) + a.lon) in = !in;
  }
  return n >= 3 && in;
}

const StopRecord* find_stop(const AreaRecord& area, int64_t stop_id) {
  for (const StopRecord& s : area.stops)
    if (s.id == stop_id) return &s;
  return nullptr;
}

const StopRecord* nearest_stop(const AreaRecord& area, LonLat p) {
  const StopRecord* best = nullptr;
  double best_m = area.rules.snap_radius_m;
  for (const StopRecord& s : area.stops) {
    const double m = haversine_metres(coord(s.at), coord(p));
    if (m <= best_m) {
      best_m = m;
      best = &s;
    }
  }
  return best;
}

int road_metres(const AreaRules& rules, LonLat a, LonLat b) {
  return static_cast<int>(std::lround(haversine_metres(coord(a), coord(b)) * rules.road_factor));
}

int fare_won(const AreaRules& rules, int metres) {
  const double raw = rules.base_fare_won + rules.per_km_won * (metres / 1000.0);
  return static_cast<int>(std::ceil(raw / 10.0 - 1e-9)) * 10;
}

namespace {
std::vector<SpeedPiece> profile_of(const AreaRules& rules) {
  std::vector<SpeedPiece> out;
  for (const SpeedStep& s : rules.speeds) out.push_back({s.from_min * 60.0, s.kmh / 3.6});
  if (out.empty() || out.front().from != 0) out.insert(out.begin(), SpeedPiece{0, 30 / 3.6});
  return out;
}
}  // namespace

int drive_seconds(const AreaRules& rules, int metres, int depart_s) {
  auto model = HaversineTravel::make({}, profile_of(rules), 86400.0, 1.0);
  if (!model.ok()) return static_cast<int>(metres / (30 / 3.6));
  const int day = 86400;
  const int t = ((depart_s % day) + day) % day;
  return static_cast<int>(std::lround((*model)->time_for(metres, t)));
}

int max_ride_seconds(const AreaRules& rules, int direct_s) {
  return static_cast<int>(std::lround(rules.ride_factor * direct_s)) + rules.ride_slack_min * 60;
}

int luggage_fee_won(const AreaRules& rules, int metres, int bags) { return fare_won(rules, metres) + rules.per_bag_won * bags; }

std::string luggage_risk(int margin_min, const RideRecord& t, int now_s) {
  const bool active = t.status == "promised" || t.status == "onboard" || t.status == "at_risk";
  if (!active || !t.deliver_by_s) return "";
  if (t.status == "at_risk") return t.refusal.empty() ? "no vehicle can deliver it by the deadline any more" : t.refusal;
  constexpr int kPickupGraceS = 300;
  if (t.status == "promised" && now_s >= 0 && now_s > t.window_end_s + kPickupGraceS)
    return "the pickup window has passed and the bags are not picked up yet";
  if (!t.dropoff_eta_s) return "not planned on any vehicle";
  const int slack = *t.deliver_by_s - *t.dropoff_eta_s;
  if (slack < margin_min * 60)
    return "the planned delivery is " + std::to_string(std::max(0, slack) / 60) + " min before the deadline (less than " +
           std::to_string(margin_min) + " min)";
  return "";
}

Result<std::shared_ptr<HaversineTravel>> travel_model(const AreaRules& rules, const std::vector<LonLat>& points) {
  std::vector<Coord> c;
  c.reserve(points.size());
  for (LonLat p : points) c.push_back(coord(p));
  return HaversineTravel::make(std::move(c), profile_of(rules), 86400.0, rules.road_factor);
}

Result<uint8_t> parse_days(const std::vector<std::string>& names, const std::string& field) {
  uint8_t mask = 0;
  for (const std::string& n : names) {
    bool found = false;
    for (int i = 0; i < 7; ++i)
      if (n == kDayNames[i]) {
        mask |= static_cast<uint8_t>(1u << i);
        found = true;
      }
    if (!found) return Error::field(field, "unknown_day", "요일은 mon, tue, wed, thu, fri, sat, sun 중에서 고릅니다",
                                    "days are mon, tue, wed, thu, fri, sat or sun");
  }
  if (mask == 0) return Error::field(field, "required", "요일을 하나 이상 고르세요", "choose at least one day");
  return mask;
}

std::vector<std::string> day_names(uint8_t mask) {
  std::vector<std::string> out;
  for (int i = 0; i < 7; ++i)
    if (mask & (1u << i)) out.emplace_back(kDayNames[i]);
  return out;
}

bool runs_on(uint8_t mask, LocalDate day) { return (mask >> static_cast<int>(weekday(day))) & 1u; }

int second_of(LocalDate day, EpochMs t) {
  return static_cast<int>(std::floor(static_cast<double>(t - start_of_local_day(day)) / 1000.0));
}

EpochMs instant_of(LocalDate day, int second) { return start_of_local_day(day) + static_cast<EpochMs>(second) * 1000; }

Status check_pickup_time(const AreaRules& rules, EpochMs at, EpochMs now, const std::string& field) {
  const LocalDate day = local_date(at);
  const int minute = local_minute_of_day(at);
  if (!runs_on(rules.days, day) || minute < rules.open_min || minute > rules.close_min) {
    std::string ko_days, en_days;
    for (int i = 0; i < 7; ++i)
      if (rules.days & (1u << i)) {
        ko_days += kDayKo[i];
        en_days += (en_days.empty() ? "" : ", ") + std::string(kDayNames[i]);
      }
    const std::string hours = format_hhmm(rules.open_min) + "–" + format_hhmm(rules.close_min);
    return Error::field(field, "outside_hours", "운행 시간이 아닙니다 (운행: " + ko_days + " " + hours + ")",
                        "outside the operating hours (" + en_days + ", " + hours + ")");
  }
  if (at < now + (rules.lead_min - 1) * kMsPerMinute) {
    if (at < now - kMsPerMinute)
      return Error::field(field, "in_the_past", "지난 시각입니다", "that time has passed");
    return Error::field(field, "too_soon", "출발 " + std::to_string(rules.lead_min) + "분 전까지 신청해 주세요",
                        "request at least " + std::to_string(rules.lead_min) + " minutes ahead");
  }
  if (days_between(local_date(now), day) > rules.horizon_days)
    return Error::field(field, "too_far_ahead", std::to_string(rules.horizon_days) + "일 뒤까지만 예약할 수 있습니다",
                        "rides can be booked up to " + std::to_string(rules.horizon_days) + " days ahead");
  return ok_status();
}

namespace {
Result<int> hhmm_minutes(const nlohmann::json& j, const char* name) {
  if (!j.is_string()) return Error::invalid("시각은 HH:MM 입니다", std::string(name) + " must be HH:MM");
  const std::string s = j.get<std::string>();
  int h = 0, m = 0;
  if (s.size() != 5 || s[2] != ':' || std::sscanf(s.c_str(), "%2d:%2d", &h, &m) != 2 || h < 0 || h > 24 || m < 0 ||
      m > 59 || (h == 24 && m != 0))
    return Error::invalid("시각은 HH:MM 입니다", std::string(name) + " must be HH:MM");
  return h * 60 + m;
}
}  // namespace

nlohmann::json rules_json(const AreaRules& r) {
  nlohmann::json boundary = nlohmann::json::array();
  for (LonLat p : r.boundary) boundary.push_back({p.lon, p.lat});
  nlohmann::json speeds = nlohmann::json::array();
  for (const SpeedStep& s : r.speeds) speeds.push_back({{"from", format_hhmm(s.from_min)}, {"kmh", s.kmh}});
  return {{"boundary", boundary},
          {"hours", {{"open", format_hhmm(r.open_min)}, {"close", r.close_min == 1440 ? "24:00" : format_hhmm(r.close_min)}, {"days", day_names(r.days)}}},
          {"lead_min", r.lead_min},
          {"max_wait_min", r.max_wait_min},
          {"horizon_days", r.horizon_days},
          {"ride_factor", r.ride_factor},
          {"ride_slack_min", r.ride_slack_min},
          {"stop_service_s", r.stop_service_s},
          {"fare", {{"base_won", r.base_fare_won}, {"per_km_won", r.per_km_won}, {"per_bag_won", r.per_bag_won}}},
          {"risk_margin_min", r.risk_margin_min},
          {"phone", r.phone},
          {"max_passengers", r.max_passengers},
          {"road_factor", r.road_factor},
          {"speeds", speeds},
          {"snap_radius_m", r.snap_radius_m},
          {"travel", r.matrix_file.empty() ? nlohmann::json({{"provider", "great_circle"}})
                                           : nlohmann::json({{"provider", "matrix"}, {"matrix", r.matrix_file}})}};
}

Result<AreaRules> rules_from_json(const nlohmann::json& j) {
  if (!j.is_object()) return Error::invalid("운행 규칙이 올바르지 않습니다", "area rules must be an object");
  AreaRules r;
  try {
    for (const auto& p : j.at("boundary")) r.boundary.push_back({p.at(0).get<double>(), p.at(1).get<double>()});
    const auto& h = j.at("hours");
    DONGNE_ASSIGN_OR_RETURN(r.open_min, hhmm_minutes(h.at("open"), "hours.open"));
    DONGNE_ASSIGN_OR_RETURN(r.close_min, hhmm_minutes(h.at("close"), "hours.close"));
    DONGNE_ASSIGN_OR_RETURN(r.days, parse_days(h.at("days").get<std::vector<std::string>>(), "hours.days"));
    r.lead_min = j.value("lead_min", r.lead_min);
    r.max_wait_min = j.value("max_wait_min", r.max_wait_min);
    r.horizon_days = j.value("horizon_days", r.horizon_days);
    r.ride_factor = j.value("ride_factor", r.ride_factor);
    r.ride_slack_min = j.value("ride_slack_min", r.ride_slack_min);
    r.stop_service_s = j.value("stop_service_s", r.stop_service_s);
    if (j.contains("fare")) {
      r.base_fare_won = j["fare"].value("base_won", r.base_fare_won);
      r.per_km_won = j["fare"].value("per_km_won", r.per_km_won);
      r.per_bag_won = j["fare"].value("per_bag_won", r.per_bag_won);
    }
    r.risk_margin_min = j.value("risk_margin_min", r.risk_margin_min);
    r.phone = j.value("phone", r.phone);
    r.max_passengers = j.value("max_passengers", r.max_passengers);
    r.road_factor = j.value("road_factor", r.road_factor);
    r.snap_radius_m = j.value("snap_radius_m", r.snap_radius_m);
    if (j.contains("travel") && j["travel"].is_object() && j["travel"].value("provider", std::string()) == "matrix") {
      r.matrix_file = j["travel"].value("matrix", std::string());
      if (r.matrix_file.empty() || r.matrix_file.find("..") != std::string::npos || r.matrix_file[0] == '/')
        return Error::invalid("행렬 파일 경로가 올바르지 않습니다", "travel.matrix must be a path under the share folder");
    }
    if (j.contains("speeds")) {
      r.speeds.clear();
      for (const auto& s : j["speeds"]) {
        DONGNE_ASSIGN_OR_RETURN(int from, hhmm_minutes(s.at("from"), "speeds.from"));
        r.speeds.push_back({from, s.at("kmh").get<double>()});
      }
    }
  } catch (const nlohmann::json::exception& e) {
    return Error::invalid("운행 규칙이 올바르지 않습니다", std::string("area rules: ") + e.what());
  }
  if (r.boundary.size() < 3 || r.open_min >= r.close_min || r.max_wait_min <= 0 || r.ride_factor < 1 || r.road_factor < 1 ||
      r.max_passengers < 1 || r.speeds.empty() || r.per_bag_won < 0 || r.risk_margin_min < 0)
    return Error::invalid("운행 규칙이 올바르지 않습니다", "area rules out of range");
  for (const SpeedStep& s : r.speeds)
    if (!(s.kmh > 0)) return Error::invalid("운행 규칙이 올바르지 않습니다", "speeds must be positive");
  return r;
}

}  // namespace dongne::dispatch
