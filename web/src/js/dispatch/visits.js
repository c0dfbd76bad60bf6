// Shared pieces of the home-visit pages (찾아가는 서비스): the API base, the services, a visit's state and reason in
// both languages, times in Seoul, Bupyeong's neighbourhoods (a family picks hers, which gives the point the planner
// routes to; the address she types is what the coach reads), and which services a person operates.
import { h } from '../dom.js';
import { api } from '../api.js';
import { seoulDate } from '../seoul.js';
import { hhmm } from './lib.js';

export const V = '/api/v1/dispatch/visits';
export const VISIT_STATES = ['planned', 'unserved', 'done', 'not_home'];
export const visitStatusKey = (s) => `visits.status.${VISIT_STATES.includes(s) ? s : 'planned'}`;

/** GET /services: {items, today}. */
export async function loadServices() {
  const res = await api.get(`${V}/services`);
  return { items: res.items || [], today: res.today || seoulDate(new Date().toISOString()) };
}

/** The services this person operates: every one for an admin, else those whose organisation a grant names. */
export function operatedServices(user, services) {
  if (user?.roles?.some((g) => g.role === 'admin')) return services;
  const orgs = (user?.roles || []).filter((g) => g.role === 'operator').map((g) => g.scope_id);
  return services.filter((s) => orgs.includes(s.operator_id));
}

export const serviceName = (s) => (s ? h('span', { ko: s.name_ko, en: s.name_en || s.name_ko }) : '');

/** "10:00–11:00" of a planned or made visit. */
export const visitTime = (v) => (v.start ? h('span', { class: 'window' }, hhmm(v.start), '–', hhmm(v.end)) : h('span', { class: 'muted', i18n: 'dispatch.none' }));

export const visitBadge = (v) => h('span', {
  class: ['krds-badge', v.status === 'unserved' ? 'bg-light-danger' : v.status === 'done' ? 'bg-light-success' : 'bg-light-primary'],
  dataset: { status: v.status }, i18n: visitStatusKey(v.status),
});

/** The reason a visit is unserved, in the page's language. */
export const reasonText = (v) => (v.reason ? h('span', { class: 'reason', dataset: { reason: v.reason.code }, ko: v.reason.message_ko, en: v.reason.message_en }) : '');

/** Bupyeong-gu's neighbourhoods (동) with approximate centres, for the family's request (names: visits.dong.<code>). */
export const NEIGHBOURHOODS = [
  { code: 'bupyeong', lat: 37.4917, lon: 126.7231 },
  { code: 'galsan', lat: 37.5120, lon: 126.7300 },
  { code: 'samsan', lat: 37.5080, lon: 126.7400 },
  { code: 'sipjeong', lat: 37.4790, lon: 126.7010 },
  { code: 'cheongcheon', lat: 37.5048, lon: 126.7105 },
  { code: 'bugae', lat: 37.4882, lon: 126.7398 },
  { code: 'sangok', lat: 37.4938, lon: 126.7047 },
  { code: 'ilsin', lat: 37.4788, lon: 126.7468 },
];

/** The Monday of the week of a 'YYYY-MM-DD' day. */
export function mondayOf(day) {
  const d = new Date(`${day}T00:00:00Z`);
  const back = (d.getUTCDay() + 6) % 7;
  d.setUTCDate(d.getUTCDate() - back);
  return d.toISOString().slice(0, 10);
}
