// BookingService against real stores: 256 threads booking 10 places (exactly 10 confirmed, the rest waitlisted or
// refused as full, every refusal with a reason), items never lent twice, idempotent retries under concurrency,
// waitlist offer after a cancellation, lottery draw re-run from its seed. SQLite always; PostgreSQL when DONGNE_PG
// is set (scripts/with-postgres.sh), otherwise those cases are skipped.
#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <mutex>
#include <random>
#include <thread>

#include "booking/repo.h"
#include "booking/rules/fixtures.h"
#include "booking/rules/usage.h"
#include "booking/rules_json.h"
#include "booking/service.h"
#include "booking/service_fixture.h"
#include "store/test_store.h"

namespace dongne::booking {
namespace {

using fixtures::at;
using namespace service_testing;

TEST_P(BookingServiceTest, TwoHundredFiftySixThreadsTenPlacesWaitlist) {
  const int64_t room = make_resource("rush-room", "space", 10, open_rules(true));
  const auto who = residents(256, "w");
  const auto results = rush(*svc_, who, slot(room, 2, 11), "rush-");
  std::map<std::string, int> outcomes;
  for (const auto& r : results) {
    ASSERT_TRUE(r.ok()) << r.error().message_en << " (" << r.error().reason << ")";
    outcomes[r->body()["outcome"].get<std::string>()]++;
    if (r->body()["outcome"] == "waitlisted") {
      EXPECT_EQ(r->body()["reason"], "full");
    }
  }
  EXPECT_EQ(outcomes["confirmed"], 10);
  EXPECT_EQ(outcomes["waitlisted"], 246);
  EXPECT_EQ(count("resource_id = ? AND status = 'confirmed'", {room}), 10);
  EXPECT_EQ(count("resource_id = ? AND status = 'waitlisted'", {room}), 246);
}

TEST_P(BookingServiceTest, TwoHundredFiftySixThreadsTenPlacesRefusedFull) {
  const int64_t room = make_resource("rush-room-nowait", "space", 10, open_rules(false));
  const auto who = residents(256, "r");
  const auto results = rush(*svc_, who, slot(room, 2, 13), "nowait-");
  int confirmed = 0;
  int full = 0;
  for (const auto& r : results) {
    if (r.ok()) {
      EXPECT_EQ(r->body()["outcome"], "confirmed");
      ++confirmed;
    } else {
      EXPECT_EQ(r.error().reason, "full") << r.error().message_en;
      EXPECT_FALSE(r.error().message_ko.empty());
      ++full;
    }
  }
  EXPECT_EQ(confirmed, 10);
  EXPECT_EQ(full, 246);
  EXPECT_EQ(count("resource_id = ? AND status = 'confirmed'", {room}), 10);
}

TEST_P(BookingServiceTest, ItemNeverLentTwice) {
  nlohmann::json rules = open_rules(false);
  rules["max_loan_days"] = 3;
  rules["turnaround_days"] = 1;
  const int64_t item = make_resource("outfits", "item", 1, rules, nlohmann::json::array({{{"id", 1}, {"label", "90"}, {"stock", 3}}}));
  const auto who = residents(64, "i");
  std::vector<BookingInput> asks;
  std::atomic<bool> go{false};
  std::vector<std::optional<Result<Placed>>> results(who.size());
  std::vector<std::thread> threads;
  for (size_t i = 0; i < who.size(); ++i) {
    threads.emplace_back([&, i] {
      BookingInput in;
      in.resource_id = item;
      in.variant_id = 1;
      in.pickup_date = LocalDate{2026, 12, static_cast<int>(2 + i % 2)};  // overlapping loans Wed-Thu, Thu-Fri
      in.return_date = add_days(in.pickup_date, 1);
      while (!go.load()) std::this_thread::yield();
      results[i] = svc_->book(who[i], in, std::nullopt);
    });
  }
  go = true;
  for (auto& t : threads) t.join();
  // Every day of December 2..8: pieces out (loan days + 1 cleaning day) never exceed the stock of 3.
  std::vector<Booking> out;
  ASSERT_TRUE(db_->read([&](store::Tx& tx) -> Status {
                   DONGNE_ASSIGN_OR_RETURN(auto rows, repo::bookings_of_resource(tx, item, 0, INT64_MAX, 1));
                   for (const auto& r : rows) out.push_back(r.booking);
                   return ok_status();
                 }).ok());
  auto res = svc_->resource(item);
  ASSERT_TRUE(res.ok());
  const auto per_day = pieces_out_per_day(res->resource, out, 1, LocalDate{2026, 12, 1}, 10, 1, clock_.now_ms());
  for (int n : per_day) EXPECT_LE(n, 3);
  EXPECT_EQ(*std::max_element(per_day.begin(), per_day.end()), 3);
  int refused = 0;
  for (const auto& r : results) {
    if (!r->ok()) {
      EXPECT_EQ(r->error().reason, "full");
      ++refused;
    }
  }
  EXPECT_GT(refused, 0);
}

TEST_P(BookingServiceTest, SameIdempotencyKeyConcurrentlyGivesOneBookingAndOneAnswer) {
  const int64_t room = make_resource("idem-room", "space", 10, open_rules(true));
  const auto who = residents(1, "k");
  std::vector<std::optional<Result<Placed>>> results(16);
  std::atomic<bool> go{false};
  std::vector<std::thread> threads;
  for (size_t i = 0; i < results.size(); ++i) {
    threads.emplace_back([&, i] {
      while (!go.load()) std::this_thread::yield();
      results[i] = svc_->book(who[0], slot(room, 3, 9), std::string("same-key"));
    });
  }
  go = true;
  for (auto& t : threads) t.join();
  int fresh = 0;
  for (const auto& r : results) {
    ASSERT_TRUE(r->ok()) << r->error().message_en;
    EXPECT_EQ(r->value().text, results[0]->value().text);
    fresh += r->value().replayed ? 0 : 1;
  }
  EXPECT_EQ(fresh, 1);
  EXPECT_EQ(count("resource_id = ?", {room}), 1);
  // The same key for a different request is refused, not replayed.
  auto other = svc_->book(who[0], slot(room, 3, 11), std::string("same-key"));
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.error().reason, "idempotency_key_reused");
  // A week later the stored answer is purged; the key is free again.
  EXPECT_EQ(svc_->purge_answers().value(), 0);
  clock_.advance(8 * kMsPerDay);
  EXPECT_EQ(svc_->purge_answers().value(), 1);
}

TEST_P(BookingServiceTest, CancellationOffersThePlaceToTheWaitlist) {
  const int64_t studio = make_resource("studio", "studio", 1, open_rules(true));
  const auto who = residents(3, "c");
  auto a = svc_->book(who[0], slot(studio, 4, 9), std::nullopt);
  auto b = svc_->book(who[1], slot(studio, 4, 9), std::nullopt);
  auto c = svc_->book(who[2], slot(studio, 4, 9), std::nullopt);
  ASSERT_TRUE(a.ok() && b.ok() && c.ok());
  EXPECT_EQ(a->body()["outcome"], "confirmed");
  EXPECT_EQ(b->body()["waitlist_position"], 1);
  EXPECT_EQ(c->body()["waitlist_position"], 2);
  const int64_t a_id = a->body()["booking"]["id"], b_id = b->body()["booking"]["id"], c_id = c->body()["booking"]["id"];
  // Someone else cannot cancel it.
  auto foreign = svc_->cancel(who[1], a_id);
  ASSERT_FALSE(foreign.ok());
  EXPECT_EQ(foreign.error().code, Code::kForbidden);
  ASSERT_TRUE(svc_->cancel(who[0], a_id).ok());
  auto offered = svc_->booking(who[1], b_id);
  ASSERT_TRUE(offered.ok());
  EXPECT_EQ(offered->booking.status, "offered");
  EXPECT_EQ(svc_->booking(who[2], c_id)->booking.status, "waitlisted");
  // The offer holds the place: a newcomer is waitlisted.
  auto late = residents(1, "late");
  auto d = svc_->book(late[0], slot(studio, 4, 9), std::nullopt);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->body()["outcome"], "waitlisted");
  // The offer lapses; the job passes it to the next in line, who accepts.
  clock_.advance(121 * kMsPerMinute);
  auto expired = svc_->expire_offers();
  ASSERT_TRUE(expired.ok());
  EXPECT_EQ(expired.value(), 1);
  EXPECT_EQ(svc_->booking(who[1], b_id)->booking.status, "expired");
  EXPECT_EQ(svc_->booking(who[2], c_id)->booking.status, "offered");
  auto accepted = svc_->accept_offer(who[2], c_id);
  ASSERT_TRUE(accepted.ok()) << accepted.error().message_en;
  EXPECT_EQ(accepted->booking.status, "confirmed");
  EXPECT_EQ(count("resource_id = ? AND status = 'confirmed'", {studio}), 1);
}

