// The shuttle's API against the real binary (SQLite, or PostgreSQL with DONGNE_TEST_STORE=postgresql) on a shifted
// clock (a Wednesday, 07:00 in Seo-gu): a promise within its window and an Idempotency-Key replay; the bad inputs
// that change nothing (same stop, outside the area, outside the hours, too many passengers, a reused key); a full
// fleet's clear no with the next possible time; the driver's stops in order to a completed ride on the operator's
// board; a phoned-in request whose phone only the operator sees (and whose read is logged); a breakdown re-planned;
// and, on PostgreSQL, two instances on one database keeping each other's promises.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server, call, assertProblem, STORE } from './harness.mjs';
import { login } from './booking_helpers.mjs';

const D = '/api/v1/dispatch';
const CLOCK_AT = '2026-12-02T07:00:00+09:00';
const env = { DONGNE_DISPATCH_CLOCK_AT: CLOCK_AT };
const server = new Server();
let resident, operator, driver, driver2, area, stop;

const at = (hhmm) => `2026-12-02T${hhmm}:00+09:00`;
const ride = (from, to, hhmm, extra = {}) => ({
  area_id: area.id, pickup_stop_id: stop[from], dropoff_stop_id: stop[to], pickup_after: at(hhmm), ...extra,
});

before(async () => {
  await server.start(env);
  resident = await login(server, 'resident@demo.dongne.kr');
  operator = await login(server, 'operator-shuttle@demo.dongne.kr');
  driver = await login(server, 'driver-shuttle@demo.dongne.kr');
  driver2 = await login(server, 'driver-shuttle2@demo.dongne.kr');
  const areas = await call(server, 'GET', `${D}/areas`);
  assert.equal(areas.status, 200);
  assert.equal(areas.body.today, '2026-12-02');
  area = areas.body.items.find((a) => a.code === 'geomdan');
  stop = Object.fromEntries(area.stops.map((s) => [s.code, s.id]));
});
after(() => server.stop());

test('a request is promised within its window, with a fare, and a retry with the same key replays it', async () => {
  const body = ride('GD-ORYU', 'GD-NORTH', '07:40');
  const a = await call(server, 'POST', `${D}/rides`, { token: resident, body, headers: { 'idempotency-key': 'api-1' } });
  assert.equal(a.status, 201, a.text);
  const r = a.body.ride;
  assert.equal(r.status, 'promised');
  assert.equal(r.window.from, at('07:40'));
  assert.equal(r.window.to, at('07:55'));
  assert.ok(r.eta.pickup >= r.window.from && r.eta.pickup <= r.window.to, JSON.stringify(r.eta));
  assert.ok(r.eta.dropoff > r.eta.pickup && r.eta.dropoff <= r.latest_arrival);
  assert.ok(r.fare_won >= 1000 && r.fare_won % 10 === 0);
  assert.ok(r.vehicle && r.vehicle.label);
  assert.equal(r.rider.name, '김*은', 'the rider sees her own name masked like everyone but the operator');
  const b = await call(server, 'POST', `${D}/rides`, { token: resident, body, headers: { 'idempotency-key': 'api-1' } });
  assert.equal(b.status, 201);
  assert.equal(b.body.ride.id, r.id);
  const c = await call(server, 'POST', `${D}/rides`, { token: resident, body: { ...body, passengers: 2 }, headers: { 'idempotency-key': 'api-1' } });
  assertProblem(assert, c, 409);
  assert.equal(c.body.reason, 'idempotency_key_reused');
  const mine = await call(server, 'GET', `${D}/me/rides`, { token: resident });
  assert.equal(mine.body.items.filter((x) => x.id === r.id).length, 1);
});

