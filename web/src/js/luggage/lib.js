// Shared pieces of the luggage-delivery pages (프리러그): the luggage areas of GET /dispatch/areas, order states in
// words, the three steps (scheduled → picked up → delivered), the two codes shown large, a late-risk sentence in
// plain words, a fee estimate, and a live box for the result of an action that says the server's title and field
// messages (never a reason code or a raw timestamp).
import { h } from '../dom.js';
import { lang } from '../i18n.js';
import { fmt } from '../programmes/lib.js';
import { loadAreas, hhmm } from '../dispatch/lib.js';

export { D, named, hhmm, windowText, hoursText, redraw, every, isOperator, isResident, operatedAreas, postOnce, newKey } from '../dispatch/lib.js';

export const L = '/api/v1/dispatch/luggage';

/** GET /areas, keeping the luggage areas: {items, all, today, now}. */
export async function loadLuggageAreas() {
  const res = await loadAreas();
  return { ...res, all: res.items, items: res.items.filter(isLuggageArea) };
}

export const isLuggageArea = (a) => a?.kind === 'luggage';
/** An area's places (its stops): airport terminals and hotels. */
export const stopsOf = (a) => a?.stops || [];

export const ORDER_STATES = ['scheduled', 'picked_up', 'delivered', 'cancelled', 'refused', 'at_risk', 'not_handed_over'];
export const orderStatusKey = (s) => `luggage.status.${ORDER_STATES.includes(s) ? s : 'other'}`;
export const orderExplainKey = (s) => `luggage.explain.${ORDER_STATES.includes(s) ? s : 'other'}`;
/** The customer (by her link) and the operator may cancel before the bags are picked up. */
export const orderCancellable = (o) => !!o && (o.status === 'scheduled' || o.status === 'at_risk');
/** An order that needs the operator's eye: at risk, or flagged late. */
export const atRisk = (o) => !!o && (o.status === 'at_risk' || !!o.risk?.late);

export const orderBadge = (s) => h('span', {
  class: ['krds-badge', 'order-status', `ostatus-${s}`], dataset: { status: s }, i18n: orderStatusKey(s),
});

/** "₩41,300" / "41,300원" */
export const won = (n) => h('span', { class: 'won', dataset: { won: String(n ?? 0) }, i18n: 'dispatch.won', params: { n: fmt(n) } });

/** A date in words ("2026년 12월 2일 (수)"), relabelled on a language switch. */
export const dateWords = (ymd) => (ymd ? h('time', { date: ymd }) : h('span', { class: 'muted', i18n: 'dispatch.none' }));

/**
 * The three steps of an order as an ordered list; the current one carries aria-current="step", and each says in
 * words whether it is done, now or to come (never by colour or a tick alone).
 */
export function stepsIndicator(o) {
  const s = o.status;
  const reached = s === 'delivered' ? 3 : s === 'picked_up' ? 2 : ['scheduled', 'at_risk'].includes(s) ? 1 : 0;
  const stopped = ['cancelled', 'refused', 'not_handed_over'].includes(s);
  const steps = [
    ['scheduled', 'luggage.step.scheduled', o.created_at],
    ['picked_up', 'luggage.step.picked_up', o.pickup?.done_at],
    ['delivered', 'luggage.step.delivered', o.delivery?.done_at],
  ];
  return h('ol', { class: ['order-steps', stopped ? 'steps-stopped' : null], id: 'order-steps', attrs: { 'aria-labelledby': 'order-steps-h' } },
    steps.map(([name, key, at], i) => {
      const n = i + 1;
      const state = stopped ? (n <= reached ? 'done' : 'stopped') : n < reached || (n === reached && n === 3) ? 'done' : n === reached ? 'current' : 'todo';
      return h('li', {
        class: ['order-step', `step-${state}`], dataset: { step: name, state },
        attrs: { 'aria-current': state === 'current' ? 'step' : null },
      },
      h('span', { class: 'step-no', attrs: { 'aria-hidden': 'true' } }, state === 'done' ? '✓' : String(n)),
      h('span', { class: 'step-text' }, h('span', { class: 'step-name', i18n: key }),
        h('span', { class: 'step-state' }, ' (', h('span', { i18n: `luggage.step_state.${state}` }), ')'),
        at && name !== 'scheduled' && state === 'done' ? h('span', { class: 'step-at' }, ' ', timeOf(at)) : null));
    }));
}