TEST_P(BookingServiceTest, LotteryDrawsOnceAndReRunsFromItsSeed) {
  nlohmann::json rules = {{"closed_on_public_holidays", false},
                          {"window", {{"opens_days_ahead", 60}, {"opens_at", "09:00"}, {"closes_before_minutes", 0}}},
                          {"max_persons_per_booking", 4}, {"allocation", "lottery"},
                          {"lottery_draw_at", "2026-12-10T10:00:00+09:00"}, {"eligibility", {{"city_code", "jinju"}}}};
  const int64_t camp = make_resource("camp", "event", 10, rules, nlohmann::json::array(),
                                     nlohmann::json::array({{{"start", "2026-12-19T10:00:00+09:00"}, {"end", "2026-12-19T16:00:00+09:00"}}}));
  const auto who = residents(12, "l");
  for (const auto& p : who) {
    BookingInput in;
    in.resource_id = camp;
    in.start = at(2026, 12, 19, 10);
    in.end = at(2026, 12, 19, 16);
    in.persons = 2;
    auto r = svc_->book(p, in, std::nullopt);
    ASSERT_TRUE(r.ok()) << r.error().message_en;
    EXPECT_EQ(r->body()["outcome"], "entered_lottery");
  }
  auto before = svc_->lottery(camp);
  ASSERT_TRUE(before.ok());
  EXPECT_FALSE(before.value()["seed"].get<std::string>().empty());  // published before the draw
  EXPECT_TRUE(before.value()["result"].is_null());
  ASSERT_EQ(svc_->draw_due_lotteries().value(), 0);  // not due yet
  clock_.set(at(2026, 12, 10, 10, 1));
  ASSERT_EQ(svc_->draw_due_lotteries().value(), 1);
  ASSERT_EQ(svc_->draw_due_lotteries().value(), 0);  // drawn once
  EXPECT_EQ(count("resource_id = ? AND status = 'confirmed'", {camp}), 5);  // 10 places / 2 persons
  EXPECT_EQ(count("resource_id = ? AND status = 'waitlisted'", {camp}), 7);
  auto verify = svc_->verify_lottery(camp);
  ASSERT_TRUE(verify.ok());
  EXPECT_TRUE(verify.value()["same"].get<bool>());
  auto again = svc_->draw_lottery(&admin_, camp);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().reason, "already_drawn");
}

