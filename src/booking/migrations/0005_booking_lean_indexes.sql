-- Fewer index entries per booking written (each booking insert touches every index of the table):
-- * bookings_resource_time (resource_id, start_ms) is a prefix of bookings_resource_holding (0004), which serves
--   the same range scans (a resource's bookings in a time range, the day sheet, availability).
-- * Lapsed waitlist offers are found among 'offered' bookings only: a partial index holds just those, so other
--   bookings never enter it (lapsed_offers' WHERE status = 'offered' AND hold_expires_at <= ? uses it; status leads
--   so that the planner prefers it to bookings_reminder's status prefix).
DROP INDEX bookings_resource_time;
DROP INDEX bookings_status_hold;
CREATE INDEX bookings_offers ON bookings (status, hold_expires_at) WHERE status = 'offered';
