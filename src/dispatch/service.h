// The on-demand shuttle (docs/dispatch-services.md): ride requests answered with a promise or a clear no and the
// next possible time, riders' rides and recurring series, the operator's board and overrides, the driver's day.
// One live DayPlan per area and day is kept in memory and rebuilt from the store whenever the store moved on
// without it (another instance, a restart, a failed write); every write takes the area-day's lock in the store
// first, so two instances never plan the same area at once. Rides' ETAs are written back after every change.
// Thread-safety: safe to call concurrently; writes to the plans are serialised by one mutex.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/clock.h"
#include "core/periodic.h"
#include "core/result.h"
#include "core/roles.h"
#include "dispatch/day_plan.h"
#include "dispatch/records.h"
#include "store/database.h"

namespace dongne::dispatch {

struct RideInput {
  int64_t area_id = 0;
  std::optional<int64_t> pickup_stop_id;
  std::optional<int64_t> dropoff_stop_id;
  std::optional<LonLat> pickup_point;
  std::optional<LonLat> dropoff_point;
  std::optional<EpochMs> pickup_after;  // default: now + the area's lead time
  int passengers = 1;
  bool wheelchair = false;
  std::string note;
  std::optional<std::string> rider_name;   // operator-taken requests
  std::optional<std::string> rider_phone;
  std::string fingerprint() const;
};

struct SeriesInput {
  int64_t area_id = 0;
  int64_t pickup_stop_id = 0;
  int64_t dropoff_stop_id = 0;
  int time_min = 0;
  uint8_t days = 0;
  std::optional<LocalDate> from;
  std::optional<LocalDate> until;
  int passengers = 1;
  bool wheelchair = false;
  std::optional<std::string> rider_name;
  std::optional<std::string> rider_phone;
};

// A luggage order as its customer, the operator or anyone with its tracking link sends it.
struct LuggageInput {
  int64_t area_id = 0;
  int64_t pickup_place_id = 0;
  int64_t delivery_place_id = 0;
  std::optional<EpochMs> ready_at;  // default: now + the area's lead time
  std::optional<EpochMs> deliver_by;
  int bags = 1;
  std::string flight;
  std::string note;
  std::optional<std::string> customer_name;  // default for a signed-in resident: her account's name
  std::optional<std::string> customer_phone;
  std::optional<std::string> customer_email;
  std::string fingerprint() const;
};

// A ride as its reader may see it.
struct RideView {
  RideRecord ride;
  std::string kind = "shuttle";  // the area's: shuttle or luggage
  int risk_margin_min = 20;      // luggage: the area's
  StopRecord pickup;
  StopRecord dropoff;
  std::optional<VehicleRecord> vehicle;
  std::optional<VehicleDay> vehicle_day;  // position: rider, driver and operator only
  bool full_rider = false;                // the operator: name unmasked and phone
  int stop_service_s = 60;                // the area's boarding time (the ride limit runs from departure)
  // The promised latest arrival: the window's end, boarding, and the longest ride.
  int latest_arrival_s() const {
    return ride.deliver_by_s ? *ride.deliver_by_s : ride.window_end_s + stop_service_s + ride.max_ride_s;
  }
};

// A luggage order with its trip. `codes` and the customer's name: the customer (her account or the tracking link)
// and the operator; the phone and e-mail: the operator only.
struct OrderView {
  LuggageOrder order;
  RideView trip;
  std::string risk;  // why it may be late (English), empty: on time
  bool codes = false;
  bool named = false;
  bool contact = false;
};

struct LuggageFigures {
  int ordered = 0, scheduled = 0, refused = 0, cancelled = 0, picked_up = 0, delivered = 0, delivered_on_time = 0;
  int at_risk = 0, late_risk = 0, bags = 0;
  int64_t fee_won = 0;
  std::optional<double> on_time_rate;
};


struct Occurrence {
  LocalDate day;
  std::optional<RideView> ride;
  std::optional<Error> refusal;
};

struct StopStep {
  RideView ride;
  bool pickup = true;
};

struct VehicleBoard {
  VehicleRecord vehicle;
  std::string status;  // on, offline, broken, off_shift
  std::optional<VehicleDay> day;
  std::vector<StopStep> stops;
  int onboard = 0;
};

struct Figures {
  int requested = 0, promised = 0, refused = 0, cancelled = 0, no_show = 0, completed = 0, at_risk = 0, onboard = 0;
  int passengers = 0;
  std::optional<double> on_time_rate, mean_wait_min, mean_ride_min, occupancy;
  double vehicle_km = 0;
};

struct Board {
  AreaRecord area;
  LocalDate day;
  std::vector<RideView> rides;
  std::vector<VehicleBoard> vehicles;
  Figures figures;
};

struct LuggageDay {
  AreaRecord area;
  LocalDate day;
  std::vector<OrderView> orders;
  std::vector<VehicleBoard> vehicles;
  LuggageFigures figures;
};

struct DriverDay {
  std::optional<VehicleRecord> vehicle;
  std::optional<AreaRecord> area;
  LocalDate day;
  std::string status = "on";
  std::vector<StopStep> stops;
  std::vector<StopStep> done;
};

struct Replanned {
  std::vector<int64_t> replanned;
  std::vector<Broken> broken;
  int late_s = 0;
};

class ShuttleService {
 public:
  // `share_dir`: where areas' router matrices are read from (rules travel.matrix), once per file.
  ShuttleService(store::Database& db, const Clock& clock, std::string share_dir = {})
      : db_(db), clock_(clock), share_dir_(std::move(share_dir)) {}

