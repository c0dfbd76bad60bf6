#include "dispatch/repo.h"

#include "dispatch/rules.h"
#include "auth/access_log.h"
#include "directory/directory.h"
#include "store/values.h"

namespace dongne::dispatch::repo {

namespace {

using store::Value;
using store::values::date_of;
using store::values::opt;

Value opt_int(const std::optional<int>& v) { return v ? Value(static_cast<int64_t>(*v)) : Value(nullptr); }
std::optional<int> opt_int_of(const store::Row& r, size_t i) {
  if (r.is_null(i)) return std::nullopt;
  return static_cast<int>(r.i64(i));
}

constexpr const char* kVehicleCols =
    "id, area_id, label, seats, wheelchair_places, depot_stop_id, driver_user_id, shift_start_min, shift_end_min, days, active";
VehicleRecord vehicle_of(const store::Row& r) {
  VehicleRecord v;
  v.id = r.i64(0);
  v.area_id = r.i64(1);
  v.label = r.str(2);
  v.seats = static_cast<int>(r.i64(3));
  v.wheelchair_places = static_cast<int>(r.i64(4));
  v.depot_stop_id = r.i64(5);
  v.driver_user_id = r.opt_i64(6);
  v.shift_start_min = static_cast<int>(r.i64(7));
  v.shift_end_min = static_cast<int>(r.i64(8));
  v.days = static_cast<uint8_t>(r.i64(9));
  v.active = r.i64(10) != 0;
  return v;
}

constexpr const char* kRideCols =
    "id, area_id, day, status, rider_user_id, rider_name, rider_phone, booked_by, channel, pickup_stop_id, "
    "dropoff_stop_id, passengers, wheelchair, note, window_start_s, window_end_s, max_ride_s, pickup_eta_s, "
    "dropoff_eta_s, vehicle_id, pinned, fare_won, distance_m, picked_up_at, dropped_off_at, series_id, refusal, "
    "next_possible_s, created_at, updated_at, deliver_by_s";
RideRecord ride_of(const store::Row& r) {
  RideRecord x;
  x.id = r.i64(0);
  x.area_id = r.i64(1);
  x.day = date_of(r.str(2));
  x.status = r.str(3);
  x.rider_user_id = r.opt_i64(4);
  x.rider_name = r.str(5);
  x.rider_phone = r.opt_str(6);
  x.booked_by = r.opt_i64(7);
  x.channel = r.str(8);
  x.pickup_stop_id = r.i64(9);
  x.dropoff_stop_id = r.i64(10);
  x.passengers = static_cast<int>(r.i64(11));
  x.wheelchair = r.i64(12) != 0;
  x.note = r.str(13);
  x.window_start_s = static_cast<int>(r.i64(14));
  x.window_end_s = static_cast<int>(r.i64(15));
  x.max_ride_s = static_cast<int>(r.i64(16));
  x.pickup_eta_s = opt_int_of(r, 17);
  x.dropoff_eta_s = opt_int_of(r, 18);
  x.vehicle_id = r.opt_i64(19);
  x.pinned = r.i64(20) != 0;
  x.fare_won = static_cast<int>(r.i64(21));
  x.distance_m = static_cast<int>(r.i64(22));
  x.picked_up_at = r.opt_i64(23);
  x.dropped_off_at = r.opt_i64(24);
  x.series_id = r.opt_i64(25);
  x.refusal = r.str(26);
  x.next_possible_s = opt_int_of(r, 27);
  x.created_at = r.i64(28);
  x.updated_at = r.i64(29);
  x.deliver_by_s = opt_int_of(r, 30);
  return x;
}

Result<std::vector<RideRecord>> rides_where(store::Tx& tx, const std::string& where, const std::vector<Value>& params) {
  DONGNE_ASSIGN_OR_RETURN(auto rows, tx.query(std::string("SELECT ") + kRideCols + " FROM dispatch_rides WHERE " + where, params));
  std::vector<RideRecord> out;
  for (const auto& r : rows.rows) out.push_back(ride_of(r));
  return out;
}

constexpr const char* kSeriesCols =
    "id, area_id, rider_user_id, rider_name, rider_phone, booked_by, pickup_stop_id, dropoff_stop_id, passengers, "
    "wheelchair, time_min, days, from_day, until_day, booked_through, status, created_at";
SeriesRecord series_of(const store::Row& r) {
  SeriesRecord s;
  s.id = r.i64(0);
  s.area_id = r.i64(1);
  s.rider_user_id = r.opt_i64(2);
  s.rider_name = r.str(3);
  s.rider_phone = r.opt_str(4);
  s.booked_by = r.opt_i64(5);
  s.pickup_stop_id = r.i64(6);
  s.dropoff_stop_id = r.i64(7);
  s.passengers = static_cast<int>(r.i64(8));
  s.wheelchair = r.i64(9) != 0;
  s.time_min = static_cast<int>(r.i64(10));
  s.days = static_cast<uint8_t>(r.i64(11));
  s.from = date_of(r.str(12));
  if (!r.is_null(13)) s.until = date_of(r.str(13));
  s.booked_through = date_of(r.str(14));
  s.status = r.str(15);
  s.created_at = r.i64(16);
  return s;
}

Result<std::vector<SeriesRecord>> series_where(store::Tx& tx, const std::string& where, const std::vector<Value>& params) {
  DONGNE_ASSIGN_OR_RETURN(auto rows, tx.query(std::string("SELECT ") + kSeriesCols + " FROM dispatch_series WHERE " + where, params));
  std::vector<SeriesRecord> out;
  for (const auto& r : rows.rows) out.push_back(series_of(r));
  return out;
}

Result<std::vector<StopRecord>> stops_of(store::Tx& tx, int64_t area_id) {
  DONGNE_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT id, area_id, code, name_ko, name_en, lat, lon FROM dispatch_stops "
                                              "WHERE area_id = ? ORDER BY id", {area_id}));
  std::vector<StopRecord> out;
  for (const auto& r : rows.rows) out.push_back({r.i64(0), r.i64(1), r.str(2), r.str(3), r.str(4), {r.f64(6), r.f64(5)}});
  return out;
}

