// 통합예약 / Bookings: the four childcare sharing spaces and the family events, grouped by site.
import { h } from '../dom.js';
import { api } from '../api.js';
import { B, myHousehold, name } from '../booking/lib.js';

export const titleKey = 'page.booking.title';

export async function render() {
  const [{ items }, orgs, household] = await Promise.all([
    api.get(`${B}/resources`), api.get('/api/v1/organisations?kind=facility'), myHousehold(),
  ]);
  const sites = orgs.items || [];
  return h('div', { class: 'container page-booking' },
    h('h1', { class: 'page-title', i18n: 'page.booking.title' }),
    h('p', { class: 'page-lead', i18n: 'booking.lead' }),
    h('p', { class: 'booking-links' },
      h('a', { href: '/booking/mine', class: 'krds-btn secondary', i18n: 'booking.mine_link' }), ' ',
      h('a', { href: '/booking/household', class: 'krds-btn tertiary', i18n: household ? 'booking.household_edit' : 'booking.household_first' })),
    household ? null : h('p', { class: 'booking-status error', id: 'household-missing', i18n: 'booking.household_missing' }),
    sites.map((site) => {
      const list = items.filter((r) => r.facility_id === site.id);
      if (!list.length) return null;
      const hid = `site-${site.id}`;
      return h('section', { class: 'panel', attrs: { 'aria-labelledby': hid } },
        h('h2', { id: hid, class: 'section-title' }, h('span', { ko: site.name_ko, en: site.name_en })),
        h('ul', { class: 'link-cards' }, list.map((r) => h('li', { class: 'link-card', dataset: { code: r.code } },
          h('a', { href: `/booking/r/${r.id}`, class: 'link-card-a' },
            h('span', { class: 'link-card-title' }, name(r)),
            h('span', { class: 'link-card-desc' },
              h('span', { i18n: `booking.kind.${r.kind}` }),
              r.lottery ? [' · ', h('span', { i18n: 'booking.by_lottery' })] : null,
              r.demo ? [' · ', h('span', { i18n: 'booking.demo_data' })] : null))))));
    }));
}
