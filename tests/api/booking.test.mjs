// Booking API against the real binary (SQLite, or PostgreSQL with DONGNE_TEST_STORE=postgresql): the demo
// studio booked and replayed with the same Idempotency-Key, refusals that say why, waitlist offer after a
// cancellation, walk-in booking with check-in, the day sheet as CSV (BOM, CP949), the iCalendar feed, a lottery
// drawn and re-run from its seed, and a confirmed booking surviving SIGKILL. The booking clock is fixed at a
// Tuesday morning (DONGNE_BOOKING_CLOCK_AT) so dates are deterministic.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server, call, assertProblem } from './harness.mjs';
import { CLOCK_AT, login, facilityId, allWeek, makeResource, walkIn } from './booking_helpers.mjs';

const server = new Server();
const env = { DONGNE_BOOKING_CLOCK_AT: CLOCK_AT };
let resident, gaho, sinan, studio;

before(async () => {
  await server.start(env);
  resident = await login(server, 'resident@demo.dongne.kr');
  gaho = await login(server, 'manager.gaho@demo.dongne.kr');
  sinan = await login(server, 'facility_manager@demo.dongne.kr');
  const list = await call(server, 'GET', '/api/v1/booking/resources');
  studio = list.body.items.find((r) => r.code === 'seongbuk-photo-studio');
  assert.ok(studio, 'the demo photo studio exists');
});
after(() => server.stop());

const STUDIO_SLOT = { start: '2026-12-03T10:00:00+09:00', end: '2026-12-03T11:00:00+09:00' };

async function newResident(name, birthMonth) {
  const email = `${name}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.kr`;
  const password = 'booking-test-password-1';
  const reg = await call(server, 'POST', '/api/v1/auth/register', { body: { name, email, password } });
  assert.equal(reg.status, 201, reg.text);
  const token = await login(server, email, password);
  const hh = await call(server, 'PUT', '/api/v1/booking/household', {
    token, body: { city_code: 'jinju', members: [{ label: '아이', is_child: true, birth_month: birthMonth }] },
  });
  assert.equal(hh.status, 200, hh.text);
  return token;
}

test('demo catalogue: four sites, the five family events, the 90-place camp by lottery with a published seed', async () => {
  const r = await call(server, 'GET', '/api/v1/booking/resources');
  const codes = r.body.items.map((x) => x.code);
  for (const c of ['sinan-dol-outfits', 'gaho-play-room', 'seongbuk-photo-studio', 'chojang-picture-books']) assert.ok(codes.includes(c), c);
  const camps = r.body.items.filter((x) => x.code.startsWith('camp-2027'));
  assert.equal(camps.length, 5);
  const farm = camps.find((x) => x.code === 'camp-2027-08-farm');
  assert.equal(farm.capacity, 90);
  assert.ok(farm.lottery.seed.length > 10, 'seed published before the draw');
  assert.equal(farm.lottery.drawn_at, null);
});

test('a parent books the studio; the same Idempotency-Key replays the same answer', async () => {
  const body = { resource_id: studio.id, ...STUDIO_SLOT };
  const headers = { 'idempotency-key': 'studio-1' };
  const a = await call(server, 'POST', '/api/v1/booking/bookings', { token: resident, body, headers });
  assert.equal(a.status, 201, a.text);
  assert.equal(a.body.outcome, 'confirmed');
  const b = await call(server, 'POST', '/api/v1/booking/bookings', { token: resident, body, headers });
  assert.equal(b.status, 201);
  assert.equal(b.headers.get('idempotent-replayed'), 'true');
  assert.deepEqual(b.body, a.body);
  const c = await call(server, 'POST', '/api/v1/booking/bookings', { token: resident, body: { ...body, start: '2026-12-03T11:00:00+09:00', end: '2026-12-03T12:00:00+09:00' }, headers });
  assertProblem(assert, c, 409);
  assert.equal(c.body.reason, 'idempotency_key_reused');
  const mine = await call(server, 'GET', '/api/v1/booking/bookings', { token: resident });
  assert.equal(mine.body.items.filter((x) => x.resource_id === studio.id).length, 1);
});

