// Crash loop: CLIENTS concurrent clients write through every kind of write path (accounts, walk-in households,
// bookings on a 10-place slot and on a roomy resource with Idempotency-Key retries, Saeil seekers and counselling
// notes) while the server is killed with SIGKILL KILLS times and restarted. Afterwards, read straight from the
// store: every acknowledged write is there, no slot holds more confirmed bookings than places, and no retried
// booking was made twice. With --instances N (PostgreSQL), N instances share the store behind HAProxy
// (tests/api/balancer.mjs); the clients talk to the balancer and each kill takes down one instance in turn.
//   node bench/crash/crash_loop.mjs [--clients 256] [--kills 20] [--instances 1] [--json FILE]
// The store is DONGNE_TEST_STORE (sqlite or postgresql).
// PostgreSQL needs DONGNE_PG (scripts/with-postgres.sh). DONGNE_BIN names the binary (default build/release/dongne).
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { Server, STORE } from '../../tests/api/harness.mjs';
import { Balancer } from '../../tests/api/balancer.mjs';

const arg = (name, def) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : def;
};
const CLIENTS = Number(arg('clients', 256));
const KILLS = Number(arg('kills', 20));
const JSON_OUT = arg('json', '');
const INSTANCES = Number(arg('instances', 1));
if (INSTANCES > 1 && STORE !== 'postgresql') throw new Error('several instances share a PostgreSQL store only');
const PASSWORD = 'crash-loop-password-1';
const CLOCK = '2026-12-01T10:50:00+09:00';
const SLOTS = ['2026-12-02', '2026-12-03', '2026-12-04'].map((d) => [`${d}T09:00:00+09:00`, `${d}T11:00:00+09:00`]);

const server = new Server();
const env = { DONGNE_BOOKING_CLOCK_AT: CLOCK, DONGNE_WORKERS: '64', DONGNE_TRUSTED_PROXIES: '127.0.0.1' };
await server.start(env, { nofile: 4096 });
const instances = [server];
for (let i = 1; i < INSTANCES; i++) {
  const other = new Server({ db: server.db });
  await other.start(env, { command: 'serve', nofile: 4096 });
  instances.push(other);
}
const balancer = INSTANCES > 1 ? await new Balancer(instances).start() : null;
const target = balancer || server;

async function api(method, path, { token, body, key } = {}) {
  const headers = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  if (key) headers['idempotency-key'] = key;
  const r = await fetch(target.url + path, { method, headers, body: body ? JSON.stringify(body) : undefined, signal: AbortSignal.timeout(20000) });
  const text = await r.text();
  return { status: r.status, body: text ? JSON.parse(text) : null };
}
const login = async (email) => (await api('POST', '/api/v1/auth/login', { body: { login: email, password: process.env.DONGNE_DEMO_PASSWORD || 'demo-password-for-tests', token: true } })).body.token;
const manager = await login('manager.gaho@demo.dongne.kr');
const counsellor = await login('counsellor@demo.dongne.kr');
const facility = (await api('GET', '/api/v1/organisations?kind=facility')).body.items.find((o) => o.code === 'jinju-gaho').id;
const week = { mon: [['09:00', '18:00']], tue: [['09:00', '18:00']], wed: [['09:00', '18:00']], thu: [['09:00', '18:00']], fri: [['09:00', '18:00']] };
const resource = async (code, capacity) => (await api('POST', '/api/v1/booking/resources', {
  token: manager,
  body: { facility_id: facility, code, kind: 'space', name_ko: code, name_en: code, capacity,
    rules: { hours: week, window: { opens_days_ahead: 30 }, slot_minutes: 120, waitlist: true, eligibility: { city_code: 'jinju' } } },
})).body.id;
const hot = await resource('crash-hot', 10);
const roomy = await resource('crash-roomy', 100000);

// What the server acknowledged (2xx with an id), by kind; and what it was asked but never answered.
const acked = { accounts: [], households: [], bookings: [], seekers: [], notes: [] };
let unanswered = 0;
const refused = {};  // answered, but not with a new record: reason -> count
const households = [];  // acknowledged walk-in households, to book for
const cases = [];
let n = 0;
let stopping = false;

async function once(kind, fn) {
  try {
    return await fn();
  } catch {
    unanswered += 1;  // connection refused or cut by the kill: the write may or may not have happened
    await new Promise((r) => setTimeout(r, 50));
    return null;
  }
}

async function book(resourceId, slot) {
  if (!households.length) return;
  const hh = households[Math.floor(Math.random() * households.length)];
  const key = `crash-${++n}`;
  const body = { household_id: hh, resource_id: resourceId, start: slot[0], end: slot[1], channel: 'phone' };
  // An unanswered booking is retried with the same key until it is answered: it must never be made twice.
  for (let attempt = 0; attempt < 50 && !stopping; attempt++) {
    const r = await once('booking', () => api('POST', '/api/v1/booking/staff/bookings', { token: manager, body, key }));
    if (!r) continue;
    if (r.status === 201 && r.body.booking) acked.bookings.push({ id: r.body.booking.id, resource: resourceId, household: hh, status: r.body.booking.status, key });
    else refused[r.body?.reason || r.body?.outcome || r.status] = (refused[r.body?.reason || r.body?.outcome || r.status] || 0) + 1;
    return;
  }
}

