// Home visits' API against the real binary (SQLite, or PostgreSQL with DONGNE_TEST_STORE=postgresql) on a shifted
// dispatch clock (Monday 2026-12-28, 08:00; the demo is loaded that day, so the family whose child is 23 months old
// turns 24 months on Friday 2027-01-01): a parent asks and sees her visits planned; bad input changes nothing; the
// family past 24 months is told why on each day; a coach's day in order, a visit done counted by Programmes; the
// operator's week with unserved visits and continuity, re-planned when a coach is away; the OpenAPI document.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server, call, assertProblem } from './harness.mjs';
import { login } from './booking_helpers.mjs';

const V = '/api/v1/dispatch/visits';
const server = new Server();
let services, coaching, schools, cooks, parent, operator;

before(async () => {
  await server.start({ DONGNE_DISPATCH_CLOCK_AT: '2026-12-28T08:00:00+09:00' });
  parent = await login(server, 'parent1@demo.dongne.kr');
  operator = await login(server, 'operator-coaching@demo.dongne.kr');
  const r = await call(server, 'GET', `${V}/services`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.today, '2026-12-28');
  services = r.body.items;
  coaching = services.find((s) => s.code === 'bupyeong-coaching');
  schools = services.find((s) => s.code === 'gyeyang-instructors');
  cooks = services.find((s) => s.code === 'michuhol-cooks');
});
after(() => server.stop());

const ask = (extra = {}) => ({
  service_id: coaching.id, days: ['mon', 'wed'], from: '10:00', to: '15:00',
  place: { address: '인천 부평구 부평대로 283', lat: 37.4917, lon: 126.7231 }, ...extra,
});

test('three visit services; coaching is for Bupyeong families with a child under 24 months', () => {
  assert.ok(coaching && schools && cooks, JSON.stringify(services.map((s) => s.code)));
  assert.equal(coaching.eligibility.max_child_age_months, 23);
  assert.deepEqual(coaching.eligibility.district_codes, ['incheon-bupyeong']);
  assert.equal(schools.clients, 'school');
  assert.ok(schools.skills.includes('vi') && schools.skills.includes('ru'));
});

test('bad requests get field errors in Korean and English and change nothing', async () => {
  const before = (await call(server, 'GET', `${V}/me`, { token: parent })).body.requests.length;
  const cases = [
    [ask({ days: [] }), 'days', 'required'],
    [ask({ days: ['someday'] }), 'days', 'unknown_day'],
    [ask({ from: '15:00', to: '10:00' }), 'to', 'order'],
    [ask({ from: '10:00', to: '10:30' }), 'minutes', 'too_long'],
    [ask({ skills: ['klingon'] }), 'skills', 'unknown_skill'],
    [ask({ place: undefined }), 'place', 'required'],
    [ask({ place: { address: '부산 어딘가', lat: 35.1, lon: 129.0 } }), 'place.lat', 'outside_area'],
    [ask({ from: '9시' }), 'from', 'format'],
  ];
  for (const [body, field, code] of cases) {
    const r = await call(server, 'POST', `${V}/requests`, { token: parent, body });
    assertProblem(assert, r, 422);
    const e = r.body.errors.find((x) => x.field === field);
    assert.ok(e, `${field} ${code}: ${r.text}`);
    assert.equal(e.code, code);
    assert.ok(e.message_ko && e.message_en);
  }
  const school = await call(server, 'POST', `${V}/requests`, { token: parent, body: ask({ service_id: schools.id }) });
  assertProblem(assert, school, 403);
  const after = (await call(server, 'GET', `${V}/me`, { token: parent })).body.requests.length;
  assert.equal(after, before);
});

