// SQL for the shuttle: areas, stops, vehicles, vehicle days, rides, series, plan versions and Idempotency-Key
// answers. Every function runs inside the caller's transaction. Thread-safety: as the Tx.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "dispatch/records.h"
#include "store/database.h"
#include "store/owners.h"
#include "store/retention.h"

namespace dongne::dispatch::repo {

Result<int64_t> upsert_area(store::Tx& tx, const AreaRecord& a, EpochMs now);
Result<int64_t> upsert_stop(store::Tx& tx, const StopRecord& s);
Result<int64_t> upsert_vehicle(store::Tx& tx, const VehicleRecord& v);

Result<std::vector<AreaRecord>> areas(store::Tx& tx);
Result<std::optional<AreaRecord>> area(store::Tx& tx, int64_t id);
Result<std::vector<VehicleRecord>> vehicles(store::Tx& tx, int64_t area_id);
Result<std::optional<VehicleRecord>> vehicle(store::Tx& tx, int64_t id);
Result<std::optional<VehicleRecord>> vehicle_of_driver(store::Tx& tx, int64_t user_id);
Result<std::vector<VehicleDay>> vehicle_days(store::Tx& tx, int64_t area_id, LocalDate day);
Status put_vehicle_day(store::Tx& tx, const VehicleDay& d);

Result<std::vector<RideRecord>> rides_of_day(store::Tx& tx, int64_t area_id, LocalDate day);
Result<std::optional<RideRecord>> ride(store::Tx& tx, int64_t id);
Result<std::vector<RideRecord>> rides_of_rider(store::Tx& tx, int64_t user_id, LocalDate from);
Result<std::vector<RideRecord>> future_rides_of_series(store::Tx& tx, int64_t series_id, LocalDate from);
Result<int64_t> insert_ride(store::Tx& tx, const RideRecord& r);
// Writes status, ETAs, vehicle, pin, pickup and drop-off instants, refusal and next possible time.
Status update_ride(store::Tx& tx, const RideRecord& r);

// A planned ride's new vehicle and ETAs (pickup_eta_s < 0: on board, left as it is), in one statement; a ride at
// risk whose pickup is planned inside its window again is promised again.
Status update_placement(store::Tx& tx, int64_t ride_id, int64_t vehicle_id, int pickup_eta_s, int dropoff_eta_s, EpochMs now);

Result<int64_t> insert_series(store::Tx& tx, const SeriesRecord& s);
Result<std::optional<SeriesRecord>> series(store::Tx& tx, int64_t id);
Result<std::vector<SeriesRecord>> series_of_rider(store::Tx& tx, int64_t user_id);
Result<std::vector<SeriesRecord>> active_series(store::Tx& tx);
Status update_series(store::Tx& tx, const SeriesRecord& s);

// Takes the area-day's write lock (PostgreSQL: an advisory lock for the transaction, then the row) and returns the
// version before this write; the caller's write makes it version + 1.
Result<int64_t> lock_and_bump(store::Tx& tx, int64_t area_id, LocalDate day);

struct Answer {
  std::string fingerprint;
  int http_status = 0;
  std::string answer;
};
Result<std::optional<Answer>> find_answer(store::Tx& tx, int64_t user_id, const std::string& key);
Status store_answer(store::Tx& tx, int64_t user_id, const std::string& key, const Answer& a, EpochMs now);

// Luggage orders (repo_luggage.cpp): the order beside its trip.
Status insert_luggage_order(store::Tx& tx, const LuggageOrder& o);
Result<std::optional<LuggageOrder>> luggage_order(store::Tx& tx, int64_t ride_id);
Result<std::optional<LuggageOrder>> luggage_order_by_token(store::Tx& tx, const std::string& token);
// The orders of an area's day (by ride id), and a customer's orders from a day on.
Result<std::map<int64_t, LuggageOrder>> luggage_orders_of_day(store::Tx& tx, int64_t area_id, LocalDate day);
Result<std::vector<LuggageOrder>> luggage_orders_of_customer(store::Tx& tx, int64_t user_id, LocalDate from);
Status mark_luggage_paid(store::Tx& tx, int64_t ride_id, EpochMs at);

// The organisation's Korean name (an area's operator), empty if none.
Result<std::string> organisation_name(store::Tx& tx, int64_t id);

// One personal-data read in the access log (auth/access_log.h): who read whose record, by which route and why.
Status log_read(store::Tx& tx, int64_t reader, int64_t subject, const std::string& kind, const std::string& record,
                const std::string& route, const std::string& reason, EpochMs now);

}  // namespace dongne::dispatch::repo

namespace dongne::dispatch::repo {
// What an operator still runs (directory's retire check): dispatch areas and home-visit services.
Result<std::optional<std::pair<std::string, std::string>>> open_records_of(store::Tx& tx, int64_t org);
// Who owns each kind of record this pillar's routes act on (store/owners.h; the routes name the kinds).
std::vector<store::OwnerQuery> owner_queries();
// What this pillar keeps and for how long (store/retention.h).
std::vector<store::RetentionRule> retention_rules();
}  // namespace dongne::dispatch::repo
