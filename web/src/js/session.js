// Who is signed in. The cookie is HttpOnly, so the only way to know is to ask GET /api/v1/me.
import { api, ApiError } from './api.js';

let me = null; // {id, name, email, phone, locale, roles: [{role, scope_kind, scope_id, scope_name}]}
let known = false;
const listeners = new Set();

function set(next) {
  me = next;
  known = true;
  for (const fn of listeners) fn(me);
}

export function onSessionChange(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

export function currentUser() {
  return me;
}

/** The signed-in account, or null. Cached after the first call unless refresh is true. */
export async function loadMe({ refresh = false } = {}) {
  if (known && !refresh) return me;
  try {
    set(await api.get('/api/v1/me', { quiet401: true }));
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) set(null);
    else throw e;
  }
  return me;
}

export async function signIn(login, password) {
  await api.post('/api/v1/auth/login', { login, password }, { quiet401: true });
  // The login answer carries the user, but /me is the one shape every page relies on.
  known = false;
  return loadMe({ refresh: true });
}

export async function signOut() {
  try {
    await api.post('/api/v1/auth/logout', {}, { quiet401: true });
  } catch (e) {
    // Already signed out on the server (401) is still signed out here; anything else is reported.
    if (!(e instanceof ApiError && e.status === 401)) throw e;
  }
  set(null);
}

/** Forget the session locally (after a 401 from any call). */
export function forget() {
  set(null);
}

export function roleNames(user = me) {
  return [...new Set((user?.roles || []).map((r) => r.role))];
}

export function hasRole(role, user = me) {
  return (user?.roles || []).some((r) => r.role === role);
}
