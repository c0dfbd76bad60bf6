// Accounts and access against a running server: registration, sign-in by cookie and bearer token, throttling,
// logout and expiry, staff accounts and grants by an admin, the audit log and the personal-data access log.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server, call, tokenFor, assertProblem } from './harness.mjs';

const server = new Server();
before(() => server.start({
  DONGNE_TRUSTED_PROXIES: '127.0.0.1', DONGNE_RETENTION_DAYS: 'auth.signin_throttle=0,notify.read_notifications=never',
}));
after(() => server.stop());

const password = 'correct-horse-battery';

test('a resident registers, signs in with a cookie, reads and edits their account, and signs out', async () => {
  const reg = await call(server, 'POST', '/api/v1/auth/register',
    { body: { name: '홍길동', email: 'Hong@Example.kr', password, district_code: 'incheon-yeonsu' } });
  assert.equal(reg.status, 201, reg.text);
  assert.equal(reg.body.user.email, 'hong@example.kr');
  assert.deepEqual(reg.body.user.roles.map((g) => g.role), ['resident']);
  assert.equal(reg.body.user.password_hash, undefined);

  const login = await call(server, 'POST', '/api/v1/auth/login', { body: { login: 'hong@example.kr', password } });
  assert.equal(login.status, 200, login.text);
  const setCookie = login.headers.get('set-cookie');
  assert.match(setCookie, /dongne_session=[^;]+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=\d+; Secure/);
  const cookie = setCookie.split(';')[0];

  const me = await call(server, 'GET', '/api/v1/me', { cookie });
  assert.equal(me.status, 200);
  assert.equal(me.body.name, '홍길동');

  const patch = await call(server, 'PATCH', '/api/v1/me', { cookie, body: { locale: 'en' } });
  assert.equal(patch.status, 200, patch.text);
  assert.equal(patch.body.locale, 'en');

  // A cookie-authenticated write from another site is refused (CSRF).
  const cross = await call(server, 'PATCH', '/api/v1/me', { cookie, body: { locale: 'ko' }, headers: { origin: 'https://evil.example' } });
  assertProblem(assert, cross, 403);

  const out = await call(server, 'POST', '/api/v1/auth/logout', { cookie });
  assert.equal(out.status, 204);
  const after = await call(server, 'GET', '/api/v1/me', { cookie });
  assertProblem(assert, after, 401);
  assert.equal(after.body.reason, 'session_expired');
});

test('registration refuses duplicates, weak passwords and resident registration numbers', async () => {
  const first = await call(server, 'POST', '/api/v1/auth/register', { body: { name: 'A', phone: '010-2222-3333', password } });
  assert.equal(first.status, 201, first.text);
  const dup = await call(server, 'POST', '/api/v1/auth/register', { body: { name: 'B', phone: '01022223333', password } });
  assertProblem(assert, dup, 409);
  assert.equal(dup.body.errors[0].field, 'phone');

  const weak = await call(server, 'POST', '/api/v1/auth/register', { body: { name: 'C', email: 'c@example.kr', password: 'short' } });
  assertProblem(assert, weak, 422);
  assert.equal(weak.body.errors[0].field, 'password');
  assert.ok(weak.body.errors[0].message_ko.length > 0 && weak.body.errors[0].message_en.length > 0);

  const rrn = await call(server, 'POST', '/api/v1/auth/register',
    { body: { name: 'D', email: 'd@example.kr', password, resident_registration_number: '900101-1234567' } });
  assertProblem(assert, rrn, 422);
  assert.ok(rrn.body.errors.some((e) => e.field === 'resident_registration_number'));
});

