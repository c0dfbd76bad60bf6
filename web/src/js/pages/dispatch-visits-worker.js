// 오늘의 방문 / A worker's day on her phone (GET /api/v1/dispatch/visits/worker/today): the visits in order with the
// time, the place (a family's name masked), its address and phone, and for each visit not yet reported two big
// buttons, "done" (with the minutes, counted by Programmes) and "not home" (after a confirmation).
import { h } from '../dom.js';
import { api, ApiError } from '../api.js';
import { t } from '../i18n.js';
import { announce } from '../live.js';
import { confirmDialog } from '../admin/accounts.js';
import { section, statusBox } from '../programmes/lib.js';
import { V, serviceName, visitTime, visitBadge } from '../dispatch/visits.js';

export const titleKey = 'page.dispatch_visits_worker.title';

export async function render() {
  const status = statusBox('worker-status');
  status.el.setAttribute('tabindex', '-1');
  let day = await api.get(`${V}/worker/today`);
  const box = h('div', { id: 'worker-day' });
  let busyNow = false;

  async function report(v, outcome) {
    if (busyNow) return;
    if (outcome === 'not_home') {
      const yes = await confirmDialog({ id: 'not-home-dialog', titleKey: 'visits.not_home_title', confirmKey: 'visits.act.not_home', text: t('visits.not_home_text', { name: v.place.name }) });
      if (!yes) return;
    }
    busyNow = true;
    try {
      day = await api.post(`${V}/worker/visits/${v.id}/report`, { outcome });
      draw();
      status.ok({ i18n: `visits.reported.${outcome}`, params: { name: v.place.name } });
      announce(t(`visits.reported.${outcome}`, { name: v.place.name }));
      status.el.focus();
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      status.fail(e);
      status.el.focus();
    } finally {
      busyNow = false;
    }
  }

  function item(v) {
    const open = v.status === 'planned';
    return h('li', { class: ['visit-item', `visit-${v.status}`], dataset: { visit: String(v.id), status: v.status } },
      h('h3', { class: 'visit-head', id: `visit-${v.id}-h` }, h('span', { class: 'visit-seq' }, `${v.seq}. `), visitTime(v), ' ', v.place.name, ' ', visitBadge(v)),
      h('dl', { class: 'kv' },
        h('dt', { i18n: 'visits.f.address' }), h('dd', { dataset: { fact: 'address' } }, v.place.address || ''),
        v.place.phone ? [h('dt', { i18n: 'visits.f.phone' }), h('dd', {}, h('a', { href: `tel:${v.place.phone}` }, v.place.phone))] : null,
        v.minutes ? [h('dt', { i18n: 'visits.f.minutes' }), h('dd', {}, t('visits.minutes', { n: v.minutes }))] : null),
      open ? h('div', { class: 'next-actions' },
        h('button', { type: 'button', class: 'krds-btn xlarge primary', id: `done-${v.id}`, attrs: { 'aria-describedby': `visit-${v.id}-h` }, on: { click: () => report(v, 'done') } }, h('span', { i18n: 'visits.act.done' })),
        h('button', { type: 'button', class: 'krds-btn xlarge secondary', id: `not-home-${v.id}`, attrs: { 'aria-describedby': `visit-${v.id}-h` }, on: { click: () => report(v, 'not_home') } }, h('span', { i18n: 'visits.act.not_home' })))
        : null);
  }

  function draw() {
    box.replaceChildren(
      day.worker
        ? h('p', { class: 'lead' }, h('strong', {}, day.worker.name), ' · ', serviceName(day.service), ' · ', h('time', { attrs: { datetime: day.day } }, day.day))
        : h('p', { class: 'notice', id: 'not-a-worker', i18n: 'visits.not_a_worker' }),
      day.visits.length ? h('ol', { class: 'visit-list', id: 'worker-visits' }, day.visits.map(item))
        : h('p', { class: 'notice', id: 'no-visits-today', i18n: 'visits.no_visits_today' }));
  }
  draw();
  return h('div', { class: 'container narrow page-dispatch-visits-worker' },
    h('h1', { class: 'page-title', i18n: 'page.dispatch_visits_worker.title' }), status.el,
    section('worker-today', 'visits.today_title', box));
}
