// 방문 계획 / The operator's week (GET /api/v1/dispatch/visits/services/{id}/week?start=): a table of each worker's
// visits per day, the unserved visits with their reasons, the continuity kept, "re-plan the week" and "a worker is
// away on a day" (which re-plans it). The service and week are in the address (?service=&start=).
import { h } from '../dom.js';
import { api, ApiError } from '../api.js';
import { t } from '../i18n.js';
import { announce } from '../live.js';
import { section, dataTable, td, statusBox } from '../programmes/lib.js';
import { errorSummary, showApiError, clearErrors, field, busy } from '../forms.js';
import { V, loadServices, operatedServices, serviceName, visitTime, visitBadge, reasonText, mondayOf } from '../dispatch/visits.js';

export const titleKey = 'page.dispatch_visits_console.title';

export async function render({ user, query, navigate }) {
  const { items, today } = await loadServices();
  const mine = operatedServices(user, items);
  const page = h('div', { class: 'container page-dispatch-visits-console' }, h('h1', { class: 'page-title', i18n: 'page.dispatch_visits_console.title' }));
  if (!mine.length) {
    page.append(h('p', { class: 'notice', id: 'no-services', i18n: 'visits.no_operated' }));
    return page;
  }
  const service = mine.find((s) => String(s.id) === query.get('service')) || mine[0];
  const start = mondayOf(query.get('start') || today);
  const pick = h('form', { id: 'week-form', class: 'krds-form prog-scope', attrs: { novalidate: true } });
  pick.append(h('div', { class: 'prog-scope-fields' },
    field(pick, { name: 'service', labelKey: 'visits.f.service', options: mine.map((s) => ({ value: String(s.id), ko: s.name_ko, en: s.name_en })) }),
    field(pick, { name: 'start', labelKey: 'visits.f.week', type: 'date', value: start })),
  h('div', { class: 'prog-scope-actions' }, h('button', { type: 'submit', class: 'krds-btn primary medium', i18n: 'visits.show_week' })));
  pick.elements.service.value = String(service.id);
  pick.addEventListener('submit', (ev) => {
    ev.preventDefault();
    navigate(`/dispatch/visits/console?service=${pick.elements.service.value}&start=${mondayOf(pick.elements.start.value || today)}`);
  });
  const status = statusBox('console-status');
  status.el.setAttribute('tabindex', '-1');
  const box = h('div', { id: 'week-box' });
  let week = await api.get(`${V}/services/${service.id}/week?start=${start}`);

  function draw() {
    const cols = [{ key: 'visits.col.worker' }, ...week.days.map((d, i) => ({ key: `dispatch.day.${['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'][i]}` }))];
    const rows = week.workers.map((w) => h('tr', { dataset: { worker: String(w.id) } },
      h('th', { scope: 'row' }, w.name, w.skills.length ? h('span', { class: 'muted' }, ` (${w.skills.join(', ')})`) : null),
      week.days.map((d) => {
        if (w.away.includes(d)) return td(h('span', { class: 'krds-badge bg-light-secondary', dataset: { away: d }, i18n: 'visits.away' }));
        const vs = w.visits.filter((v) => v.day === d);
        return td(vs.length ? h('ul', { class: 'cell-visits' }, vs.map((v) => h('li', { dataset: { visit: String(v.id), status: v.status } },
          visitTime(v), ' ', v.place?.name || '', v.status !== 'planned' ? [' ', visitBadge(v)] : null))) : '');
      })));
    const c = week.continuity;
    const unserved = week.unserved.length
      ? h('ul', { class: 'unserved-list', id: 'unserved' }, week.unserved.map((v) => h('li', { dataset: { visit: String(v.id), reason: v.reason?.code } },
        h('time', { attrs: { datetime: v.day } }, v.day), ' ', h('strong', {}, v.place?.name || ''), ': ', reasonText(v))))
      : h('p', { class: 'notice', id: 'no-unserved', i18n: 'visits.no_unserved' });
    box.replaceChildren(
      h('ul', { class: 'kpi-row', id: 'week-figures' },
        h('li', { class: 'kpi' }, h('p', { class: 'kpi-label', i18n: 'visits.fig.planned' }), h('p', { class: 'kpi-value', dataset: { fig: 'planned' } }, String(week.figures.planned))),
        h('li', { class: 'kpi' }, h('p', { class: 'kpi-label', i18n: 'visits.fig.done' }), h('p', { class: 'kpi-value', dataset: { fig: 'done' } }, String(week.figures.done))),
        h('li', { class: 'kpi' }, h('p', { class: 'kpi-label', i18n: 'visits.fig.unserved' }), h('p', { class: 'kpi-value', dataset: { fig: 'unserved' } }, String(week.figures.unserved))),
        h('li', { class: 'kpi' }, h('p', { class: 'kpi-label', i18n: 'visits.fig.continuity' }),
          h('p', { class: 'kpi-value', id: 'continuity', dataset: { fig: 'continuity' } }, `${Math.round(c.percent * 10) / 10}%`),
          h('p', { class: 'muted', i18n: 'visits.continuity_of', params: { kept: c.kept, all: c.with_previous } }))),
      dataTable({ id: 'week-table', captionKey: 'visits.week_caption', captionParams: { start: week.start }, cols, rows }),
      section('unserved-section', 'visits.unserved_title', unserved));
  }

  const plan = h('form', { id: 'replan-form', class: 'krds-form' },
    h('button', { type: 'submit', class: 'krds-btn primary medium', id: 'replan', i18n: 'visits.replan' }));
  plan.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    await busy(plan, async () => {
      try {
        week = await api.post(`${V}/services/${service.id}/plan`, { start });
        draw();
        status.ok({ i18n: 'visits.replanned', params: { planned: week.figures.planned, unserved: week.figures.unserved } });
        announce(t('visits.replanned', { planned: week.figures.planned, unserved: week.figures.unserved }));
        status.el.focus();
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        status.fail(e);
        status.el.focus();
      }
    });
  });
  const away = h('form', { id: 'away-form', class: 'krds-form', attrs: { novalidate: true } });
  away.append(errorSummary(away),
    field(away, { name: 'worker', labelKey: 'visits.f.worker', options: week.workers.map((w) => ({ value: String(w.id), ko: w.name, en: w.name })) }),
    field(away, { name: 'day', labelKey: 'visits.f.day', type: 'date', value: today < start ? start : today, required: true }),
    h('button', { type: 'submit', class: 'krds-btn secondary medium', i18n: 'visits.mark_away' }));
  away.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors(away);
    await busy(away, async () => {
      try {
        const name = week.workers.find((w) => String(w.id) === away.elements.worker.value)?.name || '';
        week = await api.post(`${V}/workers/${away.elements.worker.value}/away`, { day: away.elements.day.value });
        draw();
        status.ok({ i18n: 'visits.away_ok', params: { name, day: away.elements.day.value } });
        announce(t('visits.away_ok', { name, day: away.elements.day.value }));
        status.el.focus();
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        showApiError(away, e);
      }
    });
  });
  draw();
  page.append(h('p', { class: 'lead' }, serviceName(service)), pick, status.el, box,
    section('week-actions', 'visits.actions_title', plan, away));
  return page;
}
