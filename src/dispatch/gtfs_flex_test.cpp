// The GTFS-Flex feed of an area: the files a trip planner needs, every stop in the group, the windows from the
// hours (past midnight as 24:00:00), the booking rule from the lead time and horizon, quoting, English names.
// (The feed as served is also checked by an independent validator: tests/api/gtfs_flex.test.mjs.)
#include "dispatch/gtfs_flex.h"

#include <gtest/gtest.h>

#include <map>

namespace dongne::dispatch {
namespace {

AreaRecord area() {
  AreaRecord a;
  a.code = "geomdan";
  a.name_ko = "검단산업단지 무빙콜";
  a.name_en = "Geomdan Moving Call, \"on demand\"";
  a.rules.open_min = 5 * 60;
  a.rules.close_min = 24 * 60;
  a.rules.days = 0x1f;
  a.rules.lead_min = 10;
  a.rules.horizon_days = 7;
  a.rules.phone = "032-560-0000";
  a.stops = {{1, 1, "GD-ORYU", "검단오류역", "Geomdan-Oryu Station", {126.6279, 37.5947}},
             {2, 1, "GD-NORTH", "북문, 정문 옆", "North gate", {126.6575, 37.6108}}};
  return a;
}

std::map<std::string, std::string> files() {
  FeedInfo info{"서구 무빙콜", "https://dongne.example.kr", "https://dongne.example.kr/dispatch", {2026, 12, 2}, {2027, 12, 2}, "2026-12-02"};
  std::map<std::string, std::string> out;
  for (auto& [name, text] : gtfs_flex_files(area(), info)) out[name] = text;
  return out;
}

TEST(GtfsFlex, HasTheFilesATripPlannerNeeds) {
  auto f = files();
  for (const char* name : {"agency.txt", "stops.txt", "routes.txt", "trips.txt", "calendar.txt", "stop_times.txt", "location_groups.txt",
                           "location_group_stops.txt", "booking_rules.txt", "feed_info.txt", "translations.txt"})
    EXPECT_TRUE(f.count(name)) << name;
  EXPECT_EQ(f["calendar.txt"].substr(f["calendar.txt"].find('\n') + 1), "geomdan-days,1,1,1,1,1,0,0,20261202,20271202\n");
}

TEST(GtfsFlex, EveryStopIsInTheGroupAndWindowsFollowTheHours) {
  auto f = files();
  EXPECT_NE(f["location_group_stops.txt"].find("geomdan-stops,GD-ORYU\n"), std::string::npos);
  EXPECT_NE(f["location_group_stops.txt"].find("geomdan-stops,GD-NORTH\n"), std::string::npos);
  EXPECT_NE(f["stops.txt"].find("GD-NORTH,\"북문, 정문 옆\",37.610800,126.657500\n"), std::string::npos);
  EXPECT_NE(f["stop_times.txt"].find("geomdan-on-demand,geomdan-stops,1,05:00:00,24:00:00,2,1,"), std::string::npos);
  EXPECT_NE(f["stop_times.txt"].find("geomdan-on-demand,geomdan-stops,2,05:00:00,25:00:00,1,2,"), std::string::npos);
}

TEST(GtfsFlex, TheBookingRuleSaysHowFarAheadAndQuotesTranslations) {
  auto f = files();
  EXPECT_NE(f["booking_rules.txt"].find("geomdan-booking,1,10,10080,"), std::string::npos);
  EXPECT_NE(f["booking_rules.txt"].find("032-560-0000"), std::string::npos);
  EXPECT_NE(f["translations.txt"].find("routes,route_long_name,en,\"Geomdan Moving Call, \"\"on demand\"\"\",geomdan\n"), std::string::npos);
  EXPECT_EQ(f["agency.txt"].find('\r'), std::string::npos);
}

}  // namespace
}  // namespace dongne::dispatch