test('bad requests get field errors in Korean and English and change nothing', async () => {
  const before = (await call(server, 'GET', `${D}/me/rides`, { token: resident })).body.items.length;
  const cases = [
    [ride('GD-ORYU', 'GD-ORYU', '08:00'), 'dropoff_stop_id', 'same_stop'],
    [{ area_id: area.id, pickup: { lat: 37.45, lon: 126.70 }, dropoff_stop_id: stop['GD-NORTH'] }, 'pickup', 'outside_area'],
    [ride('GD-ORYU', 'GD-NORTH', '04:30'), 'pickup_after', 'outside_hours'],
    [ride('GD-ORYU', 'GD-NORTH', '06:00'), 'pickup_after', 'in_the_past'],
    [ride('GD-ORYU', 'GD-NORTH', '08:00', { passengers: 9 }), 'passengers', 'range'],
    [{ area_id: area.id, pickup_stop_id: 999999, dropoff_stop_id: stop['GD-NORTH'] }, 'pickup_stop_id', 'unknown_stop'],
    [ride('GD-ORYU', 'GD-NORTH', 'soon'), 'pickup_after', 'format'],
  ];
  for (const [body, field, code] of cases) {
    const r = await call(server, 'POST', `${D}/rides`, { token: resident, body });
    assert.ok(r.status === 400 || r.status === 422, `${code}: ${r.status} ${r.text}`);
    assert.match(r.headers.get('content-type'), /application\/problem\+json/);
    const e = r.body.errors.find((x) => x.field === field);
    assert.ok(e, `${code}: ${r.text}`);
    assert.equal(e.code, code);
    assert.ok(e.message_ko && e.message_en);
  }
  const snapped = await call(server, 'POST', `${D}/rides`, {
    token: resident, body: { area_id: area.id, pickup: { lat: 37.5950, lon: 126.6282 }, dropoff_stop_id: stop['GD-SOUTH'], pickup_after: at('09:00') } });
  assert.equal(snapped.status, 201, snapped.text);
  assert.equal(snapped.body.ride.pickup.code, 'GD-ORYU', 'a point near a stop is moved to it');
  const after = (await call(server, 'GET', `${D}/me/rides`, { token: resident })).body.items.length;
  assert.equal(after, before + 1);
});

test('a full fleet says no with the next possible time', async () => {
  let refusal = null;
  for (let i = 0; i < 12 && !refusal; i++) {
    const r = await call(server, 'POST', `${D}/rides`, { token: resident, body: ride('GD-GEOMAM', 'GD-EAST', '07:30', { passengers: 4 }) });
    if (r.status === 409) refusal = r;
    else assert.equal(r.status, 201, r.text);
  }
  assert.ok(refusal, 'the vans fill up');
  assertProblem(assert, refusal, 409);
  assert.equal(refusal.body.reason, 'no_vehicle');
  assert.ok('next_possible_at' in refusal.body);
  if (refusal.body.next_possible_at) {
    assert.ok(refusal.body.next_possible_at > at('07:30'));
    const later = await call(server, 'POST', `${D}/rides`, {
      token: resident, body: { ...ride('GD-GEOMAM', 'GD-EAST', '07:30', { passengers: 4 }), pickup_after: refusal.body.next_possible_at } });
    assert.equal(later.status, 201, `the time it named fits: ${later.text}`);
  }
});