test('every refusal says why', async () => {
  const book = (token, body) => call(server, 'POST', '/api/v1/booking/bookings', { token, body });
  const later = await book(resident, { resource_id: studio.id, start: '2027-02-02T10:00:00+09:00', end: '2027-02-02T11:00:00+09:00' });
  assertProblem(assert, later, 409);
  assert.equal(later.body.reason, 'window_not_open');
  const odd = await book(resident, { resource_id: studio.id, start: '2026-12-03T10:30:00+09:00', end: '2026-12-03T11:30:00+09:00' });
  assertProblem(assert, odd, 422);
  assert.equal(odd.body.reason, 'invalid_slot');
  const sunday = await book(resident, { resource_id: studio.id, start: '2026-12-06T10:00:00+09:00', end: '2026-12-06T11:00:00+09:00' });
  assert.equal(sunday.body.reason, 'closed_day');
  const older = await newResident('older', '2019-03');
  const tooOld = await book(older, { resource_id: studio.id, start: '2026-12-04T10:00:00+09:00', end: '2026-12-04T11:00:00+09:00' });
  assertProblem(assert, tooOld, 403);
  assert.equal(tooOld.body.reason, 'not_eligible');
  assert.match(tooOld.body.title_ko, /개월/);
  const reg = await call(server, 'POST', '/api/v1/auth/register', { body: { name: 'nohh', email: `nohh${Date.now()}@example.kr`, password: 'booking-test-password-1' } });
  assert.equal(reg.status, 201);
  const noHousehold = await book(await login(server, reg.body.user.email, 'booking-test-password-1'), { resource_id: studio.id, ...STUDIO_SLOT });
  assert.equal(noHousehold.body.reason, 'household_required');
  const missing = await book(resident, { resource_id: studio.id });
  assertProblem(assert, missing, 422);
  assert.ok(missing.body.errors.some((e) => e.field === 'start'));
});

test('a second parent is waitlisted and gets the freed slot after a cancellation', async () => {
  const slot = { resource_id: studio.id, start: '2026-12-04T14:00:00+09:00', end: '2026-12-04T15:00:00+09:00' };
  const first = await newResident('first', '2026-06');
  const second = await newResident('second', '2026-07');
  const a = await call(server, 'POST', '/api/v1/booking/bookings', { token: first, body: slot });
  assert.equal(a.body.outcome, 'confirmed', a.text);
  const b = await call(server, 'POST', '/api/v1/booking/bookings', { token: second, body: slot });
  assert.equal(b.status, 201);
  assert.equal(b.body.outcome, 'waitlisted');
  assert.equal(b.body.reason, 'full');
  assert.equal(b.body.waitlist_position, 1);
  // Her booking shows her place in line, never the internal queue key.
  const waiting = await call(server, 'GET', `/api/v1/booking/bookings/${b.body.booking.id}`, { token: second });
  assert.equal(waiting.body.waitlist_position, 1, waiting.text);
  assert.ok(!('queue_position' in waiting.body) && !waiting.text.includes('queue_position'), waiting.text);
  const foreign = await call(server, 'POST', `/api/v1/booking/bookings/${a.body.booking.id}/cancel`, { token: second });
  assertProblem(assert, foreign, 403);
  const cancel = await call(server, 'POST', `/api/v1/booking/bookings/${a.body.booking.id}/cancel`, { token: first });
  assert.equal(cancel.status, 200);
  assert.equal(cancel.body.status, 'cancelled');
  const offered = await call(server, 'GET', `/api/v1/booking/bookings/${b.body.booking.id}`, { token: second });
  assert.equal(offered.body.status, 'offered');
  assert.ok(offered.body.offer_expires_at);
  const accepted = await call(server, 'POST', `/api/v1/booking/bookings/${b.body.booking.id}/accept`, { token: second });
  assert.equal(accepted.body.status, 'confirmed');
  const avail = await call(server, 'GET', `/api/v1/booking/resources/${studio.id}/availability?from=2026-12-04&days=1`);
  const s = avail.body.days[0].slots.find((x) => x.start === slot.start);
  assert.equal(s.left, 0);
  // The notifier tells the second parent (events -> outbox -> notifications).
  let kinds = [];
  for (let i = 0; i < 50 && !kinds.includes('booking.offered'); i++) {
    await new Promise((r) => setTimeout(r, 100));
    kinds = (await call(server, 'GET', '/api/v1/notifications', { token: second })).body.items.map((n) => n.kind);
  }
  assert.ok(kinds.includes('booking.offered'), kinds.join(','));
});

