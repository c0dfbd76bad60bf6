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

inline Error not_your_ride() { return Error::not_found("예약을 찾을 수 없습니다", "no such ride"); }

}  // namespace dongne::dispatch::detail
