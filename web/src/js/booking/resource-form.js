// The form facility managers use to create or change a bookable resource: what it is (kind, names, capacity, items
// or dates) and its rules, all as data in the shape POST/PUT /api/v1/booking/resources take (src/booking/
// rules_json.h). Every control's name is the path the server names in its field errors ("rules.hours.mon",
// "variants[1].stock"), so a 422 lands next to the control it is about.
import { h } from '../dom.js';
import { field } from '../forms.js';
import { toLocalInput, fromLocalInput } from '../seoul.js';

export const KINDS = ['space', 'studio', 'item', 'session', 'event'];
export const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** A new resource as the form starts it: the engine's defaults, open weekdays 09:00–18:00. */
export function blankResource(facilityId) {
  const day = [['09:00', '18:00']];
  return {
    facility_id: facilityId, code: '', kind: 'space', name_ko: '', name_en: '', description_ko: '', description_en: '',
    capacity: 1, max_families: null, active: true, variants: [], occurrences: [],
    rules: {
      hours: { mon: day, tue: day, wed: day, thu: day, fri: day, sat: [], sun: [] },
      closed_on_public_holidays: true, closure_days: [],
      window: { opens_days_ahead: 14, opens_at: '10:00', closes_before_minutes: 0 },
      slot_minutes: 60, max_slots_per_booking: 1, max_loan_days: 7, turnaround_days: 0, max_persons_per_booking: 0,
      eligibility: { district_codes: [] }, approval: 'instant', allocation: 'first_come', lottery_draw_at: null,
      waitlist: true, offer_minutes: 120, cancel_deadline_minutes: 1440,
      check_in: { opens_before_minutes: 15, closes_after_minutes: 15 },
      penalty: { expires_after_days: 90, ban_after: 3, ban_days: 30, late_cancel_counts: false },
      fees: { per_booking_won: 0, per_person_won: 0 },
    },
  };
}