test('the driver takes the next stop in order and the completed ride is on the operator board', async () => {
  const made = await call(server, 'POST', `${D}/rides`, { token: resident, body: ride('GD-SUPPORT', 'GD-MAJEON', '07:15') });
  assert.equal(made.status, 201, made.text);
  const id = made.body.ride.id;
  const mine = made.body.ride.vehicle.label.endsWith('1호') ? driver : driver2;
  const day = await call(server, 'GET', `${D}/driver/today`, { token: mine });
  assert.equal(day.status, 200);
  const steps = day.body.stops.filter((s) => s.ride_id === id);
  assert.deepEqual(steps.map((s) => s.action), ['pickup', 'dropoff']);
  // Take every stop in the order shown until this ride is done (other tests' rides may come first).
  for (let guard = 0; guard < 40; guard++) {
    const now = await call(server, 'GET', `${D}/driver/today`, { token: mine });
    const next = now.body.stops[0];
    if (!now.body.stops.some((s) => s.ride_id === id)) break;
    if (next.ride_id === id && next.action === 'pickup') {
      const wrong = await call(server, 'POST', `${D}/driver/stops`, { token: mine, body: { ride_id: id, action: 'dropped_off' } });
      assertProblem(assert, wrong, 409);
    }
    const r = await call(server, 'POST', `${D}/driver/stops`, {
      token: mine, body: { ride_id: next.ride_id, action: next.action === 'pickup' ? 'picked_up' : 'dropped_off' } });
    assert.equal(r.status, 200, r.text);
  }
  const done = await call(server, 'GET', `${D}/rides/${id}`, { token: resident });
  assert.equal(done.body.ride.status, 'completed');
  assert.ok(done.body.ride.picked_up_at && done.body.ride.dropped_off_at);
  const board = await call(server, 'GET', `${D}/areas/${area.id}/board`, { token: operator });
  assert.equal(board.status, 200, board.text);
  assert.ok(board.body.figures.completed >= 1);
  assert.ok(board.body.rides.some((x) => x.id === id && x.status === 'completed'));
  const other = await call(server, 'GET', `${D}/areas/${area.id}/board`, { token: await login(server, 'operator@demo.dongne.kr') });
  assertProblem(assert, other, 403);
  // Programmes counts the completed ride as an output of Seo-gu's Moving Call project, from the event alone.
  const projects = await call(server, 'GET', '/api/v1/programmes/projects');
  const shuttle = (projects.body.items || projects.body).find((p) => p.name === '검단일반산업단지 무빙콜');
  assert.ok(shuttle, 'the demo has the Moving Call project');
  let rides = [];
  for (let i = 0; i < 100 && rides.length === 0; i++) {  // the KPI catch-up runs every half second
    const outputs = await call(server, 'GET', `/api/v1/programmes/projects/${shuttle.id}/outputs`);
    rides = outputs.body.items.filter((o) => o.kind === 'ride' && o.day === '2026-12-02');
    if (rides.length === 0) await new Promise((r) => setTimeout(r, 100));
  }
  assert.ok(rides.length >= 1, 'the completed ride is a Programmes output');
});

test('a phoned-in request: the operator books, sees the phone (logged), and cancels', async () => {
  const noRider = await call(server, 'POST', `${D}/rides`, { token: operator, body: ride('GD-ORYU', 'GD-SOUTH', '10:00') });
  assert.equal(noRider.status, 422, noRider.text);
  assert.ok(noRider.body.errors.some((e) => e.field === 'rider.name'));
  const made = await call(server, 'POST', `${D}/rides`, {
    token: operator, body: ride('GD-ORYU', 'GD-SOUTH', '10:00', { rider: { name: '최영수', phone: '010-2345-6789' } }) });
  assert.equal(made.status, 201, made.text);
  assert.equal(made.body.ride.channel, 'phone');
  const read = await call(server, 'GET', `${D}/rides/${made.body.ride.id}`, { token: operator });
  assert.equal(read.body.ride.rider.phone, '01023456789');
  const board = await call(server, 'GET', `${D}/areas/${area.id}/board`, { token: operator });
  const queued = board.body.rides.find((x) => x.id === made.body.ride.id);
  assert.equal(queued.rider.name, '최*수');
  assert.ok(!('phone' in queued.rider), 'the queue shows no phones');
  const denied = await call(server, 'GET', `${D}/rides/${made.body.ride.id}`, { token: resident });
  assertProblem(assert, denied, 404);
  const cancelled = await call(server, 'POST', `${D}/rides/${made.body.ride.id}/cancel`, { token: operator });
  assert.equal(cancelled.status, 200, cancelled.text);
  assert.equal(cancelled.body.ride.status, 'cancelled');
  const again = await call(server, 'POST', `${D}/rides/${made.body.ride.id}/cancel`, { token: operator });
  assertProblem(assert, again, 409);
});

