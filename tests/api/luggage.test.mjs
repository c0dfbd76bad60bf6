// Luggage delivery's API against the real binary (SQLite, or PostgreSQL with DONGNE_TEST_STORE=postgresql) on a
// shifted clock (a Wednesday, 07:00 in Incheon): a traveller without an account orders and follows her order by its
// link, the same Idempotency-Key replays it; bad orders get field errors in Korean and English and change nothing;
// the courier confirms pickup and delivery with the codes (a wrong code is refused), the fee is paid at pickup, the
// operator sees the day with the customer's phone (a logged read) and the delivery is a Programmes output of
// Gyeyang's free-lug project; cancelling by the link before pickup.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server, call, assertProblem } from './harness.mjs';
import { login } from './booking_helpers.mjs';

const D = '/api/v1/dispatch';
const server = new Server();
let operator, courier, resident, area, place;

const at = (hhmm) => `2026-12-02T${hhmm}:00+09:00`;
const order = (from, to, ready, by, extra = {}) => ({
  area_id: area.id, pickup_place_id: place[from], delivery_place_id: place[to], ready_at: at(ready), deliver_by: at(by),
  bags: 2, flight: 'VN414', customer: { name: 'Nguyen Thi Lan', phone: '010-2345-6789' }, ...extra,
});

before(async () => {
  await server.start({ DONGNE_DISPATCH_CLOCK_AT: '2026-12-02T07:00:00+09:00' });
  operator = await login(server, 'operator@demo.dongne.kr');
  courier = await login(server, 'driver@demo.dongne.kr');
  resident = await login(server, 'resident@demo.dongne.kr');
  const areas = await call(server, 'GET', `${D}/areas`);
  area = areas.body.items.find((a) => a.code === 'free-lug');
  assert.ok(area, 'the demo has the free-lug area');
  assert.equal(area.kind, 'luggage');
  assert.ok(area.fare.per_bag_won > 0);
  place = Object.fromEntries(area.stops.map((s) => [s.code, s.id]));
});
after(() => server.stop());

test('a traveller without an account orders, follows it by its link, and her key replays the order', async () => {
  const body = order('ICN-T1', 'HTL-SONGDO-SHERATON', '08:00', '12:00');
  const a = await call(server, 'POST', `${D}/luggage/orders`, { body, headers: { 'idempotency-key': 'lug-1' } });
  assert.equal(a.status, 201, a.text);
  const o = a.body.order;
  assert.equal(o.status, 'scheduled');
  assert.equal(o.pickup.window.from, at('08:00'));
  assert.equal(o.pickup.window.to, at('09:00'));
  assert.ok(o.pickup.eta >= o.pickup.window.from && o.pickup.eta <= o.pickup.window.to, JSON.stringify(o.pickup));
  assert.ok(o.delivery.eta <= o.delivery.deliver_by, JSON.stringify(o.delivery));
  assert.match(o.codes.pickup, /^\d{6}$/);
  assert.match(o.codes.delivery, /^\d{6}$/);
  assert.equal(o.tracking_path, `/luggage/track/${o.tracking_token}`);
  assert.ok(o.fee_won >= 10000 + 2 * area.fare.per_bag_won && o.fee_won % 10 === 0);
  assert.equal(o.paid, false);
  assert.equal(o.customer.name, 'Nguyen Thi Lan');
  assert.equal(o.customer.phone, undefined, 'contacts are for the operator');
  assert.equal(o.risk.late, false);
  const again = await call(server, 'POST', `${D}/luggage/orders`, { body, headers: { 'idempotency-key': 'lug-1' } });
  assert.equal(again.status, 201);
  assert.equal(again.body.order.id, o.id);
  const tracked = await call(server, 'GET', `${D}/luggage/track/${o.tracking_token}`);
  assert.equal(tracked.status, 200);
  assert.equal(tracked.body.order.id, o.id);
  assert.ok(tracked.body.order.courier && tracked.body.order.courier.label);
  const unknown = await call(server, 'GET', `${D}/luggage/track/${'x'.repeat(43)}`);
  assertProblem(assert, unknown, 404);
});

