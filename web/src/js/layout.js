// The frame around every page: header (brand, navigation, language, account) and footer.
import { h, clear } from './dom.js';
import { lang, setLang, onLangChange, LANGS } from './i18n.js';
import { hasRole } from './session.js';

// Each language is named in itself, whatever the current language (so nobody has to read a foreign word to
// find their own); these names are the same in every catalogue, so they live here.
const LANG_LABELS = { ko: '한국어', en: 'English' };

function langSwitch() {
  const group = h('div', {
    class: 'lang-switch', attrs: { role: 'group' }, i18nAttr: { 'aria-label': 'lang.switch_label' },
  });
  for (const code of LANGS) {
    const btn = h('button', {
      type: 'button', class: 'krds-btn small tertiary', lang: code, dataset: { lang: code },
      attrs: { 'aria-pressed': String(lang() === code) },
      on: { click: () => setLang(code) },
    }, LANG_LABELS[code]);
    group.append(btn);
  }
  onLangChange((next) => {
    for (const b of group.querySelectorAll('button')) b.setAttribute('aria-pressed', String(b.dataset.lang === next));
  });
  return group;
}

/** Navigation for the signed-in person: only pages that exist and that this person may open. */
function navItems(user) {
  if (!user) {
    return [
      { href: '/signin', key: 'nav.signin' },
      { href: '/register', key: 'nav.register' },
      { href: '/programmes', key: 'nav.programmes' },
      { href: '/dispatch', key: 'nav.dispatch' },
      { href: '/luggage', key: 'nav.luggage' },
    ];
  }
  const items = [{ href: '/', key: 'nav.home' }, { href: '/account', key: 'nav.account' }];
  items.push({ href: '/booking', key: 'nav.booking' });
  if (hasRole('facility_manager', user) || hasRole('admin', user)) items.push({ href: '/booking/manage', key: 'nav.booking_manage' });
  if (hasRole('resident', user)) items.push({ href: '/jobs/me', key: 'nav.jobs_me' });
  if (hasRole('counsellor', user)) items.push({ href: '/jobs', key: 'nav.jobs' }, { href: '/jobs/intake', key: 'nav.jobs_intake' });
  if (hasRole('employer', user)) items.push({ href: '/jobs/employer', key: 'nav.jobs_employer' });
  if (hasRole('resident', user) || hasRole('operator', user) || hasRole('admin', user)) items.push({ href: '/dispatch', key: 'nav.dispatch' });
  if (hasRole('resident', user)) items.push({ href: '/luggage', key: 'nav.luggage' });
  if (hasRole('operator', user) || hasRole('admin', user)) {
    items.push({ href: '/dispatch/console', key: 'nav.dispatch_console' }, { href: '/luggage/console', key: 'nav.luggage_console' });
  }
  if (hasRole('driver', user)) items.push({ href: '/dispatch/driver', key: 'nav.dispatch_driver' });
  if (hasRole('city_officer', user) || hasRole('district_officer', user)) {
    items.push({ href: '/programmes/calls', key: 'nav.programme_calls' }, { href: '/programmes', key: 'nav.programmes' });
  }
  if (hasRole('admin', user)) {
    items.push({ href: '/admin/users', key: 'nav.admin_users' }, { href: '/admin/audit', key: 'nav.admin_audit' },
      { href: '/admin/access-log', key: 'nav.admin_access_log' }, { href: '/admin/organisations', key: 'nav.admin_organisations' });
  }
  return items;
}

let headerEl;
let navList;
let accountBox;
let langBox;

export function mountLayout() {
  headerEl = document.getElementById('site-header');
  clear(headerEl);
  const brand = h('a', { href: '/', class: 'brand' },
    h('span', { class: 'brand-mark', attrs: { 'aria-hidden': 'true' } }, '동'),
    h('span', { class: 'brand-text' },
      h('span', { class: 'brand-name', i18n: 'app.name' }),
      h('span', { class: 'brand-tagline', i18n: 'app.tagline' })));
  navList = h('ul', { class: 'site-nav-list' });
  accountBox = h('div', { class: 'account-box' });
  langBox = langSwitch();
  headerEl.append(
    h('div', { class: 'container header-top' }, brand, h('div', { class: 'header-utility' }, langBox, accountBox)),
    h('nav', { class: 'site-nav', i18nAttr: { 'aria-label': 'nav.label' } },
      h('div', { class: 'container' }, navList)));

  const footer = document.getElementById('site-footer');
  clear(footer);
  footer.append(h('div', { class: 'container footer-in' },
    h('p', { class: 'footer-name', i18n: 'footer.name' }),
    h('p', { class: 'footer-privacy', i18n: 'footer.privacy' })));
}

/** Redraws what depends on who is signed in. onSignOut is called by the sign-out button. */
export function updateLayout(user, { onSignOut } = {}) {
  clear(navList);
  for (const item of navItems(user)) {
    navList.append(h('li', {}, h('a', { href: item.href, class: 'site-nav-link', i18n: item.key })));
  }
  markCurrent(location.pathname);
  clear(accountBox);
  if (user) {
    accountBox.append(
      h('span', { class: 'account-name' }, h('span', { class: 'sr-only', i18n: 'header.signed_in_as' }), ' ', user.name),
      h('button', {
        type: 'button', class: 'krds-btn small secondary', id: 'sign-out', i18n: 'nav.signout',
        on: { click: () => onSignOut?.() },
      }));
  }
}

export function markCurrent(path) {
  for (const a of navList?.querySelectorAll('a') || []) {
    if (a.getAttribute('href') === path) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
}
