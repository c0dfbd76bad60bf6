-- A centre's own competency words (jobs/terms.h): a synonym of a vocabulary item as the centre's counsellors write
-- it ("전화응대" for customer service), or a term of its own the shipped vocabulary lacks ("통번역"), whose key is
-- "c<centre>-<id>". normalised is Vocabulary::normalise(alias): one meaning per word and centre.
CREATE TABLE jobs_centre_terms (
  id {{id}},
  centre_id {{bigint}} NOT NULL REFERENCES organisations (id),
  alias TEXT NOT NULL,
  normalised TEXT NOT NULL,
  term_key TEXT NOT NULL,
  own_term {{bool}} NOT NULL DEFAULT 0,
  name_en TEXT NOT NULL DEFAULT '',
  ncs_domain TEXT NOT NULL DEFAULT '',
  created_by {{bigint}},
  created_at {{bigint}} NOT NULL,
  UNIQUE (centre_id, normalised)
);
