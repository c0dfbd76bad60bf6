// Shared pieces of the Jobs pages (여성새로일하기센터): the API base, reference data (KECO occupations, competencies,
// places, centres), case states, wages in won per hour or month, the grants that say which centre or employer a
// person acts for, and a match explained: each factor's share of the score as a labelled bar with its text, and the
// competency gaps with the courses that close them.
import { h } from '../dom.js';
import { api } from '../api.js';
import { fmt } from '../programmes/lib.js';

export const J = '/api/v1/jobs';
export const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
export const LANGUAGES = ['ko', 'en', 'vi', 'zh', 'ja', 'tl', 'km', 'uz', 'ru', 'mn', 'th'];
export const WAGE_UNITS = ['monthly', 'hourly'];
export const FACTORS = ['occupation', 'competency', 'schedule', 'commute', 'wage', 'start'];

export const stateKey = (s) => `jobs.state.${s}`;
export const dayKey = (d) => `jobs.day.${d}`;
export const langKey = (l) => `jobs.lang.${l}`;
export const unitKey = (u) => `jobs.unit.${u}`;
export const factorKey = (f) => (FACTORS.includes(f) ? `jobs.factor.${f}` : 'jobs.factor.other');
export const referralKey = (s) => `jobs.referral.${s}`;
export const outcomeKey = (o) => `jobs.outcome.${o}`;

/** The first grant of a role with a scope id: the centre a counsellor works at, the employer an employer acts for. */
export function grantScope(user, role, kind) {
  const g = (user?.roles || []).find((r) => r.role === role && r.scope_id && (!kind || r.scope_kind === kind));
  return g ? { id: g.scope_id, name: g.scope_name } : null;
}

let cache = null;
/** Reference data, fetched once per page load: {occupations (KECO 소분류), competencies, places}. */
export async function reference() {
  if (!cache) {
    cache = Promise.all([api.get('/api/v1/occupations'), api.get(`${J}/reference/competencies`), api.get(`${J}/reference/places`)])
      .then(([o, c, p]) => ({
        occupations: (o.items || []).filter((x) => /^\d{3}$/.test(x.code)),
        allOccupations: new Map((o.items || []).map((x) => [x.code, x])),
        competencies: c.items || [],
        places: p.items || [],
      }))
      .catch((e) => {
        cache = null;
        throw e;
      });
  }
  return cache;
}

export async function centres() {
  const { items } = await api.get('/api/v1/organisations?kind=centre');
  return items || [];
}

/** "2,200,000원/월" / "2,200,000 won a month" as a node that relabels itself. */
export function wageText(w) {
  if (!w || !w.won) return h('span', { class: 'muted', i18n: 'common.none' });
  return h('span', { i18n: w.unit === 'hourly' ? 'jobs.wage_hourly' : 'jobs.wage_monthly', params: { n: fmt(w.won) } });
}

/** "월–금 09:00–15:30" */
export function hoursText(s) {
  if (!s || !s.days?.length) return h('span', { class: 'muted', i18n: 'common.none' });
  return h('span', { class: 'hours' }, s.days.map((d, i) => [i ? ', ' : '', h('span', { i18n: dayKey(d) })]), ` ${s.start}–${s.end}`);
}

export const named = (o) => (o ? h('span', { ko: o.name_ko || o.name_en || o.code || o.key, en: o.name_en || o.name_ko || o.code || o.key }) : '');

export const occupationName = (o) => (o ? [named(o), ` (${o.code})`] : '');

export const pct = (x) => Math.round((Number(x) || 0) * 100);

/**
 * A match explained: the score, each factor's share as a bar with its percentage and the engine's text, the gaps
 * with courses. idPrefix names the elements; heading: the card's title node; actions: buttons beside it.
 */
export function matchCard({ id, heading, match, facts, actions, level = 'h3' }) {
  const headId = `${id}-h`;
  const factors = [...(match.factors || [])].sort((a, b) => (b.share || 0) - (a.share || 0));
  const list = h('ul', { class: 'factor-list', attrs: { 'aria-labelledby': `${id}-fh` } }, factors.map((f) => {
    const share = pct(f.share);
    return h('li', { class: 'factor', dataset: { factor: f.name, share: String(share) } },
      h('div', { class: 'factor-head' },
        h('span', { class: 'factor-name', i18n: factorKey(f.name) }),
        h('span', { class: 'factor-share', i18n: 'jobs.share_pct', params: { n: share } })),
      h('div', { class: 'factor-bar', attrs: { 'aria-hidden': 'true' } }, h('span', { class: `factor-fill w${Math.min(100, Math.max(0, Math.round(share / 5) * 5))}` })),
      h('p', { class: 'factor-detail', ko: f.detail_ko || f.detail_en || '', en: f.detail_en || f.detail_ko || '' }));
  }));
  const gaps = (match.gaps || []).length ? h('div', { class: 'gaps' },
    h('p', { class: 'gaps-title', i18n: 'jobs.gaps_title' }),
    h('ul', { class: 'gap-list' }, match.gaps.map((g) => h('li', { class: 'gap', dataset: { competency: g.competency } },
      h('span', { ko: g.name_ko || g.competency, en: g.name_en || g.competency }), ' ',
      h('span', { class: 'krds-badge', i18n: g.required ? 'jobs.gap_required' : 'jobs.gap_preferred' }),
      g.courses?.length ? [' — ', h('span', { i18n: 'jobs.gap_courses' }), ' ',
        g.courses.map((c, i) => [i ? ', ' : '', h('span', { class: 'gap-course', dataset: { course: String(c.id) } }, c.name)])]
        : [' — ', h('span', { class: 'muted', i18n: 'jobs.gap_no_course' })])))) : null;
  return h('article', { class: 'match-card', id, attrs: { 'aria-labelledby': headId } },
    h('div', { class: 'match-head' },
      h(level, { id: headId, class: 'match-title' }, heading),
      h('p', { class: 'match-score' }, h('span', { i18n: 'jobs.score' }), ' ', h('strong', {}, String(pct(match.score))), h('span', { i18n: 'jobs.score_of' }))),
    facts || null,
    h('p', { class: 'factor-title', id: `${id}-fh`, i18n: 'jobs.factors_title' }),
    list, gaps,
    actions ? h('div', { class: 'form-actions match-actions' }, actions) : null);
}

/** Facts of a vacancy as a definition list. */
export function vacancyFacts(v) {
  const rows = [
    ['jobs.f.employer', v.employer_name || ''],
    ['jobs.f.occupation', occupationName(v.occupation)],
    ['jobs.f.hours', hoursText(v.hours)],
    ['jobs.f.wage', wageText(v.wage)],
    ['jobs.f.workplace', v.workplace?.name_ko ? named(v.workplace) : v.workplace?.area || ''],
    ['jobs.f.start_on', h('time', { date: v.start_on })],
  ];
  return h('dl', { class: 'info-list vacancy-facts' }, rows.map(([k, val]) => [h('dt', { i18n: k }), h('dd', {}, val)]));
}