test('a parent asks for coaching visits and sees them planned with a coach', async () => {
  const r = await call(server, 'POST', `${V}/requests`, { token: parent, body: ask() });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.request.status, 'active');
  assert.deepEqual(r.body.request.days, ['mon', 'wed']);
  const visits = r.body.visits;
  assert.equal(visits.length, 4, 'Monday and Wednesday, this week and next');
  for (const v of visits) {
    assert.equal(v.status, 'planned', JSON.stringify(v));
    assert.ok(v.worker && v.worker.name);
    assert.ok(v.start >= `${v.day}T10:00:00+09:00` && v.end <= `${v.day}T15:00:00+09:00`, JSON.stringify(v));
    assert.equal(v.place.name, '윤하은', 'the family sees her own name');
  }
  assert.equal(new Set(visits.map((v) => v.worker.id)).size, 1, 'the same coach for the family');
  const mine = await call(server, 'GET', `${V}/me`, { token: parent });
  assert.equal(mine.status, 200);
  assert.ok(mine.body.visits.length >= 4);
});

test('the family whose child turns 24 months has no visits from that day, with the reason', async () => {
  const next = await call(server, 'GET', `${V}/services/${coaching.id}/week?start=2027-01-04`, { token: operator });
  assert.equal(next.status, 200, next.text);
  const refused = next.body.unserved.filter((v) => v.reason.code === 'not_eligible');
  assert.ok(refused.length >= 1, JSON.stringify(next.body.unserved));
  for (const v of refused) {
    assert.ok(v.day >= '2027-01-01');
    assert.match(v.reason.message_en, /not eligible on 2027-01-/);
    assert.ok(v.reason.message_ko);
    assert.equal(v.place.name.includes('*'), true, 'families are masked on the operator week');
    assert.equal(v.place.address, undefined, 'and their address is not on it');
  }
  const now = await call(server, 'GET', `${V}/services/${coaching.id}/week`, { token: operator });
  const planned = now.body.workers.flatMap((w) => w.visits).filter((v) => v.client_id === refused[0].client_id);
  assert.ok(planned.length >= 1 && planned.every((v) => v.day < '2027-01-01'), 'visited before the birthday month');
});

test('a coach sees her day in order, marks a visit done, and Programmes counts it', async () => {
  let coach, day;
  for (const email of ['coach1@demo.dongne.kr', 'coach2@demo.dongne.kr', 'coach3@demo.dongne.kr', 'coach4@demo.dongne.kr']) {
    const token = await login(server, email);
    const d = await call(server, 'GET', `${V}/worker/today`, { token });
    assert.equal(d.status, 200, d.text);
    if (d.body.visits.length > 0) { coach = token; day = d.body; break; }
  }
  assert.ok(day, 'some coach has visits today');
  assert.equal(day.day, '2026-12-28');
  const starts = day.visits.map((v) => v.start);
  assert.deepEqual([...starts].sort(), starts, 'in order');
  const first = day.visits[0];
  assert.ok(first.place.address && first.place.name.includes('*'), JSON.stringify(first.place));
  const bad = await call(server, 'POST', `${V}/worker/visits/${first.id}/report`, { token: coach, body: { outcome: 'maybe' } });
  assertProblem(assert, bad, 422);
  const other = await login(server, 'cook1@demo.dongne.kr');
  assertProblem(assert, await call(server, 'POST', `${V}/worker/visits/${first.id}/report`, { token: other, body: { outcome: 'done' } }), 403);
  const done = await call(server, 'POST', `${V}/worker/visits/${first.id}/report`, { token: coach, body: { outcome: 'done', minutes: 55 } });
  assert.equal(done.status, 200, done.text);
  assert.equal(done.body.visits.find((v) => v.id === first.id).status, 'done');
  const again = await call(server, 'POST', `${V}/worker/visits/${first.id}/report`, { token: coach, body: { outcome: 'done' } });
  assertProblem(assert, again, 409);
  const projects = await call(server, 'GET', '/api/v1/programmes/projects');
  const project = (projects.body.items || projects.body).find((p) => p.name === '찾아가는 육아코칭 활동가');
  assert.ok(project, 'the demo has the Bupyeong coaching project');
  let outputs = [];
  for (let i = 0; i < 100 && outputs.length === 0; i++) {  // the KPI catch-up runs every half second
    const o = await call(server, 'GET', `/api/v1/programmes/projects/${project.id}/outputs`);
    outputs = o.body.items.filter((x) => x.kind === 'coaching_visit' && x.day === '2026-12-28');
    if (outputs.length === 0) await new Promise((r) => setTimeout(r, 100));
  }
  assert.ok(outputs.length >= 1, 'the visit done is a Programmes output');
});