async function client(c) {
  while (!stopping) {
    const pick = Math.random();
    const i = ++n;
    if (pick < 0.15) {
      const email = `crash${c}-${i}@example.kr`;
      const r = await once('account', () => api('POST', '/api/v1/auth/register', { body: { name: `C${i}`, email, password: PASSWORD } }));
      if (r?.status === 201) acked.accounts.push(email);
    } else if (pick < 0.35) {
      const r = await once('household', () => api('POST', '/api/v1/booking/households', { token: manager, body: { contact_name: `가족 ${i}`, city_code: 'jinju' } }));
      if (r?.status === 201) { acked.households.push(r.body.household.id); households.push(r.body.household.id); }
    } else if (pick < 0.55) {
      await book(hot, SLOTS[i % SLOTS.length]);
    } else if (pick < 0.8) {
      await book(roomy, SLOTS[i % SLOTS.length]);
    } else if (pick < 0.9 || !cases.length) {
      const r = await once('seeker', () => api('POST', '/api/v1/jobs/seekers', { token: counsellor, body: { display_name: `구직자 ${i}`, profile: { occupations: ['027'], languages: ['ko'] } } }));
      if (r?.status === 201) { acked.seekers.push(r.body.seeker_id ?? r.body.seeker?.id); cases.push(r.body.case.id); }
    } else {
      const caseId = cases[Math.floor(Math.random() * cases.length)];
      const r = await once('note', () => api('POST', `/api/v1/jobs/cases/${caseId}/notes`, { token: counsellor, body: { kind: 'phone', body: `상담 ${i}` } }));
      if (r?.status === 201) acked.notes.push(r.body.id);
    }
  }
}

const t0 = Date.now();
const clients = Array.from({ length: CLIENTS }, (_, c) => client(c));
const restarts = [];
for (let k = 0; k < KILLS; k++) {
  await new Promise((r) => setTimeout(r, 1500 + Math.random() * 1500));
  const victim = instances[k % instances.length];
  await victim.kill('SIGKILL');
  const r0 = Date.now();
  await victim.start(env, { command: 'serve', nofile: 4096 });
  restarts.push(Date.now() - r0);
}
await new Promise((r) => setTimeout(r, 1000));
stopping = true;
await Promise.all(clients);
const seconds = (Date.now() - t0) / 1000;
if (balancer) await balancer.stop();
for (const s of instances) await s.kill('SIGTERM');

// Read the store itself.
function sql(query) {
  const out = STORE === 'postgresql'
    ? execFileSync('psql', [server.db, '-tAq', '-c', query], { encoding: 'utf8' })
    : execFileSync('sqlite3', ['-cmd', '.timeout 10000', server.db.replace(/^sqlite:/, ''), query], { encoding: 'utf8' });
  return out.trim() ? out.trim().split('\n') : [];
}
const present = (table, column, values, quote = false) => {
  const have = new Set();
  for (let i = 0; i < values.length; i += 500) {
    const chunk = values.slice(i, i + 500);
    const list = chunk.map((v) => (quote ? `'${v}'` : Number(v))).join(',');
    for (const row of sql(`SELECT ${column} FROM ${table} WHERE ${column} IN (${list})`)) have.add(String(row));
  }
  return values.filter((v) => !have.has(String(v))).length;
};
const lost = {
  accounts: present('users', 'email', acked.accounts, true),
  households: present('booking_households', 'id', acked.households),
  bookings: present('bookings', 'id', acked.bookings.map((b) => b.id)),
  seekers: present('jobs_seekers', 'id', acked.seekers.filter((x) => x != null)),
  notes: present('jobs_notes', 'id', acked.notes),
};
const overCapacity = sql(`SELECT start_ms, COUNT(*) FROM bookings WHERE resource_id = ${hot} AND status = 'confirmed' GROUP BY start_ms HAVING COUNT(*) > 10`);
const hotConfirmed = sql(`SELECT start_ms, COUNT(*) FROM bookings WHERE resource_id = ${hot} AND status = 'confirmed' GROUP BY start_ms`).map((r) => Number(r.split('|')[1]));
const doubled = sql(`SELECT household_id, resource_id, start_ms, COUNT(*) FROM bookings WHERE resource_id IN (${hot}, ${roomy}) AND status <> 'cancelled' GROUP BY household_id, resource_id, start_ms HAVING COUNT(*) > 1`);

const result = {
  when: new Date().toISOString(), store: STORE, instances: INSTANCES, clients: CLIENTS, kills: KILLS, seconds: Math.round(seconds),
  acknowledged: Object.fromEntries(Object.entries(acked).map(([k, v]) => [k, v.length])),
  lost, unanswered, refused,
  hot_slot_confirmed: hotConfirmed, over_capacity_slots: overCapacity.length, doubled_bookings: doubled.length,
  restart_ms: { median: restarts.sort((a, b) => a - b)[Math.floor(restarts.length / 2)], max: Math.max(...restarts) },
};
console.log(JSON.stringify(result, null, 1));
if (JSON_OUT) writeFileSync(JSON_OUT, JSON.stringify(result, null, 1) + '\n');
for (const s of instances.slice(1)) await s.stop();
await server.stop();
const bad = Object.values(lost).some((x) => x > 0) || overCapacity.length > 0 || doubled.length > 0;
if (bad) { console.error('CRASH LOOP FAILED: an acknowledged write was lost, a slot overbooked or a booking doubled'); process.exit(1); }
