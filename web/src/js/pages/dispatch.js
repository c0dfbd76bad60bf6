// 무빙콜 / The on-demand shuttle: every service area with its hours, days, fare rule and stops (public); for a signed-in
// resident the request form, her rides (status, follow, cancel after a confirmation) and a recurring ride; for an
// operator or an admin the same form for a person who phoned (name and phone required) and a link to the console.
import { h, clear } from '../dom.js';
import { api } from '../api.js';
import { t } from '../i18n.js';
import { announce } from '../live.js';
import { confirmDialog } from '../admin/accounts.js';
import { seoulTime } from '../seoul.js';
import { section, dataTable, td, statusBox } from '../programmes/lib.js';
import {
  D, loadAreas, isOperator, isResident, named, hoursText, fareText, windowText, legText, statusBadge, cancellable, operatedAreas,
} from '../dispatch/lib.js';
import { requestForm } from '../dispatch/request-form.js';
import { seriesForm, mySeries } from '../dispatch/series-form.js';

export const titleKey = 'page.dispatch.title';

function areaCard(a) {
  const id = `area-${a.id}`;
  return h('article', { class: 'panel area-card', id, dataset: { area: String(a.id), code: a.code || '' }, attrs: { 'aria-labelledby': `${id}-h` } },
    h('h3', { class: 'form-section-title', id: `${id}-h` }, named(a)),
    h('dl', { class: 'info-list area-facts' },
      h('dt', { i18n: 'dispatch.f.hours' }), h('dd', { dataset: { fact: 'hours' } }, hoursText(a.hours)),
      h('dt', { i18n: 'dispatch.f.fare_rule' }), h('dd', { dataset: { fact: 'fare' } }, fareText(a.fare)),
      h('dt', { i18n: 'dispatch.f.booking' }), h('dd', {}, h('span', {
        i18n: 'dispatch.booking_rule', params: { lead: a.lead_min ?? '-', wait: a.max_wait_min ?? '-', days: a.horizon_days ?? '-', max: a.max_passengers ?? 4 },
      }))),
    h('h4', { class: 'stops-title', id: `${id}-stops`, i18n: 'dispatch.stops_title', params: { n: (a.stops || []).length } }),
    h('ul', { class: 'stop-list', attrs: { 'aria-labelledby': `${id}-stops` } },
      (a.stops || []).map((s) => h('li', { dataset: { stop: String(s.id) } }, named(s), s.code ? h('span', { class: 'muted' }, ` (${s.code})`) : null))));
}

/** The resident's rides: today's and coming first, then the last 30 days. */
function myRides() {
  const box = h('div', { id: 'my-rides-box' });
  const status = statusBox('my-rides-status');
  async function load() {
    const { items } = await api.get(`${D}/me/rides`);
    clear(box);
    box.append(dataTable({
      id: 'my-rides', captionKey: 'dispatch.my_rides_caption', captionParams: { n: items.length },
      cols: [{ key: 'dispatch.col.day' }, { key: 'dispatch.col.window' }, { key: 'dispatch.col.trip' }, { key: 'dispatch.col.status' }, { key: 'dispatch.col.actions' }],
      rows: items.map((r) => h('tr', { dataset: { id: String(r.id), status: r.status } },
        h('th', { scope: 'row' }, h('time', { date: r.day })),
        td(windowText(r.window)),
        td(legText(r)),
        td(statusBadge(r.status)),
        td(h('span', { class: 'row-actions' },
          h('a', { href: `/dispatch/rides/${r.id}`, class: 'krds-btn small tertiary track' }, h('span', { i18n: 'dispatch.track_short' }), h('span', { class: 'sr-only' }, ` #${r.id}`)),
          cancellable(r) ? h('button', {
            type: 'button', class: 'krds-btn small secondary cancel-ride', id: `cancel-ride-${r.id}`,
            on: { click: () => cancel(r) },
          }, h('span', { i18n: 'dispatch.cancel' }), h('span', { class: 'sr-only' }, ` #${r.id}`)) : null)))),
      emptyKey: 'dispatch.no_rides',
    }));
  }
  async function cancel(r) {
    const yes = await confirmDialog({
      id: 'cancel-ride-dialog', titleKey: 'dispatch.cancel_title', confirmKey: 'dispatch.cancel_confirm',
      text: t('dispatch.cancel_text', { from: seoulTime(r.window?.from), day: r.day }),
    });
    if (!yes) return;
    try {
      await api.post(`${D}/rides/${r.id}/cancel`, {});
      await load();
      status.ok({ i18n: 'dispatch.cancelled_ok' });
      announce(t('dispatch.cancelled_ok'));
    } catch (e) {
      status.fail(e);
    }
  }
  return { el: [status.el, box], load };
}

export async function render({ user }) {
  const { items: all, today, now } = await loadAreas();
  // Luggage areas (프리러그) have their own pages (/luggage).
  const areas = all.filter((a) => a.kind !== 'luggage');
  const head = h('h1', { class: 'page-title', i18n: 'page.dispatch.title' });
  const lead = h('p', { class: 'page-lead', i18n: 'dispatch.lead' });
  const areasSection = section('sec-areas', 'dispatch.sec.areas',
    areas.length ? areas.map(areaCard) : h('p', { class: 'muted', i18n: 'dispatch.no_areas' }));
  const parts = [head, lead];
  if (!user) {
    parts.push(h('p', { class: 'notice' }, h('a', { href: '/signin?next=%2Fdispatch', id: 'dispatch-signin', i18n: 'dispatch.signin_to_request' })));
  } else if (areas.length) {
    const operator = isOperator(user);
    if (operator) {
      parts.push(h('p', { class: 'page-actions' }, h('a', { href: '/dispatch/console', id: 'console-link', class: 'krds-btn secondary medium', i18n: 'dispatch.console_link' }),
        ' ', h('a', { href: '/luggage/console', id: 'luggage-console-link', class: 'krds-btn tertiary medium', i18n: 'luggage.console_link' })));
    }
    if (isResident(user) && !operator) {
      const mine = myRides();
      parts.push(section('sec-request', 'dispatch.sec.request', requestForm({ areas, today, now, onDone: () => mine.load().catch(() => {}) })));
      parts.push(section('sec-my-rides', 'dispatch.sec.my_rides', mine.el));
      const series = mySeries(areas, { onChange: () => mine.load().catch(() => {}) });
      parts.push(section('sec-series', 'dispatch.sec.series', h('p', { class: 'muted', i18n: 'dispatch.series_hint' }),
        seriesForm({ areas, today, onDone: () => Promise.all([mine.load(), series.load()]).catch(() => {}) }),
        h('h3', { class: 'form-section-title', id: 'my-series-h', i18n: 'dispatch.my_series' }), series.el));
      await Promise.all([mine.load(), series.load()]);
    } else if (operator) {
      parts.push(section('sec-request', 'dispatch.sec.request_for', h('p', { class: 'muted', i18n: 'dispatch.request_for_hint' }),
        requestForm({ areas: operatedAreas(user, areas), today, now, operator: true })));
    } else {
      parts.push(h('p', { class: 'notice' }, h('span', { i18n: 'dispatch.residents_only' })));
    }
  }
  parts.push(areasSection);
  return h('div', { class: 'container page-dispatch' }, parts);
}
