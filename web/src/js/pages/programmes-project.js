// 사업 현황 / One district project: what it is, its figures as of a date (GET /projects/{id}?as_of=), the monthly
// table against plan, and the outputs and spending recorded. For the district that runs it (and the city) also the
// participants (phone numbers masked; the read is logged by the server), enrolling one, and recording outputs and
// spending; after each, the figures are fetched again and shown at once.
import { h, clear } from '../dom.js';
import { api, withQuery } from '../api.js';
import { t } from '../i18n.js';
import { announce } from '../live.js';
import { seoulDate } from '../seoul.js';
import { P, loadDistricts, districtName, won, fmt, groupKey, canManage, section, dataTable, td } from '../programmes/lib.js';
import { scopeForm, headline, monthlyTable, defaultAsOf } from '../programmes/figures.js';
import { participantsPanel } from '../programmes/participants.js';
import { recordForms } from '../programmes/records.js';

export const titleKey = 'page.programme_project.title';

const validDate = (s) => (/^\d{4}-\d{2}-\d{2}$/.test(s || '') ? s : null);

function facts(p, districts) {
  const rows = [
    ['prog.col.district', districtName(districts, p.district_id)],
    ['prog.year', h('span', { i18n: 'prog.year_n', params: { y: p.year } })],
    ['prog.col.group', h('span', { i18n: groupKey(p.target_group) })],
    ['prog.implementing_org', p.implementing_org || h('span', { class: 'muted', i18n: 'common.none' })],
    ['prog.output_kind', p.output_kind || h('span', { class: 'muted', i18n: 'common.none' })],
    ['prog.period', [h('time', { date: p.start_date }), ' – ', h('time', { date: p.end_date })]],
    ['prog.budget', [won(p.budget_won), ' (', h('span', { i18n: 'prog.shares', params: { c: fmt(p.city_share_won), d: fmt(p.district_share_won) } }), ')']],
    ['prog.col.planned_jobs', h('span', { i18n: 'prog.people', params: { n: fmt(p.planned_jobs) } })],
  ];
  return h('dl', { class: 'info-list prog-facts', id: 'project-facts' }, rows.map(([k, v]) => [h('dt', { i18n: k }), h('dd', {}, v)]));
}

export async function render({ params, query, user }) {
  const id = Number(params.id);
  const today = seoulDate();
  const wanted = validDate(query.get('as_of'));
  const [first, districts] = await Promise.all([
    api.get(withQuery(`${P}/projects/${id}`, { as_of: wanted || undefined })), loadDistricts()]);
  let project = first;
  // Without a date in the address, a past year's project is shown as the dashboard shows its year.
  const fallback = defaultAsOf(project.year, { demo: project.demo });
  if (!wanted && fallback !== project.as_of) project = await api.get(withQuery(`${P}/projects/${id}`, { as_of: fallback }));
  let asOf = project.as_of;
  const kpis = headline('project-kpi');
  const monthlyBox = h('div');
  const outputsBox = h('div');
  const spendingBox = h('div');
  const asOfNote = h('p', { class: 'muted', id: 'project-as-of' });

  function fillFigures() {
    kpis.fill(project.figures, { planned: plannedAt(project, asOf), budget: project.budget_won });
    clear(asOfNote);
    asOfNote.append(h('span', { i18n: 'prog.as_of_note', params: { date: asOf } }));
    clear(monthlyBox);
    monthlyBox.append(monthlyTable('project-monthly', project.year, project.monthly, asOf));
  }

  async function loadFigures() {
    project = await api.get(withQuery(`${P}/projects/${id}`, { as_of: asOf }));
    fillFigures();
  }

  async function loadRecords() {
    const [outs, spends] = await Promise.all([api.get(`${P}/projects/${id}/outputs`), api.get(`${P}/projects/${id}/spending`)]);
    clear(outputsBox);
    outputsBox.append(dataTable({
      id: 'outputs-table', captionKey: 'prog.table.outputs',
      cols: [{ key: 'prog.col.day' }, { key: 'prog.col.kind' }, { key: 'prog.col.count', num: true }],
      rows: outs.items.map((o) => h('tr', {}, td(h('time', { date: o.day })), td(o.kind), td(fmt(o.count), true))),
      emptyKey: 'prog.no_outputs',
    }));
    clear(spendingBox);
    spendingBox.append(dataTable({
      id: 'spending-table', captionKey: 'prog.table.spending',
      cols: [{ key: 'prog.col.day' }, { key: 'prog.col.category' }, { key: 'prog.col.won', num: true }, { key: 'prog.col.note' }],
      rows: spends.items.map((s) => h('tr', {}, td(h('time', { date: s.day })), td(s.category), td(won(s.won), true), td(s.note || ''))),
      emptyKey: 'prog.no_spending',
    }));
  }

  /** After a change: the figures as of the shown date, fetched again, and said. */
  async function changed(msgKey) {
    await Promise.all([loadFigures(), loadRecords()]);
    announce(`${t(msgKey)} ${t('prog.figures_updated', { jobs: fmt(project.figures.jobs) })}`);
  }

  const scope = scopeForm({
    id: 'project-scope-form', year: project.year, asOf,
    onApply: async (v) => {
      asOf = v.as_of;
      history.pushState({}, '', withQuery(`/programmes/projects/${id}`, { as_of: asOf }));
      await loadFigures();
      announce(t('prog.updated_project', { date: asOf }));
    },
  });
  fillFigures();
  await loadRecords();

  const manage = canManage(user, project);
  const staff = [];
  if (manage) {
    const defaultDay = today < project.start_date ? project.start_date : today > project.end_date ? project.end_date : today;
    staff.push(await participantsPanel({ project, defaultDay, onChange: changed }));
    staff.push(...recordForms({ project, defaultDay: defaultDay > today ? today : defaultDay, onChange: changed }));
  }

  return h('div', { class: 'container page-programme-project', dataset: { id: String(id) } },
    h('p', {}, h('a', { href: withQuery('/programmes', { year: project.year, as_of: asOf }), id: 'to-dashboard', i18n: 'prog.back_dashboard' })),
    h('h1', { class: 'page-title' }, project.name),
    facts(project, districts),
    scope.form,
    asOfNote,
    section('sec-project-kpis', 'prog.sec.headline', kpis.el),
    section('sec-project-monthly', 'prog.sec.monthly', monthlyBox),
    section('sec-outputs', 'prog.sec.outputs', outputsBox),
    section('sec-spending', 'prog.sec.spending', spendingBox),
    staff);
}

/** The plan for the as-of month: that month's planned jobs from the monthly figures (the server's projection). */
function plannedAt(project, asOf) {
  const m = Number(asOf.slice(5, 7));
  const row = asOf.startsWith(`${project.year}-`) ? project.monthly.find((x) => x.month === m) : null;
  return row ? row.planned_jobs : project.planned_jobs;
}