Result<AreaRecord> area_of(store::Tx& tx, const store::Row& r) {
  AreaRecord a;
  a.id = r.i64(0);
  a.code = r.str(1);
  a.operator_id = r.i64(2);
  a.name_ko = r.str(3);
  a.name_en = r.str(4);
  a.kind = r.str(6);
  auto rules = rules_from_json(store::values::json_or(r.str(5), nlohmann::json::object()));
  if (!rules.ok()) return Error::internal("stored rules of area " + a.code + " are invalid: " + rules.error().message_en);
  a.rules = std::move(rules).value();
  DONGNE_ASSIGN_OR_RETURN(a.stops, stops_of(tx, a.id));
  return a;
}

constexpr const char* kAreaCols = "id, code, operator_id, name_ko, name_en, rules, kind";

}  // namespace

Result<int64_t> upsert_area(store::Tx& tx, const AreaRecord& a, EpochMs now) {
  const std::string rules = rules_json(a.rules).dump();
  DONGNE_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT id FROM dispatch_areas WHERE code = ?", {a.code}));
  if (!rows.empty()) {
    DONGNE_TRY(tx.exec("UPDATE dispatch_areas SET operator_id = ?, name_ko = ?, name_en = ?, rules = ?, kind = ? WHERE id = ?",
                       {a.operator_id, a.name_ko, a.name_en, rules, a.kind, rows[0].i64(0)}));
    return rows[0].i64(0);
  }
  return tx.insert("INSERT INTO dispatch_areas (code, operator_id, name_ko, name_en, rules, kind, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                   {a.code, a.operator_id, a.name_ko, a.name_en, rules, a.kind, now});
}

Result<int64_t> upsert_stop(store::Tx& tx, const StopRecord& s) {
  DONGNE_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT id FROM dispatch_stops WHERE area_id = ? AND code = ?", {s.area_id, s.code}));
  if (!rows.empty()) {
    DONGNE_TRY(tx.exec("UPDATE dispatch_stops SET name_ko = ?, name_en = ?, lat = ?, lon = ? WHERE id = ?",
                       {s.name_ko, s.name_en, s.at.lat, s.at.lon, rows[0].i64(0)}));
    return rows[0].i64(0);
  }
  return tx.insert("INSERT INTO dispatch_stops (area_id, code, name_ko, name_en, lat, lon) VALUES (?, ?, ?, ?, ?, ?)",
                   {s.area_id, s.code, s.name_ko, s.name_en, s.at.lat, s.at.lon});
}

Result<int64_t> upsert_vehicle(store::Tx& tx, const VehicleRecord& v) {
  const std::vector<Value> vals = {static_cast<int64_t>(v.seats), static_cast<int64_t>(v.wheelchair_places), v.depot_stop_id,
                                   opt(v.driver_user_id), static_cast<int64_t>(v.shift_start_min),
                                   static_cast<int64_t>(v.shift_end_min), static_cast<int64_t>(v.days),
                                   static_cast<int64_t>(v.active ? 1 : 0)};
  DONGNE_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT id FROM dispatch_vehicles WHERE area_id = ? AND label = ?", {v.area_id, v.label}));
  if (!rows.empty()) {
    std::vector<Value> p = vals;
    p.push_back(rows[0].i64(0));
    DONGNE_TRY(tx.exec("UPDATE dispatch_vehicles SET seats = ?, wheelchair_places = ?, depot_stop_id = ?, driver_user_id = ?, "
                       "shift_start_min = ?, shift_end_min = ?, days = ?, active = ? WHERE id = ?", p));
    return rows[0].i64(0);
  }
  std::vector<Value> p = {v.area_id, v.label};
  p.insert(p.end(), vals.begin(), vals.end());
  return tx.insert("INSERT INTO dispatch_vehicles (area_id, label, seats, wheelchair_places, depot_stop_id, driver_user_id, "
                   "shift_start_min, shift_end_min, days, active) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", p);
}

Result<std::vector<AreaRecord>> areas(store::Tx& tx) {
  DONGNE_ASSIGN_OR_RETURN(auto rows, tx.query(std::string("SELECT ") + kAreaCols + " FROM dispatch_areas ORDER BY id"));
  std::vector<AreaRecord> out;
  for (const auto& r : rows.rows) {
    DONGNE_ASSIGN_OR_RETURN(auto a, area_of(tx, r));
    out.push_back(std::move(a));
  }
  return out;
}

Result<std::optional<AreaRecord>> area(store::Tx& tx, int64_t id) {
  DONGNE_ASSIGN_OR_RETURN(auto rows, tx.query(std::string("SELECT ") + kAreaCols + " FROM dispatch_areas WHERE id = ?", {id}));
  if (rows.empty()) return std::optional<AreaRecord>{};
  DONGNE_ASSIGN_OR_RETURN(auto a, area_of(tx, rows[0]));
  return std::optional<AreaRecord>(std::move(a));
}

Result<std::vector<VehicleRecord>> vehicles(store::Tx& tx, int64_t area_id) {
  DONGNE_ASSIGN_OR_RETURN(auto rows, tx.query(std::string("SELECT ") + kVehicleCols + " FROM dispatch_vehicles WHERE area_id = ? ORDER BY id", {area_id}));
  std::vector<VehicleRecord> out;
  for (const auto& r : rows.rows) out.push_back(vehicle_of(r));
  return out;
}

Result<std::optional<VehicleRecord>> vehicle(store::Tx& tx, int64_t id) {
  DONGNE_ASSIGN_OR_RETURN(auto rows, tx.query(std::string("SELECT ") + kVehicleCols + " FROM dispatch_vehicles WHERE id = ?", {id}));
  if (rows.empty()) return std::optional<VehicleRecord>{};
  return std::optional<VehicleRecord>(vehicle_of(rows[0]));
}

Result<std::optional<VehicleRecord>> vehicle_of_driver(store::Tx& tx, int64_t user_id) {
  DONGNE_ASSIGN_OR_RETURN(auto rows, tx.query(std::string("SELECT ") + kVehicleCols +
                                                  " FROM dispatch_vehicles WHERE driver_user_id = ? AND active = 1 ORDER BY id LIMIT 1",
                                              {user_id}));
  if (rows.empty()) return std::optional<VehicleRecord>{};
  return std::optional<VehicleRecord>(vehicle_of(rows[0]));
}

Result<std::vector<VehicleDay>> vehicle_days(store::Tx& tx, int64_t area_id, LocalDate day) {
  DONGNE_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT d.vehicle_id, d.status, d.lat, d.lon, d.position_at FROM dispatch_vehicle_days d "
                                              "JOIN dispatch_vehicles v ON v.id = d.vehicle_id WHERE v.area_id = ? AND d.day = ?",
                                              {area_id, format_date(day)}));
  std::vector<VehicleDay> out;
  for (const auto& r : rows.rows) {
    VehicleDay d;
    d.vehicle_id = r.i64(0);
    d.day = day;
    d.status = r.str(1);
    if (!r.is_null(2) && !r.is_null(3)) d.position = LonLat{r.f64(3), r.f64(2)};
    d.position_at = r.opt_i64(4);
    out.push_back(d);
  }
  return out;
}

