// 가구 정보 / My household: residence and children by birth month (never full birth dates).
import { h } from '../dom.js';
import { api } from '../api.js';
import { field, showApiError, clearErrors, busy, errorSummary } from '../forms.js';
import { B, myHousehold } from '../booking/lib.js';

export const titleKey = 'page.booking_household.title';

function childRow(list, child) {
  const n = list.children.length + 1;
  const id = `child-${Date.now()}-${n}`;
  const row = h('div', { class: 'form-group child-row', dataset: { memberId: child?.id || '' } },
    h('label', { for: id }, h('span', { i18n: 'booking.child_birth_month' }), ` ${n}`),
    h('input', { id, class: 'krds-input', name: 'birth_month', attrs: { type: 'month', required: true, value: child?.birth_month || null } }),
    h('button', { type: 'button', class: 'krds-btn small tertiary', i18n: 'booking.remove_child', on: { click: () => row.remove() } }));
  list.append(row);
}

export async function render({ navigate }) {
  const current = await myHousehold();
  const form = h('form', { id: 'household-form', class: 'panel', attrs: { novalidate: true } });
  form.append(errorSummary(form),
    field(form, { name: 'city_code', labelKey: 'booking.city', required: true, options: [{ value: 'jinju', i18n: 'booking.city_jinju' }, { value: 'other', i18n: 'booking.city_other' }] }),
    field(form, { name: 'district_code', labelKey: 'booking.district', hintKey: 'booking.district_hint', value: current?.district_code || '' }));
  if (current) form.querySelector('select[name=city_code]').value = current.city_code === 'jinju' ? 'jinju' : 'other';
  const list = h('div', { class: 'children', attrs: { role: 'group' }, i18nAttr: { 'aria-label': 'booking.children' } });
  for (const m of (current?.members || []).filter((x) => x.is_child)) childRow(list, m);
  if (!list.children.length) childRow(list, null);
  form.append(h('fieldset', {}, h('legend', { i18n: 'booking.children' }), h('p', { class: 'form-hint', i18n: 'booking.children_hint' }), list,
    h('button', { type: 'button', id: 'add-child', class: 'krds-btn small secondary', i18n: 'booking.add_child', on: { click: () => childRow(list, null) } })));
  form.append(h('button', { type: 'submit', class: 'krds-btn primary', i18n: 'booking.household_save' }));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    busy(form, async () => {
      clearErrors(form);
      const members = (current?.members || []).filter((m) => !m.is_child).map((m) => ({ id: m.id, label: m.label, is_child: false }));
      if (!members.length) members.push({ label: 'guardian', is_child: false });
      for (const row of list.querySelectorAll('.child-row')) {
        const v = row.querySelector('input').value;
        members.push({ id: row.dataset.memberId ? Number(row.dataset.memberId) : undefined, label: 'child', is_child: true, birth_month: v });
      }
      try {
        await api.put(`${B}/household`, { city_code: form.city_code.value, district_code: form.district_code.value, members });
        navigate('/booking?notice=household_saved');
      } catch (e) {
        showApiError(form, e);
      }
    });
  });
  return h('div', { class: 'container page-booking-household' },
    h('h1', { class: 'page-title', i18n: 'page.booking_household.title' }),
    h('p', { class: 'page-lead', i18n: 'booking.household_lead' }), form);
}
