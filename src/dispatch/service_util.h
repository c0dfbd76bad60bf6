// Internal to the shuttle service files: the one way a ride event is written, and the refusals said once.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/calendar.h"
#include "dispatch/records.h"
#include "dispatch/repo.h"
#include "store/database.h"

namespace dongne::dispatch::detail {

// dispatch.<what> for a ride: ride_id, area_id, operator_id, day and the rider's user_id (the notifier's
// recipient) besides `extra`; never a name or a phone.
inline Status ride_event(store::Tx& tx, const char* type, const AreaRecord& area, const RideRecord& r, nlohmann::json extra,
                         EpochMs now) {
  extra["ride_id"] = r.id;
  extra["area_id"] = area.id;
  extra["operator_id"] = area.operator_id;
  extra["day"] = format_date(r.day);
  if (r.rider_user_id) extra["user_id"] = *r.rider_user_id;
  return to_status(tx.append_event({type, "ride", std::to_string(r.id), extra.dump(), std::nullopt, now}));
}

// The checks a single ride and a series share: the same stop twice, the number of riders, and for an operator's
// request the caller's name and phone.
inline void check_trip(const AreaRules& rules, int64_t pickup_stop, int64_t dropoff_stop, int passengers, bool for_caller,
                       const std::optional<std::string>& name, const std::optional<std::string>& phone,
                       std::vector<FieldError>& errs) {
  if (pickup_stop != 0 && pickup_stop == dropoff_stop)
    errs.push_back({"dropoff_stop_id", "same_stop", "타는 곳과 내리는 곳이 같습니다", "the pickup and the drop-off are the same stop"});
  if (passengers < 1 || passengers > rules.max_passengers)
    errs.push_back({"passengers", "range", "인원은 1~" + std::to_string(rules.max_passengers) + "명입니다",
                    "passengers are 1 to " + std::to_string(rules.max_passengers)});
  if (!for_caller) return;
  if (!name || name->empty()) errs.push_back({"rider.name", "required", "탑승자 이름이 필요합니다", "the rider's name is required"});
  if (!phone || phone->size() < 9)
    errs.push_back({"rider.phone", "required", "연락받을 전화번호가 필요합니다", "a phone number to reach the rider is required"});
}

// The vehicle's record for the day as stored, or a fresh one ("on", no position).
inline Result<VehicleDay> vehicle_day(store::Tx& tx, int64_t area_id, int64_t vehicle_id, LocalDate day) {
  DONGNE_ASSIGN_OR_RETURN(auto days, repo::vehicle_days(tx, area_id, day));
  VehicleDay d;
  d.vehicle_id = vehicle_id;
  d.day = day;
  for (const VehicleDay& x : days)
    if (x.vehicle_id == vehicle_id) d = x;
  return d;
}

// A luggage trip's courier events: picked up (the fee collected) and delivered (what Programmes counts), or no one
// handed the bags over. Ids and counts only.
inline Status delivery_event(store::Tx& tx, const std::string& action, const AreaRecord& area, const RideRecord& r,
                             const LuggageOrder& o, int64_t vehicle_id, int now_s, EpochMs now) {
  nlohmann::json extra = {{"vehicle_id", vehicle_id}, {"bags", o.bags}};
  const char* type = "dispatch.delivery_not_handed_over";
  if (action == "picked_up") {
    type = "dispatch.delivery_picked_up";
    extra["fee_won"] = o.fee_won;
    extra["on_time"] = now_s <= r.window_end_s + 300;
  } else if (action == "dropped_off") {
    type = "dispatch.delivery_completed";
    extra["on_time"] = r.deliver_by_s && now_s <= *r.deliver_by_s;
    extra["distance_m"] = r.distance_m;
    extra["fee_won"] = o.fee_won;
  }
  return ride_event(tx, type, area, r, std::move(extra), now);
}

// A luggage stop is confirmed with the code its customer (or the receiver) tells the courier.
inline Status check_code(const std::string& expected, const std::optional<std::string>& given) {
  if (!given || given->empty())
    return Error::field("code", "required", "고객에게 받은 6자리 코드를 입력하세요", "enter the 6-digit code the customer tells you");
  if (*given != expected)
    return Error::field("code", "wrong_code", "코드가 맞지 않습니다. 고객에게 다시 확인해 주세요",
                        "the code does not match: ask the customer again");
  return ok_status();
}

inline Error not_a_shuttle() {
  return Error::field("area_id", "not_a_shuttle", "짐 배송 구역입니다. 짐 배송 주문으로 신청해 주세요",
                      "this is a luggage delivery area: order a delivery instead");
}

inline Error not_your_ride() { return Error::not_found("예약을 찾을 수 없습니다", "no such ride"); }

}  // namespace dongne::dispatch::detail
