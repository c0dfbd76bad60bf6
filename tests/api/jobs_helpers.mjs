// Shared steps for the API tests that need a Saeil centre seeker: a plain profile, and a case brought through
// counselling and an employment plan to job search (where referrals, internships and hires may follow).
import assert from 'node:assert/strict';
import { call } from './harness.mjs';

const J = '/api/v1/jobs';

export const PROFILE = Object.freeze({
  occupations: ['027'], competencies: ['엑셀'], availability: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '18:00' },
  home_area: 'jinju-sangdae', max_commute_min: 45, expected_wage: { won: 2000000, unit: 'monthly' }, languages: ['ko'],
});

// Registers a seeker (extra: opened_on, entered_late...) and takes her case to job search. Returns the intake answer.
export async function seekerInJobSearch(server, token, name, extra = {}) {
  const s = await call(server, 'POST', `${J}/seekers`, { token, body: { display_name: name, profile: PROFILE, ...extra } });
  assert.equal(s.status, 201, s.text);
  const step = async (method, path, body) => {
    const r = await call(server, method, `${J}/cases/${s.body.case.id}/${path}`, { token, body });
    assert.equal(r.status, 200, r.text);
  };
  await step('POST', 'transitions', { to: 'counselling' });
  await step('POST', 'transitions', { to: 'plan' });
  await step('PUT', 'plan', { goal: '취업' });
  await step('POST', 'transitions', { to: 'job_search' });
  return s.body;
}
