// Jobs API against the real binary (SQLite, or PostgreSQL with DONGNE_TEST_STORE=postgresql): Jinju's Saeil year
// computed from the demo's records (4 courses, 78 completions, 45 employed, 18 group sessions, 200 people, 50
// internships, 10 subsidised startups); a counsellor's case from intake to a hire with its follow-ups; the bad inputs
// that must change nothing (an unknown code, a schedule ending before it starts, a monthly wage sent as hourly, an
// illegal transition, a payment approved twice); notes refused and logged for a counsellor not on the case; and the
// 16:00 childcare limit that keeps an 18:00 vacancy away.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Server, call, assertProblem, tokenFor } from './harness.mjs';
import { login } from './booking_helpers.mjs';

const J = '/api/v1/jobs';
const server = new Server();
let counsellor, other, employer, resident, centre, employerId;
const STATED = JSON.parse(readFileSync(new URL('../../data/demo/seed-figures.json', import.meta.url), 'utf8'))
  .jinju_women_and_family.saeil_centre.stated;

const profile = (extra = {}) => ({
  occupations: ['027'],
  competencies: ['엑셀', '전산회계'],
  availability: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '18:00' },
  home_area: 'jinju-sangdae',
  max_commute_min: 45,
  expected_wage: { won: 2000000, unit: 'monthly' },
  languages: ['ko'],
  ...extra,
});
const today = () => new Date(Date.now() + 9 * 3600e3).toISOString().slice(0, 10);
const inDays = (n) => new Date(Date.now() + 9 * 3600e3 + n * 86400e3).toISOString().slice(0, 10);

async function vacancy(title, start, end, extra = {}) {
  const r = await call(server, 'POST', `${J}/vacancies`, {
    token: employer,
    body: {
      employer_id: employerId, title, occupation: '027', start_on: inDays(10), openings: 1,
      required: ['spreadsheet'], preferred: ['erp'],
      hours: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start, end },
      wage: { won: 15000, unit: 'hourly' }, workplace: { area: 'jinju-hadae', address: '진주시' }, ...extra,
    },
  });
  assert.equal(r.status, 201, r.text);
  return r.body;
}

async function intake(p = profile(), name = '시험 구직자') {
  const r = await call(server, 'POST', `${J}/seekers`, { token: counsellor, body: { display_name: name, phone: '010-5555-0101', profile: p } });
  assert.equal(r.status, 201, r.text);
  return r.body;
}

async function move(caseId, to, expect = 200) {
  const r = await call(server, 'POST', `${J}/cases/${caseId}/transitions`, { token: counsellor, body: { to } });
  assert.equal(r.status, expect, r.text);
  return r;
}

before(async () => {
  await server.start();
  counsellor = await tokenFor(server, 'counsellor');
  other = await login(server, 'counsellor.b@demo.dongne.kr');
  employer = await tokenFor(server, 'employer');
  resident = await tokenFor(server, 'resident');
  const orgs = await call(server, 'GET', '/api/v1/organisations');
  const list = orgs.body.items || orgs.body;
  centre = list.find((o) => o.code === 'jinju-saeil').id;
  employerId = list.find((o) => o.code === 'emp-demo-food').id;
});
after(() => server.stop());

test("Jinju's Saeil year, computed from its records, is the published one", async () => {
  const r = await call(server, 'GET', `${J}/figures?year=2025&centre_id=${centre}`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.courses, STATED.vocational_courses);
  assert.equal(r.body.completions, STATED.course_completions);
  assert.equal(r.body.employed_after_courses, STATED.employed_after_courses);
  assert.equal(r.body.group_sessions, STATED.group_counselling_sessions_per_year);
  assert.equal(r.body.group_people, STATED.group_counselling_people_per_year);
  assert.equal(r.body.internships, STATED.internships_with_incentives);
  assert.equal(r.body.subsidy_teams, STATED.startup_marketing_subsidy_teams_per_year);
  assert.equal(r.body.by_course.reduce((a, c) => a + c.completed, 0), 78);
  // The ledger holds real payments: approved and paid marks with references, never free text.
  const pays = await call(server, 'GET', `${J}/payments?status=paid`, { token: counsellor });
  assert.equal(pays.status, 200, pays.text);
  assert.ok(pays.body.items.length >= 100, `paid monthly incentives: ${pays.body.items.length}`);
  assert.ok(pays.body.items.every((p) => p.paid_ref && p.approved_by));
});

