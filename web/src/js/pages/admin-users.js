// 계정 관리 / Accounts: every account with its roles, from GET /api/v1/admin/users.
import { h } from '../dom.js';
import { pagedTable, pageSize } from '../paged-table.js';
import { roleKey } from '../roles.js';

export const titleKey = 'page.admin_users.title';

const none = () => h('span', { class: 'muted', i18n: 'common.none' });

function roles(u) {
  const list = u.roles || [];
  if (!list.length) return none();
  return h('ul', { class: 'role-list' }, list.map((r) => h('li', {},
    h('span', { class: 'krds-badge bg-light-primary', i18n: roleKey(r.role) }),
    r.scope_name ? h('span', { class: 'role-scope' }, ` ${r.scope_name}`) : null)));
}

export async function render({ query }) {
  const table = await pagedTable({
    id: 'users-table',
    url: '/api/v1/admin/users',
    limit: pageSize(query, 20),
    captionKey: 'admin_users.caption',
    emptyKey: 'admin_users.empty',
    columns: [
      { key: 'field.name', rowHeader: true, cell: (u) => u.name },
      { key: 'field.email', cell: (u) => u.email || none() },
      { key: 'field.phone', cell: (u) => u.phone || none() },
      { key: 'admin_users.roles', cell: roles },
      { key: 'admin_users.status', cell: (u) => h('span', { i18n: u.disabled ? 'admin_users.disabled' : 'admin_users.active' }) },
      { key: 'admin_users.created_at', cell: (u) => (u.created_at ? h('time', { datetime: u.created_at }) : none()) },
    ],
  });
  return h('div', { class: 'container page-admin-users' },
    h('h1', { class: 'page-title', i18n: 'page.admin_users.title' }),
    h('p', { class: 'page-lead', i18n: 'admin_users.lead' }),
    table);
}
