// 내 정보 / My account, from GET /api/v1/me.
import { h } from '../dom.js';
import { api } from '../api.js';
import { loadMe } from '../session.js';
import { roleKey, scopeKindKey } from '../roles.js';
import { pagedTable } from '../paged-table.js';

export const titleKey = 'page.account.title';

function row(labelKey, value) {
  return [h('dt', { i18n: labelKey }), h('dd', {}, value ?? h('span', { class: 'muted', i18n: 'common.none' }))];
}

/** Who read my personal data (GET /api/v1/me/access-log): PIPA's right of access. Readers' names come masked. */
async function myAccessLog() {
  const table = await pagedTable({
    id: 'my-access-table',
    url: '/api/v1/me/access-log',
    limit: 10,
    captionKey: 'my_access.caption',
    emptyKey: 'my_access.empty',
    columns: [
      { key: 'my_access.at', rowHeader: true, cell: (a) => h('time', { datetime: a.at }) },
      { key: 'my_access.reader', cell: (a) => a.actor },
      { key: 'my_access.kind', cell: (a) => h('span', { i18n: `access_kind.${a.kind}` }) },
      { key: 'my_access.reason', cell: (a) => a.reason || h('span', { class: 'muted', i18n: 'common.none' }) },
      { key: 'my_access.result', cell: (a) => h('span', { class: 'access-result', i18n: a.allowed ? 'my_access.allowed' : 'my_access.refused' }) },
    ],
  });
  return h('section', { class: 'panel', id: 'my-access', attrs: { 'aria-labelledby': 'acc-access' } },
    h('h2', { id: 'acc-access', class: 'section-title', i18n: 'my_access.title' }),
    h('p', { class: 'page-lead', i18n: 'my_access.lead' }),
    table);
}

export async function render() {
  const me = await loadMe({ refresh: true });
  let district = null;
  if (me.district_code) {
    try {
      const { items } = await api.get('/api/v1/districts');
      const d = (items || []).find((x) => x.code === me.district_code);
      district = d ? h('span', { ko: d.name_ko, en: d.name_en }) : me.district_code;
    } catch {
      district = me.district_code;
    }
  }
  const roles = me.roles || [];
  return h('div', { class: 'container page-account' },
    h('h1', { class: 'page-title', i18n: 'page.account.title' }),
    h('section', { class: 'panel', attrs: { 'aria-labelledby': 'acc-profile' } },
      h('h2', { id: 'acc-profile', class: 'section-title', i18n: 'account.profile' }),
      h('dl', { class: 'info-list' },
        row('field.name', me.name),
        row('field.email', me.email || null),
        row('field.phone', me.phone || null),
        me.district_code ? row('field.district', district) : null,
        row('account.locale', me.locale ? h('span', { i18n: `lang.name.${me.locale === 'en' ? 'en' : 'ko'}` }) : null))),
    h('section', { class: 'panel', attrs: { 'aria-labelledby': 'acc-roles' } },
      h('h2', { id: 'acc-roles', class: 'section-title', i18n: 'account.roles' }),
      roles.length
        ? h('div', { class: 'krds-table-wrap', attrs: { role: 'region', tabindex: '0', 'aria-labelledby': 'acc-roles-caption' } },
          h('table', { class: 'tbl col data' },
            h('caption', { id: 'acc-roles-caption', i18n: 'account.roles_caption' }),
            h('thead', {}, h('tr', {},
              h('th', { scope: 'col', i18n: 'account.role' }),
              h('th', { scope: 'col', i18n: 'account.scope_kind' }),
              h('th', { scope: 'col', i18n: 'account.scope_name' }))),
            h('tbody', {}, roles.map((r) => h('tr', {},
              h('td', { i18n: roleKey(r.role) }),
              h('td', { i18n: scopeKindKey(r.scope_kind) }),
              h('td', {}, r.scope_name || h('span', { class: 'muted', i18n: 'common.none' })))))))
        : h('p', { i18n: 'account.no_roles' })),
    await myAccessLog());
}
