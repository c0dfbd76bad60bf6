// 공모 / One call for proposals (public facts, criteria and, once published, the results with the rule and every
// reason). A district officer drafts, edits, submits and withdraws the district's proposals here; the city sees
// every submitted proposal, assigns reviewers, scores, previews the selection and publishes it; any assigned
// reviewer scores here as well.
import { h } from '../dom.js';
import { api, ApiError } from '../api.js';
import { P, loadDistricts, isCity, myDistricts, section } from '../programmes/lib.js';
import { callFacts, criteriaTable, selectionView, callState } from '../programmes/results.js';
import { districtPanel } from '../programmes/proposals.js';
import { cityPanel, scorePanel, loadReviewers } from '../programmes/review.js';

export const titleKey = 'page.programme_call.title';

export async function render({ params, query, user, navigate }) {
  const id = Number(params.id);
  const [call, districts] = await Promise.all([api.get(`${P}/calls/${id}`), loadDistricts()]);
  const parts = [];

  if (call.status === 'published') {
    let results = null;
    try {
      results = await api.get(`${P}/calls/${id}/results`);
    } catch (e) {
      if (!(e instanceof ApiError && e.status === 409)) throw e;
    }
    if (results) {
      parts.push(section('sec-results', 'prog.sec.results',
        h('p', { class: 'muted' }, h('span', { i18n: 'prog.published_at' }), ' ', h('time', { datetime: results.published_at || call.published_at })),
        selectionView(results, districts, { id: 'results' }),
        h('p', {}, h('a', { href: `/programmes?year=${call.year}`, id: 'to-year-dashboard', class: 'krds-btn secondary medium', i18n: 'prog.to_year_dashboard', params: { y: call.year } }))));
    }
  }
  if (user && myDistricts(user).length && !isCity(user)) {
    parts.push(await districtPanel({ call, user, districts }));
    // A district officer the city asked to review scores the other districts' proposals. The reviewers list is
    // only for the city and the reviewers themselves (applicants never see who reviews them): 403 means "not one".
    let reviewer = false;
    if (call.status !== 'published') {
      try {
        reviewer = (await loadReviewers(call)).some((r) => r.user_id === user.id);
      } catch (e) {
        if (!(e instanceof ApiError && e.status === 403)) throw e;
      }
    }
    if (reviewer) {
      const proposals = (await api.get(`${P}/calls/${id}/proposals`)).items;
      parts.push(await scorePanel({ call, user, districts, proposals }));
    }
  }
  if (user && isCity(user) && call.status !== 'published') {
    parts.push(await cityPanel({ call, user, districts, navigate }));
  }

  const state = callState(call);
  const notice = query.get('created') ? 'prog.call_created' : query.get('published') ? 'prog.call_published' : null;
  return h('div', { class: 'container page-programme-call', dataset: { id: String(id), state } },
    h('p', {}, h('a', { href: '/programmes/calls', id: 'back-to-calls', i18n: 'prog.back_calls' })),
    h('h1', { class: 'page-title' }, h('span', { ko: call.title_ko, en: call.title_en })),
    notice ? h('p', { class: 'notice', id: 'call-notice', attrs: { role: 'status', tabindex: '-1', 'data-autofocus': '' }, i18n: notice }) : null,
    !user && state !== 'published' ? h('p', { class: 'muted', i18n: 'prog.call_public_note' }) : null,
    section('sec-call', 'prog.sec.call', callFacts(call), criteriaTable(call)),
    parts);
}
