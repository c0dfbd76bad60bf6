-- The outbox is read only for its pending rows, oldest event first. A partial index on event_id over pending rows
-- stays as small as the backlog: marking a row done or failed only removes its entry (outbox_due kept every row,
-- and moved its entry on every status change).
DROP INDEX outbox_due;
CREATE INDEX outbox_pending ON outbox (event_id) WHERE status = 'pending';
