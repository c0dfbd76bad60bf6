-- Organisations are retired, never deleted (records keep pointing at them): a retired one takes no new grants, no
-- new children, and is left out of the directory's lists.
ALTER TABLE organisations ADD COLUMN retired_at {{bigint}};
