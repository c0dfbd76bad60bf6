// History routing. The server answers every unknown non-/api path with index.html, so a reload or a shared
// link lands on the right page. Pages are ES modules loaded on first visit:
//   export const titleKey = 'page.x.title';
//   export async function render(ctx) -> Node      ctx = {path, params, query, user, navigate}
import { t, onLangChange } from './i18n.js';
import { clear, h } from './dom.js';
import { announce } from './live.js';

let routes = [];
let guard = async () => null;
let onRendered = () => {};
let mainEl;
let firstRender = true;
let currentTitleKey = null;
let renderSeq = 0;

function setTitle(key) {
  currentTitleKey = key;
  document.title = key ? `${t(key)} | ${t('app.name')}` : t('app.name');
}

function match(pathname) {
  for (const r of routes) {
    const names = [];
    const re = new RegExp(`^${r.path.replace(/:(\w+)/g, (_, n) => {
      names.push(n);
      return '([^/]+)';
    })}/?$`);
    const m = re.exec(pathname);
    if (m) return { route: r, params: Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(m[i + 1])])) };
  }
  return null;
}

/**
 * A path of this app to go to after signing in, from an untrusted ?next=: only same-origin paths ("/x"), never
 * "//host", "/\\host" or anything that resolves to another origin; else "/".
 */
export function safeNext(next) {
  if (typeof next !== 'string' || !next.startsWith('/') || next.startsWith('//') || next.includes('\\')) return '/';
  try {
    const url = new URL(next, location.origin);
    if (url.origin !== location.origin || url.pathname.startsWith('/signin')) return '/';
    return url.pathname + url.search;
  } catch {
    return '/';
  }
}

export function navigate(to, { replace = false } = {}) {
  let url = new URL(to, location.origin);
  // The app only ever moves within its own origin; anything else (a crafted ?next=) goes home instead.
  if (url.origin !== location.origin) url = new URL('/', location.origin);
  if (replace) history.replaceState({}, '', url.pathname + url.search);
  else history.pushState({}, '', url.pathname + url.search);
  render();
}

/**
 * routes: [{path, load: () => import(...), access: 'guest'|'public'|'signed_in'|[roles...]}]
 * guard(route, location) may return a path to redirect to, or a {forbidden: true} marker.
 */
export function startRouter(opts) {
  routes = opts.routes;
  guard = opts.guard;
  onRendered = opts.onRendered || onRendered;
  mainEl = document.getElementById('main');

  document.addEventListener('click', (ev) => {
    if (ev.defaultPrevented || ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) return;
    const a = ev.target.closest?.('a[href]');
    if (!a || a.target || a.hasAttribute('download') || a.dataset.external !== undefined) return;
    const href = a.getAttribute('href');
    if (href.startsWith('#')) {
      // In-page anchors (the skip link): move focus, keep the path.
      const target = document.getElementById(href.slice(1));
      if (target) {
        ev.preventDefault();
        if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
        target.focus();
        target.scrollIntoView?.();
      }
      return;
    }
    const url = new URL(a.href, location.href);
    if (url.origin !== location.origin || url.pathname.startsWith('/api/')) return;
    ev.preventDefault();
    if (url.pathname + url.search !== location.pathname + location.search) navigate(url.pathname + url.search);
  });
  window.addEventListener('popstate', () => render());
  onLangChange(() => setTitle(currentTitleKey));
  return render();
}

export async function render() {
  const seq = ++renderSeq;
  const path = location.pathname;
  const query = new URLSearchParams(location.search);
  const found = match(path);
  let titleKey = 'page.not_found.title';
  let node;
  mainEl.setAttribute('aria-busy', 'true');
  try {
    if (!found) {
      const mod = await import('./pages/not-found.js');
      titleKey = mod.titleKey;
      node = await mod.render({ path, query, navigate });
    } else {
      const decision = await guard(found.route, { path, query });
      if (seq !== renderSeq) return;
      if (typeof decision === 'string') {
        navigate(decision, { replace: true });
        return;
      }
      const mod = decision?.forbidden ? await import('./pages/forbidden.js') : await found.route.load();
      titleKey = mod.titleKey;
      node = await mod.render({ path, params: found.params, query, navigate, user: decision?.user ?? null });
    }
  } catch (e) {
    console.error(e);
    const mod = await import('./pages/error.js');
    titleKey = mod.titleKey;
    node = await mod.render({ error: e, navigate });
  }
  if (seq !== renderSeq) return; // a newer navigation started while this page was loading
  mainEl.removeAttribute('aria-busy');
  clear(mainEl);
  mainEl.append(node || h('div'));
  setTitle(titleKey);
  onRendered({ path, route: found?.route });
  if (firstRender) {
    firstRender = false;
  } else {
    // Tell screen readers the page changed and start reading at its heading.
    const h1 = mainEl.querySelector('h1');
    const focusTarget = mainEl.querySelector('[data-autofocus]') || h1 || mainEl;
    if (focusTarget === h1 && !h1.hasAttribute('tabindex')) h1.setAttribute('tabindex', '-1');
    focusTarget.focus({ preventScroll: false });
    window.scrollTo(0, 0);
    announce(document.title);
  }
}
