// The consoles' "which area, which day" form (the shuttle's and the luggage console): the date checked, the
// address kept in step (?area=&date=), and the page's own loading done by onPick; a failure shows by the form.
import { h } from '../dom.js';
import { errorSummary, showErrors, showApiError, clearErrors, field } from '../forms.js';

export function boardPicker({ id, areas, areaId, day, areaLabelKey, path, onPick }) {
  const form = h('form', { id, class: 'krds-form prog-scope dispatch-scope', attrs: { novalidate: true } });
  form.append(errorSummary(form),
    h('div', { class: 'prog-scope-fields' },
      field(form, { name: 'area', labelKey: areaLabelKey, options: areas.map((a) => ({ value: String(a.id), ko: a.name_ko, en: a.name_en || a.name_ko })) }),
      field(form, { name: 'date', labelKey: 'dispatch.f.board_date', type: 'date', value: day })),
    h('div', { class: 'prog-scope-actions' }, h('button', { type: 'submit', class: 'krds-btn primary medium', i18n: 'dispatch.show_board' })));
  form.elements.area.value = String(areaId);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors(form);
    const d = form.elements.date.value;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(d)) {
      showErrors(form, [{ field: 'date', key: 'dispatch.v.date' }]);
      return;
    }
    const area = Number(form.elements.area.value);
    history.replaceState({}, '', `${path}?area=${area}&date=${d}`);
    try {
      await onPick(area, d);
    } catch (e) {
      showApiError(form, e);
    }
  });
  return form;
}