test('bad input gets field messages in Korean and English and changes nothing', async () => {
  const before = (await call(server, 'GET', `${J}/worklist`, { token: counsellor })).body.cases.length;
  const bad = await call(server, 'POST', `${J}/seekers`, {
    token: counsellor,
    body: {
      display_name: '오류 시험',
      profile: profile({
        occupations: ['999'],
        availability: { days: ['mon'], start: '16:00', end: '09:00' },
        expected_wage: { won: 2500000, unit: 'hourly' },
      }),
    },
  });
  assertProblem(assert, bad, 422);
  const codes = Object.fromEntries(bad.body.errors.map((e) => [e.field, e.code]));
  assert.equal(codes['profile.occupations'], 'unknown_code');
  assert.equal(codes['profile.availability.end'], 'before_start');
  assert.equal(codes['profile.expected_wage.won'], 'monthly_as_hourly');
  for (const e of bad.body.errors) assert.ok(e.message_ko && e.message_en, JSON.stringify(e));
  const swapped = await call(server, 'POST', `${J}/vacancies`, {
    token: employer,
    body: { employer_id: employerId, title: '시급 오류', occupation: '027', start_on: inDays(5),
            hours: { days: ['mon'], start: '09:00', end: '13:00' }, wage: { won: 11000, unit: 'monthly' },
            workplace: { area: 'jinju-hadae' } },
  });
  assertProblem(assert, swapped, 422);
  assert.equal(swapped.body.errors[0].code, 'hourly_as_monthly');
  const rrn = await call(server, 'POST', `${J}/seekers`, { token: counsellor, body: { display_name: '홍길동', rrn: '900101-2345678', profile: profile() } });
  assertProblem(assert, rrn, 422);
  for (const [opened_on, code] of [[inDays(1), 'future'], ['2020-01-01', 'too_old'], ['2026-02-30', null]]) {
    const r = await call(server, 'POST', `${J}/seekers`, { token: counsellor, body: { display_name: '날짜 시험', opened_on, profile: profile() } });
    assertProblem(assert, r, 422);
    assert.equal(r.body.errors[0].field, 'opened_on', r.text);
    if (code) assert.equal(r.body.errors[0].code, code);
  }
  const after = (await call(server, 'GET', `${J}/worklist`, { token: counsellor })).body.cases.length;
  assert.equal(after, before);
});

