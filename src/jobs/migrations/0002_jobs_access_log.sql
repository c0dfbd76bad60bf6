-- The jobs room's own access log joins the one access log (auth/access_log.h): every row moves over, seekers'
-- records as 'seeker' or 'seeker_profile' (record = the seeker), counselling notes as 'case_notes' (record = the
-- case), with the seeker's account as the subject where there is one.
-- requires: auth/0002
INSERT INTO pii_access_log (actor_user_id, subject_user_id, route, reason, at, subject_kind, record_id, allowed)
SELECT l.actor_user_id, COALESCE(s.user_id, 0),
       CASE l.what WHEN 'notes' THEN 'GET /api/v1/jobs/cases/{id}/notes' WHEN 'profile' THEN 'GET /api/v1/jobs/seekers/{id}/matches'
                   ELSE 'GET /api/v1/jobs/seekers/{id}' END,
       l.reason, l.at,
       CASE l.what WHEN 'notes' THEN 'case_notes' WHEN 'profile' THEN 'seeker_profile' ELSE 'seeker' END,
       CASE l.what WHEN 'notes' THEN CAST(l.case_id AS TEXT) ELSE CAST(l.seeker_id AS TEXT) END,
       l.allowed
FROM jobs_access_log l LEFT JOIN jobs_seekers s ON s.id = l.seeker_id ORDER BY l.id;
DROP TABLE jobs_access_log;
