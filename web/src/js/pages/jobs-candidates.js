// 추천 구직자 / A vacancy's candidates, ranked and explained: each factor's share of the score with the engine's text
// and the competency gaps. Employers see masked names (홍*동) until a counsellor refers someone.
import { h } from '../dom.js';
import { api } from '../api.js';
import { J, matchCard, vacancyFacts, pct } from '../jobs/lib.js';

export const titleKey = 'page.jobs_candidates.title';

export async function render({ params }) {
  const id = Number(params.id);
  const [v, { items }] = await Promise.all([api.get(`${J}/vacancies/${id}`), api.get(`${J}/vacancies/${id}/candidates?k=20`)]);
  return h('div', { class: 'container page-jobs-candidates', dataset: { id: String(id) } },
    h('p', {}, h('a', { href: '/jobs/employer', i18n: 'jobs.back_vacancies' })),
    h('h1', { class: 'page-title' }, h('span', { i18n: 'page.jobs_candidates.title' }), ': ', v.title),
    vacancyFacts(v),
    h('h2', { class: 'section-title', id: 'candidates-h', i18n: 'jobs.candidates_n', params: { n: items.length } }),
    h('p', { class: 'muted', i18n: 'jobs.candidates_hint' }),
    items.length ? h('ol', { class: 'match-list', id: 'candidates', attrs: { 'aria-labelledby': 'candidates-h' } }, items.map((m, i) => h('li', { dataset: { score: String(pct(m.score)) } },
      matchCard({ id: `cand-${i + 1}`, heading: [`${i + 1}. `, h('span', { class: 'seeker-name' }, m.seeker_name || '')], match: m }))))
      : h('p', { class: 'muted', id: 'no-candidates', i18n: 'jobs.no_candidates' }));
}
