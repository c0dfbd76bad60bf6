-- In-app notifications (the resident's and staff member's inbox), made by the notifier from outbox events.
CREATE TABLE notifications (
  id {{id}},
  user_id {{bigint}} NOT NULL REFERENCES users (id),
  event_id {{bigint}} NOT NULL REFERENCES events (id),
  kind TEXT NOT NULL,
  title_ko TEXT NOT NULL,
  title_en TEXT NOT NULL,
  created_at {{bigint}} NOT NULL,
  read_at {{bigint}},
  UNIQUE (event_id, user_id)
);
CREATE INDEX notifications_user ON notifications (user_id, id);
