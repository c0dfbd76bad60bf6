-- Integrated reservations (통합예약): bookable resources of facilities with their rules as data (JSON read by
-- src/booking/rules_json.cpp), households (children by birth month only), bookings in every state, penalties,
-- idempotent creation answers and lottery draws. Personal data: households.contact_name/contact_phone (walk-ins
-- without an account), household_members.label. The resource row is the lock every booking decision takes.
-- requires: directory
CREATE TABLE booking_resources (
  id {{id}},
  facility_id {{bigint}} NOT NULL REFERENCES organisations (id),
  code TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('space', 'studio', 'item', 'session', 'event')),
  name_ko TEXT NOT NULL,
  name_en TEXT NOT NULL,
  description_ko TEXT NOT NULL DEFAULT '',
  description_en TEXT NOT NULL DEFAULT '',
  capacity INTEGER NOT NULL DEFAULT 1,
  max_families INTEGER,
  variants TEXT NOT NULL DEFAULT '[]',
  occurrences TEXT NOT NULL DEFAULT '[]',
  rules TEXT NOT NULL DEFAULT '{}',
  lottery_seed TEXT NOT NULL DEFAULT '',
  lottery_drawn_at {{bigint}},
  lottery_result TEXT,
  active {{bool}} NOT NULL DEFAULT 1,
  demo {{bool}} NOT NULL DEFAULT 0,
  version {{bigint}} NOT NULL DEFAULT 1,
  updated_at {{bigint}} NOT NULL
);
CREATE INDEX booking_resources_facility ON booking_resources (facility_id);

CREATE TABLE booking_households (
  id {{id}},
  user_id {{bigint}} UNIQUE REFERENCES users (id),
  contact_name TEXT NOT NULL DEFAULT '',
  contact_phone TEXT,
  city_code TEXT NOT NULL DEFAULT '',
  district_code TEXT NOT NULL DEFAULT '',
  ical_token TEXT UNIQUE,
  created_at {{bigint}} NOT NULL
);
CREATE INDEX booking_households_phone ON booking_households (contact_phone);

CREATE TABLE booking_members (
  id {{id}},
  household_id {{bigint}} NOT NULL REFERENCES booking_households (id),
  label TEXT NOT NULL DEFAULT '',
  is_child {{bool}} NOT NULL DEFAULT 0,
  birth_month TEXT
);
CREATE INDEX booking_members_household ON booking_members (household_id);

CREATE TABLE bookings (
  id {{id}},
  resource_id {{bigint}} NOT NULL REFERENCES booking_resources (id),
  household_id {{bigint}} NOT NULL REFERENCES booking_households (id),
  user_id {{bigint}},
  status TEXT NOT NULL CHECK (status IN ('pending', 'confirmed', 'checked_in', 'no_show', 'offered', 'waitlisted',
    'lottery_entry', 'cancelled', 'cancelled_late', 'rejected', 'expired', 'not_drawn')),
  start_ms {{bigint}} NOT NULL,
  end_ms {{bigint}} NOT NULL,
  variant_id {{bigint}},
  pickup_date TEXT,
  return_date TEXT,
  quantity INTEGER NOT NULL DEFAULT 1,
  persons INTEGER NOT NULL DEFAULT 1,
  member_ids TEXT NOT NULL DEFAULT '[]',
  quota_group TEXT NOT NULL DEFAULT '',
  fee_won {{bigint}} NOT NULL DEFAULT 0,
  queue_position {{bigint}} NOT NULL DEFAULT 0,
  hold_expires_at {{bigint}},
  booked_by {{bigint}},
  channel TEXT NOT NULL DEFAULT 'web',
  reason TEXT NOT NULL DEFAULT '',
  returned_at {{bigint}},
  reminder_sent_at {{bigint}},
  created_at {{bigint}} NOT NULL,
  updated_at {{bigint}} NOT NULL
);
CREATE INDEX bookings_resource_time ON bookings (resource_id, start_ms);
CREATE INDEX bookings_household ON bookings (household_id, start_ms);
CREATE INDEX bookings_status_hold ON bookings (status, hold_expires_at);
CREATE INDEX bookings_reminder ON bookings (status, start_ms);

CREATE TABLE booking_penalties (
  id {{id}},
  household_id {{bigint}} NOT NULL REFERENCES booking_households (id),
  booking_id {{bigint}} REFERENCES bookings (id),
  kind TEXT NOT NULL CHECK (kind IN ('no_show', 'late_cancel')),
  at {{bigint}} NOT NULL
);
CREATE INDEX booking_penalties_household ON booking_penalties (household_id);

-- Idempotent creation: the first answer for (user, key) is stored with the request's fingerprint and replayed.
CREATE TABLE booking_idempotency (
  user_id {{bigint}} NOT NULL,
  idem_key TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  http_status INTEGER NOT NULL,
  answer TEXT NOT NULL,
  created_at {{bigint}} NOT NULL,
  PRIMARY KEY (user_id, idem_key)
);
