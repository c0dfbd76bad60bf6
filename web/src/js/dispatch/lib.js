// Shared pieces of the Dispatch pages (무빙콜, the on-demand shuttle): the API base, the service areas (with the
// server's "today" and "now", which on a test server run on the shuttle's own clock), stop names in both languages,
// ride and vehicle states, times in Seoul, fares in won, who may operate an area, a POST with an Idempotency-Key, and
// a refresh that redraws a part of the page without taking focus away from the person using it.
import { h, clear } from '../dom.js';
import { api, ApiError } from '../api.js';
import { seoulTime, seoulDate } from '../seoul.js';
import { fmt } from '../programmes/lib.js';

export { postOnce, newKey } from '../booking/lib.js';

export const D = '/api/v1/dispatch';
export const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

export const rideStatusKey = (s) => `dispatch.status.${RIDE_STATES.includes(s) ? s : 'other'}`;
export const vehicleStatusKey = (s) => `dispatch.vstatus.${VEHICLE_STATES.includes(s) ? s : 'other'}`;
export const dayKey = (d) => `dispatch.day.${d}`;
const RIDE_STATES = ['promised', 'onboard', 'completed', 'cancelled', 'no_show', 'refused', 'at_risk'];
const VEHICLE_STATES = ['on', 'offline', 'broken', 'off_shift'];
/** A ride the rider or the operator may still cancel. */
export const cancellable = (r) => r && (r.status === 'promised' || r.status === 'at_risk');

/** GET /areas: {items, today, now}; today and now fall back to the browser's clock (in Seoul) if the server is silent. */
export async function loadAreas() {
  const res = await api.get(`${D}/areas`);
  const now = res.now || new Date().toISOString();
  return { items: res.items || [], now, today: res.today || seoulDate(now) };
}

const hasRole = (user, role) => !!user?.roles?.some((g) => g.role === role);
/** Operators take phoned-in requests; admins may do everything they may. */
export const isOperator = (user) => hasRole(user, 'operator') || hasRole(user, 'admin');
export const isResident = (user) => hasRole(user, 'resident');

/** The areas this person operates: every one for an admin, else those whose operating organisation a grant names. */
export function operatedAreas(user, areas) {
  if (hasRole(user, 'admin')) return areas;
  const orgs = (user?.roles || []).filter((g) => g.role === 'operator').map((g) => g.scope_id);
  const mine = areas.filter((a) => orgs.includes(a.operator_id));
  return mine.length ? mine : areas;
}

/** A stop's (or an area's) name as a node that relabels itself. */
export const named = (o) => (o ? h('span', { ko: o.name_ko || o.name_en || o.code || '', en: o.name_en || o.name_ko || o.code || '' }) : '');

/** "07:20" in Seoul from an RFC 3339 instant, as a <time> element carrying the instant; '' for nothing. */
export function hhmm(iso) {
  if (!iso) return h('span', { class: 'muted', i18n: 'dispatch.none' });
  return h('time', { attrs: { datetime: iso } }, seoulTime(iso));
}

/** "07:20–07:35" */
export function windowText(w) {
  if (!w || !w.from) return h('span', { class: 'muted', i18n: 'dispatch.none' });
  return h('span', { class: 'window' }, hhmm(w.from), '–', hhmm(w.to));
}

/** "1,700원" / "₩1,700" */
export const wonText = (n) => h('span', { class: 'won', dataset: { won: String(n ?? 0) }, i18n: 'dispatch.won', params: { n: fmt(n) } });

/** "매일 05:00–24:00" / "Mon, Tue … 06:00–22:00" */
export function hoursText(hours) {
  if (!hours) return '';
  const days = hours.days || [];
  const every = DAYS.every((d) => days.includes(d));
  return h('span', { class: 'hours' },
    every ? h('span', { i18n: 'dispatch.every_day' }) : days.map((d, i) => [i ? ', ' : '', h('span', { i18n: dayKey(d) })]),
    ` ${hours.open}–${hours.close}`);
}

export function fareText(fare) {
  if (!fare) return '';
  return h('span', { i18n: 'dispatch.fare_rule', params: { base: fmt(fare.base_won), per_km: fmt(fare.per_km_won) } });
}

/** "검단산업단지 북문 → 오류역" */
export const legText = (r) => h('span', { class: 'leg' }, named(r.pickup), ' → ', named(r.dropoff));

