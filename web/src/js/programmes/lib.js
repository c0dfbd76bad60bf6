// Shared pieces of the Programmes pages (시-군·구 상생협력 특화일자리): the API base, who may do what, district
// names from the directory, numbers in won and people, masked phone numbers, a live status box, and server field
// errors moved to the nearest control a form has.
import { h, clear } from '../dom.js';
import { api, ApiError } from '../api.js';
import { lang } from '../i18n.js';

export const P = '/api/v1/programmes';

export const TARGET_GROUPS = ['career_break_women', 'new_middle_aged', 'seniors', 'marriage_migrants', 'nk_defectors',
  'youth', 'people_with_disabilities', 'general'];
export const REQUIRED_FIELDS = ['summary', 'implementing_org', 'monthly_targets', 'attachments', 'output_kind'];
export const PARTICIPANT_ROLES = ['employee', 'trainee', 'volunteer'];

export const groupKey = (g) => `prog.group.${g || 'none'}`;
export const proposalStatusKey = (s) => `prog.proposal_status.${s}`;
export const verdictKey = (v) => `prog.verdict.${v}`;

const hasRole = (user, role) => !!user?.roles?.some((g) => g.role === role);
/** The city (its officers) and administrators see every district's work. */
export const isCity = (user) => hasRole(user, 'city_officer') || hasRole(user, 'admin');
export const isStaff = (user) => isCity(user) || hasRole(user, 'district_officer');
/** The districts a district officer's grants cover. */
export const myDistricts = (user) => (user?.roles || [])
  .filter((g) => g.role === 'district_officer' && g.scope_kind === 'district' && g.scope_id).map((g) => g.scope_id);
/** May this person enrol participants and record outputs and spending for the project? (The server checks again.) */
export const canManage = (user, project) => isCity(user) || myDistricts(user).includes(project.district_id);

/** The districts of the directory, by id. */
export async function loadDistricts() {
  const { items } = await api.get('/api/v1/organisations?kind=district');
  return new Map((items || []).map((o) => [o.id, o]));
}

/** A district's name as a node that relabels itself; its number if the directory does not know it. */
export function districtName(districts, id) {
  const o = districts.get(id);
  return o ? h('span', { ko: o.name_ko, en: o.name_en }) : h('span', { i18n: 'prog.district_n', params: { id } });
}

/** A district's name as text in the current language (for chart labels, which are not DOM). */
export function districtText(districts, id) {
  const o = districts.get(id);
  if (!o) return `#${id}`;
  return lang() === 'en' ? o.name_en || o.name_ko : o.name_ko || o.name_en;
}

/** 1234567 -> "1,234,567" (the same in both languages). */
export const fmt = (n) => new Intl.NumberFormat('en-US').format(Math.round(Number(n) || 0));
export const won = (n) => h('span', { class: 'won', dataset: { won: String(n ?? 0) }, i18n: 'prog.won', params: { n: fmt(n) } });
export const people = (n) => h('span', { i18n: 'prog.people', params: { n: fmt(n) } });
/** a / b as a percentage with one decimal, or null when there is nothing to compare with. */
export const pct = (a, b) => (b > 0 ? Math.round((a / b) * 1000) / 10 : null);

/** "010-****-5678": participant lists show a phone number masked; the full number stays on the server's record. */
export function maskPhone(phone) {
  const d = String(phone || '').replace(/\D/g, '');
  if (!d) return '';
  if (d.length < 7) return '****';
  return `${d.slice(0, 3)}-****-${d.slice(-4)}`;
}

/** A polite live region for the result of an action: the server's message in both languages, or ours. */
export function statusBox(id) {
  const box = h('div', { id, class: 'prog-status', attrs: { role: 'status', 'aria-live': 'polite' } });
  return {
    el: box,
    ok(msg) {
      clear(box);
      box.className = 'prog-status ok';
      box.append(h('p', msg));
    },
    fail(err) {
      clear(box);
      box.className = 'prog-status error';
      if (err instanceof ApiError && err.network) {
        box.append(h('p', { i18n: 'error.network' }));
        return;
      }
      const p = err instanceof ApiError ? err.problem : {};
      box.append(h('p', p.title ? { ko: p.title_ko || p.title, en: p.title } : { i18n: 'error.unexpected' }));
      for (const e of p.errors || []) box.append(h('p', { class: 'muted', ko: e.message_ko || e.message, en: e.message_en || e.message }));
    },
    clear() {
      clear(box);
      box.className = 'prog-status';
    },
  };
}

export { nearestFields } from '../forms.js';

/** A section with a heading (h2 unless told) that names it. */
export function section(id, titleKey, ...children) {
  return h('section', { class: 'prog-section', id, attrs: { 'aria-labelledby': `${id}-h` } },
    h('h2', { id: `${id}-h`, class: 'section-title', i18n: titleKey }), children);
}

/**
 * A data table with a caption, column headers and optional footer. cols: [{key, num?}]. Its wrapper scrolls
 * sideways on a narrow screen, so it is a named region that takes keyboard focus (arrow keys scroll it).
 */
export function dataTable({ id, captionKey, captionParams, cols, rows, foot, emptyKey }) {
  const body = rows.length ? rows : [h('tr', {}, h('td', { attrs: { colspan: cols.length }, i18n: emptyKey || 'prog.empty' }))];
  const captionId = `${id}-caption`;
  return h('div', { class: 'krds-table-wrap prog-table-wrap', attrs: { role: 'region', tabindex: '0', 'aria-labelledby': captionId } },
    h('table', { class: 'tbl col data prog-table', id },
      h('caption', { id: captionId, i18n: captionKey, params: captionParams }),
      h('thead', {}, h('tr', {}, cols.map((c) => h('th', { scope: 'col', class: c.num ? 'num' : null, i18n: c.key })))),
      h('tbody', {}, body),
      foot ? h('tfoot', {}, foot) : null));
}

export const td = (v, num = false) => h('td', { class: num ? 'num' : null }, v);
