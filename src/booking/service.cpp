#include "booking/service.h"

#include <algorithm>

#include "booking/repo.h"
#include "booking/rules/decide.h"
#include "booking/rules/lifecycle.h"
#include "booking/rules/reasons.h"

namespace dongne::booking {
namespace {

Error no_resource() { return Error::not_found("예약 대상을 찾을 수 없습니다", "no such bookable resource"); }
Error no_booking() { return Error::not_found("예약을 찾을 수 없습니다", "no such booking"); }
Error not_yours() { return Error::forbidden("본인 또는 담당 시설의 예약만 다룰 수 있습니다", "not your booking or facility"); }

Error refusal(std::string reason, std::string ko, std::string en) {
  Error e = Error::conflict(std::move(ko), std::move(en), std::move(reason));
  return e;
}

// Event type for an accepted outcome.
std::string event_for(Outcome o) {
  switch (o) {
    case Outcome::kConfirmed: return "booking.confirmed";
    case Outcome::kPendingApproval: return "booking.pending";
    case Outcome::kWaitlisted: return "booking.waitlisted";
    case Outcome::kEnteredLottery: return "booking.lottery_entered";
    case Outcome::kRefused: return "booking.refused";
  }
  return "booking.refused";
}

Error lifecycle_error(const LifecycleDecision& d) {
  const char* reason = d.outcome == LifecycleOutcome::kTooEarly ? "too_early"
                       : d.outcome == LifecycleOutcome::kTooLate ? "too_late"
                                                                 : "not_applicable";
  return refusal(reason, d.message_ko, d.message_en);
}

}  // namespace

// Fingerprints are stored with Idempotency-Key answers and compared with later retries, so the text must stay
// exactly what it has always been: the JSON array [resource, start, end, variant, "pickup", "return", quantity,
// persons, [members...], child] as nlohmann::json::dump() writes it. It is built by hand because every booking
// request makes one; dates are digits and '-', so nothing needs escaping (service_test checks the equality).
std::string BookingInput::fingerprint() const {
  std::string out = "[";
  auto num = [&out](int64_t v) {
    out += std::to_string(v);
    out += ',';
  };
  num(resource_id);
  num(start);
  num(end);
  num(variant_id ? *variant_id : 0);
  out += '"' + format_date(pickup_date) + "\",\"" + format_date(return_date) + "\",";
  num(quantity);
  num(persons);
  out += '[';
  for (size_t i = 0; i < member_ids.size(); ++i) {
    if (i > 0) out += ',';
    out += std::to_string(member_ids[i]);
  }
  out += "],";
  out += std::to_string(child_member_id ? *child_member_id : 0);
  out += ']';
  return out;
}

Request request_of(const BookingRecord& r) {
  const Booking& b = r.booking;
  Request q;
  q.household_id = b.household_id;
  q.resource_id = b.resource_id;
  q.actor = Actor::kStaff;  // re-deciding a stored entry: the original request already passed the window
  q.span = b.span;
  q.variant_id = b.variant_id;
  q.pickup_date = b.pickup_date;
  q.return_date = b.return_date;
  q.quantity = b.quantity;
  q.persons = b.persons;
  q.member_ids = r.member_ids;
  return q;
}

bool BookingService::manages(const Principal& p, int64_t facility_id) {
  return p.covers(Role::kFacilityManager, facility_id);
}

Result<Placed> BookingService::book(const Principal& p, const BookingInput& in,
                                    const std::optional<std::string>& idem_key) {
  return place(p, std::nullopt, in, false, "web", idem_key);
}

Result<Placed> BookingService::book_for(const Principal& staff, int64_t household_id, const BookingInput& in,
                                        const std::string& channel, const std::optional<std::string>& idem_key) {
  return place(staff, household_id, in, true, channel, idem_key);
}

Result<Placed> BookingService::place(const Principal& actor, std::optional<int64_t> household_id,
                                     const BookingInput& in, bool staff, const std::string& channel,
                                     const std::optional<std::string>& idem_key) {
  const std::string fp = in.fingerprint() + (household_id ? "|" + std::to_string(*household_id) : "");
  Placed out;
  std::optional<Error> refused;
  std::optional<repo::StoredAnswer> prior;  // the key's first answer, when this request repeats it
  Status st = db_.transact(
      [&](store::Tx& tx) -> Status {
        out = Placed{};
        refused.reset();
        prior.reset();
        const EpochMs now = clock_.now_ms();
        // A key seen before is found when the answer is stored at the end: the first answer is read then, this
        // run is rolled back, and the first answer is replayed below. So the common case, a new key, costs no
        // read.
        // The locks every decision takes first (repo.h), then the household's row: always in this order. The
        // resource is read under them, so what earlier bookings of the same hours committed is seen.
        if (!in.variant_id) {
          DONGNE_TRY(repo::lock_times(tx, in.resource_id, TimeRange{in.start, in.end}));
        } else {
          DONGNE_TRY(repo::lock_resource(tx, in.resource_id));  // loans: few, and their range depends on the rules
        }
        DONGNE_ASSIGN_OR_RETURN(auto res, repo::find_resource(tx, in.resource_id, false));
        if (!res || !res->active) return no_resource();
        if (staff && !manages(actor, res->facility_id)) return not_yours();
        std::optional<int64_t> hid = household_id;
        if (!hid) {
          DONGNE_ASSIGN_OR_RETURN(hid, repo::household_of_user(tx, actor.user_id));
          if (!hid) {
            return refusal("household_required", "예약하려면 먼저 가구 정보(거주지, 자녀 출생 연월)를 등록해 주세요",
                           "register your household (residence, children's birth months) before booking");
          }
        }
        DONGNE_ASSIGN_OR_RETURN(auto hh, repo::find_household(tx, *hid, true));
        if (!hh) return Error::not_found("가구를 찾을 수 없습니다", "no such household");

        Request req;
        req.household_id = hh->household.id;
        req.resource_id = res->resource.id;
        req.actor = staff ? Actor::kStaff : Actor::kResident;
        req.quantity = in.quantity;
        req.persons = in.persons;
        req.member_ids = in.member_ids;
        req.child_member_id = in.child_member_id;
        TimeRange range;
        LocalDate day;
        if (res->resource.kind == ResourceKind::kItem) {
          req.variant_id = in.variant_id;
          req.pickup_date = in.pickup_date;
          req.return_date = in.return_date;
          range = TimeRange{start_of_local_day(in.pickup_date),
                            start_of_local_day(add_days(in.return_date, res->rules.turnaround_days + 1))};
          day = in.pickup_date;
        } else {
          req.span = TimeRange{in.start, in.end};
          range = req.span;
          day = local_date(in.start);
        }
        repo::DecisionQuery q;
        q.resource_id = res->resource.id;
        q.kind = res->resource.kind;
        q.from = range.start;
        q.to = range.end;
        q.household_id = hh->household.id;
        q.hh_from = start_of_local_day(LocalDate{day.year - 1, 12, 20});
        q.hh_to = start_of_local_day(LocalDate{day.year + 1, 1, 10});
        q.max_span = res->max_span_ms;
        q.variant = req.variant_id;
        DONGNE_ASSIGN_OR_RETURN(auto found, repo::bookings_for_decision(tx, q));
        std::vector<Booking> existing;
        existing.reserve(found.rows.size() + found.others.size() + 1);
        for (const auto& r : found.rows) existing.push_back(r.booking);
        existing.insert(existing.end(), found.others.begin(), found.others.end());
        // Others waiting for this time: they hold nothing; the engine counts them for the waitlist position.
        if (found.others_waiting > 0) {
          Booking w;
          w.resource_id = req.resource_id;
          w.status = BookingStatus::kWaitlisted;
          w.span = req.span;
          w.variant_id = req.variant_id;
          w.pickup_date = req.pickup_date;
          w.return_date = req.return_date;
          w.count = static_cast<int>(found.others_waiting);
          existing.push_back(w);
        }
        const Decision d = decide(req, res->resource, res->rules, holidays_, existing, hh->household, now);

        if (d.outcome == Outcome::kRefused) {
          refused = to_error(d);
          if (d.window_opens_at) refused->message_en += " (" + format_rfc3339(*d.window_opens_at) + ")";
        } else {
          auto b = booking_from(req, d, 0, res->rules, now);
          BookingRecord rec;
          rec.booking = *b;
          rec.status = status_word(b->status);
          rec.user_id = hh->user_id;
          rec.member_ids = in.member_ids;
          rec.fee = d.fee;
          rec.queue_position = d.outcome == Outcome::kWaitlisted ? now : 0;
          if (staff) rec.booked_by = actor.user_id;
          rec.channel = channel;
          rec.reason = std::string(reason_code(d.reason));
          rec.updated_at = now;
          DONGNE_ASSIGN_OR_RETURN(rec.booking.id,
                                  repo::insert_booking(tx, rec, stored_range(rec.booking, res->rules.turnaround_days),
                                                       now, res->max_span_ms));
          JsonWriter payload;
          payload.begin_object()
              .field("booking_id", rec.booking.id)
              .field("channel", channel)
              .field("household_id", hh->household.id)
              .field("resource_id", res->resource.id)
              .field("status", rec.status);
          if (hh->user_id) payload.field("user_id", *hh->user_id);
          payload.end_object();
          DONGNE_TRY(tx.append_event({event_for(d.outcome), "booking", std::to_string(rec.booking.id), payload.take(),
                                      actor.user_id}));
          // The answer, written once: sent now, and stored below for replays of the same Idempotency-Key.
          JsonWriter body;
          body.begin_object()
              .field("outcome", outcome_name(d.outcome))
              .field("reason", reason_code(d.reason))
              .field("message_ko", d.message_ko)
              .field("message_en", d.message_en)
              .field("fee_won", d.fee.amount)
              .key("booking");
          write_booking(body, rec, &*res);
          if (d.outcome == Outcome::kWaitlisted) body.field("waitlist_position", d.waitlist_position);
          body.end_object();
          out.text = body.take();
        }
        if (idem_key) {
          std::string answer = refused ? nlohmann::json{{"error", error_to_json(*refused)}}.dump() : out.text;
          DONGNE_ASSIGN_OR_RETURN(bool stored, repo::put_answer(tx, actor.user_id, *idem_key,
                                                                repo::StoredAnswer{fp, refused ? 409 : 201,
                                                                                   std::move(answer)},
                                                                now));
          if (!stored) {
            DONGNE_ASSIGN_OR_RETURN(prior, repo::find_answer(tx, actor.user_id, *idem_key));
            if (!prior) return Error::internal("idempotency answer vanished");
            return Error::conflict("이미 처리한 요청입니다", "already answered", "idempotent_replay");  // rolls back
          }
        }
        return ok_status();
      },
      store::Isolation::kReadCommitted);
  invalidate(in.resource_id);
  if (prior) {
    if (prior->fingerprint != fp) {
      return Error::conflict("같은 Idempotency-Key로 다른 요청을 보냈습니다",
                             "this Idempotency-Key was used for a different request", "idempotency_key_reused");
    }
    auto j = nlohmann::json::parse(prior->answer, nullptr, false);
    if (j.contains("error")) return error_from_json(j["error"]);
    return Placed{prior->answer, true};
  }
  if (!st.ok()) return st.error();
  if (refused) return *refused;
  return out;
}

Result<BookingView> BookingService::load_view(int64_t id) {
  std::optional<BookingView> v;
  DONGNE_TRY(db_.read([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(auto b, repo::find_booking(tx, id));
    if (!b) return no_booking();
    DONGNE_ASSIGN_OR_RETURN(auto r, repo::find_resource(tx, b->booking.resource_id, false));
    if (!r) return no_resource();
    if (b->status == "waitlisted") {
      DONGNE_ASSIGN_OR_RETURN(b->waitlist_rank, repo::waitlist_rank(tx, id));
    }
    v = BookingView{std::move(*b), std::move(*r)};
    return ok_status();
  }));
  return std::move(*v);
}

Result<BookingView> BookingService::booking(const Principal& p, int64_t id) {
  DONGNE_ASSIGN_OR_RETURN(BookingView v, load_view(id));
  bool own = false;
  DONGNE_TRY(db_.read([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(auto hid, repo::household_of_user(tx, p.user_id));
    own = hid && *hid == v.booking.booking.household_id;
    return ok_status();
  }));
  if (!own && !manages(p, v.resource.facility_id)) return not_yours();
  return v;
}

Result<std::vector<BookingView>> BookingService::my_bookings(const Principal& p, int64_t before_id, int limit) {
  std::vector<BookingView> out;
  DONGNE_TRY(db_.read([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(auto hid, repo::household_of_user(tx, p.user_id));
    if (!hid) return ok_status();
    DONGNE_ASSIGN_OR_RETURN(auto list, repo::bookings_of_household(tx, *hid, before_id, limit));
    for (auto& b : list) {
      DONGNE_ASSIGN_OR_RETURN(auto r, repo::find_resource(tx, b.booking.resource_id, false));
      if (b.status == "waitlisted") {
        DONGNE_ASSIGN_OR_RETURN(b.waitlist_rank, repo::waitlist_rank(tx, b.booking.id));
      }
      if (r) out.push_back(BookingView{std::move(b), std::move(*r)});
    }
    return ok_status();
  }));
  return out;
}

Result<BookingView> BookingService::cancel(const Principal& p, int64_t id) {
  DONGNE_ASSIGN_OR_RETURN(BookingView v, booking(p, id));
  DONGNE_TRY(db_.transact(
      [&](store::Tx& tx) -> Status {
        const EpochMs now = clock_.now_ms();
        DONGNE_ASSIGN_OR_RETURN(auto res, repo::find_resource(tx, v.resource.resource.id, true));
        if (!res) return no_resource();
        DONGNE_ASSIGN_OR_RETURN(auto b, repo::find_booking(tx, id));
        if (!b) return no_booking();
        const LifecycleDecision d = dongne::booking::cancel(b->booking, res->rules, now);
        if (d.outcome != LifecycleOutcome::kDone && d.outcome != LifecycleOutcome::kDoneLate) return lifecycle_error(d);
        const std::string word = status_word(d.new_status);
        DONGNE_TRY(repo::set_status(tx, id, word, std::nullopt, now, d.outcome == LifecycleOutcome::kDoneLate ? "late" : ""));
        if (d.penalty) DONGNE_TRY(repo::add_penalty(tx, b->booking.household_id, id, *d.penalty));
        nlohmann::json payload = {{"booking_id", id}, {"resource_id", res->resource.id}, {"status", word},
                                  {"by_staff", !b->user_id || *b->user_id != p.user_id}};
        if (b->user_id) payload["user_id"] = *b->user_id;
        DONGNE_TRY(tx.append_event({"booking.cancelled", "booking", std::to_string(id), payload.dump(), p.user_id}));
        if (d.frees_place) DONGNE_TRY(offer_freed(tx, *res, stored_range(b->booking, res->rules.turnaround_days), now));
        return ok_status();
      },
      store::Isolation::kReadCommitted));
  invalidate(v.resource.resource.id);
  return load_view(id);
}

Result<BookingView> BookingService::accept_offer(const Principal& p, int64_t id) {
  DONGNE_ASSIGN_OR_RETURN(BookingView v, booking(p, id));
  DONGNE_TRY(db_.transact(
      [&](store::Tx& tx) -> Status {
        const EpochMs now = clock_.now_ms();
        DONGNE_ASSIGN_OR_RETURN(auto res, repo::find_resource(tx, v.resource.resource.id, true));
        DONGNE_ASSIGN_OR_RETURN(auto b, repo::find_booking(tx, id));
        if (!res || !b) return no_booking();
        if (b->status != "offered") {
          return refusal("no_offer", "수락할 수 있는 대기 순번 제안이 없습니다", "this booking has no open offer");
        }
        if (!b->booking.hold_expires_at || *b->booking.hold_expires_at <= now) {
          return refusal("offer_expired", "제안 시간이 지났습니다", "the offer has expired");
        }
        const std::string word = res->rules.approval == Approval::kStaff ? "pending" : "confirmed";
        DONGNE_TRY(repo::set_status(tx, id, word, std::nullopt, now, "offer_accepted"));
        nlohmann::json payload = {{"booking_id", id}, {"resource_id", res->resource.id}, {"status", word}};
        if (b->user_id) payload["user_id"] = *b->user_id;
        DONGNE_TRY(tx.append_event({word == "confirmed" ? "booking.confirmed" : "booking.pending", "booking",
                                    std::to_string(id), payload.dump(), p.user_id}));
        return ok_status();
      },
      store::Isolation::kReadCommitted));
  invalidate(v.resource.resource.id);
  return load_view(id);
}

Result<BookingView> BookingService::staff_action(const Principal& staff, int64_t id, StaffAction a) {
  DONGNE_ASSIGN_OR_RETURN(BookingView v, load_view(id));
  if (!manages(staff, v.resource.facility_id)) return not_yours();
  DONGNE_TRY(db_.transact(
      [&](store::Tx& tx) -> Status {
        const EpochMs now = clock_.now_ms();
        DONGNE_ASSIGN_OR_RETURN(auto res, repo::find_resource(tx, v.resource.resource.id, true));
        DONGNE_ASSIGN_OR_RETURN(auto b, repo::find_booking(tx, id));
        if (!res || !b) return no_booking();
        std::string word;
        std::string event;
        bool frees = false;
        switch (a) {
          case StaffAction::kCheckIn: {
            const LifecycleDecision d = check_in(b->booking, res->rules, now);
            if (d.outcome != LifecycleOutcome::kDone) return lifecycle_error(d);
            word = status_word(d.new_status);
            event = "booking.checked_in";
            break;
          }
          case StaffAction::kNoShow: {
            const LifecycleDecision d = mark_no_show(b->booking, res->rules, now);
            if (d.outcome != LifecycleOutcome::kDone) return lifecycle_error(d);
            word = status_word(d.new_status);
            event = "booking.no_show";
            if (d.penalty) DONGNE_TRY(repo::add_penalty(tx, b->booking.household_id, id, *d.penalty));
            break;
          }
          case StaffAction::kReturned: {
            if (!b->booking.variant_id) {
              return refusal("not_a_loan", "대여 물품 예약만 반납 처리할 수 있습니다", "only item loans can be returned");
            }
            if (b->returned_at) return refusal("already_returned", "이미 반납되었습니다", "already returned");
            if (b->status != "checked_in" && b->status != "confirmed") {
              return refusal("not_applicable", "대여 중인 물품이 아닙니다", "this loan is not out");
            }
            DONGNE_TRY(repo::set_returned(tx, id, now));
            word = "checked_in";
            event = "booking.returned";
            break;
          }
          case StaffAction::kApprove:
          case StaffAction::kReject: {
            if (b->status != "pending") return refusal("not_pending", "승인 대기 중인 예약이 아닙니다", "not pending approval");
            word = a == StaffAction::kApprove ? "confirmed" : "rejected";
            event = a == StaffAction::kApprove ? "booking.confirmed" : "booking.rejected";
            frees = a == StaffAction::kReject;
            break;
          }
        }
        if (a != StaffAction::kReturned) DONGNE_TRY(repo::set_status(tx, id, word, std::nullopt, now, b->reason));
        nlohmann::json payload = {{"booking_id", id}, {"resource_id", res->resource.id}, {"status", word}};
        if (b->user_id) payload["user_id"] = *b->user_id;
        DONGNE_TRY(tx.append_event({event, "booking", std::to_string(id), payload.dump(), staff.user_id}));
        if (frees) DONGNE_TRY(offer_freed(tx, *res, stored_range(b->booking, res->rules.turnaround_days), now));
        return ok_status();
      },
      store::Isolation::kReadCommitted));
  invalidate(v.resource.resource.id);
  return load_view(id);
}

}  // namespace dongne::booking
