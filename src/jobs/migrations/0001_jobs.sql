-- Jobs (여성새로일하기센터): seekers and their cases, plans, counselling notes (personal data, every read logged),
-- courses with cohorts, enrolments and attendance, group counselling sessions, employers' vacancies, referrals,
-- hires and their follow-ups, internships with an incentive ledger, and startup teams with subsidy applications.
-- Dates are local (Asia/Seoul) 'YYYY-MM-DD' text; instants are epoch ms; money is integer won.
-- Never a resident registration number: no column holds one, and the service refuses text shaped like one.
-- requires: directory, auth
CREATE TABLE jobs_seekers (
  id {{id}},
  centre_id {{bigint}} NOT NULL REFERENCES organisations (id),
  user_id {{bigint}},
  display_name TEXT NOT NULL,
  phone TEXT,
  email TEXT,
  birth_year INTEGER,
  profile TEXT NOT NULL DEFAULT '{}',
  demo {{bool}} NOT NULL DEFAULT 0,
  created_by {{bigint}},
  created_at {{bigint}} NOT NULL,
  updated_at {{bigint}} NOT NULL
);
CREATE UNIQUE INDEX jobs_seekers_user ON jobs_seekers (user_id);
CREATE INDEX jobs_seekers_centre ON jobs_seekers (centre_id);

CREATE TABLE jobs_cases (
  id {{id}},
  seeker_id {{bigint}} NOT NULL REFERENCES jobs_seekers (id),
  centre_id {{bigint}} NOT NULL REFERENCES organisations (id),
  state TEXT NOT NULL DEFAULT 'intake' CHECK (state IN ('intake', 'counselling', 'plan', 'training', 'job_search',
                                                         'internship', 'hired', 'follow_up', 'closed')),
  lead_counsellor_id {{bigint}},
  opened_on TEXT NOT NULL,
  closed_on TEXT,
  plan TEXT NOT NULL DEFAULT '{}',
  demo {{bool}} NOT NULL DEFAULT 0,
  created_at {{bigint}} NOT NULL,
  updated_at {{bigint}} NOT NULL
);
CREATE INDEX jobs_cases_seeker ON jobs_cases (seeker_id);
CREATE INDEX jobs_cases_centre ON jobs_cases (centre_id, state);

CREATE TABLE jobs_case_counsellors (
  case_id {{bigint}} NOT NULL REFERENCES jobs_cases (id),
  user_id {{bigint}} NOT NULL,
  PRIMARY KEY (case_id, user_id)
);

CREATE TABLE jobs_case_transitions (
  id {{id}},
  case_id {{bigint}} NOT NULL REFERENCES jobs_cases (id),
  from_state TEXT,
  to_state TEXT NOT NULL,
  on_date TEXT NOT NULL,
  reason TEXT NOT NULL DEFAULT '',
  actor_user_id {{bigint}},
  at {{bigint}} NOT NULL
);
CREATE INDEX jobs_case_transitions_case ON jobs_case_transitions (case_id, id);

CREATE TABLE jobs_notes (
  id {{id}},
  case_id {{bigint}} NOT NULL REFERENCES jobs_cases (id),
  author_user_id {{bigint}} NOT NULL,
  kind TEXT NOT NULL DEFAULT 'counselling',
  body TEXT NOT NULL,
  at {{bigint}} NOT NULL
);
CREATE INDEX jobs_notes_case ON jobs_notes (case_id, id);

-- Every read of a seeker's case notes, allowed or refused, with the reason given.
CREATE TABLE jobs_access_log (
  id {{id}},
  actor_user_id {{bigint}} NOT NULL,
  case_id {{bigint}} NOT NULL,
  seeker_id {{bigint}} NOT NULL,
  what TEXT NOT NULL,
  reason TEXT NOT NULL,
  allowed {{bool}} NOT NULL,
  at {{bigint}} NOT NULL
);
CREATE INDEX jobs_access_log_case ON jobs_access_log (case_id, id);

