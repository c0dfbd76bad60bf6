// Programmes API against the real binary (SQLite, or PostgreSQL with DONGNE_TEST_STORE=postgresql): Incheon's 2019
// figures as of 2019-08-31 computed from the demo's events (142 jobs, every stated per-project figure); a whole
// call cycle with the bad inputs that must change nothing (a proposal over the envelope or after the deadline, a
// score out of range, a reviewer scoring their own district, an end before its start, the same person twice);
// a participant counted at once; and the KPI tables as CSV (BOM, CP949) and XLSX.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Server, call, assertProblem, tokenFor } from './harness.mjs';
import { login } from './booking_helpers.mjs';

const P = '/api/v1/programmes';
const server = new Server();
let city, yeonsu, bupyeong, admin, districts;
const SEED = JSON.parse(readFileSync(new URL('../../data/demo/seed-figures.json', import.meta.url), 'utf8'))
  .incheon_2019_co_prosperity_jobs;

before(async () => {
  await server.start();
  city = await tokenFor(server, 'city_officer');
  yeonsu = await tokenFor(server, 'district_officer');
  bupyeong = await login(server, 'district_officer.bupyeong@demo.dongne.kr');
  admin = await tokenFor(server, 'admin');
  const orgs = await call(server, 'GET', '/api/v1/organisations?kind=district');
  districts = Object.fromEntries((orgs.body.items || orgs.body).map((o) => [o.code, o.id]));
});
after(() => server.stop());

test('Incheon 2019 as of 2019-08-31: 8 districts, 9 projects, 142 jobs, each stated figure, from the events', async () => {
  const r = await call(server, 'GET', `${P}/kpis?year=2019&as_of=${SEED.as_of}`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.total.jobs, SEED.totals_stated.jobs_created);
  assert.equal(r.body.projects.length, SEED.totals_stated.projects);
  assert.equal(r.body.districts.length, SEED.totals_stated.districts_participating);
  const byName = Object.fromEntries(r.body.projects.map((p) => [p.name, p.figures]));
  // Every stated per-project figure of the published table.
  const asJobs = ['coaches', 'jobs', 'employed', 'placed', 'trained_and_linked', 'selected'];
  let checked = 0;
  for (const p of SEED.projects) {
    const f = byName[p.name];
    assert.ok(f, `project ${p.name} exists`);
    for (const [k, v] of Object.entries(p.stated)) {
      if (asJobs.includes(k)) assert.equal(f.jobs, v, `${p.name}: ${k}`);
      if (k === 'trained_first_half') assert.equal(f.trained, v, `${p.name}: trained`);
      if (k === 'coaching_sessions_min') assert.ok(f.outputs_by_kind.coaching_visit >= v, `${p.name}: coaching sessions`);
      checked++;
    }
  }
  assert.ok(checked >= 9);
  // The 7 jobs the table does not attribute: Seo-gu and Namdong-gu, labelled as invented in the demo file.
  assert.equal(byName['검단일반산업단지 무빙콜'].jobs + byName['북한이탈주민 공공근로'].jobs, 7);
  const rides = r.body.monthly.map((m) => m.figures.outputs_by_kind.ride || 0);
  for (let i = 3; i < rides.length; i++) assert.ok(rides[i] > rides[i - 1], 'Moving Call riders grow monthly');
  // As of an earlier date the figure is lower: KPIs are as of any past date.
  const march = await call(server, 'GET', `${P}/kpis?year=2019&as_of=2019-03-31`);
  assert.ok(march.body.total.jobs < 142 && march.body.total.jobs > 0);
  // A recomputation from the whole log agrees with what was kept incrementally.
  const rec = await call(server, 'POST', `${P}/kpis/recompute`, { token: admin });
  assert.equal(rec.status, 200, rec.text);
  assert.equal(rec.body.matched, true);
  const again = await call(server, 'GET', `${P}/kpis?year=2019&as_of=${SEED.as_of}`);
  assert.equal(again.body.total.jobs, 142);
});

