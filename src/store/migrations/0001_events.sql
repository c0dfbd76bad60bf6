-- Domain events (append-only) and their outbox (one delivery row per event). See store/outbox.h.
CREATE TABLE events (
  id {{id}},
  type TEXT NOT NULL,
  aggregate TEXT NOT NULL,
  aggregate_id TEXT NOT NULL,
  payload TEXT NOT NULL DEFAULT '{}',
  actor_user_id {{bigint}},
  occurred_at {{bigint}} NOT NULL
);
CREATE INDEX events_by_aggregate ON events (aggregate, aggregate_id, id);
CREATE INDEX events_by_type ON events (type, id);
{{append_only events}};

CREATE TABLE outbox (
  event_id {{bigint}} PRIMARY KEY REFERENCES events (id),
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  available_at {{bigint}} NOT NULL,
  last_error TEXT,
  updated_at {{bigint}} NOT NULL
);
CREATE INDEX outbox_due ON outbox (status, available_at, event_id);
