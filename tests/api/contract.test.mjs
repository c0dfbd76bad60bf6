// The operations no journey of the other API tests reaches with a success, called here as a permitted role so that
// their real answers are checked against the OpenAPI document too (contract.mjs checks every call; scripts/test.sh
// then runs contract_coverage.mjs over the whole suite): health and readiness, a proposal edited, returned,
// resubmitted, conflicted and withdrawn, a project's spending read, and a monthly report submitted and reviewed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server, call, tokenFor } from './harness.mjs';

const P = '/api/v1/programmes';
const server = new Server();
let city, yeonsu, admin;

before(async () => {
  await server.start();
  city = await tokenFor(server, 'city_officer');
  yeonsu = await tokenFor(server, 'district_officer');
  admin = await tokenFor(server, 'admin');
});
after(() => server.stop());

test('health, readiness and metrics answer as documented', async () => {
  assert.equal((await call(server, 'GET', '/healthz')).body.status, 'ok');
  assert.equal((await call(server, 'GET', '/readyz')).body.status, 'ready');
  const m = await call(server, 'GET', '/metrics');
  assert.equal(m.status, 200);
  assert.match(m.text, /^# (HELP|TYPE) /m);
});

test('an administrator disables and enables a staff account', async () => {
  const made = await call(server, 'POST', '/api/v1/admin/users', {
    token: admin, body: { name: '계약 시험', email: `contract-${Date.now()}@demo.dongne.kr`, roles: [{ role: 'resident' }] },
  });
  assert.equal(made.status, 201, made.text);
  const off = await call(server, 'POST', `/api/v1/admin/users/${made.body.user.id}/disable`, { token: admin });
  assert.equal(off.body.disabled, true);
  const on = await call(server, 'POST', `/api/v1/admin/users/${made.body.user.id}/enable`, { token: admin });
  assert.equal(on.status, 200, on.text);
  assert.equal(on.body.disabled, false);
});

test('a proposal is edited, returned, resubmitted, conflicted and withdrawn', async () => {
  const year = 2050 + Math.floor(Math.random() * 49);
  const c = await call(server, 'POST', `${P}/calls`, {
    token: city, body: { year, title_ko: `${year} 공모`, envelope_won: 100_000_000, city_share_pct: 50,
      deadline: new Date(Date.now() + 3_600_000).toISOString(), criteria: [{ key: 'fit', name_ko: '적합성', weight: 1, max_score: 10 }] },
  });
  assert.equal(c.status, 201, c.text);
  const body = { title: '연수구 제안', summary: '요약', target_groups: ['seniors'], city_share_won: 10_000_000, district_share_won: 10_000_000,
    monthly_targets: [{ month: `${year}-05`, jobs: 2 }] };
  const d = await call(server, 'POST', `${P}/calls/${c.body.id}/proposals`, { token: yeonsu, body });
  assert.equal(d.status, 201, d.text);
  const edited = await call(server, 'PUT', `${P}/proposals/${d.body.id}`, { token: yeonsu, body: { ...body, summary: '고친 요약' } });
  assert.equal(edited.status, 200, edited.text);
  assert.equal(edited.body.summary, '고친 요약');
  assert.equal((await call(server, 'POST', `${P}/proposals/${d.body.id}/submit`, { token: yeonsu })).status, 200);
  const back = await call(server, 'POST', `${P}/proposals/${d.body.id}/return`, { token: city, body: { note: '예산 근거를 보완해 주세요' } });
  assert.equal(back.status, 200, back.text);
  assert.equal(back.body.status, 'returned');
  assert.equal((await call(server, 'POST', `${P}/proposals/${d.body.id}/submit`, { token: yeonsu })).status, 200);
  const me = (await call(server, 'GET', '/api/v1/me', { token: city })).body;
  assert.equal((await call(server, 'POST', `${P}/calls/${c.body.id}/reviewers`, { token: city, body: { user_id: me.id } })).status, 200);
  const conflict = await call(server, 'POST', `${P}/proposals/${d.body.id}/conflicts`, { token: city, body: { reason: '제안 기관 자문 경력' } });
  assert.equal(conflict.status, 200, conflict.text);
  const gone = await call(server, 'POST', `${P}/proposals/${d.body.id}/withdraw`, { token: yeonsu });
  assert.equal(gone.status, 200, gone.text);
  assert.equal(gone.body.status, 'withdrawn');
});

test("a project's spending is read, and a monthly report is submitted and accepted", async () => {
  const districts = (await call(server, 'GET', '/api/v1/organisations?kind=district')).body.items;
  const yeonsuId = districts.find((o) => o.code === 'incheon-yeonsu').id;
  const project = (await call(server, 'GET', `${P}/projects?year=2019&district_id=${yeonsuId}`)).body.items[0];
  const spending = await call(server, 'GET', `${P}/projects/${project.id}/spending`);
  assert.equal(spending.status, 200, spending.text);
  const reports = (await call(server, 'GET', `${P}/reports?year=2019&district_id=${yeonsuId}`, { token: yeonsu })).body.items;
  const due = reports.find((x) => x.project_id === project.id && (!x.report || x.report.status === 'returned'));
  assert.ok(due, 'a month of the demo project is still to report');
  const sent = await call(server, 'POST', `${P}/projects/${project.id}/reports`, { token: yeonsu, body: { month: due.month, narrative: '월간 보고' } });
  assert.equal(sent.status, 201, sent.text);
  const reviewed = await call(server, 'POST', `${P}/reports/${sent.body.id}/review`, { token: city, body: { decision: 'accept' } });
  assert.equal(reviewed.status, 200, reviewed.text);
  assert.equal(reviewed.body.status, 'accepted');
});
