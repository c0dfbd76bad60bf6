// Shared set-up for the Jobs journeys and their accessibility checks: API clients signed in as a demo account (a
// bearer token, so a page's own session is untouched), the Jinju Saeil centre, the demo employer, and seekers and
// vacancies made through the API with names no other test uses.
import { request, expect } from '@playwright/test';
import { demoPassword } from './helpers.mjs';
import { seoulDate } from '../src/js/seoul.js';

export const J = '/api/v1/jobs';
export const BASE = process.env.DONGNE_URL || 'http://127.0.0.1:8080';
export const today = () => seoulDate();
export const tag = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;

/** "YYYY-MM-DD" plus months, the day kept or clamped to the month's last day (as the server's add_months). */
export function addMonths(ymd, months) {
  const [y, m, d] = ymd.split('-').map(Number);
  const idx = y * 12 + (m - 1) + months;
  const ny = Math.floor(idx / 12);
  const nm = (idx % 12) + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return `${ny}-${String(nm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

export async function apiAs(role) {
  const ctx = await request.newContext({ baseURL: BASE });
  const r = await ctx.post('/api/v1/auth/login', { data: { login: `${role}@demo.dongne.kr`, password: demoPassword(), token: true } });
  expect(r.status()).toBe(200);
  const headers = { authorization: `Bearer ${(await r.json()).token}` };
  const call = async (method, p, data) => {
    const res = await ctx.fetch(p, { method, headers, data });
    const body = res.headers()['content-type']?.includes('json') ? await res.json() : null;
    return { status: res.status(), body };
  };
  const me = (await call('GET', '/api/v1/me')).body;
  return {
    me,
    get: (p) => call('GET', p),
    post: (p, d) => call('POST', p, d ?? {}),
    put: (p, d) => call('PUT', p, d ?? {}),
    scope: (role2) => (me.roles || []).find((g) => g.role === role2 && g.scope_id)?.scope_id,
  };
}

/** A vacancy of the demo employer that fits a Jinju seeker in office work; overrides merge in. */
export async function postVacancy(employer, over = {}) {
  const body = {
    employer_id: employer.scope('employer'), title: `e2e 사무 보조 ${tag()}`, occupation: '027', start_on: today(), openings: 1,
    required: ['spreadsheet'], preferred: [], hours: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '15:00' },
    wage: { won: 12000, unit: 'hourly' }, workplace: { area: 'jinju-sangdae' }, ...over,
  };
  const r = await employer.post(`${J}/vacancies`, body);
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body;
}

export const officeProfile = (over = {}) => ({
  occupations: ['027'], competencies: ['엑셀'], availability: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '18:00' },
  childcare: { leave_by: '16:00', no_saturday: true }, home_area: 'jinju-sangdae', max_commute_min: 40,
  expected_wage: { won: 11000, unit: 'hourly' }, available_from: today(), languages: ['ko'], ...over,
});

/** A seeker registered by the counsellor and moved to job_search (counselling, a plan, the search). Returns {caseId, seekerId}. */
export async function seekerInSearch(counsellor, name, profile = officeProfile()) {
  const r = await counsellor.post(`${J}/seekers`, { display_name: name, profile });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  const caseId = r.body.case.id;
  expect((await counsellor.post(`${J}/cases/${caseId}/transitions`, { to: 'counselling' })).status).toBe(200);
  expect((await counsellor.put(`${J}/cases/${caseId}/plan`, { goal: '사무직 재취업', steps: [{ action: '이력서 작성' }] })).status).toBe(200);
  expect((await counsellor.post(`${J}/cases/${caseId}/transitions`, { to: 'plan' })).status).toBe(200);
  expect((await counsellor.post(`${J}/cases/${caseId}/transitions`, { to: 'job_search' })).status).toBe(200);
  return { caseId, seekerId: r.body.seeker_id };
}
