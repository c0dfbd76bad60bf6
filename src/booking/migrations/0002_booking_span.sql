-- The longest stored booking range of each resource (kept up to date under the resource lock when a booking is
-- stored): range queries use start_ms >= from - max_span_ms so an index range scan finds every overlapping
-- booking without reading the resource's whole history.
ALTER TABLE booking_resources ADD COLUMN max_span_ms {{bigint}} NOT NULL DEFAULT 0;
