// The pure week planner: skills and languages decide who may go, shifts and windows and travel hold on every
// worker's day, a place keeps its previous worker when feasible (and loses it, reported, when that worker is away),
// families are checked with Booking's rules on each visit's day, and every visit asked for is planned or unserved
// with a reason.
#include "dispatch/visits/plan.h"

#include <gtest/gtest.h>

#include "dispatch/rules.h"

namespace dongne::dispatch::visits {
namespace {

const LocalDate kMon{2026, 12, 28};  // a Monday; the next month starts on Friday 2027-01-01

WorkerRecord worker(int64_t id, std::vector<std::string> skills, LonLat home, uint8_t days = 0x1f) {
  WorkerRecord w;
  w.id = id;
  w.service_id = 1;
  w.name = "활동가" + std::to_string(id);
  w.skills = std::move(skills);
  w.home = home;
  w.days = days;
  w.shift_start_min = 9 * 60;
  w.shift_end_min = 18 * 60;
  return w;
}

ClientRecord place(int64_t id, LonLat at, std::optional<int64_t> household = std::nullopt) {
  ClientRecord c;
  c.id = id;
  c.service_id = 1;
  c.kind = household ? ClientKind::kFamily : ClientKind::kSchool;
  c.name = "곳" + std::to_string(id);
  c.at = at;
  c.household_id = household;
  return c;
}

RequestRecord request(int64_t id, int64_t client, uint8_t days, int from_min, int to_min, int minutes,
                      std::vector<std::string> skills = {}) {
  RequestRecord r;
  r.id = id;
  r.service_id = 1;
  r.client_id = client;
  r.days = days;
  r.window_start_min = from_min;
  r.window_end_min = to_min;
  r.minutes = minutes;
  r.skills = std::move(skills);
  r.from_day = kMon;
  return r;
}

PlanInput base(ClientKind kind = ClientKind::kSchool) {
  PlanInput in;
  in.service.id = 1;
  in.service.clients = kind;
  in.service.kmh = 25;
  in.first_day = kMon;
  in.last_day = add_days(kMon, 4);
  return in;
}

std::vector<VisitRecord> of_status(const WeekPlan& p, const std::string& status) {
  std::vector<VisitRecord> out;
  for (const auto& v : p.visits)
    if (v.status == status) out.push_back(v);
  return out;
}

TEST(VisitPlan, LanguagesDecideWhoGoesAndAnUnknownLanguageIsUnservedWithTheReason) {
  PlanInput in = base();
  in.workers = {worker(1, {"vi"}, {126.72, 37.54}), worker(2, {"zh", "en"}, {126.73, 37.55})};
  in.clients = {place(10, {126.74, 37.53}), place(11, {126.71, 37.56}), place(12, {126.72, 37.55})};
  in.requests = {request(100, 10, 0x01, 600, 720, 90, {"vi"}), request(101, 11, 0x01, 600, 720, 90, {"zh"}),
                 request(102, 12, 0x01, 600, 720, 90, {"ru"})};
  auto p = plan_week(in);
  ASSERT_TRUE(p.ok()) << p.error().message_en;
  ASSERT_EQ(p->visits.size(), 3u);
  EXPECT_EQ(p->planned, 2);
  for (const auto& v : of_status(*p, "planned")) EXPECT_EQ(*v.worker_id, v.request_id == 100 ? 1 : 2);
  const auto un = of_status(*p, "unserved");
  ASSERT_EQ(un.size(), 1u);
  EXPECT_EQ(un[0].request_id, 102);
  EXPECT_EQ(un[0].reason, "no_skill");
  EXPECT_NE(un[0].reason_en.find("ru"), std::string::npos);
  EXPECT_FALSE(un[0].reason_ko.empty());
}

TEST(VisitPlan, EveryWorkersDayKeepsShiftsWindowsAndTravelTime) {
  PlanInput in = base();
  in.workers = {worker(1, {}, {126.70, 37.50}), worker(2, {}, {126.75, 37.52})};
  for (int i = 0; i < 10; ++i) {
    in.clients.push_back(place(10 + i, {126.68 + 0.01 * i, 37.49 + 0.006 * i}));
    in.requests.push_back(request(100 + i, 10 + i, 0x1f, 9 * 60 + (i % 3) * 60, 17 * 60, 60));
  }
  auto p = plan_week(in);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->planned + p->unserved, 50) << "every visit asked for is in the plan";
  EXPECT_GT(p->planned, 30);
  std::map<int64_t, const ClientRecord*> cl;
  for (const auto& c : in.clients) cl[c.id] = &c;
  std::map<std::pair<int64_t, int64_t>, std::vector<VisitRecord>> days;
  for (const auto& v : of_status(*p, "planned")) days[{*v.worker_id, days_from_civil(v.day)}].push_back(v);
  for (auto& [key, list] : days) {
    std::sort(list.begin(), list.end(), [](const auto& a, const auto& b) { return a.start_s < b.start_s; });
    for (size_t k = 0; k < list.size(); ++k) {
      const auto& v = list[k];
      const RequestRecord& r = in.requests[static_cast<size_t>(v.request_id - 100)];
      EXPECT_GE(v.start_s, r.window_start_min * 60);
      EXPECT_LE(v.end_s, r.window_end_min * 60);
      EXPECT_GE(v.start_s, 9 * 3600);
      EXPECT_LE(v.end_s, 18 * 3600);
      EXPECT_EQ(v.seq, static_cast<int>(k + 1));
      if (k == 0) continue;
      const auto& prev = list[k - 1];
      const int metres = road_metres({}, cl[prev.client_id]->at, cl[v.client_id]->at);
      EXPECT_GE(v.start_s, prev.end_s + metres / (25.0 / 3.6) - 1) << "travel between visits";
    }
  }
}

TEST(VisitPlan, APlaceKeepsItsWorkerAndLosesItOnlyWhenThatWorkerIsAway) {
  PlanInput in = base();
  in.workers = {worker(1, {}, {126.70, 37.50}), worker(2, {}, {126.70, 37.50}), worker(3, {}, {126.70, 37.50})};
  for (int i = 0; i < 6; ++i) {
    in.clients.push_back(place(10 + i, {126.69 + 0.005 * i, 37.50 + 0.003 * i}));
    in.requests.push_back(request(100 + i, 10 + i, 0x1f, 9 * 60, 17 * 60, 60));
  }
  for (int i = 0; i < 6; ++i) in.previous_worker[10 + i] = 1 + i % 3;
  auto p = plan_week(in);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->unserved, 0);
  EXPECT_EQ(p->continuity.with_previous, 30);
  EXPECT_EQ(p->continuity.kept, 30);
  for (const auto& v : p->visits) EXPECT_EQ(*v.worker_id, 1 + (v.client_id - 10) % 3) << "client " << v.client_id;

