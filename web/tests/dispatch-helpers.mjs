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

/** Cancels rides left promised by a test (best effort: one already done or cancelled is left as it is). */
export async function cancelRides(ids) {
  if (!ids.length) return;
  const operator = await apiAs(OPERATOR);
  for (const id of ids) await operator.post(`${D}/rides/${id}/cancel`);
}
