// Shared steps for the booking API tests: sign in by email, make a resource as a facility manager, register
// walk-in households. Everything goes through the real HTTP API.
import { call, DEMO_PASSWORD } from './harness.mjs';

export const CLOCK_AT = '2026-12-01T10:50:00+09:00';  // a Tuesday morning in Jinju (DONGNE_BOOKING_CLOCK_AT)

export async function login(server, email, password = DEMO_PASSWORD) {
  const r = await call(server, 'POST', '/api/v1/auth/login', { body: { login: email, password, token: true } });
  if (r.status !== 200) throw new Error(`login ${email}: ${r.status} ${r.text}`);
  return r.body.token;
}

export async function facilityId(server, code) {
  const r = await call(server, 'GET', '/api/v1/organisations?kind=facility');
  const items = r.body.items || r.body;
  const f = items.find((o) => o.code === code);
  if (!f) throw new Error(`no facility ${code}: ${r.text}`);
  return f.id;
}

export function allWeek(open = '09:00', close = '18:00') {
  const day = [[open, close]];
  return { mon: day, tue: day, wed: day, thu: day, fri: day, sat: day, sun: day };
}

export async function makeResource(server, token, body) {
  const r = await call(server, 'POST', '/api/v1/booking/resources', { token, body });
  if (r.status !== 201) throw new Error(`create resource: ${r.status} ${r.text}`);
  return r.body;
}

export async function walkIn(server, token, name, extra = {}) {
  const r = await call(server, 'POST', '/api/v1/booking/households', {
    token,
    body: { contact_name: name, city_code: 'jinju', members: [{ label: 'child', is_child: true, birth_month: '2026-05' }], ...extra },
  });
  if (r.status !== 201) throw new Error(`walk-in household: ${r.status} ${r.text}`);
  return r.body.household;
}
