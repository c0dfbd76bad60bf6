// 배차 콘솔 / The operator's console for one area and day (GET /api/v1/dispatch/areas/{id}/board?date=, again every
// 15 s without moving focus): the day's figures, a map (inline SVG) with the vehicles and their planned routes and
// the same facts in a table, each vehicle's "report breakdown", and the queue of rides with cancel and assign to a
// vehicle. The area and date are in the address (?area=&date=); the default day is the server's today.
import { h, clear } from '../dom.js';
import { api, ApiError } from '../api.js';
import { t } from '../i18n.js';
import { announce } from '../live.js';
import { confirmDialog } from '../admin/accounts.js';
import { section, dataTable, td, fmt } from '../programmes/lib.js';
import {
  D, loadAreas, operatedAreas, named, hhmm, windowText, legText, statusBadge, vehicleStatusKey, cancellable, redraw, every, resultBox,
} from '../dispatch/lib.js';
import { boardPicker } from '../dispatch/board-picker.js';
import { areaMap, vehicleColour, shortLabel } from '../dispatch/map.js';

export const titleKey = 'page.dispatch_console.title';
const REFRESH_MS = 15000;


const FIGURES = [
  ['requested', 'n'], ['promised', 'n'], ['refused', 'n'], ['onboard', 'n'], ['completed', 'n'], ['no_show', 'n'], ['cancelled', 'n'],
  ['on_time_rate', 'pct'], ['mean_wait_min', 'min'], ['mean_ride_min', 'min'], ['occupancy', 'ratio'], ['at_risk', 'n'],
  ['passengers', 'n'], ['vehicle_km', 'km'],
];

function figureValue(v, kind) {
  if (v === null || v === undefined) return h('span', { class: 'muted', i18n: 'dispatch.none' });
  if (kind === 'km' && typeof v === 'object') {
    return h('span', { i18n: 'dispatch.km_planned_driven', params: { planned: fmtNum(v.planned), driven: fmtNum(v.driven) } });
  }
  if (kind === 'pct') return h('span', { i18n: 'dispatch.unit.pct', params: { n: fmtNum(Number(v) <= 1 ? Number(v) * 100 : v, 1) } });
  if (kind === 'min') return h('span', { i18n: 'dispatch.unit.min', params: { n: fmtNum(v, 1) } });
  if (kind === 'km') return h('span', { i18n: 'dispatch.unit.km', params: { n: fmtNum(v, 1) } });
  if (kind === 'ratio') return h('span', {}, fmtNum(v, 2));
  return h('span', {}, fmt(v));
}
const fmtNum = (v, digits = 0) => (v === null || v === undefined || Number.isNaN(Number(v)) ? '-'
  : new Intl.NumberFormat('en-US', { maximumFractionDigits: digits }).format(Number(v)));

function figuresList(f = {}) {
  return h('ul', { class: 'kpi-list figure-list', id: 'figures' }, FIGURES.filter(([k]) => k in f).map(([k, kind]) => h('li', {
    class: ['kpi', 'figure', k === 'at_risk' && f[k] > 0 ? 'figure-alert' : null], dataset: { figure: k, value: typeof f[k] === 'object' ? JSON.stringify(f[k]) : String(f[k] ?? '') },
  },
  h('p', { class: 'kpi-label', i18n: `dispatch.fig.${k}` }),
  h('p', { class: 'kpi-value-line' }, h('span', { class: 'kpi-value' }, figureValue(f[k], kind))))));
}

/** Passengers on board a vehicle now: its rides that are on board. */
const onBoard = (rides, v) => (Number.isFinite(v.onboard) ? v.onboard : rides.filter((r) => r.status === 'onboard' && r.vehicle?.id === v.id).reduce((n, r) => n + (r.passengers || 1), 0));