test('bad orders get field errors in Korean and English and change nothing', async () => {
  const before = (await call(server, 'GET', `${D}/luggage/areas/${area.id}/orders`, { token: operator })).body.figures.ordered;
  const noContact = order('ICN-T1', 'HTL-BUPYEONG', '08:00', '12:00');
  delete noContact.customer.phone;
  const cases = [
    [order('ICN-T1', 'HTL-BUPYEONG', '12:00', '11:00'), 'deliver_by', 'pickup_after_delivery'],
    [order('ICN-T1', 'HTL-BUPYEONG', '08:00', '08:10'), 'deliver_by', 'impossible_deadline'],
    [order('ICN-T1', 'ICN-T1', '08:00', '12:00'), 'delivery_place_id', 'same_place'],
    [order('ICN-T1', 'HTL-BUPYEONG', '08:00', '12:00', { bags: 20 }), 'bags', 'range'],
    [order('ICN-T1', 'HTL-BUPYEONG', '06:00', '12:00'), 'ready_at', 'outside_hours'],
    [order('ICN-T1', 'HTL-BUPYEONG', 'soon', '12:00'), 'ready_at', 'format'],
    [noContact, 'customer.contact', 'required'],
    [{ ...order('ICN-T1', 'HTL-BUPYEONG', '08:00', '12:00'), pickup_place_id: 999999 }, 'pickup_place_id', 'unknown_place'],
  ];
  for (const [body, field, code] of cases) {
    const r = await call(server, 'POST', `${D}/luggage/orders`, { body });
    assert.ok(r.status === 400 || r.status === 422, `${code}: ${r.status} ${r.text}`);
    assert.match(r.headers.get('content-type'), /application\/problem\+json/);
    const e = r.body.errors.find((x) => x.field === field);
    assert.ok(e, `${code}: ${r.text}`);
    assert.equal(e.code, code);
    assert.ok(e.message_ko && e.message_en);
  }
  // The shuttle's request route refuses a luggage area, and the luggage route a shuttle area.
  const asRide = await call(server, 'POST', `${D}/rides`, {
    token: resident, body: { area_id: area.id, pickup_stop_id: place['ICN-T1'], dropoff_stop_id: place['HTL-HARBOR'] } });
  assert.equal(asRide.body.errors[0].code, 'not_a_shuttle');
  const after = (await call(server, 'GET', `${D}/luggage/areas/${area.id}/orders`, { token: operator })).body.figures.ordered;
  assert.equal(after, before);
});

