// 승차 조회 / Following one ride: its status, stops, promised window, the live ETA (GET /rides/{id} again every 15 s;
// a change of status or of the ETA's minute is said once in the polite live region, not on every refresh), the
// vehicle, the fare, and cancelling while it is promised or at risk. A ride at risk says so plainly, with what to do.
import { h } from '../dom.js';
import { api } from '../api.js';
import { t } from '../i18n.js';
import { announce } from '../live.js';
import { seoulTime } from '../seoul.js';
import { confirmDialog } from '../admin/accounts.js';
import { statusBox } from '../programmes/lib.js';
import { D, named, hhmm, windowText, wonText, statusBadge, rideStatusKey, cancellable, redraw, every } from '../dispatch/lib.js';

export const titleKey = 'page.dispatch_ride.title';
const REFRESH_MS = 15000;

function details(r, { onCancel }) {
  const risk = r.status === 'at_risk';
  return [
    h('p', { class: 'ride-status-line' }, h('span', { i18n: 'dispatch.f.status' }), ': ', h('strong', { id: 'ride-status', dataset: { status: r.status } }, statusBadge(r.status)),
      h('span', { class: 'muted status-explain' }, ' ', h('span', { i18n: `dispatch.explain.${['promised', 'onboard', 'completed', 'cancelled', 'no_show', 'refused', 'at_risk'].includes(r.status) ? r.status : 'other'}` }))),
    risk ? h('div', { class: 'notice notice-warning ride-risk', id: 'ride-risk' },
      h('p', {}, h('strong', { i18n: 'dispatch.at_risk_title' })),
      h('p', { i18n: 'dispatch.at_risk_phone' })) : null,
    h('dl', { class: 'info-list ride-facts' },
      h('dt', { i18n: 'dispatch.f.pickup' }), h('dd', { dataset: { fact: 'pickup' } }, named(r.pickup)),
      h('dt', { i18n: 'dispatch.f.dropoff' }), h('dd', { dataset: { fact: 'dropoff' } }, named(r.dropoff)),
      h('dt', { i18n: 'dispatch.f.day' }), h('dd', { dataset: { fact: 'day' } }, h('time', { date: r.day })),
      h('dt', { i18n: 'dispatch.f.window' }), h('dd', { dataset: { fact: 'window' } }, windowText(r.window)),
      h('dt', { i18n: 'dispatch.f.eta_pickup' }), h('dd', { dataset: { fact: 'eta' }, id: 'ride-eta' },
        r.picked_up_at ? [h('span', { i18n: 'dispatch.picked_up_at' }), ' ', hhmm(r.picked_up_at)] : hhmm(r.eta?.pickup),
        r.eta?.updated_at && !r.picked_up_at ? h('span', { class: 'muted' }, ' (', h('span', { i18n: 'dispatch.updated_at' }), ' ', hhmm(r.eta.updated_at), ')') : null),
      h('dt', { i18n: 'dispatch.f.eta_dropoff' }), h('dd', { dataset: { fact: 'eta_dropoff' } },
        r.dropped_off_at ? [h('span', { i18n: 'dispatch.dropped_off_at' }), ' ', hhmm(r.dropped_off_at)] : hhmm(r.eta?.dropoff)),
      h('dt', { i18n: 'dispatch.f.latest_arrival' }), h('dd', { dataset: { fact: 'latest_arrival' } }, hhmm(r.latest_arrival)),
      h('dt', { i18n: 'dispatch.f.vehicle' }), h('dd', { dataset: { fact: 'vehicle' } }, r.vehicle
        ? [r.vehicle.label, r.vehicle.position_at ? h('span', { class: 'muted' }, ' (', h('span', { i18n: 'dispatch.position_at' }), ' ', hhmm(r.vehicle.position_at), ')') : null]
        : h('span', { class: 'muted', i18n: 'dispatch.no_vehicle_yet' })),
      h('dt', { i18n: 'dispatch.f.passengers' }), h('dd', {}, String(r.passengers ?? 1),
        r.wheelchair ? [' · ', h('span', { i18n: 'dispatch.wheelchair' })] : null),
      h('dt', { i18n: 'dispatch.f.fare' }), h('dd', { dataset: { fact: 'fare' } }, wonText(r.fare_won)),
      r.rider?.name ? [h('dt', { i18n: 'dispatch.f.rider_name' }), h('dd', {}, r.rider.name, r.rider.phone ? ` · ${r.rider.phone}` : '')] : null,
      r.note ? [h('dt', { i18n: 'dispatch.f.note' }), h('dd', {}, r.note)] : null),
    cancellable(r) ? h('div', { class: 'form-actions' }, h('button', {
      type: 'button', class: 'krds-btn secondary medium', id: 'cancel-ride', i18n: 'dispatch.cancel_ride', on: { click: onCancel },
    })) : null,
  ];
}

export async function render({ params }) {
  const id = Number(params.id);
  let ride = (await api.get(`${D}/rides/${id}`)).ride;
  const box = h('div', { id: 'ride-details', dataset: { ride: String(id) } });
  const status = statusBox('ride-action-status');
  status.el.setAttribute('tabindex', '-1');
  const draw = () => {
    box.dataset.status = ride.status;
    redraw(box, details(ride, { onCancel: cancel }));
  };
  async function cancel() {
    const yes = await confirmDialog({
      id: 'cancel-ride-dialog', titleKey: 'dispatch.cancel_title', confirmKey: 'dispatch.cancel_confirm',
      text: t('dispatch.cancel_text', { from: seoulTime(ride.window?.from), day: ride.day }),
    });
    if (!yes) return;
    try {
      ride = (await api.post(`${D}/rides/${id}/cancel`, {})).ride || ride;
      draw();
      status.ok({ i18n: 'dispatch.cancelled_ok' });
      status.el.focus();
    } catch (e) {
      status.fail(e);
    }
  }
  draw();
  every(REFRESH_MS, box, async () => {
    const next = (await api.get(`${D}/rides/${id}`)).ride;
    const before = ride;
    ride = next;
    if (JSON.stringify(next) === JSON.stringify(before)) return;
    draw();
    if (next.status !== before.status) {
      announce(t(next.status === 'at_risk' ? 'dispatch.announce_at_risk' : 'dispatch.announce_status', { status: t(rideStatusKey(next.status)) }));
    } else if (seoulTime(next.eta?.pickup) !== seoulTime(before.eta?.pickup) && next.eta?.pickup && !next.picked_up_at) {
      announce(t('dispatch.announce_eta', { time: seoulTime(next.eta.pickup) }));
    }
  });
  return h('div', { class: 'container page-dispatch-ride', dataset: { ride: String(id) } },
    h('h1', { class: 'page-title' }, h('span', { i18n: 'page.dispatch_ride.title' }), h('span', { class: 'ride-no' }, ` #${id}`)),
    h('p', {}, h('a', { href: '/dispatch', i18n: 'dispatch.back' })),
    h('p', { class: 'muted', i18n: 'dispatch.refresh_note', params: { s: REFRESH_MS / 1000 } }),
    status.el, box);
}
