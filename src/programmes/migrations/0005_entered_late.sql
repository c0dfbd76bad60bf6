-- A past programme year entered after the fact (a call, its proposals and projects loaded later, e.g. 2019's): the
-- call may have its deadline behind it, and the call and its projects say entered_late.
ALTER TABLE programme_calls ADD COLUMN entered_late {{bool}} NOT NULL DEFAULT 0;
ALTER TABLE programme_projects ADD COLUMN entered_late {{bool}} NOT NULL DEFAULT 0;
