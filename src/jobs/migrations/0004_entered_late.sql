-- A case entered after the fact (a past year's records loaded from paper or another system): it may open more than
-- three years back, its events say entered_late, and its hires schedule no follow-ups (those were made, or not, then).
ALTER TABLE jobs_cases ADD COLUMN entered_late {{bool}} NOT NULL DEFAULT 0;