test('a counsellor takes a seeker from intake to a hire; the follow-ups are scheduled', async () => {
  const { case: c, seeker_id: seekerId } = await intake();
  const skip = await move(c.id, 'job_search', 409);
  assertProblem(assert, skip, 409);
  assert.equal(skip.body.errors[0].field, 'to');
  await move(c.id, 'counselling');
  await move(c.id, 'plan');
  const plan = await call(server, 'PUT', `${J}/cases/${c.id}/plan`, { token: counsellor, body: { goal: '회계 사무원 취업', steps: [{ action: '이력서', by: inDays(7) }] } });
  assert.equal(plan.status, 200, plan.text);
  const moved = await move(c.id, 'job_search');
  assert.deepEqual(moved.body.next_states.sort(), ['closed', 'training']);
  const v = await vacancy('API 시험 경리', '09:30', '15:30');
  const recs = await call(server, 'GET', `${J}/seekers/${seekerId}/matches`, { token: counsellor });
  assert.equal(recs.status, 200, recs.text);
  const m = recs.body.items.find((x) => x.vacancy_id === v.id);
  assert.ok(m, 'the new vacancy is recommended');
  assert.equal(m.factors.length, 6);
  assert.ok(Math.abs(m.factors.reduce((a, f) => a + f.share, 0) - 1) < 1e-6);
  assert.ok(m.factors.every((f) => f.detail_ko && f.detail_en));
  const ref = await call(server, 'POST', `${J}/referrals`, { token: counsellor, body: { vacancy_id: v.id, case_id: c.id } });
  assert.equal(ref.status, 201, ref.text);
  const seen = await call(server, 'GET', `${J}/referrals?vacancy_id=${v.id}`, { token: employer });
  assert.equal(seen.body.items.length, 1);
  const hire = await call(server, 'POST', `${J}/hires`, { token: counsellor, body: { case_id: c.id, referral_id: ref.body.id, start_on: today(), wage: { won: 2300000, unit: 'monthly' } } });
  assert.equal(hire.status, 201, hire.text);
  const fs = await call(server, 'GET', `${J}/cases/${c.id}/followups`, { token: counsellor });
  assert.deepEqual(fs.body.items.map((f) => f.month), [1, 3, 6, 12]);
  const kase = await call(server, 'GET', `${J}/cases/${c.id}`, { token: counsellor });
  assert.equal(kase.body.state, 'hired');
  assert.deepEqual(kase.body.history.map((h) => h.to), ['intake', 'counselling', 'plan', 'job_search', 'hired']);
  // The hire is an event in the log other pillars read.
  const events = await call(server, 'GET', '/api/v1/admin/events?type=jobs.hired&limit=500', { token: await tokenFor(server, 'admin') });
  if (events.status === 200) {
    const items = events.body.items || [];
    assert.ok(items.some((e) => String(e.aggregate_id) === String(hire.body.id)), 'jobs.hired is in the event log');
  }
});

test("notes are for the case's counsellors; a refused read is logged", async () => {
  const { case: c } = await intake();
  const note = await call(server, 'POST', `${J}/cases/${c.id}/notes`, { token: counsellor, body: { body: '경력단절 7년, 회계 경험' } });
  assert.equal(note.status, 201, note.text);
  const noReason = await call(server, 'GET', `${J}/cases/${c.id}/notes`, { token: counsellor });
  assertProblem(assert, noReason, 422);
  const ok = await call(server, 'GET', `${J}/cases/${c.id}/notes?reason=${encodeURIComponent('상담 준비')}`, { token: counsellor });
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.body.items.length, 1);
  const refused = await call(server, 'GET', `${J}/cases/${c.id}/notes?reason=${encodeURIComponent('확인')}`, { token: other });
  assertProblem(assert, refused, 403);
  const log = await call(server, 'GET', `${J}/cases/${c.id}/access-log`, { token: counsellor });
  assert.equal(log.status, 200, log.text);
  assert.deepEqual(log.body.items.map((l) => l.allowed), [false, true]);
  assert.equal(log.body.items[0].reason, '확인');
});

test('a seeker who must leave by 16:00 never sees a vacancy ending at 18:00', async () => {
  const late = await vacancy('API 전일제 18시', '09:00', '18:00');
  const early = await vacancy('API 오전 15시', '09:00', '15:00');
  const { case: c, seeker_id: seekerId } = await intake(profile({ childcare: { leave_by: '16:00', no_saturday: true } }));
  await move(c.id, 'counselling');
  const recs = await call(server, 'GET', `${J}/seekers/${seekerId}/matches?k=100`, { token: counsellor });
  assert.equal(recs.status, 200, recs.text);
  const ids = recs.body.items.map((m) => m.vacancy_id);
  assert.ok(ids.includes(early.id));
  assert.ok(!ids.includes(late.id));
  for (const m of recs.body.items) assert.ok(m.vacancy.hours.end <= '16:00', `${m.vacancy.title} ends ${m.vacancy.hours.end}`);
  const why = await call(server, 'GET', `${J}/match/explain?seeker_id=${seekerId}&vacancy_id=${late.id}`, { token: counsellor });
  assert.equal(why.body.eligible, false);
  assert.equal(why.body.reason_code, 'schedule');
  const cands = await call(server, 'GET', `${J}/vacancies/${late.id}/candidates`, { token: employer });
  assert.equal(cands.status, 200, cands.text);
  assert.ok(cands.body.items.every((x) => !('seeker_id' in x) && x.seeker_name.includes('*')), 'employers see masked names');
});

