// The home page, shaped by the roles the person holds. Each role gets a section: cards for the pages that
// exist today, and its work described in plain text. A person with several roles sees several sections.
import { h } from '../dom.js';
import { ROLES, ROLE_ORDER, roleKey } from '../roles.js';

export const titleKey = 'page.home.title';

function card({ href, card: key }) {
  return h('li', { class: 'link-card' },
    h('a', { href, class: 'link-card-a' },
      h('span', { class: 'link-card-title', i18n: `${key}.title` }),
      h('span', { class: 'link-card-desc', i18n: `${key}.desc` })));
}

function workItem(key) {
  return h('li', { class: 'work-item' },
    h('p', { class: 'work-item-title', i18n: `${key}.title` }),
    h('p', { class: 'work-item-desc', i18n: `${key}.desc` }));
}

function roleSection(role, grants) {
  const def = ROLES[role] || { work: [] };
  const headingId = `role-${role}`;
  const scopes = grants.map((g) => g.scope_name).filter(Boolean);
  return h('section', { class: ['role-section', `role-${role}`], attrs: { 'aria-labelledby': headingId } },
    h('h2', { id: headingId, class: 'section-title' }, h('span', { i18n: roleKey(role) })),
    scopes.length ? h('p', { class: 'role-scopes' },
      h('span', { i18n: 'home.scope' }), ' ', scopes.join(', ')) : null,
    def.links?.length ? h('ul', { class: 'link-cards' }, def.links.map(card)) : null,
    def.work?.length ? h('div', { class: 'work' },
      h('h3', { class: 'work-title', i18n: 'home.work_title' }),
      h('ul', { class: 'work-list' }, def.work.map(workItem))) : null);
}

export async function render({ user }) {
  const byRole = new Map();
  for (const g of user.roles || []) {
    if (!byRole.has(g.role)) byRole.set(g.role, []);
    byRole.get(g.role).push(g);
  }
  const roles = [...byRole.keys()].sort((a, b) => {
    const ia = ROLE_ORDER.indexOf(a);
    const ib = ROLE_ORDER.indexOf(b);
    return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib);
  });
  return h('div', { class: 'container page-home', dataset: { roles: roles.join(' ') } },
    h('h1', { class: 'page-title' }, h('span', { i18n: 'home.greeting', params: { name: user.name } })),
    h('p', { class: 'page-lead' },
      roles.length ? h('span', { i18n: 'home.lead' }) : h('span', { i18n: 'home.no_roles' })),
    roles.length ? h('p', { class: 'role-badges' },
      h('span', { class: 'sr-only', i18n: 'home.your_roles' }),
      roles.map((r) => h('span', { class: 'krds-badge bg-light-primary', i18n: roleKey(r) }))) : null,
    h('section', { class: 'role-section', attrs: { 'aria-labelledby': 'sec-common' } },
      h('h2', { id: 'sec-common', class: 'section-title', i18n: 'home.common_title' }),
      h('ul', { class: 'link-cards' }, card({ href: '/account', card: 'card.account' }),
        card({ href: '/programmes', card: 'card.programmes_public' }))),
    roles.map((r) => roleSection(r, byRole.get(r))));
}
