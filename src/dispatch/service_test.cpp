// The shuttle on both stores at fixed times: promises kept as requests arrive, a clear no with the next possible
// time when the van is full, Idempotency-Key replays, bad input that changes nothing, the driver's stops with the
// events Programmes counts, a second instance that plans from the store, a breakdown re-planned, cancellations.
#include <gtest/gtest.h>

#include "dispatch/repo.h"
#include "dispatch/rules.h"
#include "dispatch/service.h"
#include "dispatch/test_rows.h"
#include "store/test_store.h"

namespace dongne::dispatch {
namespace {

EpochMs at(const char* rfc) { return parse_rfc3339(rfc).value(); }

class ShuttleServiceTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    db_ = store_.make();
    if (!db_) {
      if (!store_.skip_reason().empty()) GTEST_SKIP() << store_.skip_reason();
      FAIL() << store_.error();
    }
    svc_ = std::make_unique<ShuttleService>(*db_, clock_);
    ASSERT_TRUE(db_->transact([&](store::Tx& tx) -> Status {
                     DONGNE_ASSIGN_OR_RETURN(op_org_, testing::insert_operator(tx, "t-op", "시험 운영", "Test operator"));
                     DONGNE_TRY(testing::insert_users(tx, users_, 5));
                     AreaRecord a;
                     a.code = "t-area";
                     a.operator_id = op_org_;
                     a.name_ko = "시험 구역";
                     a.name_en = "Test area";
                     a.rules.boundary = {{126.60, 37.55}, {126.70, 37.55}, {126.70, 37.62}, {126.60, 37.62}};
                     a.rules.open_min = 6 * 60;
                     a.rules.close_min = 22 * 60;
                     a.rules.speeds = {{0, 30}};
                     DONGNE_ASSIGN_OR_RETURN(area_, repo::upsert_area(tx, a, 0));
                     const LonLat pts[4] = {{126.62, 37.59}, {126.65, 37.60}, {126.66, 37.61}, {126.68, 37.57}};
                     for (int i = 0; i < 4; ++i) {
                       DONGNE_ASSIGN_OR_RETURN(stops_[i], repo::upsert_stop(tx, {0, area_, "S" + std::to_string(i), "정류장", "Stop", pts[i]}));
                     }
                     for (int i = 0; i < 2; ++i) {
                       VehicleRecord v;
                       v.area_id = area_;
                       v.label = "Van " + std::to_string(i + 1);
                       v.seats = 3;
                       v.depot_stop_id = stops_[1];
                       v.driver_user_id = users_[2 + i];
                       DONGNE_ASSIGN_OR_RETURN(vans_[i], repo::upsert_vehicle(tx, v));
                     }
                     return ok_status();
                   }).ok());
    rider_ = {users_[0], "김지은", "ko", {Grant{Role::kResident, "", 0, ""}}};
    other_ = {users_[4], "박서연", "ko", {Grant{Role::kResident, "", 0, ""}}};
    op_ = {users_[1], "운영자", "ko", {Grant{Role::kOperator, "operator", op_org_, ""}}};
    driver1_ = {users_[2], "기사1", "ko", {Grant{Role::kDriver, "operator", op_org_, ""}}};
    driver2_ = {users_[3], "기사2", "ko", {Grant{Role::kDriver, "operator", op_org_, ""}}};
  }

  RideInput trip(int from, int to, const char* when, int passengers = 1) {
    RideInput in;
    in.area_id = area_;
    in.pickup_stop_id = stops_[from];
    in.dropoff_stop_id = stops_[to];
    in.pickup_after = at(when);
    in.passengers = passengers;
    return in;
  }

  int count(const char* sql) {
    int n = -1;
    EXPECT_TRUE(db_->read([&](store::Tx& tx) -> Status {
                     DONGNE_ASSIGN_OR_RETURN(auto rows, tx.query(sql));
                     n = static_cast<int>(rows[0].i64(0));
                     return ok_status();
                   }).ok());
    return n;
  }

