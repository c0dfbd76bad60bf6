// Every route in the route table (read from /api/openapi.json, which is generated from it), called as every role
// and anonymously: a caller the route does not admit gets 401 (anonymous) or 403 (wrong role); a caller it admits
// never does; nobody ever gets a 500.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Server, call, tokenFor, ROLES, assertProblem } from './harness.mjs';

const server = new Server();
const tokens = {};
let doc;

before(async () => {
  await server.start();
  for (const role of ROLES) tokens[role] = await tokenFor(server, role);
  doc = (await call(server, 'GET', '/api/openapi.json')).body;
});
after(() => server.stop());

function operations() {
  const out = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) out.push({ path, method: method.toUpperCase(), op });
  }
  // Session-ending routes last, so they do not log the others out.
  return out.sort((a, b) => (a.path.includes('logout') ? 1 : 0) - (b.path.includes('logout') ? 1 : 0));
}

test('every route declares who may call it', () => {
  for (const { path, method, op } of operations()) {
    assert.ok(Array.isArray(op['x-roles']) && op['x-roles'].length > 0, `${method} ${path} declares x-roles`);
  }
});

test('every route answers every role as declared', async () => {
  let checked = 0;
  for (const { path, method, op } of operations()) {
    const declared = op['x-roles'];
    const concrete = path.replace(/\{[^}]+\}/g, '999999');
    const hasBody = ['POST', 'PUT', 'PATCH'].includes(method);
    for (const who of ['anonymous', ...ROLES]) {
      // Each role calls with a fresh token when the route ends the session.
      const token = who === 'anonymous' ? undefined
        : (path.includes('logout') ? await tokenFor(server, who) : tokens[who]);
      const r = await call(server, method, concrete, { token, body: hasBody ? {} : undefined });
      const admitted = declared.includes('public') || (who !== 'anonymous' && (declared.includes('signed_in') || declared.includes(who)));
      const label = `${method} ${path} as ${who} -> ${r.status} ${r.text.slice(0, 200)}`;
      assert.ok(r.status < 500, label);
      if (admitted) {
        assert.ok(r.status !== 401 && r.status !== 403, `admitted: ${label}`);
      } else {
        assert.equal(r.status, who === 'anonymous' ? 401 : 403, `refused: ${label}`);
        assert.match(r.headers.get('content-type'), /problem\+json/);
      }
      checked++;
    }
  }
  assert.ok(checked >= 10 * 20, `checked ${checked} route x role pairs`);
});

// Every string a schema names: its path in a body ("a.b", "items[0].c").
function stringPaths(schema, prefix = '') {
  if (!schema || typeof schema !== 'object') return [];
  const types = [].concat(schema.type || []);
  if (types.includes('string')) return [prefix];
  if (schema.properties) {
    return Object.entries(schema.properties).flatMap(([k, s]) => stringPaths(s, prefix ? `${prefix}.${k}` : k));
  }
  if (schema.items) return stringPaths(schema.items, `${prefix}[0]`);
  return [];
}

function bodyWith(path, value) {
  const body = {};
  let node = body;
  const steps = path.split('.').flatMap((s) => s.split(/(?=\[0\])/));
  steps.forEach((step, i) => {
    const last = i === steps.length - 1;
    const next = last ? value : (steps[i + 1] === '[0]' ? [] : {});
    if (step === '[0]') node.push(next); else node[step] = next;
    node = next;
  });
  return body;
}

const RRNS = ['850315-2000005', '８５０３１５－２０００００２', '850315 – 2000005', '8503152000005', '메모: 850315−2000005'];

test('every string field and query parameter of every operation refuses a resident registration number', async () => {
  let checked = 0;
  const failures = [];
  for (const { path, method, op } of operations()) {
    if (path.includes('logout')) continue;
    const declared = op['x-roles'];
    const who = declared.includes('public') ? undefined : (declared.includes('signed_in') ? 'resident' : declared[0]);
    const token = who ? tokens[who] : undefined;
    const concrete = path.replace(/\{[^}]+\}/g, '1');
    const schema = op.requestBody?.content?.['application/json']?.schema;
    // Passwords are only hashed, never stored or shown: they are not checked (fields.h).
    const cases = stringPaths(schema).filter((p) => !p.includes('password'))
      .map((p) => ({ field: p, body: bodyWith(p, RRNS[checked % RRNS.length]) }));
    for (const q of (op.parameters || []).filter((p) => p.in === 'query')) {
      cases.push({ field: `query.${q.name}`, query: `?${q.name}=${encodeURIComponent(RRNS[checked % RRNS.length])}` });
    }
    for (const c of cases) {
      const r = await call(server, method, concrete + (c.query || ''), { token, body: c.body });
      const label = `${method} ${path} ${c.field} as ${who ?? 'anonymous'} -> ${r.status} ${r.text.slice(0, 200)}`;
      const refused = r.status === 422 && r.body.errors.some((e) => e.field === c.field && e.code === 'resident_number');
      if (!refused) failures.push(label);
      if (/850315|８５０３１５/.test(r.text)) failures.push(`echoes the number: ${label}`);
      checked++;
    }
  }
  assert.deepEqual(failures, []);
  assert.ok(checked >= 200, `checked ${checked} fields`);
  console.log(`resident numbers refused in ${checked} fields`);
});

