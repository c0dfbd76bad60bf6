// The trust boundary, generated from the route table (issue 25): every route that admits a scoped staff role
// declares whose record it acts on (x-scope). For every such route and every scoped role it admits:
//  - another scope of the same kind (a fresh organisation with its own officer, counsellor, manager...) is refused
//    (403 or 404) on a record of this scope, and afterwards nothing has changed: no event was appended, the record
//    reads back the same, and a refused read of personal data is in the access log;
//  - the record's own staff (granted the organisation that owns it, found in the store through the schema,
//    independently of the server's owner queries) are not refused for scope (reason out_of_scope);
//  - routes that work inside the caller's own scope show the fresh organisation's staff nothing and change nothing.
// The test fails when a route that admits a scoped role declares no scope.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { Server, call, tokenFor, DEMO_PASSWORD } from './harness.mjs';

const SCOPED = ['counsellor', 'employer', 'facility_manager', 'operator', 'driver', 'district_officer', 'city_officer'];
const server = new Server();
let doc;
let admin;
const other = {};  // role -> { token, user_id } (a fresh organisation of the same kind, with nothing in it)

// A read-only query on the server's store: rows of text columns.
function sql(q) {
  const out = server.db.startsWith('sqlite:')
    ? execFileSync('sqlite3', ['-readonly', '-separator', '\t', server.db.slice('sqlite:'.length), q], { encoding: 'utf8' })
    : execFileSync('psql', [server.db, '-At', '-F', '\t', '-c', q], { encoding: 'utf8' });
  return out.split('\n').filter(Boolean).map((l) => l.split('\t'));
}
const eventHead = () => Number(sql('SELECT COALESCE(MAX(id), 0) FROM events')[0][0]);
const refusalsOf = (user) => Number(sql(`SELECT COUNT(*) FROM pii_access_log WHERE actor_user_id = ${user} AND allowed = 0`)[0][0]);

