// Luggage delivery on both stores at fixed times: an order is scheduled with its tracking link and codes and its
// deadline kept, bad orders change nothing, a full day says no with a later deadline that then fits, the courier
// confirms with the codes and the delivery counts, a late pickup is flagged before the deadline, cancelling by the
// link, and a traveller's Idempotency-Key replays only the same order.
#include <gtest/gtest.h>

#include "dispatch/repo.h"
#include "dispatch/rules.h"
#include "dispatch/service.h"
#include "dispatch/test_rows.h"
#include "store/test_store.h"

namespace dongne::dispatch {
namespace {

EpochMs at(const char* rfc) { return parse_rfc3339(rfc).value(); }

class LuggageTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    db_ = store_.make();
    if (!db_) {
      if (!store_.skip_reason().empty()) GTEST_SKIP() << store_.skip_reason();
      FAIL() << store_.error();
    }
    svc_ = std::make_unique<ShuttleService>(*db_, clock_);
    ASSERT_TRUE(db_->transact([&](store::Tx& tx) -> Status {
                     DONGNE_ASSIGN_OR_RETURN(op_org_, testing::insert_operator(tx, "t-lug", "시험 짐배송", "Test luggage"));
                     DONGNE_TRY(testing::insert_users(tx, users_, 4));
                     AreaRecord a;
                     a.code = "t-lug";
                     a.kind = "luggage";
                     a.operator_id = op_org_;
                     a.name_ko = "시험 짐 배송";
                     a.name_en = "Test luggage";
                     a.rules.boundary = {{126.36, 37.36}, {126.80, 37.36}, {126.80, 37.58}, {126.36, 37.58}};
                     a.rules.open_min = 7 * 60;
                     a.rules.close_min = 21 * 60;
                     a.rules.lead_min = 30;
                     a.rules.max_wait_min = 60;
                     a.rules.stop_service_s = 300;
                     a.rules.base_fare_won = 10000;
                     a.rules.per_km_won = 200;
                     a.rules.per_bag_won = 5000;
                     a.rules.max_passengers = 8;
                     a.rules.road_factor = 1.35;
                     a.rules.speeds = {{0, 50}};
                     DONGNE_ASSIGN_OR_RETURN(area_, repo::upsert_area(tx, a, 0));
                     // Terminal 1, Terminal 2, a Songdo hotel, a Bupyeong hotel.
                     const LonLat pts[4] = {{126.4509, 37.4492}, {126.4330, 37.4679}, {126.6415, 37.3894}, {126.7237, 37.4892}};
                     for (int i = 0; i < 4; ++i) {
                       DONGNE_ASSIGN_OR_RETURN(places_[i], repo::upsert_stop(tx, {0, area_, "P" + std::to_string(i), "장소", "Place", pts[i]}));
                     }
                     VehicleRecord v;
                     v.area_id = area_;
                     v.label = "Van 1";
                     v.seats = 4;
                     v.depot_stop_id = places_[0];
                     v.driver_user_id = users_[2];
                     v.shift_start_min = 7 * 60;
                     v.shift_end_min = 21 * 60;
                     DONGNE_ASSIGN_OR_RETURN(van_, repo::upsert_vehicle(tx, v));
                     return ok_status();
                   }).ok());
    resident_ = {users_[0], "Nguyen Thi Lan", "en", {Grant{Role::kResident, "", 0, ""}}};
    op_ = {users_[1], "운영자", "ko", {Grant{Role::kOperator, "operator", op_org_, ""}}};
    courier_ = {users_[2], "기사", "ko", {Grant{Role::kDriver, "operator", op_org_, ""}}};
  }

  LuggageInput order(int from, int to, const char* ready, const char* by, int bags = 2) {
    LuggageInput in;
    in.area_id = area_;
    in.pickup_place_id = places_[from];
    in.delivery_place_id = places_[to];
    in.ready_at = at(ready);
    in.deliver_by = at(by);
    in.bags = bags;
    in.flight = "KE902";
    in.customer_name = "Tran Van Minh";
    in.customer_phone = "010-1234-5678";
    return in;
  }

  int count(const std::string& sql) {
    int n = -1;
    EXPECT_TRUE(db_->read([&](store::Tx& tx) -> Status {
                     DONGNE_ASSIGN_OR_RETURN(auto rows, tx.query(sql));
                     n = static_cast<int>(rows[0].i64(0));
                     return ok_status();
                   }).ok());
    return n;
  }