  void expect_promises_kept(ShuttleService& svc) {
    auto b = svc.board(op_, area_, local_date(clock_.now_ms()));
    ASSERT_TRUE(b.ok());
    for (const RideView& v : b->rides) {
      if (v.ride.status != "promised") continue;
      ASSERT_TRUE(v.ride.pickup_eta_s && v.ride.dropoff_eta_s) << v.ride.id;
      EXPECT_GE(*v.ride.pickup_eta_s, v.ride.window_start_s) << "ride " << v.ride.id;
      EXPECT_LE(*v.ride.pickup_eta_s, v.ride.window_end_s) << "ride " << v.ride.id;
      EXPECT_LE(*v.ride.dropoff_eta_s - (*v.ride.pickup_eta_s + 60), v.ride.max_ride_s + 1) << "ride " << v.ride.id;
    }
  }

  store::testing::TestStore store_{GetParam()};
  std::unique_ptr<store::Database> db_;
  ManualClock clock_{at("2026-12-02T07:00:00+09:00")};
  std::unique_ptr<ShuttleService> svc_;
  int64_t op_org_ = 0, area_ = 0, users_[5] = {}, stops_[4] = {}, vans_[2] = {};
  Principal rider_, other_, op_, driver1_, driver2_;
};

TEST_P(ShuttleServiceTest, RequestsArePromisedWithinTheirWindowAndEveryPromiseIsKept) {
  auto r = svc_->request(rider_, trip(0, 2, "2026-12-02T07:30:00+09:00"), std::nullopt);
  ASSERT_TRUE(r.ok()) << r.error().message_en;
  EXPECT_EQ(r->ride.status, "promised");
  EXPECT_EQ(r->ride.window_end_s - r->ride.window_start_s, 15 * 60);
  EXPECT_GT(r->ride.fare_won, 1250);
  EXPECT_EQ(r->ride.fare_won % 10, 0);
  for (int k = 0; k < 8; ++k) {
    const std::string when = "2026-12-02T07:" + std::to_string(20 + k * 3) + ":00+09:00";
    (void)svc_->request(k % 2 ? other_ : rider_, trip(k % 4, (k + 2) % 4, when.c_str()), std::nullopt);
  }
  expect_promises_kept(*svc_);
  EXPECT_EQ(count("SELECT COUNT(*) FROM events WHERE type = 'dispatch.ride_promised'"),
            count("SELECT COUNT(*) FROM dispatch_rides WHERE status = 'promised'"));
}

TEST_P(ShuttleServiceTest, AFullFleetSaysNoWithTheNextPossibleTimeAndRecordsTheDemand) {
  // Two vans of 3 seats: three requests of 3 riders at the same minute cannot all be carried.
  ASSERT_TRUE(svc_->request(rider_, trip(0, 3, "2026-12-02T07:30:00+09:00", 3), std::nullopt).ok());
  ASSERT_TRUE(svc_->request(other_, trip(0, 3, "2026-12-02T07:30:00+09:00", 3), std::nullopt).ok());
  auto no = svc_->request(rider_, trip(0, 3, "2026-12-02T07:30:00+09:00", 3), std::nullopt);
  ASSERT_FALSE(no.ok());
  EXPECT_EQ(no.error().code, Code::kConflict);
  EXPECT_EQ(no.error().reason, "no_vehicle");
  ASSERT_EQ(no.error().extensions.size(), 1u);
  EXPECT_EQ(no.error().extensions[0].first, "next_possible_at");
  ASSERT_FALSE(no.error().extensions[0].second.empty());
  const EpochMs next = parse_rfc3339(no.error().extensions[0].second).value();
  EXPECT_GT(next, at("2026-12-02T07:30:00+09:00"));
  EXPECT_EQ(count("SELECT COUNT(*) FROM dispatch_rides WHERE status = 'refused'"), 1);
  // The time it named does fit.
  auto later = svc_->request(rider_, trip(0, 3, no.error().extensions[0].second.c_str(), 3), std::nullopt);
  ASSERT_TRUE(later.ok()) << later.error().message_en;
  expect_promises_kept(*svc_);
}

TEST_P(ShuttleServiceTest, TheSameIdempotencyKeyGivesTheSameRideAndADifferentBodyIsRefused) {
  auto a = svc_->request(rider_, trip(0, 2, "2026-12-02T08:00:00+09:00"), std::string("key-1"));
  auto b = svc_->request(rider_, trip(0, 2, "2026-12-02T08:00:00+09:00"), std::string("key-1"));
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->ride.id, b->ride.id);
  auto c = svc_->request(rider_, trip(1, 2, "2026-12-02T08:00:00+09:00"), std::string("key-1"));
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.error().reason, "idempotency_key_reused");
  EXPECT_EQ(count("SELECT COUNT(*) FROM dispatch_rides"), 1);
}

