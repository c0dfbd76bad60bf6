// Shared pieces of the booking pages: API calls with an Idempotency-Key, Seoul-time formatting, outcome and
// status labels, and a live status box that shows the server's Korean/English message and reason code.
import { h, clear } from '../dom.js';
import { api, ApiError } from '../api.js';
import { seoulTime as hhmm } from '../seoul.js';

export const B = '/api/v1/booking';

/** POST with an Idempotency-Key: retrying the same key gives the same answer (the server stores it). */
export async function postOnce(path, body, key) {
  let res;
  try {
    res = await fetch(path, {
      method: 'POST', credentials: 'same-origin', cache: 'no-store',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json, application/problem+json', 'Idempotency-Key': key },
      body: JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, null, { network: true });
  }
  const data = await res.json().catch(() => null);
  if (!res.ok) throw new ApiError(res.status, data);
  return data;
}

export const newKey = () => (crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random()}`);

/** "10:00" in Seoul time from an RFC 3339 instant; "YYYY-MM-DD" of an instant in Seoul (see seoul.js). */
export { seoulTime as hhmm, seoulDate, addDays } from '../seoul.js';

/** When a booking is for, as nodes: date + time range, or the loan's days. */
export function whenOf(b) {
  if (b.pickup_date) return [h('time', { date: b.pickup_date }), ' – ', h('time', { date: b.return_date })];
  return [h('time', { date: b.start.slice(0, 10) }), ` ${hhmm(b.start)}–${hhmm(b.end)}`];
}

export const statusKey = (s) => `booking.status.${s}`;

/** A polite live region that shows results and refusals (with the reason code). */
export function statusBox(id) {
  const box = h('div', { id, class: 'booking-status', attrs: { role: 'status', 'aria-live': 'polite' } });
  return {
    el: box,
    ok(ko, en, extra) {
      clear(box);
      box.className = 'booking-status ok';
      box.append(h('p', { ko, en }), extra || null);
    },
    fail(err) {
      clear(box);
      box.className = 'booking-status error';
      const p = err instanceof ApiError ? err.problem : {};
      if (err instanceof ApiError && err.network) {
        box.append(h('p', { i18n: 'error.network' }));
        return;
      }
      box.append(h('p', { ko: p.title_ko || p.title || String(err), en: p.title || String(err) }));
      for (const e of p.errors || []) box.append(h('p', { class: 'muted', ko: `${e.field}: ${e.message_ko}`, en: `${e.field}: ${e.message_en}` }));
      if (p.reason) box.append(h('p', { class: 'muted' }, h('span', { i18n: 'booking.reason_code' }), ' ', h('code', {}, p.reason)));
    },
  };
}

export async function myHousehold() {
  return (await api.get(`${B}/household`)).household;
}

export function name(r) {
  return h('span', { ko: r.name_ko, en: r.name_en });
}

/**
 * The facilities this person manages: every one for an admin, a city's for a city-wide facility manager, else the ones their
 * facility_manager grants are scoped to. The server checks the scope again on every write.
 */
export async function managedFacilities(user) {
  const { items } = await api.get('/api/v1/organisations?kind=facility');
  const grants = user?.roles || [];
  // A grant covers its organisation and everything under it: a facility, or a whole city's facilities.
  const all = grants.some((g) => g.role === 'admin');
  return items.filter((f) => all || grants.some((g) => g.role === 'facility_manager'
    && ((g.scope_kind === 'facility' && g.scope_id === f.id) || (g.scope_kind === 'city' && g.scope_id === f.parent_id))));
}
