// A call's facts and its selection: the ranking with each proposal's verdict and the reason in words, the rule the
// city applied, the money left unused, and — when it differs — the set that would have used the envelope best.
// The same view shows the city's preview (GET /calls/{id}/selection) and the published results (GET /results).
import { h } from '../dom.js';
import { won, fmt, districtName, verdictKey, dataTable, td } from './lib.js';

/** open (taking proposals), closed (deadline passed, results not out) or published. */
export function callState(c, now = Date.now()) {
  if (c.status === 'published') return 'published';
  return Date.parse(c.deadline) <= now ? 'closed' : 'open';
}

export function callFacts(c) {
  const rows = [
    ['prog.year', h('span', { i18n: 'prog.year_n', params: { y: c.year } })],
    ['prog.call.envelope', won(c.envelope_won)],
    ['prog.call.ratio', h('span', { i18n: 'prog.ratio_value', params: { p: c.city_share_pct, q: 100 - c.city_share_pct } })],
    ['prog.call.min_score', h('span', { i18n: 'prog.points', params: { n: c.min_score } })],
    ['prog.call.deadline', h('time', { datetime: c.deadline, id: 'call-deadline', dataset: { at: c.deadline } })],
    ['prog.col.state', h('span', { id: 'call-state', dataset: { state: callState(c) }, i18n: `prog.call_state.${callState(c)}` })],
    ['prog.call.required_fields', c.required_fields.length
      ? c.required_fields.map((f, i) => [i ? ', ' : '', h('span', { i18n: `prog.field.${f}` })])
      : h('span', { class: 'muted', i18n: 'common.none' })],
  ];
  return h('dl', { class: 'info-list prog-facts', id: 'call-facts' }, rows.map(([k, v]) => [h('dt', { i18n: k }), h('dd', {}, v)]));
}

export function criteriaTable(c) {
  return dataTable({
    id: 'criteria-table', captionKey: 'prog.table.criteria',
    cols: [{ key: 'prog.crit.name' }, { key: 'prog.crit.weight', num: true }, { key: 'prog.crit.max_score', num: true }],
    rows: c.criteria.map((k) => h('tr', { dataset: { key: k.key } },
      h('th', { scope: 'row' }, h('span', { ko: k.name_ko, en: k.name_en })), td(String(k.weight), true), td(String(k.max_score), true))),
  });
}

const yesNo = (b) => h('span', { i18n: b ? 'prog.yes' : 'prog.no' });

/** The selection as a section body; id prefixes every element id ("preview", "results"). */
export function selectionView(sel, districts, { id }) {
  const selected = sel.ranking.filter((r) => r.verdict === 'selected');
  const rows = sel.ranking.map((r) => h('tr', { dataset: { proposal: String(r.proposal_id), verdict: r.verdict, won: String(r.request_won) } },
    td(String(r.rank), true),
    h('th', { scope: 'row' }, r.title),
    td(districtName(districts, r.district_id)),
    td(r.reviews ? Number(r.score).toFixed(2) : '—', true),
    td(String(r.reviews), true),
    td(won(r.request_won), true),
    td([h('span', { class: `verdict verdict-${r.verdict}`, i18n: verdictKey(r.verdict) }),
      h('span', { class: 'verdict-reason', ko: r.reason_ko, en: r.reason_en })]),
    td(yesNo(r.in_optimal)),
    td(won(r.left_before_won), true)));
  const optimal = sel.ranking.filter((r) => r.in_optimal);
  return h('div', { class: 'selection', id },
    h('div', { class: 'notice prog-rule' },
      h('p', { class: 'prog-rule-title', i18n: 'prog.sel.rule' }),
      h('p', { id: `${id}-rule`, ko: sel.rule_ko, en: sel.rule_en })),
    h('dl', { class: 'info-list prog-facts', id: `${id}-summary` },
      h('dt', { i18n: 'prog.call.envelope' }), h('dd', {}, won(sel.envelope_won)),
      h('dt', { i18n: 'prog.sel.selected_total' }), h('dd', { id: `${id}-selected-total`, dataset: { won: String(sel.greedy_total_won) } },
        won(sel.greedy_total_won), ' ', h('span', { class: 'muted', i18n: 'prog.sel.n_selected', params: { n: selected.length } })),
      h('dt', { i18n: 'prog.sel.unused' }), h('dd', { id: `${id}-unused` }, won(sel.unused_won)),
      h('dt', { i18n: 'prog.call.min_score' }), h('dd', {}, h('span', { i18n: 'prog.points', params: { n: sel.min_score } }))),
    sel.optimal_differs
      ? h('div', { class: 'notice notice-warning', id: `${id}-optimal` },
        h('p', { i18n: 'prog.sel.optimal_differs', params: { total: fmt(sel.optimal_total_won), unused: fmt(sel.optimal_unused_won) } }),
        h('ul', {}, optimal.map((r) => h('li', {}, r.title, ' (', won(r.request_won), ')'))))
      : h('p', { class: 'muted', id: `${id}-optimal`, i18n: 'prog.sel.optimal_same' }),
    dataTable({
      id: `${id}-table`, captionKey: sel.published ? 'prog.table.results' : 'prog.table.preview',
      cols: [{ key: 'prog.sel.rank', num: true }, { key: 'prog.col.proposal' }, { key: 'prog.col.district' },
        { key: 'prog.sel.score', num: true }, { key: 'prog.sel.reviews', num: true }, { key: 'prog.sel.request', num: true },
        { key: 'prog.sel.verdict' }, { key: 'prog.sel.in_optimal' }, { key: 'prog.sel.left_before', num: true }],
      rows, emptyKey: 'prog.no_proposals',
    }));
}