test("a stranger's failures slow the stranger down, never the owner: no one can lock an account", async () => {
  // The server trusts 127.0.0.1 as its load balancer (DONGNE_TRUSTED_PROXIES), so each X-Forwarded-For below is a
  // different client, as nginx would report it.
  await call(server, 'POST', '/api/v1/auth/register', { body: { name: 'E', email: 'e@example.kr', password } });
  const from = (address, cookie) => ({ 'x-forwarded-for': address, ...(cookie ? { cookie } : {}) });
  const login = (pw, headers) => call(server, 'POST', '/api/v1/auth/login', { body: { login: 'e@example.kr', password: pw }, headers });
  // Every Set-Cookie of an answer (Node 18's fetch has no getSetCookie(): it joins them with ", ").
  const cookies = (r) => (r.headers.getSetCookie ? r.headers.getSetCookie()
    : (r.headers.get('set-cookie') || '').split(/,(?=\s*[\w-]+=)/).map((c) => c.trim()));
  const deviceOf = (r) => cookies(r).find((c) => c.startsWith('dongne_device='))?.split(';')[0];

  // The owner has signed in from her phone before: it carries a device cookie, scoped to the sign-in route.
  const first = await login(password, from('198.51.100.7'));
  assert.equal(first.status, 200, first.text);
  assert.match(cookies(first).join('\n'), /dongne_device=[^;]+; Path=\/api\/v1\/auth\/login; HttpOnly; SameSite=Strict; Max-Age=15552000/);
  const phone = deviceOf(first);

  for (let i = 0; i < 5; i++) {
    const r = await login('wrong-password-1', from('203.0.113.9'));
    assertProblem(assert, r, 401);
    assert.equal(r.body.errors[0].field, 'password');
  }
  // The stranger waits, even with the right password, and is told how long, in the body and in Retry-After.
  const waiting = await login(password, from('203.0.113.9'));
  assertProblem(assert, waiting, 429);
  assert.equal(waiting.body.reason, 'signin_throttled');
  assert.equal(waiting.body.retry_after_s, 30);
  assert.equal(waiting.headers.get('retry-after'), '30');
  assert.match(waiting.body.title, /try again in 30 seconds/);
  assert.match(waiting.body.title_ko, /30초 후/);
  // The owner, from another address, is not slowed at all.
  assert.equal((await login(password, from('198.51.100.20'))).status, 200);
  // A stranger with a spoofed X-Forwarded-For prefix is still counted as the address the balancer saw.
  assertProblem(assert, await login(password, from('198.51.100.7, 203.0.113.9')), 429);

  // Strangers spread over 60 addresses reach the per-login limit (50): a new browser now waits...
  for (let i = 0; i < 60; i++) await login('wrong-password-1', from(`192.0.2.${i + 1}`));
  assertProblem(assert, await login(password, from('198.51.100.30')), 429);
  // ...but her phone, which signed in before, does not, wherever it is.
  const fromPhone = await login(password, from('100.64.0.1', phone));
  assert.equal(fromPhone.status, 200, fromPhone.text);
  assert.equal(deviceOf(fromPhone), phone, 'the same device cookie, renewed');
});

test('bearer tokens work for API clients and garbage tokens are refused', async () => {
  const token = await tokenFor(server, 'counsellor');
  const me = await call(server, 'GET', '/api/v1/me', { token });
  assert.equal(me.status, 200);
  assert.equal(me.body.roles[0].role, 'counsellor');
  assert.equal(me.body.roles[0].scope_kind, 'centre');
  const issued = await call(server, 'POST', '/api/v1/auth/tokens', { token });
  assert.equal(issued.status, 201);
  assert.notEqual(issued.body.token, token);
  assertProblem(assert, await call(server, 'GET', '/api/v1/me', { token: 'not-a-token' }), 401);
  assertProblem(assert, await call(server, 'GET', '/api/v1/me', { headers: { authorization: 'Basic abc' } }), 401);
});

