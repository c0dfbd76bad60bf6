-- A person may hold several spells in one project over time, in different roles (a trainee hired as an employee
-- counts once as trained and once in jobs from the hire): the one-record-per-person rule goes; the service refuses
-- only overlapping spells of one person. SQLite cannot drop a table constraint, so the table is rebuilt as it was
-- without UNIQUE (project_id, person_key).
CREATE TABLE programme_participants_spells (
  id {{id}},
  project_id {{bigint}} NOT NULL REFERENCES programme_projects (id),
  person_key TEXT NOT NULL,
  display_name TEXT NOT NULL,
  phone TEXT,
  user_id {{bigint}},
  role TEXT NOT NULL CHECK (role IN ('trainee', 'employee', 'volunteer')),
  paid {{bool}} NOT NULL DEFAULT 1,
  target_group TEXT NOT NULL,
  start_date TEXT NOT NULL,
  end_date TEXT,
  removed {{bool}} NOT NULL DEFAULT 0,
  demo {{bool}} NOT NULL DEFAULT 0,
  created_at {{bigint}} NOT NULL,
  updated_at {{bigint}} NOT NULL,
  CHECK (end_date IS NULL OR end_date >= start_date)
);
INSERT INTO programme_participants_spells (id, project_id, person_key, display_name, phone, user_id, role, paid,
  target_group, start_date, end_date, removed, demo, created_at, updated_at)
  SELECT id, project_id, person_key, display_name, phone, user_id, role, paid, target_group, start_date, end_date,
         removed, demo, created_at, updated_at FROM programme_participants;
DROP TABLE programme_participants;
ALTER TABLE programme_participants_spells RENAME TO programme_participants;
CREATE INDEX programme_participants_person ON programme_participants (project_id, person_key);
