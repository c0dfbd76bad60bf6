-- Dispatch services, home visits: services run by an operator (rules as columns), workers with skills and a weekly
-- shift, the places visited (families, schools, daycares), standing requests, workers' absences and the planned
-- visits with what happened. Times of day: minutes (requests, shifts) or seconds (visits) since Seoul midnight;
-- instants are epoch ms. Personal data: visit_clients.name, address and phone of families.
-- requires: directory, auth
CREATE TABLE visit_services (
  id {{id}},
  code TEXT NOT NULL UNIQUE,
  operator_id {{bigint}} NOT NULL REFERENCES organisations (id),
  kind TEXT NOT NULL,
  clients TEXT NOT NULL CHECK (clients IN ('family', 'school', 'daycare')),
  name_ko TEXT NOT NULL,
  name_en TEXT NOT NULL,
  city_code TEXT,
  district_codes TEXT NOT NULL DEFAULT '',
  max_child_age_months INTEGER,
  default_minutes INTEGER NOT NULL,
  horizon_days INTEGER NOT NULL,
  road_factor {{real}} NOT NULL,
  kmh {{real}} NOT NULL,
  skills TEXT NOT NULL DEFAULT ''
);

CREATE TABLE visit_workers (
  id {{id}},
  service_id {{bigint}} NOT NULL REFERENCES visit_services (id),
  user_id {{bigint}},
  name TEXT NOT NULL,
  skills TEXT NOT NULL DEFAULT '',
  home_lat {{real}} NOT NULL,
  home_lon {{real}} NOT NULL,
  days INTEGER NOT NULL,
  shift_start_min INTEGER NOT NULL,
  shift_end_min INTEGER NOT NULL,
  active {{bool}} NOT NULL DEFAULT 1,
  UNIQUE (service_id, name)
);
CREATE INDEX visit_workers_user ON visit_workers (user_id);

CREATE TABLE visit_clients (
  id {{id}},
  service_id {{bigint}} NOT NULL REFERENCES visit_services (id),
  kind TEXT NOT NULL CHECK (kind IN ('family', 'school', 'daycare')),
  name TEXT NOT NULL,
  address TEXT NOT NULL,
  phone TEXT,
  lat {{real}} NOT NULL,
  lon {{real}} NOT NULL,
  household_id {{bigint}},
  user_id {{bigint}},
  UNIQUE (service_id, name, address)
);
CREATE INDEX visit_clients_user ON visit_clients (user_id);

CREATE TABLE visit_requests (
  id {{id}},
  service_id {{bigint}} NOT NULL REFERENCES visit_services (id),
  client_id {{bigint}} NOT NULL REFERENCES visit_clients (id),
  days INTEGER NOT NULL,
  window_start_min INTEGER NOT NULL,
  window_end_min INTEGER NOT NULL,
  minutes INTEGER NOT NULL CHECK (minutes > 0),
  skills TEXT NOT NULL DEFAULT '',
  from_day TEXT NOT NULL,
  until_day TEXT,
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'cancelled')),
  note TEXT NOT NULL DEFAULT '',
  created_by {{bigint}},
  created_at {{bigint}} NOT NULL
);
CREATE INDEX visit_requests_service ON visit_requests (service_id, status);

CREATE TABLE visit_absences (
  worker_id {{bigint}} NOT NULL REFERENCES visit_workers (id),
  day TEXT NOT NULL,
  PRIMARY KEY (worker_id, day)
);

CREATE TABLE visit_visits (
  id {{id}},
  service_id {{bigint}} NOT NULL REFERENCES visit_services (id),
  request_id {{bigint}} NOT NULL REFERENCES visit_requests (id),
  client_id {{bigint}} NOT NULL REFERENCES visit_clients (id),
  day TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('planned', 'unserved', 'done', 'not_home')),
  worker_id {{bigint}} REFERENCES visit_workers (id),
  start_s INTEGER NOT NULL,
  end_s INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  kept_worker {{bool}} NOT NULL DEFAULT 0,
  had_previous {{bool}} NOT NULL DEFAULT 0,
  reason TEXT NOT NULL DEFAULT '',
  reason_ko TEXT NOT NULL DEFAULT '',
  reason_en TEXT NOT NULL DEFAULT '',
  minutes INTEGER,
  reported_at {{bigint}}
);
CREATE INDEX visit_visits_service_day ON visit_visits (service_id, day, status);
CREATE INDEX visit_visits_worker_day ON visit_visits (worker_id, day);
CREATE INDEX visit_visits_client ON visit_visits (client_id, day);
