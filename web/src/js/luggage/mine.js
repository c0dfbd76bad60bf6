// 내 짐 배송 / A resident's luggage orders (GET /api/v1/dispatch/me/luggage: coming ones and the last 30 days), each
// with its day in words, its places, pickup window, deadline, status and a link to its tracking page.
import { h } from '../dom.js';
import { api } from '../api.js';
import { dataTable, td } from '../programmes/lib.js';
import { D, named, hhmm, windowText, dateWords, orderBadge, won, trackPath } from './lib.js';

export const titleKey = 'page.luggage_mine.title';

export async function render() {
  const { items = [] } = await api.get(`${D}/me/luggage`);
  return h('div', { class: 'container page-luggage-mine' },
    h('h1', { class: 'page-title', i18n: 'page.luggage_mine.title' }),
    h('p', { class: 'page-actions' }, h('a', { href: '/luggage', class: 'krds-btn secondary medium', id: 'new-order-link', i18n: 'luggage.new_order' })),
    dataTable({
      id: 'my-orders', captionKey: 'luggage.mine_caption', captionParams: { n: items.length },
      cols: [{ key: 'luggage.col.day' }, { key: 'luggage.col.trip' }, { key: 'luggage.col.window' }, { key: 'luggage.col.deadline' },
        { key: 'luggage.col.bags', num: true }, { key: 'luggage.col.fee', num: true }, { key: 'luggage.col.status' }, { key: 'luggage.col.track' }],
      rows: items.map((o) => h('tr', { dataset: { id: String(o.id), status: o.status } },
        h('th', { scope: 'row' }, dateWords(o.day)),
        td([named(o.pickup?.place), ' → ', named(o.delivery?.place)]),
        td(windowText(o.pickup?.window)),
        td(hhmm(o.delivery?.deliver_by)),
        td(String(o.bags ?? 1), true),
        td(won(o.fee_won), true),
        td([orderBadge(o.status), o.risk?.late ? [' ', h('span', { class: 'krds-badge risk-flag', i18n: 'luggage.risk_flag' })] : null]),
        td(h('a', { href: trackPath(o), class: 'krds-btn small tertiary track-order' },
          h('span', { i18n: 'luggage.track_short' }), h('span', { class: 'sr-only' }, ` #${o.id}`))))),
      emptyKey: 'luggage.no_orders',
    }));
}
