// Internal to the shuttle service files: the one way a ride event is written, and the refusals said once.
#pragma once

#include <nlohmann/json.hpp>

#include "core/calendar.h"
#include "dispatch/records.h"
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

inline Error not_your_ride() { return Error::not_found("예약을 찾을 수 없습니다", "no such ride"); }

}  // namespace dongne::dispatch::detail