test('a recurring weekday ride is booked through the horizon', async () => {
  const r = await call(server, 'POST', `${D}/series`, {
    token: resident,
    body: { area_id: area.id, pickup_stop_id: stop['GD-WANGGIL'], dropoff_stop_id: stop['GD-SUPPORT'], time: '18:10', days: ['mon', 'tue', 'wed', 'thu', 'fri'] },
  });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.series.booked_through, '2026-12-09');
  assert.equal(r.body.occurrences.length, 6);
  assert.ok(r.body.occurrences.every((o) => o.ride || o.refusal));
  const bad = await call(server, 'POST', `${D}/series`, {
    token: resident, body: { area_id: area.id, pickup_stop_id: stop['GD-WANGGIL'], dropoff_stop_id: stop['GD-SUPPORT'], time: '3pm', days: ['someday'] } });
  assert.equal(bad.status, 422, bad.text);
  assert.deepEqual(bad.body.errors.map((e) => e.field).sort(), ['days', 'time']);
  const cancel = await call(server, 'POST', `${D}/series/${r.body.series.id}/cancel`, { token: resident });
  assert.equal(cancel.status, 200, cancel.text);
});

test('a breakdown re-plans the van\'s rides or reports them', async () => {
  const made = await call(server, 'POST', `${D}/rides`, { token: resident, body: ride('GD-EAST', 'GD-ORYU', '11:30') });
  assert.equal(made.status, 201, made.text);
  const vehicleId = made.body.ride.vehicle.id;
  const out = await call(server, 'POST', `${D}/vehicles/${vehicleId}/breakdown`, { token: operator });
  assert.equal(out.status, 200, out.text);
  const after = await call(server, 'GET', `${D}/rides/${made.body.ride.id}`, { token: resident });
  if (out.body.replanned.includes(made.body.ride.id)) {
    assert.equal(after.body.ride.status, 'promised');
    assert.notEqual(after.body.ride.vehicle.id, vehicleId);
  } else {
    assert.equal(after.body.ride.status, 'at_risk');
    assert.ok(after.body.ride.problem);
  }
  const board = await call(server, 'GET', `${D}/areas/${area.id}/board`, { token: operator });
  assert.equal(board.body.vehicles.find((v) => v.id === vehicleId).status, 'broken');
});

test('two instances on one PostgreSQL database keep each other\'s promises', { skip: STORE !== 'postgresql' }, async () => {
  const second = new Server({ db: server.db });
  await second.start(env);
  try {
    const tokens = [resident, await login(second, 'resident@demo.dongne.kr')];
    const made = [];
    for (let i = 0; i < 8; i++) {
      const srv = i % 2 ? second : server;
      const hhmm = `13:${String(10 + i * 4).padStart(2, '0')}`;
      const r = await call(srv, 'POST', `${D}/rides`, { token: tokens[i % 2], body: ride(i % 2 ? 'GD-ORYU' : 'GD-NORTH', 'GD-MAJEON', hhmm, { passengers: 2 }) });
      assert.ok(r.status === 201 || r.status === 409, r.text);
      if (r.status === 201) made.push(r.body.ride.id);
    }
    const board = await call(server, 'GET', `${D}/areas/${area.id}/board`, { token: operator });
    for (const id of made) {
      const x = board.body.rides.find((y) => y.id === id);
      assert.equal(x.status, 'promised');
      assert.ok(x.eta.pickup >= x.window.from && x.eta.pickup <= x.window.to, `ride ${id}: ${JSON.stringify(x.eta)} ${JSON.stringify(x.window)}`);
    }
  } finally {
    await second.stop();
  }
});
