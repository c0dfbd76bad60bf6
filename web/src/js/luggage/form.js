// The luggage order form (POST /api/v1/dispatch/luggage/orders), for a traveller (no account needed), a signed-in
// resident (her name and contact filled in) or an operator taking a caller's order (name and phone required). The
// pickup and delivery places are the area's stops (terminals and hotels); the bags are ready on a day within the
// area's horizon at a time, and must be delivered by a time the same day. The fee estimate follows what is typed; the
// server's fee is the one paid. One Idempotency-Key per content of the form: a retry of the same order replays the
// first answer, a changed order gets a new key. A refusal (no van can keep it) offers the later deadline the server
// found as one button. Field errors from the server land beside their inputs; nothing typed is lost.
import { h, clear, append } from '../dom.js';
import { ApiError } from '../api.js';
import { t } from '../i18n.js';
import { announce } from '../live.js';
import { seoulDate, seoulTime, addDays } from '../seoul.js';
import { errorSummary, clearErrors, showErrors, showApiError, busy, nearestFields, field } from '../forms.js';
import { fmt } from '../programmes/lib.js';
import { L, postOnce, newKey, feeEstimate, stopsOf } from './lib.js';

/** Server field names shown under another control. */
const ALIASES = {
  pickup_place: 'pickup_place_id', delivery_place: 'delivery_place_id', pickup: 'pickup_place_id', delivery: 'delivery_place_id',
  customer: 'customer.name', 'customer.phone': 'customer.contact', 'customer.email': 'customer.contact', phone: 'customer.contact',
  email: 'customer.contact', contact: 'customer.contact', name: 'customer.name', day: 'ready_at',
};

const pad = (n) => String(n).padStart(2, '0');
/** "HH:MM" of minutes of the day (clamped to 23:59). */
const clock = (min) => {
  const m = Math.max(0, Math.min(min, 23 * 60 + 59));
  return `${pad(Math.floor(m / 60))}:${pad(m % 60)}`;
};
const minutesOf = (hhmm) => {
  const m = /^(\d{1,2}):(\d{2})$/.exec(hhmm || '');
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
};

/** The day select (today … today + horizon) and a time, as one group so an error on ready_at lands on both. */
function readyGroup(form, { today, horizon, time }) {
  const base = `${form.id}-ready_at`;
  const errId = `${base}-error`;
  const hintId = `${base}-hint`;
  const describedBy = `${hintId} ${errId}`;
  const days = [];
  for (let i = 0; i <= Math.max(0, horizon); i += 1) days.push(addDays(today, i));
  return h('fieldset', { class: 'form-group multi-group', dataset: { field: 'ready_at' } },
    h('legend', { class: 'group-legend' }, h('span', { i18n: 'luggage.f.ready' })),
    h('p', { class: 'form-hint', id: hintId, i18n: 'luggage.f.ready_hint' }),
    h('div', { class: 'form-conts row-fields' },
      h('div', { class: 'row-field' },
        h('label', { for: `${base}-day`, i18n: 'luggage.f.day' }),
        h('select', { id: `${base}-day`, name: 'ready_at.day', class: 'krds-form-select', attrs: { 'aria-describedby': describedBy } },
          days.map((d, i) => h('option', { value: d, date: d, dataset: { offset: String(i) } })))),
      h('div', { class: 'row-field' },
        h('label', { for: `${base}-time`, i18n: 'luggage.f.ready_time' }),
        h('input', { id: `${base}-time`, name: 'ready_at.time', class: 'krds-input', attrs: { type: 'time', value: time, 'aria-describedby': describedBy } }))),
    h('p', { class: 'form-hint-invalid', id: errId, hidden: true }));
}

