// Recording a project's outputs (a class, a coaching visit …: POST /projects/{id}/outputs {day, kind, count}) and its
// spending (POST /projects/{id}/spending {day, won, category, note}, within the project's budget). The server's
// field errors (a future day, over budget) show next to their fields.
import { h } from '../dom.js';
import { api } from '../api.js';
import { field, errorSummary, clearErrors, showErrors, showApiError, busy } from '../forms.js';
import { P, section, statusBox, fmt } from './lib.js';

function recordForm({ id, fields, submitKey, check, send, done }) {
  const form = h('form', { id, class: 'krds-form prog-form', attrs: { novalidate: true } });
  const status = statusBox(`${id}-status`);
  form.append(errorSummary(form), ...fields(form),
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'krds-btn primary medium', i18n: submitKey })));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    busy(form, async () => {
      clearErrors(form);
      status.clear();
      const v = (n) => form.elements[n].value.trim();
      const missing = check(v);
      if (missing.length) {
        showErrors(form, missing);
        return;
      }
      try {
        const saved = await send(v);
        status.ok(done(saved));
        await saved.after?.();
      } catch (e) {
        showApiError(form, e);
      }
    });
  });
  return [form, status.el];
}

export function recordForms({ project, defaultDay, onChange }) {
  const outputs = recordForm({
    id: 'output-form', submitKey: 'prog.record_output',
    fields: (form) => [
      h('div', { class: 'pair' },
        field(form, { name: 'day', labelKey: 'prog.col.day', type: 'date', required: true, value: defaultDay }),
        field(form, { name: 'count', labelKey: 'prog.col.count', type: 'number', inputmode: 'numeric', value: '1', attrs: { min: 1, step: 1 } })),
      field(form, { name: 'kind', labelKey: 'prog.col.kind', required: true, hintKey: 'prog.kind_hint', value: project.output_kind || '', autocomplete: 'off' }),
    ],
    check: (v) => [
      !v('day') && { field: 'day', key: 'prog.v.day_required' },
      !v('kind') && { field: 'kind', key: 'prog.v.kind_required' },
    ].filter(Boolean),
    send: async (v) => {
      const r = await api.post(`${P}/projects/${project.id}/outputs`, { day: v('day'), kind: v('kind'), count: v('count') ? Number(v('count')) : 1 });
      return { ...r, after: () => onChange('prog.output_recorded_short') };
    },
    done: (r) => ({ i18n: 'prog.output_recorded', params: { n: fmt(r.count), kind: r.kind } }),
  });
  const spending = recordForm({
    id: 'spending-form', submitKey: 'prog.record_spending',
    fields: (form) => [
      h('div', { class: 'pair' },
        field(form, { name: 'day', labelKey: 'prog.col.day', type: 'date', required: true, value: defaultDay }),
        field(form, { name: 'won', labelKey: 'prog.col.won', type: 'number', inputmode: 'numeric', required: true, attrs: { min: 1, step: 1 } })),
      field(form, { name: 'category', labelKey: 'prog.col.category', required: true, hintKey: 'prog.category_hint', autocomplete: 'off' }),
      field(form, { name: 'note', labelKey: 'prog.col.note', autocomplete: 'off' }),
    ],
    check: (v) => [
      !v('day') && { field: 'day', key: 'prog.v.day_required' },
      !(Number(v('won')) > 0) && { field: 'won', key: 'prog.v.won_required' },
      !v('category') && { field: 'category', key: 'prog.v.category_required' },
    ].filter(Boolean),
    send: async (v) => {
      const r = await api.post(`${P}/projects/${project.id}/spending`, { day: v('day'), won: Number(v('won')), category: v('category'), note: v('note') || undefined });
      return { ...r, after: () => onChange('prog.spending_recorded_short') };
    },
    done: (r) => ({ i18n: 'prog.spending_recorded', params: { won: fmt(r.won), category: r.category } }),
  });
  return [section('sec-record-output', 'prog.sec.record_output', outputs), section('sec-record-spending', 'prog.sec.record_spending', spending)];
}
