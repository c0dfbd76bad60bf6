// 상담 업무 / The counsellor's work list: her centre's open cases (hers first) with the seeker's name and the case's
// state, follow-up contacts due within 14 days or overdue with a form to record each, and internship incentive
// payments that have fallen due, each with an approve button.
import { h, clear } from '../dom.js';
import { api } from '../api.js';
import { t } from '../i18n.js';
import { announce } from '../live.js';
import { section, dataTable, td, statusBox, fmt } from '../programmes/lib.js';
import { J, stateKey } from '../jobs/lib.js';
import { followupForm } from '../jobs/followups.js';

export const titleKey = 'page.jobs.title';

export async function render() {
  const casesBox = h('div');
  const followBox = h('div');
  const payBox = h('div');
  const status = statusBox('worklist-status');

  async function load() {
    const w = await api.get(`${J}/worklist`);
    clear(casesBox);
    casesBox.append(dataTable({
      id: 'cases-table', captionKey: 'jobs.table.cases', captionParams: { n: w.cases.length },
      cols: [{ key: 'jobs.col.seeker' }, { key: 'jobs.col.state' }, { key: 'jobs.col.opened' }, { key: 'jobs.col.mine' }],
      rows: w.cases.map((c) => h('tr', { dataset: { id: String(c.id), state: c.state } },
        h('th', { scope: 'row' }, h('a', { href: `/jobs/cases/${c.id}`, class: 'case-link' }, c.seeker_name || `#${c.id}`)),
        td(h('span', { class: 'case-state', i18n: stateKey(c.state) })),
        td(h('time', { date: c.opened_on })),
        td(h('span', { i18n: c.mine ? 'prog.yes' : 'prog.no' })))),
      emptyKey: 'jobs.no_cases',
    }));
    clear(followBox);
    followBox.append(dataTable({
      id: 'followups-table', captionKey: 'jobs.table.followups_due', captionParams: { n: w.followups.length },
      cols: [{ key: 'jobs.col.seeker' }, { key: 'jobs.col.employer' }, { key: 'jobs.col.month' }, { key: 'jobs.col.due' }, { key: 'jobs.col.actions' }],
      rows: w.followups.map((f) => h('tr', { dataset: { id: String(f.id), case: String(f.case_id), due: f.due_on, overdue: String(!!f.overdue) }, class: f.overdue ? 'overdue' : null },
        h('th', { scope: 'row' }, h('a', { href: `/jobs/cases/${f.case_id}` }, f.seeker_name || `#${f.case_id}`)),
        td(f.employer_name || ''),
        td(h('span', { i18n: 'jobs.month_n', params: { n: f.month } })),
        td([h('time', { date: f.due_on }), ' ', h('span', { class: f.overdue ? 'krds-badge bg-light-danger' : 'krds-badge', i18n: f.overdue ? 'jobs.overdue' : 'jobs.due_soon' })]),
        td(followupForm(f, { onDone: async () => { await load(); status.ok({ i18n: 'jobs.followup_recorded' }); announce(t('jobs.followup_recorded')); } })))),
      emptyKey: 'jobs.no_followups',
    }));
    clear(payBox);
    payBox.append(dataTable({
      id: 'payments-table', captionKey: 'jobs.table.payments', captionParams: { n: w.payments.length },
      cols: [{ key: 'jobs.col.payee' }, { key: 'jobs.col.kind' }, { key: 'jobs.col.due' }, { key: 'jobs.col.amount', num: true }, { key: 'jobs.col.condition' }, { key: 'jobs.col.actions' }],
      rows: w.payments.map((p) => h('tr', { dataset: { id: String(p.id), status: p.status } },
        h('th', { scope: 'row' }, h('span', { i18n: `jobs.payee.${p.payee === 'intern' ? 'intern' : 'employer'}` }), ` #${p.internship_id}`),
        td(h('span', { i18n: `jobs.pay_kind.${['internship_month', 'retention', 'intern_retention'].includes(p.kind) ? p.kind : 'other'}` }), ` ${p.seq}`),
        td(h('time', { date: p.due_on })),
        td(h('span', { i18n: 'prog.won', params: { n: fmt(p.amount_won) } }), true),
        td(p.condition || ''),
        td(h('button', {
          type: 'button', class: 'krds-btn small secondary approve-payment',
          on: {
            click: async (ev) => {
              ev.currentTarget.disabled = true;
              try {
                await api.post(`${J}/payments/${p.id}/approve`, {});
                await load();
                status.ok({ i18n: 'jobs.payment_approved' });
              } catch (e) {
                status.fail(e);
                ev.target.disabled = false;
              }
            },
          },
        }, h('span', { i18n: 'jobs.approve' }), h('span', { class: 'sr-only' }, ` #${p.id}`))))),
      emptyKey: 'jobs.no_payments',
    }));
  }
  await load();
  return h('div', { class: 'container page-jobs' },
    h('h1', { class: 'page-title', i18n: 'page.jobs.title' }),
    h('p', { class: 'page-actions' }, h('a', { href: '/jobs/intake', id: 'new-intake', class: 'krds-btn primary medium', i18n: 'jobs.new_intake' }),
      ' ', h('a', { href: '/jobs/terms', id: 'centre-terms', class: 'krds-btn secondary medium', i18n: 'jobs.terms.link' })),
    status.el,
    section('sec-cases', 'jobs.sec.cases', casesBox),
    section('sec-followups', 'jobs.sec.followups', h('p', { class: 'muted', i18n: 'jobs.followups_hint' }), followBox),
    section('sec-payments', 'jobs.sec.payments', payBox));
}
