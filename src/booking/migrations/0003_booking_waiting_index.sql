-- Counting the waitlist of a slot without reading its rows: (resource, status, start, end) answers
-- "how many wait for this time" from the index alone.
CREATE INDEX bookings_resource_status ON bookings (resource_id, status, start_ms, end_ms);