TEST_P(ShuttleServiceTest, BadRequestsGetFieldErrorsAndChangeNothing) {
  auto same = svc_->request(rider_, trip(1, 1, "2026-12-02T08:00:00+09:00"), std::nullopt);
  ASSERT_FALSE(same.ok());
  EXPECT_EQ(same.error().fields.at(0).code, "same_stop");
  auto night = svc_->request(rider_, trip(0, 1, "2026-12-02T23:00:00+09:00"), std::nullopt);
  ASSERT_FALSE(night.ok());
  EXPECT_EQ(night.error().fields.at(0).code, "outside_hours");
  auto past = svc_->request(rider_, trip(0, 1, "2026-12-02T06:30:00+09:00"), std::nullopt);
  ASSERT_FALSE(past.ok());
  EXPECT_EQ(past.error().fields.at(0).code, "in_the_past");
  RideInput outside = trip(0, 1, "2026-12-02T08:00:00+09:00");
  outside.pickup_stop_id.reset();
  outside.pickup_point = LonLat{127.0, 37.50};
  auto far = svc_->request(rider_, outside, std::nullopt);
  ASSERT_FALSE(far.ok());
  EXPECT_EQ(far.error().fields.at(0).code, "outside_area");
  RideInput near = trip(0, 1, "2026-12-02T08:00:00+09:00");
  near.pickup_stop_id.reset();
  near.pickup_point = LonLat{126.6201, 37.5902};  // a few metres from stop 0
  auto snapped = svc_->request(rider_, near, std::nullopt);
  ASSERT_TRUE(snapped.ok());
  EXPECT_EQ(snapped->ride.pickup_stop_id, stops_[0]);
  auto phoned = svc_->request(op_, trip(0, 1, "2026-12-02T08:00:00+09:00"), std::nullopt);
  ASSERT_FALSE(phoned.ok());  // an operator must say who rides
  EXPECT_EQ(phoned.error().fields.at(0).field, "rider.name");
  EXPECT_EQ(count("SELECT COUNT(*) FROM dispatch_rides"), 1);
}

TEST_P(ShuttleServiceTest, TheDriverPicksUpAndDropsOffInOrderAndTheRideCountsAsCompleted) {
  auto r = svc_->request(rider_, trip(0, 2, "2026-12-02T07:20:00+09:00"), std::nullopt);
  ASSERT_TRUE(r.ok());
  Principal& drv = *r->ride.vehicle_id == vans_[0] ? driver1_ : driver2_;
  auto day = svc_->driver_today(drv);
  ASSERT_TRUE(day.ok());
  ASSERT_EQ(day->stops.size(), 2u);
  EXPECT_TRUE(day->stops[0].pickup);
  auto wrong = svc_->driver_stop(drv, r->ride.id, "dropped_off");
  ASSERT_FALSE(wrong.ok());
  auto early = svc_->driver_stop(drv, r->ride.id, "no_show");
  ASSERT_FALSE(early.ok());
  EXPECT_EQ(early.error().reason, "too_early_for_no_show");
  clock_.set(at("2026-12-02T07:24:00+09:00"));
  ASSERT_TRUE(svc_->driver_stop(drv, r->ride.id, "picked_up").ok());
  EXPECT_EQ(svc_->ride(rider_, r->ride.id)->ride.status, "onboard");
  auto cancel = svc_->cancel(rider_, r->ride.id);
  ASSERT_FALSE(cancel.ok());
  EXPECT_EQ(cancel.error().reason, "already_picked_up");
  clock_.set(at("2026-12-02T07:35:00+09:00"));
  auto done = svc_->driver_stop(drv, r->ride.id, "dropped_off");
  ASSERT_TRUE(done.ok()) << done.error().message_en;
  EXPECT_TRUE(done->stops.empty());
  EXPECT_EQ(done->done.size(), 2u);
  EXPECT_EQ(svc_->ride(rider_, r->ride.id)->ride.status, "completed");
  EXPECT_EQ(count("SELECT COUNT(*) FROM events WHERE type = 'dispatch.ride_completed'"), 1);
  auto b = svc_->board(op_, area_, std::nullopt);
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b->figures.completed, 1);
  ASSERT_TRUE(b->figures.on_time_rate.has_value());
  EXPECT_DOUBLE_EQ(*b->figures.on_time_rate, 1.0);
  EXPECT_NEAR(*b->figures.mean_wait_min, 4.0, 0.01);
  // Others may not read the ride.
  EXPECT_FALSE(svc_->ride(other_, r->ride.id).ok());
}