Status put_vehicle_day(store::Tx& tx, const VehicleDay& d) {
  // Without a position both coordinates are NULL (the CHECK-free pair is written together).
  std::vector<Value> set = {d.status};
  if (d.position) {
    set.emplace_back(d.position->lat);
    set.emplace_back(d.position->lon);
  } else {
    set.emplace_back(nullptr);
    set.emplace_back(nullptr);
  }
  set.push_back(opt(d.position_at));
  std::vector<Value> upd = set;
  upd.emplace_back(d.vehicle_id);
  upd.emplace_back(format_date(d.day));
  DONGNE_ASSIGN_OR_RETURN(int64_t n, tx.exec("UPDATE dispatch_vehicle_days SET status = ?, lat = ?, lon = ?, position_at = ? "
                                             "WHERE vehicle_id = ? AND day = ?", upd));
  if (n > 0) return ok_status();
  std::vector<Value> ins = {d.vehicle_id, format_date(d.day)};
  ins.insert(ins.end(), set.begin(), set.end());
  return to_status(tx.exec("INSERT INTO dispatch_vehicle_days (vehicle_id, day, status, lat, lon, position_at) VALUES (?, ?, ?, ?, ?, ?)", ins));
}

Result<std::vector<RideRecord>> rides_of_day(store::Tx& tx, int64_t area_id, LocalDate day) {
  return rides_where(tx, "area_id = ? AND day = ? ORDER BY window_start_s, id", {area_id, format_date(day)});
}

