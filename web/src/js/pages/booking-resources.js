// 예약 자원 관리 / Bookable resources of a facility, for its managers: every resource (paused ones too, from
// GET /facilities/{id}/resources; the public list leaves them out) with its kind, capacity and state, a link to
// edit each, and "new resource".
import { h, clear } from '../dom.js';
import { api } from '../api.js';
import { currentUser } from '../session.js';
import { B, name, statusBox, managedFacilities } from '../booking/lib.js';

export const titleKey = 'page.booking_resources.title';

export async function render({ query }) {
  const sites = await managedFacilities(currentUser());
  const status = statusBox('resources-status');
  if (!sites.length) {
    return h('div', { class: 'container page-booking-resources' },
      h('h1', { class: 'page-title', i18n: 'page.booking_resources.title' }),
      h('p', { class: 'notice', i18n: 'resadmin.no_sites' }));
  }
  const siteSel = h('select', { id: 'resources-site', class: 'krds-form-select' },
    sites.map((s) => h('option', { value: String(s.id), ko: s.name_ko, en: s.name_en })));
  if (sites.some((s) => String(s.id) === query.get('facility'))) siteSel.value = query.get('facility');
  const newLink = h('a', { id: 'new-resource', class: 'krds-btn primary', i18n: 'resadmin.new' });
  const body = h('tbody');

  async function load() {
    const fid = siteSel.value;
    newLink.setAttribute('href', `/booking/manage/resources/new?facility=${fid}`);
    history.replaceState(history.state, '', `/booking/manage/resources?facility=${fid}`);
    clear(body);
    try {
      const all = (await api.get(`${B}/facilities/${fid}/resources`)).items;
      if (!all.length) body.append(h('tr', {}, h('td', { attrs: { colspan: 5 }, i18n: 'resadmin.none_yet' })));
      for (const r of all) {
        const edit = `/booking/manage/resources/${r.id}`;
        body.append(h('tr', { dataset: { id: String(r.id), code: r.code, active: String(r.active) } },
          h('th', { scope: 'row' }, h('a', { href: edit }, name(r)), h('br'), h('code', { class: 'muted' }, r.code)),
          h('td', {}, h('span', { i18n: `booking.kind.${r.kind}` }), r.lottery ? [' · ', h('span', { i18n: 'booking.by_lottery' })] : null),
          h('td', { class: 'capacity' }, r.kind === 'item'
            ? h('span', { i18n: 'resadmin.stock_total', params: { n: (r.variants || []).reduce((s, v) => s + v.stock, 0) } })
            : String(r.capacity)),
          h('td', {}, h('span', { class: r.active ? 'state-on' : 'state-off', i18n: r.active ? 'resadmin.state_active' : 'resadmin.state_paused' })),
          h('td', { class: 'row-actions' },
            h('a', { href: edit, class: 'krds-btn small secondary edit-resource' },
              h('span', { i18n: 'resadmin.edit' }), h('span', { class: 'sr-only' }, ' ', name(r))),
            ' ',
            r.active ? h('a', { href: `/booking/r/${r.id}`, class: 'krds-btn small tertiary' },
              h('span', { i18n: 'resadmin.view_public' }), h('span', { class: 'sr-only' }, ' ', name(r))) : null)));
      }
    } catch (e) {
      status.fail(e);
    }
  }
  siteSel.addEventListener('change', load);
  await load();
  return h('div', { class: 'container page-booking-resources' },
    h('p', {}, h('a', { href: '/booking/manage', i18n: 'resadmin.back_desk' })),
    h('h1', { class: 'page-title', i18n: 'page.booking_resources.title' }),
    h('p', { class: 'page-lead', i18n: 'resadmin.list_lead' }),
    h('div', { class: 'form-group' }, h('label', { for: 'resources-site', i18n: 'booking.site' }), siteSel),
    h('p', {}, newLink),
    status.el,
    h('div', { class: 'krds-table-wrap' }, h('table', { class: 'tbl col data', id: 'resources-table' },
      h('caption', { i18n: 'resadmin.table_caption' }),
      h('thead', {}, h('tr', {}, ['resadmin.col.name', 'resadmin.col.kind', 'resadmin.col.capacity', 'resadmin.col.state', 'booking.col.actions']
        .map((k) => h('th', { scope: 'col', i18n: k })))),
      body)));
}