test('commutes come from coordinates or an address, and the explanation says which', async () => {
  // Her home by coordinates, 20 minutes at most: 10 min + 2.5 min per km leaves 4 km.
  const home = { lat: 35.1630, lon: 128.1300 };
  const { case: c, seeker_id: seekerId } = await intake(profile({ home_area: undefined, home, max_commute_min: 20 }));
  await move(c.id, 'counselling');
  const near = await vacancy('API 좌표 근처', '09:00', '15:00', { workplace: { lat: 35.1650, lon: 128.1330 } });
  assert.equal(near.workplace.located, 'coordinates');
  // Coded 상대동 (her own area) but really 9 km away: the coordinates decide, not the area's centre.
  const far = await vacancy('API 좌표 먼 곳', '09:00', '15:00', { workplace: { area: 'jinju-sangdae', lat: 35.2200, lon: 128.0600 } });
  const byAddress = await vacancy('API 주소만', '09:00', '15:00', { workplace: { address: '경남 진주시 동진로 55 (상대동)' } });
  assert.equal(byAddress.workplace.located, 'address');
  assert.equal(byAddress.workplace.area, 'jinju-sangdae');
  const explain = (v) => call(server, 'GET', `${J}/match/explain?seeker_id=${seekerId}&vacancy_id=${v.id}`, { token: counsellor });
  const a = await explain(near);
  assert.equal(a.body.eligible, true, a.text);
  const commute = (m) => m.factors.find((f) => f.name === 'commute');
  assert.match(commute(a.body.match).detail_ko, /집과 근무지 모두 좌표/);
  assert.match(commute(a.body.match).detail_en, /home and workplace: coordinates/);
  const b = await explain(far);
  assert.equal(b.body.eligible, false);
  assert.equal(b.body.reason_code, 'commute');
  assert.match(b.body.reason_ko, /좌표/);
  const d = await explain(byAddress);
  assert.equal(d.body.eligible, true, d.text);
  assert.match(commute(d.body.match).detail_ko, /집 좌표, 근무지 주소의 동네 중심 추정/);
  const recs = await call(server, 'GET', `${J}/seekers/${seekerId}/matches?k=100`, { token: counsellor });
  const ids = recs.body.items.map((m) => m.vacancy_id);
  assert.ok(ids.includes(near.id) && !ids.includes(far.id));
  // Places that cannot be placed are refused with the field named, and nothing is created.
  for (const [home2, field] of [[{ lat: 51.5, lon: -0.12 }, 'profile.home.lat'], [{ address: '어딘가 123' }, 'profile.home.address'], [{ lat: 35.1 }, 'profile.home.lon']]) {
    const r = await call(server, 'POST', `${J}/seekers`, { token: counsellor, body: { display_name: '좌표 오류', phone: '010-5555-0102', profile: profile({ home_area: undefined, home: home2 }) } });
    assertProblem(assert, r, 422);
    assert.ok(r.body.errors.some((e) => e.field === field), r.text);
  }
  const bad = await call(server, 'POST', `${J}/vacancies`, {
    token: employer,
    body: { employer_id: employerId, title: 'API 주소 오류', occupation: '027', start_on: inDays(10), hours: { days: ['mon'], start: '09:00', end: '12:00' }, wage: { won: 15000, unit: 'hourly' }, workplace: { address: '어딘가 123' } },
  });
  assertProblem(assert, bad, 422);
  assert.ok(bad.body.errors.some((e) => e.field === 'workplace.address'), bad.text);
});