test('a call cycle: proposals, review, selection within the envelope; bad input changes nothing', async () => {
  const year = 2050 + Math.floor(Math.random() * 49);
  const deadline = new Date(Date.now() + 4000).toISOString();
  const criteria = [{ key: 'fit', name_ko: '적합성', weight: 3, max_score: 10 }, { key: 'jobs', name_ko: '일자리', weight: 2, max_score: 10 }];
  assertProblem(assert, await call(server, 'POST', `${P}/calls`, { token: yeonsu, body: {} }), 403);
  const bad = await call(server, 'POST', `${P}/calls`, { token: city, body: { year, title_ko: '공모', envelope_won: 0, city_share_pct: 50, deadline, criteria } });
  assertProblem(assert, bad, 422);
  assert.ok(bad.body.errors.some((e) => e.field === 'envelope_won' && e.message_ko && e.message_en));
  const c = await call(server, 'POST', `${P}/calls`, {
    token: city, body: { year, title_ko: `${year} 공모`, envelope_won: 100_000_000, city_share_pct: 50, deadline, criteria },
  });
  assert.equal(c.status, 201, c.text);
  const callId = c.body.id;
  const draft = (token, city_share, title) => call(server, 'POST', `${P}/calls/${callId}/proposals`, {
    token, body: { title, summary: '요약', target_groups: ['seniors'], city_share_won: city_share, district_share_won: city_share,
      monthly_targets: [{ month: `${year}-05`, jobs: 4 }] },
  });
  const over = await draft(yeonsu, 150_000_000, '예산 초과');
  assertProblem(assert, over, 422);
  assert.equal(over.body.errors[0].code, 'over_envelope');
  const a = await draft(yeonsu, 60_000_000, '연수구 제안');
  const b = await draft(bupyeong, 50_000_000, '부평구 제안');
  assert.equal(a.status, 201, a.text);
  assert.equal(b.status, 201, b.text);
  assert.equal(b.body.district_id, districts['incheon-bupyeong']);
  // The city sees only submitted ones; Yeonsu sees its own (the over-envelope one was never stored).
  assert.equal((await call(server, 'GET', `${P}/calls/${callId}/proposals`, { token: yeonsu })).body.items.length, 1);
  assertProblem(assert, await call(server, 'POST', `${P}/proposals/${a.body.id}/submit`, { token: bupyeong }), 403);
  for (const [t, p] of [[yeonsu, a], [bupyeong, b]]) {
    assert.equal((await call(server, 'POST', `${P}/proposals/${p.body.id}/submit`, { token: t })).status, 200);
  }
  const me = (await call(server, 'GET', '/api/v1/me', { token: city })).body;
  const yeonsuMe = (await call(server, 'GET', '/api/v1/me', { token: yeonsu })).body;
  for (const uid of [me.id, yeonsuMe.id]) {
    assert.equal((await call(server, 'POST', `${P}/calls/${callId}/reviewers`, { token: city, body: { user_id: uid } })).status, 200);
  }
  const own = await call(server, 'PUT', `${P}/proposals/${a.body.id}/scores`, { token: yeonsu, body: { scores: { fit: 9, jobs: 9 } } });
  assertProblem(assert, own, 422);
  assert.equal(own.body.errors[0].code, 'own_district');
  const range = await call(server, 'PUT', `${P}/proposals/${a.body.id}/scores`, { token: city, body: { scores: { fit: 12, jobs: 9 } } });
  assertProblem(assert, range, 422);
  assert.equal(range.body.errors[0].field, 'scores.fit');
  assert.equal((await call(server, 'GET', `${P}/proposals/${a.body.id}/reviews`, { token: city })).body.items.length, 0);
  assert.equal((await call(server, 'PUT', `${P}/proposals/${a.body.id}/scores`, { token: city, body: { scores: { fit: 9, jobs: 9 } } })).status, 200);
  assert.equal((await call(server, 'PUT', `${P}/proposals/${b.body.id}/scores`, { token: city, body: { scores: { fit: 8, jobs: 7 } } })).status, 200);
  assert.equal((await call(server, 'PUT', `${P}/proposals/${b.body.id}/scores`, { token: yeonsu, body: { scores: { fit: 8, jobs: 8 } } })).status, 200);
  assertProblem(assert, await call(server, 'POST', `${P}/calls/${callId}/publish`, { token: city }), 409);
  await new Promise((res) => setTimeout(res, Math.max(0, Date.parse(deadline) - Date.now() + 300)));
  const late = await draft(bupyeong, 1_000_000, '늦은 제안');
  assertProblem(assert, late, 409);
  assert.equal(late.body.reason, 'deadline_passed');
  assertProblem(assert, await call(server, 'GET', `${P}/calls/${callId}/results`), 409);
  const pub = await call(server, 'POST', `${P}/calls/${callId}/publish`, { token: city });
  assert.equal(pub.status, 200, pub.text);
  const selected = pub.body.ranking.filter((x) => x.verdict === 'selected');
  assert.equal(selected.length, 1);
  assert.ok(selected.reduce((s, x) => s + x.request_won, 0) <= 100_000_000);
  assert.equal(pub.body.ranking[1].verdict, 'over_envelope');
  assert.match(pub.body.ranking[1].reason_en, /exceeds/);
  const results = await call(server, 'GET', `${P}/calls/${callId}/results`);
  assert.equal(results.status, 200);
  assert.ok(results.body.rule_ko && results.body.rule_en);
  const projects = (await call(server, 'GET', `${P}/projects?year=${year}`)).body.items;
  assert.equal(projects.length, 1);
  assert.equal(projects[0].district_id, districts['incheon-yeonsu']);
});

