// Entry point: language, frame, session, then routing.
import { initI18n, applyI18n, t, onLangChange } from './i18n.js';
import { mountLayout, updateLayout, markCurrent } from './layout.js';
import { loadMe, signOut, onSessionChange, forget, currentUser } from './session.js';
import { api, onUnauthenticated, ApiError } from './api.js';
import { startRouter, navigate, safeNext } from './router.js';
import { announce } from './live.js';

const routes = [
  { path: '/signin', access: 'guest', load: () => import('./pages/signin.js') },
  { path: '/register', access: 'guest', load: () => import('./pages/register.js') },
  { path: '/', access: 'signed_in', load: () => import('./pages/home.js') },
  { path: '/account', access: 'signed_in', load: () => import('./pages/account.js') },
  { path: '/admin/users', access: ['admin'], load: () => import('./pages/admin-users.js') },
  { path: '/admin/users/new', access: ['admin'], load: () => import('./pages/admin-user-new.js') },
  { path: '/admin/users/:id', access: ['admin'], load: () => import('./pages/admin-user.js') },
  { path: '/admin/access-log', access: ['admin'], load: () => import('./pages/admin-access-log.js') },
  { path: '/admin/organisations', access: ['admin'], load: () => import('./pages/admin-organisations.js') },
  { path: '/admin/audit', access: ['admin'], load: () => import('./pages/admin-audit.js') },
  { path: '/booking', access: 'signed_in', load: () => import('./pages/booking.js') },
  { path: '/booking/r/:id', access: 'signed_in', load: () => import('./pages/booking-resource.js') },
  { path: '/booking/household', access: 'signed_in', load: () => import('./pages/booking-household.js') },
  { path: '/booking/mine', access: 'signed_in', load: () => import('./pages/booking-mine.js') },
  { path: '/booking/manage', access: ['facility_manager', 'admin'], load: () => import('./pages/booking-manage.js') },
  { path: '/booking/manage/resources', access: ['facility_manager', 'admin'], load: () => import('./pages/booking-resources.js') },
  { path: '/booking/manage/resources/new', access: ['facility_manager', 'admin'], load: () => import('./pages/booking-resource-edit.js') },
  { path: '/booking/manage/resources/:id', access: ['facility_manager', 'admin'], load: () => import('./pages/booking-resource-edit.js') },
  { path: '/programmes', access: 'public', load: () => import('./pages/programmes.js') },
  { path: '/programmes/projects/:id', access: 'public', load: () => import('./pages/programmes-project.js') },
  { path: '/programmes/calls', access: 'public', load: () => import('./pages/programmes-calls.js') },
  { path: '/programmes/calls/new', access: ['city_officer', 'admin'], load: () => import('./pages/programmes-call-new.js') },
  { path: '/programmes/calls/:id', access: 'public', load: () => import('./pages/programmes-call.js') },
  { path: '/jobs', access: ['counsellor', 'admin'], load: () => import('./pages/jobs.js') },
  { path: '/jobs/intake', access: ['counsellor', 'admin'], load: () => import('./pages/jobs-intake.js') },
  { path: '/jobs/terms', access: ['counsellor', 'admin'], load: () => import('./pages/jobs-terms.js') },
  { path: '/jobs/cases/:id', access: ['counsellor', 'admin'], load: () => import('./pages/jobs-case.js') },
  { path: '/jobs/employer', access: ['employer', 'admin'], load: () => import('./pages/jobs-employer.js') },
  { path: '/jobs/vacancies/:id/candidates', access: ['employer', 'counsellor', 'admin'], load: () => import('./pages/jobs-candidates.js') },
  { path: '/jobs/me', access: ['resident'], load: () => import('./pages/jobs-me.js') },
  { path: '/dispatch', access: 'public', load: () => import('./pages/dispatch.js') },
  { path: '/dispatch/rides/:id', access: 'signed_in', load: () => import('./pages/dispatch-ride.js') },
  { path: '/dispatch/driver', access: ['driver', 'admin'], load: () => import('./pages/dispatch-driver.js') },
  { path: '/dispatch/console', access: ['operator', 'admin'], load: () => import('./pages/dispatch-console.js') },
  { path: '/luggage', access: 'public', load: () => import('./luggage/order.js') },
  { path: '/luggage/track/:token', access: 'public', load: () => import('./luggage/track.js') },
  { path: '/luggage/mine', access: ['resident'], load: () => import('./luggage/mine.js') },
  { path: '/luggage/console', access: ['operator', 'admin'], load: () => import('./luggage/console.js') },
  { path: '/dispatch/visits', access: 'public', load: () => import('./pages/dispatch-visits.js') },
  { path: '/dispatch/visits/worker', access: ['driver'], load: () => import('./pages/dispatch-visits-worker.js') },
  { path: '/dispatch/visits/console', access: ['operator', 'admin'], load: () => import('./pages/dispatch-visits-console.js') },
];

async function guard(route, { path, query }) {
  let user = null;
  try {
    user = await loadMe();
  } catch (e) {
    // The server could not say who we are; sign-in and registration still render (and will report the
    // problem when used), any other page shows the error.
    if (route.access !== 'guest' && route.access !== 'public') throw e;
  }
  if (route.access === 'guest') return user ? safeNext(query.get('next')) : { user };
  if (route.access === 'public') return { user };
  if (!user) {
    const next = path + (query.toString() ? `?${query}` : '');
    return next === '/' ? '/signin' : `/signin?next=${encodeURIComponent(next)}`;
  }
  if (Array.isArray(route.access) && !route.access.some((r) => user.roles?.some((g) => g.role === r))) {
    return { forbidden: true, user };
  }
  return { user };
}

async function doSignOut() {
  try {
    await signOut();
  } catch (e) {
    announce(t(e instanceof ApiError && e.network ? 'error.network' : 'error.signout_failed'), { assertive: true });
    return;
  }
  navigate('/signin?notice=signed_out');
}

async function boot() {
  await initI18n();
  applyI18n(document);
  mountLayout();
  updateLayout(null);
  onSessionChange((user) => updateLayout(user, { onSignOut: doSignOut }));
  // A signed-in person's choice is also kept on the account, so e-mails and texts come in that language.
  // Best effort: the switch itself never waits for or depends on it.
  onLangChange((next) => {
    const user = currentUser();
    if (user && user.locale !== next) {
      api.patch('/api/v1/me', { locale: next }).then((u) => {
        if (u && currentUser()) currentUser().locale = u.locale;
      }).catch(() => {});
    }
  });
  onUnauthenticated(() => {
    if (!currentUser()) return;
    forget();
    const next = location.pathname + location.search;
    navigate(`/signin?notice=expired&next=${encodeURIComponent(next)}`, { replace: true });
  });
  await startRouter({ routes, guard, onRendered: ({ path }) => markCurrent(path) });
  document.documentElement.dataset.ready = 'true';
}

boot().catch((e) => {
  console.error(e);
  // The catalogues may be what failed, so this message lives in index.html in both languages.
  const el = document.getElementById('boot-error');
  if (el) el.hidden = false;
});
