-- Dispatch services, the on-demand shuttle: service areas (rules as a JSON document), virtual stops, vehicles with
-- drivers and weekly shifts, a vehicle's day (status, last position), rides with their promises, recurring series,
-- the per-area-day plan version (one writer at a time re-plans an area), and Idempotency-Key answers.
-- Times of day are seconds since Seoul midnight of the ride's day; instants are epoch ms; money is integer won.
-- Personal data: rides.rider_name/rider_phone and series.rider_name/rider_phone (operator-taken requests).
-- requires: directory, auth
CREATE TABLE dispatch_areas (
  id {{id}},
  code TEXT NOT NULL UNIQUE,
  operator_id {{bigint}} NOT NULL REFERENCES organisations (id),
  name_ko TEXT NOT NULL,
  name_en TEXT NOT NULL,
  rules TEXT NOT NULL,
  created_at {{bigint}} NOT NULL
);

CREATE TABLE dispatch_stops (
  id {{id}},
  area_id {{bigint}} NOT NULL REFERENCES dispatch_areas (id),
  code TEXT NOT NULL,
  name_ko TEXT NOT NULL,
  name_en TEXT NOT NULL,
  lat {{real}} NOT NULL,
  lon {{real}} NOT NULL,
  UNIQUE (area_id, code)
);

CREATE TABLE dispatch_vehicles (
  id {{id}},
  area_id {{bigint}} NOT NULL REFERENCES dispatch_areas (id),
  label TEXT NOT NULL,
  seats INTEGER NOT NULL CHECK (seats > 0),
  wheelchair_places INTEGER NOT NULL DEFAULT 0 CHECK (wheelchair_places >= 0),
  depot_stop_id {{bigint}} NOT NULL REFERENCES dispatch_stops (id),
  driver_user_id {{bigint}},
  shift_start_min INTEGER NOT NULL,
  shift_end_min INTEGER NOT NULL,
  days INTEGER NOT NULL,
  active {{bool}} NOT NULL DEFAULT 1,
  UNIQUE (area_id, label)
);
CREATE INDEX dispatch_vehicles_driver ON dispatch_vehicles (driver_user_id);

CREATE TABLE dispatch_vehicle_days (
  vehicle_id {{bigint}} NOT NULL REFERENCES dispatch_vehicles (id),
  day TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'on' CHECK (status IN ('on', 'offline', 'broken')),
  lat {{real}},
  lon {{real}},
  position_at {{bigint}},
  PRIMARY KEY (vehicle_id, day)
);

CREATE TABLE dispatch_series (
  id {{id}},
  area_id {{bigint}} NOT NULL REFERENCES dispatch_areas (id),
  rider_user_id {{bigint}},
  rider_name TEXT NOT NULL,
  rider_phone TEXT,
  booked_by {{bigint}},
  pickup_stop_id {{bigint}} NOT NULL REFERENCES dispatch_stops (id),
  dropoff_stop_id {{bigint}} NOT NULL REFERENCES dispatch_stops (id),
  passengers INTEGER NOT NULL,
  wheelchair {{bool}} NOT NULL DEFAULT 0,
  time_min INTEGER NOT NULL,
  days INTEGER NOT NULL,
  from_day TEXT NOT NULL,
  until_day TEXT,
  booked_through TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'cancelled')),
  created_at {{bigint}} NOT NULL
);
CREATE INDEX dispatch_series_rider ON dispatch_series (rider_user_id);

CREATE TABLE dispatch_rides (
  id {{id}},
  area_id {{bigint}} NOT NULL REFERENCES dispatch_areas (id),
  day TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('promised', 'onboard', 'completed', 'cancelled', 'no_show', 'refused', 'at_risk')),
  rider_user_id {{bigint}},
  rider_name TEXT NOT NULL,
  rider_phone TEXT,
  booked_by {{bigint}},
  channel TEXT NOT NULL,
  pickup_stop_id {{bigint}} NOT NULL REFERENCES dispatch_stops (id),
  dropoff_stop_id {{bigint}} NOT NULL REFERENCES dispatch_stops (id),
  passengers INTEGER NOT NULL CHECK (passengers > 0),
  wheelchair {{bool}} NOT NULL DEFAULT 0,
  note TEXT NOT NULL DEFAULT '',
  window_start_s INTEGER NOT NULL,
  window_end_s INTEGER NOT NULL,
  max_ride_s INTEGER NOT NULL,
  pickup_eta_s INTEGER,
  dropoff_eta_s INTEGER,
  vehicle_id {{bigint}} REFERENCES dispatch_vehicles (id),
  pinned {{bool}} NOT NULL DEFAULT 0,
  fare_won INTEGER NOT NULL,
  distance_m INTEGER NOT NULL,
  picked_up_at {{bigint}},
  dropped_off_at {{bigint}},
  series_id {{bigint}} REFERENCES dispatch_series (id),
  refusal TEXT NOT NULL DEFAULT '',
  next_possible_s INTEGER,
  created_at {{bigint}} NOT NULL,
  updated_at {{bigint}} NOT NULL
);
CREATE INDEX dispatch_rides_area_day ON dispatch_rides (area_id, day, status);
CREATE INDEX dispatch_rides_rider ON dispatch_rides (rider_user_id, day);
CREATE INDEX dispatch_rides_vehicle ON dispatch_rides (vehicle_id, day);

CREATE TABLE dispatch_plan_versions (
  area_id {{bigint}} NOT NULL REFERENCES dispatch_areas (id),
  day TEXT NOT NULL,
  version {{bigint}} NOT NULL,
  PRIMARY KEY (area_id, day)
);

CREATE TABLE dispatch_idempotency (
  user_id {{bigint}} NOT NULL,
  idem_key TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  http_status INTEGER NOT NULL,
  answer TEXT NOT NULL,
  created_at {{bigint}} NOT NULL,
  PRIMARY KEY (user_id, idem_key)
);
