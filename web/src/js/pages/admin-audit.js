// 감사 로그 / Audit log: staff actions, newest first, from GET /api/v1/admin/audit.
import { h } from '../dom.js';
import { pagedTable, pageSize } from '../paged-table.js';

export const titleKey = 'page.admin_audit.title';

function detail(d) {
  if (d === null || d === undefined || (typeof d === 'object' && Object.keys(d).length === 0)) {
    return h('span', { class: 'muted', i18n: 'common.none' });
  }
  if (typeof d !== 'object') return String(d);
  return h('dl', { class: 'kv' }, Object.entries(d).map(([k, v]) => [
    h('dt', {}, k), h('dd', {}, typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v)),
  ]));
}

export async function render({ query }) {
  const table = await pagedTable({
    id: 'audit-table',
    url: '/api/v1/admin/audit',
    limit: pageSize(query, 30),
    captionKey: 'admin_audit.caption',
    emptyKey: 'admin_audit.empty',
    columns: [
      { key: 'admin_audit.at', rowHeader: true, cell: (a) => h('time', { datetime: a.at }) },
      { key: 'admin_audit.actor', cell: (a) => a.actor || h('span', { i18n: 'admin_audit.system' }) },
      { key: 'admin_audit.action', cell: (a) => h('code', {}, a.action) },
      { key: 'admin_audit.target', cell: (a) => (a.target ? h('code', {}, a.target) : h('span', { class: 'muted', i18n: 'common.none' })) },
      { key: 'admin_audit.detail', cell: (a) => detail(a.detail) },
    ],
  });
  return h('div', { class: 'container page-admin-audit' },
    h('h1', { class: 'page-title', i18n: 'page.admin_audit.title' }),
    h('p', { class: 'page-lead', i18n: 'admin_audit.lead' }),
    table);
}
