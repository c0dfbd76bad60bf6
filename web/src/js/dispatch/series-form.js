// A recurring ride (POST /api/v1/dispatch/series): the same trip at the same time on chosen weekdays between two
// dates. The answer lists each day up to the area's booking horizon: booked (with its window) or refused (with the
// server's reason and the next time that would fit). Later days are booked each night by the server.
import { h, clear, append } from '../dom.js';
import { ApiError } from '../api.js';
import { errorSummary, clearErrors, showErrors, showApiError, busy, field } from '../forms.js';
import { addDays } from '../seoul.js';
import { checkGroup, checkedValues } from '../jobs/profile-form.js';
import { api } from '../api.js';
import { t } from '../i18n.js';
import { confirmDialog } from '../admin/accounts.js';
import { D, DAYS, dayKey, postOnce, newKey, windowText, hhmm, named } from './lib.js';
import { stopFields, mapErrors } from './request-form.js';
import { dataTable, td, statusBox } from '../programmes/lib.js';

export function occurrencesTable(occurrences) {
  const booked = occurrences.filter((o) => o.ride).length;
  return dataTable({
    id: 'series-occurrences', captionKey: 'dispatch.series_caption', captionParams: { booked, refused: occurrences.length - booked },
    cols: [{ key: 'dispatch.col.day' }, { key: 'dispatch.col.result' }, { key: 'dispatch.col.window' }],
    rows: occurrences.map((o) => h('tr', { dataset: { day: o.day, booked: String(!!o.ride), ride: o.ride ? String(o.ride.id) : '' } },
      h('th', { scope: 'row' }, h('time', { date: o.day })),
      td(o.ride
        ? h('span', { class: 'krds-badge bg-light-primary', i18n: 'dispatch.booked' })
        : [h('span', { class: 'krds-badge bg-light-danger', i18n: 'dispatch.refused' }), ' ',
          o.refusal ? h('span', { ko: o.refusal.message_ko || o.refusal.reason || '', en: o.refusal.message_en || o.refusal.reason || '' }) : null,
          o.refusal?.next_possible_at ? [' ', h('span', { i18n: 'dispatch.next_possible' }), ' ', hhmm(o.refusal.next_possible_at)] : null]),
      td(o.ride ? [windowText(o.ride.window), ' ', h('a', { href: `/dispatch/rides/${o.ride.id}`, i18n: 'dispatch.track_short' })] : ''))),
    emptyKey: 'dispatch.series_none',
  });
}

export function seriesForm({ areas, today, onDone }) {
  const form = h('form', { id: 'series-form', class: 'krds-form prog-form dispatch-form', attrs: { novalidate: true } });
  const result = h('div', { id: 'series-result', tabindex: '-1' });
  const stops = stopFields(form, areas);
  append(form, [errorSummary(form), stops.el,
    h('div', { class: 'pair' },
      field(form, { name: 'time', labelKey: 'dispatch.f.series_time', hintKey: 'dispatch.f.series_time_hint', type: 'time', required: true, value: '07:20' }),
      field(form, { name: 'passengers', labelKey: 'dispatch.f.passengers', type: 'number', inputmode: 'numeric', value: '1', attrs: { min: 1, max: 4 } })),
    checkGroup(form, { name: 'days', legendKey: 'dispatch.f.days', items: DAYS.map((d) => ({ value: d, i18n: dayKey(d) })), checked: ['mon', 'tue', 'wed', 'thu', 'fri'] }),
    h('div', { class: 'pair' },
      field(form, { name: 'from', labelKey: 'dispatch.f.from', type: 'date', value: addDays(today, 1) }),
      field(form, { name: 'until', labelKey: 'dispatch.f.until', type: 'date', value: addDays(today, 28) })),
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'krds-btn primary medium', i18n: 'dispatch.series_submit' }))]);
  let key = null;
  let lastBody = null;
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    busy(form, async () => {
      clearErrors(form);
      const v = (n) => form.elements[n].value.trim();
      const body = {
        area_id: Number(v('area_id')),
        pickup_stop_id: v('pickup_stop_id') ? Number(v('pickup_stop_id')) : null,
        dropoff_stop_id: v('dropoff_stop_id') ? Number(v('dropoff_stop_id')) : null,
        time: v('time'),
        days: checkedValues(form, 'days'),
      };
      if (v('passengers')) body.passengers = /^-?\d+$/.test(v('passengers')) ? Number(v('passengers')) : v('passengers');
      if (v('from')) body.from = v('from');
      if (v('until')) body.until = v('until');
      const errs = [];
      if (!body.pickup_stop_id) errs.push({ field: 'pickup_stop_id', key: 'dispatch.v.pickup' });
      if (!body.dropoff_stop_id) errs.push({ field: 'dropoff_stop_id', key: 'dispatch.v.dropoff' });
      if (!body.time) errs.push({ field: 'time', key: 'dispatch.v.time' });
      if (!body.days.length) errs.push({ field: 'days', key: 'dispatch.v.days' });
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
        const res = await postOnce(`${D}/series`, body, key);
        lastBody = null;
        result.append(h('h3', { class: 'form-section-title', i18n: 'dispatch.series_done' }), occurrencesTable(res.occurrences || []));
        result.focus();
        onDone?.(res);
      } catch (e) {
        if (e instanceof ApiError && e.fieldErrors.length) showErrors(form, mapErrors(form, e.fieldErrors, false, { pickup: 'pickup_stop_id', dropoff: 'dropoff_stop_id' }), e.problem);
        else showApiError(form, e);
      }
    });
  });
  return h('div', { class: 'series-request' }, form, result);
}