Result<std::optional<RideRecord>> ride(store::Tx& tx, int64_t id) {
  DONGNE_ASSIGN_OR_RETURN(auto rows, rides_where(tx, "id = ?", {id}));
  if (rows.empty()) return std::optional<RideRecord>{};
  return std::optional<RideRecord>(rows[0]);
}

Result<std::vector<RideRecord>> rides_of_rider(store::Tx& tx, int64_t user_id, LocalDate from) {
  return rides_where(tx, "rider_user_id = ? AND day >= ? ORDER BY day DESC, window_start_s DESC, id DESC LIMIT 200",
                     {user_id, format_date(from)});
}

Result<std::vector<RideRecord>> future_rides_of_series(store::Tx& tx, int64_t series_id, LocalDate from) {
  return rides_where(tx, "series_id = ? AND day >= ? ORDER BY day, id", {series_id, format_date(from)});
}

Result<int64_t> insert_ride(store::Tx& tx, const RideRecord& r) {
  return tx.insert(
      "INSERT INTO dispatch_rides (area_id, day, status, rider_user_id, rider_name, rider_phone, booked_by, channel, "
      "pickup_stop_id, dropoff_stop_id, passengers, wheelchair, note, window_start_s, window_end_s, max_ride_s, pickup_eta_s, "
      "dropoff_eta_s, vehicle_id, pinned, fare_won, distance_m, series_id, refusal, next_possible_s, created_at, updated_at, "
      "deliver_by_s) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {r.area_id, format_date(r.day), r.status, opt(r.rider_user_id), r.rider_name, opt(r.rider_phone), opt(r.booked_by),
       r.channel, r.pickup_stop_id, r.dropoff_stop_id, static_cast<int64_t>(r.passengers), static_cast<int64_t>(r.wheelchair ? 1 : 0),
       r.note, static_cast<int64_t>(r.window_start_s), static_cast<int64_t>(r.window_end_s), static_cast<int64_t>(r.max_ride_s),
       opt_int(r.pickup_eta_s), opt_int(r.dropoff_eta_s), opt(r.vehicle_id), static_cast<int64_t>(r.pinned ? 1 : 0),
       static_cast<int64_t>(r.fare_won), static_cast<int64_t>(r.distance_m), opt(r.series_id), r.refusal,
       opt_int(r.next_possible_s), r.created_at, r.updated_at, opt_int(r.deliver_by_s)});
}

