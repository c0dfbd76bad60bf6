// The individual employment plan (개인별 취업활동계획: a goal and dated steps; each save is a new version) and the
// counselling notes (written by the case's counsellors; reading them asks for a reason, and the server logs the
// read or its refusal, whose message is shown).
import { h, clear } from '../dom.js';
import { api } from '../api.js';
import { field, errorSummary, clearErrors, showErrors, showApiError, busy, nearestFields } from '../forms.js';
import { ApiError } from '../api.js';
import { section, statusBox } from '../programmes/lib.js';
import { J } from './lib.js';

let stepSeq = 0;

function stepRow(step = {}) {
  const n = ++stepSeq;
  const id = `plan-step-${n}`;
  const row = h('li', { class: 'row-item plan-step' },
    h('div', { class: 'form-conts row-fields' },
      h('div', { class: 'row-field' }, h('label', { for: `${id}-action`, i18n: 'jobs.f.step_action' }),
        h('input', { id: `${id}-action`, class: 'krds-input step-action', attrs: { type: 'text', autocomplete: 'off', value: step.action || '' } })),
      h('div', { class: 'row-field' }, h('label', { for: `${id}-by`, i18n: 'jobs.f.step_by' }),
        h('input', { id: `${id}-by`, class: 'krds-input step-by', attrs: { type: 'date', value: step.by || '' } })),
      h('div', { class: 'row-field krds-form-check' },
        h('input', { id: `${id}-done`, class: 'step-done', attrs: { type: 'checkbox' }, checked: !!step.done }),
        h('label', { for: `${id}-done`, i18n: 'jobs.f.step_done' })),
      h('button', { type: 'button', class: 'krds-btn small tertiary remove-step', on: { click: () => row.remove() } },
        h('span', { i18n: 'jobs.remove_step' }), h('span', { class: 'sr-only' }, ` ${n}`))));
  return row;
}

export function planPanel(c, { onSaved }) {
  const form = h('form', { id: 'plan-form', class: 'krds-form prog-form', attrs: { novalidate: true } });
  const plan = c.plan || {};
  const steps = h('ol', { class: 'row-list', id: 'plan-steps' }, (plan.steps || []).map(stepRow));
  form.append(errorSummary(form),
    field(form, { name: 'goal', labelKey: 'jobs.f.goal', required: true, multiline: true, value: plan.goal || '' }),
    h('div', { class: 'form-group', dataset: { field: 'steps' } },
      h('p', { class: 'form-tit', id: 'plan-steps-label' }, h('span', { i18n: 'jobs.f.steps' })),
      h('div', { class: 'form-conts' }, steps),
      h('p', { class: 'form-hint-invalid', id: 'plan-form-steps-error', hidden: true })),
    h('div', { class: 'form-actions' },
      h('button', { type: 'button', class: 'krds-btn small secondary', id: 'add-step', i18n: 'jobs.add_step', on: { click: () => { const r = stepRow(); steps.append(r); r.querySelector('input').focus(); } } }),
      ' ',
      h('button', { type: 'submit', class: 'krds-btn primary medium', i18n: 'jobs.save_plan' })));
  if (!plan.steps?.length) steps.append(stepRow());
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    busy(form, async () => {
      clearErrors(form);
      const goal = form.elements.goal.value.trim();
      if (!goal) {
        showErrors(form, [{ field: 'goal', key: 'jobs.v.goal_required' }]);
        return;
      }
      const body = {
        goal,
        steps: [...steps.querySelectorAll('.plan-step')].map((r) => ({
          action: r.querySelector('.step-action').value.trim(), by: r.querySelector('.step-by').value || undefined,
          done: r.querySelector('.step-done').checked,
        })).filter((s) => s.action),
      };
      try {
        await api.put(`${J}/cases/${c.id}/plan`, body);
        await onSaved('jobs.plan_saved');
      } catch (e) {
        if (e instanceof ApiError && e.fieldErrors.length) showErrors(form, nearestFields(form, e.fieldErrors), e.problem);
        else showApiError(form, e);
      }
    });
  });
  return section('sec-plan', 'jobs.sec.plan', form);
}

const NOTE_KINDS = ['counselling', 'phone', 'visit', 'employer'];

export function notesPanel(c) {
  const status = statusBox('notes-status');
  const list = h('div', { id: 'notes-list' });
  const write = h('form', { id: 'note-form', class: 'krds-form prog-form', attrs: { novalidate: true } });
  write.append(errorSummary(write),
    field(write, { name: 'kind', labelKey: 'jobs.f.note_kind', options: NOTE_KINDS.map((k) => ({ value: k, i18n: `jobs.note_kind.${k}` })) }),
    field(write, { name: 'body', labelKey: 'jobs.f.note_body', required: true, multiline: true }),
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'krds-btn primary medium', i18n: 'jobs.write_note' })));
  const read = h('form', { id: 'notes-read-form', class: 'krds-form prog-form', attrs: { novalidate: true } });
  read.append(errorSummary(read),
    field(read, { name: 'reason', labelKey: 'jobs.f.read_reason', hintKey: 'jobs.f.read_reason_hint', required: true, autocomplete: 'off' }),
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'krds-btn secondary medium', i18n: 'jobs.read_notes' })));
  let lastReason = '';

  async function showNotes(reason) {
    const { items } = await api.get(`${J}/cases/${c.id}/notes?reason=${encodeURIComponent(reason)}`);
    clear(list);
    list.append(items.length ? h('ol', { class: 'note-list' }, items.map((n) => h('li', { class: 'note', dataset: { id: String(n.id) } },
      h('p', { class: 'note-meta' }, h('span', { i18n: `jobs.note_kind.${NOTE_KINDS.includes(n.kind) ? n.kind : 'counselling'}` }), ' · ',
        n.author_name || '', ' · ', h('time', { datetime: n.at })),
      h('p', { class: 'note-body' }, n.body))))
      : h('p', { class: 'muted', i18n: 'jobs.no_notes' }));
  }

  write.addEventListener('submit', (ev) => {
    ev.preventDefault();
    busy(write, async () => {
      clearErrors(write);
      const body = write.elements.body.value.trim();
      if (!body) {
        showErrors(write, [{ field: 'body', key: 'jobs.v.note_required' }]);
        return;
      }
      try {
        await api.post(`${J}/cases/${c.id}/notes`, { kind: write.elements.kind.value, body });
        write.elements.body.value = '';
        status.ok({ i18n: 'jobs.note_written' });
        if (lastReason) await showNotes(lastReason);
      } catch (e) {
        showApiError(write, e);
      }
    });
  });
  read.addEventListener('submit', (ev) => {
    ev.preventDefault();
    busy(read, async () => {
      clearErrors(read);
      const reason = read.elements.reason.value.trim();
      if (!reason) {
        showErrors(read, [{ field: 'reason', key: 'jobs.v.reason_required' }]);
        return;
      }
      try {
        await showNotes(reason);
        lastReason = reason;
        status.ok({ i18n: 'jobs.notes_shown' });
      } catch (e) {
        clear(list);
        if (e instanceof ApiError && e.fieldErrors.length) showErrors(read, e.fieldErrors.map((x) => ({ ...x, field: x.field.replace(/^query\./, '') })), e.problem);
        else status.fail(e);
      }
    });
  });
  return section('sec-notes', 'jobs.sec.notes', h('p', { class: 'privacy-note', i18n: 'jobs.notes_privacy' }), status.el,
    write, h('h3', { class: 'form-section-title', i18n: 'jobs.notes_read_title' }), read, list);
}
