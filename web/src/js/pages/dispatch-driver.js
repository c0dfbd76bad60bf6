// 오늘의 운행 / The driver's phone page (GET /api/v1/dispatch/driver/today, again every 20 s): the vehicle and its
// shift, the NEXT stop large at the top (stop, pickup or drop-off, the rider's masked name, passengers, wheelchair,
// window, ETA) with big buttons — "picked up" or "no-show" at a pickup, "dropped off" at a drop-off — then the
// following stops and the stops done. Sending the position (navigator.geolocation) is optional; going offline (after
// a confirmation) hands the vehicle's rides to the others where they fit. A courier's luggage stops (프리러그: the stop
// says code_required) show the bags and the deadline, and are confirmed with the 6-digit code the customer (pickup)
// or the receiver (delivery) tells; a wrong code gets the server's field message beside the input.
import { h } from '../dom.js';
import { api, ApiError } from '../api.js';
import { t } from '../i18n.js';
import { announce } from '../live.js';
import { confirmDialog } from '../admin/accounts.js';
import { section, statusBox } from '../programmes/lib.js';
import { D, named, hhmm, windowText, vehicleStatusKey, redraw, every, clockText } from '../dispatch/lib.js';

export const titleKey = 'page.dispatch_driver.title';
const codeInputId = (step) => `stop-code-${step.ride_id}-${step.action}`;
const REFRESH_MS = 20000;

const actionKey = (a) => (a === 'dropoff' ? 'dispatch.action.dropoff' : 'dispatch.action.pickup');
const stepActionKey = (step) => (isLuggage(step) ? (step.action === 'dropoff' ? 'luggage.action.delivery' : 'luggage.action.pickup') : actionKey(step.action));

/** A luggage stop (프리러그): it carries bags and a deadline, and the courier confirms it with the customer's code. */
const isLuggage = (step) => !!step?.code_required || Number.isFinite(step?.bags);

function stepFacts(step) {
  if (isLuggage(step)) {
    return h('dl', { class: 'kv step-facts' },
      step.rider?.name ? [h('dt', { i18n: 'luggage.f.customer' }), h('dd', { dataset: { fact: 'rider' } }, step.rider.name)] : null,
      h('dt', { i18n: 'luggage.f.bags' }), h('dd', { dataset: { fact: 'bags' } }, h('strong', { i18n: 'luggage.n_bags', params: { n: step.bags ?? 1 } })),
      step.window ? [h('dt', { i18n: 'luggage.f.window' }), h('dd', { dataset: { fact: 'window' } }, windowText(step.window))] : null,
      h('dt', { i18n: 'dispatch.f.eta' }), h('dd', { dataset: { fact: 'eta' } }, hhmm(step.eta)),
      step.deliver_by ? [h('dt', { i18n: 'luggage.f.deliver_by' }), h('dd', { dataset: { fact: 'deliver_by' } }, h('strong', {}, hhmm(step.deliver_by)))] : null,
      step.note ? [h('dt', { i18n: 'dispatch.f.note' }), h('dd', { dataset: { fact: 'note' } }, step.note)] : null);
  }
  return h('dl', { class: 'kv step-facts' },
    step.rider?.name ? [h('dt', { i18n: 'dispatch.f.rider' }), h('dd', { dataset: { fact: 'rider' } }, step.rider.name)] : null,
    h('dt', { i18n: 'dispatch.f.passengers' }), h('dd', { dataset: { fact: 'passengers' } }, String(step.passengers ?? 1),
      step.wheelchair ? [' · ', h('strong', { class: 'wheelchair', i18n: 'dispatch.wheelchair' })] : null),
    step.window ? [h('dt', { i18n: 'dispatch.f.window' }), h('dd', { dataset: { fact: 'window' } }, windowText(step.window))] : null,
    h('dt', { i18n: 'dispatch.f.eta' }), h('dd', { dataset: { fact: 'eta' } }, hhmm(step.eta)),
    step.action === 'dropoff' && step.latest_arrival ? [h('dt', { i18n: 'dispatch.f.latest_arrival' }), h('dd', {}, hhmm(step.latest_arrival))] : null,
    step.note ? [h('dt', { i18n: 'dispatch.f.note' }), h('dd', { dataset: { fact: 'note' } }, step.note)] : null);
}

