-- Programmes (시-군·구 상생협력 특화일자리): the city's calls, district proposals, reviews, projects, participants,
-- spending and monthly reports, and the KPI projection kept from the event log (kpi_*; see programmes/projector.h).
-- Dates are local (Asia/Seoul) 'YYYY-MM-DD' text; instants are epoch ms; money is integer won.
-- Personal data: programme_participants.display_name and phone (a participant's name and contact).
CREATE TABLE programme_calls (
  id {{id}},
  city_id {{bigint}} NOT NULL REFERENCES organisations (id),
  year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  title_ko TEXT NOT NULL,
  title_en TEXT NOT NULL,
  envelope_won {{bigint}} NOT NULL CHECK (envelope_won > 0),
  city_share_pct INTEGER NOT NULL CHECK (city_share_pct BETWEEN 1 AND 100),
  min_score INTEGER NOT NULL DEFAULT 60 CHECK (min_score BETWEEN 0 AND 100),
  criteria TEXT NOT NULL,
  required_fields TEXT NOT NULL DEFAULT '[]',
  deadline {{bigint}} NOT NULL,
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'published')),
  selection TEXT,
  published_at {{bigint}},
  demo {{bool}} NOT NULL DEFAULT 0,
  created_by {{bigint}},
  created_at {{bigint}} NOT NULL,
  UNIQUE (city_id, year)
);

CREATE TABLE programme_proposals (
  id {{id}},
  call_id {{bigint}} NOT NULL REFERENCES programme_calls (id),
  district_id {{bigint}} NOT NULL REFERENCES organisations (id),
  title TEXT NOT NULL,
  summary TEXT NOT NULL DEFAULT '',
  target_groups TEXT NOT NULL DEFAULT '[]',
  implementing_org TEXT NOT NULL DEFAULT '',
  output_kind TEXT NOT NULL DEFAULT '',
  planned_jobs INTEGER NOT NULL DEFAULT 0 CHECK (planned_jobs >= 0),
  monthly_targets TEXT NOT NULL DEFAULT '[]',
  city_share_won {{bigint}} NOT NULL DEFAULT 0 CHECK (city_share_won >= 0),
  district_share_won {{bigint}} NOT NULL DEFAULT 0 CHECK (district_share_won >= 0),
  status TEXT NOT NULL DEFAULT 'draft'
    CHECK (status IN ('draft', 'submitted', 'returned', 'withdrawn', 'selected', 'rejected')),
  return_note TEXT,
  decision_reason TEXT,
  submitted_at {{bigint}},
  demo {{bool}} NOT NULL DEFAULT 0,
  created_by {{bigint}},
  created_at {{bigint}} NOT NULL,
  updated_at {{bigint}} NOT NULL
);
CREATE INDEX programme_proposals_call ON programme_proposals (call_id, status);

CREATE TABLE programme_attachments (
  id {{id}},
  proposal_id {{bigint}} NOT NULL REFERENCES programme_proposals (id),
  name TEXT NOT NULL,
  media_type TEXT NOT NULL,
  size_bytes INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  content_base64 TEXT NOT NULL,
  created_by {{bigint}},
  created_at {{bigint}} NOT NULL
);
CREATE INDEX programme_attachments_proposal ON programme_attachments (proposal_id);

-- Reviewers the city assigned to a call; district_id is the reviewer's own district (they never score it).
CREATE TABLE programme_reviewers (
  call_id {{bigint}} NOT NULL REFERENCES programme_calls (id),
  user_id {{bigint}} NOT NULL,
  district_id {{bigint}},
  assigned_by {{bigint}},
  assigned_at {{bigint}} NOT NULL,
  PRIMARY KEY (call_id, user_id)
);
CREATE TABLE programme_conflicts (
  proposal_id {{bigint}} NOT NULL REFERENCES programme_proposals (id),
  reviewer_id {{bigint}} NOT NULL,
  reason TEXT NOT NULL,
  declared_at {{bigint}} NOT NULL,
  PRIMARY KEY (proposal_id, reviewer_id)
);
CREATE TABLE programme_scores (
  proposal_id {{bigint}} NOT NULL REFERENCES programme_proposals (id),
  reviewer_id {{bigint}} NOT NULL,
  criterion TEXT NOT NULL,
  score INTEGER NOT NULL CHECK (score >= 0),
  scored_at {{bigint}} NOT NULL,
  PRIMARY KEY (proposal_id, reviewer_id, criterion)
);

