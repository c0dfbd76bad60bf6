// 계정 관리 / Accounts: every account with its roles, from GET /api/v1/admin/users (cursor paging, oldest first;
// the API has no search, so "find" filters the rows already loaded and says so). Each name links to the account's
// page, which asks for a reason before showing it; "new staff account" opens the creation form.
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { pagedTable, pageSize } from '../paged-table.js';
import { roleKey } from '../roles.js';
import { loadOrganisations, scopeName } from '../admin/accounts.js';

export const titleKey = 'page.admin_users.title';

const none = () => h('span', { class: 'muted', i18n: 'common.none' });

function roles(u, orgs) {
  const list = u.roles || [];
  if (!list.length) return none();
  return h('ul', { class: 'role-list' }, list.map((r) => h('li', {},
    h('span', { class: 'krds-badge bg-light-primary', i18n: roleKey(r.role) }),
    r.scope_kind ? h('span', { class: 'role-scope' }, ' ', scopeName(orgs, r)) : null)));
}

/** Hides the loaded rows that do not contain the words typed, and says how many are shown. */
function filterRows(table, input, out) {
  const words = input.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const rows = [...table.querySelectorAll('tbody tr')];
  let shown = 0;
  for (const tr of rows) {
    const text = tr.textContent.toLowerCase();
    tr.hidden = !words.every((w) => text.includes(w));
    if (!tr.hidden) shown += 1;
  }
  out.textContent = words.length ? t('admin_users.filter_count', { n: shown, total: rows.length }) : '';
}

export async function render({ query }) {
  let orgs = { list: [], byId: new Map() };
  try {
    orgs = await loadOrganisations();
  } catch {
    // Scope names fall back to what each grant stored.
  }
  const table = await pagedTable({
    id: 'users-table',
    url: '/api/v1/admin/users',
    limit: pageSize(query, 20),
    captionKey: 'admin_users.caption',
    emptyKey: 'admin_users.empty',
    columns: [
      { key: 'field.name', rowHeader: true, cell: (u) => h('a', { href: `/admin/users/${u.id}`, class: 'account-link', dataset: { id: String(u.id) } }, u.name) },
      { key: 'field.email', cell: (u) => u.email_masked || none() },
      { key: 'field.phone', cell: (u) => u.phone_masked || none() },
      { key: 'admin_users.roles', cell: (u) => roles(u, orgs) },
      { key: 'admin_users.status', cell: (u) => h('span', { i18n: u.disabled ? 'admin_users.disabled' : 'admin_users.active' }) },
      { key: 'admin_users.created_at', cell: (u) => (u.created_at ? h('time', { datetime: u.created_at }) : none()) },
    ],
  });
  const input = h('input', {
    id: 'users-filter', class: 'krds-input', type: 'search',
    attrs: { autocomplete: 'off', 'aria-describedby': 'users-filter-hint' },
  });
  const count = h('p', { id: 'users-filter-count', class: 'muted', attrs: { role: 'status', 'aria-live': 'polite' } });
  const tableEl = table.querySelector('table');
  input.addEventListener('input', () => filterRows(tableEl, input, count));
  // Rows loaded with "load more" are filtered too.
  new MutationObserver(() => {
    if (input.value.trim()) filterRows(tableEl, input, count);
  }).observe(tableEl.tBodies[0], { childList: true });
  return h('div', { class: 'container page-admin-users' },
    h('h1', { class: 'page-title', i18n: 'page.admin_users.title' }),
    h('p', { class: 'page-lead', i18n: 'admin_users.lead' }),
    h('p', { class: 'page-actions' },
      h('a', { href: '/admin/users/new', id: 'new-staff', class: 'krds-btn primary medium', i18n: 'admin_users.new_staff' }), ' ',
      h('a', { href: '/admin/access-log', class: 'krds-btn tertiary medium', i18n: 'admin_users.to_access_log' })),
    h('div', { class: 'krds-form users-filter' },
      h('div', { class: 'form-group' },
        h('div', { class: 'form-tit' }, h('label', { for: 'users-filter', i18n: 'admin_users.filter' })),
        h('p', { class: 'form-hint', id: 'users-filter-hint', i18n: 'admin_users.filter_hint' }),
        h('div', { class: 'form-conts' }, input)),
      count),
    table);
}