/** The resident's recurring rides (GET /me/series), each active one with "stop" (after a confirmation). */
export function mySeries(areas, { onChange } = {}) {
  const box = h('div', { id: 'my-series-box' });
  const status = statusBox('my-series-status');
  const stop = (id) => {
    for (const a of areas) {
      const s = (a.stops || []).find((x) => x.id === id);
      if (s) return named(s);
    }
    return `#${id}`;
  };
  async function load() {
    const { items } = await api.get(`${D}/me/series`);
    clear(box);
    box.append(dataTable({
      id: 'my-series', captionKey: 'dispatch.my_series_caption', captionParams: { n: items.length },
      cols: [{ key: 'dispatch.col.trip' }, { key: 'dispatch.col.when' }, { key: 'dispatch.col.period' }, { key: 'dispatch.col.status' }, { key: 'dispatch.col.actions' }],
      rows: items.map((x) => h('tr', { dataset: { id: String(x.id), status: x.status || '' } },
        h('th', { scope: 'row' }, stop(x.pickup_stop_id), ' → ', stop(x.dropoff_stop_id)),
        td([(x.days || []).map((d, i) => [i ? ', ' : '', h('span', { i18n: dayKey(d) })]), ` ${x.time}`]),
        td([h('time', { date: x.from }), ' – ', x.until ? h('time', { date: x.until }) : h('span', { i18n: 'dispatch.no_end' })]),
        td(h('span', { i18n: x.status === 'cancelled' ? 'dispatch.series_status.cancelled' : 'dispatch.series_status.active' })),
        td(x.status !== 'cancelled' ? h('button', {
          type: 'button', class: 'krds-btn small secondary cancel-series', id: `cancel-series-${x.id}`, on: { click: () => cancel(x) },
        }, h('span', { i18n: 'dispatch.series_stop' }), h('span', { class: 'sr-only' }, ` #${x.id}`)) : ''))),
      emptyKey: 'dispatch.no_series',
    }));
  }
  async function cancel(x) {
    const yes = await confirmDialog({ id: 'cancel-series-dialog', titleKey: 'dispatch.series_stop_title', confirmKey: 'dispatch.series_stop', text: t('dispatch.series_stop_text') });
    if (!yes) return;
    try {
      await api.post(`${D}/series/${x.id}/cancel`, {});
      await load();
      status.ok({ i18n: 'dispatch.series_stopped' });
      onChange?.();
    } catch (e) {
      status.fail(e);
    }
  }
  return { el: [status.el, box], load };
}
