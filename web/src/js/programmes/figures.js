// KPI pieces shared by the dashboard and the project page: the year / as-of form, the headline figures, and the
// tables of figures by project, by district, by target group and by month. Figures come from the server's
// projection of the event log ({jobs, trained, participants, outputs, spent_won, cost_per_job_won}).
import { h, clear } from '../dom.js';
import { field } from '../forms.js';
import { applyI18n } from '../i18n.js';
import { seoulDate } from '../seoul.js';
import { fmt, won, people, pct, dataTable, td, districtName, groupKey } from './lib.js';

// The demo city reconstructs published figures as of the date they were published (data/demo/programmes.json
// "as_of"); its year opens on that date. The API does not say it, so it is named here.
const DEMO_AS_OF = { 2019: '2019-08-31' };

/**
 * The date figures are shown as of, when the address does not say: today, or the last day of a past year (for the
 * demo year, the date its published figures were as of).
 */
export function defaultAsOf(year, { demo = false } = {}) {
  if (demo && DEMO_AS_OF[year]) return DEMO_AS_OF[year];
  const today = seoulDate();
  const end = `${year}-12-31`;
  return end < today ? end : today;
}

/**
 * The "which figures" form: a year (when years are offered) and an as-of date, applied in place.
 * onApply({year, as_of}) is called on submit. Returns {form, values()}.
 */
export function scopeForm({ id, years, year, asOf, onApply, demoYears = [] }) {
  const form = h('form', { id, class: 'krds-form prog-scope', attrs: { novalidate: true } });
  const fields = h('div', { class: 'prog-scope-fields' });
  if (years) {
    fields.append(field(form, {
      name: 'year', labelKey: 'prog.year',
      options: years.map((y) => ({ value: String(y), i18n: 'prog.year_n', params: { y } })),
    }));
  }
  fields.append(field(form, { name: 'as_of', labelKey: 'prog.as_of', type: 'date', hintKey: 'prog.as_of_hint', value: asOf }));
  form.append(fields, h('div', { class: 'prog-scope-actions' },
    h('button', { type: 'submit', class: 'krds-btn primary medium', i18n: 'prog.show' })));
  const yearSel = form.querySelector('select');
  const dateIn = form.querySelector('input[type="date"]');
  if (yearSel) {
    // field() gives options a key but no params: add the year to each and relabel.
    for (const o of yearSel.options) {
      o.dataset.i18nParams = JSON.stringify({ y: Number(o.value) });
      applyI18n(o);
    }
    yearSel.value = String(year);
    yearSel.addEventListener('change', () => {
      const y = Number(yearSel.value);
      if (!dateIn.value.startsWith(`${y}-`)) dateIn.value = defaultAsOf(y, { demo: demoYears.includes(y) });
    });
  }
  const values = () => ({ year: yearSel ? Number(yearSel.value) : year, as_of: dateIn.value || defaultAsOf(year) });
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    onApply(values());
  });
  return { form, values };
}

// Outputs of different kinds are never added together (a visit is not a meal): each kind with its own count.
const NAMED_KINDS = ['class', 'coaching_visit', 'ride', 'delivery', 'meal_service_day', 'visit', 'booking.confirmed', 'dispatch.ride_completed'];
const kindLabel = (k) => (NAMED_KINDS.includes(k) ? h('span', { i18n: `prog.kind.${k.replace('.', '_')}` }) : h('span', {}, k));
/** Nodes saying each output kind and its count ("수업 12 · 운행 40"), or 0 when there are none. */
export function outputsByKind(f) {
  const kinds = Object.entries(f.outputs_by_kind || {}).filter(([k, n]) => k && n);
  if (!kinds.length) return ['0'];
  return kinds.map(([k, n], i) => [i ? ' · ' : '', h('span', { class: 'output-kind', dataset: { kind: k } }, kindLabel(k), ` ${fmt(n)}`)]);
}

const KPIS = [
  ['jobs', 'prog.kpi.jobs'], ['plan', 'prog.kpi.plan'], ['trained', 'prog.kpi.trained'],
  ['outputs', 'prog.kpi.outputs'], ['spent', 'prog.kpi.spent'], ['cost', 'prog.kpi.cost_per_job'],
];

