-- The city's directory: the city, its districts (군·구), Saeil centres, childcare sharing spaces, implementing
-- operators, employers and schools, as one tree of organisations; and occupation codes (KECO).
CREATE TABLE organisations (
  id {{id}},
  kind TEXT NOT NULL CHECK (kind IN ('city', 'district', 'centre', 'facility', 'operator', 'employer', 'school')),
  code TEXT NOT NULL UNIQUE,
  name_ko TEXT NOT NULL,
  name_en TEXT NOT NULL,
  parent_id {{bigint}} REFERENCES organisations(id),
  address TEXT NOT NULL DEFAULT '',
  demo {{bool}} NOT NULL DEFAULT 0
);
CREATE INDEX organisations_kind ON organisations (kind);

CREATE TABLE occupations (
  code TEXT PRIMARY KEY,
  name_ko TEXT NOT NULL,
  name_en TEXT NOT NULL,
  parent_code TEXT
);
