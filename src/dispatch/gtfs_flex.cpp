#include "dispatch/gtfs_flex.h"

#include <cstdio>

namespace dongne::dispatch {

namespace {

// RFC 4180 quoting (GTFS files are plain CSV: no byte-order mark, no spreadsheet formula guard).
std::string field(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string csv(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows) {
  std::string out;
  auto line = [&](const std::vector<std::string>& cells) {
    for (size_t i = 0; i < cells.size(); ++i) out += (i ? "," : "") + field(cells[i]);
    out += "\n";
  };
  line(header);
  for (const auto& r : rows) line(r);
  return out;
}

// GTFS times: HH:MM:SS since the service day's start, so past midnight reads 24:00:00, 24:30:00, …
std::string gtfs_time(int minute) {
  char b[32];
  std::snprintf(b, sizeof b, "%02d:%02d:00", minute / 60, minute % 60);
  return b;
}

std::string gtfs_date(LocalDate d) {
  char b[32];
  std::snprintf(b, sizeof b, "%04d%02d%02d", d.year, d.month, d.day);
  return b;
}

std::string coordinate(double v) {
  char b[32];
  std::snprintf(b, sizeof b, "%.6f", v);
  return b;
}

constexpr int kDropOffAfterCloseMin = 60;  // the last riders are dropped off after the last pickup

}  // namespace

std::vector<std::pair<std::string, std::string>> gtfs_flex_files(const AreaRecord& area, const FeedInfo& info) {
  const AreaRules& r = area.rules;
  const std::string agency = "dongne-" + area.code;
  const std::string route = area.code;
  const std::string group = area.code + "-stops";
  const std::string rule = area.code + "-booking";
  std::vector<std::pair<std::string, std::string>> files;

  files.emplace_back("agency.txt", csv({"agency_id", "agency_name", "agency_url", "agency_timezone", "agency_lang", "agency_phone"},
                                       {{agency, info.agency_name, info.agency_url, "Asia/Seoul", "ko", r.phone}}));
  files.emplace_back("feed_info.txt", csv({"feed_publisher_name", "feed_publisher_url", "feed_lang", "feed_start_date", "feed_end_date", "feed_version"},
                                          {{info.agency_name, info.agency_url, "ko", gtfs_date(info.from), gtfs_date(info.until), info.version}}));
  std::vector<std::vector<std::string>> stops, members, translations;
  for (const StopRecord& s : area.stops) {
    stops.push_back({s.code, s.name_ko, coordinate(s.at.lat), coordinate(s.at.lon)});
    members.push_back({group, s.code});
    if (!s.name_en.empty()) translations.push_back({"stops", "stop_name", "en", s.name_en, s.code});
  }
  files.emplace_back("stops.txt", csv({"stop_id", "stop_name", "stop_lat", "stop_lon"}, stops));
  files.emplace_back("location_groups.txt", csv({"location_group_id", "location_group_name"}, {{group, area.name_ko}}));
  files.emplace_back("location_group_stops.txt", csv({"location_group_id", "stop_id"}, members));

  const std::string fare = std::to_string(r.base_fare_won) + "원 + km당 " + std::to_string(r.per_km_won) + "원";
  files.emplace_back("routes.txt", csv({"route_id", "agency_id", "route_short_name", "route_long_name", "route_desc", "route_type"},
                                       {{route, agency, area.name_ko, area.name_ko,
                                         "수요응답형 버스: 정류장 사이를 예약하여 이용 (" + fare + ")", "3"}}));
  std::vector<std::string> week(7);
  for (int d = 0; d < 7; ++d) week[d] = (r.days >> d) & 1 ? "1" : "0";
  files.emplace_back("calendar.txt", csv({"service_id", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
                                          "start_date", "end_date"},
                                         {{area.code + "-days", week[0], week[1], week[2], week[3], week[4], week[5], week[6],
                                           gtfs_date(info.from), gtfs_date(info.until)}}));
  files.emplace_back("trips.txt", csv({"route_id", "service_id", "trip_id"}, {{route, area.code + "-days", area.code + "-on-demand"}}));
  // Picked up at any stop of the group between opening and closing, dropped off at any other until a little after.
  const std::string open = gtfs_time(r.open_min);
  files.emplace_back("stop_times.txt",
                     csv({"trip_id", "location_group_id", "stop_sequence", "start_pickup_drop_off_window", "end_pickup_drop_off_window",
                          "pickup_type", "drop_off_type", "pickup_booking_rule_id", "drop_off_booking_rule_id", "timepoint"},
                         {{area.code + "-on-demand", group, "1", open, gtfs_time(r.close_min), "2", "1", rule, rule, "0"},
                          {area.code + "-on-demand", group, "2", open, gtfs_time(r.close_min + kDropOffAfterCloseMin), "1", "2", rule, rule, "0"}}));
  const std::string message = "앱 또는 전화로 타기 " + std::to_string(r.lead_min) + "분 전까지, 최대 " + std::to_string(r.horizon_days) +
                              "일 전부터 예약하세요. 약속한 " + std::to_string(r.max_wait_min) + "분 안에 차량이 옵니다.";
  files.emplace_back("booking_rules.txt",
                     csv({"booking_rule_id", "booking_type", "prior_notice_duration_min", "prior_notice_duration_max", "message",
                          "phone_number", "info_url", "booking_url"},
                         {{rule, "1", std::to_string(r.lead_min), std::to_string(r.horizon_days * 1440), message, r.phone,
                           info.booking_url, info.booking_url}}));
  translations.push_back({"routes", "route_long_name", "en", area.name_en, route});
  translations.push_back({"booking_rules", "message", "en",
                          "Book in the app or by phone at least " + std::to_string(r.lead_min) + " min and at most " +
                              std::to_string(r.horizon_days) + " days ahead; a van comes within the promised " +
                              std::to_string(r.max_wait_min) + " minutes.",
                          rule});
  files.emplace_back("translations.txt", csv({"table_name", "field_name", "language", "translation", "record_id"}, translations));
  return files;
}

}  // namespace dongne::dispatch
