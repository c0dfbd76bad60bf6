// The form the city uses to open a call for proposals: title, year, envelope, co-funding ratio, minimum score,
// deadline (a datetime-local read as Seoul time through seoul.js), weighted review criteria as rows, and the
// proposal fields the call requires. Control names are the paths the server names in its field errors
// ("criteria[1].weight"), so a 422 lands beside the row it is about.
import { h } from '../dom.js';
import { field } from '../forms.js';
import { t } from '../i18n.js';
import { fromLocalInput } from '../seoul.js';
import { REQUIRED_FIELDS } from './lib.js';

/**
 * Criteria a new call starts with (the city may change every one). Their names are data in both languages, kept in
 * the catalogues under the same words in ko.json and en.json (.name_ko is Korean, .name_en English, whatever the
 * page's language).
 */
export const DEFAULT_CRITERIA = [
  { key: 'fit', nameKey: 'prog.criterion.fit', weight: 40, max_score: 10 },
  { key: 'jobs', nameKey: 'prog.criterion.jobs', weight: 40, max_score: 10 },
  { key: 'feasibility', nameKey: 'prog.criterion.feasibility', weight: 20, max_score: 10 },
];

const sr = (...c) => h('span', { class: 'sr-only' }, c);

/** A fieldset that forms.js treats as one field (data-field), with a visible legend and one error line. */
export function groupSet(form, name, legendKey, hintKey, body) {
  const base = `${form.id}-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;
  return h('fieldset', { class: 'form-group multi-group', dataset: { field: name }, attrs: { 'aria-describedby': hintKey ? `${base}-hint` : null } },
    h('legend', { class: 'group-legend' }, h('span', { i18n: legendKey })),
    hintKey ? h('p', { class: 'form-hint', id: `${base}-hint`, i18n: hintKey }) : null,
    h('div', { class: 'form-conts' }, body),
    h('p', { class: 'form-hint-invalid', id: `${base}-error`, hidden: true }));
}

/** One labelled control inside a row (rows are form groups of their own). */
export function rowInput(id, labelKey, attrs, n) {
  return h('span', { class: 'row-field' },
    h('label', { for: id }, h('span', { i18n: labelKey }), n ? sr(' ', n) : null),
    h('input', { id, class: 'krds-input', attrs }));
}

export function fillCallForm(form, { year }) {
  let seq = 0;
  const critList = h('ol', { class: 'row-list', id: 'criteria-list' });
  const addCrit = (c) => {
    const n = ++seq;
    const base = `${form.id}-crit-${n}`;
    const errId = `${base}-error`;
    const li = h('li', { class: 'form-group row-item criterion-row' });
    const a = (extra) => ({ 'aria-describedby': errId, autocomplete: 'off', ...extra });
    li.append(h('div', { class: 'form-conts row-fields' },
      rowInput(`${base}-key`, 'prog.crit.key', a({ type: 'text', value: c?.key ?? '', spellcheck: 'false', class: 'crit-key' }), n),
      rowInput(`${base}-name_ko`, 'prog.crit.name_ko', a({ type: 'text', value: c ? t(`${c.nameKey}.name_ko`) : '' }), n),
      rowInput(`${base}-name_en`, 'prog.crit.name_en', a({ type: 'text', lang: 'en', value: c ? t(`${c.nameKey}.name_en`) : '' }), n),
      rowInput(`${base}-weight`, 'prog.crit.weight', a({ type: 'number', min: 1, max: 100, step: 1, inputmode: 'numeric', value: c?.weight ?? 10 }), n),
      rowInput(`${base}-max_score`, 'prog.crit.max_score', a({ type: 'number', min: 1, max: 100, step: 1, inputmode: 'numeric', value: c?.max_score ?? 10 }), n),
      h('button', { type: 'button', class: 'krds-btn small tertiary remove-row', on: { click: () => { li.remove(); addBtn.focus(); } } },
        h('span', { i18n: 'prog.remove_row' }), sr(' ', h('span', { i18n: 'prog.criterion' }), ` ${n}`))),
    h('p', { class: 'form-hint-invalid', id: errId, hidden: true }));
    critList.append(li);
    return li.querySelector('input');
  };
  const addBtn = h('button', { type: 'button', id: 'add-criterion', class: 'krds-btn small secondary', i18n: 'prog.add_criterion', on: { click: () => addCrit(null).focus() } });
  for (const c of DEFAULT_CRITERIA) addCrit(c);

  const required = REQUIRED_FIELDS.map((f) => h('div', { class: 'krds-form-check' },
    h('input', { id: `${form.id}-req-${f}`, attrs: { type: 'checkbox', value: f }, class: 'required-field' }),
    h('label', { for: `${form.id}-req-${f}` }, h('span', { i18n: `prog.field.${f}` }))));

  form.append(
    field(form, { name: 'title_ko', labelKey: 'prog.call.title_ko', required: true, autocomplete: 'off' }),
    field(form, { name: 'title_en', labelKey: 'prog.call.title_en', hintKey: 'prog.call.title_en_hint', autocomplete: 'off', attrs: { lang: 'en' } }),
    h('div', { class: 'pair' },
      field(form, { name: 'year', labelKey: 'prog.year', type: 'number', inputmode: 'numeric', required: true, value: String(year), attrs: { min: 2000, max: 2100, step: 1 } }),
      field(form, { name: 'deadline', labelKey: 'prog.call.deadline', type: 'datetime-local', required: true, hintKey: 'prog.call.deadline_hint' })),
    field(form, { name: 'entered_late', type: 'checkbox', labelKey: 'prog.call.entered_late', hintKey: 'prog.call.entered_late_hint' }),
    h('div', { class: 'pair' },
      field(form, { name: 'envelope_won', labelKey: 'prog.call.envelope', type: 'number', inputmode: 'numeric', required: true, hintKey: 'prog.call.envelope_hint', attrs: { min: 1, step: 1 } }),
      field(form, { name: 'city_share_pct', labelKey: 'prog.call.ratio', type: 'number', inputmode: 'numeric', required: true, value: '50', hintKey: 'prog.call.ratio_hint', attrs: { min: 1, max: 100, step: 1 } }),
      field(form, { name: 'min_score', labelKey: 'prog.call.min_score', type: 'number', inputmode: 'numeric', value: '60', hintKey: 'prog.call.min_score_hint', attrs: { min: 0, max: 100, step: 1 } })),
    groupSet(form, 'criteria', 'prog.call.criteria', 'prog.call.criteria_hint', [critList, addBtn]),
    groupSet(form, 'required_fields', 'prog.call.required_fields', 'prog.call.required_fields_hint', h('div', { class: 'check-list' }, required)));

  function read() {
    const v = (n) => form.elements[n].value.trim();
    const num = (n) => (v(n) === '' ? undefined : Number(v(n)));
    const rows = [...critList.children];
    rows.forEach((li, i) => { li.dataset.field = `criteria[${i}]`; });
    const criteria = rows.map((li) => {
      const [key, nameKo, nameEn, weight, max] = [...li.querySelectorAll('input')].map((i) => i.value.trim());
      return { key, name_ko: nameKo, name_en: nameEn || undefined, weight: weight === '' ? undefined : Number(weight), max_score: max === '' ? undefined : Number(max) };
    });
    return {
      year: num('year'), title_ko: v('title_ko'), title_en: v('title_en') || undefined,
      envelope_won: num('envelope_won'), city_share_pct: num('city_share_pct'), min_score: num('min_score'),
      deadline: v('deadline') ? fromLocalInput(v('deadline')) : undefined,
      entered_late: form.elements.entered_late.checked || undefined,
      criteria,
      required_fields: [...form.querySelectorAll('input.required-field:checked')].map((i) => i.value),
    };
  }

  /** What the browser can tell before asking the server. */
  function check(body) {
    const errs = [];
    if (!body.title_ko) errs.push({ field: 'title_ko', key: 'prog.v.title_required' });
    if (!body.deadline) errs.push({ field: 'deadline', key: 'prog.v.deadline_required' });
    if (!(body.envelope_won > 0)) errs.push({ field: 'envelope_won', key: 'prog.v.envelope_required' });
    if (!body.criteria.length) errs.push({ field: 'criteria', key: 'prog.v.criteria_required' });
    return errs;
  }
  return { read, check };
}
