-- Capacity of a slot without reading its rows: bookings_for_decision sums other households' holding bookings per
-- (start, end) with one streaming scan of bookings_resource_holding. Every column the query reads is in it
-- (covering: no table lookups) and (start_ms, end_ms) follow the equality on resource_id, so GROUP BY start_ms,
-- end_ms needs no sorter. Keep the column list in step with that query (src/booking/repo.cpp).
-- (No quantity: only items count pieces, and item decisions read their rows.)
CREATE INDEX bookings_resource_holding ON bookings (resource_id, start_ms, end_ms, status, household_id, persons);
-- The waitlist count of a slot leaves the asking household out (household_id <> ?): with household_id in this
-- index the count is answered from it alone again (0003's intent). Without it the planner prefers the covering
-- index above and reads every holding row of the slot to count the waiting ones.
DROP INDEX bookings_resource_status;
CREATE INDEX bookings_resource_status ON bookings (resource_id, status, start_ms, end_ms, household_id);
