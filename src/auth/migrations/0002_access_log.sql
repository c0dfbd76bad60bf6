-- One access log for every read of personal data, across the pillars (auth/access_log.h): who read (actor), whose
-- account (subject_user_id; 0 when the person has none or the read was refused before it was known), which record
-- (subject_kind and record_id), by which route and why, when, and whether it was allowed. Refusals are rows too.
ALTER TABLE pii_access_log ADD COLUMN subject_kind TEXT NOT NULL DEFAULT 'account';
ALTER TABLE pii_access_log ADD COLUMN record_id TEXT NOT NULL DEFAULT '';
ALTER TABLE pii_access_log ADD COLUMN allowed {{bool}} NOT NULL DEFAULT 1;
-- Rows written before this migration: their kind from the route that wrote them.
UPDATE pii_access_log SET subject_kind = 'household' WHERE route LIKE '%/booking/%';
UPDATE pii_access_log SET subject_kind = 'rider' WHERE route LIKE '%/dispatch/rides/%';
UPDATE pii_access_log SET subject_kind = 'luggage_customer' WHERE route LIKE '%/dispatch/luggage/%';
UPDATE pii_access_log SET subject_kind = 'visit_client' WHERE route LIKE '%/dispatch/visits/%';
UPDATE pii_access_log SET subject_kind = 'participant' WHERE route LIKE '%/programmes/%';
UPDATE pii_access_log SET record_id = CAST(subject_user_id AS TEXT) WHERE subject_kind = 'account';
CREATE INDEX pii_access_actor ON pii_access_log (actor_user_id, id);
CREATE INDEX pii_access_kind ON pii_access_log (subject_kind, record_id, id);
CREATE INDEX pii_access_at ON pii_access_log (at);
