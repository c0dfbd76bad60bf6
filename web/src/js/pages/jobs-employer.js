// 채용 관리 / An employer's vacancies (open and closed) with a link to each one's ranked candidates, and the form to
// post a new one. The employer is the organisation of the person's employer grant.
import { h, clear } from '../dom.js';
import { api } from '../api.js';
import { t } from '../i18n.js';
import { announce } from '../live.js';
import { section, dataTable, td, statusBox } from '../programmes/lib.js';
import { J, grantScope, occupationName, wageText, hoursText } from '../jobs/lib.js';
import { vacancyForm } from '../jobs/vacancy-form.js';

export const titleKey = 'page.jobs_employer.title';

export async function render({ user, query }) {
  const employer = grantScope(user, 'employer') || (query.get('employer_id') ? { id: Number(query.get('employer_id')) } : null);
  const status = statusBox('vacancy-status');
  const listBox = h('div');
  if (!employer) {
    return h('div', { class: 'container page-jobs-employer' },
      h('h1', { class: 'page-title', i18n: 'page.jobs_employer.title' }), h('p', { i18n: 'jobs.no_employer' }));
  }

  async function load() {
    const { items } = await api.get(`${J}/vacancies?employer_id=${employer.id}&all=1`);
    clear(listBox);
    listBox.append(dataTable({
      id: 'vacancies-table', captionKey: 'jobs.table.vacancies', captionParams: { n: items.length },
      cols: [{ key: 'jobs.f.title' }, { key: 'jobs.f.occupation' }, { key: 'jobs.f.hours' }, { key: 'jobs.f.wage' }, { key: 'jobs.col.status' }, { key: 'jobs.col.actions' }],
      rows: items.map((v) => h('tr', { dataset: { id: String(v.id), status: v.status } },
        h('th', { scope: 'row' }, v.title),
        td(occupationName(v.occupation)), td(hoursText(v.hours)), td(wageText(v.wage)),
        td(h('span', { i18n: v.status === 'open' ? 'jobs.vacancy_open' : 'jobs.vacancy_closed' })),
        td(h('a', { href: `/jobs/vacancies/${v.id}/candidates`, class: 'candidates-link' },
          h('span', { i18n: 'jobs.see_candidates' }), h('span', { class: 'sr-only' }, ` ${v.title}`))))),
      emptyKey: 'jobs.no_vacancies',
    }));
  }
  const form = await vacancyForm({
    employerId: employer.id,
    onPosted: async (v) => {
      await load();
      status.ok({ i18n: 'jobs.vacancy_posted', params: { title: v.title } });
      announce(t('jobs.vacancy_posted', { title: v.title }));
    },
  });
  await load();
  return h('div', { class: 'container page-jobs-employer', dataset: { employer: String(employer.id) } },
    h('h1', { class: 'page-title', i18n: 'page.jobs_employer.title' }),
    employer.name ? h('p', { class: 'page-lead' }, employer.name) : null,
    status.el,
    section('sec-vacancies', 'jobs.sec.vacancies', listBox),
    section('sec-post', 'jobs.sec.post', form));
}