function stepItem(step, { done = false } = {}) {
  return h('li', { class: ['step', `step-${step.action}`, done ? 'step-done' : null], dataset: { ride: String(step.ride_id), action: step.action } },
    h('p', { class: 'step-head' },
      h('span', { class: ['krds-badge', step.action === 'dropoff' ? 'bg-light-secondary' : 'bg-light-primary'], i18n: stepActionKey(step) }), ' ',
      h('strong', {}, named(step.stop)), ' ',
      h('span', { class: 'muted' }, `#${step.ride_id}`)),
    stepFacts(step));
}

export async function render() {
  const status = statusBox('driver-status');
  let today;
  try {
    today = await api.get(`${D}/driver/today`);
  } catch (e) {
    // Only a vehicle's driver has a day to show (an administrator is told so by the server's words).
    if (!(e instanceof ApiError) || e.status !== 403) throw e;
    status.fail(e);
    return h('div', { class: 'container narrow page-dispatch-driver' },
      h('h1', { class: 'page-title', i18n: 'page.dispatch_driver.title' }), status.el);
  }
  status.el.setAttribute('tabindex', '-1');
  const box = h('div', { id: 'driver-today' });
  let busyNow = false;

  /** The code input of a luggage stop: its error shown beside it (the server's field message, or ours). */
  function codeError(step, msg) {
    const input = document.getElementById(codeInputId(step));
    const err = document.getElementById(`${codeInputId(step)}-error`);
    if (!input || !err) return false;
    const p = h('p', { class: 'form-hint-invalid code-error', id: err.id, ...msg });
    err.replaceWith(p);
    input.setAttribute('aria-invalid', 'true');
    input.closest('.form-conts')?.classList.add('is-error');
    input.focus();
    input.select?.();
    return true;
  }

  async function act(step, action) {
    if (busyNow) return;
    const luggage = isLuggage(step);
    const needsCode = !!step.code_required && action !== 'no_show';
    let code;
    if (needsCode) {
      code = (document.getElementById(codeInputId(step))?.value || '').replace(/\s+/g, '');
      if (!/^\d{6}$/.test(code)) {
        codeError(step, { i18n: 'luggage.v.code' });
        return;
      }
    }
    if (action === 'no_show') {
      const yes = luggage
        ? await confirmDialog({ id: 'no-show-dialog', titleKey: 'luggage.no_show_title', confirmKey: 'luggage.act.no_show', text: t('luggage.no_show_text', { name: step.rider?.name || `#${step.ride_id}` }) })
        : await confirmDialog({ id: 'no-show-dialog', titleKey: 'dispatch.no_show_title', confirmKey: 'dispatch.act.no_show', text: t('dispatch.no_show_text', { name: step.rider?.name || `#${step.ride_id}` }) });
      if (!yes) return;
    }
    busyNow = true;
    for (const b of box.querySelectorAll('.next-actions button')) b.disabled = true;
    try {
      today = await api.post(`${D}/driver/stops`, needsCode ? { ride_id: step.ride_id, action, code } : { ride_id: step.ride_id, action });
      if (!today || !Array.isArray(today.stops)) today = await api.get(`${D}/driver/today`);
      draw();
      const doneKey = `${luggage ? 'luggage' : 'dispatch'}.done.${action}`;
      const msg = t(doneKey, { name: step.rider?.name || `#${step.ride_id}` });
      status.ok({ i18n: doneKey, params: { name: step.rider?.name || `#${step.ride_id}` } });
      // Focus goes to the next stop's heading (never straight onto the next ride's button, so a double tap does nothing).
      document.getElementById('next-stop-h')?.focus();
      announce(today.stops?.[0] ? `${msg} ${t('dispatch.next_is', { stop: stopText(today.stops[0]) })}` : msg);
    } catch (e) {
      const codeErr = needsCode && e instanceof ApiError ? e.fieldErrors.find((x) => x.field === 'code') : null;
      if (codeErr && codeError(step, { ko: codeErr.ko, en: codeErr.en })) return;
      status.fail(e);
      status.el.focus();
      if (e instanceof ApiError && e.status === 409) {
        today = await api.get(`${D}/driver/today`).catch(() => today);
        draw();
      }
    } finally {
      busyNow = false;
      for (const b of box.querySelectorAll('.next-actions button')) b.disabled = false;
    }
  }

  const stopText = (step) => `${t(stepActionKey(step))} ${document.documentElement.lang === 'en' ? step.stop?.name_en || step.stop?.name_ko : step.stop?.name_ko || step.stop?.name_en}`;

  function nextCard(step) {
    if (!step) return h('p', { class: 'notice', id: 'no-next-stop', i18n: 'dispatch.no_next_stop' });
    const btn = (action, key, cls, type = 'button') => h('button', {
      type, class: ['krds-btn', 'xlarge', cls, 'next-button'], id: `next-${action}-${step.ride_id}`,
      dataset: { action, ride: String(step.ride_id) }, on: type === 'submit' ? undefined : { click: () => act(step, action) },
    }, h('span', { i18n: key }));
    if (step.code_required) return luggageCard(step, btn);
    return h('article', { class: ['next-stop', `step-${step.action}`], id: 'next-stop-card', dataset: { ride: String(step.ride_id), action: step.action } },
      h('p', { class: 'next-action' }, h('span', { class: ['krds-badge', step.action === 'dropoff' ? 'bg-light-secondary' : 'bg-light-primary'], i18n: stepActionKey(step) })),
      h('p', { class: 'next-stop-name' }, named(step.stop)),
      stepFacts(step),
      h('div', { class: 'next-actions' }, step.action === 'dropoff'
        ? btn('dropped_off', 'dispatch.act.dropped_off', 'primary')
        : [btn('picked_up', 'dispatch.act.picked_up', 'primary'), btn('no_show', 'dispatch.act.no_show', 'secondary')]));
  }

  /**
   * A luggage stop: bags and deadline, the code the customer (at pickup) or the receiver (at delivery) tells, and the
   * button that sends it; "nobody there" at a pickup needs no code.
   */
  function luggageCard(step, btn) {
    const id = codeInputId(step);
    const pickup = step.action !== 'dropoff';
    const form = h('form', { class: 'krds-form code-form', id: 'next-code-form', attrs: { novalidate: true } },
      h('div', { class: 'form-group', dataset: { field: 'code' } },
        h('div', { class: 'form-tit' }, h('label', { for: id, i18n: pickup ? 'luggage.f.code_pickup' : 'luggage.f.code_delivery' })),
        h('p', { class: 'form-hint', id: `${id}-hint`, i18n: pickup ? 'luggage.f.code_pickup_hint' : 'luggage.f.code_delivery_hint' }),
        h('div', { class: 'form-conts' }, h('input', {
          id, name: 'code', class: 'krds-input code-input',
          attrs: {
            type: 'text', inputmode: 'numeric', autocomplete: 'one-time-code', pattern: '[0-9]{6}', maxlength: 6, required: true,
            'aria-describedby': `${id}-hint ${id}-error`, spellcheck: 'false',
          },
        })),
        h('p', { class: 'form-hint-invalid', id: `${id}-error`, hidden: true })),
      h('div', { class: 'next-actions' }, pickup
        ? [btn('picked_up', 'luggage.act.picked_up', 'primary', 'submit'), btn('no_show', 'luggage.act.no_show', 'secondary')]
        : btn('dropped_off', 'luggage.act.delivered', 'primary', 'submit')));
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      act(step, pickup ? 'picked_up' : 'dropped_off');
    });
    return h('article', { class: ['next-stop', 'luggage-stop', `step-${step.action}`], id: 'next-stop-card', dataset: { ride: String(step.ride_id), action: step.action, luggage: 'true' } },
      h('p', { class: 'next-action' }, h('span', { class: ['krds-badge', pickup ? 'bg-light-primary' : 'bg-light-secondary'], i18n: stepActionKey(step) })),
      h('p', { class: 'next-stop-name' }, named(step.stop)),
      stepFacts(step),
      form);
  }

  async function setOnline(on) {
    if (!on) {
      const yes = await confirmDialog({ id: 'offline-dialog', titleKey: 'dispatch.offline_title', confirmKey: 'dispatch.go_offline', text: t('dispatch.offline_text') });
      if (!yes) return;
    }
    try {
      const res = await api.post(`${D}/driver/status`, { status: on ? 'on' : 'offline' });
      today = await api.get(`${D}/driver/today`);
      draw();
      status.ok(on ? { i18n: 'dispatch.back_on_ok' } : {
        i18n: 'dispatch.offline_ok', params: { replanned: (res?.replanned || []).length, broken: (res?.broken || []).length },
      });
      status.el.focus();
    } catch (e) {
      status.fail(e);
      status.el.focus();
    }
  }

  function sendPosition(ev) {
    const button = ev.currentTarget;
    if (!navigator.geolocation) return;
    button.disabled = true;
    status.ok({ i18n: 'dispatch.position_finding' });
    navigator.geolocation.getCurrentPosition(async (pos) => {
      try {
        const res = await api.post(`${D}/driver/position`, { lat: pos.coords.latitude, lon: pos.coords.longitude });
        const late = Math.round((res?.late_s || 0) / 60);
        status.ok({ i18n: late > 0 ? 'dispatch.position_sent_late' : 'dispatch.position_sent', params: { n: late } });
        if ((res?.broken || []).length) {
          today = await api.get(`${D}/driver/today`);
          draw();
        }
      } catch (e) {
        status.fail(e);
      } finally {
        button.disabled = false;
      }
    }, () => {
      button.disabled = false;
      status.ok({ i18n: 'dispatch.position_unavailable' });
    }, { enableHighAccuracy: true, timeout: 15000, maximumAge: 30000 });
  }

  function view() {
    const v = today.vehicle;
    if (!v) return [h('p', { class: 'notice', id: 'no-vehicle', i18n: 'dispatch.no_vehicle_today' })];
    const stops = today.stops || [];
    const done = today.done || [];
    const online = v.status !== 'offline' && v.status !== 'broken';
    return [
      h('dl', { class: 'info-list vehicle-facts', id: 'vehicle-facts', dataset: { vehicle: String(v.id), status: v.status || '' } },
        h('dt', { i18n: 'dispatch.f.vehicle' }), h('dd', { dataset: { fact: 'vehicle' } }, v.label),
        h('dt', { i18n: 'dispatch.f.shift' }), h('dd', { dataset: { fact: 'shift' } }, v.shift ? [clockText(v.shift.from), '–', v.shift.to === '00:00' ? '24:00' : clockText(v.shift.to)] : h('span', { class: 'muted', i18n: 'dispatch.none' })),
        h('dt', { i18n: 'dispatch.f.vehicle_status' }), h('dd', { dataset: { fact: 'status' } }, h('span', { i18n: vehicleStatusKey(v.status) }))),
      h('section', { class: 'next-section', id: 'next-stop', attrs: { 'aria-labelledby': 'next-stop-h' } },
        h('h2', { class: 'section-title', id: 'next-stop-h', tabindex: '-1', i18n: 'dispatch.sec.next_stop' }),
        nextCard(stops[0])),
      h('div', { class: 'driver-tools' },
        navigator.geolocation
          ? h('button', { type: 'button', class: 'krds-btn secondary large', id: 'send-position', i18n: 'dispatch.send_position', on: { click: sendPosition } })
          : h('p', { class: 'muted', i18n: 'dispatch.no_geolocation' }),
        online
          ? h('button', { type: 'button', class: 'krds-btn tertiary large', id: 'go-offline', i18n: 'dispatch.go_offline', on: { click: () => setOnline(false) } })
          : h('button', { type: 'button', class: 'krds-btn primary large', id: 'go-online', i18n: 'dispatch.go_online', on: { click: () => setOnline(true) } })),
      section('sec-following', 'dispatch.sec.following',
        stops.length > 1 ? h('ol', { class: 'step-list', id: 'following-stops' }, stops.slice(1).map((s) => stepItem(s)))
          : h('p', { class: 'muted', i18n: 'dispatch.no_following' })),
      section('sec-done', 'dispatch.sec.done',
        done.length ? h('ol', { class: 'step-list', id: 'done-stops' }, done.map((s) => stepItem(s, { done: true })))
          : h('p', { class: 'muted', i18n: 'dispatch.no_done' })),
    ];
  }
  let drawn = '';
  function draw() {
    drawn = JSON.stringify(today);
    redraw(box, view(), { fallback: 'next-stop-h' });
  }
  draw();
  every(REFRESH_MS, box, async () => {
    if (busyNow) return;
    const next = await api.get(`${D}/driver/today`);
    if (JSON.stringify(next) === drawn) return;
    const before = today.stops?.[0];
    today = next;
    draw();
    const after = today.stops?.[0];
    if (after && (!before || before.ride_id !== after.ride_id || before.action !== after.action)) {
      announce(t('dispatch.next_is', { stop: stopText(after) }));
    }
  });
  return h('div', { class: 'container narrow page-dispatch-driver' },
    h('h1', { class: 'page-title', i18n: 'page.dispatch_driver.title' }),
    h('p', { class: 'muted' }, h('time', { date: today.day }), ' · ', h('span', { i18n: 'dispatch.refresh_note', params: { s: REFRESH_MS / 1000 } })),
    status.el, box);
}
