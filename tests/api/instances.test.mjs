// Two stateless instances on one PostgreSQL store, as behind a load balancer (DESIGN.md, scale-out): a session
// ended on one is refused by the other at once, though each trusts a checked session for a minute here
// (DONGNE_SESSION_CACHE_MS=60000); a role taken away on one is gone on the other; one Idempotency-Key sent to
// both at once makes one booking; a lottery drawn on both at once is drawn once. SQLite serves one process, so these run on PostgreSQL only.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server, call, tokenFor, STORE } from './harness.mjs';
import { CLOCK_AT, facilityId, login, makeResource, allWeek, walkIn } from './booking_helpers.mjs';

const skip = STORE !== 'postgresql' && 'one process per SQLite store';
const env = { DONGNE_SESSION_CACHE_MS: '60000', DONGNE_BOOKING_CLOCK_AT: CLOCK_AT };
const a = new Server();
let b;
before(async () => {
  if (skip) return;
  await a.start(env);
  b = new Server({ db: a.db });
  await b.start(env, { command: 'serve' });
});
after(async () => {
  if (skip) return;
  await b.stop();
  await a.stop();
});

// Polls `probe` every 5 ms until it returns true; the milliseconds it took.
async function within(ms, probe) {
  const t0 = Date.now();
  while (Date.now() - t0 < ms) {
    if (await probe()) return Date.now() - t0;
    await new Promise((r) => setTimeout(r, 5));
  }
  return Infinity;
}

test('a session ended on one instance is refused by the other at once', { skip }, async () => {
  const token = await tokenFor(a, 'resident');
  assert.equal((await call(b, 'GET', '/api/v1/me', { token })).status, 200);  // now in b's cache for a minute
  assert.equal((await call(a, 'POST', '/api/v1/auth/logout', { token })).status, 204);
  const took = await within(1000, async () => (await call(b, 'GET', '/api/v1/me', { token })).status === 401);
  assert.ok(took < 1000, 'b still accepted the ended session after 1 s');
});

test('a role taken away on one instance is gone on the other at once', { skip }, async () => {
  const admin = await tokenFor(a, 'admin');
  const staff = await call(a, 'POST', '/api/v1/admin/users', {
    token: admin, body: { name: '임시 관리자', email: 'temp.admin@example.kr', password: 'instances-password-1', roles: [{ role: 'admin' }] },
  });
  assert.equal(staff.status, 201, staff.text);
  const their = (await call(b, 'POST', '/api/v1/auth/login', { body: { login: 'temp.admin@example.kr', password: 'instances-password-1', token: true } })).body.token;
  assert.equal((await call(b, 'GET', '/api/v1/admin/audit', { token: their })).status, 200);
  const grant = staff.body.user.roles[0].id;
  assert.equal((await call(a, 'DELETE', `/api/v1/admin/users/${staff.body.user.id}/roles/${grant}`, { token: admin })).status, 200);
  const took = await within(1000, async () => (await call(b, 'GET', '/api/v1/admin/audit', { token: their })).status === 403);
  assert.ok(took < 1000, 'b still let the old role in after 1 s');
});

test('one Idempotency-Key sent to both instances at once makes one booking', { skip }, async () => {
  const manager = await login(a, 'manager.gaho@demo.dongne.kr');
  const room = await makeResource(a, manager, {
    facility_id: await facilityId(a, 'jinju-gaho'), code: 'instances-room', kind: 'space', name_ko: '방', name_en: 'Room', capacity: 5,
    rules: { hours: allWeek(), window: { opens_days_ahead: 30 }, slot_minutes: 60, eligibility: { city_code: 'jinju' } },
  });
  for (let round = 0; round < 5; round++) {
    const hh = await walkIn(a, manager, `두 곳 가족 ${round}`);
    const body = { household_id: hh.id, resource_id: room.id, start: `2026-12-0${2 + round}T10:00:00+09:00`, end: `2026-12-0${2 + round}T11:00:00+09:00`, channel: 'phone' };
    const headers = { 'idempotency-key': `both-${round}` };
    const [x, y] = await Promise.all([a, b].map((s) => call(s, 'POST', '/api/v1/booking/staff/bookings', { token: manager, body, headers })));
    assert.equal(x.status, 201, x.text);
    assert.equal(y.status, 201, y.text);
    assert.equal(x.body.booking.id, y.body.booking.id, 'the same booking, answered twice');
  }
});

test('a lottery drawn on both instances at once is drawn once', { skip }, async () => {
  const manager = await login(a, 'facility_manager@demo.dongne.kr');
  const camp = await makeResource(a, manager, {
    facility_id: await facilityId(a, 'jinju-sinan'), code: 'instances-camp', kind: 'event', name_ko: '캠프', name_en: 'Camp', capacity: 8,
    max_families: 3, occurrences: [{ start: '2026-12-19T10:00:00+09:00', end: '2026-12-19T15:00:00+09:00' }],
    rules: { closed_on_public_holidays: false, window: { opens_days_ahead: 40, opens_at: '09:00' }, max_persons_per_booking: 4,
      allocation: 'lottery', lottery_draw_at: '2026-12-10T10:00:00+09:00', eligibility: { city_code: 'jinju' } },
  });
  for (let i = 0; i < 6; i++) {
    const hh = await walkIn(i % 2 ? b : a, manager, `추첨 가족 ${i}`);
    const e = await call(i % 2 ? b : a, 'POST', '/api/v1/booking/staff/bookings', { token: manager, body: { household_id: hh.id, resource_id: camp.id, start: '2026-12-19T10:00:00+09:00', end: '2026-12-19T15:00:00+09:00', persons: 2 } });
    assert.equal(e.body.outcome, 'entered_lottery', e.text);
  }
  const draws = await Promise.all([a, b, a, b].map((s) => call(s, 'POST', `/api/v1/booking/resources/${camp.id}/lottery/draw`, { token: manager })));
  assert.equal(draws.filter((d) => d.status === 200).length, 1, draws.map((d) => d.text).join('\n'));
  assert.ok(draws.filter((d) => d.status !== 200).every((d) => d.body.reason === 'already_drawn'), draws.map((d) => d.text).join('\n'));
  const winner = draws.find((d) => d.status === 200).body.result.groups[0].result;
  assert.equal(winner.winners.length, 3);
  // Each instance publishes the one result, and re-running it from the seed gives the same.
  for (const s of [a, b]) {
    const v = await call(s, 'POST', `/api/v1/booking/resources/${camp.id}/lottery/verify`);
    assert.equal(v.body.same, true, v.text);
    assert.deepEqual(v.body.groups[0].redrawn.order, winner.order);
  }
});
