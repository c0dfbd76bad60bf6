// The Saeil centre's operations that no other API journey answers with a success, called here as a counsellor or a
// resident so that their real answers are checked against the OpenAPI document too (contract.mjs; the suite's
// coverage by contract_coverage.mjs): a course with a cohort, attendance, a completion and a drop; a group session
// with its attendance; a second counsellor on a case; a referral's interview; internships converted and ended; an
// incentive payment approved and paid; a startup team with its education and a subsidy decided and disbursed; and a
// resident who registers herself.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server, call, tokenFor } from './harness.mjs';
import { login } from './booking_helpers.mjs';
import { PROFILE as profile, seekerInJobSearch } from './jobs_helpers.mjs';

const J = '/api/v1/jobs';
const server = new Server();
let counsellor, other, centre, employerId;
const today = () => new Date(Date.now() + 9 * 3600e3).toISOString().slice(0, 10);
const inDays = (n) => new Date(Date.now() + 9 * 3600e3 + n * 86400e3).toISOString().slice(0, 10);

before(async () => {
  await server.start();
  counsellor = await tokenFor(server, 'counsellor');
  other = await login(server, 'counsellor.b@demo.dongne.kr');
  const orgs = (await call(server, 'GET', '/api/v1/organisations')).body.items;
  centre = orgs.find((o) => o.code === 'jinju-saeil').id;
  employerId = orgs.find((o) => o.code === 'emp-demo-food').id;
});
after(() => server.stop());

const ok = async (method, path, body, status = 200, token = counsellor) => {
  const r = await call(server, method, path, { token, body });
  assert.equal(r.status, status, `${method} ${path}: ${r.text}`);
  return r.body;
};

// A seeker brought to job search, ready for a referral, an internship or a hire.
const searching = (name, openedOn = today()) => seekerInJobSearch(server, counsellor, name, { opened_on: openedOn });

test('a course: a cohort, a day of attendance, one trainee completes and one drops', async () => {
  const course = await ok('POST', `${J}/courses`, { code: `c-${Date.now()}`, title_ko: '전산회계 실무', occupation: '027', hours: 40 }, 201);
  const cohort = await ok('POST', `${J}/courses/${course.id}/cohorts`, { starts_on: today(), ends_on: inDays(30), capacity: 10, sessions: 1, min_attendance_pct: 50 }, 201);
  const a = await ok('POST', `${J}/seekers`, { display_name: '수강생 가', profile }, 201);
  const b = await ok('POST', `${J}/seekers`, { display_name: '수강생 나', profile }, 201);
  const ea = await ok('POST', `${J}/cohorts/${cohort.id}/enrolments`, { seeker_id: a.seeker_id }, 201);
  const eb = await ok('POST', `${J}/cohorts/${cohort.id}/enrolments`, { seeker_id: b.seeker_id }, 201);
  assert.equal((await ok('PUT', `${J}/enrolments/${ea.id}/attendance`, { day: today(), present: true })).present, true);
  assert.equal((await ok('POST', `${J}/enrolments/${ea.id}/complete`, { on: today() })).status, 'completed');
  assert.equal((await ok('POST', `${J}/enrolments/${eb.id}/drop`)).status, 'dropped');
});

test('a group session with who attended', async () => {
  const s = await ok('POST', `${J}/seekers`, { display_name: '집단 상담 참여자', profile }, 201);
  const g = await ok('POST', `${J}/group-sessions`, { centre_id: centre, title: '취업 솔루션 1회기', on: today() }, 201);
  assert.equal((await ok('POST', `${J}/group-sessions/${g.id}/attendance`, { seeker_id: s.seeker_id })).session_id, g.id);
});