test("a centre's own words: synonyms its counsellors write and a term of its own, named in explanations", async () => {
  const T = `${J}/centres/${centre}/terms`;
  const add = (body, token = counsellor) => call(server, 'POST', T, { token, body });
  // The demo centre already reads 전화응대 as customer service.
  const list = await call(server, 'GET', T);
  assert.equal(list.status, 200, list.text);
  assert.ok(list.body.items.some((t) => t.alias === '전화응대' && t.key === 'customer-service' && t.kind === 'synonym'));
  const own = list.body.items.find((t) => t.alias === '통번역');
  assert.equal(own.kind, 'term');
  assert.match(own.key, /^c\d+-\d+$/);
  // A word that already means something, an unknown meaning, bad fields: refused, nothing added.
  const taken = await add({ alias: '엑셀', means: 'erp' });
  assertProblem(assert, taken, 409);
  assert.equal(taken.body.reason, 'alias_taken');
  assertProblem(assert, await add({ alias: '전화 응대', means: 'cashiering' }), 409);
  const unknown = await add({ alias: '무지개 코딩', means: '없는 역량' });
  assertProblem(assert, unknown, 422);
  assert.equal(unknown.body.errors[0].field, 'means');
  assertProblem(assert, await add({ alias: '   ', means: 'erp' }), 422);
  assertProblem(assert, await add({ alias: '새 낱말', ncs_domain: '99' }), 422);
  assertProblem(assert, await add({ alias: '새 낱말', means: 'erp' }, employer), 403);
  assert.equal((await call(server, 'GET', T)).body.items.length, list.body.items.length);
  const syn = await add({ alias: '전표 처리', means: 'computerized-accounting' });
  assert.equal(syn.status, 201, syn.text);
  // A seeker whose counsellor writes the centre's words; a vacancy asks for them in the vocabulary's (and the own term).
  const { case: c, seeker_id: seekerId } = await intake(profile({ competencies: ['전화응대', '전표 처리', '통번역'] }));
  await move(c.id, 'counselling');
  const me = await call(server, 'GET', `${J}/seekers/${seekerId}?reason=${encodeURIComponent('시험')}`, { token: counsellor });
  assert.deepEqual(me.body.profile.competencies, ['customer-service', 'computerized-accounting', own.key]);
  assert.equal(me.body.profile.competency_words['customer-service'], '전화응대');
  const v = await vacancy('API 고객 응대', '09:00', '15:00', { required: ['customer-service'], preferred: ['통번역'] });
  const why = await call(server, 'GET', `${J}/match/explain?seeker_id=${seekerId}&vacancy_id=${v.id}`, { token: counsellor });
  assert.equal(why.body.eligible, true, why.text);
  const comp = why.body.match.factors.find((f) => f.name === 'competency');
  assert.match(comp.detail_ko, /'전화응대'을\(를\) 고객 응대\(으\)로 봄/);
  assert.match(comp.detail_en, /'전화응대' read as/);
  assert.equal(comp.score, 1);
  // The own term is part of the vocabulary everyone reads; in use, it stays; a synonym can go.
  const vocab = await call(server, 'GET', `${J}/reference/competencies?q=${encodeURIComponent('통번역')}`);
  assert.equal(vocab.body.items[0].key, own.key);
  const inUse = await call(server, 'DELETE', `${J}/terms/${own.id}`, { token: counsellor });
  assertProblem(assert, inUse, 409);
  assert.equal(inUse.body.reason, 'in_use');
  assert.equal((await call(server, 'DELETE', `${J}/terms/${syn.body.id}`, { token: counsellor })).status, 204);
  assert.ok(!(await call(server, 'GET', T)).body.items.some((t) => t.id === syn.body.id));
});

