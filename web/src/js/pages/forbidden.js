// A signed-in person opened a page their roles do not cover. (The server refuses the data too.)
import { h } from '../dom.js';

export const titleKey = 'page.forbidden.title';

export async function render() {
  return h('div', { class: 'container narrow page-status' },
    h('h1', { class: 'page-title', i18n: 'page.forbidden.title' }),
    h('p', { i18n: 'forbidden.body' }),
    h('p', {}, h('a', { href: '/', class: 'krds-btn secondary medium', i18n: 'common.go_home' })));
}
