// Luggage delivery (프리러그, docs/dispatch-services.md "Luggage delivery"): an order is a trip of a luggage area
// with a pickup window and a delivery deadline, planned on the area's live day plan like a ride; the customer gets
// a tracking link and two codes; the operator sees the day's orders with their risk of being late.
#include <climits>

#include <nlohmann/json.hpp>

#include "auth/passwords.h"
#include "core/error_json.h"
#include "core/privacy.h"
#include "core/sha256.h"
#include "dispatch/repo.h"
#include "dispatch/rules.h"
#include "dispatch/service.h"
#include "dispatch/service_util.h"

namespace dongne::dispatch {

namespace {

constexpr int kDeadlineStepS = 1800;  // a later deadline is looked for in 30-minute steps

bool active(const RideRecord& r) { return r.status == "promised" || r.status == "at_risk"; }

Error no_van(const RideRecord& t) {
  Error e = Error::conflict("이 기한까지 배송할 수 있는 차량이 없습니다", "no van can deliver by this deadline", "no_vehicle");
  std::string when;
  if (t.next_possible_s) {
    when = format_rfc3339(instant_of(t.day, *t.next_possible_s));
    e.message_ko += ". 가능한 가장 이른 배송 기한: " + format_hhmm((*t.next_possible_s / 60) % 1440);
    e.message_en += "; the earliest deadline that fits is " + format_hhmm((*t.next_possible_s / 60) % 1440);
  } else {
    e.message_ko += ". 오늘은 더 늦은 기한도 어렵습니다. 운영센터에 전화해 주세요";
    e.message_en += "; no later deadline today fits either: please phone the operator";
  }
  e.extensions.emplace_back("later_deadline_at", when);
  return e;
}

Error no_order() { return Error::not_found("주문을 찾을 수 없습니다", "no such order"); }

const Principal& nobody() {
  static const Principal p;
  return p;
}

bool plausible_email(const std::string& s) {
  const auto at = s.find('@');
  return at != std::string::npos && at > 0 && s.find('.', at) != std::string::npos && s.find(' ') == std::string::npos &&
         s.size() <= 120;
}

}  // namespace

std::string LuggageInput::fingerprint() const {
  nlohmann::json j = {{"area", area_id}, {"from", pickup_place_id}, {"to", delivery_place_id}, {"bags", bags},
                      {"flight", flight}, {"note", note}};
  if (ready_at) j["ready"] = *ready_at;
  if (deliver_by) j["by"] = *deliver_by;
  if (customer_name) j["name"] = *customer_name;
  if (customer_phone) j["phone"] = *customer_phone;
  if (customer_email) j["email"] = *customer_email;
  return j.dump();
}

Result<OrderView> ShuttleService::order_view(store::Tx& tx, const Principal* p, const RideRecord& r, const LuggageOrder& o,
                                             bool by_token) {
  DONGNE_ASSIGN_OR_RETURN(RideView trip, view(tx, p ? *p : nobody(), r));
  OrderView v;
  v.order = o;
  const bool mine = p && o.customer_user_id && *o.customer_user_id == p->user_id;
  v.codes = by_token || mine || trip.full_rider;
  v.named = v.codes;
  v.contact = trip.full_rider;
  const EpochMs now = clock_.now_ms();
  const LocalDate today = local_date(now);
  const int now_s = r.day == today ? second_of(r.day, now) : r.day < today ? INT_MAX / 2 : -1;
  v.risk = luggage_risk(trip.risk_margin_min, r, now_s);
  v.trip = std::move(trip);
  return v;
}

Result<OrderView> ShuttleService::order_luggage(const Principal* p, const LuggageInput& in, const std::optional<std::string>& idem_key) {
  std::optional<AreaRecord> area;
  DONGNE_TRY(db_.read([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(area, repo::area(tx, in.area_id));
    return ok_status();
  }));
  if (!area || area->kind != "luggage")
    return Error::field("area_id", "unknown_area", "짐 배송 구역이 아닙니다", "not a luggage delivery area");
  const bool staff = p && operates(*p, *area);
  const bool resident = p && !staff && p->has(Role::kResident);
  if (p && !staff && !resident)
    return Error::forbidden("이 구역의 운영기관만 대신 주문할 수 있습니다", "only the area's operator may order for someone else");
  const AreaRules& rules = area->rules;
  std::vector<FieldError> errs;
  const StopRecord* from = find_stop(*area, in.pickup_place_id);
  const StopRecord* to = find_stop(*area, in.delivery_place_id);
  if (!from) errs.push_back({"pickup_place_id", "unknown_place", "이 서비스의 장소가 아닙니다", "not a place this service serves"});
  if (!to) errs.push_back({"delivery_place_id", "unknown_place", "이 서비스의 장소가 아닙니다", "not a place this service serves"});
  if (from && to && from->id == to->id)
    errs.push_back({"delivery_place_id", "same_place", "맡기는 곳과 받는 곳이 같습니다", "the pickup and the delivery are the same place"});
  if (in.bags < 1 || in.bags > rules.max_passengers)
    errs.push_back({"bags", "range", "짐은 1~" + std::to_string(rules.max_passengers) + "개입니다",
                    "bags are 1 to " + std::to_string(rules.max_passengers)});
  const std::string name = in.customer_name.value_or(resident ? p->name : "");
  if (name.empty()) errs.push_back({"customer.name", "required", "이름이 필요합니다", "the customer's name is required"});
  if (!resident && !in.customer_phone && !in.customer_email)
    errs.push_back({"customer.contact", "required", "연락받을 전화번호나 이메일 중 하나가 필요합니다",
                    "a phone number or an e-mail address to reach you is required"});
  if (in.customer_email && !plausible_email(*in.customer_email))
    errs.push_back({"customer.email", "format", "이메일 주소를 확인해 주세요", "please check the e-mail address"});
  if (in.flight.size() > 12) errs.push_back({"flight", "too_long", "편명은 12자 이내입니다", "the flight number is at most 12 characters"});
  if (in.note.size() > 300) errs.push_back({"note", "too_long", "메모는 300바이트 이내입니다", "the note is at most 300 bytes"});
  for (const std::string* text : {&in.note, &name, in.customer_phone ? &*in.customer_phone : nullptr})
    if (text && looks_like_rrn(*text))
      errs.push_back({"note", "rrn", "주민등록번호는 받지 않습니다", "resident registration numbers are never accepted"});
  const EpochMs now = clock_.now_ms();
  const EpochMs at = in.ready_at ? *in.ready_at / kMsPerMinute * kMsPerMinute
                                 : (now + rules.lead_min * kMsPerMinute + kMsPerMinute - 1) / kMsPerMinute * kMsPerMinute;
  if (Status t = check_pickup_time(rules, at, now, "ready_at"); !t.ok())
    errs.insert(errs.end(), t.error().fields.begin(), t.error().fields.end());
  const LocalDate day = local_date(at);
  if (!in.deliver_by) {
    errs.push_back({"deliver_by", "required", "배송 기한이 필요합니다", "the delivery deadline is required"});
  } else if (*in.deliver_by <= at) {
    errs.push_back({"deliver_by", "pickup_after_delivery", "배송 기한이 짐을 맡기는 시각보다 빠릅니다",
                    "the deadline is before the bags are ready for pickup"});
  } else if (local_date(*in.deliver_by - 1) != day) {
    errs.push_back({"deliver_by", "same_day", "당일 배송만 받습니다: 짐을 맡기는 날 안의 기한을 고르세요",
                    "deliveries are same-day: choose a deadline on the day of the pickup"});
  }
  if (!errs.empty()) return Error::invalid("주문을 확인해 주세요", "please check the order", std::move(errs));

  RideRecord r;
  r.area_id = area->id;
  r.day = day;
  if (resident) r.rider_user_id = p->user_id;
  r.rider_name = name;
  r.rider_phone = in.customer_phone;
  if (p) r.booked_by = p->user_id;
  r.channel = staff ? "phone" : "web";
  r.pickup_stop_id = from->id;
  r.dropoff_stop_id = to->id;
  r.passengers = in.bags;
  r.note = in.note;
  r.window_start_s = second_of(day, at);
  r.window_end_s = r.window_start_s + rules.max_wait_min * 60;
  r.deliver_by_s = second_of(day, *in.deliver_by);
  r.max_ride_s = *r.deliver_by_s - r.window_start_s;
  r.distance_m = road_metres(rules, from->at, to->at);
  r.fare_won = luggage_fee_won(rules, r.distance_m, in.bags);

  // A traveller has no account: her key is kept with what she sent, so only the same order replays.
  const std::string fp = in.fingerprint();
  const int64_t key_owner = p ? p->user_id : 0;
  std::optional<std::string> key = idem_key;
  if (key && !p) key = *key + ":" + to_hex(sha256(fp)).substr(0, 16);
  std::optional<Error> refused;
  int64_t ride_id = 0;
  DONGNE_TRY(with_plan(area->id, day, [&](store::Tx& tx, const AreaRecord& a, DayPlan& plan, int, std::vector<Broken>&) -> Status {
    refused.reset();
    ride_id = 0;
    if (key) {
      DONGNE_ASSIGN_OR_RETURN(auto prior, repo::find_answer(tx, key_owner, *key));
      if (prior) {
        if (prior->fingerprint != fp)
          return Error::conflict("같은 Idempotency-Key로 다른 주문을 보냈습니다", "this Idempotency-Key was used for a different order",
                                 "idempotency_key_reused");
        auto j = nlohmann::json::parse(prior->answer, nullptr, false);
        if (j.is_object() && j.contains("error")) refused = error_from_json(j["error"]);
        if (j.is_object() && j.contains("ride_id")) ride_id = j["ride_id"].get<int64_t>();
        return ok_status();
      }
    }
    // The earliest the bags can be there: ready, handed over, driven directly, handed over.
    const int earliest = r.window_start_s + rules.stop_service_s + plan.direct_seconds(r.pickup_stop_id, r.dropoff_stop_id, r.window_start_s);
    if (*r.deliver_by_s < earliest) {
      const std::string hhmm = format_hhmm(((earliest + 59) / 60) % 1440);
      return Error::field("deliver_by", "impossible_deadline", "이 기한은 이동 시간보다 짧습니다. " + hhmm + " 이후로 고르세요",
                          "the deadline is sooner than the drive there: choose " + hhmm + " or later");
    }
    RideRecord x = r;
    x.status = "refused";
    x.created_at = x.updated_at = now;
    DONGNE_ASSIGN_OR_RETURN(ride_id, repo::insert_ride(tx, x));
    x.id = ride_id;
    auto placed = plan.place(x);
    if (placed.ok()) {
      x.status = "promised";
      x.vehicle_id = placed->vehicle_id;
      x.pickup_eta_s = placed->pickup_eta_s;
      x.dropoff_eta_s = placed->dropoff_eta_s;
      LuggageOrder o;
      o.ride_id = ride_id;
      o.tracking_token = auth::new_token();
      o.customer_user_id = x.rider_user_id;
      o.customer_name = name;
      o.customer_phone = in.customer_phone;
      o.customer_email = in.customer_email;
      o.flight = in.flight;
      o.bags = in.bags;
      o.fee_won = x.fare_won;
      o.pickup_code = auth::random_digits(6);
      do o.delivery_code = auth::random_digits(6);
      while (o.delivery_code == o.pickup_code);
      o.created_at = now;
      DONGNE_TRY(repo::insert_luggage_order(tx, o));
      DONGNE_TRY(detail::ride_event(tx, "dispatch.delivery_ordered", a, x,
                                    {{"channel", x.channel}, {"bags", x.passengers}, {"fee_won", x.fare_won}}, now));
    } else {
      x.next_possible_s = plan.later_deadline(x, kDeadlineStepS, std::min(86340, rules.close_min * 60 + 1800));
      x.refusal = placed.error().message_en;
      refused = no_van(x);
      DONGNE_TRY(detail::ride_event(tx, "dispatch.delivery_refused", a, x, {{"channel", x.channel}, {"bags", x.passengers}}, now));
    }
    DONGNE_TRY(repo::update_ride(tx, x));
    if (key) {
      nlohmann::json ans = {{"ride_id", ride_id}};
      if (refused) ans["error"] = error_to_json(*refused);
      DONGNE_TRY(repo::store_answer(tx, key_owner, *key, {fp, refused ? 409 : 201, ans.dump()}, now));
    }
    return ok_status();
  }));
  if (refused) return *refused;
  std::optional<OrderView> out;
  DONGNE_TRY(db_.read([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(auto x, repo::ride(tx, ride_id));
    DONGNE_ASSIGN_OR_RETURN(auto o, repo::luggage_order(tx, ride_id));
    if (!x || !o) return no_order();
    DONGNE_ASSIGN_OR_RETURN(out, order_view(tx, p, *x, *o, /*by_token=*/true));
    return ok_status();
  }));
  return std::move(*out);
}

Result<OrderView> ShuttleService::track(const std::string& token) {
  if (token.size() < 20 || token.size() > 64) return no_order();
  std::optional<OrderView> out;
  DONGNE_TRY(db_.read([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(auto o, repo::luggage_order_by_token(tx, token));
    if (!o) return no_order();
    DONGNE_ASSIGN_OR_RETURN(auto r, repo::ride(tx, o->ride_id));
    if (!r) return no_order();
    DONGNE_ASSIGN_OR_RETURN(out, order_view(tx, nullptr, *r, *o, /*by_token=*/true));
    return ok_status();
  }));
  return std::move(*out);
}

Result<OrderView> ShuttleService::cancel_by_token(const std::string& token) {
  DONGNE_ASSIGN_OR_RETURN(OrderView before, track(token));
  const RideRecord& t = before.trip.ride;
  DONGNE_TRY(with_plan(t.area_id, t.day, [&](store::Tx& tx, const AreaRecord& a, DayPlan& plan, int, std::vector<Broken>&) -> Status {
    DONGNE_ASSIGN_OR_RETURN(auto r, repo::ride(tx, t.id));
    if (!r) return no_order();
    if (r->status == "onboard" || r->status == "completed")
      return Error::conflict("이미 짐을 가져갔습니다. 운영센터에 전화해 주세요", "the bags are already picked up: please phone the operator",
                             "already_picked_up");
    if (!active(*r)) return Error::conflict("취소할 수 있는 주문이 아닙니다", "only a scheduled order can be cancelled", "not_active");
    DONGNE_TRY(plan.cancel(r->id));
    r->status = "cancelled";
    r->vehicle_id.reset();
    r->updated_at = clock_.now_ms();
    DONGNE_TRY(repo::update_ride(tx, *r));
    return detail::ride_event(tx, "dispatch.delivery_cancelled", a, *r, {{"by", "customer"}}, r->updated_at);
  }));
  return track(token);
}

Result<std::vector<OrderView>> ShuttleService::my_luggage(const Principal& p) {
  std::vector<OrderView> out;
  DONGNE_TRY(db_.read([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(auto orders, repo::luggage_orders_of_customer(tx, p.user_id, add_days(today(), -30)));
    for (const LuggageOrder& o : orders) {
      DONGNE_ASSIGN_OR_RETURN(auto r, repo::ride(tx, o.ride_id));
      if (!r) continue;
      DONGNE_ASSIGN_OR_RETURN(OrderView v, order_view(tx, &p, *r, o, false));
      out.push_back(std::move(v));
    }
    return ok_status();
  }));
  return out;
}

Result<LuggageDay> ShuttleService::luggage_day(const Principal& p, int64_t area_id, std::optional<LocalDate> day) {
  DONGNE_ASSIGN_OR_RETURN(Board b, board(p, area_id, day));
  if (b.area.kind != "luggage")
    return Error::field("area_id", "not_luggage", "짐 배송 구역이 아닙니다", "not a luggage delivery area");
  LuggageDay out;
  out.area = b.area;
  out.day = b.day;
  out.vehicles = std::move(b.vehicles);
  LuggageFigures& f = out.figures;
  // The operator reads customers' phones and e-mails: one logged read for the day's list.
  DONGNE_TRY(db_.transact([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(auto orders, repo::luggage_orders_of_day(tx, area_id, out.day));
    for (const RideView& rv : b.rides) {
      const RideRecord& r = rv.ride;
      ++f.ordered;
      if (r.status == "refused") ++f.refused;
      if (r.status == "cancelled") ++f.cancelled;
      if (r.status == "promised") ++f.scheduled;
      if (r.status == "onboard") ++f.picked_up;
      if (r.status == "at_risk") ++f.at_risk;
      auto it = orders.find(r.id);
      if (it == orders.end()) continue;
      if (r.status == "completed") {
        ++f.delivered;
        if (r.dropped_off_at && r.deliver_by_s && second_of(r.day, *r.dropped_off_at) <= *r.deliver_by_s) ++f.delivered_on_time;
      }
      if (r.status != "cancelled") {
        f.bags += it->second.bags;
        f.fee_won += it->second.fee_won;
      }
      DONGNE_ASSIGN_OR_RETURN(OrderView v, order_view(tx, &p, r, it->second, false));
      if (!v.risk.empty()) ++f.late_risk;
      out.orders.push_back(std::move(v));
    }
    if (f.delivered > 0) f.on_time_rate = static_cast<double>(f.delivered_on_time) / f.delivered;
    return repo::log_read(tx, p.user_id, 0, "luggage_customer", "", "GET /api/v1/dispatch/luggage/areas/{id}/orders",
                          "luggage orders of area " + std::to_string(area_id) + " on " + format_date(out.day) + " (" +
                              std::to_string(out.orders.size()) + ")", clock_.now_ms());
  }));
  // At-risk and late-risk orders first, then by deadline.
  std::stable_sort(out.orders.begin(), out.orders.end(), [](const OrderView& a, const OrderView& b) {
    if (a.risk.empty() != b.risk.empty()) return !a.risk.empty();
    return a.trip.ride.deliver_by_s.value_or(0) < b.trip.ride.deliver_by_s.value_or(0);
  });
  return out;
}

}  // namespace dongne::dispatch
