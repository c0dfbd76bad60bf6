// 내 예약 / My bookings: status, cancel, accept a waitlist offer, and the calendar subscription address.
import { h, clear } from '../dom.js';
import { api } from '../api.js';
import { B, whenOf, statusKey, statusBox, name } from '../booking/lib.js';

export const titleKey = 'page.booking_mine.title';

export async function render() {
  const status = statusBox('mine-result');
  const body = h('tbody');
  const feed = h('div', { id: 'feed-box' });

  async function act(path) {
    try {
      const b = await api.post(path, {});
      status.ok(`${b.resource.name_ko}: `, `${b.resource.name_en}: `, h('span', { i18n: statusKey(b.status) }));
      await load();
    } catch (e) {
      status.fail(e);
    }
  }

  async function load() {
    const { items } = await api.get(`${B}/bookings?limit=100`);
    clear(body);
    if (!items.length) body.append(h('tr', {}, h('td', { attrs: { colspan: 4 }, i18n: 'booking.none' })));
    for (const b of items) {
      const actions = [];
      if (b.status === 'offered') {
        actions.push(h('button', { type: 'button', class: 'krds-btn small primary accept', i18n: 'booking.accept', on: { click: () => act(`${B}/bookings/${b.id}/accept`) } }), ' ');
      }
      if (['pending', 'confirmed', 'offered', 'waitlisted', 'lottery_entry'].includes(b.status)) {
        actions.push(h('button', { type: 'button', class: 'krds-btn small secondary cancel', i18n: 'booking.cancel', on: { click: () => act(`${B}/bookings/${b.id}/cancel`) } }));
      }
      body.append(h('tr', { dataset: { id: String(b.id), status: b.status } },
        h('td', {}, name(b.resource), b.variant_label ? ` (${b.variant_label})` : null),
        h('td', {}, whenOf(b)),
        h('td', {}, h('span', { class: 'booking-state', i18n: statusKey(b.status) }),
          b.status === 'waitlisted' ? h('span', { class: 'muted' }, ' ', h('span', { i18n: 'booking.waiting' })) : null,
          b.offer_expires_at ? h('span', { class: 'muted' }, ' ', h('span', { i18n: 'booking.offer_until' }), ' ', h('time', { datetime: b.offer_expires_at })) : null),
        h('td', {}, actions)));
    }
  }
  await load();

  const feedButton = h('button', {
    type: 'button', id: 'show-feed', class: 'krds-btn small secondary', i18n: 'booking.feed_show',
    on: {
      click: async () => {
        try {
          const { path } = await api.get(`${B}/calendar-feed`);
          clear(feed);
          const url = location.origin + path;
          feed.append(h('p', { i18n: 'booking.feed_hint' }), h('p', {}, h('a', { href: url, id: 'feed-url', dataset: { external: '' } }, url)));
        } catch (e) {
          status.fail(e);
        }
      },
    },
  });
  return h('div', { class: 'container page-booking-mine' },
    h('h1', { class: 'page-title', i18n: 'page.booking_mine.title' }),
    h('p', {}, h('a', { href: '/booking', i18n: 'booking.back' })),
    status.el,
    h('div', { class: 'krds-table-wrap' }, h('table', { class: 'tbl col data', id: 'my-bookings' },
      h('caption', { i18n: 'booking.mine_caption' }),
      h('thead', {}, h('tr', {}, ['booking.col.what', 'booking.col.when', 'booking.col.status', 'booking.col.actions'].map((k) => h('th', { scope: 'col', i18n: k })))),
      body)),
    h('section', { class: 'panel', attrs: { 'aria-labelledby': 'feed-h' } },
      h('h2', { id: 'feed-h', class: 'section-title', i18n: 'booking.feed_title' }), feedButton, feed));
}
