// The shuttle's stored records: service areas with their rules, virtual stops, vehicles with drivers and weekly
// shifts, rides (requests with their promises and what happened), recurring series and a vehicle's day (status and
// last position). Times of day are seconds since Seoul midnight of the ride's day; instants are epoch ms.
// Thread-safety: plain values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/calendar.h"

namespace dongne::dispatch {

struct LonLat {
  double lon = 0;
  double lat = 0;
};

struct SpeedStep {
  int from_min = 0;   // minute of day the speed applies from
  double kmh = 30;
};

// An area's rules (configuration: data/demo/dispatch.json, docs/dispatch-services.md).
struct AreaRules {
  std::vector<LonLat> boundary;    // polygon, lon/lat
  int open_min = 360;              // first pickup, minute of day
  int close_min = 1320;            // last pickup
  uint8_t days = 0x7f;             // bit 0 Monday .. bit 6 Sunday
  int lead_min = 10;               // earliest pickup = now + lead
  int max_wait_min = 15;           // the promised window's width
  int horizon_days = 7;            // how far ahead a ride may be booked
  double ride_factor = 1.8;        // ride time limit = factor x direct time + slack
  int ride_slack_min = 5;
  int stop_service_s = 60;         // boarding or alighting
  int base_fare_won = 1250;
  int per_km_won = 100;
  int max_passengers = 4;
  double road_factor = 1.3;        // great-circle metres x this = road metres
  std::vector<SpeedStep> speeds = {{0, 30}};
  int snap_radius_m = 600;         // a point this close to a stop is moved to it
  // Luggage delivery only: the fee per bag on top of base + per km, and how close to its deadline a planned
  // delivery is flagged as a risk.
  int per_bag_won = 0;
  int risk_margin_min = 20;
  // How riders reach a person (GTFS-Flex booking rules; shown on the pages): a phone number, may be empty.
  std::string phone;
  // A router's travel matrix over the area's stops (an OSRM table or Valhalla matrix answer, a path under the
  // share folder); empty: great circle x road factor at the time-of-day speeds.
  std::string matrix_file;
};

struct StopRecord {
  int64_t id = 0;
  int64_t area_id = 0;
  std::string code;
  std::string name_ko;
  std::string name_en;
  LonLat at;
};

struct AreaRecord {
  int64_t id = 0;
  std::string code;
  std::string kind = "shuttle";  // shuttle (rides, stops are virtual stops) or luggage (orders, stops are places)
  int64_t operator_id = 0;  // the operating organisation (directory)
  std::string name_ko;
  std::string name_en;
  AreaRules rules;
  std::vector<StopRecord> stops;
};

struct VehicleRecord {
  int64_t id = 0;
  int64_t area_id = 0;
  std::string label;
  int seats = 11;
  int wheelchair_places = 0;
  int64_t depot_stop_id = 0;
  std::optional<int64_t> driver_user_id;
  int shift_start_min = 360;
  int shift_end_min = 1320;
  uint8_t days = 0x7f;
  bool active = true;
};

// A vehicle on one day: "on", "offline" (the driver went off) or "broken"; its last reported position.
struct VehicleDay {
  int64_t vehicle_id = 0;
  LocalDate day;
  std::string status = "on";
  std::optional<LonLat> position;
  std::optional<EpochMs> position_at;
};

struct RideRecord {
  int64_t id = 0;
  int64_t area_id = 0;
  LocalDate day;
  std::string status = "promised";  // promised, onboard, completed, cancelled, no_show, refused, at_risk
  std::optional<int64_t> rider_user_id;
  std::string rider_name;
  std::optional<std::string> rider_phone;  // personal data: operator-taken requests
  std::optional<int64_t> booked_by;
  std::string channel = "web";      // web, phone, series
  int64_t pickup_stop_id = 0;
  int64_t dropoff_stop_id = 0;
  int passengers = 1;
  bool wheelchair = false;
  std::string note;
  int window_start_s = 0;           // the promise: pickup service starts in [window_start, window_end]
  int window_end_s = 0;
  int max_ride_s = 0;               // riding at most this long
  std::optional<int> deliver_by_s;  // a luggage order: the drop-off is done by then
  std::optional<int> pickup_eta_s;  // the plan's, never before window_start
  std::optional<int> dropoff_eta_s;
  std::optional<int64_t> vehicle_id;
  bool pinned = false;              // the operator assigned it to vehicle_id
  int fare_won = 0;
  int distance_m = 0;               // direct road distance estimate
  std::optional<EpochMs> picked_up_at;
  std::optional<EpochMs> dropped_off_at;
  std::optional<int64_t> series_id;
  std::string refusal;              // why it was refused or is at risk (English sentence)
  std::optional<int> next_possible_s;
  EpochMs created_at = 0;
  EpochMs updated_at = 0;
};

// A luggage order: the trip (a RideRecord: places, pickup window, deadline, vehicle, ETAs, status) and what the
// customer gave and was given. Codes are 6 digits: the customer tells the courier the pickup code when handing the
// bags over, and whoever receives them at the delivery place tells the delivery code.
struct LuggageOrder {
  int64_t ride_id = 0;
  std::string tracking_token;       // 128 random bits, base32: the customer's link, a bearer secret
  std::optional<int64_t> customer_user_id;
  std::string customer_name;
  std::optional<std::string> customer_phone;
  std::optional<std::string> customer_email;
  std::string flight;
  int bags = 1;
  int fee_won = 0;
  std::string pickup_code;
  std::string delivery_code;
  std::optional<EpochMs> paid_at;   // collected by the courier at pickup
  EpochMs created_at = 0;
};

struct SeriesRecord {
  int64_t id = 0;
  int64_t area_id = 0;
  std::optional<int64_t> rider_user_id;
  std::string rider_name;
  std::optional<std::string> rider_phone;
  std::optional<int64_t> booked_by;
  int64_t pickup_stop_id = 0;
  int64_t dropoff_stop_id = 0;
  int passengers = 1;
  bool wheelchair = false;
  int time_min = 0;                 // the pickup time each day
  uint8_t days = 0x1f;
  LocalDate from;
  std::optional<LocalDate> until;
  LocalDate booked_through;         // occurrences exist up to this day
  std::string status = "active";    // active, cancelled
  EpochMs created_at = 0;
};

}  // namespace dongne::dispatch