CREATE TABLE jobs_courses (
  id {{id}},
  centre_id {{bigint}} NOT NULL REFERENCES organisations (id),
  code TEXT NOT NULL UNIQUE,
  title_ko TEXT NOT NULL,
  title_en TEXT NOT NULL,
  occupation TEXT NOT NULL,
  competencies TEXT NOT NULL DEFAULT '[]',
  hours INTEGER NOT NULL CHECK (hours > 0),
  outcome_months INTEGER NOT NULL DEFAULT 6 CHECK (outcome_months BETWEEN 1 AND 24),
  demo {{bool}} NOT NULL DEFAULT 0,
  created_at {{bigint}} NOT NULL
);

CREATE TABLE jobs_cohorts (
  id {{id}},
  course_id {{bigint}} NOT NULL REFERENCES jobs_courses (id),
  starts_on TEXT NOT NULL,
  ends_on TEXT NOT NULL,
  capacity INTEGER NOT NULL CHECK (capacity > 0),
  sessions INTEGER NOT NULL CHECK (sessions > 0),
  min_attendance_pct INTEGER NOT NULL DEFAULT 80 CHECK (min_attendance_pct BETWEEN 0 AND 100),
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  created_at {{bigint}} NOT NULL,
  CHECK (ends_on >= starts_on)
);

CREATE TABLE jobs_enrolments (
  id {{id}},
  cohort_id {{bigint}} NOT NULL REFERENCES jobs_cohorts (id),
  seeker_id {{bigint}} NOT NULL REFERENCES jobs_seekers (id),
  status TEXT NOT NULL DEFAULT 'enrolled' CHECK (status IN ('enrolled', 'completed', 'dropped')),
  completed_on TEXT,
  created_at {{bigint}} NOT NULL,
  UNIQUE (cohort_id, seeker_id)
);

CREATE TABLE jobs_attendance (
  enrolment_id {{bigint}} NOT NULL REFERENCES jobs_enrolments (id),
  day TEXT NOT NULL,
  present {{bool}} NOT NULL,
  PRIMARY KEY (enrolment_id, day)
);

-- Group counselling (취업 솔루션): each meeting is an occurrence of a booking session resource when one is linked;
-- attendance is recorded here by the counsellor (or arrives as booking check-ins for that resource).
CREATE TABLE jobs_group_sessions (
  id {{id}},
  centre_id {{bigint}} NOT NULL REFERENCES organisations (id),
  title TEXT NOT NULL,
  on_date TEXT NOT NULL,
  booking_resource_id {{bigint}},
  demo {{bool}} NOT NULL DEFAULT 0,
  created_at {{bigint}} NOT NULL
);
CREATE TABLE jobs_group_attendance (
  session_id {{bigint}} NOT NULL REFERENCES jobs_group_sessions (id),
  person_key TEXT NOT NULL,
  seeker_id {{bigint}},
  PRIMARY KEY (session_id, person_key)
);

CREATE TABLE jobs_vacancies (
  id {{id}},
  employer_id {{bigint}} NOT NULL REFERENCES organisations (id),
  title TEXT NOT NULL,
  occupation TEXT NOT NULL,
  detail TEXT NOT NULL DEFAULT '{}',
  start_on TEXT NOT NULL,
  openings INTEGER NOT NULL CHECK (openings > 0),
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  demo {{bool}} NOT NULL DEFAULT 0,
  created_by {{bigint}},
  created_at {{bigint}} NOT NULL,
  updated_at {{bigint}} NOT NULL
);
CREATE INDEX jobs_vacancies_employer ON jobs_vacancies (employer_id, status);

CREATE TABLE jobs_referrals (
  id {{id}},
  vacancy_id {{bigint}} NOT NULL REFERENCES jobs_vacancies (id),
  case_id {{bigint}} NOT NULL REFERENCES jobs_cases (id),
  status TEXT NOT NULL DEFAULT 'referred'
    CHECK (status IN ('referred', 'interview', 'hired', 'declined', 'withdrawn')),
  interview_on TEXT,
  outcome_note TEXT NOT NULL DEFAULT '',
  created_by {{bigint}},
  created_at {{bigint}} NOT NULL,
  updated_at {{bigint}} NOT NULL,
  UNIQUE (vacancy_id, case_id)
);

