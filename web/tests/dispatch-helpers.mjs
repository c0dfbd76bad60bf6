// Shared set-up for the Dispatch (무빙콜) journeys and their accessibility checks: the demo area "geomdan" with its
// stops, rides made through the API (each test finds its own ride by id; other tests may have run first on the same
// server), and a ride put on the demo driver's vehicle so it is his next stop. On the e2e server the shuttle runs on a
// shifted clock (DONGNE_DISPATCH_CLOCK_AT, 2026-12-02T07:00+09:00 plus elapsed time); the tests take "today" and
// "now" from GET /areas, never from the browser's clock.
import { request, expect } from '@playwright/test';
import { BASE, apiAs } from './jobs-helpers.mjs';

export { BASE, apiAs };
export const D = '/api/v1/dispatch';
export const OPERATOR = 'operator-shuttle';
export const DRIVER = 'driver-shuttle';

/** GET /areas as anyone: {area (the demo's geomdan), today, now}. */
export async function geomdan() {
  const ctx = await request.newContext({ baseURL: BASE });
  const r = await ctx.get(`${D}/areas`);
  expect(r.status()).toBe(200);
  const body = await r.json();
  const area = body.items.find((a) => a.code === 'geomdan') || body.items[0];
  expect(area, 'the demo area geomdan').toBeTruthy();
  expect(area.stops.length).toBeGreaterThanOrEqual(4);
  await ctx.dispose();
  return { area, today: body.today, now: body.now };
}

/** A ride requested through the API by a resident (ASAP unless told); returns the Ride. */
export async function requestRide(resident, area, { from = 0, to = 3, ...over } = {}) {
  const r = await resident.post(`${D}/rides`, {
    area_id: area.id, pickup_stop_id: area.stops[from].id, dropoff_stop_id: area.stops[to].id, passengers: 1, ...over,
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.ride;
}

/** The demo driver's vehicle today (GET /driver/today as the driver). */
export async function driverVehicle() {
  const driver = await apiAs(DRIVER);
  const r = await driver.get(`${D}/driver/today`);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  expect(r.body.vehicle, 'the demo driver has a vehicle today').toBeTruthy();
  return r.body.vehicle;
}

/** Puts a ride on the demo driver's vehicle (the operator's assign), unless the engine already planned it there. */
export async function onDriversVehicle(rideId) {
  const vehicle = await driverVehicle();
  const operator = await apiAs(OPERATOR);
  const got = await operator.get(`${D}/rides/${rideId}`);
  expect(got.status, JSON.stringify(got.body)).toBe(200);
  if (got.body.ride.vehicle?.id !== vehicle.id) {
    const r = await operator.post(`${D}/rides/${rideId}/assign`, { vehicle_id: vehicle.id });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
  }
  return vehicle;
}

/**
 * A pickup and a drop-off (indexes into area.stops) that the demo driver's van can reach soon: the pickup is the stop
 * nearest its last position (the stop where it last dropped someone off), the first stop if it has none yet.
 */
export async function stopsNearDriver(area) {
  const vehicle = await driverVehicle();
  const operator = await apiAs(OPERATOR);
  const board = await operator.get(`${D}/areas/${area.id}/board`);
  expect(board.status, JSON.stringify(board.body)).toBe(200);
  const pos = board.body.vehicles.find((v) => v.id === vehicle.id)?.position;
  let from = 0;
  if (pos) {
    const d = (s) => (s.lat - pos.lat) ** 2 + ((s.lon - pos.lon) * Math.cos((pos.lat * Math.PI) / 180)) ** 2;
    area.stops.forEach((s, i) => {
      if (d(s) < d(area.stops[from])) from = i;
    });
  }
  return [from, (from + 3) % area.stops.length];
}

/**
 * A resident's ride on the demo driver's vehicle: as soon as possible from a stop near the van, or, if the operator
 * cannot put it on that van, 40 minutes later (the refused attempt is cancelled). Returns the Ride.
 */
export async function rideOnDriversVehicle(resident, area, now) {
  const [from, to] = await stopsNearDriver(area);
  const vehicle = await driverVehicle();
  const operator = await apiAs(OPERATOR);
  const later = new Date(Date.parse(now) + 40 * 60000 + 9 * 3600000).toISOString().slice(0, 16);
  for (const over of [{}, { pickup_after: `${later}:00+09:00` }]) {
    const ride = await requestRide(resident, area, { from, to, ...over });
    if (ride.vehicle?.id === vehicle.id) return ride;
    const r = await operator.post(`${D}/rides/${ride.id}/assign`, { vehicle_id: vehicle.id });
    if (r.status === 200) return r.body.ride;
    expect(r.status, JSON.stringify(r.body)).toBe(409);
    await operator.post(`${D}/rides/${ride.id}/cancel`);
  }
  throw new Error('no ride could be put on the demo driver\'s vehicle');
}

/** Cancels rides left promised by a test (best effort: one already done or cancelled is left as it is). */
export async function cancelRides(ids) {
  if (!ids.length) return;
  const operator = await apiAs(OPERATOR);
  for (const id of ids) await operator.post(`${D}/rides/${id}/cancel`);
}