test('an admin creates a staff account, grants and revokes roles, disables it; all of it is audited', async () => {
  const admin = await tokenFor(server, 'admin');
  const orgs = (await call(server, 'GET', '/api/v1/organisations')).body.items;
  const centre = orgs.find((o) => o.kind === 'centre').id;
  const employer = orgs.find((o) => o.kind === 'employer').id;
  const created = await call(server, 'POST', '/api/v1/admin/users', {
    token: admin,
    body: { name: '새 상담사', email: 'new.counsellor@example.kr', roles: [{ role: 'counsellor', scope_kind: 'centre', scope_id: centre }] },
  });
  assert.equal(created.status, 201, created.text);
  const id = created.body.user.id;
  const initial = created.body.initial_password;
  assert.ok(initial && initial.length >= 10);

  const staffLogin = await call(server, 'POST', '/api/v1/auth/login', { body: { login: 'new.counsellor@example.kr', password: initial, token: true } });
  assert.equal(staffLogin.status, 200);

  const badRole = await call(server, 'POST', `/api/v1/admin/users/${id}/roles`, { token: admin, body: { role: 'emperor' } });
  assertProblem(assert, badRole, 422);
  assert.equal(badRole.body.errors[0].field, 'role');

  // Grants are checked against the directory: the kind of scope the role takes, an organisation that exists and is
  // of that kind. Nothing changes on a refusal.
  const refusals = [
    [{ role: 'employer' }, 'scope_kind', 'wrong_kind'],
    [{ role: 'employer', scope_kind: 'centre', scope_id: centre }, 'scope_kind', 'wrong_kind'],
    [{ role: 'employer', scope_kind: 'employer', scope_id: 987654 }, 'scope_id', 'unknown'],
    [{ role: 'employer', scope_kind: 'employer', scope_id: centre }, 'scope_id', 'wrong_kind'],
    [{ role: 'admin', scope_kind: 'city', scope_id: centre }, 'scope_kind', 'wrong_kind'],
  ];
  for (const [body, field, code] of refusals) {
    const r = await call(server, 'POST', `/api/v1/admin/users/${id}/roles`, { token: admin, body });
    assertProblem(assert, r, 422);
    assert.deepEqual([r.body.errors[0].field, r.body.errors[0].code], [field, code], r.text);
  }
  const unchanged = await call(server, 'GET', `/api/v1/admin/users/${id}?reason=${encodeURIComponent('권한 확인')}`, { token: admin });
  assert.equal(unchanged.body.roles.length, 1);
  const granted = await call(server, 'POST', `/api/v1/admin/users/${id}/roles`,
    { token: admin, body: { role: 'employer', scope_kind: 'employer', scope_id: employer } });
  assert.equal(granted.status, 200, granted.text);
  assert.equal(granted.body.roles.length, 2);

  const read = await call(server, 'GET', `/api/v1/admin/users/${id}?reason=${encodeURIComponent('민원 처리 확인')}`, { token: admin });
  assert.equal(read.status, 200);

  const disabled = await call(server, 'POST', `/api/v1/admin/users/${id}/disable`, { token: admin });
  assert.equal(disabled.status, 200);
  assertProblem(assert, await call(server, 'GET', '/api/v1/me', { token: staffLogin.body.token }), 401);

  const audit = await call(server, 'GET', '/api/v1/admin/audit', { token: admin });
  const actions = audit.body.items.map((a) => a.action);
  for (const a of ['user.created', 'role.granted', 'user.disabled']) assert.ok(actions.includes(a), `audit has ${a}`);

  const access = await call(server, 'GET', '/api/v1/admin/access-log', { token: admin });
  const entry = access.body.items.find((e) => e.subject_user_id === id);
  assert.ok(entry, 'the personal-data read is logged');
  assert.equal(entry.reason, '민원 처리 확인');
  assert.equal(entry.actor, '관리자 (데모)');
});

test('a user\'s role grants carry their ids, and revoking by that id takes the role away at once', async () => {
  const admin = await tokenFor(server, 'admin');
  const created = await call(server, 'POST', '/api/v1/admin/users', {
    token: admin,
    body: { name: '새 관리인', email: 'new.manager@example.kr', roles: [{ role: 'facility_manager', scope_kind: 'facility', scope_id: 14 }] },
  });
  assert.equal(created.status, 201, created.text);
  const { id, roles } = created.body.user;
  assert.equal(roles.length, 1);
  assert.ok(Number.isInteger(roles[0].id) && roles[0].id > 0, 'a grant names its id');
  const login = await call(server, 'POST', '/api/v1/auth/login', {
    body: { login: 'new.manager@example.kr', password: created.body.initial_password, token: true },
  });
  const me = await call(server, 'GET', '/api/v1/me', { token: login.body.token });
  assert.equal(me.body.roles[0].role, 'facility_manager');

  const listed = await call(server, 'GET', '/api/v1/admin/users?limit=100', { token: admin });
  const row = listed.body.items.find((u) => u.id === id);
  assert.equal(row.roles[0].id, roles[0].id);
  // Lists show contacts masked; the full ones only through the logged single-account read.
  assert.equal(row.email, undefined);
  assert.equal(row.email_masked, 'ne***@example.kr');
  assert.ok(!JSON.stringify(listed.body).includes('new.manager@example.kr'));

  const revoked = await call(server, 'DELETE', `/api/v1/admin/users/${id}/roles/${roles[0].id}`, { token: admin });
  assert.equal(revoked.status, 200, revoked.text);
  assert.deepEqual(revoked.body.roles, []);
  const after = await call(server, 'GET', '/api/v1/me', { token: login.body.token });
  assert.deepEqual(after.body.roles, []);
  assertProblem(assert, await call(server, 'DELETE', `/api/v1/admin/users/${id}/roles/${roles[0].id}`, { token: admin }), 404);
  const audit = await call(server, 'GET', '/api/v1/admin/audit', { token: admin });
  assert.ok(audit.body.items.some((a) => a.action === 'role.revoked' && a.target === `user:${id}`));
});