Status update_ride(store::Tx& tx, const RideRecord& r) {
  return to_status(tx.exec(
      "UPDATE dispatch_rides SET status = ?, pickup_eta_s = ?, dropoff_eta_s = ?, vehicle_id = ?, pinned = ?, picked_up_at = ?, "
      "dropped_off_at = ?, refusal = ?, next_possible_s = ?, updated_at = ? WHERE id = ?",
      {r.status, opt_int(r.pickup_eta_s), opt_int(r.dropoff_eta_s), opt(r.vehicle_id), static_cast<int64_t>(r.pinned ? 1 : 0),
       opt(r.picked_up_at), opt(r.dropped_off_at), r.refusal, opt_int(r.next_possible_s), r.updated_at, r.id}));
}

Status update_placement(store::Tx& tx, int64_t ride_id, int64_t vehicle_id, int pickup_eta_s, int dropoff_eta_s, EpochMs now) {
  const Value pick = pickup_eta_s >= 0 ? Value(static_cast<int64_t>(pickup_eta_s)) : Value(nullptr);
  return to_status(tx.exec(
      "UPDATE dispatch_rides SET vehicle_id = ?, pickup_eta_s = COALESCE(?, pickup_eta_s), dropoff_eta_s = ?, updated_at = ?, "
      "status = CASE WHEN status = 'at_risk' AND COALESCE(?, pickup_eta_s) <= window_end_s THEN 'promised' ELSE status END, "
      "refusal = CASE WHEN status = 'at_risk' AND COALESCE(?, pickup_eta_s) <= window_end_s THEN '' ELSE refusal END "
      "WHERE id = ?",
      {vehicle_id, pick, static_cast<int64_t>(dropoff_eta_s), now, pick, pick, ride_id}));
}

Result<int64_t> insert_series(store::Tx& tx, const SeriesRecord& s) {
  return tx.insert(
      "INSERT INTO dispatch_series (area_id, rider_user_id, rider_name, rider_phone, booked_by, pickup_stop_id, dropoff_stop_id, "
      "passengers, wheelchair, time_min, days, from_day, until_day, booked_through, status, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {s.area_id, opt(s.rider_user_id), s.rider_name, opt(s.rider_phone), opt(s.booked_by), s.pickup_stop_id, s.dropoff_stop_id,
       static_cast<int64_t>(s.passengers), static_cast<int64_t>(s.wheelchair ? 1 : 0), static_cast<int64_t>(s.time_min),
       static_cast<int64_t>(s.days), format_date(s.from), store::values::opt_date(s.until), format_date(s.booked_through),
       s.status, s.created_at});
}

