// Follow-up contacts after a hire (1, 3, 6 and 12 months): a small form to record one (outcome and a note), and a
// case's list of them.
import { h, clear } from '../dom.js';
import { api } from '../api.js';
import { field, errorSummary, clearErrors, showApiError, busy } from '../forms.js';
import { dataTable, td } from '../programmes/lib.js';
import { J, outcomeKey } from './lib.js';

const OUTCOMES = ['retained', 'left', 'unreachable'];

export function followupForm(f, { onDone }) {
  const form = h('form', { id: `followup-${f.id}`, class: 'krds-form followup-form', dataset: { id: String(f.id) }, attrs: { novalidate: true } });
  form.append(errorSummary(form),
    field(form, { name: 'outcome', labelKey: 'jobs.f.outcome', options: OUTCOMES.map((o) => ({ value: o, i18n: outcomeKey(o) })) }),
    field(form, { name: 'note', labelKey: 'jobs.f.note', autocomplete: 'off' }),
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'krds-btn small primary record-followup' },
      h('span', { i18n: 'jobs.record' }), h('span', { class: 'sr-only', i18n: 'jobs.month_n', params: { n: f.month } }))));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    busy(form, async () => {
      clearErrors(form);
      try {
        await api.post(`${J}/followups/${f.id}`, { outcome: form.elements.outcome.value, note: form.elements.note.value.trim() });
        await onDone?.();
      } catch (e) {
        showApiError(form, e);
      }
    });
  });
  return form;
}

/** A case's follow-ups, with the record form for each one not yet done. */
export function followupsPanel(caseId, { onChange } = {}) {
  const box = h('div', { id: 'case-followups' });
  async function load() {
    const { items } = await api.get(`${J}/cases/${caseId}/followups`);
    clear(box);
    box.append(dataTable({
      id: 'case-followups-table', captionKey: 'jobs.table.followups', captionParams: { n: items.length },
      cols: [{ key: 'jobs.col.month' }, { key: 'jobs.col.due' }, { key: 'jobs.col.done' }, { key: 'jobs.col.outcome' }, { key: 'jobs.col.actions' }],
      rows: items.map((f) => h('tr', { dataset: { id: String(f.id), month: String(f.month), due: f.due_on } },
        h('th', { scope: 'row' }, h('span', { i18n: 'jobs.month_n', params: { n: f.month } })),
        td(h('time', { date: f.due_on })),
        td(f.done_on ? h('time', { date: f.done_on }) : h('span', { class: 'muted', i18n: 'common.none' })),
        td(f.outcome ? h('span', { i18n: outcomeKey(f.outcome) }) : ''),
        td(f.done_on ? (f.note || '') : followupForm(f, { onDone: async () => { await load(); await onChange?.('jobs.followup_recorded'); } })))),
      emptyKey: 'jobs.no_case_followups',
    }));
  }
  return { el: box, load };
}
