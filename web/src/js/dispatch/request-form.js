// The shuttle request form (POST /api/v1/dispatch/rides), for a resident herself or for an operator taking a phoned-in
// request (then the rider's name and phone are required). Pickup and drop-off are the area's stops; the pickup is
// "as soon as possible" (the server's default: now plus the area's lead time) or a chosen date and time in Seoul. One
// Idempotency-Key per fill of the form: a retry of the same request replays the first answer, a changed request gets a
// new key. The answer is the promise (window, planned pickup, latest arrival, fare, a link to follow the ride), or a
// refusal with, when the server found one, a button to ask for the next time that fits. Nothing typed is lost on an error.
import { h, clear, append } from '../dom.js';
import { ApiError } from '../api.js';
import { t } from '../i18n.js';
import { announce } from '../live.js';
import { seoulDate, seoulTime } from '../seoul.js';
import { errorSummary, clearErrors, showErrors, showApiError, busy, nearestFields, field } from '../forms.js';
import { D, postOnce, newKey, named, hhmm, windowText, wonText, stopOptions } from './lib.js';

/** Server field names that the form shows under another control. */
const ALIASES = { pickup: 'pickup_stop_id', dropoff: 'dropoff_stop_id', rider: 'rider.name', time: 'pickup_after', day: 'pickup_after' };

export function mapErrors(form, errors, asap, aliases = ALIASES) {
  return nearestFields(form, errors.map((e) => {
    let f = aliases[e.field] || e.field;
    if (f === 'pickup_after' && asap) f = 'when';
    return { ...e, field: f };
  }));
}