test('the operator sees the week, a stranger may not, and a coach away is re-planned around', async () => {
  const stranger = await login(server, 'operator@demo.dongne.kr');
  assertProblem(assert, await call(server, 'GET', `${V}/services/${coaching.id}/week`, { token: stranger }), 403);
  const w = await call(server, 'GET', `${V}/services/${coaching.id}/week`, { token: operator });
  assert.equal(w.status, 200, w.text);
  assert.equal(w.body.start, '2026-12-28');
  assert.equal(w.body.workers.length, 4);
  assert.ok(w.body.figures.planned > 10, JSON.stringify(w.body.figures));
  const kept = w.body.continuity.percent;
  assert.ok(kept > 80 && kept <= 100, JSON.stringify(w.body.continuity));  // a family whose coach does not work one of its days loses her that day
  const wednesday = '2026-12-30';
  const busy = w.body.workers.find((x) => x.visits.some((v) => v.day === wednesday && v.status === 'planned'));
  assert.ok(busy);
  const bad = await call(server, 'POST', `${V}/workers/${busy.id}/away`, { token: operator, body: { day: 'soon' } });
  assertProblem(assert, bad, 422);
  const a = await call(server, 'POST', `${V}/workers/${busy.id}/away`, { token: operator, body: { day: wednesday } });
  assert.equal(a.status, 200, a.text);
  const after = a.body.workers.find((x) => x.id === busy.id);
  assert.deepEqual(after.away, [wednesday]);
  assert.equal(after.visits.filter((v) => v.day === wednesday && v.status === 'planned').length, 0);
  assert.ok(a.body.continuity.percent < kept, JSON.stringify([w.body.continuity, a.body.continuity]));
  const re = await call(server, 'POST', `${V}/services/${coaching.id}/plan`, { token: operator, body: {} });
  assert.equal(re.status, 200, re.text);
  assert.equal(re.body.workers.find((x) => x.id === busy.id).visits.filter((v) => v.day === wednesday).length, 0);
});

test('schools get the instructor with their language; a language nobody speaks is unserved with the reason', async () => {
  const op = await login(server, 'operator-instructors@demo.dongne.kr');
  const w = await call(server, 'GET', `${V}/services/${schools.id}/week`, { token: op });
  assert.equal(w.status, 200, w.text);
  const mn = w.body.unserved.filter((v) => v.reason.code === 'no_skill');
  assert.ok(mn.length >= 1 && mn[0].reason.message_en.includes('mn'), JSON.stringify(w.body.unserved));
  assert.equal(mn[0].place.name, '계양초등학교', 'schools are named whole');
  const viSchool = w.body.places.find((p) => p.name === '계산초등학교');
  const r = await call(server, 'POST', `${V}/requests`, {
    token: op, body: { service_id: schools.id, client_id: viSchool.id, days: ['fri'], from: '13:00', to: '15:00', skills: ['vi'] },
  });
  assert.equal(r.status, 201, r.text);
  const mai = w.body.workers.find((x) => x.skills.includes('vi'));
  assert.ok(r.body.visits.length >= 1 && r.body.visits.every((v) => v.worker && v.worker.id === mai.id), r.text);
});

test('every visits route is in the OpenAPI document with its roles', async () => {
  const r = await call(server, 'GET', '/api/openapi.json');
  const paths = Object.keys(r.body.paths).filter((p) => p.startsWith(V));
  assert.ok(paths.length >= 9, `visits paths: ${paths}`);
  assert.deepEqual(r.body.paths[`${V}/worker/today`].get['x-roles'], ['driver']);
  assert.ok(r.body.paths[`${V}/requests`].post.requestBody, 'the request documents its body');
});
