// The shuttle operations no other API journey answers with a success, called here as the operator and a driver so
// that their real answers are checked against the OpenAPI document too (contract.mjs): an operator puts a promised
// ride on a van, and the driver sends her position, goes offline and comes back (each answered with what was
// re-planned). On a shifted clock, a Wednesday 07:00 in Seo-gu.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server, call } from './harness.mjs';
import { login } from './booking_helpers.mjs';

const D = '/api/v1/dispatch';
const server = new Server();
let resident, operator, driver, area;

before(async () => {
  await server.start({ DONGNE_DISPATCH_CLOCK_AT: '2026-12-02T07:00:00+09:00' });
  resident = await login(server, 'resident@demo.dongne.kr');
  operator = await login(server, 'operator-shuttle@demo.dongne.kr');
  driver = await login(server, 'driver-shuttle@demo.dongne.kr');
  area = (await call(server, 'GET', `${D}/areas`)).body.items.find((a) => a.code === 'geomdan');
});
after(() => server.stop());

test("the operator assigns a ride; the driver's position and status are answered with what was re-planned", async () => {
  const stop = Object.fromEntries(area.stops.map((s) => [s.code, s]));
  const made = await call(server, 'POST', `${D}/rides`, {
    token: resident, body: { area_id: area.id, pickup_stop_id: stop['GD-ORYU'].id, dropoff_stop_id: stop['GD-NORTH'].id, pickup_after: '2026-12-02T08:10:00+09:00' },
  });
  assert.equal(made.status, 201, made.text);
  const board = await call(server, 'GET', `${D}/areas/${area.id}/board`, { token: operator });
  assert.equal(board.status, 200, board.text);
  const vehicle = board.body.vehicles.find((v) => v.id !== made.body.ride.vehicle?.id) || board.body.vehicles[0];
  const assigned = await call(server, 'POST', `${D}/rides/${made.body.ride.id}/assign`, { token: operator, body: { vehicle_id: vehicle.id } });
  assert.equal(assigned.status, 200, assigned.text);
  assert.equal(assigned.body.ride.vehicle.id, vehicle.id);
  const here = stop['GD-ORYU'];
  const pos = await call(server, 'POST', `${D}/driver/position`, { token: driver, body: { lat: here.lat, lon: here.lon } });
  assert.equal(pos.status, 200, pos.text);
  assert.ok(Array.isArray(pos.body.replanned));
  for (const status of ['offline', 'on']) {
    const s = await call(server, 'POST', `${D}/driver/status`, { token: driver, body: { status } });
    assert.equal(s.status, 200, s.text);
  }
});
