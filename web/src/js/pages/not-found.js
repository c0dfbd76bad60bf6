// Any path the app does not know.
import { h } from '../dom.js';

export const titleKey = 'page.not_found.title';

export async function render() {
  return h('div', { class: 'container narrow page-status' },
    h('h1', { class: 'page-title', i18n: 'page.not_found.title' }),
    h('p', { i18n: 'not_found.body' }),
    h('p', {}, h('a', { href: '/', class: 'krds-btn secondary medium', i18n: 'common.go_home' })));
}