test('the courier confirms with the codes, the operator sees the day, and the delivery is a Programmes output', async () => {
  const made = await call(server, 'POST', `${D}/luggage/orders`, { body: order('ICN-T1', 'HTL-HARBOR', '07:30', '11:00') });
  assert.equal(made.status, 201, made.text);
  const o = made.body.order;
  const mine = o.courier.label.endsWith('1호') ? courier : await login(server, 'courier2@demo.dongne.kr');
  const day = await call(server, 'GET', `${D}/driver/today`, { token: mine });
  assert.equal(day.status, 200);
  assert.equal(day.body.vehicle.area.kind, 'luggage');
  const steps = day.body.stops.filter((s) => s.ride_id === o.id);
  assert.deepEqual(steps.map((s) => s.action), ['pickup', 'dropoff']);
  assert.equal(steps[0].code_required, true);
  assert.equal(steps[0].bags, 2);
  assert.equal(steps[1].deliver_by, at('11:00'));
  // Take every stop in the order shown until this order is delivered (other tests' orders may come first).
  const codes = new Map([[o.id, o.codes]]);
  for (let guard = 0; guard < 40; guard++) {
    const now = await call(server, 'GET', `${D}/driver/today`, { token: mine });
    if (!now.body.stops.some((s) => s.ride_id === o.id)) break;
    const next = now.body.stops[0];
    if (!codes.has(next.ride_id)) {
      const other = await call(server, 'GET', `${D}/luggage/areas/${area.id}/orders`, { token: operator });
      const x = other.body.orders.find((y) => y.id === next.ride_id);
      codes.set(next.ride_id, x.codes);
    }
    const action = next.action === 'pickup' ? 'picked_up' : 'dropped_off';
    const code = next.action === 'pickup' ? codes.get(next.ride_id).pickup : codes.get(next.ride_id).delivery;
    if (next.ride_id === o.id && next.action === 'pickup') {
      const wrong = await call(server, 'POST', `${D}/driver/stops`, { token: mine, body: { ride_id: o.id, action, code: code === '000000' ? '111111' : '000000' } });
      assertProblem(assert, wrong, 422);
      assert.equal(wrong.body.errors[0].field, 'code');
      assert.equal(wrong.body.errors[0].code, 'wrong_code');
    }
    const r = await call(server, 'POST', `${D}/driver/stops`, { token: mine, body: { ride_id: next.ride_id, action, code } });
    assert.equal(r.status, 200, r.text);
  }
  const done = await call(server, 'GET', `${D}/luggage/track/${o.tracking_token}`);
  assert.equal(done.body.order.status, 'delivered');
  assert.equal(done.body.order.paid, true);
  assert.ok(done.body.order.pickup.done_at && done.body.order.delivery.done_at);
  const board = await call(server, 'GET', `${D}/luggage/areas/${area.id}/orders`, { token: operator });
  assert.equal(board.status, 200, board.text);
  assert.ok(board.body.figures.delivered >= 1);
  const row = board.body.orders.find((x) => x.id === o.id);
  assert.equal(row.customer.phone, '01023456789', 'the operator sees the contact (normalised)');
  const shuttleOp = await call(server, 'GET', `${D}/luggage/areas/${area.id}/orders`, { token: await login(server, 'operator-shuttle@demo.dongne.kr') });
  assertProblem(assert, shuttleOp, 403);
  const projects = await call(server, 'GET', '/api/v1/programmes/projects');
  const project = (projects.body.items || projects.body).find((p) => p.name === '프리러그 (free-lug) 당일 짐 배송');
  assert.ok(project, 'the demo has the free-lug project');
  let deliveries = [];
  for (let i = 0; i < 100 && deliveries.length === 0; i++) {  // the KPI catch-up runs every half second
    const outputs = await call(server, 'GET', `/api/v1/programmes/projects/${project.id}/outputs`);
    deliveries = outputs.body.items.filter((x) => x.kind === 'delivery' && x.day === '2026-12-02');
    if (deliveries.length === 0) await new Promise((r) => setTimeout(r, 100));
  }
  assert.ok(deliveries.length >= 1, 'the completed delivery is a Programmes output');
});

test('a signed-in resident lists her orders, and anyone with the link cancels before pickup', async () => {
  const made = await call(server, 'POST', `${D}/luggage/orders`, {
    token: resident, body: { ...order('ICN-T2', 'HTL-PARADISE', '10:00', '14:00'), customer: undefined } });
  assert.equal(made.status, 201, made.text);
  const o = made.body.order;
  const mine = await call(server, 'GET', `${D}/me/luggage`, { token: resident });
  assert.equal(mine.status, 200);
  assert.ok(mine.body.items.some((x) => x.id === o.id && x.codes));
  const cancelled = await call(server, 'POST', `${D}/luggage/track/${o.tracking_token}/cancel`);
  assert.equal(cancelled.status, 200, cancelled.text);
  assert.equal(cancelled.body.order.status, 'cancelled');
  const twice = await call(server, 'POST', `${D}/luggage/track/${o.tracking_token}/cancel`);
  assertProblem(assert, twice, 409);
  assert.equal(twice.body.reason, 'not_active');
});
