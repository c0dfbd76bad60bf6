// 공모·심사 / Calls for proposals, newest year first (GET /api/v1/programmes/calls, public): the year, title,
// envelope, co-funding ratio, deadline and where it stands. The city opens a new one from here.
import { h } from '../dom.js';
import { api } from '../api.js';
import { P, isCity, won, section, dataTable, td } from '../programmes/lib.js';
import { callState } from '../programmes/results.js';

export const titleKey = 'page.programme_calls.title';

export async function render({ user }) {
  const { items } = await api.get(`${P}/calls`);
  const rows = items.map((c) => h('tr', { dataset: { id: String(c.id), year: String(c.year) } },
    td(h('span', { i18n: 'prog.year_n', params: { y: c.year } })),
    h('th', { scope: 'row' }, h('a', { href: `/programmes/calls/${c.id}`, class: 'call-link' }, h('span', { ko: c.title_ko, en: c.title_en }))),
    td(won(c.envelope_won), true),
    td(h('span', { i18n: 'prog.ratio_value', params: { p: c.city_share_pct, q: 100 - c.city_share_pct } })),
    td(h('time', { datetime: c.deadline })),
    td(h('span', { class: 'krds-badge bg-light-primary call-state', i18n: `prog.call_state.${callState(c)}` }))));
  return h('div', { class: 'container page-programme-calls' },
    h('h1', { class: 'page-title', i18n: 'page.programme_calls.title' }),
    h('p', { class: 'page-lead', i18n: 'prog.calls.lead' }),
    h('p', { class: 'page-actions' },
      isCity(user) ? h('a', { href: '/programmes/calls/new', id: 'new-call', class: 'krds-btn primary medium', i18n: 'prog.call.new' }) : null,
      h('a', { href: '/programmes', class: 'krds-btn tertiary medium', id: 'to-dashboard', i18n: 'prog.to_dashboard' })),
    section('sec-calls', 'prog.sec.calls', dataTable({
      id: 'calls-table', captionKey: 'prog.table.calls',
      cols: [{ key: 'prog.year' }, { key: 'prog.col.call' }, { key: 'prog.call.envelope', num: true }, { key: 'prog.call.ratio' },
        { key: 'prog.call.deadline' }, { key: 'prog.col.state' }],
      rows, emptyKey: 'prog.no_calls',
    })));
}