test('events are written with the change and turned into notifications', async () => {
  const reg = await call(server, 'POST', '/api/v1/auth/register', { body: { name: 'F', email: 'f@example.kr', password } });
  assert.equal(reg.status, 201);
  const admin = await tokenFor(server, 'admin');
  // The log is oldest first (the demo seed wrote hundreds of events before): page through it with the cursor.
  let found = false;
  for (let cursor = 0, pages = 0; !found && pages < 100; pages++) {
    const page = await call(server, 'GET', `/api/v1/admin/events?limit=100${cursor ? `&cursor=${cursor}` : ''}`, { token: admin });
    assert.equal(page.status, 200, page.text);
    found = page.body.items.some((e) => e.type === 'user.registered' && e.aggregate_id === String(reg.body.user.id));
    if (!page.body.next_cursor || page.body.items.length === 0) break;
    cursor = page.body.next_cursor;
  }
  assert.ok(found, 'the registration is in the event log');
  const login = await call(server, 'POST', '/api/v1/auth/login', { body: { login: 'f@example.kr', password, token: true } });
  let inbox;
  for (let i = 0; i < 200; i++) {  // up to 20 s: the notifier first works through the demo seed's events
    inbox = await call(server, 'GET', '/api/v1/notifications', { token: login.body.token });
    if (inbox.body.items.length > 0) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.equal(inbox.body.items[0].kind, 'user.registered');
  const read = await call(server, 'POST', `/api/v1/notifications/${inbox.body.items[0].id}/read`, { token: login.body.token });
  assert.equal(read.status, 204);
});

test("an admin adds, renames and retires organisations; the tree's shape, codes and open records are checked", async () => {
  const admin = await tokenFor(server, 'admin');
  const O = '/api/v1/admin/organisations';
  const make = (body) => call(server, 'POST', O, { token: admin, body });
  const tag = Math.floor(Math.random() * 1e6);
  const city = await make({ kind: 'city', code: `t-city-${tag}`, name_ko: '시험시', name_en: 'Test City' });
  assert.equal(city.status, 201, city.text);
  const district = await make({ kind: 'district', code: `t-gu-${tag}`, name_ko: '시험구', name_en: 'Test-gu', parent_id: city.body.id });
  assert.equal(district.status, 201, district.text);
  const centre = await make({ kind: 'centre', code: `t-saeil-${tag}`, name_ko: '시험 새일센터', name_en: 'Test Saeil', parent_id: district.body.id });
  assert.equal(centre.status, 201, centre.text);
  const count = async () => (await call(server, 'GET', O, { token: admin })).body.items.length;
  const before = await count();
  for (const [body, status, field] of [
    [{ kind: 'district', code: `t-x-${tag}`, name_ko: '고아구', name_en: 'Orphan' }, 422, 'parent_id'],
    [{ kind: 'centre', code: `t-y-${tag}`, name_ko: '센터', name_en: 'c', parent_id: centre.body.id }, 422, 'parent_id'],
    [{ kind: 'city', code: `t-z-${tag}`, name_ko: '시', name_en: 'c', parent_id: city.body.id }, 422, 'parent_id'],
    [{ kind: 'centre', code: `t-w-${tag}`, name_ko: '센터', name_en: 'c', parent_id: 987654 }, 422, 'parent_id'],
    [{ kind: 'city', code: `t-city-${tag}`, name_ko: '같은 코드', name_en: 'dup' }, 409, 'code'],
    [{ kind: 'city', code: 'Bad Code!', name_ko: '시', name_en: 'c' }, 422, 'code'],
    [{ kind: 'castle', code: `t-v-${tag}`, name_ko: '성', name_en: 'c' }, 422, 'kind'],
  ]) {
    const r = await make(body);
    assertProblem(assert, r, status);
    assert.ok(r.body.errors.some((e) => e.field === field), r.text);
  }
  assert.equal(await count(), before, 'nothing was added');
  const renamed = await call(server, 'PATCH', `${O}/${centre.body.id}`, { token: admin, body: { name_ko: '시험 여성새로일하기센터' } });
  assert.equal(renamed.status, 200, renamed.text);
  assert.equal(renamed.body.name_ko, '시험 여성새로일하기센터');
  // A counsellor granted the new centre; while she holds it, and while the district has the centre, neither retires.
  const staff = await call(server, 'POST', '/api/v1/admin/users', {
    token: admin, body: { name: '시험 상담사', email: `t-${tag}@example.kr`, roles: [{ role: 'counsellor', scope_kind: 'centre', scope_id: centre.body.id }] },
  });
  assert.equal(staff.status, 201, staff.text);
  const busy = await call(server, 'POST', `${O}/${centre.body.id}/retire`, { token: admin });
  assertProblem(assert, busy, 409);
  assert.equal(busy.body.reason, 'has_open_records');
  assert.ok(busy.body.errors.some((e) => /role grants/.test(e.message_en)), busy.text);
  assertProblem(assert, await call(server, 'POST', `${O}/${district.body.id}/retire`, { token: admin }), 409);
  const grantId = staff.body.user.roles[0].id;
  assert.equal((await call(server, 'DELETE', `/api/v1/admin/users/${staff.body.user.id}/roles/${grantId}`, { token: admin })).status, 200);
  const retired = await call(server, 'POST', `${O}/${centre.body.id}/retire`, { token: admin });
  assert.equal(retired.status, 200, retired.text);
  assert.equal(retired.body.retired, true);
  // Retired: no new grants, no children, gone from the public directory, still listed for admins.
  const late = await call(server, 'POST', `/api/v1/admin/users/${staff.body.user.id}/roles`,
    { token: admin, body: { role: 'counsellor', scope_kind: 'centre', scope_id: centre.body.id } });
  assertProblem(assert, late, 422);
  assert.equal(late.body.errors[0].code, 'unknown');
  assertProblem(assert, await make({ kind: 'employer', code: `t-e-${tag}`, name_ko: '기업', name_en: 'e', parent_id: centre.body.id }), 422);
  const publicList = (await call(server, 'GET', '/api/v1/organisations?kind=centre')).body.items;
  assert.ok(!publicList.some((o) => o.id === centre.body.id));
  assert.equal((await call(server, 'POST', `${O}/${district.body.id}/retire`, { token: admin })).status, 200);
  // A demo booking site with active resources does not retire.
  const site = (await call(server, 'GET', '/api/v1/organisations?kind=facility')).body.items.find((o) => o.code === 'jinju-sinan');
  const open = await call(server, 'POST', `${O}/${site.id}/retire`, { token: admin });
  assertProblem(assert, open, 409);
  assert.ok(open.body.errors.some((e) => /booking resources/.test(e.message_en)), open.text);
});

test('retention: an admin sees what is kept for how long, runs a purge, and the purge is in the audit log', async () => {
  const admin = await tokenFor(server, 'admin');
  // This server runs with DONGNE_RETENTION_DAYS=auth.signin_throttle=0,notify.read_notifications=never.
  const rules = await call(server, 'GET', '/api/v1/admin/retention', { token: admin });
  assert.equal(rules.status, 200, rules.text);
  const keep = Object.fromEntries(rules.body.items.map((r) => [r.name, r.keep_days]));
  assert.deepEqual(keep, {
    'auth.sessions': 30, 'auth.signin_throttle': 0, 'auth.trusted_devices': 0, 'auth.pii_access_log': 730,
    'booking.idempotency': 7, 'dispatch.idempotency': 7, 'notify.read_notifications': null,
  });
  assert.ok(rules.body.items.every((r) => r.what.length > 10));
  assertProblem(assert, await call(server, 'GET', '/api/v1/admin/retention', { token: await tokenFor(server, 'counsellor') }), 403);

  // A single failed sign-in leaves a count that nothing waits on: with a period of 0 days it goes at once.
  const failed = await call(server, 'POST', '/api/v1/auth/login',
    { body: { login: 'nobody@example.kr', password: 'wrong-password-2' }, headers: { 'x-forwarded-for': '198.18.0.1' } });
  assertProblem(assert, failed, 401);
  const purge = await call(server, 'POST', '/api/v1/admin/retention/purge', { token: admin });
  assert.equal(purge.status, 200, purge.text);
  const done = Object.fromEntries(purge.body.items.map((p) => [p.name, p]));
  assert.ok(done['auth.signin_throttle'].deleted >= 3, purge.text);  // its three keys: login+address, address, login
  assert.equal(done['notify.read_notifications'], undefined, 'kept for good: not purged');
  assert.equal(done['auth.pii_access_log'].deleted, 0);

  const audit = (await call(server, 'GET', '/api/v1/admin/audit?limit=50', { token: admin })).body.items;
  const entry = audit.find((a) => a.action === 'retention.purged' && a.target === 'retention:auth.signin_throttle');
  assert.ok(entry, 'the purge is audited');
  assert.equal(entry.actor_user_id, (await call(server, 'GET', '/api/v1/me', { token: admin })).body.id);
  assert.equal(entry.detail.deleted, done['auth.signin_throttle'].deleted);
  assert.equal(entry.detail.keep_days, 0);
});
