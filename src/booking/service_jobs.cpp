// BookingService: waitlist offers when places free up, offer expiry, lottery draws (and their re-runs from the
// published seed), day-before reminders and the iCalendar feed. Each job is one transaction per unit of work and
// safe to run in several server instances at once (resource row locks, conditional updates).
#include <algorithm>
#include <map>

#include "booking/ical.h"
#include "booking/repo.h"
#include "booking/rules/decide.h"
#include "booking/rules/lottery.h"
#include "booking/rules/usage.h"
#include "booking/service.h"
#include "core/sha256.h"

namespace dongne::booking {
namespace {

constexpr EpochMs kAllTime = INT64_C(4102444800000);  // 2100-01-01

std::string pseudonym(const std::string& seed, HouseholdId h) {
  return "H-" + to_hex(sha256(seed + ":household:" + std::to_string(h))).substr(0, 10);
}

std::string group_key(const Booking& b) {
  if (b.variant_id) {
    return "variant " + std::to_string(*b.variant_id) + " " + format_date(b.pickup_date) + ".." + format_date(b.return_date);
  }
  return format_rfc3339(b.span.start);
}

nlohmann::json run_draw(const nlohmann::json& group, bool* ok) {
  std::vector<LotteryEntry> entries;
  for (const auto& e : group["entries"]) entries.push_back(LotteryEntry{e["id"], e["household_id"], e["units"]});
  std::optional<int> max_winners;
  if (group.contains("max_winners") && !group["max_winners"].is_null()) max_winners = group["max_winners"].get<int>();
  auto r = draw(entries, group["places"].get<int>(), group["seed"].get<std::string>(), true, max_winners);
  *ok = r.ok();
  if (!r.ok()) return {{"error", r.error().message_en}};
  return {{"order", r->order}, {"winners", r->winners}, {"waitlist", r->waitlist}, {"excluded", r->excluded},
          {"places_used", r->places_used}};
}

}  // namespace

Status BookingService::offer_freed(store::Tx& tx, const ResourceRecord& res, const TimeRange& range, EpochMs now) {
  DONGNE_ASSIGN_OR_RETURN(auto rows, repo::bookings_of_resource(tx, res.resource.id, range.start, range.end,
                                                                res.max_span_ms));
  std::vector<BookingRecord> waiting;
  for (auto& r : rows) {
    if (r.status == "waitlisted") waiting.push_back(std::move(r));
  }
  std::sort(waiting.begin(), waiting.end(), [](const BookingRecord& a, const BookingRecord& b) {
    return a.queue_position != b.queue_position ? a.queue_position < b.queue_position : a.booking.id < b.booking.id;
  });
  for (const auto& w : waiting) {
    DONGNE_ASSIGN_OR_RETURN(auto hh, repo::find_household(tx, w.booking.household_id, false));
    if (!hh) continue;
    const TimeRange wr = stored_range(w.booking, res.rules.turnaround_days);
    const LocalDate day = booked_date(w.booking);
    repo::DecisionQuery q;
    q.resource_id = res.resource.id;
    q.kind = res.resource.kind;
    q.from = wr.start;
    q.to = wr.end;
    q.household_id = w.booking.household_id;
    q.hh_from = start_of_local_day(LocalDate{day.year - 1, 12, 20});
    q.hh_to = start_of_local_day(LocalDate{day.year + 1, 1, 10});
    q.max_span = res.max_span_ms;
    q.variant = w.booking.variant_id;
    DONGNE_ASSIGN_OR_RETURN(auto current, repo::bookings_for_decision(tx, q));
    // The entry itself is among its household's rows (waitlisted): it must not count against itself. Others
    // waiting are left out: an offer is made only when the entry fits, whatever its position would be.
    std::vector<Booking> existing = std::move(current.others);
    for (const auto& c : current.rows) {
      if (c.booking.id != w.booking.id) existing.push_back(c.booking);
    }
    const Decision d = decide(request_of(w), res.resource, res.rules, holidays_, existing, hh->household, now);
    if (d.outcome != Outcome::kConfirmed && d.outcome != Outcome::kPendingApproval) continue;
    const EpochMs expires = now + static_cast<EpochMs>(res.offer_minutes) * kMsPerMinute;
    DONGNE_TRY(repo::set_status(tx, w.booking.id, "offered", expires, now, "waitlist_offer"));
    nlohmann::json payload = {{"booking_id", w.booking.id}, {"resource_id", res.resource.id},
                              {"offer_expires_at", format_rfc3339(expires)}};
    if (w.user_id) payload["user_id"] = *w.user_id;
    DONGNE_TRY(tx.append_event({"booking.offered", "booking", std::to_string(w.booking.id), payload.dump(),
                                std::nullopt}));
  }
  return ok_status();
}

Result<int> BookingService::expire_offers() {
  const EpochMs now = clock_.now_ms();
  std::vector<std::pair<int64_t, int64_t>> lapsed;
  DONGNE_TRY(db_.read([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(lapsed, repo::lapsed_offers(tx, now, 100));
    return ok_status();
  }));
  int done = 0;
  for (const auto& [booking_id, resource_id] : lapsed) {
    DONGNE_TRY(db_.transact(
        [&](store::Tx& tx) -> Status {
          DONGNE_ASSIGN_OR_RETURN(auto res, repo::find_resource(tx, resource_id, true));
          DONGNE_ASSIGN_OR_RETURN(auto b, repo::find_booking(tx, booking_id));
          if (!res || !b || b->status != "offered" || !b->booking.hold_expires_at || *b->booking.hold_expires_at > now) {
            return ok_status();  // accepted, cancelled or handled by another instance meanwhile
          }
          DONGNE_TRY(repo::set_status(tx, booking_id, "expired", std::nullopt, now, "offer_expired"));
          nlohmann::json payload = {{"booking_id", booking_id}, {"resource_id", resource_id}};
          if (b->user_id) payload["user_id"] = *b->user_id;
          DONGNE_TRY(tx.append_event({"booking.offer_expired", "booking", std::to_string(booking_id), payload.dump(),
                                      std::nullopt}));
          ++done;
          return offer_freed(tx, *res, stored_range(b->booking, res->rules.turnaround_days), now);
        },
        store::Isolation::kReadCommitted));
    invalidate(resource_id);
  }
  return done;
}

Result<nlohmann::json> BookingService::lottery(int64_t resource_id) {
  DONGNE_ASSIGN_OR_RETURN(ResourceRecord r, resource(resource_id));
  if (r.rules.allocation != Allocation::kLottery) {
    return Error::not_found("추첨으로 배정하는 자원이 아닙니다", "this resource is not allocated by lottery");
  }
  int64_t entries = 0;
  DONGNE_TRY(db_.read([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT COUNT(*) FROM bookings WHERE resource_id = ? AND status = 'lottery_entry'",
                                                {resource_id}));
    entries = rows[0].i64(0);
    return ok_status();
  }));
  nlohmann::json j = {{"resource_id", resource_id},
                      {"seed", r.lottery_seed},
                      {"draw_at", r.rules.lottery_draw_at ? nlohmann::json(format_rfc3339(*r.rules.lottery_draw_at)) : nlohmann::json(nullptr)},
                      {"drawn_at", r.lottery_drawn_at ? nlohmann::json(format_rfc3339(*r.lottery_drawn_at)) : nlohmann::json(nullptr)},
                      {"open_entries", entries},
                      {"algorithm", "SHA-256(seed:k) stream, Fisher-Yates, one win per household (booking/rules/lottery.h)"}};
  j["result"] = r.lottery_result.empty() ? nlohmann::json(nullptr) : nlohmann::json::parse(r.lottery_result, nullptr, false);
  // Published without the households' ids: each entry carries its household's pseudonym (the same for every entry of
  // one household, so anyone can re-run the draw's one-win-per-household rule from what is published).
  if (j["result"].is_object() && j["result"].contains("groups")) {
    for (auto& g : j["result"]["groups"]) {
      if (!g.contains("entries")) continue;
      for (auto& e : g["entries"]) e.erase("household_id");
    }
  }
  return j;
}