test('a past programme year is entered after the fact, and its call and projects say so', async () => {
  const criteria = [{ key: 'fit', name_ko: '적합성', weight: 1, max_score: 10 }];
  const body = { year: 2018, title_ko: '2018 지난 공모', envelope_won: 50_000_000, city_share_pct: 50, deadline: '2018-03-31T18:00:00+09:00', criteria };
  const past = await call(server, 'POST', `${P}/calls`, { token: city, body });
  assertProblem(assert, past, 422);
  assert.equal(past.body.errors[0].field, 'deadline');
  const late = await call(server, 'POST', `${P}/calls`, { token: city, body: { ...body, entered_late: true } });
  assert.equal(late.status, 201, late.text);
  assert.equal(late.body.entered_late, true);
  const draft = await call(server, 'POST', `${P}/calls/${late.body.id}/proposals`, {
    token: yeonsu, body: { title: '2018 연수구 사업', summary: '요약', target_groups: ['seniors'], city_share_won: 10_000_000,
      district_share_won: 10_000_000, monthly_targets: [{ month: '2018-05', jobs: 2 }] },
  });
  assert.equal(draft.status, 201, draft.text);
});

test('participants: counted at once and once; bad dates, duplicates and registration numbers are refused', async () => {
  const projects = (await call(server, 'GET', `${P}/projects?year=2019&district_id=${districts['incheon-yeonsu']}`)).body.items;
  const project = projects[0];
  const kpi = async () => (await call(server, 'GET', `${P}/kpis?year=2019&as_of=2019-09-30`)).body.total;
  const before = await kpi();
  const enrol = (body, token = yeonsu) => call(server, 'POST', `${P}/projects/${project.id}/participants`, { token, body });
  const person = { display_name: '홍길순', phone: '010-2222-3333', role: 'employee', start_date: '2019-09-02' };
  assertProblem(assert, await enrol(person, bupyeong), 403);
  const backwards = await enrol({ ...person, end_date: '2019-09-01' });
  assertProblem(assert, backwards, 422);
  assert.equal(backwards.body.errors[0].field, 'end_date');
  const rrn = await enrol({ ...person, display_name: '홍길순 900101-2345678' });
  assertProblem(assert, rrn, 422);
  assert.equal(rrn.body.errors[0].code, 'resident_number');
  assert.equal(rrn.body.errors[0].field, 'display_name');
  assert.ok(!rrn.text.includes('900101'), 'the answer never echoes the number');
  const ok = await enrol(person);
  assert.equal(ok.status, 201, ok.text);
  assertProblem(assert, await enrol({ ...person, phone: '01022223333' }), 409);
  const after1 = await kpi();
  assert.equal(after1.jobs, before.jobs + 1);
  // Editing the record keeps one person.
  const edit = await call(server, 'PUT', `${P}/participants/${ok.body.id}`, { token: yeonsu, body: { role: 'employee', start_date: '2019-09-10' } });
  assert.equal(edit.status, 200, edit.text);
  assert.equal((await kpi()).jobs, before.jobs + 1);
  assert.equal((await call(server, 'GET', `${P}/kpis?year=2019&as_of=2019-08-31`)).body.total.jobs, 142);
  const list = await call(server, 'GET', `${P}/projects/${project.id}/participants`, { token: yeonsu });
  assert.equal(list.status, 200);
  assert.ok(list.body.items.some((p) => p.display_name === '홍길순'));
  // Linked to a Saeil centre seeker, she is that seeker: her key is the one Jobs puts on her hire. An unknown one is
  // refused and nothing is enrolled.
  const counsellor = await tokenFor(server, 'counsellor');
  const seeker = await call(server, 'POST', '/api/v1/jobs/seekers', { token: counsellor, body: { display_name: '연결 구직자', phone: '010-4444-5555', profile: {} } });
  assert.equal(seeker.status, 201, seeker.text);
  const unknown = await enrol({ display_name: '연결 구직자', role: 'employee', start_date: '2019-09-03', seeker_id: 99999999 });
  assertProblem(assert, unknown, 422);
  assert.equal(unknown.body.errors[0].field, 'seeker_id');
  const linked = await enrol({ display_name: '연결 구직자', role: 'employee', start_date: '2019-09-03', seeker_id: seeker.body.seeker_id });
  assert.equal(linked.status, 201, linked.text);
  assert.equal(linked.body.seeker_id, seeker.body.seeker_id);
  assert.equal((await kpi()).jobs, before.jobs + 2);
  // The read of personal data is in the access log.
  const log = await call(server, 'GET', '/api/v1/admin/access-log', { token: admin });
  assert.ok(JSON.stringify(log.body).includes('participants of project'));
});