test('a centre registers the employers it works with; a business number is checked and registered once', async () => {
  const E = `${J}/employers`;
  const bad = await call(server, 'POST', E, { token: counsellor, body: { name_ko: '시험 상회', business_number: '124-81-00997' } });
  assertProblem(assert, bad, 422);
  assert.equal(bad.body.errors[0].field, 'business_number');
  assertProblem(assert, await call(server, 'POST', E, { token: employer, body: { name_ko: '시험 상회' } }), 403);
  assertProblem(assert, await call(server, 'POST', E, { token: counsellor, body: { name_ko: '' } }), 422);
  const number = '220-81-62517';
  const made = await call(server, 'POST', E, { token: counsellor, body: { name_ko: '진주 시험 상회', business_number: number, address: '진주시 상대동' } });
  assert.equal(made.status, 201, made.text);
  assert.equal(made.body.kind, 'employer');
  const orgs = (await call(server, 'GET', '/api/v1/organisations')).body;
  const jinju = (orgs.items || orgs).find((o) => o.code === 'jinju');
  assert.equal(made.body.parent_id, jinju.id, 'under the centre\'s city');
  const again = await call(server, 'POST', E, { token: counsellor, body: { name_ko: '다른 이름', business_number: '2208162517' } });
  assertProblem(assert, again, 409);
  assert.equal(again.body.reason, 'already_registered');
  // Its vacancies are posted like any employer's.
  const r = await call(server, 'POST', `${J}/vacancies`, {
    token: counsellor,
    body: { employer_id: made.body.id, title: 'API 새 구인처 공고', occupation: '027', start_on: inDays(10), hours: { days: ['mon'], start: '09:00', end: '12:00' },
      wage: { won: 15000, unit: 'hourly' }, workplace: { area: 'jinju-sangdae' } },
  });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.employer_name, '진주 시험 상회');
});

test("a past year's case is entered after the fact and says so", async () => {
  const body = { display_name: '지난 기록', profile: profile(), opened_on: '2019-03-04' };
  const old = await call(server, 'POST', `${J}/seekers`, { token: counsellor, body });
  assertProblem(assert, old, 422);
  assert.equal(old.body.errors[0].code, 'too_old');
  assertProblem(assert, await call(server, 'POST', `${J}/seekers`, { token: counsellor, body: { ...body, entered_late: 'yes' } }), 422);
  const late = await call(server, 'POST', `${J}/seekers`, { token: counsellor, body: { ...body, entered_late: true } });
  assert.equal(late.status, 201, late.text);
  assert.equal(late.body.case.entered_late, true);
  assert.equal(late.body.case.opened_on, '2019-03-04');
});

test('an internship schedules its incentives; a payment is approved once', async () => {
  const { case: c } = await intake();
  await move(c.id, 'counselling');
  await move(c.id, 'plan');
  await call(server, 'PUT', `${J}/cases/${c.id}/plan`, { token: counsellor, body: { goal: '인턴십' } });
  await move(c.id, 'job_search');
  // Started three months ago, so the first monthly payment has fallen due (the case opened today: placements
  // cannot start before it, so this one starts today and its payments are still scheduled).
  const placed = await call(server, 'POST', `${J}/internships`, { token: counsellor, body: { case_id: c.id, employer_id: employerId, starts_on: today(), monthly_wage_won: 2096270 } });
  assert.equal(placed.status, 201, placed.text);
  const pays = await call(server, 'GET', `${J}/payments?internship_id=${placed.body.id}`, { token: counsellor });
  assert.equal(pays.body.items.length, 3);
  assert.equal(pays.body.total_won, 2400000);
  const early = await call(server, 'POST', `${J}/payments/${pays.body.items[0].id}/approve`, { token: counsellor });
  assertProblem(assert, early, 409);
  // A payment of the demo's year that is approved already: approving again is refused and changes nothing.
  const approved = await call(server, 'GET', `${J}/payments?status=paid`, { token: counsellor });
  const p = approved.body.items[0];
  const twice = await call(server, 'POST', `${J}/payments/${p.id}/approve`, { token: counsellor });
  assertProblem(assert, twice, 409);
  assert.equal(twice.body.errors[0].field, 'status');
  const again = await call(server, 'GET', `${J}/payments?internship_id=${p.internship_id}`, { token: counsellor });
  assert.equal(again.body.items.find((x) => x.id === p.id).status, 'paid');
});

test('every Jobs route is in the OpenAPI document', async () => {
  const r = await call(server, 'GET', '/api/openapi.json');
  const paths = Object.keys(r.body.paths).filter((p) => p.startsWith('/api/v1/jobs'));
  assert.ok(paths.length >= 40, `jobs paths: ${paths.length}`);
  assert.ok(r.body.paths['/api/v1/jobs/seekers'].post.requestBody, 'intake documents its body');
});