Result<nlohmann::json> BookingService::draw_lottery(const Principal* staff, int64_t resource_id) {
  DONGNE_ASSIGN_OR_RETURN(ResourceRecord current, resource(resource_id));
  if (current.rules.allocation != Allocation::kLottery) {
    return Error::not_found("추첨으로 배정하는 자원이 아닙니다", "this resource is not allocated by lottery");
  }
  if (staff && !manages(*staff, current.facility_id)) {
    return Error::forbidden("담당 시설의 추첨만 할 수 있습니다", "you do not manage this facility");
  }
  bool drew = false;
  DONGNE_TRY(db_.transact(
      [&](store::Tx& tx) -> Status {
        drew = false;
        const EpochMs now = clock_.now_ms();
        DONGNE_ASSIGN_OR_RETURN(auto res, repo::find_resource(tx, resource_id, true));
        if (!res || res->lottery_drawn_at) return ok_status();
        DONGNE_ASSIGN_OR_RETURN(auto all, repo::bookings_of_resource(tx, resource_id, 0, kAllTime, 0));
        std::map<std::string, std::vector<const BookingRecord*>> groups;
        for (const auto& b : all) {
          if (b.status == "lottery_entry") groups[group_key(b.booking)].push_back(&b);
        }
        nlohmann::json result = {{"seed", res->lottery_seed}, {"drawn_at", format_rfc3339(now)}, {"groups", nlohmann::json::array()}};
        std::map<int64_t, const BookingRecord*> by_id;
        for (const auto& [key, entries] : groups) {
          nlohmann::json g = {{"key", key}, {"seed", groups.size() == 1 ? res->lottery_seed : res->lottery_seed + "|" + key}};
          int places = res->resource.capacity;
          if (entries.front()->booking.variant_id) {
            const Variant* v = find_variant(res->resource, *entries.front()->booking.variant_id);
            places = v ? v->stock : 0;
          }
          g["places"] = places;
          g["max_winners"] = res->resource.max_families ? nlohmann::json(*res->resource.max_families) : nlohmann::json(nullptr);
          nlohmann::json list = nlohmann::json::array();
          for (const BookingRecord* e : entries) {
            by_id[e->booking.id] = e;
            list.push_back({{"id", e->booking.id}, {"household_id", e->booking.household_id},
                            {"household", pseudonym(res->lottery_seed, e->booking.household_id)},
                            {"units", units_of(res->resource.kind, e->booking)}});
          }
          g["entries"] = list;
          bool ok = false;
          g["result"] = run_draw(g, &ok);
          if (!ok) return Error::internal("lottery draw failed: " + g["result"].value("error", std::string()));
          // Households' ids stay internal; the published entries carry pseudonyms.
          auto apply = [&](const nlohmann::json& ids, const std::string& word, const std::string& event) -> Status {
            int64_t rank = 0;
            for (const auto& idj : ids) {
              const int64_t id = idj.get<int64_t>();
              ++rank;
              DONGNE_TRY(repo::set_status(tx, id, word, std::nullopt, now, "lottery"));
              if (word == "waitlisted") DONGNE_TRY(repo::set_queue_position(tx, id, rank));
              nlohmann::json payload = {{"booking_id", id}, {"resource_id", resource_id}, {"status", word}};
              if (by_id[id]->user_id) payload["user_id"] = *by_id[id]->user_id;
              DONGNE_TRY(tx.append_event({event, "booking", std::to_string(id), payload.dump(),
                                          staff ? std::optional<int64_t>(staff->user_id) : std::nullopt}));
            }
            return ok_status();
          };
          DONGNE_TRY(apply(g["result"]["winners"], "confirmed", "booking.confirmed"));
          DONGNE_TRY(apply(g["result"]["waitlist"], "waitlisted", "booking.waitlisted"));
          DONGNE_TRY(apply(g["result"]["excluded"], "not_drawn", "booking.not_drawn"));
          result["groups"].push_back(g);
        }
        DONGNE_ASSIGN_OR_RETURN(drew, repo::mark_drawn(tx, resource_id, now, result.dump()));
        if (!drew) return ok_status();
        return to_status(tx.append_event({"lottery.drawn", "booking_resource", std::to_string(resource_id),
                                          nlohmann::json({{"resource_id", resource_id}, {"seed", res->lottery_seed},
                                                          {"groups", result["groups"].size()}}).dump(),
                                          staff ? std::optional<int64_t>(staff->user_id) : std::nullopt}));
      },
      store::Isolation::kReadCommitted));
  invalidate(resource_id);
  if (!drew && staff) {
    return Error::conflict("이미 추첨했습니다", "the lottery has already been drawn", "already_drawn");
  }
  return lottery(resource_id);
}

