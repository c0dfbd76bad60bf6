// A table fed by a cursor-paginated list ({items, next_cursor}): the first page on render, then a
// "load more" button while the server says there is more. New rows are announced to screen readers.
import { h, clear } from './dom.js';
import { api, withQuery, ApiError } from './api.js';
import { t } from './i18n.js';
import { announce } from './live.js';
import { statusKey } from './forms.js';

/** Rows per page: ?limit=N in the page's address (1 to 100, as the API allows), else the default. */
export function pageSize(query, fallback) {
  const n = Number.parseInt(query?.get('limit') || '', 10);
  return Number.isInteger(n) && n >= 1 && n <= 100 ? n : fallback;
}

/**
 * opts: {url, limit, captionKey, columns: [{key (i18n), cell: (item) => Node|string, rowHeader?}], emptyKey, id}
 * Resolves to the element once the first page is in (or the error shown).
 */
export async function pagedTable(opts) {
  const limit = opts.limit || 20;
  let cursor = null;
  let total = 0;
  const tbody = h('tbody');
  const status = h('p', { class: 'table-status', attrs: { role: 'status', 'aria-live': 'polite' } });
  const error = h('div', { class: 'error-summary', hidden: true, attrs: { role: 'alert' } });
  const more = h('button', { type: 'button', class: 'krds-btn secondary medium', i18n: 'table.load_more', hidden: true });
  const table = h('table', { class: 'tbl col data', id: opts.id },
    h('caption', { id: `${opts.id}-caption`, i18n: opts.captionKey }),
    h('thead', {}, h('tr', {}, opts.columns.map((c) => h('th', { scope: 'col', i18n: c.key })))),
    tbody);
  const wrap = h('div', { class: 'paged-table' },
    // A narrow screen scrolls the table sideways: the region takes focus so a keyboard can scroll it too.
    error, h('div', { class: 'krds-table-wrap', attrs: { role: 'region', tabindex: '0', 'aria-labelledby': `${opts.id}-caption` } }, table),
    status, h('div', { class: 'table-actions' }, more));

  async function loadPage() {
    more.disabled = true;
    wrap.setAttribute('aria-busy', 'true');
    try {
      const data = await api.get(withQuery(opts.url, { cursor, limit }));
      const items = data?.items || [];
      for (const item of items) {
        tbody.append(h('tr', {}, opts.columns.map((c) => {
          const v = c.cell(item);
          return c.rowHeader ? h('th', { scope: 'row' }, v) : h('td', {}, v);
        })));
      }
      total += items.length;
      cursor = data?.next_cursor || null;
      more.hidden = !cursor;
      clear(status);
      status.append(h('span', {
        i18n: total === 0 ? opts.emptyKey : cursor ? 'table.count_more' : 'table.count', params: { n: total },
      }));
      error.hidden = true;
      return items.length;
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) throw e; // the app sends the person to sign in
      clear(error);
      const msg = e instanceof ApiError && e.network ? { i18n: 'error.network' }
        : e instanceof ApiError && e.problem?.title ? { ko: e.problem.title_ko || e.problem.title, en: e.problem.title }
          : { i18n: statusKey(e?.status || 0) };
      error.append(h('p', msg));
      error.hidden = false;
      return 0;
    } finally {
      more.disabled = false;
      wrap.removeAttribute('aria-busy');
    }
  }

  more.addEventListener('click', async () => {
    const n = await loadPage();
    if (n > 0) {
      announce(t('table.loaded', { n }));
      // Keep the keyboard where the new rows start.
      const first = tbody.rows[tbody.rows.length - n];
      if (first) {
        first.setAttribute('tabindex', '-1');
        first.focus();
      }
    }
  });
  await loadPage();
  return wrap;
}
