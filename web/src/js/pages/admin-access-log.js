// 개인정보 열람 기록 / Personal-data access log: who read whose account, when, through which route and why
// (GET /api/v1/admin/access-log, newest first). Each subject links to the account page, which asks for its own reason.
import { h } from '../dom.js';
import { pagedTable, pageSize } from '../paged-table.js';

export const titleKey = 'page.admin_access_log.title';

export async function render({ query }) {
  const table = await pagedTable({
    id: 'access-log-table',
    url: '/api/v1/admin/access-log',
    limit: pageSize(query, 30),
    captionKey: 'admin_access_log.caption',
    emptyKey: 'admin_access_log.empty',
    columns: [
      { key: 'admin_audit.at', rowHeader: true, cell: (a) => h('time', { datetime: a.at }) },
      { key: 'admin_access_log.reader', cell: (a) => a.actor || `#${a.actor_user_id}` },
      {
        key: 'admin_access_log.subject',
        cell: (a) => h('a', { href: `/admin/users/${a.subject_user_id}`, dataset: { subject: String(a.subject_user_id) } },
          h('span', { i18n: 'admin_access_log.account_n', params: { id: a.subject_user_id } })),
      },
      { key: 'admin_access_log.reason', cell: (a) => h('span', { class: 'access-reason' }, a.reason) },
      { key: 'admin_access_log.route', cell: (a) => h('code', {}, a.route) },
    ],
  });
  return h('div', { class: 'container page-admin-access-log' },
    h('h1', { class: 'page-title', i18n: 'page.admin_access_log.title' }),
    h('p', { class: 'page-lead', i18n: 'admin_access_log.lead' }),
    table);
}
