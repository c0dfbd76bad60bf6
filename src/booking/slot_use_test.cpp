// Per-slot usage counters (booking_slot_use, kept by triggers) against real stores: decisions see other households'
// holdings aggregated and their own rows, the counter lookup is a primary-key search, the counters follow every
// change of bookings and stay exact under concurrent writers.
#include <chrono>
#include <tuple>

#include "booking/rules/availability.h"
#include "booking/service_fixture.h"

namespace dongne::booking {
namespace {

using fixtures::at;
using namespace service_testing;

class SlotUseTest : public BookingServiceTest {};

TEST_P(SlotUseTest, DecisionsCountAggregatedHoldingsAndOwnRows) {
  nlohmann::json rules = open_rules(true);
  rules["max_slots_per_booking"] = 3;
  const int64_t room = make_resource("agg-room", "space", 3, rules);
  const auto who = residents(7, "agg");
  auto id_of = [](const Result<Placed>& r) { return r.ok() ? r->body()["booking"]["id"].get<int64_t>() : int64_t{0}; };
  auto set = [&](int64_t id, const std::string& status, std::optional<EpochMs> hold) {
    ASSERT_TRUE(db_->transact([&](store::Tx& tx) -> Status {
                     return to_status(tx.exec("UPDATE bookings SET status = ?, hold_expires_at = ? WHERE id = ?",
                                              {status, hold ? store::Value(*hold) : store::Value(nullptr), id}));
                   }).ok());
  };
  auto outcome = [](const Result<Placed>& r) {
    return r.ok() ? r->body()["outcome"].get<std::string>() : "refused: " + r.error().reason;
  };
  const auto whole = svc_->book(who[0], slot(room, 3, 9, 6), std::nullopt);  // 09-15, three slots
  EXPECT_EQ(outcome(whole), "confirmed");
  const auto early = svc_->book(who[1], slot(room, 3, 9), std::nullopt);
  const auto mid = svc_->book(who[2], slot(room, 3, 11), std::nullopt);
  EXPECT_EQ(outcome(early), "confirmed");
  EXPECT_EQ(outcome(mid), "confirmed");
  set(id_of(early), "checked_in", std::nullopt);
  set(id_of(mid), "no_show", std::nullopt);
  // 09-11 and 11-13 hold two each: one more fits across both.
  const auto across = svc_->book(who[3], slot(room, 3, 9, 4), std::nullopt);
  EXPECT_EQ(outcome(across), "confirmed");
  EXPECT_EQ(outcome(svc_->book(who[4], slot(room, 3, 11), std::nullopt)), "waitlisted");
  // The household's own three-slot booking (starting before the range) is a duplicate, not another family.
  EXPECT_EQ(outcome(svc_->book(who[0], slot(room, 3, 13), std::nullopt)), "refused: already_booked");
  // Freed by a cancellation, then held by a live offer to someone else: still full; once the offer lapses, free.
  set(id_of(across), "cancelled", std::nullopt);
  set(id_of(across), "offered", clock_.now_ms() + kMsPerHour);
  const auto held = svc_->book(who[5], slot(room, 3, 11), std::nullopt);
  EXPECT_EQ(outcome(held), "waitlisted");
  EXPECT_EQ(held.ok() ? held->body()["waitlist_position"].get<int>() : 0, 2);
  set(id_of(across), "offered", clock_.now_ms() - kMsPerMinute);
  EXPECT_EQ(outcome(svc_->book(who[6], slot(room, 3, 11), std::nullopt)), "confirmed");
}

// The counters of a decision are one range search of booking_slot_use's primary key: no scan of bookings, no
// sorter, no ephemeral table.
TEST_P(SlotUseTest, SlotUseQueryIsAPrimaryKeySearch) {
  if (GetParam() != "sqlite") GTEST_SKIP() << "SQLite query plan";
  const std::vector<store::Value> p = {int64_t{1}, int64_t{0}, int64_t{100}, int64_t{50}};
  std::string plan, code;
  ASSERT_TRUE(db_->read([&](store::Tx& tx) -> Status {
                   DONGNE_ASSIGN_OR_RETURN(auto rows, tx.query("EXPLAIN QUERY PLAN " + repo::slot_use_sql(), p));
                   for (const auto& r : rows.rows) plan += r.str(3) + "\n";
                   DONGNE_ASSIGN_OR_RETURN(auto ops, tx.query("EXPLAIN " + repo::slot_use_sql(), p));
                   for (const auto& r : ops.rows) code += r.str(1) + " ";
                   return ok_status();
                 }).ok());
  EXPECT_NE(plan.find("SEARCH booking_slot_use USING PRIMARY KEY (resource_id=? AND start_ms>? AND start_ms<?)"),
            std::string::npos)
      << plan;
  EXPECT_EQ(plan.find("bookings"), std::string::npos) << plan;
  EXPECT_EQ(plan.find("TEMP B-TREE"), std::string::npos) << plan;
  EXPECT_EQ(code.find("OpenEphemeral"), std::string::npos) << code;
  EXPECT_EQ(code.find("SorterOpen"), std::string::npos) << code;
}

// booking_slot_use is kept by triggers on bookings: after bookings made, waitlisted, offered, accepted, expired,
// cancelled, rejected, approved, checked in and marked no-show through the service, and after spans, persons,
// resources and statuses changed and rows inserted and deleted behind its back (SQL), it equals the sums
// recomputed from the rows, and every decision reads from it exactly what the former aggregate over the rows gave.
TEST_P(SlotUseTest, SlotUseCountersFollowEveryChangeOfBookings) {
  nlohmann::json rules = open_rules(true);
  rules["max_slots_per_booking"] = 3;
  const int64_t room = make_resource("use-room", "space", 2, rules);
  nlohmann::json staff_rules = open_rules(true);
  staff_rules["approval"] = "staff";
  staff_rules["check_in"] = {{"opens_before_minutes", 15}, {"closes_after_minutes", 15}};
  const int64_t hall = make_resource("use-hall", "space", 2, staff_rules);
  const auto who = residents(8, "use");
  auto id_of = [](const Result<Placed>& r) { return r.ok() ? r->body()["booking"]["id"].get<int64_t>() : int64_t{0}; };
  auto status_of_id = [&](int64_t id) { return svc_->booking(admin_, id)->booking.status; };
  auto sql = [&](const std::string& statement, std::vector<store::Value> p) {
    ASSERT_TRUE(db_->transact([&](store::Tx& tx) { return to_status(tx.exec(statement, p)); }).ok()) << statement;
  };
  const std::string holding = "status IN ('pending', 'confirmed', 'checked_in', 'no_show')";
  auto rows_text = [&](const std::string& query) {
    std::string out;
    EXPECT_TRUE(db_->read([&](store::Tx& tx) -> Status {
                     DONGNE_ASSIGN_OR_RETURN(auto rows, tx.query(query));
                     for (const auto& r : rows.rows) {
                       for (size_t i = 0; i < r.values.size(); ++i) out += std::to_string(r.i64(i)) + " ";
                       out += "\n";
                     }
                     return ok_status();
                   }).ok());
    return out;
  };
  auto check = [&](const std::string& when) {
    const std::string counters = rows_text(
        "SELECT resource_id, start_ms, end_ms, holding, persons, waiting FROM booking_slot_use "
        "WHERE holding <> 0 OR persons <> 0 OR waiting <> 0 ORDER BY resource_id, start_ms, end_ms");
    const std::string recomputed = rows_text(
        "SELECT resource_id, start_ms, end_ms, SUM(CASE WHEN " + holding + " THEN 1 ELSE 0 END), SUM(CASE WHEN " +
        holding + " THEN persons ELSE 0 END), SUM(CASE WHEN status = 'waitlisted' THEN 1 ELSE 0 END) FROM bookings "
        "WHERE " + holding + " OR status = 'waitlisted' GROUP BY resource_id, start_ms, end_ms "
        "ORDER BY resource_id, start_ms, end_ms");
    EXPECT_EQ(counters, recomputed) << when;
    EXPECT_EQ(rows_text("SELECT COUNT(*) FROM booking_slot_use WHERE holding < 0 OR persons < 0 OR waiting < 0"),
              "0 \n")
        << when;
    // Every household's decision over each slot and over the whole morning, against the former SQL over rows.
    for (int64_t resource : {room, hall}) {
      for (int day : {2, 3}) {
        for (auto [from, to] : {std::pair{9, 11}, std::pair{11, 13}, std::pair{13, 15}, std::pair{9, 15}}) {
          for (int64_t hh = 1; hh <= 10; ++hh) {
            EXPECT_TRUE(db_->read([&](store::Tx& tx) -> Status {
                             DONGNE_ASSIGN_OR_RETURN(auto res, repo::find_resource(tx, resource, false));
                             repo::DecisionQuery q;
                             q.resource_id = resource;
                             q.kind = ResourceKind::kSpace;
                             q.from = at(2026, 12, day, from);
                             q.to = at(2026, 12, day, to);
                             q.household_id = hh;
                             q.hh_from = q.from;
                             q.hh_to = q.to;
                             q.max_span = res->max_span_ms;
                             DONGNE_ASSIGN_OR_RETURN(auto got, repo::bookings_for_decision(tx, q));
                             const std::vector<store::Value> p = {resource, q.from - q.max_span, q.to, q.from, hh};
                             DONGNE_ASSIGN_OR_RETURN(
                                 auto want, tx.query("SELECT start_ms, end_ms, COUNT(*), SUM(persons) FROM bookings "
                                                     "WHERE resource_id = ? AND start_ms >= ? AND start_ms < ? AND "
                                                     "end_ms > ? AND " + holding + " AND household_id <> ? "
                                                     "GROUP BY start_ms, end_ms ORDER BY start_ms, end_ms", p));
                             DONGNE_ASSIGN_OR_RETURN(
                                 auto waiting, tx.query("SELECT COUNT(*) FROM bookings WHERE resource_id = ? AND "
                                                        "start_ms >= ? AND start_ms < ? AND end_ms > ? AND "
                                                        "status = 'waitlisted' AND household_id <> ?", p));
                             std::string g, w;
                             for (const auto& b : got.others) {
                               g += std::to_string(b.span.start) + " " + std::to_string(b.span.end) + " " +
                                    std::to_string(b.count) + " " + std::to_string(b.persons) + "\n";
                             }
                             for (const auto& r : want.rows) {
                               w += std::to_string(r.i64(0)) + " " + std::to_string(r.i64(1)) + " " +
                                    std::to_string(r.i64(2)) + " " + std::to_string(r.i64(3)) + "\n";
                             }
                             EXPECT_EQ(g, w) << when << ": resource " << resource << " household " << hh;
                             EXPECT_EQ(got.others_waiting, waiting[0].i64(0)) << when << ": household " << hh;
                             return ok_status();
                           }).ok());
          }
        }
      }
    }
    // Availability (the service reads the counters) against the same engine over the bookings' rows.
    svc_->set_availability_ttl(std::chrono::milliseconds(0));
    for (int64_t resource : {room, hall}) {
      auto view = svc_->availability_view(resource, LocalDate{2026, 12, 2}, 2);
      ASSERT_TRUE(view.ok()) << when;
      std::vector<Booking> rows;
      ASSERT_TRUE(db_->read([&](store::Tx& tx) -> Status {
                       DONGNE_ASSIGN_OR_RETURN(
                           auto r, tx.query("SELECT start_ms, end_ms, status, persons, hold_expires_at FROM bookings "
                                            "WHERE resource_id = ? AND (" + holding + " OR status = 'offered')",
                                            {resource}));
                       for (const auto& x : r.rows) {
                         Booking b;
                         b.resource_id = resource;
                         b.span = TimeRange{x.i64(0), x.i64(1)};
                         b.status = dongne::booking::status_of(x.str(2));
                         b.persons = static_cast<int>(x.i64(3));
                         b.hold_expires_at = x.opt_i64(4);
                         rows.push_back(b);
                       }
                       return ok_status();
                     }).ok());
      const auto want = availability((*view)->resource.resource, (*view)->resource.rules, holidays_, rows,
                                     LocalDate{2026, 12, 2}, 2, (*view)->now);
      ASSERT_EQ((*view)->days.size(), want.size());
      for (size_t d = 0; d < want.size(); ++d) {
        ASSERT_EQ((*view)->days[d].slots.size(), want[d].slots.size()) << when;
        for (size_t k = 0; k < want[d].slots.size(); ++k) {
          const auto& g = (*view)->days[d].slots[k];
          const auto& w = want[d].slots[k];
          EXPECT_EQ(std::tie(g.taken, g.left, g.families, g.bookable_now),
                    std::tie(w.taken, w.left, w.families, w.bookable_now))
              << when << ": resource " << resource << " day " << d << " slot " << k;
        }
      }
    }
  };

  // Through the service: confirmed, waitlisted, cancelled -> offered, lapsed -> expired, accepted.
  const auto a = svc_->book(who[0], slot(room, 3, 9), std::nullopt);
  const auto b = svc_->book(who[1], slot(room, 3, 9, 4), std::nullopt);
  const auto c = svc_->book(who[2], slot(room, 3, 9), std::nullopt);
  const auto d = svc_->book(who[3], slot(room, 3, 11), std::nullopt);
  const auto e = svc_->book(who[4], slot(room, 3, 11), std::nullopt);
  EXPECT_EQ(status_of_id(id_of(a)), "confirmed");
  EXPECT_EQ(status_of_id(id_of(c)), "waitlisted");
  EXPECT_EQ(status_of_id(id_of(e)), "waitlisted");
  check("booked");
  ASSERT_TRUE(svc_->cancel(who[0], id_of(a)).ok());
  EXPECT_EQ(status_of_id(id_of(c)), "offered");
  check("cancelled, offered");
  clock_.advance(121 * kMsPerMinute);
  ASSERT_EQ(svc_->expire_offers().value(), 1);
  EXPECT_EQ(status_of_id(id_of(c)), "expired");
  ASSERT_TRUE(svc_->cancel(who[1], id_of(b)).ok());
  EXPECT_EQ(status_of_id(id_of(e)), "offered");
  ASSERT_TRUE(svc_->accept_offer(who[4], id_of(e)).ok());
  check("expired, accepted");

  // Staff approval: pending, rejected, approved, checked in, no-show.
  const auto f = svc_->book(who[5], slot(hall, 2, 9), std::nullopt);
  const auto g = svc_->book(who[6], slot(hall, 2, 9), std::nullopt);
  const auto h = svc_->book(who[7], slot(hall, 2, 9), std::nullopt);
  EXPECT_EQ(status_of_id(id_of(f)), "pending");
  EXPECT_EQ(status_of_id(id_of(h)), "waitlisted");
  check("pending");
  ASSERT_TRUE(svc_->staff_action(admin_, id_of(f), StaffAction::kReject).ok());
  ASSERT_TRUE(svc_->accept_offer(who[7], id_of(h)).ok());
  ASSERT_TRUE(svc_->staff_action(admin_, id_of(g), StaffAction::kApprove).ok());
  ASSERT_TRUE(svc_->staff_action(admin_, id_of(h), StaffAction::kApprove).ok());
  check("rejected, approved");
  clock_.set(at(2026, 12, 2, 8, 50));
  ASSERT_TRUE(svc_->staff_action(admin_, id_of(g), StaffAction::kCheckIn).ok());
  clock_.set(at(2026, 12, 2, 9, 16));
  ASSERT_TRUE(svc_->staff_action(admin_, id_of(h), StaffAction::kNoShow).ok());
  EXPECT_EQ(status_of_id(id_of(h)), "no_show");
  check("checked in, no-show");

  // Behind the service's back: spans, persons, resources and statuses change; rows are copied and deleted.
  sql("UPDATE bookings SET start_ms = start_ms + ?, end_ms = end_ms + ? WHERE id = ?",
      {2 * kMsPerHour, 2 * kMsPerHour, id_of(d)});
  sql("UPDATE bookings SET persons = 3 WHERE id = ? OR id = ?", {id_of(e), id_of(g)});
  sql("UPDATE bookings SET resource_id = ? WHERE id = ?", {hall, id_of(e)});
  sql("UPDATE bookings SET status = 'pending' WHERE id = ?", {id_of(g)});
  sql("UPDATE bookings SET status = 'waitlisted', persons = 2 WHERE id = ?", {id_of(a)});
  check("changed by SQL");
  sql("DELETE FROM booking_penalties", {});
  sql("DELETE FROM bookings WHERE id = ? OR id = ? OR id = ?", {id_of(a), id_of(c), id_of(g)});
  check("deleted");

  // Random changes of every kind, checked every few steps.
  const char* statuses[] = {"pending", "confirmed", "checked_in", "no_show", "offered", "waitlisted",
                            "lottery_entry", "cancelled", "cancelled_late", "rejected", "expired", "not_drawn"};
  std::mt19937 rng(20261203);
  auto pick_id = [&]() -> int64_t {
    const std::string ids = rows_text("SELECT id FROM bookings ORDER BY id");
    std::vector<int64_t> v;
    for (size_t i = 0; i < ids.size();) {
      const size_t sp = ids.find(' ', i);
      v.push_back(std::stoll(ids.substr(i, sp - i)));
      i = sp + 2;
    }
    return v.empty() ? 0 : v[rng() % v.size()];
  };
  for (int step = 1; step <= 60; ++step) {
    const int64_t id = pick_id();
    const int64_t start = at(2026, 12, 3, 9 + 2 * static_cast<int>(rng() % 3));
    switch (rng() % 6) {
      case 0:
      case 1: sql("UPDATE bookings SET status = ? WHERE id = ?", {std::string(statuses[rng() % 12]), id}); break;
      case 2:
        sql("UPDATE bookings SET start_ms = ?, end_ms = ?, persons = ? WHERE id = ?",
            {start, start + static_cast<int64_t>(1 + rng() % 2) * 2 * kMsPerHour, static_cast<int64_t>(1 + rng() % 4),
             id});
        break;
      case 3:
        sql("INSERT INTO bookings (resource_id, household_id, status, start_ms, end_ms, persons, created_at, "
            "updated_at) SELECT resource_id, household_id, ?, start_ms, end_ms, persons, 0, 0 FROM bookings WHERE id = ?",
            {std::string(statuses[rng() % 12]), id});
        break;
      case 4: sql("DELETE FROM bookings WHERE id = ?", {id}); break;
      case 5: sql("UPDATE bookings SET status = 'confirmed' WHERE resource_id = ? AND status = 'waitlisted'", {room});
    }
    if (step % 10 == 0) check("random step " + std::to_string(step));
  }
}

// Counter rows are shared by every booking of a slot. Writers that change bookings of one slot at once without
// the resource lock (READ COMMITTED waits for the row; SERIALIZABLE fails with 40001 and transact() retries)
// still leave exact counts.
TEST_P(SlotUseTest, SlotUseCountersStayExactUnderConcurrentWriters) {
  const int64_t room = make_resource("race-room", "space", 100, open_rules(true));
  const auto who = residents(1, "race");
  constexpr int kThreads = 8, kEach = 4;
  std::vector<int64_t> ids;
  ASSERT_TRUE(db_->transact([&](store::Tx& tx) -> Status {
                   for (int i = 0; i < kThreads * kEach; ++i) {
                     DONGNE_ASSIGN_OR_RETURN(int64_t id,
                                             tx.insert("INSERT INTO bookings (resource_id, household_id, status, "
                                                       "start_ms, end_ms, persons, created_at, updated_at) "
                                                       "VALUES (?, 1, ?, ?, ?, 2, 0, 0)",
                                                       {room, std::string(i % 2 ? "waitlisted" : "confirmed"),
                                                        at(2026, 12, 3, 9), at(2026, 12, 3, 11)}));
                     ids.push_back(id);
                   }
                   return ok_status();
                 }).ok());
  std::atomic<int> failed{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int k = 0; k < kEach; ++k) {
        const int64_t id = ids[static_cast<size_t>(t * kEach + k)];
        Status s = db_->transact(
            [&](store::Tx& tx) {
              return to_status(tx.exec("UPDATE bookings SET status = CASE WHEN status = 'confirmed' THEN 'cancelled' "
                                       "ELSE 'confirmed' END, persons = 3 WHERE id = ?", {id}));
            },
            t % 2 ? store::Isolation::kSerializable : store::Isolation::kReadCommitted);
        if (!s.ok()) failed.fetch_add(1);
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failed.load(), 0);
  int64_t holding = -1, persons = -1, waiting = -1;
  ASSERT_TRUE(db_->read([&](store::Tx& tx) -> Status {
                   DONGNE_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT holding, persons, waiting FROM booking_slot_use "
                                                               "WHERE resource_id = ?", {room}));
                   holding = rows[0].i64(0);
                   persons = rows[0].i64(1);
                   waiting = rows[0].i64(2);
                   return ok_status();
                 }).ok());
  // The waitlisted half is now confirmed with 3 persons each; the confirmed half is cancelled.
  EXPECT_EQ(holding, kThreads * kEach / 2);
  EXPECT_EQ(persons, 3 * kThreads * kEach / 2);
  EXPECT_EQ(waiting, 0);
}

// Resource JSON is parsed once per distinct text: a change written behind this service's back (another instance)
// is seen by the very next booking.
INSTANTIATE_TEST_SUITE_P(Stores, SlotUseTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace dongne::booking