/** The headline figures as a list; fill(figures, {planned, budget}) redraws it in place. */
export function headline(id) {
  const list = h('ul', { class: 'kpi-list', id });
  const fill = (f, { planned = 0, budget = 0 } = {}) => {
    clear(list);
    const plan = pct(f.jobs, planned);
    const spent = pct(f.spent_won, budget);
    const v = {
      jobs: [fmt(f.jobs), 'prog.unit.people', null],
      plan: [plan === null ? '—' : `${plan}`, plan === null ? null : 'prog.unit.pct', ['prog.kpi.plan_note', { a: fmt(f.jobs), b: fmt(planned) }]],
      trained: [fmt(f.trained), 'prog.unit.people', null],
      outputs: [outputsByKind(f), null, null],
      spent: [fmt(f.spent_won), 'prog.unit.won', budget ? ['prog.kpi.spent_note', { b: fmt(budget), p: spent ?? 0 }] : null],
      cost: [f.jobs ? fmt(f.cost_per_job_won) : '—', f.jobs ? 'prog.unit.won' : null, null],
    };
    for (const [key, labelKey] of KPIS) {
      const [value, unit, note] = v[key];
      list.append(h('li', { class: 'kpi', id: `${id}-${key}` },
        h('p', { class: 'kpi-label', i18n: labelKey }),
        h('p', { class: 'kpi-value-line' }, h('span', { class: key === 'outputs' ? 'kpi-value kpi-value-kinds' : 'kpi-value' }, value),
          unit ? h('span', { class: 'kpi-unit', i18n: unit }) : null),
        note ? h('p', { class: 'kpi-note', i18n: note[0], params: note[1] }) : null));
    }
  };
  return { el: list, fill };
}

const figCols = (plan) => [
  { key: 'prog.col.jobs', num: true }, plan ? { key: 'prog.col.planned_jobs', num: true } : null,
  { key: 'prog.col.trained', num: true }, { key: 'prog.col.outputs' }, { key: 'prog.col.spent', num: true },
].filter(Boolean);
const FIG_COLS = figCols(true);
/** The figures of a row; planned: the planned jobs, or undefined for a table without a plan column. */
const figCells = (f, planned) => [
  h('td', { class: 'num col-jobs', dataset: { value: String(f.jobs) } }, fmt(f.jobs)),
  planned === undefined ? null : h('td', { class: 'num col-planned', dataset: { value: String(planned) } }, fmt(planned)),
  td(fmt(f.trained), true), h('td', { class: 'col-outputs' }, outputsByKind(f)), td(won(f.spent_won), true),
];

/** Figures by project, with the total in the footer. */
export function projectsTable(id, data, districts) {
  const rows = data.projects.map((p) => h('tr', { dataset: { project: String(p.id) } },
    h('th', { scope: 'row' }, h('a', { href: `/programmes/projects/${p.id}?as_of=${data.as_of}`, class: 'project-link' }, p.name)),
    td(districtName(districts, p.district_id)), td(h('span', { i18n: groupKey(p.target_group) })),
    figCells(p.figures, p.planned_jobs)));
  const planned = data.projects.reduce((s, p) => s + (p.planned_jobs || 0), 0);
  return dataTable({
    id, captionKey: 'prog.table.projects', captionParams: { date: data.as_of },
    cols: [{ key: 'prog.col.project' }, { key: 'prog.col.district' }, { key: 'prog.col.group' }, ...FIG_COLS],
    rows, emptyKey: 'prog.no_projects',
    foot: data.projects.length ? h('tr', { class: 'total' }, h('th', { scope: 'row', attrs: { colspan: 3 }, i18n: 'prog.total' }),
      figCells(data.total, planned)) : null,
  });
}

export function districtsTable(id, data, districts) {
  const rows = data.districts.map((d) => h('tr', { dataset: { district: String(d.district_id) } },
    h('th', { scope: 'row' }, districtName(districts, d.district_id)), figCells(d.figures)));
  return dataTable({ id, captionKey: 'prog.table.districts', captionParams: { date: data.as_of },
    cols: [{ key: 'prog.col.district' }, ...figCols(false)], rows, emptyKey: 'prog.no_projects' });
}

export function groupsTable(id, data) {
  const rows = data.target_groups.map((g) => h('tr', {},
    h('th', { scope: 'row' }, h('span', { i18n: groupKey(g.target_group) })), figCells(g.figures)));
  return dataTable({ id, captionKey: 'prog.table.groups', captionParams: { date: data.as_of },
    cols: [{ key: 'prog.col.group' }, ...figCols(false)], rows, emptyKey: 'prog.no_projects' });
}

/** "2019-08" or a month number of `year` -> a label node. */
export function monthLabel(year, month) {
  const [y, m] = typeof month === 'number' ? [year, month] : month.split('-').map(Number);
  return h('span', { i18n: `prog.month_label.${m}`, params: { y } });
}

/** Figures by month (jobs as of each month's end, or the as-of date in its month) against the plan. */
export function monthlyTable(id, year, monthly, asOf) {
  const rows = monthly.map((x) => h('tr', { dataset: { month: String(x.month) } },
    h('th', { scope: 'row' }, monthLabel(year, x.month)), figCells(x.figures, x.planned_jobs)));
  return dataTable({ id, captionKey: 'prog.table.monthly', captionParams: { date: asOf },
    cols: [{ key: 'prog.col.month' }, ...FIG_COLS], rows, emptyKey: 'prog.no_months' });
}

export { people };