/** Phone and e-mail as one group: at least one is needed (an error on customer.contact lands on both). */
function contactGroup(form, { phone, email, phoneRequired }) {
  const base = `${form.id}-customer-contact`;
  const errId = `${base}-error`;
  const hintId = `${base}-hint`;
  const describedBy = `${hintId} ${errId}`;
  const input = (name, type, labelKey, value, extra) => {
    const id = `${form.id}-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;
    return h('div', { class: 'row-field' },
      h('label', { for: id, i18n: labelKey }),
      h('input', { id, name, class: 'krds-input', attrs: { type, value, 'aria-describedby': describedBy, ...extra } }));
  };
  return h('fieldset', { class: 'form-group multi-group', dataset: { field: 'customer.contact' } },
    h('legend', { class: 'group-legend' }, h('span', { i18n: 'luggage.f.contact' })),
    h('p', { class: 'form-hint', id: hintId, i18n: phoneRequired ? 'luggage.f.contact_hint_op' : 'luggage.f.contact_hint' }),
    h('div', { class: 'form-conts row-fields' },
      input('customer.phone', 'tel', 'luggage.f.phone', phone, { inputmode: 'tel', autocomplete: phoneRequired ? 'off' : 'tel' }),
      input('customer.email', 'email', 'luggage.f.email', email, { autocomplete: phoneRequired ? 'off' : 'email', spellcheck: 'false', autocapitalize: 'none' })),
    h('p', { class: 'form-hint-invalid', id: errId, hidden: true }));
}

/**
 * The form. opts: {areas (luggage areas), today, now, user, operator (a caller's order), onOrdered(order)}.
 * Returns {el, form}.
 */
export function orderForm({ areas, today, now, user = null, operator = false, onOrdered, refusalHost }) {
  const form = h('form', { id: 'luggage-form', class: 'krds-form prog-form dispatch-form luggage-form', attrs: { novalidate: true } });
  const result = refusalHost || h('div', { id: 'luggage-result' });
  const area0 = areas[0];
  const nowMin = minutesOf(seoulTime(now)) ?? 9 * 60;
  // Default: ready in the area's lead time rounded up to 10 minutes, and delivered three hours later.
  const lead = Number.isFinite(area0?.lead_min) ? area0.lead_min : 30;
  const readyMin = Math.ceil((nowMin + lead + 5) / 10) * 10;
  const defaultDay = readyMin > 23 * 60 ? addDays(seoulDate(now) || today, 1) : seoulDate(now) || today;
  const readyTime = readyMin > 23 * 60 ? clock(10 * 60) : clock(readyMin);
  const byTime = clock(Math.min((minutesOf(readyTime) ?? 600) + 180, 23 * 60 + 30));

  const areaField = field(form, {
    name: 'area_id', labelKey: 'luggage.f.area', required: true,
    options: areas.map((a) => ({ value: String(a.id), ko: a.name_ko, en: a.name_en || a.name_ko })),
  });
  areaField.hidden = areas.length < 2;
  const pick = field(form, { name: 'pickup_place_id', labelKey: 'luggage.f.pickup', hintKey: 'luggage.f.pickup_hint', required: true, options: [] });
  const drop = field(form, { name: 'delivery_place_id', labelKey: 'luggage.f.delivery', hintKey: 'luggage.f.delivery_hint', required: true, options: [] });
  const area = () => areas.find((a) => String(a.id) === form.elements.area_id.value) || area0;
  const horizon = Math.max(0, ...areas.map((a) => a.horizon_days ?? 0));
  const ready = readyGroup(form, { today, horizon, time: readyTime });
  const maxBags = area0?.max_passengers || 4;
  const bagsField = field(form, {
    name: 'bags', labelKey: 'luggage.f.bags', hintKey: 'luggage.f.bags_hint', type: 'number', inputmode: 'numeric', value: '1', required: true,
    attrs: { min: 1, max: maxBags },
  });
  const deadline = field(form, { name: 'deliver_by', labelKey: 'luggage.f.deliver_by', hintKey: 'luggage.f.deliver_by_hint', type: 'time', required: true, value: byTime });
  const flight = field(form, { name: 'flight', labelKey: 'luggage.f.flight', hintKey: 'luggage.f.flight_hint', autocomplete: 'off', attrs: { maxlength: 10, autocapitalize: 'characters', spellcheck: 'false' } });
  const nameField = field(form, {
    name: 'customer.name', labelKey: operator ? 'luggage.f.caller_name' : 'luggage.f.name', required: true,
    autocomplete: operator ? 'off' : 'name', value: operator ? '' : user?.name || '',
  });
  const contact = contactGroup(form, { phone: operator ? '' : user?.phone || '', email: operator ? '' : user?.email || '', phoneRequired: operator });
  const note = field(form, { name: 'note', labelKey: 'luggage.f.note', hintKey: 'luggage.f.note_hint', multiline: true, attrs: { maxlength: 200, rows: 2 } });
  const fee = h('div', { class: 'fee-estimate', id: 'luggage-fee' });

  const fill = () => {
    const a = area();
    for (const [g, key] of [[pick, 'luggage.choose_pickup'], [drop, 'luggage.choose_delivery']]) {
      const sel = g.querySelector('select');
      const before = sel.value;
      clear(sel);
      sel.append(h('option', { value: '', i18n: key }),
        ...stopsOf(a).map((s) => h('option', { value: String(s.id), ko: s.name_ko || s.code, en: s.name_en || s.name_ko || s.code })));
      if ([...sel.options].some((o) => o.value === before)) sel.value = before;
    }
    const input = bagsField.querySelector('input');
    input.max = String(a?.max_passengers || 4);
    const hint = bagsField.querySelector('.form-hint');
    hint.dataset.i18nParams = JSON.stringify({ max: a?.max_passengers || 4 });
    hint.textContent = t('luggage.f.bags_hint', { max: a?.max_passengers || 4 });
  };
  areaField.querySelector('select').addEventListener('change', fill);

  const el = (n) => form.elements[n];
  function read() {
    const body = {
      area_id: Number(el('area_id').value),
      pickup_place_id: el('pickup_place_id').value ? Number(el('pickup_place_id').value) : null,
      delivery_place_id: el('delivery_place_id').value ? Number(el('delivery_place_id').value) : null,
    };
    const day = el('ready_at.day').value;
    const rt = el('ready_at.time').value;
    body.ready_at = day && rt ? `${day}T${rt}:00+09:00` : `${day}T${rt}`;
    const by = el('deliver_by').value;
    body.deliver_by = day && by ? `${day}T${by}:00+09:00` : by;
    // Sent as typed (a number, or the text itself), so the server's message says what is wrong with it.
    const n = el('bags').value.trim();
    body.bags = /^-?\d+$/.test(n) ? Number(n) : n;
    const fl = el('flight').value.trim().toUpperCase().replace(/\s+/g, '');
    if (fl) body.flight = fl;
    const nt = el('note').value.trim();
    if (nt) body.note = nt;
    const customer = { name: el('customer.name').value.trim() };
    const phone = el('customer.phone').value.trim();
    const email = el('customer.email').value.trim();
    if (phone) customer.phone = phone;
    if (email) customer.email = email;
    body.customer = customer;
    return body;
  }
  /** What the browser can tell before asking: something left empty. The server checks everything again. */
  function check(body) {
    const errs = [];
    if (!body.pickup_place_id) errs.push({ field: 'pickup_place_id', key: 'luggage.v.pickup' });
    if (!body.delivery_place_id) errs.push({ field: 'delivery_place_id', key: 'luggage.v.delivery' });
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(body.ready_at)) errs.push({ field: 'ready_at', key: 'luggage.v.ready' });
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(body.deliver_by)) errs.push({ field: 'deliver_by', key: 'luggage.v.deliver_by' });
    if (body.bags === '') errs.push({ field: 'bags', key: 'luggage.v.bags' });
    if (!body.customer.name) errs.push({ field: 'customer.name', key: operator ? 'luggage.v.caller_name' : 'luggage.v.name' });
    if (operator && !body.customer.phone) errs.push({ field: 'customer.contact', key: 'luggage.v.caller_phone' });
    else if (!body.customer.phone && !body.customer.email) errs.push({ field: 'customer.contact', key: 'luggage.v.contact' });
    return errs;
  }

  function drawFee() {
    const a = area();
    const from = stopsOf(a).find((s) => String(s.id) === el('pickup_place_id').value);
    const to = stopsOf(a).find((s) => String(s.id) === el('delivery_place_id').value);
    const bagsText = el('bags').value.trim();
    const bags = /^\d+$/.test(bagsText) ? Number(bagsText) : 0;
    const est = feeEstimate(a, from, to, bags);
    const fare = a?.fare || {};
    clear(fee);
    fee.dataset.total = est.total === null ? '' : String(est.total);
    fee.append(
      h('p', { class: 'fee-title', id: 'luggage-fee-h', i18n: 'luggage.fee_title' }),
      h('dl', { class: 'kv fee-parts' },
        h('dt', { i18n: 'luggage.fee_trip' }), h('dd', { dataset: { fact: 'trip' } }, est.trip === null
          ? h('span', { class: 'muted', i18n: 'luggage.fee_choose_places' })
          : h('span', { i18n: 'luggage.fee_about', params: { n: fmt(est.trip) } })),
        h('dt', { i18n: 'luggage.fee_bags' }), h('dd', { dataset: { fact: 'bags' } },
          h('span', { i18n: 'luggage.fee_bags_value', params: { per: fmt(fare.per_bag_won || 0), n: bags, sum: fmt(est.bagsPart) } })),
        h('dt', { i18n: 'luggage.fee_total' }), h('dd', { dataset: { fact: 'total' } }, est.total === null
          ? h('span', { class: 'muted', i18n: 'dispatch.none' })
          : h('strong', { i18n: 'luggage.fee_about', params: { n: fmt(est.total) } }))),
      h('p', { class: 'form-hint', i18n: 'luggage.fee_note', params: { base: fmt(fare.base_won || 0), per_km: fmt(fare.per_km_won || 0) } }));
  }
  form.addEventListener('input', drawFee);
  form.addEventListener('change', drawFee);

  append(form, [errorSummary(form),
    operator ? h('p', { class: 'form-hint', i18n: 'luggage.f.caller_hint' }) : null,
    areaField, h('div', { class: 'pair' }, pick, drop), ready,
    h('div', { class: 'pair' }, deadline, bagsField),
    flight,
    h('fieldset', { class: 'multi-group customer-fields' },
      h('legend', { class: 'group-legend' }, h('span', { i18n: operator ? 'luggage.f.caller' : 'luggage.f.customer' })),
      nameField, contact),
    note, fee,
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'krds-btn primary large', i18n: operator ? 'luggage.submit_for' : 'luggage.submit' }))]);
  fill();
  el('ready_at.day').value = defaultDay;
  drawFee();

  let key = null;
  let lastBody = null;
  async function submit() {
    clearErrors(form);
    clear(result);
    const body = read();
    const errs = check(body);
    if (errs.length) {
      showErrors(form, errs);
      return;
    }
    const json = JSON.stringify(body);
    if (json !== lastBody) {
      key = newKey();
      lastBody = json;
    }
    try {
      const res = await postOnce(`${L}/orders`, body, key);
      const order = res.order || res;
      key = null;
      lastBody = null; // the next order is a new fill
      onOrdered?.(order, result);
    } catch (e) {
      if (e instanceof ApiError && e.status === 409 && (e.problem.reason === 'no_vehicle' || e.problem.code === 'no_vehicle')) {
        const panel = refusalPanel(e.problem, (later) => {
          const d = seoulDate(later);
          if (d && d !== el('ready_at.day').value) el('ready_at.day').value = d;
          el('deliver_by').value = seoulTime(later);
          drawFee();
          announce(t('luggage.retrying', { time: seoulTime(later) }));
          busy(form, submit);
        });
        result.append(panel);
        panel.focus();
      } else if (e instanceof ApiError && e.fieldErrors.length) {
        showErrors(form, nearestFields(form, e.fieldErrors.map((x) => ({ ...x, field: ALIASES[x.field] || x.field }))), e.problem);
      } else {
        showApiError(form, e);
      }
    }
  }
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    busy(form, submit);
  });
  return { el: h('div', { class: 'luggage-order' }, form, refusalHost ? null : result), form, result };
}

/** The refusal: the server's words, and "order with the deadline HH:MM instead" when it found a later one that fits. */
export function refusalPanel(problem, onRetry, { id = 'luggage-refusal' } = {}) {
  const later = problem.later_deadline_at;
  return h('section', { class: 'panel refusal-panel notice notice-warning', id, tabindex: '-1', attrs: { 'aria-labelledby': `${id}-h` } },
    h('h2', { class: 'section-title', id: `${id}-h`, i18n: 'luggage.refused_title' }),
    problem.title || problem.title_ko ? h('p', { ko: problem.title_ko || problem.title, en: problem.title || problem.title_ko }) : null,
    problem.message_ko || problem.message_en ? h('p', { ko: problem.message_ko || problem.message_en, en: problem.message_en || problem.message_ko }) : null,
    h('p', { i18n: 'luggage.refused_explain' }),
    later ? h('p', {}, h('button', {
      type: 'button', class: 'krds-btn primary medium', id: `${id}-retry`, dataset: { at: later },
      on: { click: () => onRetry(later) },
    }, h('span', { i18n: 'luggage.retry_at', params: { time: seoulTime(later) } })))
      : h('p', { class: 'muted', i18n: 'luggage.no_later_deadline' }));
}
