-- What each stored range of a resource holds, kept by triggers on bookings (so no statement that writes bookings
-- can leave it behind): holding = bookings that hold a place ('pending', 'confirmed', 'checked_in', 'no_show';
-- exactly the statuses repo::bookings_for_decision counts as other households' holdings), persons = their
-- summed persons, waiting = 'waitlisted' bookings. 'offered' holds lapse with time and stay rows; items are
-- counted too but their decisions read rows (pieces per day). A decision reads the few counter rows of its range
-- instead of every booking of a busy slot. Rows are never deleted; counts may fall to zero.
-- Writers: every path that changes a booking takes its resource's lock first (repo.h), so the counter rows of a
-- resource have one writer at a time. (SQLite: WITHOUT ROWID, the primary key is the table.)
-- Status words are compared with OR chains, not IN lists (see repo.cpp: an IN list of constants builds an
-- ephemeral table on every execution). The PostgreSQL file does the same with one trigger function.
CREATE TABLE booking_slot_use (
  resource_id INTEGER NOT NULL,
  start_ms INTEGER NOT NULL,
  end_ms INTEGER NOT NULL,
  holding INTEGER NOT NULL DEFAULT 0,
  persons INTEGER NOT NULL DEFAULT 0,
  waiting INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (resource_id, start_ms, end_ms)
) WITHOUT ROWID;

INSERT INTO booking_slot_use (resource_id, start_ms, end_ms, holding, persons, waiting)
SELECT resource_id, start_ms, end_ms, SUM(status <> 'waitlisted'),
       SUM(CASE WHEN status = 'waitlisted' THEN 0 ELSE persons END), SUM(status = 'waitlisted')
FROM bookings
WHERE status = 'confirmed' OR status = 'pending' OR status = 'checked_in' OR status = 'no_show'
   OR status = 'waitlisted'
GROUP BY resource_id, start_ms, end_ms;

CREATE TRIGGER bookings_slot_use_insert AFTER INSERT ON bookings
WHEN new.status = 'confirmed' OR new.status = 'pending' OR new.status = 'checked_in' OR new.status = 'no_show'
  OR new.status = 'waitlisted'
BEGIN
  INSERT INTO booking_slot_use (resource_id, start_ms, end_ms, holding, persons, waiting)
  VALUES (new.resource_id, new.start_ms, new.end_ms, new.status <> 'waitlisted',
          CASE WHEN new.status = 'waitlisted' THEN 0 ELSE new.persons END, new.status = 'waitlisted')
  ON CONFLICT (resource_id, start_ms, end_ms) DO UPDATE SET holding = holding + excluded.holding,
    persons = persons + excluded.persons, waiting = waiting + excluded.waiting;
END;

CREATE TRIGGER bookings_slot_use_delete AFTER DELETE ON bookings
WHEN old.status = 'confirmed' OR old.status = 'pending' OR old.status = 'checked_in' OR old.status = 'no_show'
  OR old.status = 'waitlisted'
BEGIN
  UPDATE booking_slot_use SET holding = holding - (old.status <> 'waitlisted'),
    persons = persons - CASE WHEN old.status = 'waitlisted' THEN 0 ELSE old.persons END,
    waiting = waiting - (old.status = 'waitlisted')
  WHERE resource_id = old.resource_id AND start_ms = old.start_ms AND end_ms = old.end_ms;
END;

-- Runs only when the row's contribution changes: its kind (0 nothing, 1 holds, 2 waits), or, for a row that
-- counts, its range or persons. pending -> confirmed -> checked_in moves nothing.
CREATE TRIGGER bookings_slot_use_update AFTER UPDATE OF status, resource_id, start_ms, end_ms, persons ON bookings
WHEN (CASE WHEN old.status = 'confirmed' OR old.status = 'pending' OR old.status = 'checked_in'
             OR old.status = 'no_show' THEN 1 WHEN old.status = 'waitlisted' THEN 2 ELSE 0 END)
  <> (CASE WHEN new.status = 'confirmed' OR new.status = 'pending' OR new.status = 'checked_in'
             OR new.status = 'no_show' THEN 1 WHEN new.status = 'waitlisted' THEN 2 ELSE 0 END)
  OR ((old.status = 'confirmed' OR old.status = 'pending' OR old.status = 'checked_in' OR old.status = 'no_show'
       OR old.status = 'waitlisted')
      AND (old.resource_id <> new.resource_id OR old.start_ms <> new.start_ms OR old.end_ms <> new.end_ms
           OR old.persons <> new.persons))
BEGIN
  UPDATE booking_slot_use SET holding = holding - (old.status <> 'waitlisted'),
    persons = persons - CASE WHEN old.status = 'waitlisted' THEN 0 ELSE old.persons END,
    waiting = waiting - (old.status = 'waitlisted')
  WHERE resource_id = old.resource_id AND start_ms = old.start_ms AND end_ms = old.end_ms
    AND (old.status = 'confirmed' OR old.status = 'pending' OR old.status = 'checked_in' OR old.status = 'no_show'
         OR old.status = 'waitlisted');
  INSERT INTO booking_slot_use (resource_id, start_ms, end_ms, holding, persons, waiting)
  SELECT new.resource_id, new.start_ms, new.end_ms, new.status <> 'waitlisted',
         CASE WHEN new.status = 'waitlisted' THEN 0 ELSE new.persons END, new.status = 'waitlisted'
  WHERE new.status = 'confirmed' OR new.status = 'pending' OR new.status = 'checked_in' OR new.status = 'no_show'
    OR new.status = 'waitlisted'
  ON CONFLICT (resource_id, start_ms, end_ms) DO UPDATE SET holding = holding + excluded.holding,
    persons = persons + excluded.persons, waiting = waiting + excluded.waiting;
END;

-- Decisions no longer scan bookings_resource_holding (0004). Its other users are range lookups of a resource's
-- rows that read the table anyway (bookings_of_resource, the day sheet, item decisions; availability and the
-- offer and waitlist lookups prefer bookings_resource_status): (resource_id, start_ms) serves them with smaller
-- entries that a change of status or persons no longer rewrites, and since its entries end in the rowid,
-- ORDER BY start_ms, id needs no sorter.
DROP INDEX bookings_resource_holding;
CREATE INDEX bookings_resource_time ON bookings (resource_id, start_ms);