  Result<std::vector<AreaRecord>> areas();
  LocalDate today() const { return local_date(clock_.now_ms()); }
  EpochMs now() const { return clock_.now_ms(); }

  // A resident for herself, or an operator for a person who phoned (rider_name and rider_phone). A refusal is an
  // Error (kConflict "no_vehicle", extension next_possible_at) and is recorded as a refused ride.
  Result<RideView> request(const Principal& p, const RideInput& in, const std::optional<std::string>& idem_key);
  Result<RideView> ride(const Principal& p, int64_t ride_id);
  Result<RideView> cancel(const Principal& p, int64_t ride_id);
  Result<std::vector<RideView>> my_rides(const Principal& p);

  Result<std::pair<SeriesRecord, std::vector<Occurrence>>> create_series(const Principal& p, const SeriesInput& in);
  Result<std::vector<SeriesRecord>> my_series(const Principal& p);
  Result<SeriesRecord> cancel_series(const Principal& p, int64_t series_id);
  // Books every active series' occurrences through its area's horizon (the nightly round).
  Status book_series_ahead();

  Result<Board> board(const Principal& p, int64_t area_id, std::optional<LocalDate> day);
  Result<RideView> assign(const Principal& p, int64_t ride_id, int64_t vehicle_id);
  Result<Replanned> breakdown(const Principal& p, int64_t vehicle_id);

  Result<DriverDay> driver_today(const Principal& p);
  // action: picked_up, dropped_off, no_show. In a luggage area `code` must be the order's pickup or delivery code.
  Result<DriverDay> driver_stop(const Principal& p, int64_t ride_id, const std::string& action,
                                const std::optional<std::string>& code = std::nullopt);
  Result<Replanned> driver_position(const Principal& p, LonLat at);
  Result<Replanned> driver_status(const Principal& p, const std::string& status);

  // Luggage delivery (service_luggage.cpp). `p` is null for a traveller without an account. A refusal is an Error
  // (kConflict "no_vehicle", extension later_deadline_at) and is recorded as a refused trip.
  Result<OrderView> order_luggage(const Principal* p, const LuggageInput& in, const std::optional<std::string>& idem_key);
  Result<OrderView> track(const std::string& token);
  Result<OrderView> cancel_by_token(const std::string& token);
  Result<std::vector<OrderView>> my_luggage(const Principal& p);
  Result<LuggageDay> luggage_day(const Principal& p, int64_t area_id, std::optional<LocalDate> day);

  // The shuttle area as a GTFS-Flex feed (a zip), valid from today for a year; `site` is the public site's
  // address (https://host). kInvalid for a luggage area.
  Result<std::string> gtfs_flex(int64_t area_id, const std::string& site);

  // Background: series booked ahead once an hour.
  void start();
  void stop();

 private:
  struct Cached {
    int64_t version = -1;
    std::optional<DayPlan> plan;
    std::map<int64_t, Placement> placements;  // as last written to the rides
  };
  using PlanFn = std::function<Status(store::Tx&, const AreaRecord&, DayPlan&, int now_s, std::vector<Broken>& broken)>;
  // Runs fn on the area-day's live plan inside one write transaction holding the area-day lock; afterwards the
  // rides' vehicles and ETAs are written back, and rides that lost their place (fn adds to `broken`) are marked
  // at risk. `rebuild`: plan again from the store first (a vehicle came back into service).
  Status with_plan(int64_t area_id, LocalDate day, const PlanFn& fn, bool rebuild = false);
  Status sync(store::Tx& tx, const AreaRecord& area, LocalDate day, Cached& c, const std::vector<Broken>& broken, EpochMs now);
  Result<RideView> submit(const Principal& p, const RideInput& in, const std::optional<std::string>& idem_key,
                          std::optional<int64_t> series_id);
  Result<RideView> view(store::Tx& tx, const Principal& p, const RideRecord& r);
  Result<VehicleRecord> drivers_vehicle(store::Tx& tx, const Principal& p);
  Result<Replanned> out_of_service(const VehicleRecord& v, const std::string& status, const Principal& p);
  // The area's router matrix, read once (nullptr: great circle).
  Result<std::shared_ptr<const formats::RouterMatrix>> matrix_of(const AreaRules& rules);
  Result<OrderView> order_view(store::Tx& tx, const Principal* p, const RideRecord& r, const LuggageOrder& o, bool by_token);
  Result<std::vector<Occurrence>> book_series_days(const Principal& p, SeriesRecord& s, LocalDate through);

  store::Database& db_;
  const Clock& clock_;
  std::string share_dir_;
  std::mutex mu_;
  std::map<std::string, std::shared_ptr<const formats::RouterMatrix>> matrices_;  // guarded by mu_
  std::map<std::pair<int64_t, int64_t>, Cached> cache_;  // (area, day number)
  PeriodicTask series_task_;
};

// Whether p may act for the area as its operator (or admin).
bool operates(const Principal& p, const AreaRecord& area);

}  // namespace dongne::dispatch
