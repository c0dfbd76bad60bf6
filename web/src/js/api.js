// JSON over HTTP to the same origin; the session rides in the HttpOnly cookie dongne_session.
// Failures become ApiError, which keeps the problem+json body: {type, title, title_ko, status, detail,
// errors: [{field, code, message, message_ko, message_en}]}.

export class ApiError extends Error {
  constructor(status, problem, { network = false } = {}) {
    super(problem?.title || `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem || {};
    this.network = network;
  }

  /** Field errors as [{field, code, ko, en}], field names without a "body." prefix. */
  get fieldErrors() {
    const list = Array.isArray(this.problem.errors) ? this.problem.errors : [];
    return list.map((e) => ({
      field: String(e.field || '').replace(/^body\./, ''),
      code: e.code || '',
      ko: e.message_ko || e.message || e.message_en || '',
      en: e.message_en || e.message || e.message_ko || '',
    }));
  }
}

const listeners = { unauthenticated: new Set() };

/** Called when a signed-in request comes back 401 (the session ended or expired). */
export function onUnauthenticated(fn) {
  listeners.unauthenticated.add(fn);
  return () => listeners.unauthenticated.delete(fn);
}

async function request(method, path, body, { quiet401 = false } = {}) {
  const headers = { Accept: 'application/json, application/problem+json' };
  const init = { method, headers, credentials: 'same-origin', cache: 'no-store' };
  if (method !== 'GET' && method !== 'HEAD' && method !== 'DELETE') {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body ?? {});
  }
  let res;
  try {
    res = await fetch(path, init);
  } catch (e) {
    throw new ApiError(0, null, { network: true });
  }
  if (res.status === 204) return null;
  const type = res.headers.get('content-type') || '';
  let data = null;
  if (type.includes('json')) {
    try {
      data = await res.json();
    } catch {
      data = null;
    }
  }
  if (!res.ok) {
    const err = new ApiError(res.status, data);
    if (res.status === 401 && !quiet401) for (const fn of listeners.unauthenticated) fn(err);
    throw err;
  }
  return data;
}

export const api = {
  get: (path, opts) => request('GET', path, undefined, opts),
  post: (path, body, opts) => request('POST', path, body, opts),
  patch: (path, body, opts) => request('PATCH', path, body, opts),
  put: (path, body, opts) => request('PUT', path, body, opts),
  del: (path, opts) => request('DELETE', path, undefined, opts),
};

/** Builds "/path?a=1&b=2" leaving out empty values. */
export function withQuery(path, params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) if (v !== undefined && v !== null && v !== '') q.set(k, v);
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}