test('KPI tables export as CSV (BOM, CP949) and XLSX', async () => {
  const csv = await fetch(`${server.url}${P}/kpis/export?year=2019&as_of=2019-08-31&table=projects&lang=ko`);
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get('content-type'), /text\/csv; charset=utf-8/);
  const bytes = Buffer.from(await csv.arrayBuffer());
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  const text = bytes.toString('utf8');
  assert.match(text, /"합계","142"/);
  const cp = await fetch(`${server.url}${P}/kpis/export?year=2019&as_of=2019-08-31&table=districts&encoding=cp949`);
  assert.match(cp.headers.get('content-type'), /cp949/);
  const cpBytes = Buffer.from(await cp.arrayBuffer());
  assert.notDeepEqual([...cpBytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  assert.ok(new TextDecoder('euc-kr').decode(cpBytes).includes('연수구'));
  const xlsx = await fetch(`${server.url}${P}/kpis/export?year=2019&as_of=2019-08-31&table=monthly&format=xlsx`);
  assert.equal(xlsx.status, 200);
  const x = Buffer.from(await xlsx.arrayBuffer());
  assert.equal(x.subarray(0, 2).toString(), 'PK');
  assertProblem(assert, await call(server, 'GET', `${P}/kpis/export?table=nope`), 422);
  assertProblem(assert, await call(server, 'GET', `${P}/kpis?as_of=2019-13-45`), 422);
  // Figures of what does not exist are a 404, not zeros.
  assertProblem(assert, await call(server, 'GET', `${P}/kpis?project_id=999999`), 404);
  assertProblem(assert, await call(server, 'GET', `${P}/kpis?district_id=999999`), 404);
  // Every row of the monthly table has the header's cells, the total too; target groups are named in the language.
  const monthly = (await (await fetch(`${server.url}${P}/kpis/export?year=2019&as_of=2019-12-31&table=monthly&lang=ko`)).text()).replace(/^\uFEFF/, '');
  const lines = monthly.trim().split(/\r?\n/);
  const cells = (l) => l.split(',').length;
  assert.ok(lines.every((l) => cells(l) === cells(lines[0])), monthly);
  assert.match(lines.at(-1), /^"합계"/);
  const groups = await (await fetch(`${server.url}${P}/kpis/export?year=2019&as_of=2019-12-31&table=groups&lang=ko`)).text();
  assert.ok(groups.includes('경력단절 여성') || groups.includes('어르신'), groups);
  assert.ok(!/career_break_women|seniors/.test(groups), groups);
  // Outputs of different kinds are never added together: one column per kind, named.
  const header = lines[0];
  assert.ok(!/"서비스 실적\(건\)"/.test(header), header);
  assert.match(header, /"실적: 운행\(건\)"/);
  assert.match(header, /"실적: 방문 코칭\(건\)"/);
  // No jobs, no cost per job: null, not 0.
  const none = await call(server, 'GET', `${P}/kpis?year=2019&as_of=2019-01-01`);
  assert.equal(none.status, 200, none.text);
  if (none.body.total.jobs === 0) assert.equal(none.body.total.cost_per_job_won, null);
});

test("another city's officer acts on nothing of Incheon's programmes, and every refusal changes nothing", async () => {
  const jinju = await login(server, 'city_officer.jinju@demo.dongne.kr');
  const year = 2050 + Math.floor(Math.random() * 49);
  const deadline = new Date(Date.now() + 3_600_000).toISOString();
  const criteria = [{ key: 'fit', name_ko: '적합성', weight: 1, max_score: 10 }];
  const incheon = (await call(server, 'GET', '/api/v1/organisations?kind=city')).body.items.find((o) => o.code === 'incheon').id;
  // No call in Incheon's name.
  const inIncheon = await call(server, 'POST', `${P}/calls`, {
    token: jinju, body: { year, title_ko: '남의 시 공모', envelope_won: 1_000_000, city_share_pct: 50, deadline, criteria, city_id: incheon },
  });
  assertProblem(assert, inIncheon, 403);
  const c = await call(server, 'POST', `${P}/calls`, {
    token: city, body: { year, title_ko: `${year} 공모`, envelope_won: 100_000_000, city_share_pct: 50, deadline, criteria },
  });
  assert.equal(c.status, 201, c.text);
  const draft = await call(server, 'POST', `${P}/calls/${c.body.id}/proposals`, {
    token: yeonsu, body: { title: '연수구 초안', summary: '요약', target_groups: ['seniors'], city_share_won: 1_000_000,
      district_share_won: 1_000_000, monthly_targets: [{ month: `${year}-05`, jobs: 1 }] },
  });
  assert.equal(draft.status, 201, draft.text);
  const pid = draft.body.id;
  // A draft is the district's own: not its city's, not another city's.
  assertProblem(assert, await call(server, 'GET', `${P}/proposals/${pid}`, { token: city }), 403);
  assertProblem(assert, await call(server, 'GET', `${P}/proposals/${pid}`, { token: jinju }), 403);
  assert.equal((await call(server, 'POST', `${P}/proposals/${pid}/submit`, { token: yeonsu })).status, 200);
  const me = (await call(server, 'GET', '/api/v1/me', { token: jinju })).body;
  for (const [method, path, body] of [
    ['GET', `${P}/proposals/${pid}`],
    ['POST', `${P}/proposals/${pid}/return`, { note: '보완' }],
    ['POST', `${P}/calls/${c.body.id}/reviewers`, { user_id: me.id }],
    ['GET', `${P}/calls/${c.body.id}/selection`],
    ['POST', `${P}/calls/${c.body.id}/publish`],
    ['GET', `${P}/calls/${c.body.id}/proposals`],
  ]) {
    assertProblem(assert, await call(server, method, path, { token: jinju, body }), 403);
  }
  assert.equal((await call(server, 'GET', `${P}/proposals/${pid}`, { token: city })).body.status, 'submitted', 'not returned');
  assert.equal((await call(server, 'GET', `${P}/calls/${c.body.id}/reviewers`, { token: city })).body.items.length, 0);
  // Participants, outputs, links and reports of an Incheon project.
  const project = (await call(server, 'GET', `${P}/projects?year=2019&district_id=${districts['incheon-bupyeong']}`)).body.items[0];
  const people = await call(server, 'GET', `${P}/projects/${project.id}/participants`, { token: bupyeong });
  assert.equal(people.status, 200, people.text);
  const someone = people.body.items[0];
  const kpis = async () => (await call(server, 'GET', `${P}/kpis?year=2019&as_of=2019-12-31`)).body.total;
  const before = await kpis();
  for (const [method, path, body] of [
    ['GET', `${P}/projects/${project.id}/participants`],
    ['DELETE', `${P}/participants/${someone.id}`],
    ['POST', `${P}/projects/${project.id}/participants`, { display_name: '남의 시', role: 'employee', start_date: '2019-09-02' }],
    ['POST', `${P}/projects/${project.id}/outputs`, { day: '2019-09-02', kind: 'visit', count: 100 }],
    ['POST', `${P}/projects/${project.id}/links`, { event_type: 'booking.confirmed', match_key: 'resource_id', match_value: '1', fact: 'output', output_kind: 'x' }],
  ]) {
    const r = await call(server, method, path, { token: jinju, body });
    assertProblem(assert, r, 403);
  }
  assert.deepEqual(await kpis(), before, 'the KPIs did not move');
  assert.equal((await call(server, 'GET', `${P}/projects/${project.id}/participants`, { token: bupyeong })).body.items.length, people.body.items.length);
  const reports = await call(server, 'GET', `${P}/reports?year=2019`, { token: jinju });
  assert.equal(reports.status, 200, reports.text);
  assert.equal(reports.body.items.length, 0, 'another city sees none of its reports');
});
