// Shared set-up for the luggage-delivery journeys (프리러그) and their accessibility checks: the demo luggage area
// with its places (Incheon Airport T1 and T2, hotels), orders made through the API as a traveller without an account
// (or as a signed-in resident), an order put on the demo courier's van so it is his next stop, and clean-up. On the
// e2e server dispatch runs on a shifted clock (DONGNE_DISPATCH_CLOCK_AT, 2026-12-02T07:00+09:00 plus elapsed time);
// "today" and "now" come from GET /areas, never from the browser's clock.
import { request, expect } from '@playwright/test';
import { BASE, apiAs } from './jobs-helpers.mjs';

export { BASE, apiAs };
export const D = '/api/v1/dispatch';
export const L = `${D}/luggage`;
// The demo accounts of the luggage operator (Smile System, 프리러그) and its courier (van 1, 프리러그 1호).
export const LUGGAGE_OPERATOR = 'operator';
export const COURIER = 'driver';

/** GET /areas as anyone: {area (the demo's luggage area), t1, t2, hotel, today, now}. */
export async function luggageArea() {
  const ctx = await request.newContext({ baseURL: BASE });
  const r = await ctx.get(`${D}/areas`);
  expect(r.status()).toBe(200);
  const body = await r.json();
  await ctx.dispose();
  const area = body.items.find((a) => a.kind === 'luggage');
  expect(area, 'the demo luggage area').toBeTruthy();
  const byCode = (c) => area.stops.find((s) => s.code === c);
  const t1 = byCode('ICN-T1') || area.stops[0];
  const t2 = byCode('ICN-T2') || area.stops[1];
  // A hotel in Gyeyang if the demo has it, else any place that is not a terminal.
  const hotel = byCode('HTL-GYEYANG') || area.stops.find((s) => !/^ICN/.test(s.code || '')) || area.stops[2];
  return { area, t1, t2, hotel, today: body.today, now: body.now };
}

/** "YYYY-MM-DDTHH:MM:00+09:00" minutes after an RFC 3339 instant, in Seoul, on a 10-minute step. */
export function seoulAt(nowIso, plusMin) {
  const ms = Date.parse(nowIso) + plusMin * 60000;
  const step = Math.ceil(ms / 600000) * 600000;
  return `${new Date(step + 9 * 3600000).toISOString().slice(0, 16)}:00+09:00`;
}

/** An anonymous API client (a traveller without an account). */
export async function traveller() {
  const ctx = await request.newContext({ baseURL: BASE });
  const call = async (method, p, data, headers = {}) => {
    const res = await ctx.fetch(p, { method, data, headers });
    const body = res.headers()['content-type']?.includes('json') ? await res.json() : null;
    return { status: res.status(), body };
  };
  return {
    get: (p) => call('GET', p),
    post: (p, d, h) => call('POST', p, d ?? {}, h),
    dispose: () => ctx.dispose(),
  };
}

/** An order from T1 to the hotel through the API (as `client`, a traveller unless told); returns the Order. */
export async function orderLuggage(client, { area, t1, hotel, now }, over = {}) {
  const body = {
    area_id: area.id, pickup_place_id: t1.id, delivery_place_id: hotel.id,
    ready_at: seoulAt(now, (area.lead_min ?? 30) + 10), bags: 2,
    customer: { name: 'e2e Traveller', email: 'traveller@example.com' }, ...over,
  };
  if (!body.deliver_by) body.deliver_by = seoulAt(body.ready_at, 180);
  const r = await client.post(`${L}/orders`, body, { 'Idempotency-Key': `e2e-${Date.now()}-${Math.random()}` });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.order;
}

/** The demo courier's van today (GET /driver/today as the courier). */
export async function courierVehicle() {
  const courier = await apiAs(COURIER);
  const r = await courier.get(`${D}/driver/today`);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  expect(r.body.vehicle, 'the demo courier has a van today').toBeTruthy();
  return r.body.vehicle;
}

/** Puts an order on the demo courier's van (the operator's assign), unless the engine already planned it there. */
export async function onCouriersVan(order) {
  const vehicle = await courierVehicle();
  if (order.courier?.vehicle_id !== vehicle.id) {
    const operator = await apiAs(LUGGAGE_OPERATOR);
    const r = await operator.post(`${D}/rides/${order.id}/assign`, { vehicle_id: vehicle.id });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
  }
  return vehicle;
}

/** The day's orders as the operator sees them. */
export async function dayOrders(area) {
  const operator = await apiAs(LUGGAGE_OPERATOR);
  const r = await operator.get(`${L}/areas/${area.id}/orders`);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
}

/**
 * Cancels the day's orders that are still before pickup (other tests' leftovers), so the courier's next stop is the
 * one a test makes. Orders already picked up are left as they are.
 */
export async function cancelOpenOrders(area) {
  const operator = await apiAs(LUGGAGE_OPERATOR);
  const { orders } = await dayOrders(area);
  for (const o of orders) if (o.status === 'scheduled' || o.status === 'at_risk') await operator.post(`${D}/rides/${o.id}/cancel`);
}

/** Cancels orders left before pickup by a test (best effort). */
export async function cancelOrders(ids) {
  if (!ids.length) return;
  const operator = await apiAs(LUGGAGE_OPERATOR);
  for (const id of ids) await operator.post(`${D}/rides/${id}/cancel`);
}

/**
 * Fills a time of the day with full orders (the area's most bags each) until the server refuses one for its deadline
 * and names a later deadline that fits. Returns {refused (the refused body), made (ids of the orders it placed)}.
 */
export async function fillUntilRefused(client, { area, today }, { ready = '12:00', by = '13:40' } = {}) {
  const made = [];
  let refused = null;
  for (let i = 0; i < 16 && !refused; i += 1) {
    const body = {
      area_id: area.id, pickup_place_id: area.stops[i % 2].id, delivery_place_id: area.stops[2 + (i % (area.stops.length - 2))].id,
      ready_at: `${today}T${ready}:00+09:00`, deliver_by: `${today}T${by}:00+09:00`, bags: area.max_passengers || 8,
      customer: { name: 'e2e Fill', email: 'fill@example.com' },
    };
    const r = await client.post(`${L}/orders`, body, { 'Idempotency-Key': `fill-${Date.now()}-${i}-${Math.random()}` });
    if (r.status === 201) made.push(r.body.order.id);
    else if (r.status === 409 && r.body.reason === 'no_vehicle' && r.body.later_deadline_at) refused = body;
    else expect(r.status, JSON.stringify(r.body)).toBe(201);
  }
  return { refused, made };
}
