// A project's participants for the district that runs it: the list (personal data — phone numbers masked here,
// the server logs the read), enrolling one (display name, phone, role, paid, target group, dates; never a resident
// registration number), and removing one entered by mistake, with a confirmation.
import { h, clear } from '../dom.js';
import { api } from '../api.js';
import { t } from '../i18n.js';
import { field, errorSummary, clearErrors, showErrors, showApiError, busy } from '../forms.js';
import { confirmDialog } from '../admin/accounts.js';
import { P, PARTICIPANT_ROLES, TARGET_GROUPS, groupKey, maskPhone, section, dataTable, td, statusBox } from './lib.js';

const roleKey = (r) => `prog.participant_role.${r}`;

export async function participantsPanel({ project, defaultDay, onChange }) {
  const listBox = h('div');
  const status = statusBox('participants-status');

  async function remove(p) {
    const yes = await confirmDialog({
      id: 'remove-participant-dialog', titleKey: 'prog.remove_title', confirmKey: 'prog.remove',
      text: t('prog.remove_text', { name: p.display_name }),
    });
    if (!yes) return;
    try {
      await api.del(`${P}/participants/${p.id}`);
      await loadList();
      status.ok({ i18n: 'prog.removed' });
      await onChange('prog.removed');
    } catch (e) {
      status.fail(e);
    }
  }

  async function loadList() {
    const { items } = await api.get(`${P}/projects/${project.id}/participants`);
    clear(listBox);
    listBox.append(dataTable({
      id: 'participants-table', captionKey: 'prog.table.participants', captionParams: { n: items.filter((p) => !p.removed).length },
      cols: [{ key: 'prog.col.name' }, { key: 'prog.col.phone' }, { key: 'prog.col.role' }, { key: 'prog.col.paid' },
        { key: 'prog.col.group' }, { key: 'prog.col.period' }, { key: 'prog.col.actions' }],
      rows: items.map((p) => h('tr', { dataset: { id: String(p.id), removed: String(!!p.removed) }, class: p.removed ? 'state-off' : null },
        h('th', { scope: 'row' }, p.display_name),
        td(p.phone ? h('span', { class: 'masked-phone' }, maskPhone(p.phone)) : h('span', { class: 'muted', i18n: 'common.none' })),
        td(h('span', { i18n: roleKey(p.role) })),
        td(h('span', { i18n: p.paid ? 'prog.yes' : 'prog.no' })),
        td(h('span', { i18n: groupKey(p.target_group) })),
        td([h('time', { date: p.start_date }), ' – ', p.end_date ? h('time', { date: p.end_date }) : h('span', { i18n: 'prog.ongoing' })]),
        td(p.removed ? h('span', { i18n: 'prog.removed_state' }) : h('button', {
          type: 'button', class: 'krds-btn small tertiary remove-participant',
          on: { click: () => remove(p) },
        }, h('span', { i18n: 'prog.remove' }), h('span', { class: 'sr-only' }, ` ${p.display_name}`))))),
      emptyKey: 'prog.no_participants',
    }));
  }

  const form = h('form', { id: 'enrol-form', class: 'krds-form prog-form', attrs: { novalidate: true } });
  form.append(errorSummary(form),
    h('p', { class: 'privacy-note', i18n: 'prog.enrol_privacy' }),
    field(form, { name: 'display_name', labelKey: 'prog.col.name', required: true, autocomplete: 'off' }),
    field(form, { name: 'phone', labelKey: 'prog.col.phone', hintKey: 'field.phone_hint', type: 'tel', inputmode: 'tel', autocomplete: 'off' }),
    field(form, { name: 'seeker_id', labelKey: 'prog.seeker_id', hintKey: 'prog.seeker_id_hint', type: 'number', inputmode: 'numeric', autocomplete: 'off', attrs: { min: 1 } }),
    field(form, { name: 'role', labelKey: 'prog.col.role', required: true, options: PARTICIPANT_ROLES.map((r) => ({ value: r, i18n: roleKey(r) })) }),
    field(form, { name: 'paid', type: 'checkbox', labelKey: 'prog.paid', hintKey: 'prog.paid_hint', checked: true }),
    field(form, { name: 'target_group', labelKey: 'prog.col.group', options: [{ value: '', i18n: 'prog.group.none' }, ...TARGET_GROUPS.map((g) => ({ value: g, i18n: groupKey(g) }))] }),
    h('div', { class: 'pair' },
      field(form, { name: 'start_date', labelKey: 'prog.start_date', type: 'date', required: true, value: defaultDay }),
      field(form, { name: 'end_date', labelKey: 'prog.end_date', type: 'date', hintKey: 'prog.end_date_hint' })),
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'krds-btn primary medium', i18n: 'prog.enrol' })));
  const el = (n) => form.elements[n];
  el('target_group').value = project.target_group || '';
  // An employee is paid unless said otherwise; a trainee (unless she has an allowance) or a volunteer is not.
  const paidByRole = () => { el('paid').checked = el('role').value === 'employee'; };
  el('role').addEventListener('change', paidByRole);
  paidByRole();

  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    busy(form, async () => {
      clearErrors(form);
      const v = (n) => el(n).value.trim();
      const missing = [];
      if (!v('display_name')) missing.push({ field: 'display_name', key: 'prog.v.name_required' });
      if (!v('start_date')) missing.push({ field: 'start_date', key: 'prog.v.start_required' });
      if (missing.length) {
        showErrors(form, missing);
        return;
      }
      const body = {
        display_name: v('display_name'), phone: v('phone') || undefined, role: v('role'), paid: el('paid').checked,
        target_group: v('target_group') || undefined, start_date: v('start_date'), end_date: v('end_date') || undefined,
        seeker_id: v('seeker_id') ? Number(v('seeker_id')) : undefined,
      };
      try {
        const p = await api.post(`${P}/projects/${project.id}/participants`, body);
        el('display_name').value = '';
        el('phone').value = '';
        el('seeker_id').value = '';
        el('end_date').value = '';
        await loadList();
        status.ok({ i18n: 'prog.enrolled', params: { name: p.display_name } });
        await onChange('prog.enrolled_short');
        el('display_name').focus();
      } catch (e) {
        showApiError(form, e);
      }
    });
  });

  await loadList();
  return h('div', { class: 'prog-staff' },
    section('sec-participants', 'prog.sec.participants', h('p', { class: 'muted', i18n: 'prog.participants_hint' }), status.el, listBox),
    section('sec-enrol', 'prog.sec.enrol', form));
}