export const statusBadge = (s) => h('span', {
  class: ['krds-badge', 'ride-status', `status-${s}`], dataset: { status: s }, i18n: rideStatusKey(s),
});

/**
 * Redraws box with build()'s nodes, keeping what the person was doing: the control that had focus (found again by
 * its id), the values of selects and inputs that carry an id, and the scroll position. Used by the 15 and 20 s refreshes.
 */
export function redraw(box, nodes, { fallback } = {}) {
  const active = document.activeElement;
  const focusId = active && box.contains(active) ? active.id : null;
  const kept = new Map();
  for (const el of box.querySelectorAll('select[id], input[id]:not([type="checkbox"]):not([type="radio"])')) kept.set(el.id, el.value);
  const y = window.scrollY;
  clear(box);
  box.append(...[nodes].flat(Infinity).filter(Boolean));
  for (const [id, v] of kept) {
    const el = document.getElementById(id);
    if (el && box.contains(el) && [...(el.options || [{ value: v }])].some((o) => o.value === v)) el.value = v;
  }
  if (focusId) {
    const el = document.getElementById(focusId);
    // The control is gone (its ride was done meanwhile): focus goes to a fixed place, never to a like button of another ride.
    const to = el && box.contains(el) ? el : fallback ? document.getElementById(fallback) : null;
    to?.focus({ preventScroll: true });
  }
  window.scrollTo(window.scrollX, y);
}

/**
 * Calls fn every ms while el is on the page (stops by itself after navigation), skipping a turn while a modal dialog
 * is open or the previous call is still running.
 */
export function every(ms, el, fn) {
  let running = false;
  const timer = setInterval(async () => {
    if (!el.isConnected) {
      clearInterval(timer);
      return;
    }
    if (running || document.querySelector('dialog[open]')) return;
    running = true;
    try {
      await fn();
    } catch (e) {
      // A refresh that fails (the network, a restart) is tried again on the next turn; the page stays as it was.
      console.warn('refresh failed', e);
    } finally {
      running = false;
    }
  }, ms);
  return () => clearInterval(timer);
}

/** A <dl> of [labelKey, value] rows. */
export function facts(rows, cls = 'info-list') {
  return h('dl', { class: cls }, rows.filter(Boolean).map(([k, v, name]) => [
    h('dt', { i18n: k }), h('dd', { dataset: name ? { fact: name } : undefined }, v)]));
}

/** The options of a stop select: "choose" first, then the area's stops by name (relabelled on a language switch). */
export function stopOptions(area, chooseKey) {
  return [h('option', { value: '', i18n: chooseKey }),
    ...(area?.stops || []).map((s) => h('option', { value: String(s.id), ko: s.name_ko || s.code, en: s.name_en || s.name_ko || s.code }))];
}

/** A shift or clock time: "06:00" as it is, an RFC 3339 instant as its Seoul "HH:MM". */
export const clockText = (v) => (!v ? '' : /^\d{2}:\d{2}$/.test(v) ? v : hhmm(v));

/** A polite live box for the result of an action: the server's title, its message or detail, its field messages. */
export function resultBox(id) {
  const box = h('div', { id, class: 'prog-status', tabindex: '-1', attrs: { role: 'status', 'aria-live': 'polite' } });
  return {
    el: box,
    ok(...nodes) {
      clear(box);
      box.className = 'prog-status ok';
      box.append(h('p', {}, ...nodes));
    },
    fail(err) {
      clear(box);
      box.className = 'prog-status error';
      if (err instanceof ApiError && err.network) {
        box.append(h('p', { i18n: 'error.network' }));
        return;
      }
      const p = err instanceof ApiError ? err.problem : {};
      box.append(h('p', p.title || p.title_ko ? { ko: p.title_ko || p.title, en: p.title || p.title_ko } : { i18n: 'error.unexpected' }));
      if (p.message_ko || p.message_en) box.append(h('p', { ko: p.message_ko || p.message_en, en: p.message_en || p.message_ko }));
      else if (p.detail) box.append(h('p', {}, p.detail));
      for (const e of p.errors || []) box.append(h('p', { class: 'muted', ko: e.message_ko || e.message || e.message_en, en: e.message_en || e.message || e.message_ko }));
    },
    clear() {
      clear(box);
      box.className = 'prog-status';
    },
  };
}
