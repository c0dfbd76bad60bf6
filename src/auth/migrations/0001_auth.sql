-- Accounts, role grants with scopes, sessions, login throttling, the staff audit log and the personal-data
-- access log. No resident registration number column exists, on purpose (DESIGN.md, Privacy).
CREATE TABLE users (
  id {{id}},
  name TEXT NOT NULL,
  email TEXT UNIQUE,
  phone TEXT UNIQUE,
  password_hash TEXT NOT NULL,
  locale TEXT NOT NULL DEFAULT 'ko',
  district_code TEXT,
  kind TEXT NOT NULL DEFAULT 'resident',
  disabled INTEGER NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL
);

CREATE TABLE role_grants (
  id {{id}},
  user_id BIGINT NOT NULL REFERENCES users(id),
  role TEXT NOT NULL,
  scope_kind TEXT NOT NULL DEFAULT '',
  scope_id BIGINT NOT NULL DEFAULT 0,
  scope_name TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  UNIQUE (user_id, role, scope_kind, scope_id)
);
CREATE INDEX role_grants_user ON role_grants (user_id);

CREATE TABLE sessions (
  id {{id}},
  user_id BIGINT NOT NULL REFERENCES users(id),
  token_hash TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  revoked INTEGER NOT NULL DEFAULT 0,
  user_agent TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE login_throttle (
  login TEXT PRIMARY KEY,
  failures INTEGER NOT NULL,
  window_start BIGINT NOT NULL,
  locked_until BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE audit_log (
  id {{id}},
  actor_user_id BIGINT,
  action TEXT NOT NULL,
  target TEXT NOT NULL,
  detail TEXT NOT NULL DEFAULT '{}',
  at BIGINT NOT NULL
);
CREATE INDEX audit_log_at ON audit_log (at);

CREATE TABLE pii_access_log (
  id {{id}},
  actor_user_id BIGINT NOT NULL,
  subject_user_id BIGINT NOT NULL,
  route TEXT NOT NULL,
  reason TEXT NOT NULL,
  at BIGINT NOT NULL
);
CREATE INDEX pii_access_subject ON pii_access_log (subject_user_id);
