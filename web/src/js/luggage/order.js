// 프리러그 / Luggage delivery: order a same-day delivery of bags from the airport or a hotel to a hotel or the airport
// (anyone: a traveller needs no account; a signed-in resident has her name and contact filled in and a link to her
// orders; an operator, a link to the luggage console). After the order the page goes to its tracking page.
import { h } from '../dom.js';
import { section } from '../programmes/lib.js';
import { loadLuggageAreas, isOperator, isResident, named, hoursText, trackPath } from './lib.js';
import { orderForm } from './form.js';

export const titleKey = 'page.luggage.title';

function areaFacts(a) {
  const fare = a.fare || {};
  return h('article', { class: 'panel area-card luggage-area', id: `luggage-area-${a.id}`, dataset: { area: String(a.id) }, attrs: { 'aria-labelledby': `luggage-area-${a.id}-h` } },
    h('h3', { class: 'form-section-title', id: `luggage-area-${a.id}-h` }, named(a)),
    h('dl', { class: 'info-list area-facts' },
      h('dt', { i18n: 'dispatch.f.hours' }), h('dd', { dataset: { fact: 'hours' } }, hoursText(a.hours)),
      h('dt', { i18n: 'luggage.f.fee_rule' }), h('dd', { dataset: { fact: 'fee' } }, h('span', {
        i18n: 'luggage.fee_rule', params: { base: fmtWon(fare.base_won), per_km: fmtWon(fare.per_km_won), per_bag: fmtWon(fare.per_bag_won) },
      })),
      h('dt', { i18n: 'luggage.f.rules' }), h('dd', {}, h('span', {
        i18n: 'luggage.rules', params: { wait: a.max_wait_min ?? '-', days: a.horizon_days ?? 0, max: a.max_passengers ?? 4 },
      }))),
    h('h4', { class: 'stops-title', id: `luggage-area-${a.id}-places`, i18n: 'luggage.places_title', params: { n: (a.stops || []).length } }),
    h('ul', { class: 'stop-list', attrs: { 'aria-labelledby': `luggage-area-${a.id}-places` } },
      (a.stops || []).map((s) => h('li', { dataset: { stop: String(s.id) } }, named(s)))));
}
const fmtWon = (n) => new Intl.NumberFormat('en-US').format(Math.round(Number(n) || 0));

export async function render({ user, navigate }) {
  const { items: areas, today, now } = await loadLuggageAreas();
  const parts = [h('h1', { class: 'page-title', i18n: 'page.luggage.title' }), h('p', { class: 'page-lead', i18n: 'luggage.lead' })];
  if (!areas.length) {
    parts.push(h('p', { class: 'notice', id: 'luggage-no-area', i18n: 'luggage.no_areas' }));
    return h('div', { class: 'container page-luggage' }, parts);
  }
  const links = [];
  if (isResident(user)) links.push(h('a', { href: '/luggage/mine', id: 'my-orders-link', class: 'krds-btn secondary medium', i18n: 'luggage.mine_link' }));
  if (isOperator(user)) links.push(h('a', { href: '/luggage/console', id: 'luggage-console-link', class: 'krds-btn secondary medium', i18n: 'luggage.console_link' }));
  if (links.length) parts.push(h('p', { class: 'page-actions' }, links));
  const { el } = orderForm({
    areas, today, now, user,
    onOrdered: (order) => navigate(`${trackPath(order)}?ordered=1`),
  });
  parts.push(section('sec-order', 'luggage.sec.order', h('p', { class: 'muted', i18n: user ? 'luggage.order_hint_user' : 'luggage.order_hint' }), el));
  parts.push(section('sec-luggage-areas', 'luggage.sec.areas', areas.map(areaFacts)));
  return h('div', { class: 'container page-luggage' }, parts);
}
