// 짐 배송 콘솔 / The operator's luggage console for one area and day (GET /luggage/areas/{id}/orders?date=, again
// every 30 s without moving focus): the day's figures, a map (inline SVG) of the places and vans with their planned
// routes, each van with its planned stops, and the day's orders with the ones at risk first, flagged in words and
// with a mark (never by colour alone), each with "assign to a van" and "cancel" (POST /rides/{id}/assign and
// /rides/{id}/cancel: an order's id is its trip's). Below, the order form for a caller. The area and day are in the
// address (?area=&date=); the default day is the server's today.
import { h, clear } from '../dom.js';
import { api, ApiError } from '../api.js';
import { t } from '../i18n.js';
import { announce } from '../live.js';
import { confirmDialog } from '../admin/accounts.js';
import { section, dataTable, td, fmt } from '../programmes/lib.js';
import { vehicleStatusKey } from '../dispatch/lib.js';
import { boardPicker } from '../dispatch/board-picker.js';
import { areaMap, shortLabel } from '../dispatch/map.js';
import {
  D, L, loadLuggageAreas, operatedAreas, named, hhmm, windowText, redraw, every, won, dateWords, orderBadge, orderCancellable,
  atRisk, riskWhy, resultBox, trackPath, codeBlock,
} from './lib.js';
import { orderForm } from './form.js';

export const titleKey = 'page.luggage_console.title';
const REFRESH_MS = 30000;

const FIGURES = [
  ['ordered', 'n'], ['scheduled', 'n'], ['picked_up', 'n'], ['delivered', 'n'], ['delivered_on_time', 'n'], ['on_time_rate', 'pct'],
  ['at_risk', 'n'], ['late_risk', 'n'], ['refused', 'n'], ['cancelled', 'n'], ['bags', 'n'], ['fee_won', 'won'],
];

function figureValue(v, kind) {
  if (v === null || v === undefined) return h('span', { class: 'muted', i18n: 'dispatch.none' });
  if (kind === 'pct') {
    const n = Number(v) <= 1 ? Number(v) * 100 : Number(v);
    return h('span', { i18n: 'dispatch.unit.pct', params: { n: new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 }).format(n) } });
  }
  if (kind === 'won') return won(v);
  return h('span', {}, fmt(v));
}

function figuresList(f = {}) {
  return h('ul', { class: 'kpi-list figure-list', id: 'luggage-figures' }, FIGURES.filter(([k]) => k in f).map(([k, kind]) => {
    const alert = (k === 'at_risk' || k === 'late_risk') && Number(f[k]) > 0;
    return h('li', { class: ['kpi', 'figure', alert ? 'figure-alert' : null], dataset: { figure: k, value: String(f[k] ?? '') } },
      h('p', { class: 'kpi-label' }, alert ? h('span', { class: 'risk-mark', attrs: { 'aria-hidden': 'true' } }, '⚠ ') : null, h('span', { i18n: `luggage.fig.${k}` })),
      h('p', { class: 'kpi-value-line' }, h('span', { class: 'kpi-value' }, figureValue(f[k], kind))));
  }));
}

const actionKey = (a) => (a === 'dropoff' ? 'luggage.action.delivery' : 'luggage.action.pickup');