// Records of each kind, with the organisations that own them: the schema's own answer, written here independently.
const RECORDS = {
  'jobs.seeker': ['jobs_seekers x', 'x.id', ['x.centre_id']],
  'jobs.case': ['jobs_cases x', 'x.id', ['x.centre_id']],
  'jobs.course': ['jobs_courses x', 'x.id', ['x.centre_id']],
  'jobs.cohort': ['jobs_cohorts x JOIN jobs_courses k ON k.id = x.course_id', 'x.id', ['k.centre_id']],
  'jobs.enrolment': ['jobs_enrolments x JOIN jobs_cohorts h ON h.id = x.cohort_id JOIN jobs_courses k ON k.id = h.course_id', 'x.id', ['k.centre_id']],
  'jobs.group_session': ['jobs_group_sessions x', 'x.id', ['x.centre_id']],
  'jobs.internship': ['jobs_internships x JOIN jobs_cases c ON c.id = x.case_id', 'x.id', ['c.centre_id']],
  'jobs.payment': ['jobs_payments x JOIN jobs_internships i ON i.id = x.internship_id JOIN jobs_cases c ON c.id = i.case_id', 'x.id', ['c.centre_id']],
  'jobs.referral': ['jobs_referrals x JOIN jobs_cases c ON c.id = x.case_id JOIN jobs_vacancies v ON v.id = x.vacancy_id', 'x.id', ['c.centre_id', 'v.employer_id']],
  'jobs.followup': ['jobs_followups x JOIN jobs_hires h ON h.id = x.hire_id JOIN jobs_cases c ON c.id = h.case_id', 'x.id', ['c.centre_id', 'h.employer_id']],
  'jobs.vacancy': ['jobs_vacancies x JOIN organisations e ON e.id = x.employer_id', 'x.id', ['x.employer_id',
    "(SELECT MIN(c.id) FROM organisations c JOIN organisations cp ON cp.id = c.parent_id JOIN organisations ep ON ep.id = e.parent_id "
    + "WHERE c.kind = 'centre' AND CASE WHEN cp.kind = 'city' THEN cp.id ELSE cp.parent_id END = CASE WHEN ep.kind = 'city' THEN ep.id ELSE ep.parent_id END)"]],
  'jobs.centre': ['organisations x', 'x.id', ['x.id'], "x.kind = 'centre'"],
  'jobs.term': ['jobs_centre_terms x', 'x.id', ['x.centre_id']],
  'jobs.startup': ['jobs_startup_teams x', 'x.id', ['x.centre_id']],
  'jobs.subsidy': ['jobs_subsidies x JOIN jobs_startup_teams t ON t.id = x.team_id', 'x.id', ['t.centre_id']],
  'booking.facility': ["organisations x", 'x.id', ['x.id'], "x.kind = 'facility'"],
  'booking.resource': ['booking_resources x', 'x.id', ['x.facility_id']],
  'booking.booking': ['bookings x JOIN booking_resources r ON r.id = x.resource_id', 'x.id', ['r.facility_id']],
  'booking.household': ['bookings x JOIN booking_resources r ON r.id = x.resource_id', 'x.household_id', ['r.facility_id']],
  'dispatch.area': ['dispatch_areas x', 'x.id', ['x.operator_id']],
  'dispatch.ride': ['dispatch_rides x JOIN dispatch_areas a ON a.id = x.area_id', 'x.id', ['a.operator_id']],
  'dispatch.series': ['dispatch_series x JOIN dispatch_areas a ON a.id = x.area_id', 'x.id', ['a.operator_id']],
  'dispatch.vehicle': ['dispatch_vehicles x JOIN dispatch_areas a ON a.id = x.area_id', 'x.id', ['a.operator_id']],
  'visits.service': ['visit_services x', 'x.id', ['x.operator_id']],
  'visits.worker': ['visit_workers x JOIN visit_services s ON s.id = x.service_id', 'x.id', ['s.operator_id']],
  'visits.request': ['visit_requests x JOIN visit_services s ON s.id = x.service_id', 'x.id', ['s.operator_id']],
  'visits.visit': ['visit_visits x JOIN visit_services s ON s.id = x.service_id', 'x.id', ['s.operator_id']],
  // A call is its city's, and the city's districts propose to it.
  'programmes.call': ['programme_calls x', 'x.id', ['x.city_id', "(SELECT MIN(o.id) FROM organisations o WHERE o.parent_id = x.city_id AND o.kind = 'district')"]],
  'programmes.proposal': ['programme_proposals x', 'x.id', ['x.district_id']],
  'programmes.attachment': ['programme_attachments x JOIN programme_proposals p ON p.id = x.proposal_id', 'x.id', ['p.district_id']],
  'programmes.project': ['programme_projects x', 'x.id', ['x.district_id']],
  'programmes.participant': ['programme_participants x JOIN programme_projects j ON j.id = x.project_id', 'x.id', ['j.district_id']],
  'programmes.report': ['programme_reports x JOIN programme_projects j ON j.id = x.project_id', 'x.id', ['j.district_id']],
};

// A record of `kind` owned inside `orgs` (or any, when orgs is null): its id, or undefined.
function recordOf(kind, orgs) {
  const [from, id, owners, where] = RECORDS[kind];
  const conds = [];
  if (where) conds.push(where);
  if (orgs) conds.push(`(${owners.map((o) => `${o} IN (${[...orgs].join(',')})`).join(' OR ')})`);
  const rows = sql(`SELECT ${id} FROM ${from}${conds.length ? ` WHERE ${conds.join(' AND ')}` : ''} ORDER BY ${id} LIMIT 1`);
  return rows.length ? Number(rows[0][0]) : undefined;
}

// The organisations that own record `id` of `kind`, by the schema.
function ownersOf(kind, id) {
  const [from, idCol, owners] = RECORDS[kind];
  const row = sql(`SELECT ${owners.join(', ')} FROM ${from} WHERE ${idCol} = ${id} LIMIT 1`)[0] || [];
  return row.filter(Boolean).map(Number);
}

// The kinds of organisation each scoped role is granted (core/roles.cpp scope_kinds_for).
const GRANTED = { counsellor: ['centre'], employer: ['employer'], facility_manager: ['facility', 'city'], operator: ['operator'],
  driver: ['operator'], district_officer: ['district'], city_officer: ['city'] };