CREATE TABLE programme_projects (
  id {{id}},
  proposal_id {{bigint}} UNIQUE REFERENCES programme_proposals (id),
  call_id {{bigint}} NOT NULL REFERENCES programme_calls (id),
  district_id {{bigint}} NOT NULL REFERENCES organisations (id),
  year INTEGER NOT NULL,
  name TEXT NOT NULL,
  target_group TEXT NOT NULL,
  implementing_org TEXT NOT NULL DEFAULT '',
  output_kind TEXT NOT NULL DEFAULT '',
  budget_won {{bigint}} NOT NULL CHECK (budget_won >= 0),
  city_share_won {{bigint}} NOT NULL DEFAULT 0,
  district_share_won {{bigint}} NOT NULL DEFAULT 0,
  planned_jobs INTEGER NOT NULL DEFAULT 0,
  monthly_targets TEXT NOT NULL DEFAULT '[]',
  start_date TEXT NOT NULL,
  end_date TEXT NOT NULL,
  demo {{bool}} NOT NULL DEFAULT 0,
  created_at {{bigint}} NOT NULL,
  CHECK (end_date >= start_date)
);
CREATE INDEX programme_projects_district ON programme_projects (district_id, year);

CREATE TABLE programme_participants (
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
  UNIQUE (project_id, person_key),
  CHECK (end_date IS NULL OR end_date >= start_date)
);

CREATE TABLE programme_spending (
  id {{id}},
  project_id {{bigint}} NOT NULL REFERENCES programme_projects (id),
  day TEXT NOT NULL,
  won {{bigint}} NOT NULL CHECK (won > 0),
  category TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  recorded_by {{bigint}},
  created_at {{bigint}} NOT NULL
);
CREATE INDEX programme_spending_project ON programme_spending (project_id, day);

-- What another pillar records that counts for a project: an event of `event_type` whose payload field
-- `match_key` equals `match_value` becomes an output of `output_kind` (fact 'output') or a paid job (fact 'job').
CREATE TABLE programme_links (
  id {{id}},
  project_id {{bigint}} NOT NULL REFERENCES programme_projects (id),
  event_type TEXT NOT NULL,
  match_key TEXT NOT NULL,
  match_value TEXT NOT NULL,
  fact TEXT NOT NULL CHECK (fact IN ('output', 'job')),
  output_kind TEXT NOT NULL DEFAULT '',
  created_at {{bigint}} NOT NULL,
  UNIQUE (event_type, match_key, match_value)
);

CREATE TABLE programme_reports (
  id {{id}},
  project_id {{bigint}} NOT NULL REFERENCES programme_projects (id),
  month TEXT NOT NULL,
  due_date TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('submitted', 'accepted', 'returned')),
  narrative TEXT NOT NULL DEFAULT '',
  figures TEXT NOT NULL,
  late {{bool}} NOT NULL DEFAULT 0,
  submitted_by {{bigint}},
  submitted_at {{bigint}} NOT NULL,
  reviewed_by {{bigint}},
  reviewed_at {{bigint}},
  review_note TEXT,
  UNIQUE (project_id, month)
);

-- The KPI projection (rebuilt from the events by Projector::recompute).
CREATE TABLE kpi_spells (
  spell_key TEXT PRIMARY KEY,
  project_id {{bigint}} NOT NULL,
  person_key TEXT NOT NULL,
  role TEXT NOT NULL,
  paid {{bool}} NOT NULL,
  target_group TEXT NOT NULL,
  start_date TEXT NOT NULL,
  end_date TEXT,
  removed {{bool}} NOT NULL DEFAULT 0,
  event_id {{bigint}} NOT NULL
);
CREATE INDEX kpi_spells_project ON kpi_spells (project_id, start_date);
CREATE TABLE kpi_outputs (
  event_id {{bigint}} PRIMARY KEY,
  project_id {{bigint}} NOT NULL,
  day TEXT NOT NULL,
  kind TEXT NOT NULL,
  count {{bigint}} NOT NULL
);
CREATE INDEX kpi_outputs_project ON kpi_outputs (project_id, day);
CREATE TABLE kpi_spending (
  event_id {{bigint}} PRIMARY KEY,
  project_id {{bigint}} NOT NULL,
  day TEXT NOT NULL,
  won {{bigint}} NOT NULL
);
CREATE INDEX kpi_spending_project ON kpi_spending (project_id, day);
CREATE TABLE kpi_cursor (
  name TEXT PRIMARY KEY,
  last_event_id {{bigint}} NOT NULL
);