export async function render({ query, user }) {
  const { items: luggage, today, now } = await loadLuggageAreas();
  const areas = operatedAreas(user, luggage);
  const title = h('h1', { class: 'page-title', i18n: 'page.luggage_console.title' });
  if (!areas.length) {
    return h('div', { class: 'container page-luggage-console' }, title, h('p', { class: 'notice', id: 'luggage-no-area', i18n: 'luggage.no_areas' }));
  }
  let areaId = Number(query.get('area')) || areas[0].id;
  if (!areas.some((a) => a.id === areaId)) areaId = areas[0].id;
  let day = /^\d{4}-\d{2}-\d{2}$/.test(query.get('date') || '') ? query.get('date') : today;
  let board = null;
  let drawn = '';

  const status = resultBox('luggage-console-status');
  const figuresBox = h('div', { id: 'luggage-figures-box' });
  const mapBox = h('div', { class: 'map-and-table', id: 'luggage-map-box' });
  const ordersBox = h('div', { id: 'luggage-orders-box' });
  const vehiclesBox = h('div', { id: 'luggage-vehicles-box' });
  const dayLine = h('p', { class: 'board-day', id: 'luggage-board-day' });

  const pickForm = boardPicker({
    id: 'luggage-board-form', areas, areaId, day, areaLabelKey: 'luggage.f.area', path: '/luggage/console',
    onPick: async (a, d) => {
      areaId = a;
      day = d;
      await load({ force: true });
      announce(t('luggage.board_shown', { n: (board.orders || []).length }));
      document.getElementById('sec-orders-h')?.focus();
    },
  });

  async function cancelOrder(o) {
    const yes = await confirmDialog({
      id: 'luggage-cancel-dialog', titleKey: 'luggage.cancel_title', confirmKey: 'luggage.cancel_confirm',
      text: t('luggage.cancel_text_op', { id: o.id, name: o.customer?.name || '' }),
    });
    if (!yes) return;
    try {
      await api.post(`${D}/rides/${o.id}/cancel`, {});
      status.ok(h('span', { i18n: 'luggage.cancelled_n', params: { id: o.id } }));
      await load({ force: true });
    } catch (e) {
      status.fail(e);
    }
    status.el.focus();
  }

  async function assign(o) {
    const sel = document.getElementById(`assign-select-${o.id}`);
    const vehicleId = Number(sel?.value);
    if (!vehicleId) {
      status.ok(h('span', { i18n: 'luggage.v.vehicle' }));
      status.el.focus();
      return;
    }
    try {
      const res = await api.post(`${D}/rides/${o.id}/assign`, { vehicle_id: vehicleId });
      const label = res?.ride?.vehicle?.label || (board.vehicles || []).find((v) => v.id === vehicleId)?.label || `#${vehicleId}`;
      status.ok(h('span', { i18n: 'luggage.assigned', params: { id: o.id, vehicle: label } }));
      await load({ force: true });
    } catch (e) {
      status.fail(e);
    }
    status.el.focus();
  }

  function vehicleOf(o, vs) {
    if (o.courier?.vehicle_id) return vs.find((v) => v.id === o.courier.vehicle_id) || { id: o.courier.vehicle_id, label: o.courier.label };
    return vs.find((v) => (v.stops || []).some((s) => s.ride_id === o.id)) || null;
  }

  function ordersTable(orders, vs) {
    const sorted = [...orders].sort((a, b) => (atRisk(b) - atRisk(a))
      || String(a.pickup?.window?.from || a.created_at || '').localeCompare(String(b.pickup?.window?.from || b.created_at || '')) || a.id - b.id);
    const risky = sorted.filter(atRisk).length;
    return dataTable({
      id: 'luggage-orders', captionKey: 'luggage.orders_caption', captionParams: { n: orders.length, risk: risky },
      cols: [{ key: 'luggage.col.risk' }, { key: 'luggage.col.window' }, { key: 'luggage.col.trip' }, { key: 'luggage.col.deadline' },
        { key: 'luggage.col.bags', num: true }, { key: 'luggage.col.status' }, { key: 'luggage.col.van' }, { key: 'luggage.col.customer' },
        { key: 'luggage.col.fee', num: true }, { key: 'luggage.col.actions' }],
      rows: sorted.map((o) => {
        const risk = atRisk(o);
        const v = vehicleOf(o, vs);
        const selId = `assign-select-${o.id}`;
        return h('tr', { class: risk ? 'order-at-risk' : null, dataset: { id: String(o.id), status: o.status, risk: String(risk), vehicle: v ? String(v.id) : '' } },
          td(risk ? h('span', { class: 'risk-flag-cell' }, h('span', { class: 'krds-badge risk-flag' }, h('span', { attrs: { 'aria-hidden': 'true' } }, '⚠ '), h('span', { i18n: 'luggage.risk_flag' })),
            h('span', { class: 'risk-why' }, ' ', riskWhy(o.risk?.why))) : h('span', { class: 'muted', i18n: 'luggage.no_risk' })),
          h('th', { scope: 'row' }, windowText(o.pickup?.window), h('span', { class: 'muted' }, ` #${o.id}`)),
          td([named(o.pickup?.place), ' → ', named(o.delivery?.place), o.flight ? h('span', { class: 'muted' }, ` (${o.flight})`) : null]),
          td([hhmm(o.delivery?.deliver_by), o.delivery?.eta && !o.delivery?.done_at ? h('span', { class: 'muted' }, ' (', h('span', { i18n: 'luggage.eta_short' }), ' ', hhmm(o.delivery.eta), ')') : null,
            o.delivery?.done_at ? h('span', { class: 'muted' }, ' (', h('span', { i18n: 'luggage.delivered_at' }), ' ', hhmm(o.delivery.done_at), ')') : null]),
          td(String(o.bags ?? 1), true),
          td(orderBadge(o.status)),
          td(v ? v.label : h('span', { class: 'muted', i18n: 'dispatch.none' })),
          td([o.customer?.name || '', o.customer?.phone ? h('span', { class: 'muted' }, ` · ${o.customer.phone}`) : null]),
          td([won(o.fee_won), ' ', h('span', { class: 'muted', i18n: o.paid ? 'luggage.paid' : 'luggage.not_paid' })], true),
          td(orderCancellable(o) ? h('div', { class: 'queue-actions' },
            h('label', { for: selId, class: 'sr-only', i18n: 'luggage.assign_to', params: { id: o.id } }),
            h('select', { id: selId, class: 'krds-form-select small assign-select' },
              h('option', { value: '', i18n: 'luggage.choose_van' }),
              vs.filter((x) => x.status !== 'broken').map((x) => h('option', { value: String(x.id) }, x.label))),
            h('button', { type: 'button', class: 'krds-btn small secondary assign', id: `assign-${o.id}`, on: { click: () => assign(o) } },
              h('span', { i18n: 'luggage.assign' }), h('span', { class: 'sr-only' }, ` #${o.id}`)),
            h('button', { type: 'button', class: 'krds-btn small tertiary cancel-order', id: `cancel-${o.id}`, on: { click: () => cancelOrder(o) } },
              h('span', { i18n: 'luggage.cancel' }), h('span', { class: 'sr-only' }, ` #${o.id}`))) : ''));
      }),
      emptyKey: 'luggage.no_orders_day',
    });
  }

  function vehiclesTable(vs) {
    return dataTable({
      id: 'luggage-vehicles', captionKey: 'luggage.vans_caption', captionParams: { n: vs.length },
      cols: [{ key: 'luggage.col.van' }, { key: 'dispatch.col.status' }, { key: 'dispatch.col.position_at' }, { key: 'luggage.col.capacity', num: true }, { key: 'luggage.col.planned' }],
      rows: vs.map((v, i) => h('tr', { dataset: { vehicle: String(v.id), status: v.status || '' } },
        h('th', { scope: 'row' }, h('span', { class: 'swatch', attrs: { 'aria-hidden': 'true' }, dataset: { colour: String(i % 6) } }), ' ',
          v.label, h('span', { class: 'muted' }, ` (${shortLabel(v, i)})`)),
        td(h('span', { i18n: vehicleStatusKey(v.status) })),
        td(v.position?.at ? hhmm(v.position.at) : h('span', { class: 'muted', i18n: 'dispatch.no_position' })),
        td(v.seats != null ? String(v.seats) : '', true),
        td((v.stops || []).length ? h('ol', { class: 'planned-stops' }, (v.stops || []).map((s) => h('li', { dataset: { ride: String(s.ride_id), action: s.action } },
          hhmm(s.eta), ' ', h('span', { i18n: actionKey(s.action) }), ' ', named(s.stop), h('span', { class: 'muted' }, ` #${s.ride_id}`),
          s.bags ? h('span', { class: 'muted' }, ' · ', h('span', { i18n: 'luggage.n_bags', params: { n: s.bags } })) : null)))
          : h('span', { class: 'muted', i18n: 'luggage.no_planned' })))),
      emptyKey: 'dispatch.no_vehicles',
    });
  }

  function draw() {
    const area = board.area || areas.find((a) => a.id === areaId);
    const vs = board.vehicles || [];
    const orders = board.orders || [];
    clear(dayLine);
    dayLine.append(named(area), ' · ', dateWords(board.day || day));
    redraw(figuresBox, figuresList(board.figures || {}));
    redraw(mapBox, [
      h('figure', { class: 'map-figure' }, areaMap(area, vs),
        h('figcaption', {}, h('span', { i18n: 'luggage.map_caption' }),
          h('ul', { class: 'map-legend' }, vs.map((v, i) => h('li', {}, h('span', { class: 'swatch', attrs: { 'aria-hidden': 'true' }, dataset: { colour: String(i % 6) } }), ' ', `${shortLabel(v, i)}: ${v.label}`))))),
      h('div', { class: 'map-table' }, h('ul', { class: 'place-legend' }, (area.stops || []).map((s) => h('li', {}, h('strong', {}, s.code || `#${s.id}`), ' ', named(s))))),
    ]);
    redraw(ordersBox, ordersTable(orders, vs));
    redraw(vehiclesBox, vehiclesTable(vs));
  }

  async function load({ force = false } = {}) {
    const next = await api.get(`${L}/areas/${areaId}/orders?date=${encodeURIComponent(day)}`);
    const json = JSON.stringify(next);
    if (!force && json === drawn) return;
    board = next;
    drawn = json;
    if (board.day && board.day !== day) day = board.day;
    draw();
  }
  try {
    await load({ force: true });
  } catch (e) {
    if (!(e instanceof ApiError) || (e.status !== 403 && e.status !== 404)) throw e;
    status.fail(e);
    return h('div', { class: 'container page-luggage-console' }, title, pickForm, status.el);
  }
  every(REFRESH_MS, ordersBox, () => load());
  pickForm.elements.date.value = day;

  // A caller's order: the same form as /luggage, for the operator's areas; the answer stays on this page.
  const placed = h('div', { id: 'caller-result' });
  const { el: callerForm } = orderForm({
    areas, today, now, user, operator: true, refusalHost: placed,
    onOrdered: async (o) => {
      clear(placed);
      const panel = h('section', { class: 'panel promise-panel caller-order', id: 'caller-order', tabindex: '-1', dataset: { order: String(o.id) }, attrs: { 'aria-labelledby': 'caller-order-h' } },
        h('h3', { class: 'section-title', id: 'caller-order-h', i18n: 'luggage.caller_ordered', params: { id: o.id } }),
        h('dl', { class: 'info-list' },
          h('dt', { i18n: 'luggage.f.window' }), h('dd', {}, dateWords(o.day), ' ', windowText(o.pickup?.window)),
          h('dt', { i18n: 'luggage.f.deliver_by' }), h('dd', {}, hhmm(o.delivery?.deliver_by)),
          h('dt', { i18n: 'luggage.f.fee' }), h('dd', { dataset: { fact: 'fee' } }, won(o.fee_won))),
        o.codes ? h('div', { class: 'code-pair' },
          codeBlock(o.codes.pickup, { id: 'caller-pickup-code', labelKey: 'luggage.code_pickup', explainKey: 'luggage.code_pickup_explain' }),
          codeBlock(o.codes.delivery, { id: 'caller-delivery-code', labelKey: 'luggage.code_delivery', explainKey: 'luggage.code_delivery_explain' })) : null,
        h('p', { i18n: 'luggage.caller_tell' }),
        h('p', {}, h('a', { href: trackPath(o), id: 'caller-order-track', class: 'krds-btn secondary medium', i18n: 'luggage.open_tracking' })));
      placed.append(panel);
      panel.focus();
      await load({ force: true }).catch(() => {});
    },
  });

  const ordersSection = section('sec-orders', 'luggage.sec.orders', h('p', { class: 'muted', i18n: 'luggage.orders_hint' }), ordersBox);
  ordersSection.querySelector('h2').setAttribute('tabindex', '-1');
  return h('div', { class: 'container page-luggage-console', dataset: { area: String(areaId) } },
    title,
    h('p', { class: 'page-actions' },
      h('a', { href: '#sec-caller', class: 'krds-btn secondary medium', id: 'caller-link', i18n: 'luggage.caller_link' })),
    pickForm, dayLine,
    h('p', { class: 'muted', i18n: 'luggage.refresh_note', params: { s: REFRESH_MS / 1000 } }),
    status.el,
    section('sec-figures', 'luggage.sec.figures', figuresBox),
    ordersSection,
    section('sec-vans', 'luggage.sec.vans', vehiclesBox),
    section('sec-map', 'luggage.sec.map', mapBox),
    section('sec-caller', 'luggage.sec.caller', callerForm, placed));
}