  static std::string reason_of(const Error& e) {
    return e.fields.empty() ? e.reason : e.fields[0].field + ":" + e.fields[0].code;
  }

  store::testing::TestStore store_{GetParam()};
  std::unique_ptr<store::Database> db_;
  ManualClock clock_{at("2026-12-02T07:00:00+09:00")};
  std::unique_ptr<ShuttleService> svc_;
  int64_t op_org_ = 0, area_ = 0, users_[4] = {}, places_[4] = {}, van_ = 0;
  Principal resident_, op_, courier_;
};

TEST_P(LuggageTest, AnOrderIsScheduledWithItsLinkAndCodesAndTheDeadlineKept) {
  auto o = svc_->order_luggage(nullptr, order(0, 2, "2026-12-02T09:00:00+09:00", "2026-12-02T12:00:00+09:00"), std::nullopt);
  ASSERT_TRUE(o.ok()) << o.error().message_en;
  const RideRecord& t = o->trip.ride;
  EXPECT_EQ(t.status, "promised");
  EXPECT_EQ(t.window_end_s - t.window_start_s, 3600);
  ASSERT_TRUE(t.dropoff_eta_s && t.pickup_eta_s);
  EXPECT_GE(*t.pickup_eta_s, t.window_start_s);
  EXPECT_LE(*t.dropoff_eta_s, *t.deliver_by_s);
  EXPECT_EQ(o->order.tracking_token.size(), 43u);
  EXPECT_EQ(o->order.pickup_code.size(), 6u);
  EXPECT_NE(o->order.pickup_code, o->order.delivery_code);
  EXPECT_EQ(o->order.fee_won, fare_won(AreaRules{.base_fare_won = 10000, .per_km_won = 200}, t.distance_m) + 2 * 5000);
  EXPECT_TRUE(o->codes);
  EXPECT_TRUE(o->risk.empty()) << o->risk;
  EXPECT_FALSE(o->contact);  // a traveller sees her own order, not the operator's view of it

  auto tracked = svc_->track(o->order.tracking_token);
  ASSERT_TRUE(tracked.ok());
  EXPECT_EQ(tracked->trip.ride.id, t.id);
  EXPECT_TRUE(svc_->track("not-a-token-but-long-enough").error().code == Code::kNotFound);
  EXPECT_EQ(count("SELECT COUNT(*) FROM events WHERE type = 'dispatch.delivery_ordered'"), 1);
  // The operator's day lists it with the customer's phone, as one logged read.
  auto day = svc_->luggage_day(op_, area_, std::nullopt);
  ASSERT_TRUE(day.ok()) << day.error().message_en;
  ASSERT_EQ(day->orders.size(), 1u);
  EXPECT_TRUE(day->orders[0].contact);
  EXPECT_EQ(day->figures.scheduled, 1);
  EXPECT_EQ(day->figures.bags, 2);
  EXPECT_EQ(count("SELECT COUNT(*) FROM pii_access_log WHERE route = 'GET /api/v1/dispatch/luggage/areas/{id}/orders'"), 1);
  // A shuttle request cannot be sent to a luggage area.
  RideInput ride;
  ride.area_id = area_;
  ride.pickup_stop_id = places_[0];
  ride.dropoff_stop_id = places_[2];
  EXPECT_EQ(reason_of(svc_->request(resident_, ride, std::nullopt).error()), "area_id:not_a_shuttle");
}