export async function render({ query, user }) {
  const { items: listed, today } = await loadAreas();
  // Luggage areas (프리러그) have their own console (/luggage/console).
  const all = listed.filter((a) => a.kind !== 'luggage');
  const areas = operatedAreas(user, all);
  if (!areas.length) {
    return h('div', { class: 'container page-dispatch-console' }, h('h1', { class: 'page-title', i18n: 'page.dispatch_console.title' }),
      h('p', { class: 'notice', i18n: 'dispatch.no_areas' }));
  }
  let areaId = Number(query.get('area')) || areas[0].id;
  if (!areas.some((a) => a.id === areaId)) areaId = areas[0].id;
  let day = /^\d{4}-\d{2}-\d{2}$/.test(query.get('date') || '') ? query.get('date') : today;
  let board = null;
  let drawn = '';

  const status = resultBox('console-status');
  const figuresBox = h('div', { id: 'figures-box' });
  const mapBox = h('div', { class: 'map-and-table', id: 'map-box' });
  const queueBox = h('div', { id: 'queue-box' });
  const dayLine = h('p', { class: 'board-day', id: 'board-day' });

  // The area and day to show.
  const pickForm = boardPicker({
    id: 'board-form', areas, areaId, day, areaLabelKey: 'dispatch.f.area', path: '/dispatch/console',
    onPick: async (a, d) => {
      areaId = a;
      day = d;
      await load({ force: true });
      announce(t('dispatch.board_shown', { day }));
    },
  });

  async function cancelRide(r) {
    const yes = await confirmDialog({
      id: 'console-cancel-dialog', titleKey: 'dispatch.cancel_title', confirmKey: 'dispatch.cancel_confirm',
      text: t('dispatch.cancel_text_op', { id: r.id, name: r.rider?.name || '' }),
    });
    if (!yes) return;
    try {
      await api.post(`${D}/rides/${r.id}/cancel`, {});
      status.ok(h('span', { i18n: 'dispatch.cancelled_n', params: { id: r.id } }));
      await load({ force: true });
    } catch (e) {
      status.fail(e);
    }
    status.el.focus();
  }

  async function assign(r) {
    const sel = document.getElementById(`assign-select-${r.id}`);
    const vehicleId = Number(sel?.value);
    if (!vehicleId) {
      status.ok(h('span', { i18n: 'dispatch.v.vehicle' }));
      sel?.focus();
      return;
    }
    try {
      const res = await api.post(`${D}/rides/${r.id}/assign`, { vehicle_id: vehicleId });
      const label = res?.ride?.vehicle?.label || board.vehicles.find((v) => v.id === vehicleId)?.label || `#${vehicleId}`;
      status.ok(h('span', { i18n: 'dispatch.assigned', params: { id: r.id, vehicle: label } }));
      await load({ force: true });
    } catch (e) {
      status.fail(e);
    }
    status.el.focus();
  }

  async function breakdown(v) {
    const yes = await confirmDialog({
      id: 'breakdown-dialog', titleKey: 'dispatch.breakdown_title', confirmKey: 'dispatch.breakdown_confirm',
      text: t('dispatch.breakdown_text', { vehicle: v.label }),
    });
    if (!yes) return;
    try {
      const res = await api.post(`${D}/vehicles/${v.id}/breakdown`, {});
      const replanned = res?.replanned || [];
      const broken = res?.broken || [];
      status.ok(h('span', { i18n: 'dispatch.breakdown_done', params: { vehicle: v.label, replanned: replanned.length, broken: broken.length } }),
        replanned.length ? h('span', { class: 'breakdown-replanned' }, ' ', h('span', { i18n: 'dispatch.replanned_list' }), ` ${replanned.map((x) => `#${x}`).join(', ')}`) : null,
        broken.length ? h('span', { class: 'breakdown-broken' }, ' ', h('span', { i18n: 'dispatch.broken_list' }), ' ',
          broken.map((b, i) => [i ? '; ' : '', `#${b.ride_id}`, b.what ? ` (${b.what})` : ''])) : null);
      await load({ force: true });
    } catch (e) {
      status.fail(e);
    }
    status.el.focus();
  }

  function vehiclesTable(vs, rides) {
    return dataTable({
      id: 'vehicles-table', captionKey: 'dispatch.vehicles_caption', captionParams: { n: vs.length },
      cols: [{ key: 'dispatch.col.vehicle' }, { key: 'dispatch.col.status' }, { key: 'dispatch.col.position_at' }, { key: 'dispatch.col.next_stop' }, { key: 'dispatch.col.on_board', num: true }, { key: 'dispatch.col.actions' }],
      rows: vs.map((v, i) => {
        const next = (v.stops || [])[0];
        return h('tr', { dataset: { vehicle: String(v.id), status: v.status || '' } },
          h('th', { scope: 'row' }, h('span', { class: 'swatch', attrs: { 'aria-hidden': 'true' }, dataset: { colour: String(i % 6) } }), ' ',
            v.label, h('span', { class: 'muted' }, ` (${shortLabel(v, i)})`)),
          td(h('span', { i18n: vehicleStatusKey(v.status) })),
          td(v.position?.at ? hhmm(v.position.at) : h('span', { class: 'muted', i18n: 'dispatch.no_position' })),
          td(next ? [h('span', { i18n: next.action === 'dropoff' ? 'dispatch.action.dropoff' : 'dispatch.action.pickup' }), ' ', named(next.stop), ' ', hhmm(next.eta)]
            : h('span', { class: 'muted', i18n: 'dispatch.none' })),
          td(String(onBoard(rides, v)), true),
          td(v.status === 'broken' ? h('span', { class: 'muted', i18n: 'dispatch.vstatus.broken' }) : h('button', {
            type: 'button', class: 'krds-btn small secondary breakdown', id: `breakdown-${v.id}`, on: { click: () => breakdown(v) },
          }, h('span', { i18n: 'dispatch.report_breakdown' }), h('span', { class: 'sr-only' }, ` ${v.label}`))));
      }),
      emptyKey: 'dispatch.no_vehicles',
    });
  }

  function queueTable(rides, vs) {
    // A ride's vehicle: its own, or the vehicle whose planned stops name it (the board's rides may leave it out).
    const planned = new Map();
    for (const v of vs) for (const st of v.stops || []) if (!planned.has(st.ride_id)) planned.set(st.ride_id, v);
    const vehicleOf = (r) => r.vehicle || planned.get(r.id) || null;
    const sorted = [...rides].sort((a, b) => String(a.window?.from || a.created_at || '').localeCompare(String(b.window?.from || b.created_at || '')) || a.id - b.id);
    return dataTable({
      id: 'queue-table', captionKey: 'dispatch.queue_caption', captionParams: { n: rides.length },
      cols: [{ key: 'dispatch.col.window' }, { key: 'dispatch.col.trip' }, { key: 'dispatch.col.passengers', num: true }, { key: 'dispatch.col.status' },
        { key: 'dispatch.col.vehicle' }, { key: 'dispatch.col.rider' }, { key: 'dispatch.col.actions' }],
      rows: sorted.map((r) => {
        const open = cancellable(r);
        const selId = `assign-select-${r.id}`;
        return h('tr', { dataset: { id: String(r.id), status: r.status, vehicle: vehicleOf(r) ? String(vehicleOf(r).id) : '' }, class: r.status === 'at_risk' ? 'overdue' : null },
          h('th', { scope: 'row' }, windowText(r.window), h('span', { class: 'muted' }, ` #${r.id}`)),
          td(legText(r)),
          td([String(r.passengers ?? 1), r.wheelchair ? [' ', h('span', { class: 'krds-badge', i18n: 'dispatch.wheelchair_short' })] : null], true),
          td([statusBadge(r.status),
            // The engine's sentence for the operator (why it is at risk or was refused), as the server wrote it.
            (r.status === 'at_risk' || r.status === 'refused') && typeof r.problem === 'string' && r.problem
              ? h('span', { class: 'risk-why muted', lang: 'en' }, ' ', r.problem) : null]),
          td(vehicleOf(r) ? vehicleOf(r).label : h('span', { class: 'muted', i18n: 'dispatch.none' })),
          td([r.rider?.name || '', r.channel === 'phone' ? [' ', h('span', { class: 'muted', i18n: 'dispatch.by_phone' })] : null]),
          td(open ? h('div', { class: 'queue-actions' },
            h('label', { for: selId, class: 'sr-only', i18n: 'dispatch.assign_to', params: { id: r.id } }),
            h('select', { id: selId, class: 'krds-form-select small assign-select' },
              h('option', { value: '', i18n: 'dispatch.choose_vehicle' }),
              vs.filter((v) => v.status !== 'broken').map((v) => h('option', { value: String(v.id) }, v.label))),
            h('button', { type: 'button', class: 'krds-btn small secondary assign', id: `assign-${r.id}`, on: { click: () => assign(r) } },
              h('span', { i18n: 'dispatch.assign' }), h('span', { class: 'sr-only' }, ` #${r.id}`)),
            h('button', { type: 'button', class: 'krds-btn small tertiary cancel-ride', id: `cancel-${r.id}`, on: { click: () => cancelRide(r) } },
              h('span', { i18n: 'dispatch.cancel' }), h('span', { class: 'sr-only' }, ` #${r.id}`))) : ''));
      }),
      emptyKey: 'dispatch.no_queue',
    });
  }

  function draw() {
    const area = board.area || areas.find((a) => a.id === areaId);
    const vs = board.vehicles || [];
    const rides = board.rides || [];
    clear(dayLine);
    dayLine.append(named(area), ' · ', h('time', { date: board.day || day }));
    redraw(figuresBox, figuresList(board.figures || {}));
    redraw(mapBox, [
      h('figure', { class: 'map-figure' }, areaMap(area, vs),
        h('figcaption', {}, h('span', { i18n: 'dispatch.map_caption' }),
          h('ul', { class: 'map-legend' }, vs.map((v, i) => h('li', {}, h('span', { class: 'swatch', attrs: { 'aria-hidden': 'true' }, dataset: { colour: String(i % 6) } }), ' ', `${shortLabel(v, i)}: ${v.label}`))))),
      h('div', { class: 'map-table' }, vehiclesTable(vs, rides)),
    ]);
    redraw(queueBox, queueTable(rides, vs));
  }

  async function load({ force = false } = {}) {
    const next = await api.get(`${D}/areas/${areaId}/board?date=${encodeURIComponent(day)}`);
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
    // An operator of another organisation may open the console: the server refuses the board, and says why.
    if (!(e instanceof ApiError) || (e.status !== 403 && e.status !== 404)) throw e;
    status.fail(e);
    return h('div', { class: 'container page-dispatch-console' }, h('h1', { class: 'page-title', i18n: 'page.dispatch_console.title' }),
      pickForm, status.el);
  }
  every(REFRESH_MS, queueBox, () => load());
  // Keep the date input in step if the server chose the day.
  pickForm.elements.date.value = day;

  return h('div', { class: 'container page-dispatch-console', dataset: { area: String(areaId) } },
    h('h1', { class: 'page-title', i18n: 'page.dispatch_console.title' }),
    h('p', { class: 'page-actions' }, h('a', { href: '/dispatch', class: 'krds-btn secondary medium', id: 'phone-request-link', i18n: 'dispatch.phone_request_link' }),
      ' ', h('a', { href: '/luggage/console', class: 'krds-btn tertiary medium', id: 'luggage-console-link', i18n: 'luggage.console_link' })),
    pickForm, dayLine,
    h('p', { class: 'muted', i18n: 'dispatch.refresh_note', params: { s: REFRESH_MS / 1000 } }),
    status.el,
    section('sec-figures', 'dispatch.sec.figures', figuresBox),
    section('sec-map', 'dispatch.sec.map', mapBox),
    section('sec-queue', 'dispatch.sec.queue', queueBox));
}