// A staff member of `role` granted organisation `org` (made once, through the admin API).
const staff = {};
async function staffFor(role, org) {
  const key = `${role}:${org}`;
  if (staff[key]) return staff[key];
  const kind = sql(`SELECT kind FROM organisations WHERE id = ${org}`)[0][0];
  const email = `scope-${role}-${org}@example.org`;
  const password = 'scope-test-password-1';
  const u = await call(server, 'POST', '/api/v1/admin/users', {
    token: admin, body: { name: `범위 시험 ${role}`, email, password, roles: [{ role, scope_kind: kind, scope_id: org }] },
  });
  assert.equal(u.status, 201, u.text);
  staff[key] = { token: await login(email, password), user_id: u.body.user.id, label: key };
  return staff[key];
}

// The staff of `role` whose scope covers record `id` of `kind`: granted an owner, or the nearest organisation above
// an owner, of a kind the role takes (a city officer covers her districts); undefined when there is none.
async function ownStaff(role, kind, id) {
  for (let org of ownersOf(kind, id)) {
    while (org) {
      const [k, parent] = sql(`SELECT kind, parent_id FROM organisations WHERE id = ${org}`)[0] || [];
      if (GRANTED[role].includes(k)) return staffFor(role, org);
      org = Number(parent) || 0;
    }
  }
  return undefined;
}

async function login(email, password = DEMO_PASSWORD) {
  const r = await call(server, 'POST', '/api/v1/auth/login', { body: { login: email, password, token: true } });
  assert.equal(r.status, 200, `login ${email}: ${r.text}`);
  return r.body.token;
}

// Records that the demo city starts without are made as their users would make them: a parent's booking, a
// rider's ride and weekday series, a counsellor's referral, a district's draft proposal with an attachment.
async function makeMissingRecords() {
  const resident = await login('resident@demo.dongne.kr');
  const studio = (await call(server, 'GET', '/api/v1/booking/resources')).body.items.find((r) => r.code === 'seongbuk-photo-studio');
  const booked = await call(server, 'POST', '/api/v1/booking/bookings', {
    token: resident, body: { resource_id: studio.id, start: '2026-12-03T10:00:00+09:00', end: '2026-12-03T11:00:00+09:00' },
  });
  assert.equal(booked.status, 201, booked.text);
  const area = (await call(server, 'GET', '/api/v1/dispatch/areas')).body.items.find((x) => x.code === 'geomdan');
  const stop = Object.fromEntries(area.stops.map((x) => [x.code, x.id]));
  const ride = await call(server, 'POST', '/api/v1/dispatch/rides', {
    token: resident,
    body: { area_id: area.id, pickup_stop_id: stop['GD-ORYU'], dropoff_stop_id: stop['GD-NORTH'], pickup_after: '2026-12-02T07:40:00+09:00' },
  });
  assert.equal(ride.status, 201, ride.text);
  const series = await call(server, 'POST', '/api/v1/dispatch/series', {
    token: resident,
    body: { area_id: area.id, pickup_stop_id: stop['GD-WANGGIL'], dropoff_stop_id: stop['GD-SUPPORT'], time: '18:10', days: ['mon', 'wed'] },
  });
  assert.equal(series.status, 201, series.text);
  const [caseId, centre] = sql("SELECT id, centre_id FROM jobs_cases WHERE state = 'job_search' ORDER BY id LIMIT 1")[0].map(Number);
  const vacancy = Number(sql("SELECT id FROM jobs_vacancies WHERE status = 'open' ORDER BY id LIMIT 1")[0][0]);
  const counsellor = await staffFor('counsellor', centre);
  const ref = await call(server, 'POST', '/api/v1/jobs/referrals', { token: counsellor.token, body: { vacancy_id: vacancy, case_id: caseId } });
  assert.equal(ref.status, 201, ref.text);
  const [call0, city] = sql("SELECT id, city_id FROM programme_calls ORDER BY id LIMIT 1")[0].map(Number);
  const district = Number(sql(`SELECT id FROM organisations WHERE parent_id = ${city} AND kind = 'district' ORDER BY id LIMIT 1`)[0][0]);
  const officer = await staffFor('district_officer', district);
  const year = sql(`SELECT year FROM programme_calls WHERE id = ${call0}`)[0][0];
  let proposal = await call(server, 'POST', `/api/v1/programmes/calls/${call0}/proposals`, {
    token: officer.token, body: { title: '범위 시험 초안', summary: '요약', target_groups: ['seniors'], city_share_won: 1_000_000,
      district_share_won: 1_000_000, monthly_targets: [{ month: `${year}-05`, jobs: 1 }] },
  });
  if (proposal.status !== 201) {
    // The demo's calls are closed: a new one, by its city.
    const cityOfficer = await staffFor('city_officer', city);
    const y = 2050 + Math.floor(Math.random() * 49);
    const c = await call(server, 'POST', '/api/v1/programmes/calls', {
      token: cityOfficer.token, body: { year: y, title_ko: `${y} 범위 시험 공모`, envelope_won: 100_000_000, city_share_pct: 50,
        deadline: new Date(Date.now() + 3_600_000).toISOString(), criteria: [{ key: 'fit', name_ko: '적합성', weight: 1, max_score: 10 }] },
    });
    assert.equal(c.status, 201, c.text);
    proposal = await call(server, 'POST', `/api/v1/programmes/calls/${c.body.id}/proposals`, {
      token: officer.token, body: { title: '범위 시험 초안', summary: '요약', target_groups: ['seniors'], city_share_won: 1_000_000,
        district_share_won: 1_000_000, monthly_targets: [{ month: `${y}-05`, jobs: 1 }] },
    });
  }
  assert.equal(proposal.status, 201, proposal.text);
  const file = await call(server, 'POST', `/api/v1/programmes/proposals/${proposal.body.id}/attachments`, {
    token: officer.token, body: { name: 'plan.png', media_type: 'image/png', content_base64: 'iVBORw0KGgo=' },
  });
  assert.equal(file.status, 201, file.text);
}

