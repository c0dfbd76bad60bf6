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
#include "store/test_store.h"

namespace dongne::booking {
namespace {

using fixtures::at;

class BookingServiceTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    db_ = store_.make();
    if (!db_) {
      if (!store_.skip_reason().empty()) GTEST_SKIP() << store_.skip_reason();
      FAIL() << store_.error();
    }
    holidays_ = fixtures::fixture_holidays(DONGNE_SOURCE_DIR);
    ASSERT_TRUE(holidays_.covers(LocalDate{2026, 12, 1}));
    svc_ = std::make_unique<BookingService>(*db_, clock_, holidays_);
    ASSERT_TRUE(db_->transact([&](store::Tx& tx) -> Status {
                     DONGNE_ASSIGN_OR_RETURN(facility_, tx.insert("INSERT INTO organisations (kind, code, name_ko, name_en) "
                                                                  "VALUES ('facility', 'test-site', '시험 나눔터', 'Test site')"));
                     return ok_status();
                   }).ok());
    admin_.user_id = 0;
    admin_.grants.push_back(Grant{Role::kAdmin, "", 0, ""});
  }

  // A resource from rules JSON (DEMO-like values; the hours cover the test's day).
  int64_t make_resource(const std::string& code, const std::string& kind, int capacity, nlohmann::json rules,
                        nlohmann::json variants = nlohmann::json::array(), nlohmann::json occurrences = nlohmann::json::array()) {
    ResourceRecord r;
    r.facility_id = facility_;
    r.code = code;
    r.kind = kind;
    r.resource.kind = *parse_kind(kind);
    r.name_ko = code;
    r.name_en = code;
    r.resource.capacity = capacity;
    auto pr = rules_from_json(rules);
    EXPECT_TRUE(pr.ok()) << (pr.ok() ? "" : pr.error().message_en);
    r.rules = pr->rules;
    r.resource.variants = variants_from_json(variants).value();
    r.resource.occurrences = occurrences_from_json(occurrences).value();
    auto created = svc_->create_resource(admin_, r);
    EXPECT_TRUE(created.ok()) << (created.ok() ? "" : created.error().message_en);
    return created.ok() ? created->resource.id : 0;
  }

  // n residents with an account and a Jinju household each.
  std::vector<Principal> residents(int n, const std::string& tag) {
    std::vector<Principal> out;
    for (int i = 0; i < n; ++i) {
      Principal p;
      EXPECT_TRUE(db_->transact([&](store::Tx& tx) -> Status {
                       DONGNE_ASSIGN_OR_RETURN(p.user_id, tx.insert("INSERT INTO users (name, email, password_hash, created_at) "
                                                                    "VALUES (?, ?, 'x', 0)",
                                                                    {"resident " + std::to_string(i),
                                                                     tag + std::to_string(i) + "@test"}));
                       return ok_status();
                     }).ok());
      p.name = "resident " + std::to_string(i);
      p.grants.push_back(Grant{Role::kResident, "", 0, ""});
      HouseholdRecord h;
      h.household.city_code = "jinju";
      h.members.push_back(MemberRecord{0, "parent", false, std::nullopt});
      h.members.push_back(MemberRecord{0, "child", true, YearMonth{2026, 5}});
      EXPECT_TRUE(svc_->save_my_household(p, h).ok());
      out.push_back(p);
    }
    return out;
  }

  static nlohmann::json open_rules(bool waitlist) {
    const nlohmann::json day = nlohmann::json::array({nlohmann::json::array({"09:00", "18:00"})});
    return {{"hours", {{"mon", day}, {"tue", day}, {"wed", day}, {"thu", day}, {"fri", day}}},
            {"window", {{"opens_days_ahead", 30}, {"opens_at", "09:00"}, {"closes_before_minutes", 0}}},
            {"slot_minutes", 120}, {"waitlist", waitlist}, {"eligibility", {{"city_code", "jinju"}}}};
  }

  int64_t count(const std::string& where, std::vector<store::Value> p) {
    int64_t n = -1;
    EXPECT_TRUE(db_->read([&](store::Tx& tx) -> Status {
                     DONGNE_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT COUNT(*) FROM bookings WHERE " + where, p));
                     n = rows[0].i64(0);
                     return ok_status();
                   }).ok());
    return n;
  }

  store::testing::TestStore store_{GetParam()};
  std::unique_ptr<store::Database> db_;
  ManualClock clock_{at(2026, 12, 1, 10)};  // a Tuesday, 10:00 in Seoul
  HolidayCalendar holidays_;
  std::unique_ptr<BookingService> svc_;
  int64_t facility_ = 0;
  Principal admin_;
};

BookingInput slot(int64_t resource, int d, int hour, int hours = 2) {
  BookingInput in;
  in.resource_id = resource;
  in.start = at(2026, 12, d, hour);
  in.end = at(2026, 12, d, hour + hours);
  return in;
}

// Fires one booking per resident from its own thread, all released at once.
std::vector<Result<Placed>> rush(BookingService& svc, const std::vector<Principal>& who, const BookingInput& in,
                                 const std::string& key_prefix) {
  std::vector<std::optional<Result<Placed>>> results(who.size());
  std::atomic<int> ready{0};
  std::atomic<bool> go{false};
  std::vector<std::thread> threads;
  for (size_t i = 0; i < who.size(); ++i) {
    threads.emplace_back([&, i] {
      ready.fetch_add(1);
      while (!go.load()) std::this_thread::yield();
      results[i] = svc.book(who[i], in, key_prefix + std::to_string(i));
    });
  }
  while (ready.load() < static_cast<int>(who.size())) std::this_thread::yield();
  go = true;
  for (auto& t : threads) t.join();
  std::vector<Result<Placed>> out;
  for (auto& r : results) out.push_back(std::move(*r));
  return out;
}

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
TEST_P(BookingServiceTest, DecisionsCountAggregatedHoldingsAndOwnRows) {
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
TEST_P(BookingServiceTest, SlotUseQueryIsAPrimaryKeySearch) {
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
TEST_P(BookingServiceTest, SlotUseCountersFollowEveryChangeOfBookings) {
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
TEST_P(BookingServiceTest, SlotUseCountersStayExactUnderConcurrentWriters) {
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