Result<nlohmann::json> BookingService::verify_lottery(int64_t resource_id) {
  DONGNE_ASSIGN_OR_RETURN(ResourceRecord r, resource(resource_id));
  if (r.lottery_result.empty()) {
    return Error::conflict("아직 추첨하지 않았습니다", "the lottery has not been drawn yet", "not_drawn");
  }
  auto recorded = nlohmann::json::parse(r.lottery_result, nullptr, false);
  bool all_same = true;
  nlohmann::json groups = nlohmann::json::array();
  for (const auto& g : recorded["groups"]) {
    bool ok = false;
    nlohmann::json again = run_draw(g, &ok);
    const bool same = ok && again["order"] == g["result"]["order"] && again["winners"] == g["result"]["winners"] &&
                      again["waitlist"] == g["result"]["waitlist"] && again["excluded"] == g["result"]["excluded"];
    all_same = all_same && same;
    groups.push_back({{"key", g["key"]}, {"seed", g["seed"]}, {"recorded", g["result"]}, {"redrawn", again}, {"same", same}});
  }
  return nlohmann::json{{"resource_id", resource_id}, {"seed", r.lottery_seed}, {"same", all_same}, {"groups", groups}};
}

Result<int> BookingService::draw_due_lotteries() {
  std::vector<int64_t> due;
  DONGNE_TRY(db_.read([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(due, repo::due_lotteries(tx, clock_.now_ms()));
    return ok_status();
  }));
  for (int64_t id : due) DONGNE_TRY(to_status(draw_lottery(nullptr, id)));
  return static_cast<int>(due.size());
}