  in.absences = {{2, add_days(kMon, 2)}};  // worker 2 is away on Wednesday
  auto q = plan_week(in);
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(q->unserved, 0) << "the others take worker 2's places that day";
  EXPECT_EQ(q->continuity.with_previous, 30);
  EXPECT_EQ(q->continuity.kept, 28);
  EXPECT_NEAR(q->continuity.percent(), 100.0 * 28 / 30, 1e-9);
  for (const auto& v : q->visits) {
    if (v.day == add_days(kMon, 2)) {
      EXPECT_NE(*v.worker_id, 2);
    }
    if (v.day == add_days(kMon, 3) && (v.client_id - 10) % 3 == 1) {
      EXPECT_EQ(*v.worker_id, 2) << "back with her own worker on Thursday";
    }
  }
}

TEST(VisitPlan, WithinTheWeekAPlaceKeepsTheWorkerOfItsFirstVisit) {
  PlanInput in = base();
  in.workers = {worker(1, {}, {126.70, 37.50}), worker(2, {}, {126.80, 37.56})};
  for (int i = 0; i < 4; ++i) {
    in.clients.push_back(place(10 + i, {126.70 + 0.03 * i, 37.50 + 0.02 * i}));
    in.requests.push_back(request(100 + i, 10 + i, 0x15, 10 * 60, 15 * 60, 90));  // Mon, Wed, Fri
  }
  auto p = plan_week(in);
  ASSERT_TRUE(p.ok());
  std::map<int64_t, std::set<int64_t>> who;
  for (const auto& v : of_status(*p, "planned")) who[v.client_id].insert(*v.worker_id);
  ASSERT_EQ(who.size(), 4u);
  for (const auto& [c, ws] : who) EXPECT_EQ(ws.size(), 1u) << "client " << c;
  EXPECT_EQ(p->continuity.with_previous, 8);  // Wednesday and Friday follow Monday
  EXPECT_DOUBLE_EQ(p->continuity.percent(), 100.0);
}

