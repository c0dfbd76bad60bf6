-- A participant may be linked to a Jobs seeker: her person key is then the seeker's ("jobs:<id>"), the key Jobs puts
-- on a hire, so the enrolment and the hire are one person (core/person_key.h).
ALTER TABLE programme_participants ADD COLUMN seeker_id {{bigint}};