Result<std::optional<SeriesRecord>> series(store::Tx& tx, int64_t id) {
  DONGNE_ASSIGN_OR_RETURN(auto rows, series_where(tx, "id = ?", {id}));
  if (rows.empty()) return std::optional<SeriesRecord>{};
  return std::optional<SeriesRecord>(rows[0]);
}

Result<std::vector<SeriesRecord>> series_of_rider(store::Tx& tx, int64_t user_id) {
  return series_where(tx, "rider_user_id = ? ORDER BY id DESC", {user_id});
}

Result<std::vector<SeriesRecord>> active_series(store::Tx& tx) { return series_where(tx, "status = 'active' ORDER BY id", {}); }

Status update_series(store::Tx& tx, const SeriesRecord& s) {
  return to_status(tx.exec("UPDATE dispatch_series SET booked_through = ?, status = ? WHERE id = ?",
                           {format_date(s.booked_through), s.status, s.id}));
}

Result<int64_t> lock_and_bump(store::Tx& tx, int64_t area_id, LocalDate day) {
  if (tx.dialect() == store::Dialect::kPostgres) {
    const int64_t key = (int64_t{0x4450} << 48) ^ (area_id << 20) ^ days_from_civil(day);
    DONGNE_TRY(to_status(tx.query("SELECT pg_advisory_xact_lock(?)", {key})));
  }
  const std::string d = format_date(day);
  DONGNE_ASSIGN_OR_RETURN(int64_t n, tx.exec("UPDATE dispatch_plan_versions SET version = version + 1 WHERE area_id = ? AND day = ?", {area_id, d}));
  if (n == 0) {
    DONGNE_TRY(to_status(tx.exec("INSERT INTO dispatch_plan_versions (area_id, day, version) VALUES (?, ?, 1)", {area_id, d})));
    return int64_t{0};
  }
  DONGNE_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT version FROM dispatch_plan_versions WHERE area_id = ? AND day = ?", {area_id, d}));
  return rows[0].i64(0) - 1;
}

Result<std::optional<Answer>> find_answer(store::Tx& tx, int64_t user_id, const std::string& key) {
  DONGNE_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT fingerprint, http_status, answer FROM dispatch_idempotency "
                                              "WHERE user_id = ? AND idem_key = ?", {user_id, key}));
  if (rows.empty()) return std::optional<Answer>{};
  return std::optional<Answer>(Answer{rows[0].str(0), static_cast<int>(rows[0].i64(1)), rows[0].str(2)});
}

Status store_answer(store::Tx& tx, int64_t user_id, const std::string& key, const Answer& a, EpochMs now) {
  return to_status(tx.exec("INSERT INTO dispatch_idempotency (user_id, idem_key, fingerprint, http_status, answer, created_at) "
                           "VALUES (?, ?, ?, ?, ?, ?)",
                           {user_id, key, a.fingerprint, static_cast<int64_t>(a.http_status), a.answer, now}));
}

Result<std::string> organisation_name(store::Tx& tx, int64_t id) {
  DONGNE_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT name_ko FROM organisations WHERE id = ?", {id}));
  return rows.empty() ? std::string() : rows[0].str(0);
}

Status log_read(store::Tx& tx, int64_t reader, int64_t subject, const std::string& kind, const std::string& record,
                const std::string& route, const std::string& reason, EpochMs now) {
  return auth::log_read(tx, {reader, subject, kind, record, route, reason, true, now});
}

}  // namespace dongne::dispatch::repo

namespace dongne::dispatch::repo {

Result<std::optional<std::pair<std::string, std::string>>> open_records_of(store::Tx& tx, int64_t org) {
  DONGNE_ASSIGN_OR_RETURN(auto areas, directory::count_open(tx, "SELECT COUNT(*) FROM dispatch_areas WHERE operator_id = ?",
                                                            org, "운행 구역", "dispatch areas"));
  if (areas) return areas;
  return directory::count_open(tx, "SELECT COUNT(*) FROM visit_services WHERE operator_id = ?", org, "방문 서비스",
                               "home-visit services");
}

}  // namespace dongne::dispatch::repo