TEST_P(ShuttleServiceTest, ASecondInstancePlansFromTheStoreAndKeepsTheFirstInstancesPromises) {
  ShuttleService second(*db_, clock_);
  for (int k = 0; k < 6; ++k) {
    const std::string when = "2026-12-02T08:" + std::to_string(10 + k * 2) + ":00+09:00";
    ShuttleService& svc = k % 2 ? second : *svc_;
    (void)svc.request(rider_, trip(k % 4, (k + 1) % 4, when.c_str(), 2), std::nullopt);
  }
  expect_promises_kept(*svc_);
  // A restart: a fresh instance re-plans and still keeps them all.
  ShuttleService third(*db_, clock_);
  (void)third.request(other_, trip(3, 0, "2026-12-02T08:15:00+09:00"), std::nullopt);
  expect_promises_kept(third);
  EXPECT_EQ(count("SELECT COUNT(*) FROM dispatch_rides WHERE status = 'at_risk'"), 0);
}

TEST_P(ShuttleServiceTest, ABreakdownMovesRidesToTheOtherVanOrSaysSo) {
  std::vector<int64_t> ids;
  for (int k = 0; k < 3; ++k) {
    const std::string when = "2026-12-02T09:" + std::to_string(10 + k * 10) + ":00+09:00";
    auto r = svc_->request(rider_, trip(0, 2, when.c_str()), std::nullopt);
    ASSERT_TRUE(r.ok());
    ids.push_back(r->ride.id);
  }
  auto out = svc_->breakdown(op_, vans_[0]);
  ASSERT_TRUE(out.ok()) << out.error().message_en;
  auto b = svc_->board(op_, area_, std::nullopt);
  ASSERT_TRUE(b.ok());
  for (const RideView& v : b->rides) {
    if (v.ride.status == "promised") EXPECT_EQ(*v.ride.vehicle_id, vans_[1]);
    else EXPECT_EQ(v.ride.status, "at_risk");
  }
  EXPECT_EQ(b->vehicles[0].status, "broken");
  expect_promises_kept(*svc_);
  // Another driver may not report someone else's van.
  EXPECT_FALSE(svc_->breakdown(driver2_, vans_[0]).ok());
}

TEST_P(ShuttleServiceTest, ARideThatCanNoLongerBeKeptIsStillServedLateAndSaysSo) {
  ASSERT_TRUE(svc_->driver_status(driver2_, "offline").ok());  // one van left
  auto r = svc_->request(rider_, trip(0, 2, "2026-12-02T09:10:00+09:00"), std::nullopt);
  ASSERT_TRUE(r.ok()) << r.error().message_en;
  EXPECT_EQ(*r->ride.vehicle_id, vans_[0]);
  // At 09:09 the van reports itself some 17 road-km away: about half an hour behind the promised window.
  clock_.set(at("2026-12-02T09:09:00+09:00"));
  auto moved = svc_->driver_position(driver1_, {126.75, 37.65});
  ASSERT_TRUE(moved.ok()) << moved.error().message_en;
  EXPECT_GT(moved->late_s, 20 * 60);
  EXPECT_EQ(moved->broken.size(), 1u);
  auto late = svc_->ride(rider_, r->ride.id);
  ASSERT_TRUE(late.ok());
  EXPECT_EQ(late->ride.status, "at_risk");
  ASSERT_TRUE(late->ride.vehicle_id.has_value()) << "the rider is not stranded";
  EXPECT_EQ(*late->ride.vehicle_id, vans_[0]);
  ASSERT_TRUE(late->ride.pickup_eta_s.has_value());
  EXPECT_GT(*late->ride.pickup_eta_s, late->ride.window_end_s);
  EXPECT_NE(late->ride.refusal.find("still planned late"), std::string::npos) << late->ride.refusal;
  EXPECT_EQ(count("SELECT COUNT(*) FROM events WHERE type = 'dispatch.promise_broken'"), 1);
  auto day = svc_->driver_today(driver1_);
  ASSERT_TRUE(day.ok());
  bool listed = false;
  for (const StopStep& s : day->stops) listed = listed || s.ride.ride.id == r->ride.id;
  EXPECT_TRUE(listed) << "the driver still has the pickup";
  // A second instance plans from the store and keeps serving it.
  ShuttleService again(*db_, clock_);
  auto b = again.board(op_, area_, std::nullopt);
  ASSERT_TRUE(b.ok());
  ASSERT_TRUE(again.driver_position(driver1_, {126.66, 37.60}).ok());
  EXPECT_TRUE(again.ride(rider_, r->ride.id)->ride.vehicle_id.has_value());
}

