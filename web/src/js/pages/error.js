// A page could not be shown: the server is unreachable or answered with an error.
import { h } from '../dom.js';
import { ApiError } from '../api.js';
import { statusKey } from '../forms.js';

export const titleKey = 'page.error.title';

export async function render({ error }) {
  let msg;
  if (error instanceof ApiError && error.network) msg = { i18n: 'error.network' };
  else if (error instanceof ApiError && error.problem?.title) {
    msg = { ko: error.problem.title_ko || error.problem.title, en: error.problem.title };
  } else msg = { i18n: statusKey(error?.status || 0) };
  return h('div', { class: 'container narrow page-status' },
    h('h1', { class: 'page-title', i18n: 'page.error.title' }),
    h('div', { class: 'error-summary', attrs: { role: 'alert' } }, h('p', msg)),
    h('p', {}, h('button', {
      type: 'button', class: 'krds-btn secondary medium', i18n: 'common.retry', on: { click: () => location.reload() },
    })));
}