CREATE TABLE jobs_hires (
  id {{id}},
  case_id {{bigint}} NOT NULL REFERENCES jobs_cases (id),
  employer_id {{bigint}} NOT NULL REFERENCES organisations (id),
  vacancy_id {{bigint}},
  referral_id {{bigint}},
  occupation TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('job', 'internship')),
  start_on TEXT NOT NULL,
  wage_won {{bigint}} NOT NULL CHECK (wage_won > 0),
  wage_unit TEXT NOT NULL CHECK (wage_unit IN ('hourly', 'monthly')),
  retention TEXT NOT NULL DEFAULT 'employed' CHECK (retention IN ('employed', 'left')),
  left_on TEXT,
  demo {{bool}} NOT NULL DEFAULT 0,
  created_by {{bigint}},
  created_at {{bigint}} NOT NULL
);
CREATE INDEX jobs_hires_case ON jobs_hires (case_id);

CREATE TABLE jobs_followups (
  id {{id}},
  hire_id {{bigint}} NOT NULL REFERENCES jobs_hires (id),
  month INTEGER NOT NULL CHECK (month IN (1, 3, 6, 12)),
  due_on TEXT NOT NULL,
  done_on TEXT,
  outcome TEXT CHECK (outcome IN ('retained', 'left', 'unreachable')),
  note TEXT NOT NULL DEFAULT '',
  employer_note TEXT NOT NULL DEFAULT '',
  done_by {{bigint}},
  UNIQUE (hire_id, month)
);
CREATE INDEX jobs_followups_due ON jobs_followups (done_on, due_on);

CREATE TABLE jobs_internships (
  id {{id}},
  case_id {{bigint}} NOT NULL REFERENCES jobs_cases (id),
  employer_id {{bigint}} NOT NULL REFERENCES organisations (id),
  vacancy_id {{bigint}},
  starts_on TEXT NOT NULL,
  ends_on TEXT NOT NULL,
  monthly_wage_won {{bigint}} NOT NULL CHECK (monthly_wage_won > 0),
  rule_code TEXT NOT NULL,
  rule TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'converted', 'ended')),
  hire_id {{bigint}},
  demo {{bool}} NOT NULL DEFAULT 0,
  created_by {{bigint}},
  created_at {{bigint}} NOT NULL,
  CHECK (ends_on > starts_on)
);

-- The incentive ledger: one row per payment due; approving and paying are marks with who and when.
CREATE TABLE jobs_payments (
  id {{id}},
  internship_id {{bigint}} NOT NULL REFERENCES jobs_internships (id),
  payee TEXT NOT NULL CHECK (payee IN ('employer', 'intern')),
  kind TEXT NOT NULL CHECK (kind IN ('internship_month', 'retention', 'intern_retention')),
  seq INTEGER NOT NULL,
  due_on TEXT NOT NULL,
  amount_won {{bigint}} NOT NULL CHECK (amount_won > 0),
  condition TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'approved', 'paid', 'cancelled')),
  approved_by {{bigint}},
  approved_at {{bigint}},
  paid_by {{bigint}},
  paid_at {{bigint}},
  paid_ref TEXT,
  UNIQUE (internship_id, kind, seq)
);
CREATE INDEX jobs_payments_due ON jobs_payments (status, due_on);

CREATE TABLE jobs_startup_teams (
  id {{id}},
  centre_id {{bigint}} NOT NULL REFERENCES organisations (id),
  name TEXT NOT NULL,
  business TEXT NOT NULL DEFAULT '',
  members TEXT NOT NULL DEFAULT '[]',
  demo {{bool}} NOT NULL DEFAULT 0,
  created_at {{bigint}} NOT NULL
);
CREATE TABLE jobs_startup_attendance (
  team_id {{bigint}} NOT NULL REFERENCES jobs_startup_teams (id),
  on_date TEXT NOT NULL,
  topic TEXT NOT NULL,
  people INTEGER NOT NULL CHECK (people > 0),
  PRIMARY KEY (team_id, on_date, topic)
);
CREATE TABLE jobs_subsidies (
  id {{id}},
  team_id {{bigint}} NOT NULL REFERENCES jobs_startup_teams (id),
  year INTEGER NOT NULL,
  amount_won {{bigint}} NOT NULL CHECK (amount_won > 0),
  purpose TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'applied' CHECK (status IN ('applied', 'approved', 'rejected', 'disbursed')),
  decided_by {{bigint}},
  decided_at {{bigint}},
  disbursed_on TEXT,
  created_at {{bigint}} NOT NULL,
  UNIQUE (team_id, year)
);
