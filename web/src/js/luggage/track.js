// 배송 조회 / Following a luggage order by its tracking link (anyone with the link; GET /luggage/track/{token}
// again every 30 s, a change of status said once in the polite live region): the status in words and its three
// steps, the pickup window and ETA, the deadline and the delivery ETA, the courier's van and when its position was
// last known, the pickup and delivery codes large with what to do with them, the fee and whether it is paid, a
// late-risk banner in plain words, cancelling before pickup (after a confirmation) and the link to copy.
import { h } from '../dom.js';
import { api, ApiError } from '../api.js';
import { t } from '../i18n.js';
import { announce } from '../live.js';
import { seoulTime } from '../seoul.js';
import { confirmDialog } from '../admin/accounts.js';
import {
  L, named, hhmm, windowText, redraw, every, won, dateWords, orderBadge, orderStatusKey, orderExplainKey, orderCancellable,
  stepsIndicator, codeBlock, riskWhy, resultBox, trackPath, placeText,
} from './lib.js';

export const titleKey = 'page.luggage_track.title';
const REFRESH_MS = 30000;

function riskBanner(o) {
  if (!o.risk?.late && o.status !== 'at_risk') return null;
  return h('div', { class: 'notice notice-warning order-risk', id: 'order-risk' },
    h('p', {}, h('strong', {}, h('span', { class: 'risk-mark', attrs: { 'aria-hidden': 'true' } }, '⚠ '), h('span', { i18n: 'luggage.risk_title' }))),
    h('p', { class: 'risk-why' }, riskWhy(o.risk?.why)),
    h('p', { i18n: 'luggage.risk_what' }));
}

function details(o, { onCancel }) {
  const picked = !!o.pickup?.done_at || ['picked_up', 'delivered'].includes(o.status);
  const delivered = !!o.delivery?.done_at || o.status === 'delivered';
  const live = !['cancelled', 'refused', 'delivered', 'not_handed_over'].includes(o.status);
  return [
    h('p', { class: 'ride-status-line order-status-line' }, h('span', { i18n: 'dispatch.f.status' }), ': ',
      h('strong', { id: 'order-status', dataset: { status: o.status } }, orderBadge(o.status)),
      h('span', { class: 'status-explain' }, ' ', h('span', { i18n: orderExplainKey(o.status) }))),
    riskBanner(o),
    h('h2', { class: 'section-title', id: 'order-steps-h', i18n: 'luggage.steps_title' }),
    stepsIndicator(o),
    o.codes && live ? h('section', { class: 'order-codes', id: 'order-codes', attrs: { 'aria-labelledby': 'order-codes-h' } },
      h('h2', { class: 'section-title', id: 'order-codes-h', i18n: 'luggage.codes_title' }),
      h('div', { class: 'code-pair' },
        codeBlock(o.codes.pickup, { id: 'pickup-code', labelKey: 'luggage.code_pickup', explainKey: 'luggage.code_pickup_explain', used: picked }),
        codeBlock(o.codes.delivery, { id: 'delivery-code', labelKey: 'luggage.code_delivery', explainKey: 'luggage.code_delivery_explain', used: delivered })),
      h('p', { class: 'muted', i18n: 'luggage.codes_secret' })) : null,
    h('h2', { class: 'section-title', id: 'order-facts-h', i18n: 'luggage.facts_title' }),
    h('dl', { class: 'info-list ride-facts order-facts', attrs: { 'aria-labelledby': 'order-facts-h' } },
      h('dt', { i18n: 'luggage.f.pickup' }), h('dd', { dataset: { fact: 'pickup' } }, named(o.pickup?.place)),
      h('dt', { i18n: 'luggage.f.day' }), h('dd', { dataset: { fact: 'day' } }, dateWords(o.day)),
      h('dt', { i18n: 'luggage.f.window' }), h('dd', { dataset: { fact: 'window' } }, windowText(o.pickup?.window)),
      h('dt', { i18n: 'luggage.f.pickup_eta' }), h('dd', { dataset: { fact: 'pickup_eta' }, id: 'order-pickup-eta' },
        o.pickup?.done_at ? [h('span', { i18n: 'luggage.picked_up_at' }), ' ', hhmm(o.pickup.done_at)] : hhmm(o.pickup?.eta)),
      h('dt', { i18n: 'luggage.f.delivery' }), h('dd', { dataset: { fact: 'delivery' } }, named(o.delivery?.place)),
      h('dt', { i18n: 'luggage.f.deliver_by' }), h('dd', { dataset: { fact: 'deliver_by' } }, hhmm(o.delivery?.deliver_by)),
      h('dt', { i18n: 'luggage.f.delivery_eta' }), h('dd', { dataset: { fact: 'delivery_eta' }, id: 'order-delivery-eta' },
        o.delivery?.done_at ? [h('span', { i18n: 'luggage.delivered_at' }), ' ', hhmm(o.delivery.done_at)] : hhmm(o.delivery?.eta)),
      h('dt', { i18n: 'luggage.f.bags' }), h('dd', { dataset: { fact: 'bags' } }, h('span', { i18n: 'luggage.n_bags', params: { n: o.bags ?? 1 } })),
      o.flight ? [h('dt', { i18n: 'luggage.f.flight' }), h('dd', { dataset: { fact: 'flight' } }, o.flight)] : null,
      h('dt', { i18n: 'luggage.f.courier' }), h('dd', { dataset: { fact: 'courier' } }, o.courier?.label
        ? [o.courier.label, o.courier.position_at ? h('span', { class: 'muted' }, ' (', h('span', { i18n: 'luggage.position_at' }), ' ', hhmm(o.courier.position_at), ')')
          : h('span', { class: 'muted' }, ' (', h('span', { i18n: 'luggage.no_position' }), ')')]
        : h('span', { class: 'muted', i18n: 'luggage.no_courier' })),
      h('dt', { i18n: 'luggage.f.fee' }), h('dd', { dataset: { fact: 'fee' } }, won(o.fee_won), ' · ',
        h('span', { dataset: { paid: String(!!o.paid) }, i18n: o.paid ? 'luggage.paid' : 'luggage.not_paid' })),
      o.customer?.name ? [h('dt', { i18n: 'luggage.f.name' }), h('dd', { dataset: { fact: 'customer' } }, o.customer.name)] : null,
      o.note ? [h('dt', { i18n: 'luggage.f.note' }), h('dd', {}, o.note)] : null),
    orderCancellable(o) ? h('div', { class: 'form-actions' }, h('button', {
      type: 'button', class: 'krds-btn secondary medium', id: 'cancel-order', i18n: 'luggage.cancel_order', on: { click: onCancel },
    })) : null,
  ];
}

