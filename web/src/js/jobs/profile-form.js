// A job seeker's profile as form fields (used by the intake form and the seeker's own page): desired KECO
// occupations, competencies (words or aliases such as 엑셀, resolved by the server and shown as hints), days and
// hours, childcare limits, home area and commute, expected wage and its unit, languages. Field names are the
// server's paths ("profile.expected_wage.won"), so its field errors land beside the right control.
import { h, clear } from '../dom.js';
import { api } from '../api.js';
import { field } from '../forms.js';
import { J, DAYS, LANGUAGES, WAGE_UNITS, dayKey, langKey, unitKey, reference } from './lib.js';

/** A group of check boxes as a fieldset whose legend names it; data-field lets server errors land on it. */
export function checkGroup(form, { name, legendKey, items, checked = [], hintKey }) {
  const base = `${form.id}-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;
  const errId = `${base}-error`;
  const hintId = hintKey ? `${base}-hint` : null;
  return h('fieldset', { class: 'form-group multi-group', dataset: { field: name }, attrs: { 'aria-describedby': [hintId, errId].filter(Boolean).join(' ') } },
    h('legend', { class: 'group-legend' }, h('span', { i18n: legendKey })),
    hintKey ? h('p', { class: 'form-hint', id: hintId, i18n: hintKey }) : null,
    h('div', { class: 'form-conts' }, h('div', { class: 'check-list' }, items.map((it) => {
      const id = `${base}-${it.value}`;
      const box = h('input', { id, name, value: it.value, attrs: { type: 'checkbox' } });
      box.checked = checked.includes(it.value);
      return h('div', { class: 'krds-form-check' }, box, h('label', { for: id }, h('span', { i18n: it.i18n })));
    }))),
    h('p', { class: 'form-hint-invalid', id: errId, hidden: true }));
}

export const checkedValues = (form, name) => [...form.querySelectorAll(`input[type="checkbox"][name="${CSS.escape(name)}"]`)]
  .filter((b) => b.checked).map((b) => b.value);

/** Splits "엑셀, 전산회계; 한글" into words. */
export const words = (s) => String(s || '').split(/[,;\n]/).map((x) => x.trim()).filter(Boolean);

/**
 * A competency text field with a live hint under it naming what each word resolves to (엑셀 -> 스프레드시트) or
 * that it is unknown. prefix: the field's path ("profile.competencies", "required").
 */
export function competencyField(form, { name, labelKey, hintKey, value = [] }) {
  const group = field(form, { name, labelKey, hintKey, autocomplete: 'off', value: value.join(', ') });
  const input = group.querySelector('input');
  const out = h('p', { class: 'alias-hint', id: `${input.id}-resolved`, attrs: { 'aria-live': 'polite' } });
  input.setAttribute('aria-describedby', `${input.getAttribute('aria-describedby')} ${out.id}`);
  group.querySelector('.form-conts').after(out);
  let seq = 0;
  const resolve = async () => {
    const mine = ++seq;
    const list = words(input.value);
    const found = await Promise.all(list.map((w) => api.get(`${J}/reference/competencies?q=${encodeURIComponent(w)}`)
      .then((r) => r.items?.[0] || null).catch(() => null)));
    if (mine !== seq) return;
    clear(out);
    list.forEach((w, i) => {
      const c = found[i];
      out.append(h('span', { class: c ? 'alias ok' : 'alias unknown', dataset: { word: w, key: c?.key || '' } },
        i ? ' · ' : '', `${w} → `,
        c ? h('span', { ko: c.name_ko, en: c.name_en }) : h('span', { i18n: 'jobs.alias_unknown' })));
    });
  };
  input.addEventListener('change', resolve);
  if (value.length) resolve();
  return group;
}

/** The profile's fields, appended to form; returns {el, read(), fill(profile)}. */
export async function profileFields(form, profile = {}) {
  const ref = await reference();
  const p = profile || {};
  const occSelect = field(form, {
    name: 'profile.occupations', labelKey: 'jobs.f.occupations', hintKey: 'jobs.f.occupations_hint',
    options: ref.occupations.map((o) => ({ value: o.code, ko: `${o.name_ko} (${o.code})`, en: `${o.name_en || o.name_ko} (${o.code})` })),
  });
  const sel = occSelect.querySelector('select');
  sel.multiple = true;
  sel.size = 6;
  for (const o of sel.options) o.selected = (p.occupations || []).includes(o.value);

  const places = [{ value: '', i18n: 'jobs.choose' }, ...ref.places.map((x) => ({ value: x.code, ko: x.name_ko, en: x.name_en || x.name_ko }))];
  const av = p.availability || {};
  const care = p.childcare || {};
  const wage = p.expected_wage || {};
  const el = h('div', { class: 'profile-fields' },
    h('h3', { class: 'form-section-title', i18n: 'jobs.sec.wanted' }),
    occSelect,
    competencyField(form, { name: 'profile.competencies', labelKey: 'jobs.f.competencies', hintKey: 'jobs.f.competencies_hint', value: p.competencies || [] }),
    h('h3', { class: 'form-section-title', i18n: 'jobs.sec.when' }),
    checkGroup(form, { name: 'profile.availability.days', legendKey: 'jobs.f.days', items: DAYS.map((d) => ({ value: d, i18n: dayKey(d) })), checked: av.days || ['mon', 'tue', 'wed', 'thu', 'fri'] }),
    h('div', { class: 'pair' },
      field(form, { name: 'profile.availability.start', labelKey: 'jobs.f.start', type: 'time', value: av.start || '09:00' }),
      field(form, { name: 'profile.availability.end', labelKey: 'jobs.f.end', type: 'time', value: av.end || '18:00' })),
    field(form, { name: 'profile.childcare.leave_by', labelKey: 'jobs.f.leave_by', hintKey: 'jobs.f.leave_by_hint', type: 'time', value: care.leave_by || '' }),
    field(form, { name: 'profile.childcare.no_saturday', type: 'checkbox', labelKey: 'jobs.f.no_saturday', checked: !!care.no_saturday }),
    field(form, { name: 'profile.available_from', labelKey: 'jobs.f.available_from', type: 'date', value: p.available_from || '' }),
    h('h3', { class: 'form-section-title', i18n: 'jobs.sec.where' }),
    field(form, { name: 'profile.home.address', labelKey: 'jobs.f.home_address', hintKey: 'jobs.f.home_address_hint', autocomplete: 'off', value: p.home?.address || '' }),
    h('div', { class: 'pair' },
      field(form, { name: 'profile.home_area', labelKey: 'jobs.f.home_area', options: places }),
      field(form, { name: 'profile.max_commute_min', labelKey: 'jobs.f.max_commute', hintKey: 'jobs.f.max_commute_hint', type: 'number', inputmode: 'numeric', value: p.max_commute_min ?? 40, attrs: { min: 5, max: 180 } })),
    h('div', { class: 'pair' },
      field(form, { name: 'profile.expected_wage.won', labelKey: 'jobs.f.expected_wage', hintKey: 'jobs.f.wage_hint', type: 'number', inputmode: 'numeric', value: wage.won ?? '', attrs: { min: 0 } }),
      field(form, { name: 'profile.expected_wage.unit', labelKey: 'jobs.f.wage_unit', options: WAGE_UNITS.map((u) => ({ value: u, i18n: unitKey(u) })) })),
    checkGroup(form, { name: 'profile.languages', legendKey: 'jobs.f.languages', items: LANGUAGES.map((l) => ({ value: l, i18n: langKey(l) })), checked: p.languages?.length ? p.languages : ['ko'] }));
  // The fields are not in the form yet (the caller appends el), so they are found under el.
  const ctl = (n) => el.querySelector(`[name="${CSS.escape(n)}"]`);
  ctl('profile.home_area').value = p.home_area || '';
  ctl('profile.expected_wage.unit').value = wage.unit || 'monthly';

  function read() {
    const v = (n) => String(ctl(n).value || '').trim();
    const out = {
      occupations: [...sel.selectedOptions].map((o) => o.value),
      competencies: words(v('profile.competencies')),
      availability: { days: checkedValues(form, 'profile.availability.days'), start: v('profile.availability.start'), end: v('profile.availability.end') },
      childcare: { no_saturday: ctl('profile.childcare.no_saturday').checked },
      max_commute_min: v('profile.max_commute_min') ? Number(v('profile.max_commute_min')) : undefined,
      languages: checkedValues(form, 'profile.languages'),
    };
    if (v('profile.childcare.leave_by')) out.childcare.leave_by = v('profile.childcare.leave_by');
    if (v('profile.home_area')) out.home_area = v('profile.home_area');
    if (v('profile.home.address')) out.home = { address: v('profile.home.address') };
    else if (p.home?.located === 'coordinates') out.home = { lat: p.home.lat, lon: p.home.lon };  // kept from the API
    if (v('profile.available_from')) out.available_from = v('profile.available_from');
    if (v('profile.expected_wage.won')) out.expected_wage = { won: Number(v('profile.expected_wage.won')), unit: v('profile.expected_wage.unit') };
    return out;
  }
  return { el, read };
}