TEST_P(BookingServiceTest, LongBookingStillCountsInItsLaterSlots) {
  nlohmann::json rules = open_rules(false);
  rules["max_slots_per_booking"] = 3;
  const int64_t room = make_resource("long-room", "space", 1, rules);
  const auto who = residents(2, "long");
  auto whole = svc_->book(who[0], slot(room, 7, 9, 6), std::nullopt);  // 09:00-15:00, three slots
  ASSERT_TRUE(whole.ok()) << whole.error().message_en;
  auto later = svc_->book(who[1], slot(room, 7, 13), std::nullopt);   // 13:00-15:00, inside it
  ASSERT_FALSE(later.ok());
  EXPECT_EQ(later.error().reason, "full");
  auto days = svc_->availability(room, LocalDate{2026, 12, 7}, 1);
  ASSERT_TRUE(days.ok());
  for (const auto& s : days.value()[0].slots) EXPECT_EQ(s.left, s.span.start < at(2026, 12, 7, 15) ? 0 : 1);
}

// On PostgreSQL bookings of different hours run in parallel (repo.h, "Locks"); ranges of one, two and three slots
// that overlap in part must still never hold one place twice, nor miss a long booking that raised max_span_ms.
TEST_P(BookingServiceTest, OverlappingRangesBookedAtOnceNeverShareAPlace) {
  nlohmann::json rules = open_rules(false);
  rules["max_slots_per_booking"] = 3;
  const int64_t room = make_resource("overlap-room", "space", 1, rules);
  const auto who = residents(96, "ov");
  std::vector<BookingInput> asks;
  std::mt19937 rng(7);
  for (size_t i = 0; i < who.size(); ++i) {
    const int slots = 1 + static_cast<int>(rng() % 3);
    const int first = static_cast<int>(rng() % static_cast<unsigned>(5 - slots));  // 09:00 + 2h * first
    asks.push_back(slot(room, 7 + static_cast<int>(i % 2), 9 + 2 * first, 2 * slots));
  }
  std::atomic<bool> go{false};
  std::vector<std::thread> threads;
  std::atomic<int> failed{0};
  for (size_t i = 0; i < who.size(); ++i) {
    threads.emplace_back([&, i] {
      while (!go.load()) std::this_thread::yield();
      auto r = svc_->book(who[i], asks[i], std::nullopt);
      if (!r.ok() && r.error().reason != "full") failed.fetch_add(1);
    });
  }
  go = true;
  for (auto& t : threads) t.join();
  EXPECT_EQ(failed.load(), 0);
  std::vector<std::pair<int64_t, int64_t>> held;
  ASSERT_TRUE(db_->read([&](store::Tx& tx) -> Status {
                   DONGNE_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT start_ms, end_ms FROM bookings WHERE "
                                                               "resource_id = ? AND status = 'confirmed' ORDER BY start_ms",
                                                               {room}));
                   for (const auto& r : rows.rows) held.emplace_back(r.i64(0), r.i64(1));
                   return ok_status();
                 }).ok());
  ASSERT_GE(held.size(), 2u);  // at least one on each day
  for (size_t i = 1; i < held.size(); ++i) {
    EXPECT_LE(held[i - 1].second, held[i].first) << "two confirmed bookings overlap at " << held[i].first;
  }
}