/** Two labelled inputs (a date and a time) as one group, so an error on "pickup_after" lands on both. */
export function dateTimeGroup(form, { name, legendKey, date, time, hintKey }) {
  const base = `${form.id}-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;
  const errId = `${base}-error`;
  const hintId = hintKey ? `${base}-hint` : null;
  const describedBy = [hintId, errId].filter(Boolean).join(' ');
  const input = (suffix, type, value, labelKey) => {
    const id = `${base}-${suffix}`;
    return h('div', { class: 'row-field' },
      h('label', { for: id, i18n: labelKey }),
      h('input', { id, name: `${name}.${suffix}`, class: 'krds-input', attrs: { type, value, 'aria-describedby': describedBy } }));
  };
  return h('fieldset', { class: 'form-group multi-group', dataset: { field: name } },
    h('legend', { class: 'group-legend' }, h('span', { i18n: legendKey })),
    hintKey ? h('p', { class: 'form-hint', id: hintId, i18n: hintKey }) : null,
    h('div', { class: 'form-conts row-fields' },
      input('date', 'date', date, 'dispatch.f.date'),
      input('time', 'time', time, 'dispatch.f.time')),
    h('p', { class: 'form-hint-invalid', id: errId, hidden: true }));
}

/** Radio buttons as a fieldset (KRDS check markup). */
export function radioGroup(form, { name, legendKey, items, value }) {
  const base = `${form.id}-${name}`;
  return h('fieldset', { class: 'form-group multi-group', dataset: { field: name }, attrs: { 'aria-describedby': `${base}-error` } },
    h('legend', { class: 'group-legend' }, h('span', { i18n: legendKey })),
    h('div', { class: 'form-conts' }, h('div', { class: 'radio-list' }, items.map((it) => {
      const id = `${base}-${it.value}`;
      const r = h('input', { id, name, value: it.value, attrs: { type: 'radio' } });
      r.checked = it.value === value;
      return h('div', { class: 'krds-form-check' }, r, h('label', { for: id }, h('span', { i18n: it.i18n })));
    }))),
    h('p', { class: 'form-hint-invalid', id: `${base}-error`, hidden: true }));
}

/** The area select (when there are several) and the pickup and drop-off selects, which follow the area. */
export function stopFields(form, areas) {
  const areaField = field(form, {
    name: 'area_id', labelKey: 'dispatch.f.area', required: true,
    options: areas.map((a) => ({ value: String(a.id), ko: a.name_ko, en: a.name_en || a.name_ko })),
  });
  areaField.hidden = areas.length < 2;
  const pick = field(form, { name: 'pickup_stop_id', labelKey: 'dispatch.f.pickup', required: true, options: [] });
  const drop = field(form, { name: 'dropoff_stop_id', labelKey: 'dispatch.f.dropoff', required: true, options: [] });
  const fill = () => {
    const area = areas.find((a) => String(a.id) === areaField.querySelector('select').value) || areas[0];
    for (const [g, key] of [[pick, 'dispatch.choose_pickup'], [drop, 'dispatch.choose_dropoff']]) {
      const sel = g.querySelector('select');
      const before = sel.value;
      clear(sel);
      sel.append(...stopOptions(area, key));
      if ([...sel.options].some((o) => o.value === before)) sel.value = before;
    }
  };
  areaField.querySelector('select').addEventListener('change', fill);
  fill();
  return { el: [areaField, h('div', { class: 'pair' }, pick, drop)], area: () => areas.find((a) => String(a.id) === areaField.querySelector('select').value) || areas[0] };
}

/** The promise, as a panel that takes focus. */
export function promisePanel(ride, { id = 'ride-promise', headingKey = 'dispatch.promised_title' } = {}) {
  const panel = h('section', {
    class: 'panel promise-panel', id, tabindex: '-1',
    dataset: { ride: String(ride.id), status: ride.status }, attrs: { 'aria-labelledby': `${id}-h` },
  },
  h('h2', { class: 'section-title', id: `${id}-h`, i18n: headingKey }),
  h('p', { class: 'promise-leg' }, named(ride.pickup), ' → ', named(ride.dropoff)),
  h('dl', { class: 'info-list promise-facts' },
    h('dt', { i18n: 'dispatch.f.window' }), h('dd', { dataset: { fact: 'window' } }, h('time', { date: ride.day }), ' ', windowText(ride.window)),
    h('dt', { i18n: 'dispatch.f.planned_pickup' }), h('dd', { dataset: { fact: 'eta' } }, hhmm(ride.eta?.pickup)),
    h('dt', { i18n: 'dispatch.f.latest_arrival' }), h('dd', { dataset: { fact: 'latest_arrival' } }, hhmm(ride.latest_arrival)),
    h('dt', { i18n: 'dispatch.f.fare' }), h('dd', { dataset: { fact: 'fare' } }, wonText(ride.fare_won)),
    ride.vehicle ? [h('dt', { i18n: 'dispatch.f.vehicle' }), h('dd', { dataset: { fact: 'vehicle' } }, ride.vehicle.label)] : null),
  h('p', { class: 'promise-note', i18n: 'dispatch.promise_note' }),
  h('p', {}, h('a', { href: `/dispatch/rides/${ride.id}`, class: 'krds-btn secondary medium', id: `${id}-track` },
    h('span', { i18n: 'dispatch.track_link' }))));
  return panel;
}

/** The refusal: the server's words, and "request for HH:MM instead" when it named a later time that fits. */
export function refusalPanel(problem, onRetry, { id = 'ride-refusal' } = {}) {
  const next = problem.next_possible_at;
  return h('section', { class: 'panel refusal-panel notice notice-warning', id, tabindex: '-1', attrs: { 'aria-labelledby': `${id}-h` } },
    h('h2', { class: 'section-title', id: `${id}-h`, i18n: 'dispatch.refused_title' }),
    problem.title || problem.title_ko ? h('p', { ko: problem.title_ko || problem.title, en: problem.title || problem.title_ko }) : null,
    problem.message_ko || problem.message_en ? h('p', { ko: problem.message_ko || problem.message_en, en: problem.message_en || problem.message_ko }) : null,
    next ? h('p', {}, h('button', {
      type: 'button', class: 'krds-btn primary medium', id: `${id}-retry`, dataset: { at: next },
      on: { click: () => onRetry(next) },
    }, h('span', { i18n: 'dispatch.retry_at', params: { time: seoulTime(next) } })))
      : h('p', { class: 'muted', i18n: 'dispatch.no_next_time' }));
}

/**
 * The form. opts: {areas, today, now, operator (bool: rider fields, required), onDone(ride)}. Returns the form's
 * wrapper (the form and the answer under it).
 */
export function requestForm({ areas, today, now, operator = false, onDone }) {
  const form = h('form', { id: 'ride-form', class: 'krds-form prog-form dispatch-form', attrs: { novalidate: true } });
  const result = h('div', { id: 'ride-result' });
  const stops = stopFields(form, areas);
  const when = radioGroup(form, {
    name: 'when', legendKey: 'dispatch.f.when', value: 'asap',
    items: [{ value: 'asap', i18n: 'dispatch.f.asap' }, { value: 'at', i18n: 'dispatch.f.at' }],
  });
  // Default chosen time: half an hour after the shuttle's now, on the shuttle's today.
  const later = new Date(Date.parse(now) + 30 * 60000);
  const at = dateTimeGroup(form, {
    name: 'pickup_after', legendKey: 'dispatch.f.pickup_after', hintKey: 'dispatch.f.pickup_after_hint',
    date: seoulDate(later) || today, time: seoulTime(later),
  });
  const sync = () => {
    at.hidden = form.querySelector('input[name="when"]:checked')?.value !== 'at';
  };
  when.addEventListener('change', sync);
  append(form, [errorSummary(form),
    operator ? h('fieldset', { class: 'multi-group rider-fields' },
      h('legend', { class: 'group-legend' }, h('span', { i18n: 'dispatch.f.rider' })),
      h('p', { class: 'form-hint', i18n: 'dispatch.f.rider_hint' }),
      h('div', { class: 'pair' },
        field(form, { name: 'rider.name', labelKey: 'dispatch.f.rider_name', required: true, autocomplete: 'off' }),
        field(form, { name: 'rider.phone', labelKey: 'dispatch.f.rider_phone', required: true, type: 'tel', inputmode: 'tel', autocomplete: 'off' }))) : null,
    stops.el, when, at,
    h('div', { class: 'pair' },
      field(form, { name: 'passengers', labelKey: 'dispatch.f.passengers', hintKey: 'dispatch.f.passengers_hint', type: 'number', inputmode: 'numeric', value: '1', attrs: { min: 1, max: 4 } }),
      field(form, { name: 'wheelchair', type: 'checkbox', labelKey: 'dispatch.f.wheelchair' })),
    field(form, { name: 'note', labelKey: 'dispatch.f.note', hintKey: 'dispatch.f.note_hint', multiline: true, attrs: { maxlength: 200, rows: 2 } }),
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'krds-btn primary large', i18n: operator ? 'dispatch.submit_for' : 'dispatch.submit' }))]);
  sync();

  let key = null;
  let lastBody = null;
  const el = (n) => form.elements[n];
  function read() {
    const body = {
      area_id: Number(el('area_id').value),
      pickup_stop_id: el('pickup_stop_id').value ? Number(el('pickup_stop_id').value) : null,
      dropoff_stop_id: el('dropoff_stop_id').value ? Number(el('dropoff_stop_id').value) : null,
      wheelchair: el('wheelchair').checked,
    };
    // Sent as typed (a number, or the text itself), so the server's message says what is wrong with it.
    const n = el('passengers').value.trim();
    if (n) body.passengers = /^-?\d+$/.test(n) ? Number(n) : n;
    const note = el('note').value.trim();
    if (note) body.note = note;
    if (form.querySelector('input[name="when"]:checked')?.value === 'at') {
      const d = el('pickup_after.date').value;
      const tm = el('pickup_after.time').value;
      body.pickup_after = d && tm ? `${d}T${tm}:00+09:00` : `${d}T${tm}`;
    }
    if (operator) body.rider = { name: el('rider.name').value.trim(), phone: el('rider.phone').value.trim() };
    return body;
  }
  /** What the browser can tell before asking: a choice left empty. The server checks everything again. */
  function check(body) {
    const errs = [];
    if (operator && !body.rider.name) errs.push({ field: 'rider.name', key: 'dispatch.v.rider_name' });
    if (operator && !body.rider.phone) errs.push({ field: 'rider.phone', key: 'dispatch.v.rider_phone' });
    if (!body.pickup_stop_id) errs.push({ field: 'pickup_stop_id', key: 'dispatch.v.pickup' });
    if (!body.dropoff_stop_id) errs.push({ field: 'dropoff_stop_id', key: 'dispatch.v.dropoff' });
    if (body.pickup_after !== undefined && !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(body.pickup_after)) errs.push({ field: 'pickup_after', key: 'dispatch.v.time' });
    return errs;
  }

  async function submit() {
    clearErrors(form);
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
    clear(result);
    try {
      const res = await postOnce(`${D}/rides`, body, key);
      const ride = res.ride || res;
      key = null;
      lastBody = null; // the next request is a new fill
      const panel = promisePanel(ride);
      result.append(panel);
      panel.focus();
      onDone?.(ride);
    } catch (e) {
      if (e instanceof ApiError && e.status === 409 && (e.problem.reason === 'no_vehicle' || e.problem.code === 'no_vehicle')) {
        const panel = refusalPanel(e.problem, (next) => {
          form.querySelector('input[name="when"][value="at"]').checked = true;
          sync();
          el('pickup_after.date').value = seoulDate(next);
          el('pickup_after.time').value = seoulTime(next);
          announce(t('dispatch.retrying', { time: seoulTime(next) }));
          busy(form, submit);
        });
        result.append(panel);
        panel.focus();
      } else if (e instanceof ApiError && e.fieldErrors.length) {
        showErrors(form, mapErrors(form, e.fieldErrors, body.pickup_after === undefined), e.problem);
      } else {
        showApiError(form, e);
      }
    }
  }
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    busy(form, submit);
  });
  return h('div', { class: 'ride-request' }, form, result);
}