test('a second counsellor joins a case, and a referral gets its interview', async () => {
  const s = await searching('추천 대상자');
  const me = (await call(server, 'GET', '/api/v1/me', { token: other })).body;
  assert.ok((await ok('POST', `${J}/cases/${s.case.id}/counsellors`, { user_id: me.id })).counsellors.includes(me.id));
  const v = await ok('POST', `${J}/vacancies`, {
    employer_id: employerId, title: '계약 시험 사무원', occupation: '027', start_on: inDays(10),
    hours: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '17:00' }, wage: { won: 2300000, unit: 'monthly' },
    workplace: { area: 'jinju-sangdae' },
  }, 201);
  const ref = await ok('POST', `${J}/referrals`, { vacancy_id: v.id, case_id: s.case.id }, 201);
  assert.equal((await ok('POST', `${J}/referrals/${ref.id}/outcome`, { status: 'interview', interview_on: inDays(3), note: '면접 일정 조율' })).status, 'interview');
});

test('internships: one converted to a hire, one ended; a payment that fell due approved and paid', async () => {
  const a = await searching('인턴 가');
  const b = await searching('인턴 나');
  const ia = await ok('POST', `${J}/internships`, { case_id: a.case.id, employer_id: employerId, starts_on: today(), monthly_wage_won: 2096270 }, 201);
  const ib = await ok('POST', `${J}/internships`, { case_id: b.case.id, employer_id: employerId, starts_on: today(), monthly_wage_won: 2096270 }, 201);
  assert.equal((await ok('POST', `${J}/internships/${ia.id}/convert`, { hired_on: today(), occupation: '027', wage: { won: 2300000, unit: 'monthly' } })).status, 'converted');
  assert.equal((await ok('POST', `${J}/internships/${ib.id}/end`, { on: today(), reason: '개인 사정' })).status, 'ended');
  // A placement that started three months ago (her case opened before it): its first monthly payment has fallen due.
  const c = await searching('인턴 다', inDays(-100));
  const ic = await ok('POST', `${J}/internships`, { case_id: c.case.id, employer_id: employerId, starts_on: inDays(-95), monthly_wage_won: 2096270 }, 201);
  const due = (await ok('GET', `${J}/payments?internship_id=${ic.id}&status=scheduled`)).items.find((p) => p.due_on <= today());
  assert.ok(due, 'a scheduled payment has fallen due');
  assert.equal((await ok('POST', `${J}/payments/${due.id}/approve`)).status, 'approved');
  assert.equal((await ok('POST', `${J}/payments/${due.id}/paid`, { reference: 'TR-2026-0001' })).status, 'paid');
});

test('a startup team: education, a subsidy applied for, approved and disbursed', async () => {
  const s = await ok('POST', `${J}/seekers`, { display_name: '창업 준비자', profile }, 201);
  const team = await ok('POST', `${J}/startups`, { name: '계약 시험 공방', business: '수제 소품', members: [s.seeker_id] }, 201);
  assert.equal((await ok('POST', `${J}/startups/${team.id}/education`, { on: today(), topic: '사업계획서', people: 1 })).team_id, team.id);
  const year = Number(today().slice(0, 4)) + 1;
  const sub = await ok('POST', `${J}/subsidies`, { team_id: team.id, year, amount_won: 1_000_000, purpose: '온라인 홍보' }, 201);
  assert.equal((await ok('POST', `${J}/subsidies/${sub.id}/decision`, { approve: true })).status, 'approved');
  assert.equal((await ok('POST', `${J}/subsidies/${sub.id}/disburse`, { on: today() })).status, 'disbursed');
});

test('a resident registers herself with the centre and reads her record', async () => {
  const email = `self-${Date.now()}@example.kr`;
  await ok('POST', '/api/v1/auth/register', { name: '스스로 등록', email, password: 'a-long-password-1' }, 201, undefined);
  const me = (await call(server, 'POST', '/api/v1/auth/login', { body: { login: email, password: 'a-long-password-1', token: true } })).body.token;
  const made = await ok('POST', `${J}/me/seeker`, { centre_id: centre, display_name: '스스로 등록', profile }, 201, me);
  const mine = await ok('GET', `${J}/me/seeker`, undefined, 200, me);
  assert.equal(mine.id, made.seeker_id);
  assert.equal(mine.cases.length, 1);
});