TEST_P(ShuttleServiceTest, CancellingFreesThePlaceAndTheOperatorCanAssignAVan) {
  auto a = svc_->request(rider_, trip(0, 3, "2026-12-02T07:30:00+09:00", 3), std::nullopt);
  auto b = svc_->request(other_, trip(0, 3, "2026-12-02T07:30:00+09:00", 3), std::nullopt);
  ASSERT_TRUE(a.ok() && b.ok());
  ASSERT_FALSE(svc_->request(rider_, trip(0, 3, "2026-12-02T07:30:00+09:00", 3), std::nullopt).ok());
  EXPECT_FALSE(svc_->cancel(other_, a->ride.id).ok());  // not hers
  ASSERT_TRUE(svc_->cancel(rider_, a->ride.id).ok());
  EXPECT_EQ(count("SELECT COUNT(*) FROM events WHERE type = 'dispatch.ride_cancelled'"), 1);
  RideInput phoned = trip(0, 3, "2026-12-02T07:30:00+09:00", 3);
  phoned.rider_name = "최영수";
  phoned.rider_phone = "01012345678";
  auto c = svc_->request(op_, phoned, std::nullopt);
  ASSERT_TRUE(c.ok()) << c.error().message_en;
  EXPECT_EQ(c->ride.channel, "phone");
  EXPECT_TRUE(c->full_rider);
  const int64_t other_van = *c->ride.vehicle_id == vans_[0] ? vans_[1] : vans_[0];
  // The other van already carries 3 at that time: assigning there must fail and change nothing.
  auto moved = svc_->assign(op_, c->ride.id, other_van);
  ASSERT_FALSE(moved.ok());
  EXPECT_EQ(svc_->ride(op_, c->ride.id)->ride.vehicle_id, c->ride.vehicle_id);
  EXPECT_GE(count("SELECT COUNT(*) FROM pii_access_log WHERE route = 'GET /api/v1/dispatch/rides/{id}'"), 1);
  expect_promises_kept(*svc_);
}

TEST_P(ShuttleServiceTest, ARecurringRideIsBookedOnItsDaysThroughTheHorizon) {
  SeriesInput s;
  s.area_id = area_;
  s.pickup_stop_id = stops_[0];
  s.dropoff_stop_id = stops_[2];
  s.time_min = 7 * 60 + 20;
  s.days = parse_days({"mon", "tue", "wed", "thu", "fri"}, "days").value();
  auto made = svc_->create_series(rider_, s);
  ASSERT_TRUE(made.ok()) << made.error().message_en;
  int booked = 0;
  for (const Occurrence& o : made->second) {
    EXPECT_FALSE(is_weekend(o.day));
    if (o.ride) ++booked;
  }
  EXPECT_EQ(booked, 6);  // Wednesday 2 to Wednesday 9 December: six weekdays (today's 07:20 is still ahead)
  EXPECT_EQ(made->first.booked_through, add_days(LocalDate{2026, 12, 2}, 7));
  ASSERT_TRUE(svc_->cancel_series(rider_, made->first.id).ok());
  EXPECT_EQ(count("SELECT COUNT(*) FROM dispatch_rides WHERE series_id IS NOT NULL AND status = 'promised'"), 0);
}

INSTANTIATE_TEST_SUITE_P(Stores, ShuttleServiceTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace dongne::dispatch