TEST_P(BookingServiceTest, StaffApprovalLoansRemindersAndNoShows) {
  nlohmann::json rules = open_rules(true);
  rules["approval"] = "staff";
  rules["check_in"] = {{"opens_before_minutes", 15}, {"closes_after_minutes", 15}};
  const int64_t room = make_resource("approval-room", "space", 1, rules);
  const auto who = residents(2, "a");
  auto a = svc_->book(who[0], slot(room, 2, 9), std::nullopt);
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->body()["outcome"], "pending_approval");
  const int64_t a_id = a->body()["booking"]["id"];
  // Only staff approve; rejecting frees the place for the waitlist.
  ASSERT_FALSE(svc_->staff_action(who[0], a_id, StaffAction::kApprove).ok());
  auto b = svc_->book(who[1], slot(room, 2, 9), std::nullopt);
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b->body()["outcome"], "waitlisted");
  ASSERT_TRUE(svc_->staff_action(admin_, a_id, StaffAction::kReject).ok());
  const int64_t b_id = b->body()["booking"]["id"];
  EXPECT_EQ(svc_->booking(who[1], b_id)->booking.status, "offered");
  ASSERT_TRUE(svc_->accept_offer(who[1], b_id).ok());
  EXPECT_EQ(svc_->booking(who[1], b_id)->booking.status, "pending");
  ASSERT_TRUE(svc_->staff_action(admin_, b_id, StaffAction::kApprove).ok());
  // The day before: one reminder, once.
  auto sent = svc_->send_reminders();
  ASSERT_TRUE(sent.ok());
  EXPECT_EQ(sent.value(), 1);
  EXPECT_EQ(svc_->send_reminders().value(), 0);
  // Check-in opens 15 minutes before; after the window a no-show is recorded as a penalty.
  clock_.set(at(2026, 12, 2, 8, 40));
  auto early = svc_->staff_action(admin_, b_id, StaffAction::kCheckIn);
  ASSERT_FALSE(early.ok());
  EXPECT_EQ(early.error().reason, "too_early");
  clock_.set(at(2026, 12, 2, 9, 16));
  ASSERT_TRUE(svc_->staff_action(admin_, b_id, StaffAction::kNoShow).ok());
  int64_t penalties = 0;
  ASSERT_TRUE(db_->read([&](store::Tx& tx) -> Status {
                   DONGNE_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT COUNT(*) FROM booking_penalties WHERE kind = 'no_show'"));
                   penalties = rows[0].i64(0);
                   return ok_status();
                 }).ok());
  EXPECT_EQ(penalties, 1);

  // An item loan: picked up (check-in) then returned; returning twice is refused.
  nlohmann::json item_rules = open_rules(false);
  item_rules["check_in"] = {{"opens_before_minutes", 0}, {"closes_after_minutes", 540}};
  const int64_t item = make_resource("loan", "item", 1, item_rules, nlohmann::json::array({{{"id", 1}, {"label", "set"}, {"stock", 1}}}));
  BookingInput loan;
  loan.resource_id = item;
  loan.variant_id = 1;
  loan.pickup_date = LocalDate{2026, 12, 3};
  loan.return_date = LocalDate{2026, 12, 4};
  auto l = svc_->book(who[0], loan, std::nullopt);
  ASSERT_TRUE(l.ok()) << l.error().message_en;
  const int64_t l_id = l->body()["booking"]["id"];
  clock_.set(at(2026, 12, 3, 11));
  ASSERT_TRUE(svc_->staff_action(admin_, l_id, StaffAction::kCheckIn).ok());
  auto ret = svc_->staff_action(admin_, l_id, StaffAction::kReturned);
  ASSERT_TRUE(ret.ok());
  EXPECT_TRUE(ret->booking.returned_at.has_value());
  auto twice = svc_->staff_action(admin_, l_id, StaffAction::kReturned);
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.error().reason, "already_returned");
}