const idOf = (form, name) => `${form.id}-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;
const sr = (...children) => h('span', { class: 'sr-only' }, children);

/** A group of several controls under one legend, with one error line: markup forms.js knows (form-group). */
function groupSet(form, name, legendKey, hintKey, body) {
  const errId = `${idOf(form, name)}-error`;
  const hintId = hintKey ? `${idOf(form, name)}-hint` : null;
  return h('fieldset', { class: 'form-group multi-group', dataset: { field: name }, attrs: { 'aria-describedby': hintId } },
    h('legend', { class: 'group-legend' }, h('span', { i18n: legendKey })),
    hintKey ? h('p', { class: 'form-hint', id: hintId, i18n: hintKey }) : null,
    h('div', { class: 'form-conts' }, body),
    h('p', { class: 'form-hint-invalid', id: errId, hidden: true }));
}

function section(id, legendKey, ...children) {
  return h('fieldset', { class: 'form-fieldset', id },
    h('legend', { class: 'fieldset-legend', i18n: legendKey }), children);
}

function num(form, opts) {
  return field(form, { type: 'number', inputmode: 'numeric', ...opts, value: opts.value ?? '', attrs: { min: 0, step: opts.step || 1, ...opts.attrs } });
}

function setSelect(form, name, value) {
  const el = form.elements[name];
  if (!el) return;
  if (![...el.options].some((o) => o.value === value)) el.append(h('option', { value }, value));
  el.value = value;
}

/** Selects get their values once they are in the form (form.elements only sees controls inside it). */
function selectValues(form, pairs) {
  for (const [name, value] of pairs) setSelect(form, name, value);
}

/**
 * Builds the form into `form` (a <form> with an id) for `r` (a resource as GET /resources/{id} gives it, or
 * blankResource()). sites: the facilities this person manages. Returns {read()} giving the request body.
 */
export function fillResourceForm(form, r, { isNew, sites }) {
  const x = r.rules;
  const minutesToHours = (m) => (m === undefined || m === null ? '' : String(Math.round((m / 60) * 100) / 100));

  // What it is.
  const basics = section('fs-basics', 'resadmin.fs.basics');
  if (isNew) {
    basics.append(
      field(form, { name: 'facility_id', labelKey: 'booking.site', required: true, options: sites.map((s) => ({ value: String(s.id), ko: s.name_ko, en: s.name_en })) }),
      field(form, { name: 'kind', labelKey: 'resadmin.kind', required: true, hintKey: 'resadmin.kind_hint', options: KINDS.map((k) => ({ value: k, i18n: `resadmin.kind.${k}` })) }),
      field(form, { name: 'code', labelKey: 'resadmin.code', required: true, hintKey: 'resadmin.code_hint', autocomplete: 'off', attrs: { spellcheck: 'false', autocapitalize: 'none' } }));
  } else {
    const site = sites.find((s) => s.id === r.facility_id);
    basics.append(h('dl', { class: 'kv fixed-facts' },
      h('dt', { i18n: 'booking.site' }), h('dd', {}, site ? h('span', { ko: site.name_ko, en: site.name_en }) : String(r.facility_id)),
      h('dt', { i18n: 'resadmin.kind' }), h('dd', { id: 'fixed-kind', dataset: { kind: r.kind } }, h('span', { i18n: `resadmin.kind.${r.kind}` })),
      h('dt', { i18n: 'resadmin.code' }), h('dd', {}, h('code', {}, r.code))),
    h('p', { class: 'form-hint', i18n: 'resadmin.fixed_hint' }));
  }
  basics.append(
    field(form, { name: 'name_ko', labelKey: 'resadmin.name_ko', required: true, value: r.name_ko, autocomplete: 'off' }),
    field(form, { name: 'name_en', labelKey: 'resadmin.name_en', required: true, value: r.name_en, autocomplete: 'off', attrs: { lang: 'en' } }),
    field(form, { name: 'description_ko', labelKey: 'resadmin.description_ko', multiline: true, value: r.description_ko }),
    field(form, { name: 'description_en', labelKey: 'resadmin.description_en', multiline: true, value: r.description_en, attrs: { lang: 'en' } }),
    h('div', { class: 'kind-only', dataset: { kinds: 'space studio session event' } },
      num(form, { name: 'capacity', labelKey: 'resadmin.capacity', hintKey: 'resadmin.capacity_hint', value: r.capacity, attrs: { min: 1 } }),
      num(form, { name: 'max_families', labelKey: 'resadmin.max_families', hintKey: 'resadmin.max_families_hint', value: r.max_families ?? '', attrs: { min: 1 } })),
    field(form, { name: 'active', type: 'checkbox', labelKey: 'resadmin.active', hintKey: 'resadmin.active_hint', checked: r.active !== false }));

  // Kind-specific: slots (space, studio), items (item), dates (session, event).
  const slots = section('fs-slots', 'resadmin.fs.slots',
    num(form, { name: 'rules.slot_minutes', labelKey: 'resadmin.slot_minutes', hintKey: 'resadmin.slot_minutes_hint', value: x.slot_minutes, attrs: { min: 5 } }),
    num(form, { name: 'rules.max_slots_per_booking', labelKey: 'resadmin.max_slots', hintKey: 'resadmin.max_slots_hint', value: x.max_slots_per_booking, attrs: { min: 1 } }));
  slots.classList.add('kind-only');
  slots.dataset.kinds = 'space studio';

  const variantList = h('ol', { class: 'row-list', id: 'variant-list' });
  const addVariant = (v) => {
    const i = variantList.children.length;
    const li = h('li', { class: 'form-group row-item variant-row', dataset: { id: v?.id ? String(v.id) : '' } });
    const labelId = `${form.id}-variant-label-${Date.now()}-${i}`;
    const stockId = `${labelId}-stock`;
    const errId = `${labelId}-error`;
    const labelIn = h('input', { id: labelId, class: 'krds-input variant-label', attrs: { type: 'text', autocomplete: 'off', 'aria-describedby': errId, value: v?.label ?? '' } });
    const stockIn = h('input', { id: stockId, class: 'krds-input variant-stock', attrs: { type: 'number', min: 0, step: 1, inputmode: 'numeric', 'aria-describedby': errId, value: v?.stock ?? 1 } });
    li.append(h('div', { class: 'form-conts row-fields' },
      h('span', { class: 'row-field wide' }, h('label', { for: labelId, i18n: 'resadmin.variant_label' }), labelIn),
      h('span', { class: 'row-field' }, h('label', { for: stockId, i18n: 'resadmin.variant_stock' }), stockIn),
      h('button', { type: 'button', class: 'krds-btn small tertiary remove-row', on: { click: () => { li.remove(); labelIn.blur(); addBtn.focus(); } } },
        h('span', { i18n: 'resadmin.remove' }), sr(' ', h('span', { i18n: 'resadmin.variant_label' }), ` ${i + 1}`))),
    h('p', { class: 'form-hint-invalid', id: errId, hidden: true }));
    variantList.append(li);
    return labelIn;
  };
  const addBtn = h('button', { type: 'button', id: 'add-variant', class: 'krds-btn small secondary', i18n: 'resadmin.add_variant', on: { click: () => addVariant(null).focus() } });
  for (const v of r.variants || []) addVariant(v);
  const items = section('fs-items', 'resadmin.fs.items',
    groupSet(form, 'variants', 'resadmin.variants', 'resadmin.variants_hint', [variantList, addBtn]),
    num(form, { name: 'rules.max_loan_days', labelKey: 'resadmin.max_loan_days', value: x.max_loan_days }),
    num(form, { name: 'rules.turnaround_days', labelKey: 'resadmin.turnaround_days', hintKey: 'resadmin.turnaround_hint', value: x.turnaround_days }));
  items.classList.add('kind-only');
  items.dataset.kinds = 'item';

  const occList = h('ol', { class: 'row-list', id: 'occurrence-list' });
  const addOcc = (o) => {
    const i = occList.children.length;
    const li = h('li', { class: 'form-group row-item occurrence-row' });
    const sId = `${form.id}-occ-start-${Date.now()}-${i}`;
    const eId = `${sId}-end`;
    const errId = `${sId}-error`;
    const s = h('input', { id: sId, class: 'krds-input occ-start', attrs: { type: 'datetime-local', 'aria-describedby': errId, value: toLocalInput(o?.start) } });
    const e = h('input', { id: eId, class: 'krds-input occ-end', attrs: { type: 'datetime-local', 'aria-describedby': errId, value: toLocalInput(o?.end) } });
    li.append(h('div', { class: 'form-conts row-fields' },
      h('span', { class: 'row-field' }, h('label', { for: sId, i18n: 'resadmin.occ_start' }), s),
      h('span', { class: 'row-field' }, h('label', { for: eId, i18n: 'resadmin.occ_end' }), e),
      h('button', { type: 'button', class: 'krds-btn small tertiary remove-row', on: { click: () => { li.remove(); addOccBtn.focus(); } } },
        h('span', { i18n: 'resadmin.remove' }), sr(' ', h('span', { i18n: 'resadmin.occurrence' }), ` ${i + 1}`))),
    h('p', { class: 'form-hint-invalid', id: errId, hidden: true }));
    occList.append(li);
    return s;
  };
  const addOccBtn = h('button', { type: 'button', id: 'add-occurrence', class: 'krds-btn small secondary', i18n: 'resadmin.add_occurrence', on: { click: () => addOcc(null).focus() } });
  for (const o of r.occurrences || []) addOcc(o);
  const dates = section('fs-dates', 'resadmin.fs.dates',
    groupSet(form, 'occurrences', 'resadmin.occurrences', 'resadmin.occurrences_hint', [occList, addOccBtn]),
    num(form, { name: 'rules.max_persons_per_booking', labelKey: 'resadmin.max_persons', hintKey: 'resadmin.max_persons_hint', value: x.max_persons_per_booking }));
  dates.classList.add('kind-only');
  dates.dataset.kinds = 'session event';

  // Opening hours: several ranges a day, closure days.
  const dayGroups = DAYS.map((d) => {
    const list = h('ul', { class: 'range-list', dataset: { day: d } });
    const name = `rules.hours.${d}`;
    const errId = `${idOf(form, name)}-error`;
    const add = (range) => {
      const n = list.children.length + 1;
      const base = `${idOf(form, name)}-${Date.now()}-${n}`;
      const mk = (suffix, key, value) => [
        h('label', { for: `${base}-${suffix}`, class: 'sr-only' }, h('span', { i18n: `resadmin.day.${d}` }), ' ', h('span', { i18n: key, params: { n } })),
        h('input', { id: `${base}-${suffix}`, class: `krds-input hhmm ${suffix}`, attrs: { type: 'text', inputmode: 'numeric', maxlength: 5, size: 5, autocomplete: 'off', placeholder: 'HH:MM', 'aria-describedby': `${errId} resadmin-hours-hint`, value } })];
      const li = h('li', { class: 'range' }, mk('open', 'resadmin.range_open', range?.[0] ?? ''), h('span', { attrs: { 'aria-hidden': 'true' } }, ' – '),
        mk('close', 'resadmin.range_close', range?.[1] ?? ''),
        h('button', { type: 'button', class: 'krds-btn small tertiary remove-range', on: { click: () => { li.remove(); addRange.focus(); } } },
          h('span', { i18n: 'resadmin.remove' }), sr(' ', h('span', { i18n: `resadmin.day.${d}` }), ' ', h('span', { i18n: 'resadmin.range_n', params: { n } }))));
      list.append(li);
      return li.querySelector('input');
    };
    const addRange = h('button', { type: 'button', class: 'krds-btn small secondary add-range', dataset: { day: d }, on: { click: () => add(null).focus() } },
      h('span', { i18n: 'resadmin.add_range' }), sr(' ', h('span', { i18n: `resadmin.day.${d}` })));
    for (const range of x.hours?.[d] || []) add(range);
    const g = groupSet(form, name, `resadmin.day.${d}`, null, [list, addRange]);
    g.classList.add('day-hours');
    return g;
  });
  const closureList = h('ul', { class: 'range-list', id: 'closure-list' });
  const addClosure = (date) => {
    const n = closureList.children.length + 1;
    const id = `${form.id}-closure-${Date.now()}-${n}`;
    const li = h('li', { class: 'range' },
      h('label', { for: id, class: 'sr-only' }, h('span', { i18n: 'resadmin.closure_n', params: { n } })),
      h('input', { id, class: 'krds-input closure-day', attrs: { type: 'date', value: date ?? '', 'aria-describedby': `${idOf(form, 'rules.closure_days')}-error` } }),
      h('button', { type: 'button', class: 'krds-btn small tertiary', on: { click: () => { li.remove(); addClosureBtn.focus(); } } },
        h('span', { i18n: 'resadmin.remove' }), sr(' ', h('span', { i18n: 'resadmin.closure_n', params: { n } }))));
    closureList.append(li);
    return li.querySelector('input');
  };
  const addClosureBtn = h('button', { type: 'button', id: 'add-closure', class: 'krds-btn small secondary', i18n: 'resadmin.add_closure', on: { click: () => addClosure(null).focus() } });
  for (const d of x.closure_days || []) addClosure(d);
  const hours = section('fs-hours', 'resadmin.fs.hours',
    h('p', { class: 'form-hint', id: 'resadmin-hours-hint', i18n: 'resadmin.hours_hint' }),
    h('div', { class: 'day-grid' }, dayGroups),
    field(form, { name: 'rules.closed_on_public_holidays', type: 'checkbox', labelKey: 'resadmin.closed_holidays', checked: x.closed_on_public_holidays }),
    groupSet(form, 'rules.closure_days', 'resadmin.closure_days', 'resadmin.closure_hint', [closureList, addClosureBtn]));

  // When booking opens and closes.
  const windowSet = section('fs-window', 'resadmin.fs.window',
    num(form, { name: 'rules.window.opens_days_ahead', labelKey: 'resadmin.opens_days_ahead', hintKey: 'resadmin.opens_days_ahead_hint', value: x.window?.opens_days_ahead }),
    field(form, { name: 'rules.window.opens_at', labelKey: 'resadmin.opens_at', hintKey: 'resadmin.hhmm_hint', value: x.window?.opens_at, inputmode: 'numeric', autocomplete: 'off', attrs: { maxlength: 5 } }),
    num(form, { name: 'rules.window.closes_before_minutes', labelKey: 'resadmin.closes_before_hours', hintKey: 'resadmin.hours_unit_hint', value: minutesToHours(x.window?.closes_before_minutes), step: 'any' }));

  // Who may book, and how often.
  const e = x.eligibility || {};
  const who = section('fs-who', 'resadmin.fs.who',
    field(form, { name: 'rules.eligibility.city_code', labelKey: 'resadmin.city', hintKey: 'resadmin.city_hint', options: [{ value: '', i18n: 'resadmin.city_any' }, { value: 'jinju', i18n: 'booking.city_jinju' }] }),
    field(form, { name: 'rules.eligibility.district_codes', labelKey: 'resadmin.districts', hintKey: 'resadmin.districts_hint', value: (e.district_codes || []).join(', '), autocomplete: 'off' }),
    h('div', { class: 'pair' },
      num(form, { name: 'rules.eligibility.min_child_age_months', labelKey: 'resadmin.min_age', value: e.min_child_age_months }),
      num(form, { name: 'rules.eligibility.max_child_age_months', labelKey: 'resadmin.max_age', value: e.max_child_age_months })),
    h('div', { class: 'pair' },
      num(form, { name: 'rules.eligibility.min_school_grade', labelKey: 'resadmin.min_grade', value: e.min_school_grade, attrs: { min: 1, max: 6 } }),
      num(form, { name: 'rules.eligibility.max_school_grade', labelKey: 'resadmin.max_grade', value: e.max_school_grade, attrs: { min: 1, max: 6 } })),
    h('p', { class: 'form-hint', i18n: 'resadmin.age_hint' }));

  const quota = section('fs-quota', 'resadmin.fs.quota',
    field(form, { name: 'rules.quota.period', labelKey: 'resadmin.quota_period', options: [
      { value: '', i18n: 'resadmin.quota.none' }, { value: 'week', i18n: 'resadmin.quota.week' },
      { value: 'month', i18n: 'resadmin.quota.month' }, { value: 'year', i18n: 'resadmin.quota.year' }] }),
    num(form, { name: 'rules.quota.max_bookings', labelKey: 'resadmin.quota_max', value: x.quota?.max_bookings ?? '' }),
    field(form, { name: 'rules.quota.group', labelKey: 'resadmin.quota_group', hintKey: 'resadmin.quota_group_hint', value: x.quota?.group ?? '', autocomplete: 'off' }));

  // How places are given.
  const alloc = section('fs-allocation', 'resadmin.fs.allocation',
    field(form, { name: 'rules.approval', labelKey: 'resadmin.approval', options: [{ value: 'instant', i18n: 'resadmin.approval.instant' }, { value: 'staff', i18n: 'resadmin.approval.staff' }] }),
    field(form, { name: 'rules.allocation', labelKey: 'resadmin.allocation', options: [{ value: 'first_come', i18n: 'resadmin.allocation.first_come' }, { value: 'lottery', i18n: 'resadmin.allocation.lottery' }] }));
  const lotteryBox = h('div', { class: 'lottery-fields' },
    field(form, { name: 'rules.lottery_draw_at', type: 'datetime-local', labelKey: 'resadmin.draw_at', hintKey: 'resadmin.draw_at_hint', value: toLocalInput(x.lottery_draw_at) }),
    field(form, { name: 'lottery_seed', labelKey: 'resadmin.seed', hintKey: 'resadmin.seed_hint', value: r.lottery?.seed ?? '', autocomplete: 'off', attrs: { spellcheck: 'false' } }),
    r.lottery?.drawn_at ? h('p', { class: 'muted', id: 'drawn-at' }, h('span', { i18n: 'booking.drawn_at' }), ' ', h('time', { datetime: r.lottery.drawn_at })) : null);
  alloc.append(lotteryBox,
    field(form, { name: 'rules.waitlist', type: 'checkbox', labelKey: 'resadmin.waitlist', hintKey: 'resadmin.waitlist_hint', checked: x.waitlist }),
    num(form, { name: 'rules.offer_minutes', labelKey: 'resadmin.offer_minutes', hintKey: 'resadmin.offer_minutes_hint', value: x.offer_minutes, attrs: { min: 1 } }));

  // Cancelling, checking in, not coming.
  const conduct = section('fs-conduct', 'resadmin.fs.conduct',
    num(form, { name: 'rules.cancel_deadline_minutes', labelKey: 'resadmin.cancel_deadline_hours', hintKey: 'resadmin.cancel_deadline_hint', value: minutesToHours(x.cancel_deadline_minutes), step: 'any' }),
    h('div', { class: 'pair' },
      num(form, { name: 'rules.check_in.opens_before_minutes', labelKey: 'resadmin.checkin_before', value: x.check_in?.opens_before_minutes }),
      num(form, { name: 'rules.check_in.closes_after_minutes', labelKey: 'resadmin.checkin_after', value: x.check_in?.closes_after_minutes })),
    h('p', { class: 'form-hint', i18n: 'resadmin.checkin_hint' }),
    num(form, { name: 'rules.penalty.expires_after_days', labelKey: 'resadmin.penalty_expires', value: x.penalty?.expires_after_days, attrs: { min: 1 } }),
    h('div', { class: 'pair' },
      num(form, { name: 'rules.penalty.ban_after', labelKey: 'resadmin.ban_after', hintKey: 'resadmin.ban_after_hint', value: x.penalty?.ban_after }),
      num(form, { name: 'rules.penalty.ban_days', labelKey: 'resadmin.ban_days', value: x.penalty?.ban_days })),
    field(form, { name: 'rules.penalty.late_cancel_counts', type: 'checkbox', labelKey: 'resadmin.late_cancel_counts', checked: x.penalty?.late_cancel_counts }));

  const fees = section('fs-fees', 'resadmin.fs.fees',
    h('div', { class: 'pair' },
      num(form, { name: 'rules.fees.per_booking_won', labelKey: 'resadmin.fee_booking', hintKey: 'resadmin.won_hint', value: x.fees?.per_booking_won, step: 10 }),
      num(form, { name: 'rules.fees.per_person_won', labelKey: 'resadmin.fee_person', hintKey: 'resadmin.won_hint', value: x.fees?.per_person_won, step: 10 })));

  form.append(basics, slots, items, dates, hours, windowSet, who, quota, alloc, conduct, fees);
  selectValues(form, [
    ...(isNew ? [['facility_id', String(r.facility_id)], ['kind', r.kind]] : []),
    ['rules.eligibility.city_code', e.city_code || ''], ['rules.quota.period', x.quota?.period || ''],
    ['rules.approval', x.approval || 'instant'], ['rules.allocation', x.allocation || 'first_come']]);

  const kindNow = () => (isNew ? form.elements.kind.value : r.kind);
  const sync = () => {
    const k = kindNow();
    for (const el of form.querySelectorAll('.kind-only')) el.hidden = !el.dataset.kinds.split(' ').includes(k);
    lotteryBox.hidden = form.elements['rules.allocation'].value !== 'lottery';
  };
  if (isNew) form.elements.kind.addEventListener('change', sync);
  form.elements['rules.allocation'].addEventListener('change', sync);
  sync();

  const v = (name) => (form.elements[name]?.value ?? '').trim();
  const n = (name) => (v(name) === '' ? undefined : Number(v(name)));
  const hoursToMinutes = (name) => (v(name) === '' ? undefined : Math.round(Number(v(name)) * 60));
  const checked = (name) => !!form.elements[name]?.checked;

  /** The request body, and the rows renamed to the indices the server will use in its errors. */
  function read() {
    const k = kindNow();
    const hoursJson = {};
    for (const g of dayGroups) {
      const day = g.querySelector('.range-list').dataset.day;
      hoursJson[day] = [...g.querySelectorAll('li.range')]
        .map((li) => [li.querySelector('input.open').value.trim(), li.querySelector('input.close').value.trim()])
        .filter(([o, c]) => o || c);
    }
    const eligibility = {
      district_codes: v('rules.eligibility.district_codes').split(/[,\s]+/).filter(Boolean),
      min_child_age_months: n('rules.eligibility.min_child_age_months'),
      max_child_age_months: n('rules.eligibility.max_child_age_months'),
      min_school_grade: n('rules.eligibility.min_school_grade'),
      max_school_grade: n('rules.eligibility.max_school_grade'),
    };
    if (v('rules.eligibility.city_code')) eligibility.city_code = v('rules.eligibility.city_code');
    const rules = {
      hours: hoursJson,
      closed_on_public_holidays: checked('rules.closed_on_public_holidays'),
      closure_days: [...closureList.querySelectorAll('input')].map((i) => i.value).filter(Boolean),
      window: { opens_days_ahead: n('rules.window.opens_days_ahead'), opens_at: v('rules.window.opens_at') || undefined, closes_before_minutes: hoursToMinutes('rules.window.closes_before_minutes') },
      slot_minutes: n('rules.slot_minutes'),
      max_slots_per_booking: n('rules.max_slots_per_booking'),
      max_loan_days: n('rules.max_loan_days'),
      turnaround_days: n('rules.turnaround_days'),
      max_persons_per_booking: n('rules.max_persons_per_booking'),
      eligibility,
      approval: v('rules.approval'),
      allocation: v('rules.allocation'),
      lottery_draw_at: v('rules.allocation') === 'lottery' && v('rules.lottery_draw_at') ? fromLocalInput(v('rules.lottery_draw_at')) : null,
      waitlist: checked('rules.waitlist'),
      offer_minutes: n('rules.offer_minutes'),
      cancel_deadline_minutes: hoursToMinutes('rules.cancel_deadline_minutes'),
      check_in: { opens_before_minutes: n('rules.check_in.opens_before_minutes'), closes_after_minutes: n('rules.check_in.closes_after_minutes') },
      penalty: {
        expires_after_days: n('rules.penalty.expires_after_days'), ban_after: n('rules.penalty.ban_after'),
        ban_days: n('rules.penalty.ban_days'), late_cancel_counts: checked('rules.penalty.late_cancel_counts'),
      },
      fees: { per_booking_won: n('rules.fees.per_booking_won'), per_person_won: n('rules.fees.per_person_won') },
    };
    if (v('rules.quota.period')) {
      rules.quota = { period: v('rules.quota.period'), max_bookings: n('rules.quota.max_bookings') ?? 1, group: v('rules.quota.group') };
    }
    const body = {
      name_ko: v('name_ko'), name_en: v('name_en'), description_ko: v('description_ko'), description_en: v('description_en'),
      active: checked('active'), rules,
    };
    if (k !== 'item') {
      body.capacity = n('capacity');
      body.max_families = n('max_families') ?? null;
    }
    if (isNew) Object.assign(body, { facility_id: Number(v('facility_id')), kind: k, code: v('code') });
    if (rules.allocation === 'lottery' && v('lottery_seed')) body.lottery_seed = v('lottery_seed');
    if (k === 'item') {
      const rows = [...variantList.children];
      rows.forEach((li, i) => { li.dataset.field = `variants[${i}]`; });
      body.variants = rows.map((li) => ({
        id: li.dataset.id ? Number(li.dataset.id) : undefined,
        label: li.querySelector('.variant-label').value.trim(),
        stock: li.querySelector('.variant-stock').value === '' ? undefined : Number(li.querySelector('.variant-stock').value),
      }));
      // New rows take ids after the largest one so the server never sees two equal ids.
      let next = Math.max(0, ...body.variants.map((x) => x.id || 0));
      for (const x of body.variants) if (!x.id) x.id = ++next;
    }
    if (k === 'session' || k === 'event') {
      const rows = [...occList.children];
      rows.forEach((li, i) => { li.dataset.field = `occurrences[${i}]`; });
      body.occurrences = rows.map((li) => ({ start: fromLocalInput(li.querySelector('.occ-start').value), end: fromLocalInput(li.querySelector('.occ-end').value) }));
    }
    return body;
  }
  return { read };
}

export { nearestFields } from '../forms.js';