before(async () => {
  await server.start({ DONGNE_BOOKING_CLOCK_AT: '2026-12-01T10:50:00+09:00', DONGNE_DISPATCH_CLOCK_AT: '2026-12-02T07:00:00+09:00' });
  admin = await tokenFor(server, 'admin');
  doc = (await call(server, 'GET', '/api/openapi.json')).body;
  await makeMissingRecords();
  // Another scope of the same kind for each role: a fresh organisation under a new city, and its staff.
  const city = await call(server, 'POST', '/api/v1/admin/organisations', {
    token: admin, body: { kind: 'city', code: 'scope-test-city', name_ko: '범위시', name_en: 'Scope City' },
  });
  assert.equal(city.status, 201, city.text);
  const fresh = {};
  for (const role of SCOPED) {
    const kind = GRANTED[role][0];
    if (kind === 'city') { fresh[role] = city.body.id; continue; }
    const org = await call(server, 'POST', '/api/v1/admin/organisations', {
      token: admin,
      body: { kind, code: `scope-test-${role.replace('_', '-')}`, name_ko: `범위 시험 ${role}`, name_en: `Scope test ${role}`, parent_id: city.body.id },
    });
    assert.equal(org.status, 201, org.text);
    fresh[role] = org.body.id;
  }
  for (const role of SCOPED) other[role] = await staffFor(role, fresh[role]);
});
after(() => server.stop());

function operations() {
  const out = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const roles = (op['x-roles'] || []).filter((r) => SCOPED.includes(r));
      if (roles.length) out.push({ path, method: method.toUpperCase(), op, roles });
    }
  }
  return out;
}

// The admin's view of the record a route acts on, where a GET of it exists (path up to the id), else null.
async function snapshot(path, param, id) {
  const prefix = path.slice(0, path.indexOf(`{${param}}`) + param.length + 2);
  if (!doc.paths[prefix]?.get) return null;
  const r = await call(server, 'GET', prefix.replace(`{${param}}`, id) + '?reason=scope%20test', { token: admin });
  return r.status === 200 ? r.text : null;
}