TEST_P(LuggageTest, BadOrdersGetFieldErrorsAndChangeNothing) {
  auto reason = [&](const LuggageInput& in, const Principal* p = nullptr) {
    auto r = svc_->order_luggage(p, in, std::nullopt);
    return r.ok() ? std::string("ok") : reason_of(r.error());
  };
  EXPECT_EQ(reason(order(0, 2, "2026-12-02T12:00:00+09:00", "2026-12-02T11:00:00+09:00")), "deliver_by:pickup_after_delivery");
  EXPECT_EQ(reason(order(0, 2, "2026-12-02T09:00:00+09:00", "2026-12-02T09:10:00+09:00")), "deliver_by:impossible_deadline");
  EXPECT_EQ(reason(order(0, 2, "2026-12-02T20:00:00+09:00", "2026-12-03T09:00:00+09:00")), "deliver_by:same_day");
  EXPECT_EQ(reason(order(0, 0, "2026-12-02T09:00:00+09:00", "2026-12-02T12:00:00+09:00")), "delivery_place_id:same_place");
  EXPECT_EQ(reason(order(0, 2, "2026-12-02T09:00:00+09:00", "2026-12-02T12:00:00+09:00", 9)), "bags:range");
  EXPECT_EQ(reason(order(0, 2, "2026-12-02T06:00:00+09:00", "2026-12-02T12:00:00+09:00")), "ready_at:outside_hours");
  auto nobody = order(0, 2, "2026-12-02T09:00:00+09:00", "2026-12-02T12:00:00+09:00");
  nobody.customer_phone.reset();
  EXPECT_EQ(reason(nobody), "customer.contact:required");
  auto mine = nobody;  // a signed-in resident may leave the contact to her account
  mine.customer_name.reset();
  EXPECT_EQ(reason(mine, &resident_), "ok");
  auto other = order(0, 2, "2026-12-02T09:00:00+09:00", "2026-12-02T12:00:00+09:00");
  other.pickup_place_id = 999999;
  EXPECT_EQ(reason(other), "pickup_place_id:unknown_place");
  EXPECT_EQ(count("SELECT COUNT(*) FROM dispatch_rides"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM dispatch_luggage_orders"), 1);
  auto mine_list = svc_->my_luggage(resident_);
  ASSERT_TRUE(mine_list.ok());
  ASSERT_EQ(mine_list->size(), 1u);
  EXPECT_EQ((*mine_list)[0].order.customer_name, "Nguyen Thi Lan");
}

TEST_P(LuggageTest, AFullVanSaysNoWithALaterDeadlineThatThenFits) {
  // The van (4 bags) takes 4 bags from Terminal 1 to Songdo (there about 09:35).
  auto first = svc_->order_luggage(nullptr, order(0, 2, "2026-12-02T09:00:00+09:00", "2026-12-02T10:30:00+09:00", 4), std::nullopt);
  ASSERT_TRUE(first.ok()) << first.error().message_en;
  // 4 more bags from Songdo to Bupyeong by 09:55: whichever it takes first, the van cannot be there in time.
  auto second = svc_->order_luggage(nullptr, order(2, 3, "2026-12-02T09:00:00+09:00", "2026-12-02T09:55:00+09:00", 4), std::nullopt);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().reason, "no_vehicle");
  std::string later;
  for (const auto& [k, v] : second.error().extensions)
    if (k == "later_deadline_at") later = v;
  ASSERT_FALSE(later.empty()) << second.error().message_en;
  EXPECT_EQ(later, "2026-12-02T10:25:00+09:00");
  EXPECT_EQ(count("SELECT COUNT(*) FROM dispatch_rides WHERE status = 'refused'"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM dispatch_luggage_orders"), 1);
  auto again = order(2, 3, "2026-12-02T09:00:00+09:00", "2026-12-02T09:55:00+09:00", 4);
  again.deliver_by = at(later.c_str());
  auto third = svc_->order_luggage(nullptr, again, std::nullopt);
  ASSERT_TRUE(third.ok()) << third.error().message_en;
  EXPECT_LE(*third->trip.ride.dropoff_eta_s, *third->trip.ride.deliver_by_s);
  // The first order's promise still holds.
  auto kept = svc_->track(first->order.tracking_token);
  EXPECT_LE(*kept->trip.ride.dropoff_eta_s, *kept->trip.ride.deliver_by_s);
}

TEST_P(LuggageTest, TheCourierConfirmsWithTheCodesAndTheDeliveryCounts) {
  auto o = svc_->order_luggage(nullptr, order(0, 2, "2026-12-02T07:30:00+09:00", "2026-12-02T10:00:00+09:00"), std::nullopt);
  ASSERT_TRUE(o.ok()) << o.error().message_en;
  const int64_t id = o->trip.ride.id;
  clock_.set(at("2026-12-02T07:35:00+09:00"));
  auto day = svc_->driver_today(courier_);
  ASSERT_TRUE(day.ok());
  ASSERT_EQ(day->stops.size(), 2u);
  EXPECT_EQ(day->stops[0].ride.kind, "luggage");
  EXPECT_EQ(reason_of(svc_->driver_stop(courier_, id, "picked_up", std::nullopt).error()), "code:required");
  const std::string wrong = o->order.pickup_code == "000000" ? "111111" : "000000";
  EXPECT_EQ(reason_of(svc_->driver_stop(courier_, id, "picked_up", wrong).error()), "code:wrong_code");
  ASSERT_TRUE(svc_->driver_stop(courier_, id, "picked_up", o->order.pickup_code).ok());
  auto picked = svc_->track(o->order.tracking_token);
  EXPECT_EQ(picked->trip.ride.status, "onboard");
  EXPECT_TRUE(picked->order.paid_at.has_value());
  EXPECT_FALSE(svc_->cancel_by_token(o->order.tracking_token).ok());  // too late to cancel
  clock_.set(at("2026-12-02T08:20:00+09:00"));
  EXPECT_EQ(reason_of(svc_->driver_stop(courier_, id, "dropped_off", o->order.pickup_code).error()), "code:wrong_code");
  ASSERT_TRUE(svc_->driver_stop(courier_, id, "dropped_off", o->order.delivery_code).ok());
  EXPECT_EQ(svc_->track(o->order.tracking_token)->trip.ride.status, "completed");
  EXPECT_EQ(count("SELECT COUNT(*) FROM events WHERE type = 'dispatch.delivery_completed' AND payload LIKE '%\"on_time\":true%'"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM events WHERE type = 'dispatch.ride_completed'"), 0);
  auto figures = svc_->luggage_day(op_, area_, std::nullopt);
  ASSERT_TRUE(figures.ok());
  EXPECT_EQ(figures->figures.delivered, 1);
  EXPECT_EQ(figures->figures.delivered_on_time, 1);
}

TEST_P(LuggageTest, ALatePickupOrATightPlanIsFlaggedBeforeTheDeadline) {
  auto o = svc_->order_luggage(nullptr, order(0, 2, "2026-12-02T08:00:00+09:00", "2026-12-02T12:00:00+09:00"), std::nullopt);
  ASSERT_TRUE(o.ok()) << o.error().message_en;
  EXPECT_TRUE(o->risk.empty());
  // The window closes at 09:00; at 09:10 the bags are still not picked up.
  clock_.set(at("2026-12-02T09:10:00+09:00"));
  auto late = svc_->track(o->order.tracking_token);
  ASSERT_TRUE(late.ok());
  EXPECT_NE(late->risk.find("pickup window has passed"), std::string::npos) << late->risk;
  EXPECT_EQ(svc_->luggage_day(op_, area_, std::nullopt)->figures.late_risk, 1);
  // A deadline that leaves the van less than 20 minutes to spare is flagged at once.
  RideRecord tight = o->trip.ride;
  tight.status = "promised";
  tight.dropoff_eta_s = *tight.deliver_by_s - 600;
  EXPECT_NE(luggage_risk(20, tight, -1).find("less than 20 min"), std::string::npos);
  tight.dropoff_eta_s = *tight.deliver_by_s - 1800;
  EXPECT_EQ(luggage_risk(20, tight, -1), "");
}

TEST_P(LuggageTest, ATravellerCancelsByHerLinkAndHerKeyReplaysOnlyTheSameOrder) {
  const auto in = order(0, 2, "2026-12-02T09:00:00+09:00", "2026-12-02T12:00:00+09:00");
  auto a = svc_->order_luggage(nullptr, in, std::string("k-1"));
  auto b = svc_->order_luggage(nullptr, in, std::string("k-1"));
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->trip.ride.id, b->trip.ride.id);
  auto changed = in;
  changed.flight = "OZ102";
  auto c = svc_->order_luggage(nullptr, changed, std::string("k-1"));  // another traveller's same key: a new order
  ASSERT_TRUE(c.ok());
  EXPECT_NE(c->trip.ride.id, a->trip.ride.id);
  auto cancelled = svc_->cancel_by_token(a->order.tracking_token);
  ASSERT_TRUE(cancelled.ok()) << cancelled.error().message_en;
  EXPECT_EQ(cancelled->trip.ride.status, "cancelled");
  EXPECT_EQ(reason_of(svc_->cancel_by_token(a->order.tracking_token).error()), "not_active");
  EXPECT_EQ(count("SELECT COUNT(*) FROM events WHERE type = 'dispatch.delivery_cancelled'"), 1);
}

INSTANTIATE_TEST_SUITE_P(Stores, LuggageTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace dongne::dispatch