test('a manager books for a walk-in until the start and checks them in; the day sheet exports CSV', async () => {
  const room = (await call(server, 'GET', '/api/v1/booking/resources')).body.items.find((r) => r.code === 'gaho-play-room');
  const hh = await walkIn(server, gaho, '방문 가족', { contact_phone: '010-2222-3333' });
  const slot = { resource_id: room.id, start: '2026-12-01T11:00:00+09:00', end: '2026-12-01T13:00:00+09:00' };
  const residentTry = await call(server, 'POST', '/api/v1/booking/bookings', { token: resident, body: slot });
  assert.equal(residentTry.body.reason, 'window_closed', 'residents must book an hour ahead');
  const wrongSite = await call(server, 'POST', '/api/v1/booking/staff/bookings', { token: sinan, body: { household_id: hh.id, ...slot } });
  assertProblem(assert, wrongSite, 403);
  const b = await call(server, 'POST', '/api/v1/booking/staff/bookings', { token: gaho, body: { household_id: hh.id, channel: 'walk_in', ...slot } });
  assert.equal(b.status, 201, b.text);
  assert.equal(b.body.outcome, 'confirmed');
  assert.equal(b.body.booking.channel, 'walk_in');
  const found = await call(server, 'GET', '/api/v1/booking/households?phone=01022223333', { token: gaho });
  assert.ok(found.body.items.some((h) => h.id === hh.id));
  const ci = await call(server, 'POST', `/api/v1/booking/bookings/${b.body.booking.id}/check-in`, { token: gaho });
  assert.equal(ci.status, 200, ci.text);
  assert.equal(ci.body.status, 'checked_in');
  const twice = await call(server, 'POST', `/api/v1/booking/bookings/${b.body.booking.id}/check-in`, { token: gaho });
  assert.equal(twice.body.reason, 'not_applicable');
  const fid = await facilityId(server, 'jinju-gaho');
  const sheet = await call(server, 'GET', `/api/v1/booking/facilities/${fid}/sheet?date=2026-12-01`, { token: gaho });
  assert.ok(sheet.body.entries.some((e) => e.id === b.body.booking.id && e.contact_name === '방문 가족'));
  const csv = await fetch(`${server.url}/api/v1/booking/facilities/${fid}/sheet?date=2026-12-01&format=csv&lang=ko`, { headers: { authorization: `Bearer ${gaho}` } });
  const bytes = new Uint8Array(await csv.arrayBuffer());
  assert.deepEqual([...bytes.slice(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM');
  assert.match(new TextDecoder().decode(bytes), /예약번호.*방문 가족/s);
  const cp = await fetch(`${server.url}/api/v1/booking/facilities/${fid}/sheet?date=2026-12-01&format=csv&encoding=cp949`, { headers: { authorization: `Bearer ${gaho}` } });
  assert.match(cp.headers.get('content-type'), /cp949/);
  const cpText = new TextDecoder('euc-kr').decode(new Uint8Array(await cp.arrayBuffer()));
  assert.match(cpText, /방문 가족/);
  const other = await call(server, 'GET', `/api/v1/booking/facilities/${fid}/sheet?date=2026-12-01`, { token: sinan });
  assertProblem(assert, other, 403);
});

test('managers list every resource of their facility, paused ones too; nobody else may', async () => {
  const fid = await facilityId(server, 'jinju-gaho');
  const r = await makeResource(server, gaho, {
    facility_id: fid, code: `paused-room-${Date.now()}`, kind: 'space', name_ko: '쉬는 방', name_en: 'Paused room', capacity: 2,
    rules: { hours: allWeek(), slot_minutes: 90 },
  });
  // Paused with the same shape GET gives back (what the web form sends).
  const put = await call(server, 'PUT', `/api/v1/booking/resources/${r.id}`, {
    token: gaho, body: { name_ko: r.name_ko, name_en: r.name_en, capacity: 2, active: false, rules: r.rules },
  });
  assert.equal(put.status, 200, put.text);
  assert.equal(put.body.active, false);
  const pub = await call(server, 'GET', `/api/v1/booking/resources?facility_id=${fid}`);
  assert.ok(!pub.body.items.some((x) => x.id === r.id), 'the public list leaves paused resources out');
  const staff = await call(server, 'GET', `/api/v1/booking/facilities/${fid}/resources`, { token: gaho });
  assert.equal(staff.status, 200, staff.text);
  const paused = staff.body.items.find((x) => x.id === r.id);
  assert.equal(paused.active, false);
  assert.equal(paused.rules.slot_minutes, 90);
  assert.ok(staff.body.items.every((x) => x.facility_id === fid));
  assert.ok(staff.body.items.length > pub.body.items.length);
  assertProblem(assert, await call(server, 'GET', `/api/v1/booking/facilities/${fid}/resources`, { token: sinan }), 403);
  assertProblem(assert, await call(server, 'GET', `/api/v1/booking/facilities/${fid}/resources`, { token: resident }), 403);
  assertProblem(assert, await call(server, 'GET', '/api/v1/booking/facilities/999999/resources', { token: gaho }), 404);
});

test('the iCalendar feed lists my bookings at a secret address that can be replaced', async () => {
  const feed = await call(server, 'GET', '/api/v1/booking/calendar-feed', { token: resident });
  assert.equal(feed.status, 200, feed.text);
  const r = await fetch(server.url + feed.body.path);
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /text\/calendar/);
  const text = await r.text();
  assert.match(text, /^BEGIN:VCALENDAR\r\n/);
  assert.match(text, /DTSTART:20261203T010000Z/);
  const rotated = await call(server, 'POST', '/api/v1/booking/calendar-feed/rotate', { token: resident });
  assert.notEqual(rotated.body.path, feed.body.path);
  assert.equal((await fetch(server.url + feed.body.path)).status, 404);
});

test('a lottery is drawn once and re-drawn from its seed with the same result', async () => {
  const fid = await facilityId(server, 'jinju-sinan');
  const camp = await makeResource(server, sinan, {
    facility_id: fid, code: `winter-camp-${Date.now()}`, kind: 'event', name_ko: '겨울 캠프', name_en: 'Winter camp', capacity: 8,
    max_families: 3, occurrences: [{ start: '2026-12-19T10:00:00+09:00', end: '2026-12-19T15:00:00+09:00' }],
    rules: { closed_on_public_holidays: false, window: { opens_days_ahead: 40, opens_at: '09:00' }, max_persons_per_booking: 4,
      allocation: 'lottery', lottery_draw_at: '2026-12-10T10:00:00+09:00', eligibility: { city_code: 'jinju' } },
  });
  assert.ok(camp.lottery.seed);
  for (let i = 0; i < 7; i++) {
    const hh = await walkIn(server, sinan, `가족 ${i}`);
    const e = await call(server, 'POST', '/api/v1/booking/staff/bookings', { token: sinan, body: { household_id: hh.id, resource_id: camp.id, start: '2026-12-19T10:00:00+09:00', end: '2026-12-19T15:00:00+09:00', persons: 2 } });
    assert.equal(e.body.outcome, 'entered_lottery', e.text);
  }
  const early = await call(server, 'POST', `/api/v1/booking/resources/${camp.id}/lottery/verify`);
  assert.equal(early.body.reason, 'not_drawn');
  const drawn = await call(server, 'POST', `/api/v1/booking/resources/${camp.id}/lottery/draw`, { token: sinan });
  assert.equal(drawn.status, 200, drawn.text);
  const g = drawn.body.result.groups[0];
  assert.equal(g.seed, camp.lottery.seed);
  assert.equal(g.result.winners.length, 3, 'at most 3 families');
  assert.equal(g.result.waitlist.length, 4);
  const verify = await call(server, 'POST', `/api/v1/booking/resources/${camp.id}/lottery/verify`);
  assert.equal(verify.body.same, true);
  assert.deepEqual(verify.body.groups[0].redrawn.order, g.result.order);
  // Published to anyone, without the households' ids: each entry carries its household's pseudonym.
  const published = await call(server, 'GET', `/api/v1/booking/resources/${camp.id}/lottery`);
  assert.equal(published.status, 200, published.text);
  const entries = published.body.result.groups[0].entries;
  assert.equal(entries.length, 7);
  assert.ok(entries.every((e) => !('household_id' in e) && typeof e.household === 'string' && e.household.length > 3), JSON.stringify(entries[0]));
  assert.ok(!published.text.includes('household_id'));
  const again = await call(server, 'POST', `/api/v1/booking/resources/${camp.id}/lottery/draw`, { token: sinan });
  assert.equal(again.body.reason, 'already_drawn');
});

test('a confirmed booking survives SIGKILL', async () => {
  const token = await newResident('durable', '2026-04');
  const r = await call(server, 'POST', '/api/v1/booking/bookings', { token, body: { resource_id: studio.id, start: '2026-12-07T15:00:00+09:00', end: '2026-12-07T16:00:00+09:00' } });
  assert.equal(r.body.outcome, 'confirmed', r.text);
  const killed = await server.kill('SIGKILL');
  assert.equal(killed.sig, 'SIGKILL');
  await server.start(env);
  const again = await call(server, 'GET', `/api/v1/booking/bookings/${r.body.booking.id}`, { token });
  assert.equal(again.status, 200, again.text);
  assert.equal(again.body.status, 'confirmed');
});
