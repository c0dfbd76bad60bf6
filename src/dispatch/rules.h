// The shuttle's pure rules: is a point in the area, which stop is nearest, the fare, the ride-time limit, the
// travel model of an area, operating days and hours, and whether a pickup time may be booked. No I/O.
// Thread-safety: pure functions.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/calendar.h"
#include "core/result.h"
#include "dispatch/engine/travel.h"
#include "dispatch/records.h"

namespace dongne::dispatch {

// Ray casting on lon/lat (areas are small: a few kilometres, far from the poles and the date line).
bool inside(const std::vector<LonLat>& polygon, LonLat p);
// The stop nearest to p within the area's snap radius, or null.
const StopRecord* nearest_stop(const AreaRecord& area, LonLat p);
const StopRecord* find_stop(const AreaRecord& area, int64_t stop_id);

// Great-circle metres times the road factor.
int road_metres(const AreaRules& rules, LonLat a, LonLat b);
// Base fare plus the per-kilometre fare of the road distance, rounded up to 10 won.
int fare_won(const AreaRules& rules, int metres);
// Seconds to drive `metres` leaving at second-of-day `depart`, at the area's time-of-day speeds.
int drive_seconds(const AreaRules& rules, int metres, int depart_s);
// The longest a rider may ride: factor x direct time + slack.
int max_ride_seconds(const AreaRules& rules, int direct_s);
// A luggage order's fee: the fare for the distance plus the per-bag fee.
int luggage_fee_won(const AreaRules& rules, int metres, int bags);
// Whether a planned delivery is at risk of missing its deadline, and why (English sentence; empty: not): at risk
// already, its pickup window passed without a pickup, unplanned, or planned less than `margin_min` (the area's
// risk_margin_min) before the deadline. `now_s` is the second of the day (-1 for a coming day).
std::string luggage_risk(int margin_min, const RideRecord& trip, int now_s);

// The engine's travel model over `points` (stops, then vehicles' positions): great-circle x road factor at the
// area's speeds (a 24-hour profile).
Result<std::shared_ptr<HaversineTravel>> travel_model(const AreaRules& rules, const std::vector<LonLat>& points);

// "mon".."sun" lists <-> bit masks (bit 0 Monday).
Result<uint8_t> parse_days(const std::vector<std::string>& names, const std::string& field);
std::vector<std::string> day_names(uint8_t mask);
bool runs_on(uint8_t mask, LocalDate day);

// A pickup at `at` may be booked now: on an operating day, within the hours, not earlier than now plus the lead
// time (minus a minute's grace) and within the horizon. Field errors on `field` in Korean and English.
Status check_pickup_time(const AreaRules& rules, EpochMs at, EpochMs now, const std::string& field);

// Seconds since Seoul midnight of `day` for the instant t (may be negative or beyond a day), and back.
int second_of(LocalDate day, EpochMs t);
EpochMs instant_of(LocalDate day, int second);

// An area's rules as stored and configured (docs/dispatch-services.md): {"boundary": [[lon, lat], …], "hours":
// {"open": "05:00", "close": "24:00", "days": ["mon", …]}, "lead_min", "max_wait_min", "horizon_days",
// "ride_factor", "ride_slack_min", "stop_service_s", "fare": {"base_won", "per_km_won", "per_bag_won"},
// "risk_margin_min", "phone", "max_passengers" (bags per order for luggage),
// "road_factor", "speeds": [{"from": "07:00", "kmh": 22}, …], "snap_radius_m", "travel": {"provider":
// "great_circle"} or {"provider": "matrix", "matrix": "dispatch/geomdan-osrm.json"}}.
nlohmann::json rules_json(const AreaRules& r);
Result<AreaRules> rules_from_json(const nlohmann::json& j);
}  // namespace dongne::dispatch