TEST(VisitPlan, AFamilyWhoseChildTurns24MonthsGetsNoVisitsFromThatDayWithTheReason) {
  PlanInput in = base(ClientKind::kFamily);
  in.service.max_child_age_months = 23;
  in.service.city_code = "incheon";
  in.service.district_codes = {"bupyeong"};
  in.workers = {worker(1, {}, {126.72, 37.50})};
  in.clients = {place(10, {126.72, 37.49}, 7), place(11, {126.73, 37.50}, 8), place(12, {126.73, 37.51}, 9)};
  booking::Household turning{7, "incheon", "bupyeong", {{1, false, std::nullopt}, {2, true, YearMonth{2025, 1}}}, {}};
  booking::Household baby{8, "incheon", "bupyeong", {{3, true, YearMonth{2026, 3}}}, {}};
  booking::Household elsewhere{9, "incheon", "yeonsu", {{4, true, YearMonth{2026, 3}}}, {}};
  in.households = {{7, turning}, {8, baby}, {9, elsewhere}};
  in.requests = {request(100, 10, 0x1f, 600, 900, 60), request(101, 11, 0x1f, 600, 900, 60), request(102, 12, 0x01, 600, 900, 60)};
  auto p = plan_week(in);
  ASSERT_TRUE(p.ok());
  int turning_planned = 0, turning_refused = 0;
  for (const auto& v : p->visits) {
    if (v.client_id == 10 && v.status == "planned") {
      ++turning_planned;
      EXPECT_LT(v.day, (LocalDate{2027, 1, 1}));
    }
    if (v.client_id == 10 && v.status == "unserved") {
      ++turning_refused;
      EXPECT_GE(v.day, (LocalDate{2027, 1, 1}));
      EXPECT_EQ(v.reason, "not_eligible");
      EXPECT_NE(v.reason_en.find(format_date(v.day)), std::string::npos) << v.reason_en;
    }
    if (v.client_id == 11) {
      EXPECT_EQ(v.status, "planned");
    }
    if (v.client_id == 12) {
      EXPECT_EQ(v.status, "unserved");
      EXPECT_EQ(v.reason, "not_eligible");
    }
  }
  EXPECT_EQ(turning_planned, 4);  // Monday to Thursday, 2026-12-28 .. 31
  EXPECT_EQ(turning_refused, 1);  // Friday, 2027-01-01: 24 months
}

TEST(VisitPlan, MoreVisitsThanHoursAreUnservedNeverDroppedAndTodayStartsFromNow) {
  PlanInput in = base();
  in.last_day = kMon;
  in.first_day_from_s = 13 * 3600;
  in.workers = {worker(1, {}, {126.70, 37.50})};
  for (int i = 0; i < 5; ++i) {
    in.clients.push_back(place(10 + i, {126.70 + 0.002 * i, 37.50}));
    in.requests.push_back(request(100 + i, 10 + i, 0x01, 9 * 60, 17 * 60, 90));
  }
  in.requests.push_back(request(200, 10, 0x01, 9 * 60, 12 * 60, 60));  // the morning has passed
  auto p = plan_week(in);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->visits.size(), 6u);
  EXPECT_EQ(p->planned, 2);  // 13:00-17:00 holds two visits of 90 minutes with the travel between them
  for (const auto& v : of_status(*p, "planned")) EXPECT_GE(v.start_s, 13 * 3600);
  int no_time = 0, late = 0;
  for (const auto& v : of_status(*p, "unserved")) {
    no_time += v.reason == "no_worker_time";
    late += v.reason == "too_late";
  }
  EXPECT_EQ(no_time, 3);
  EXPECT_EQ(late, 1);
}

TEST(VisitPlan, SettledVisitsAreNotPlannedAgainAndNobodyWorkingIsAReason) {
  PlanInput in = base();
  in.workers = {worker(1, {}, {126.70, 37.50}, 0x0f)};  // Monday to Thursday
  in.clients = {place(10, {126.71, 37.50})};
  in.requests = {request(100, 10, 0x11, 600, 900, 60)};  // Monday and Friday
  in.settled = {{10, kMon}};
  auto p = plan_week(in);
  ASSERT_TRUE(p.ok());
  ASSERT_EQ(p->visits.size(), 1u);
  EXPECT_EQ(p->visits[0].day, add_days(kMon, 4));
  EXPECT_EQ(p->visits[0].reason, "no_worker");
}

}  // namespace
}  // namespace dongne::dispatch::visits