test('every route that admits a scoped role declares whose record it acts on', () => {
  const undeclared = operations().filter(({ op }) => !op['x-scope']).map(({ method, path }) => `${method} ${path}`);
  assert.deepEqual(undeclared, []);
});

test("another scope's staff are refused on this scope's records, and nothing changes", async () => {
  const unexercised = [];
  let refused = 0;
  for (const { path, method, op, roles } of operations()) {
    const scope = op['x-scope'];
    if (!scope?.record) continue;
    for (const role of roles) {
      const id = recordOf(scope.record, null);
      if (id === undefined) { unexercised.push(`${method} ${path} (${role}): no ${scope.record} in the demo city`); continue; }
      const url = path.replace(`{${scope.param}}`, id).replace(/\{[^}]+\}/g, '1');
      const q = other[role];
      const before = { head: eventHead(), view: await snapshot(path, scope.param, id), refusals: refusalsOf(q.user_id) };
      const r = await call(server, method, url, { token: q.token, body: ['POST', 'PUT', 'PATCH'].includes(method) ? {} : undefined });
      const label = `${method} ${url} as another ${role} -> ${r.status} ${r.text.slice(0, 160)}`;
      assert.ok(r.status === 403 || r.status === 404, label);
      assert.equal(eventHead(), before.head, `no event: ${label}`);
      assert.equal(await snapshot(path, scope.param, id), before.view, `reads back the same: ${label}`);
      if (op['x-personal-data'] && r.status === 403) assert.equal(refusalsOf(q.user_id), before.refusals + 1, `refusal logged: ${label}`);
      refused++;
    }
  }
  assert.ok(refused > 0, `${refused} refusals checked`);
  assert.deepEqual(unexercised, []);
});

test("this scope's staff are not refused for scope on their own records", async () => {
  const unexercised = [];
  let admitted = 0;
  // Reads first, then writes (which may change what later routes find), each route once per role.
  const ops = operations().filter(({ op }) => op['x-scope']?.record).sort((a, b) => (a.method === 'GET' ? 0 : 1) - (b.method === 'GET' ? 0 : 1));
  for (const { path, method, op, roles } of ops) {
    const scope = op['x-scope'];
    let exercised = false;
    const id = recordOf(scope.record, null);
    for (const role of roles) {
      const p = id === undefined ? undefined : await ownStaff(role, scope.record, id);
      if (!p) continue;
      const url = path.replace(`{${scope.param}}`, id).replace(/\{[^}]+\}/g, '1');
      const r = await call(server, method, url + (method === 'GET' ? '?reason=scope%20test' : ''),
        { token: p.token, body: ['POST', 'PUT', 'PATCH'].includes(method) ? {} : undefined });
      const label = `${method} ${url} as ${p.label} -> ${r.status} ${r.text.slice(0, 160)}`;
      assert.ok(r.status < 500, label);
      assert.notEqual(r.body?.reason, 'out_of_scope', label);
      exercised = true;
      admitted++;
    }
    if (!exercised) unexercised.push(`${method} ${path}`);
  }
  assert.ok(admitted > 40, `${admitted} own-scope calls`);
  assert.deepEqual(unexercised, []);
});

test("routes inside the caller's own scope show a fresh organisation's staff nothing and change nothing", async () => {
  let checked = 0;
  for (const { path, method, op, roles } of operations()) {
    if (!op['x-scope']?.caller) continue;
    for (const role of roles) {
      const url = path.replace(/\{[^}]+\}/g, String(recordOf('jobs.case', null) ?? 1));
      const head = eventHead();
      const r = await call(server, method, url, { token: other[role].token, body: method === 'GET' ? undefined : {} });
      const label = `${method} ${url} as another ${role} -> ${r.status} ${r.text.slice(0, 160)}`;
      assert.ok(r.status < 500, label);
      assert.equal(eventHead(), head, `no event: ${label}`);
      if (r.status === 200 && Array.isArray(r.body?.items)) assert.deepEqual(r.body.items, [], label);
      checked++;
    }
  }
  assert.ok(checked > 30, `${checked} calls`);
});
