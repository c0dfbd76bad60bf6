-- Spending takes signed amounts (a refund or a correction is negative, with its reason in the note), so budget
-- executed can go down; only zero is refused. SQLite cannot drop a CHECK, so the table is rebuilt.
CREATE TABLE programme_spending_signed (
  id {{id}},
  project_id {{bigint}} NOT NULL REFERENCES programme_projects (id),
  day TEXT NOT NULL,
  won {{bigint}} NOT NULL CHECK (won <> 0),
  category TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  recorded_by {{bigint}},
  created_at {{bigint}} NOT NULL
);
INSERT INTO programme_spending_signed (id, project_id, day, won, category, note, recorded_by, created_at)
  SELECT id, project_id, day, won, category, note, recorded_by, created_at FROM programme_spending;
DROP TABLE programme_spending;
ALTER TABLE programme_spending_signed RENAME TO programme_spending;
CREATE INDEX programme_spending_project ON programme_spending (project_id, day);
