-- What each stored range of a resource holds, kept by a trigger on bookings (so no statement that writes bookings
-- can leave it behind): holding = bookings that hold a place ('pending', 'confirmed', 'checked_in', 'no_show';
-- exactly the statuses repo::bookings_for_decision counts as other households' holdings), persons = their
-- summed persons, waiting = 'waitlisted' bookings. 'offered' holds lapse with time and stay rows; items are
-- counted too but their decisions read rows (pieces per day). A decision reads the few counter rows of its range
-- instead of every booking of a busy slot. Rows are never deleted; counts may fall to zero.
-- Writers: every path that changes a booking takes its resource's lock first (SELECT ... FOR UPDATE, repo.h), so
-- the counter rows of a resource have one writer at a time; `holding = u.holding + 1` reads the latest committed
-- row in READ COMMITTED, and a SERIALIZABLE writer that meets a newer version fails with 40001 and is retried.
-- Same table and rules as 0006_booking_slot_use.sqlite.sql.
CREATE TABLE booking_slot_use (
  resource_id BIGINT NOT NULL,
  start_ms BIGINT NOT NULL,
  end_ms BIGINT NOT NULL,
  holding INTEGER NOT NULL DEFAULT 0,
  persons INTEGER NOT NULL DEFAULT 0,
  waiting INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (resource_id, start_ms, end_ms)
);

INSERT INTO booking_slot_use (resource_id, start_ms, end_ms, holding, persons, waiting)
SELECT resource_id, start_ms, end_ms, COUNT(*) FILTER (WHERE status <> 'waitlisted'),
       COALESCE(SUM(persons) FILTER (WHERE status <> 'waitlisted'), 0), COUNT(*) FILTER (WHERE status = 'waitlisted')
FROM bookings
WHERE status IN ('pending', 'confirmed', 'checked_in', 'no_show', 'waitlisted')
GROUP BY resource_id, start_ms, end_ms;

-- Takes the row's old contribution away and adds its new one; does nothing when neither moves (pending ->
-- confirmed -> checked_in, or a change of a row that counts nowhere).
CREATE FUNCTION booking_slot_use_track() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  old_kind integer := 0;  -- 0 counts nowhere, 1 holds a place, 2 waits
  new_kind integer := 0;
BEGIN
  IF TG_OP <> 'INSERT' THEN
    old_kind := CASE WHEN OLD.status IN ('pending', 'confirmed', 'checked_in', 'no_show') THEN 1
                     WHEN OLD.status = 'waitlisted' THEN 2 ELSE 0 END;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    new_kind := CASE WHEN NEW.status IN ('pending', 'confirmed', 'checked_in', 'no_show') THEN 1
                     WHEN NEW.status = 'waitlisted' THEN 2 ELSE 0 END;
  END IF;
  IF TG_OP = 'UPDATE' AND old_kind = new_kind AND (old_kind = 0 OR (OLD.resource_id = NEW.resource_id AND
      OLD.start_ms = NEW.start_ms AND OLD.end_ms = NEW.end_ms AND OLD.persons = NEW.persons)) THEN
    RETURN NULL;
  END IF;
  IF old_kind <> 0 THEN
    UPDATE booking_slot_use
       SET holding = holding - (old_kind = 1)::integer,
           persons = persons - CASE WHEN old_kind = 1 THEN OLD.persons ELSE 0 END,
           waiting = waiting - (old_kind = 2)::integer
     WHERE resource_id = OLD.resource_id AND start_ms = OLD.start_ms AND end_ms = OLD.end_ms;
  END IF;
  IF new_kind <> 0 THEN
    INSERT INTO booking_slot_use AS u (resource_id, start_ms, end_ms, holding, persons, waiting)
    VALUES (NEW.resource_id, NEW.start_ms, NEW.end_ms, (new_kind = 1)::integer,
            CASE WHEN new_kind = 1 THEN NEW.persons ELSE 0 END, (new_kind = 2)::integer)
    ON CONFLICT (resource_id, start_ms, end_ms) DO UPDATE
       SET holding = u.holding + excluded.holding, persons = u.persons + excluded.persons,
           waiting = u.waiting + excluded.waiting;
  END IF;
  RETURN NULL;
END
$fn$;
CREATE TRIGGER bookings_slot_use AFTER INSERT OR DELETE OR UPDATE OF status, resource_id, start_ms, end_ms, persons
  ON bookings FOR EACH ROW EXECUTE FUNCTION booking_slot_use_track();

-- Decisions no longer scan bookings_resource_holding (0004). Its other users are range lookups of a resource's
-- rows that read the table anyway (bookings_of_resource, the day sheet, item decisions; availability and the
-- offer and waitlist lookups prefer bookings_resource_status): (resource_id, start_ms) serves them with smaller
-- entries. Same as the SQLite file.
DROP INDEX bookings_resource_holding;
CREATE INDEX bookings_resource_time ON bookings (resource_id, start_ms);