// Other households' holdings reach the engine summed per span (repo::bookings_for_decision); the household's own
// bookings and live waitlist offers stay rows. Every holding status counts, a lapsed offer does not, and the
// household's own earlier-starting booking still makes a duplicate.
TEST_P(BookingServiceTest, ChangedResourceRulesAreNeverServedStale) {
  const int64_t room = make_resource("stale-room", "space", 1, open_rules(true));
  const auto who = residents(3, "stale");
  auto first = svc_->book(who[0], slot(room, 4, 9), std::nullopt);
  ASSERT_TRUE(first.ok());
  auto second = svc_->book(who[1], slot(room, 4, 9), std::nullopt);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->body()["outcome"], "waitlisted");
  ASSERT_TRUE(db_->transact([&](store::Tx& tx) -> Status {
                   return to_status(tx.exec("UPDATE booking_resources SET rules = ? WHERE id = ?",
                                            {open_rules(false).dump(), room}));
                 }).ok());
  auto third = svc_->book(who[2], slot(room, 4, 9), std::nullopt);
  ASSERT_FALSE(third.ok());
  EXPECT_EQ(third.error().reason, "full");
}

// Stored Idempotency-Key answers carry the request's fingerprint: the hand-built text must stay what
// nlohmann::json::dump() wrote for the same array, or retries across an upgrade would be refused as different.
TEST(BookingFingerprint, SameTextAsTheJsonArrayItReplaced) {
  BookingInput a = slot(7, 2, 11);
  BookingInput b;
  b.resource_id = 123456789012;
  b.variant_id = 31;
  b.pickup_date = LocalDate{2026, 12, 3};
  b.return_date = LocalDate{2026, 12, 5};
  b.quantity = 2;
  b.persons = 4;
  b.member_ids = {11, 12, -3};
  b.child_member_id = 13;
  for (const BookingInput& in : {a, b, BookingInput{}}) {
    const nlohmann::json j = {in.resource_id, in.start, in.end, in.variant_id ? *in.variant_id : 0,
                              format_date(in.pickup_date), format_date(in.return_date), in.quantity, in.persons,
                              in.member_ids, in.child_member_id ? *in.child_member_id : 0};
    EXPECT_EQ(in.fingerprint(), j.dump());
  }
}

INSTANTIATE_TEST_SUITE_P(Stores, BookingServiceTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace dongne::booking