/** "07:20" in Seoul, as a <time> carrying the instant. */
export const timeOf = (iso) => hhmm(iso);

/**
 * A code shown large: the six digits in one block for the eye (aria-hidden) and spaced for a screen reader, which
 * would otherwise read "482913" as a number.
 */
export function codeBlock(code, { id, labelKey, explainKey, used = false }) {
  return h('div', { class: ['code-block', used ? 'code-used' : null], id, dataset: { code: String(code || '') } },
    h('p', { class: 'code-label', id: `${id}-label`, i18n: labelKey }),
    code ? h('p', { class: 'code-digits-line' },
      h('span', { class: 'code-digits', attrs: { 'aria-hidden': 'true' } }, String(code)),
      h('span', { class: 'sr-only' }, String(code).split('').join(' ')))
      : h('p', { class: 'muted', i18n: 'luggage.code_hidden' }),
    used ? h('p', { class: 'code-used-note', i18n: 'luggage.code_used' }) : h('p', { class: 'code-explain', i18n: explainKey }));
}

/**
 * Why an order is flagged late, in plain words. The server says it in one English sentence (or in both languages);
 * the sentences it is known to write are said in the reader's language, anything else in English with lang="en".
 */
export function riskWhy(why) {
  if (!why) return h('span', { i18n: 'luggage.risk.generic' });
  if (typeof why === 'object') {
    const ko = why.ko || why.message_ko || why.en || why.message_en || '';
    const en = why.en || why.message_en || ko;
    return h('span', { ko, en });
  }
  const s = String(why);
  let m;
  if (/pickup window has passed/i.test(s)) return h('span', { i18n: 'luggage.risk.pickup_passed' });
  if (/no vehicle can deliver/i.test(s)) return h('span', { i18n: 'luggage.risk.no_vehicle' });
  if (/not planned on any vehicle/i.test(s)) return h('span', { i18n: 'luggage.risk.unplanned' });
  if ((m = /planned delivery is (\d+) min before the deadline \(less than (\d+) min\)/i.exec(s))) {
    return h('span', { i18n: 'luggage.risk.tight', params: { n: m[1], margin: m[2] } });
  }
  return h('span', { lang: 'en' }, s);
}

/** The great-circle distance in metres between two stops (for the fee estimate; the server's fee is the one paid). */
export function metresBetween(a, b) {
  if (!a || !b) return 0;
  const R = 6371008.8;
  const rad = (d) => (d * Math.PI) / 180;
  const dLat = rad(b.lat - a.lat);
  const dLon = rad(b.lon - a.lon);
  const x = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * R * Math.asin(Math.sqrt(x));
}

/**
 * The fee the form expects: base + per km (the direct distance times the area's road factor, 1.3 unless it says),
 * rounded up to 10 won, plus per bag. {trip, bagsPart, total} in won, or null without both places.
 */
export function feeEstimate(area, from, to, bags) {
  const fare = area?.fare || {};
  const n = Number.isInteger(bags) && bags > 0 ? bags : 0;
  const bagsPart = (fare.per_bag_won || 0) * n;
  if (!from || !to || from.id === to.id) return { trip: null, bagsPart, total: null };
  const metres = Math.round(metresBetween(from, to) * (area.road_factor || area.rules?.road_factor || 1.3));
  const trip = Math.ceil(((fare.base_won || 0) + (fare.per_km_won || 0) * (metres / 1000)) / 10 - 1e-9) * 10;
  return { trip, bagsPart, total: trip + bagsPart };
}

export { resultBox } from '../dispatch/lib.js';

/** A place's name as text in the current language (for sentences built with t()). */
export const placeText = (p) => (!p ? '' : lang() === 'en' ? p.name_en || p.name_ko || p.code || '' : p.name_ko || p.name_en || p.code || '');

/** The path of an order's tracking page. */
export const trackPath = (o) => o.tracking_path || `/luggage/track/${encodeURIComponent(o.tracking_token || '')}`;