Result<int> BookingService::send_reminders() {
  const EpochMs now = clock_.now_ms();
  const LocalDate tomorrow = add_days(local_date(now), 1);
  int sent = 0;
  DONGNE_TRY(db_.transact(
      [&](store::Tx& tx) -> Status {
        sent = 0;
        DONGNE_ASSIGN_OR_RETURN(auto due, repo::claim_reminders(tx, start_of_local_day(tomorrow),
                                                                start_of_local_day(add_days(tomorrow, 1)), now, 200));
        for (const auto& d : due) {
          nlohmann::json payload = {{"booking_id", d.booking_id}, {"resource_id", d.resource_id}, {"user_id", d.user_id},
                                    {"start", format_rfc3339(d.start)}};
          DONGNE_TRY(tx.append_event({"booking.reminder", "booking", std::to_string(d.booking_id), payload.dump(),
                                      std::nullopt}));
          ++sent;
        }
        return ok_status();
      },
      store::Isolation::kReadCommitted));
  return sent;
}

Result<int> BookingService::purge_answers(EpochMs keep) {
  int64_t n = 0;
  DONGNE_TRY(db_.transact([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(n, tx.exec("DELETE FROM booking_idempotency WHERE created_at < ?", {clock_.now_ms() - keep}));
    return ok_status();
  }));
  return static_cast<int>(n);
}

Result<std::string> BookingService::ical_feed(const std::string& token) {
  std::vector<BookingView> views;
  DONGNE_TRY(db_.read([&](store::Tx& tx) -> Status {
    if (token.size() < 20) return Error::not_found("달력 주소가 올바르지 않습니다", "unknown calendar address");
    DONGNE_ASSIGN_OR_RETURN(auto hid, repo::household_by_ical(tx, token));
    if (!hid) return Error::not_found("달력 주소가 올바르지 않습니다", "unknown calendar address");
    DONGNE_ASSIGN_OR_RETURN(auto list, repo::bookings_of_household(tx, *hid, INT64_MAX, 500));
    std::map<int64_t, ResourceRecord> cache;
    for (auto& b : list) {
      auto it = cache.find(b.booking.resource_id);
      if (it == cache.end()) {
        DONGNE_ASSIGN_OR_RETURN(auto r, repo::find_resource(tx, b.booking.resource_id, false));
        if (!r) continue;
        it = cache.emplace(b.booking.resource_id, std::move(*r)).first;
      }
      views.push_back(BookingView{std::move(b), it->second});
    }
    return ok_status();
  }));
  return ical_calendar(views, clock_.now_ms(), "동네 예약 / dongne bookings");
}

}  // namespace dongne::booking