function linkBox(o) {
  const url = `${location.origin}${trackPath(o)}`;
  const said = h('p', { class: 'muted copy-said', id: 'copy-said', attrs: { role: 'status', 'aria-live': 'polite' } });
  const input = h('input', { id: 'tracking-link', class: 'krds-input', attrs: { type: 'text', readonly: true, value: url, 'aria-describedby': 'tracking-link-hint', spellcheck: 'false' } });
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      said.textContent = t('luggage.link_copied');
    } catch {
      input.focus();
      input.select();
      said.textContent = t('luggage.link_select');
    }
  };
  return h('section', { class: 'prog-section tracking-link', id: 'sec-link', attrs: { 'aria-labelledby': 'sec-link-h' } },
    h('h2', { class: 'section-title', id: 'sec-link-h', i18n: 'luggage.link_title' }),
    h('div', { class: 'krds-form' }, h('div', { class: 'form-group' },
      h('div', { class: 'form-tit' }, h('label', { for: 'tracking-link', i18n: 'luggage.link_label' })),
      h('p', { class: 'form-hint', id: 'tracking-link-hint', i18n: 'luggage.link_hint' }),
      h('div', { class: 'form-conts link-row' }, input,
        h('button', { type: 'button', class: 'krds-btn secondary medium', id: 'copy-link', i18n: 'luggage.copy_link', on: { click: copy } })))),
    said);
}

export async function render({ params, query }) {
  const token = params.token;
  const url = `${L}/track/${encodeURIComponent(token)}`;
  let order;
  try {
    order = (await api.get(url)).order;
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 404) throw e;
    return h('div', { class: 'container narrow page-luggage-track' },
      h('h1', { class: 'page-title', i18n: 'page.luggage_track.title' }),
      h('p', { class: 'notice', id: 'order-not-found', i18n: 'luggage.not_found' }),
      h('p', {}, h('a', { href: '/luggage', i18n: 'luggage.back' })));
  }
  const box = h('div', { id: 'order-details', dataset: { order: String(order.id), status: order.status } });
  const status = resultBox('order-action-status');
  const draw = () => {
    box.dataset.status = order.status;
    redraw(box, details(order, { onCancel: cancel }), { fallback: 'order-action-status' });
  };
  async function cancel() {
    const yes = await confirmDialog({
      id: 'cancel-order-dialog', titleKey: 'luggage.cancel_title', confirmKey: 'luggage.cancel_confirm',
      text: t('luggage.cancel_text', { from: seoulTime(order.pickup?.window?.from), place: placeText(order.pickup?.place) }),
    });
    if (!yes) return;
    try {
      order = (await api.post(`${url}/cancel`, {})).order || order;
      draw();
      status.ok(h('span', { i18n: 'luggage.cancelled_ok' }));
    } catch (e) {
      status.fail(e);
      if (e instanceof ApiError && e.status === 409) {
        order = (await api.get(url).catch(() => null))?.order || order;
        draw();
      }
    }
    status.el.focus();
  }
  draw();
  every(REFRESH_MS, box, async () => {
    const next = (await api.get(url)).order;
    const before = order;
    if (JSON.stringify(next) === JSON.stringify(before)) return;
    order = next;
    draw();
    if (next.status !== before.status) announce(t('luggage.announce_status', { status: t(orderStatusKey(next.status)) }));
    else if (!!next.risk?.late !== !!before.risk?.late && next.risk?.late) announce(t('luggage.announce_risk'));
  });
  const ordered = query?.get('ordered') === '1';
  return h('div', { class: 'container narrow page-luggage-track', dataset: { order: String(order.id) } },
    h('h1', { class: 'page-title' }, h('span', { i18n: 'page.luggage_track.title' }), h('span', { class: 'ride-no' }, ` #${order.id}`)),
    ordered ? h('div', { class: 'notice ordered-notice', id: 'ordered-notice', tabindex: '-1', dataset: { autofocus: '' } },
      h('p', {}, h('strong', { i18n: 'luggage.ordered_title' })),
      h('p', { i18n: 'luggage.ordered_text' })) : null,
    h('p', { class: 'muted', i18n: 'luggage.refresh_note', params: { s: REFRESH_MS / 1000 } }),
    status.el, box, linkBox(order),
    h('p', {}, h('a', { href: '/luggage', i18n: 'luggage.back' })));
}
