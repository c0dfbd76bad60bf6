// 일자리 사업 현황 / The city's Programmes dashboard (public): the KPIs of a year's projects as of a date, from
// GET /api/v1/programmes/kpis — headline figures, jobs by project and jobs by month against plan (ECharts, each with
// a data table holding the same numbers), figures by district and target group, and CSV/XLSX downloads. The year
// and date live in the address (?year=&as_of=), so a figure can be shared; changing them redraws in place.
import { h, clear } from '../dom.js';
import { api, withQuery } from '../api.js';
import { t, lang, onLangChange } from '../i18n.js';
import { announce } from '../live.js';
import { seoulDate } from '../seoul.js';
import { P, loadDistricts, section, isStaff } from '../programmes/lib.js';
import { scopeForm, headline, projectsTable, monthlyTable, districtsTable, groupsTable, defaultAsOf } from '../programmes/figures.js';
import { chartBox } from '../programmes/chart.js';

export const titleKey = 'page.programmes.title';

const EXPORTS = [['projects', 'prog.table_name.projects'], ['districts', 'prog.table_name.districts'],
  ['groups', 'prog.table_name.groups'], ['monthly', 'prog.table_name.monthly']];

/** The years that have projects (published calls), newest first; the current year if none has. */
function yearsOf(calls, wanted) {
  const ys = new Set(calls.filter((c) => c.status === 'published').map((c) => c.year));
  if (wanted) ys.add(wanted);
  if (!ys.size) ys.add(Number(seoulDate().slice(0, 4)));
  return [...ys].sort((a, b) => b - a);
}

const validDate = (s) => (/^\d{4}-\d{2}-\d{2}$/.test(s || '') ? s : null);

export async function render({ query, user }) {
  const [{ items: calls }, districts] = await Promise.all([api.get(`${P}/calls`), loadDistricts()]);
  const wantedYear = Number.parseInt(query.get('year') || '', 10);
  const years = yearsOf(calls, wantedYear >= 2000 && wantedYear <= 2100 ? wantedYear : null);
  let year = years.includes(wantedYear) ? wantedYear : years[0];
  const demoYears = calls.filter((c) => c.demo).map((c) => c.year);
  let asOf = validDate(query.get('as_of')) || defaultAsOf(year, { demo: demoYears.includes(year) });
  let data = null;

  const kpis = headline('kpi');
  const projectsChart = chartBox('chart-projects', () => ({
    horizontal: true,
    categories: data.projects.map((p) => p.name),
    series: [
      { nameKey: 'prog.series.jobs', data: data.projects.map((p) => p.figures.jobs) },
      { nameKey: 'prog.series.planned', data: data.projects.map((p) => p.planned_jobs) },
    ],
    descriptionKey: 'prog.chart.projects_desc',
    descriptionParams: { n: data.projects.length, total: data.total.jobs, date: asOf },
  }));
  const monthlyChart = chartBox('chart-monthly', () => ({
    categories: data.monthly.map((m) => t(`prog.month_label.${Number(m.month.slice(5))}`, { y: m.month.slice(0, 4) })),
    series: [
      { nameKey: 'prog.series.jobs', data: data.monthly.map((m) => m.figures.jobs) },
      { nameKey: 'prog.series.planned', type: 'line', data: data.monthly.map((m) => m.planned_jobs) },
    ],
    descriptionKey: 'prog.chart.monthly_desc',
    descriptionParams: { year, date: asOf },
  }));
  const figure = (chart) => h('figure', { class: 'chart-figure' }, chart.el,
    h('figcaption', { class: 'muted', i18n: 'prog.chart.see_table' }));
  const projectsTableSlot = h('div', { class: 'chart-table-slot' });
  const monthlyTableSlot = h('div', { class: 'chart-table-slot' });
  const projectsBox = h('div', { class: 'chart-table' }, figure(projectsChart), projectsTableSlot);
  const monthlyBox = h('div', { class: 'chart-table' }, figure(monthlyChart), monthlyTableSlot);
  const districtsBox = h('div');
  const groupsBox = h('div');
  const downloads = h('ul', { class: 'download-list', id: 'kpi-downloads' });
  const scopeNote = h('p', { class: 'page-lead', id: 'kpi-scope' });
  const error = h('div', { class: 'error-summary', hidden: true, attrs: { role: 'alert' } });

  function fillDownloads() {
    clear(downloads);
    for (const [table, nameKey] of EXPORTS) {
      const base = { year, as_of: asOf, table, lang: lang() };
      const link = (id, key, params) => h('a', {
        href: withQuery(`${P}/kpis/export`, { ...base, ...params }), download: '', id: `export-${table}-${id}`,
        class: 'krds-btn small tertiary', i18n: key,
      });
      downloads.append(h('li', {}, h('span', { class: 'download-name', i18n: nameKey }), ' ',
        link('csv', 'prog.export.csv', { format: 'csv' }), ' ',
        link('cp949', 'prog.export.cp949', { format: 'csv', encoding: 'cp949' }), ' ',
        link('xlsx', 'prog.export.xlsx', { format: 'xlsx' })));
    }
  }

  async function load() {
    try {
      data = await api.get(withQuery(`${P}/kpis`, { year, as_of: asOf }));
    } catch (e) {
      clear(error);
      error.append(h('p', { i18n: 'prog.load_failed' }));
      error.hidden = false;
      throw e;
    }
    error.hidden = true;
    const budget = data.projects.reduce((s, p) => s + (p.budget_won || 0), 0);
    kpis.fill(data.total, { planned: data.planned_jobs, budget });
    clear(scopeNote);
    scopeNote.append(h('span', { i18n: 'prog.scope_note', params: { year, date: asOf, n: data.projects.length } }));
    clear(projectsTableSlot);
    projectsTableSlot.append(projectsTable('projects-table', data, districts));
    clear(monthlyTableSlot);
    monthlyTableSlot.append(monthlyTable('monthly-table', year, data.monthly, asOf));
    clear(districtsBox);
    districtsBox.append(districtsTable('districts-table', data, districts));
    clear(groupsBox);
    groupsBox.append(groupsTable('groups-table', data));
    fillDownloads();
    // Charts draw once they are in the document (ECharts measures the container).
    requestAnimationFrame(() => {
      projectsChart.draw();
      monthlyChart.draw();
    });
  }

  const scope = scopeForm({
    id: 'kpi-scope-form', years, year, asOf, demoYears,
    onApply: async (v) => {
      year = v.year;
      asOf = v.as_of;
      history.pushState({}, '', withQuery('/programmes', { year, as_of: asOf }));
      await load();
      announce(t('prog.updated', { year, date: asOf }));
    },
  });
  const offLang = onLangChange(() => (downloads.isConnected ? fillDownloads() : offLang()));
  await load();

  return h('div', { class: 'container page-programmes' },
    h('h1', { class: 'page-title', i18n: 'page.programmes.title' }),
    scopeNote,
    isStaff(user) ? h('p', { class: 'page-actions' },
      h('a', { href: '/programmes/calls', class: 'krds-btn secondary medium', id: 'to-calls', i18n: 'prog.to_calls' })) : null,
    scope.form,
    error,
    section('sec-kpis', 'prog.sec.headline', kpis.el),
    section('sec-projects', 'prog.sec.projects', projectsBox),
    section('sec-monthly', 'prog.sec.monthly', monthlyBox),
    section('sec-districts', 'prog.sec.districts', districtsBox),
    section('sec-groups', 'prog.sec.groups', groupsBox),
    section('sec-downloads', 'prog.sec.downloads', h('p', { class: 'muted', i18n: 'prog.export.hint' }), downloads));
}
