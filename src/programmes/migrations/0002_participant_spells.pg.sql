-- A person may hold several spells in one project over time, in different roles (a trainee hired as an employee
-- counts once as trained and once in jobs from the hire): the one-record-per-person rule goes; the service refuses
-- only overlapping spells of one person.
ALTER TABLE programme_participants DROP CONSTRAINT IF EXISTS programme_participants_project_id_person_key_key;
CREATE INDEX programme_participants_person ON programme_participants (project_id, person_key);