test('every read of personal data is in the access log, refusals by the role check included; a resident sees who read hers', async () => {
  const me = async (role) => (await call(server, 'GET', '/api/v1/me', { token: tokens[role] })).body;
  const [resident, employer, admin] = [await me('resident'), await me('employer'), await me('admin')];
  // Refused by the role check, before any handler: an employer and a resident asking for counselling notes.
  for (const role of ['employer', 'resident']) {
    const r = await call(server, 'GET', '/api/v1/jobs/cases/1/notes?reason=curious', { token: tokens[role] });
    assert.equal(r.status, 403, r.text);
  }
  // Allowed: the admin reads the resident's account, with a reason.
  const read = await call(server, 'GET', `/api/v1/admin/users/${resident.id}?reason=${encodeURIComponent('민원 확인')}`, { token: tokens.admin });
  assert.equal(read.status, 200, read.text);
  const log = async (query) => {
    const r = await call(server, 'GET', `/api/v1/admin/access-log${query}`, { token: tokens.admin });
    assert.equal(r.status, 200, r.text);
    return r.body.items;
  };
  const refused = await log(`?reader_user_id=${employer.id}&kind=case_notes`);
  assert.ok(refused.length >= 1);
  assert.deepEqual([refused[0].allowed, refused[0].record_id, refused[0].reason, refused[0].route],
    [false, '1', 'curious', 'GET /api/v1/jobs/cases/{id}/notes']);
  assert.ok((await log(`?reader_user_id=${resident.id}`)).some((e) => e.kind === 'case_notes' && !e.allowed));
  const today = new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 10);  // Seoul's date
  const aboutHer = await log(`?subject_user_id=${resident.id}&from=${today}&to=${today}`);
  assert.ok(aboutHer.some((e) => e.kind === 'account' && e.allowed && e.actor_user_id === admin.id && e.reason === '민원 확인'));
  assert.equal((await log(`?subject_user_id=${resident.id}&to=2000-01-01`)).length, 0, 'date range');
  assertProblem(assert, await call(server, 'GET', '/api/v1/admin/access-log?kind=castle', { token: tokens.admin }), 422);
  assertProblem(assert, await call(server, 'GET', '/api/v1/admin/access-log?from=yesterday', { token: tokens.admin }), 422);
  const csv = await call(server, 'GET', `/api/v1/admin/access-log?format=csv&reader_user_id=${employer.id}`, { token: tokens.admin });
  assert.match(csv.headers.get('content-type'), /text\/csv/);
  const lines = csv.text.replace(/^\uFEFF/, '').trim().split('\r\n');
  assert.equal(lines[0].replaceAll('"', ''), 'id,at,reader_user_id,reader,subject_user_id,kind,record_id,route,reason,allowed');
  assert.ok(lines.length >= 2 && lines.slice(1).every((l) => l.split(',')[2] === `"${employer.id}"`), csv.text);
  // The resident's own view: who read her records, the reader's name masked and id withheld.
  const mine = await call(server, 'GET', '/api/v1/me/access-log', { token: tokens.resident });
  assert.equal(mine.status, 200, mine.text);
  const entry = mine.body.items.find((e) => e.reason === '민원 확인');
  assert.ok(entry, mine.text);
  assert.equal(entry.actor_user_id, null);
  assert.match(entry.actor, /\*/);
  // Nobody else's reads: the employer's own view does not show the resident's.
  const theirs = await call(server, 'GET', '/api/v1/me/access-log', { token: tokens.employer });
  assert.ok(!theirs.body.items.some((e) => e.reason === '민원 확인'));
});

test('the OpenAPI document passes redocly lint with no errors and no warnings (tests/api/redocly.yaml lists what is off)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'dongne-openapi-'));
  const file = join(dir, 'openapi.json');
  writeFileSync(file, JSON.stringify(doc));
  const root = new URL('../..', import.meta.url).pathname;
  const out = spawnSync(join(root, 'web/node_modules/.bin/redocly'),
    ['lint', file, '--format=json', '--config', join(root, 'tests/api/redocly.yaml')],
    { encoding: 'utf8', cwd: dir, env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' } });
  rmSync(dir, { recursive: true, force: true });
  const report = JSON.parse(out.stdout.slice(out.stdout.indexOf('{')));
  const problems = report.problems.map((p) => `${p.severity} ${p.ruleId}: ${p.message} (${p.location?.[0]?.pointer})`);
  assert.equal(report.totals.errors, 0, problems.join('\n'));
  assert.equal(report.totals.warnings, 0, problems.join('\n'));
  const ids = operations().map(({ op }) => op.operationId);
  assert.equal(new Set(ids).size, ids.length, 'operationIds are unique');
  assert.ok(ids.every((id) => /^[A-Za-z0-9]+$/.test(id)), 'operationIds are URL-safe');
});
