// 256 concurrent HTTP bookings at 10 places: exactly 10 confirmed, the rest waitlisted (or refused 'full' where
// the rules keep no waitlist), every refusal with a reason. SQLite: one server. PostgreSQL
// (DONGNE_TEST_STORE=postgresql): TWO server instances on one database, requests split across both.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server, call, STORE } from './harness.mjs';
import { CLOCK_AT, login, facilityId, allWeek, makeResource, walkIn } from './booking_helpers.mjs';

const env = { DONGNE_BOOKING_CLOCK_AT: CLOCK_AT, DONGNE_THREADS: '8' };
const INSTANCES = STORE === 'postgresql' ? 2 : 1;
const servers = [new Server()];
let token;
let households = [];

before(async () => {
  await servers[0].start(env);
  if (STORE === 'postgresql') {
    servers.push(new Server({ db: servers[0].db }));
    await servers[1].start(env);
  }
  token = await login(servers[0], 'manager.gaho@demo.dongne.kr');
  for (let i = 0; i < 256; i++) households.push(await walkIn(servers[i % servers.length], token, `rush ${i}`));
});
after(async () => { for (const s of servers.slice().reverse()) await s.stop(); });

async function rush(waitlist) {
  const fid = await facilityId(servers[0], 'jinju-gaho');
  const room = await makeResource(servers[0], token, {
    facility_id: fid, code: `rush-${waitlist}-${Date.now()}`, kind: 'space', name_ko: '인기 시간대', name_en: 'Popular slot', capacity: 10,
    rules: { hours: allWeek(), window: { opens_days_ahead: 30, opens_at: '09:00' }, slot_minutes: 120, waitlist, eligibility: { city_code: 'jinju' } },
  });
  const slot = { resource_id: room.id, start: '2026-12-02T11:00:00+09:00', end: '2026-12-02T13:00:00+09:00' };
  const results = await Promise.all(households.map((h, i) => call(servers[i % servers.length], 'POST', '/api/v1/booking/staff/bookings', {
    token, headers: { 'idempotency-key': `rush-${waitlist}-${i}` }, body: { household_id: h.id, channel: 'phone', ...slot },
  })));
  const avail = await call(servers[servers.length - 1], 'GET', `/api/v1/booking/resources/${room.id}/availability?from=2026-12-02&days=1`);
  const s = avail.body.days[0].slots.find((x) => x.start === slot.start);
  return { results, slot: s };
}

test(`256 concurrent bookings at 10 places with a waitlist (${STORE}, ${INSTANCES} instance(s))`, async () => {
  assert.equal(servers.length, INSTANCES);
  const { results, slot } = await rush(true);
  const confirmed = results.filter((r) => r.status === 201 && r.body.outcome === 'confirmed');
  const waitlisted = results.filter((r) => r.status === 201 && r.body.outcome === 'waitlisted');
  assert.equal(confirmed.length, 10, results.filter((r) => r.status !== 201).map((r) => r.text).slice(0, 3).join('\n'));
  assert.equal(waitlisted.length, 246);
  for (const w of waitlisted) assert.equal(w.body.reason, 'full');
  assert.equal(slot.taken, 10);
  assert.equal(slot.left, 0);
});

test(`256 concurrent bookings at 10 places without a waitlist (${STORE}, ${INSTANCES} instance(s))`, async () => {
  const { results, slot } = await rush(false);
  const confirmed = results.filter((r) => r.status === 201 && r.body.outcome === 'confirmed');
  const refused = results.filter((r) => r.status === 409);
  assert.equal(confirmed.length, 10);
  assert.equal(refused.length, 246, results.filter((r) => r.status !== 201 && r.status !== 409).map((r) => r.text).slice(0, 3).join('\n'));
  for (const r of refused) {
    assert.equal(r.body.reason, 'full');
    assert.ok(r.body.title_ko && r.body.title);
  }
  assert.equal(slot.taken, 10);
});
