#!/usr/bin/env node
// A day of the dispatch pillar replayed through the real HTTP API, with the drivers moving along their plans.
//
// A real dongne server (release build) runs a generated bench configuration beside the real data folder: Geomdan
// (its 8 stops and a grid of 20 more, 12 vans on shifts around the complex's shift changes, one driver account per
// van) and free-lug (its places, 5 couriers' vans, one courier account per van). Its dispatch clock starts at 05:30
// on a Wednesday and runs RATE times real time (DONGNE_DISPATCH_CLOCK_AT / DONGNE_DISPATCH_CLOCK_RATE).
//
// Demand (deterministic for a seed): shuttle requests around the shift changes (peaks 06:30-08:30 and 17:30-19:30,
// the rest spread over 06:00-22:00), each sent at its desired pickup minus a lead (most "as soon as possible" with
// the area's 10-minute lead, some booked 15-60 minutes ahead), by the operator for a caller or by residents; luggage
// orders from the morning flights (ICN T1/T2 landings 06:00-12:00, bags ready 40-70 min after landing, delivered
// to hotels 3-6 h later) and hotel -> airport orders in the afternoon before evening flights. ~4% cancel, ~3% do
// not show up (the van waits the 2-minute rule, then marks no_show).
//
// Drivers: one loop per van. It reads GET /driver/today, drives toward its next stop at the area's time-of-day
// speed (great circle x the area's road factor, the server's own model; per leg a random traffic factor), posts
// POST /driver/position every 30 simulated seconds, waits at a pickup until the window opens (never early), marks
// picked_up / dropped_off (with the luggage codes from the order answers) or no_show, and dwells the area's stop
// service time. The engine re-plans from those positions.
//
// Afterwards every promise is checked against what happened: a completed ride was picked up inside its window
// (+60 s grace) and dropped off by its latest arrival; a delivery arrived by its deadline. A broken promise the
// engine had flagged (at_risk, a `broken` entry in a position answer, risk.late) is counted apart from silent ones.
// The shuttle's vehicle-km, occupancy and vehicle-hours are compared with a one-by-one baseline on the same
// requests (arrival order, each appended to the van that reaches the pickup first, within its shift).
//
// Usage: node bench/dispatch/simulate_day.mjs [--store sqlite|postgresql] [--rate 60] [--shuttle 300]
//          [--luggage 120] [--seed 20261202] [--json FILE]
//        scripts/with-postgres.sh node bench/dispatch/simulate_day.mjs --store postgresql
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, readdirSync, symlinkSync, writeFileSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import net from 'node:net';

const ROOT = resolve(new URL('../..', import.meta.url).pathname);
const args = Object.fromEntries(process.argv.slice(2).reduce((a, x, i, all) => (x.startsWith('--') ? [...a, [x.slice(2), all[i + 1]]] : a), []));
const STORE = args.store || 'sqlite';
const RATE = Number(args.rate || 60);
const N_SHUTTLE = Number(args.shuttle ?? 300);
const N_LUGGAGE = Number(args.luggage ?? 120);
const SEED = Number(args.seed || 20261202);
const BIN = process.env.DONGNE_BIN || join(ROOT, 'build/release/dongne');
const PASSWORD = 'bench-password-1';
const DAY = '2026-12-02';  // a Wednesday
const CLOCK_AT = `${DAY}T05:30:00+09:00`;
const END_S = 23 * 3600 + 55 * 60;  // the simulation stops here whatever is left (reported as stranded)
const TICK_S = 30;                  // a moving van reports its position this often (simulated seconds)
const POLL_S = 60;                  // and reads its day this often
const MONITOR_S = 300;              // the operator's board is read this often
const RESIDENTS = 10;
if (!(RATE >= 1 && RATE <= 3600)) throw new Error('--rate is 1..3600');

// --- a deterministic generator (mulberry32) ---
const generator = (seed) => {
  let rs = seed >>> 0;
  return () => {
    rs = (rs + 0x6d2b79f5) >>> 0;
    let t = rs;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};
const rnd = generator(SEED);
const uni = (a, b, g = rnd) => a + (b - a) * g();
const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
const tri = (a, b) => a + (b - a) * (rnd() + rnd()) / 2;

// --- times: seconds of the day <-> RFC 3339 (+09:00) ---
const MIDNIGHT = Date.parse(`${DAY}T00:00:00+09:00`);
const sod = (iso) => (iso == null ? null : (Date.parse(iso) - MIDNIGHT) / 1000);
const iso = (s) => {
  s = Math.round(s);
  const p = (n) => String(n).padStart(2, '0');
  return `${DAY}T${p(Math.floor(s / 3600))}:${p(Math.floor((s % 3600) / 60))}:${p(s % 60)}+09:00`;
};
const hm = (s) => iso(s).slice(11, 16);
const hhmm = (t) => Number(t.slice(0, 2)) * 3600 + Number(t.slice(3, 5)) * 60;

// --- the bench configuration ---
const demo = JSON.parse(readFileSync(join(ROOT, 'data/demo/dispatch.json'), 'utf8'));
const gd = structuredClone(demo.areas.find((a) => a.code === 'geomdan'));
const fl = structuredClone(demo.areas.find((a) => a.code === 'free-lug'));
if (!fl) throw new Error('data/demo/dispatch.json has no free-lug area (the luggage commit has not landed)');
for (let i = 0; i < 4; i++) {
  for (let j = 0; j < 5; j++) {
    gd.stops.push({ code: `SIM-${i}-${j}`, name_ko: `시뮬 정류장 ${i}-${j}`, name_en: `Simulation stop ${i}-${j}`,
      lat: 37.570 + 0.045 * (j + 0.5) / 5, lon: 126.620 + 0.065 * (i + 0.5) / 4 });
  }
}
const ALL_DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
// Shifts around the complex's shift changes: an early shift, a morning-peak shift, a late shift, an evening peak.
const SHUTTLE_SHIFTS = [['05:30', '14:30'], ['05:30', '14:30'], ['05:30', '14:30'], ['05:30', '14:30'], ['06:00', '10:00'], ['06:00', '10:00'],
  ['14:00', '23:00'], ['14:00', '23:00'], ['14:00', '23:00'], ['14:00', '23:00'], ['16:30', '20:30'], ['16:30', '20:30']];
const SHUTTLE_DEPOTS = ['GD-SUPPORT', 'GD-ORYU', 'GD-GEOMAM', 'GD-WANGGIL'];
const COURIER_SHIFTS = [['07:00', '21:00'], ['07:00', '15:00'], ['07:30', '19:30'], ['09:00', '21:00'], ['12:00', '21:00']];
const COURIER_DEPOTS = ['ICN-T1', 'ICN-T2', 'ICN-T1', 'ICN-T2', 'ICN-T1'];
const accounts = [...demo.accounts];
gd.vehicles = SHUTTLE_SHIFTS.map((shift, n) => {
  const email = `sim-driver-${n + 1}@bench.dongne.kr`;
  accounts.push({ role: 'driver', name: `시뮬 기사 ${n + 1}`, email, scope: gd.operator });
  return { label: `시뮬 무빙콜 ${n + 1}호`, seats: 11, wheelchair_places: n % 4 === 0 ? 1 : 0, depot: SHUTTLE_DEPOTS[n % SHUTTLE_DEPOTS.length],
    driver: email, shift, days: ALL_DAYS };
});
fl.vehicles = COURIER_SHIFTS.map((shift, n) => {
  const email = `sim-courier-${n + 1}@bench.dongne.kr`;
  accounts.push({ role: 'driver', name: `시뮬 배송기사 ${n + 1}`, email, scope: fl.operator });
  return { label: `시뮬 프리러그 ${n + 1}호`, seats: 40, depot: COURIER_DEPOTS[n], driver: email, shift, days: ALL_DAYS };
});
const LUG_OPERATOR = 'sim-operator-lug@bench.dongne.kr';
accounts.push({ role: 'operator', name: '시뮬 프리러그 운영', email: LUG_OPERATOR, scope: fl.operator });

// --- demand, generated before the server starts (codes, not ids: ids are known once the areas are read) ---
const HOME = ['GD-ORYU', 'GD-WANGGIL', 'GD-GEOMAM', 'GD-MAJEON', ...gd.stops.filter((s) => s.code.startsWith('SIM-')).map((s) => s.code)];
const WORK = ['GD-NORTH', 'GD-SOUTH', 'GD-SUPPORT', 'GD-EAST'];
const ALL_GD = gd.stops.map((s) => s.code);
const shuttleReqs = [];
for (let i = 0; i < N_SHUTTLE; i++) {
  const p = rnd();
  let desired, from, to;
  if (p < 0.38) { desired = tri(6.5 * 3600, 8.5 * 3600); from = pick(HOME); to = pick(WORK); }
  else if (p < 0.72) { desired = tri(17.5 * 3600, 19.5 * 3600); from = pick(WORK); to = pick(HOME); }
  else { desired = uni(6 * 3600, 22 * 3600); from = pick(ALL_GD); to = pick(ALL_GD); }
  if (to === from) to = ALL_GD[(ALL_GD.indexOf(from) + 1 + Math.floor(rnd() * (ALL_GD.length - 1))) % ALL_GD.length];
  desired = Math.round(desired / 60) * 60;
  const asap = rnd() < 0.7;
  const lead = asap ? gd.rules.lead_min * 60 : Math.round(uni(15, 60)) * 60;
  const send = desired - lead;
  const byOperator = rnd() < 0.55;
  const fate = rnd() < 0.04 ? 'cancel' : rnd() < 0.03 / 0.96 ? 'no_show' : 'ride';
  const x = rnd();
  shuttleReqs.push({ i, kind: 'ride', send, desired, asap, from, to, passengers: x < 0.8 ? 1 : x < 0.95 ? 2 : 3,
    wheelchair: rnd() < 0.02, byOperator, resident: Math.floor(rnd() * RESIDENTS), fate,
    cancelAt: send + uni(0.2, 0.85) * (desired - send), boardDelay: uni(0, 30) });
}
const HOTELS = fl.stops.filter((s) => s.code.startsWith('HTL-')).map((s) => s.code);
const FAMILY = ['Nguyen', 'Tanaka', 'Smith', 'Müller', 'Wang', 'Garcia', 'Kim', 'Sato', 'Tran', 'Lee'];
const lugReqs = [];
const round5 = (s) => Math.round(s / 300) * 300;
for (let k = 0; k < N_LUGGAGE; k++) {
  let from, to, ready, deadline, send, flight;
  if (k < Math.round(N_LUGGAGE * 0.8)) {  // morning arrivals: airport -> hotel
    const landing = rnd() < 0.7 ? tri(7 * 3600, 10.5 * 3600) : uni(6 * 3600, 12 * 3600);
    from = rnd() < 0.6 ? 'ICN-T1' : 'ICN-T2';
    to = pick(HOTELS);
    ready = Math.max(hhmm(fl.rules.hours.open) + 300, round5(landing + uni(40, 70) * 60));
    deadline = round5(ready + uni(3, 6) * 3600);
    send = rnd() < 0.7 ? landing : landing - uni(30, 180) * 60;  // on landing, or booked before the flight
    flight = `${pick(['KE', 'OZ', 'VN', 'JL', 'CA', 'SQ'])}${100 + Math.floor(rnd() * 900)}`;
  } else {  // the afternoon: hotel -> airport before an evening flight
    from = pick(HOTELS);
    to = rnd() < 0.6 ? 'ICN-T1' : 'ICN-T2';
    ready = round5(uni(12, 16) * 3600);
    const departure = uni(18.5, 22) * 3600;
    deadline = Math.min(round5(departure - 2.5 * 3600), hhmm(fl.rules.hours.close) - 900);
    if (deadline < ready + 2 * 3600) deadline = round5(ready + 2 * 3600 + uni(0, 60) * 60);
    send = ready - uni(30, 180) * 60;
    flight = `${pick(['KE', 'OZ', 'VN', 'JL', 'CA', 'SQ'])}${100 + Math.floor(rnd() * 900)}`;
  }
  deadline = Math.min(deadline, hhmm(fl.rules.hours.close) - 600);
  const fate = rnd() < 0.04 ? 'cancel' : rnd() < 0.03 / 0.96 ? 'no_show' : 'ride';
  const family = pick(FAMILY);
  lugReqs.push({ i: k, kind: 'order', send, from, to, ready, deadline, bags: 1 + Math.floor(rnd() * 4), flight,
    byOperator: rnd() < 0.2, fate, cancelAt: send + uni(0.2, 0.8) * (ready - send), boardDelay: uni(0, 60),
    customer: rnd() < 0.5 ? { name: `${family} ${k}`, email: `guest${k}@example.com` } : { name: `${family} ${k}`, phone: `010-${String(5000 + k).padStart(4, '0')}-${String(1000 + ((k * 37) % 9000)).padStart(4, '0')}` } });
}

// --- the share folder and the server ---
const share = mkdtempSync(join(tmpdir(), 'dongne-day-sim-share-'));
for (const e of readdirSync(join(ROOT, 'data'))) if (e !== 'demo') symlinkSync(join(ROOT, 'data', e), join(share, e));
mkdirSync(join(share, 'demo'));
for (const e of readdirSync(join(ROOT, 'data/demo'))) if (e !== 'dispatch.json') symlinkSync(join(ROOT, 'data/demo', e), join(share, 'demo', e));
writeFileSync(join(share, 'demo/dispatch.json'), JSON.stringify({ ...demo, areas: [gd, fl], accounts }));

const freePort = () => new Promise((res) => { const s = net.createServer(); s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => res(port)); }); });
const port = await freePort();
const dataDir = mkdtempSync(join(tmpdir(), 'dongne-day-sim-'));
let db = `sqlite:${dataDir}/dongne.db`;
if (STORE === 'postgresql') {
  if (!process.env.DONGNE_PG) throw new Error('--store postgresql needs DONGNE_PG (scripts/with-postgres.sh)');
  const { execFileSync } = await import('node:child_process');
  const name = `dongne_day_sim_${process.pid}`;
  execFileSync('psql', [process.env.DONGNE_PG, '-q', '-c', `CREATE DATABASE ${name}`]);
  db = `${process.env.DONGNE_PG} dbname=${name}`;
} else if (STORE !== 'sqlite') throw new Error('--store is sqlite or postgresql');
const wallStart = performance.now();
const server = spawn(BIN, ['up'], {
  env: { ...process.env, DONGNE_PORT: String(port), DONGNE_DATA_DIR: dataDir, DONGNE_DB: db, DONGNE_SHARE_DIR: share,
    DONGNE_DEMO_PASSWORD: PASSWORD, DONGNE_ACCESS_LOG: '0', DONGNE_WEB_DIR: join(dataDir, 'none'),
    DONGNE_DISPATCH_CLOCK_AT: CLOCK_AT, DONGNE_DISPATCH_CLOCK_RATE: String(RATE) },
  stdio: ['ignore', 'ignore', 'inherit'],
});
let serverExited = false;
server.once('exit', (code) => { serverExited = true; if (!finished) console.error(`simulate_day: the server exited (${code}) before the end`); });
let finished = false;
const cleanup = () => { if (!serverExited) server.kill('SIGTERM'); };
process.on('exit', cleanup);
process.on('SIGINT', () => { cleanup(); process.exit(130); });
const URL_ = `http://127.0.0.1:${port}`;
let ready = false;
for (let i = 0; i < 1200 && !serverExited; i++) {
  try { if ((await fetch(`${URL_}/readyz`)).status === 200) { ready = true; break; } } catch { /* not yet */ }
  await new Promise((r) => setTimeout(r, 100));
}
if (!ready) throw new Error('the server did not become ready');

// --- HTTP ---
const errors = [];      // 5xx, transport failures and unexpected answers: {method, path, body, status, answer}
const httpCount = {};
const call = async (method, path, token, body, key) => {
  const headers = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  if (key) headers['idempotency-key'] = key;
  const t0 = performance.now();
  let status = 0, answer = null;
  try {
    const r = await fetch(URL_ + path, { method, headers, body: body ? JSON.stringify(body) : undefined });
    status = r.status;
    const text = await r.text();
    try { answer = JSON.parse(text); } catch { answer = text; }
  } catch (e) { answer = String(e); }
  const t1 = performance.now();
  const route = `${method} ${path.replace(/\/\d+/g, '/{id}').replace(/track\/[^/]+/, 'track/{token}').replace(/\?.*/, '')}`;
  httpCount[route] = (httpCount[route] || 0) + 1;
  if (status === 0 || status >= 500) unexpected({ method, path, body, status, answer }, 'server error');
  return { status, body: answer, ms: t1 - t0, t0, t1 };
};
function unexpected(x, what) {
  errors.push({ what, at: clockReady ? hm(simNow()) : null, ...x });
  if (errors.length <= 10) console.error(`simulate_day: ${what}:`, JSON.stringify(x).slice(0, 600));
}
const login = async (email) => {
  const r = await call('POST', '/api/v1/auth/login', null, { login: email, password: PASSWORD, token: true });
  if (r.status !== 200) throw new Error(`login ${email}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.token;
};

// --- the simulated clock: the server's dispatch clock, read from a van's reported position ---
let clockReady = false, clk = { sim0: 0, wall0: 0, rtt: Infinity };
const simNow = () => clk.sim0 + ((performance.now() - clk.wall0) / 1000) * RATE;
const sleepSim = (s) => new Promise((r) => setTimeout(r, Math.max(0, (s * 1000) / RATE)));
const sleepUntil = async (t) => { const d = t - simNow(); if (d > 0) await sleepSim(d); };

// Only what the first minutes need signs in before the day starts (the clock already runs): the operators and
// courier 1 (for the clock). Drivers sign in half an hour before their shift, residents in the background.
const [op, lugOp, courier1] = await Promise.all([login('operator-shuttle@demo.dongne.kr'), login(LUG_OPERATOR), login(fl.vehicles[0].driver)]);
const areas = (await call('GET', '/api/v1/dispatch/areas', op)).body.items;
const A = areas.find((x) => x.code === 'geomdan'), L = areas.find((x) => x.code === 'free-lug');
const stopId = (area, code) => area.stops.find((s) => s.code === code).id;

// Sync: courier 1 reports its depot, the luggage board shows when the server got it (to the second).
const cfgOf = { [A.id]: gd, [L.id]: fl };
const vans = [...gd.vehicles.map((v) => ({ v, area: A })), ...fl.vehicles.map((v) => ({ v, area: L }))].map(({ v, area }, n) => {
  const depot = cfgOf[area.id].stops.find((s) => s.code === v.depot);
  return { n, label: v.label, email: v.driver, token: v.driver === fl.vehicles[0].driver ? courier1 : null, area, rules: cfgOf[area.id].rules, luggage: area.id === L.id,
    shiftFrom: hhmm(v.shift[0]), shiftTo: hhmm(v.shift[1]), pos: { lat: depot.lat, lon: depot.lon },
    km: 0, driveS: 0, waitS: 0, serviceS: 0, onboard: 0, stops: 0, last: 0, state: 'idle' };
});
for (let k = 0; k < 5; k++) {
  const c = vans.find((x) => x.luggage);
  const t0 = performance.now();
  await call('POST', '/api/v1/dispatch/driver/position', c.token, c.pos);
  const t1 = performance.now();
  const b = (await call('GET', `/api/v1/dispatch/luggage/areas/${L.id}/orders?date=${DAY}`, lugOp)).body;
  const at = b.vehicles.find((x) => x.label === c.label)?.position?.at;
  if (at && t1 - t0 < clk.rtt) clk = { sim0: sod(at) + 0.5, wall0: (t0 + t1) / 2, rtt: t1 - t0 };
  await new Promise((r) => setTimeout(r, 1000 / RATE + 5));
}
if (!Number.isFinite(clk.rtt)) throw new Error('could not read the dispatch clock (no position on the luggage board)');
clockReady = true;
const residents = Array.from({ length: RESIDENTS }, (_, n) => (async () => {
  const email = `sim-resident-${n + 1}@bench.dongne.kr`;
  const r = await call('POST', '/api/v1/auth/register', null, { name: `시뮬 주민 ${n + 1}`, email, password: PASSWORD });
  if (r.status !== 201) throw new Error(`register ${email}: ${r.status} ${JSON.stringify(r.body)}`);
  return login(email);
})());
const simStart = simNow();
const setupWallS = (performance.now() - wallStart) / 1000;
console.error(`simulate_day: ${STORE}, rate ${RATE}; set up in ${setupWallS.toFixed(1)} s wall, the dispatch clock reads ${iso(simStart).slice(11, 19)}`);

// --- what the simulator knows and records ---
const rides = new Map();     // ride id -> {req, ride (the answer), token}
const orders = new Map();    // order (ride) id -> {req, order}
const fateOf = new Map();    // ride id -> the request (fate, board delay)
const flagged = new Map();   // ride id -> how the engine flagged it first ({what, at})
const flag = (id, what) => { if (id != null && !flagged.has(id)) flagged.set(id, { what, at: hm(simNow()) }); };
const actions = [];          // {van, ride_id, action, sim_s}
const planBreaks = new Map();  // ride id -> the first board read whose plan misses a promise without a flag
const lat = { ride_promised: [], ride_refused: [], order_scheduled: [], order_refused: [], position: [], driver_stops: [], driver_today: [] };
const counts = { rides_sent: 0, rides_promised: 0, rides_refused: 0, rides_other: 0, rides_sent_late: 0,
  orders_sent: 0, orders_scheduled: 0, orders_refused: 0, orders_other: 0, orders_sent_late: 0,
  cancels: 0, cancels_too_late: 0, cancels_refused: 0, cancel_errors: 0, no_shows_marked: 0, not_next_stop: 0, stop_errors: 0 };
const stopRaces = {};         // driver stops answered 409/404 because the plan changed meanwhile, by code
let senderDone = false;

// --- travel: great circle x road factor at the time-of-day speed (the server's HaversineTravel) ---
const R = 6371008.8, rad = Math.PI / 180;
const gc = (p, q) => {
  const dl = (q.lat - p.lat) * rad, dn = (q.lon - p.lon) * rad;
  const h = Math.sin(dl / 2) ** 2 + Math.cos(p.lat * rad) * Math.cos(q.lat * rad) * Math.sin(dn / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(h)));
};
const speedsOf = (rules) => rules.speeds.map((s) => ({ from: hhmm(s.from), ms: s.kmh / 3.6 }));
const speedAt = (speeds, t) => { let v = speeds[0].ms; for (const s of speeds) if (((t % 86400) + 86400) % 86400 >= s.from) v = s.ms; return v; };
for (const v of vans) v.speeds = speedsOf(v.rules);
// Traffic: each leg's driving time is the model's times a factor (most legs near 1, some slow, a few very slow),
// drawn from the van's own generator so that a seed gives the same traffic whatever the HTTP timing.
const traffic = (g) => { const x = g(); return x < 0.85 ? uni(1.0, 1.05, g) : x < 0.97 ? uni(1.1, 1.3, g) : uni(1.4, 1.8, g); };
for (const v of vans) v.rng = generator(SEED * 31 + v.n + 1);

// --- the requests and orders, sent at their simulated times ---
async function sendRide(q) {
  const body = { area_id: A.id, pickup_stop_id: stopId(A, q.from), dropoff_stop_id: stopId(A, q.to), passengers: q.passengers };
  if (q.wheelchair) body.wheelchair = true;
  if (!q.asap) body.pickup_after = iso(q.desired);
  const token = q.byOperator ? op : await residents[q.resident];
  if (q.byOperator) body.rider = { name: `시뮬 승객 ${q.i}`, phone: `010${String(20000000 + q.i * 7919).slice(0, 8)}` };
  if (simNow() > q.send + 60) counts.rides_sent_late++;
  q.sentAt = simNow();
  counts.rides_sent++;
  const r = await call('POST', '/api/v1/dispatch/rides', token, body, `sim-ride-${SEED}-${q.i}`);
  q.answer = r.status;
  if (r.status === 201) {
    counts.rides_promised++;
    lat.ride_promised.push(r.ms);
    const ride = r.body.ride;
    q.ride = ride;
    rides.set(ride.id, { req: q, ride, token });
    fateOf.set(ride.id, q);
    if (q.fate === 'cancel') cancelLater(q.cancelAt, () => call('POST', `/api/v1/dispatch/rides/${ride.id}/cancel`, token, {}));
  } else if (r.status === 409 && r.body?.reason === 'no_vehicle') {
    counts.rides_refused++;
    lat.ride_refused.push(r.ms);
    q.next_possible_at = r.body.next_possible_at ?? null;
  } else {
    counts.rides_other++;
    unexpected({ method: 'POST', path: '/api/v1/dispatch/rides', body, status: r.status, answer: r.body }, 'ride request not answered 201/409');
  }
}
async function sendOrder(q) {
  const body = { area_id: L.id, pickup_place_id: stopId(L, q.from), delivery_place_id: stopId(L, q.to), ready_at: iso(q.ready),
    deliver_by: iso(q.deadline), bags: q.bags, flight: q.flight, customer: q.customer };
  if (simNow() > q.send + 60) counts.orders_sent_late++;
  counts.orders_sent++;
  const r = await call('POST', '/api/v1/dispatch/luggage/orders', q.byOperator ? lugOp : null, body, `sim-order-${SEED}-${q.i}`);
  q.answer = r.status;
  if (r.status === 201) {
    counts.orders_scheduled++;
    lat.order_scheduled.push(r.ms);
    const o = r.body.order;
    q.order = o;
    orders.set(o.id, { req: q, order: o });
    fateOf.set(o.id, q);
    if (!o.codes) unexpected({ method: 'POST', path: '/api/v1/dispatch/luggage/orders', body, status: r.status, answer: o }, 'order answer without codes');
    if (q.fate === 'cancel') cancelLater(q.cancelAt, () => call('POST', `/api/v1/dispatch/luggage/track/${o.tracking_token}/cancel`, null, {}));
  } else if (r.status === 409 && r.body?.reason === 'no_vehicle') {
    counts.orders_refused++;
    lat.order_refused.push(r.ms);
    q.later_deadline_at = r.body.later_deadline_at ?? null;
  } else {
    counts.orders_other++;
    unexpected({ method: 'POST', path: '/api/v1/dispatch/luggage/orders', body, status: r.status, answer: r.body }, 'luggage order not answered 201/409');
  }
}
const pending = [];
function cancelLater(at, send) {
  pending.push((async () => {
    await sleepUntil(at);
    const r = await send();
    if (r.status === 200) counts.cancels++;
    else if (r.status === 409 && r.body?.reason === 'already_picked_up') counts.cancels_too_late++;
    else if (r.status === 409) counts.cancels_refused++;  // no_show or completed meanwhile
    else { counts.cancel_errors++; unexpected({ status: r.status, answer: r.body }, 'cancel not answered 200/409'); }
  })());
}
async function sender() {
  const events = [...shuttleReqs, ...lugReqs].sort((x, y) => x.send - y.send);
  for (const q of events) {
    await sleepUntil(q.send);
    pending.push(q.kind === 'ride' ? sendRide(q) : sendOrder(q));
  }
  senderDone = true;
}

// --- the drivers ---
const fresh = (van, r, since) => {
  if (r.status !== 200) { unexpected({ method: 'GET', path: '/api/v1/dispatch/driver/today', van: van.label, status: r.status, answer: r.body }, 'driver day not 200'); return null; }
  for (const s of r.body.stops) if (s.status === 'at_risk') flag(s.ride_id, 'at_risk on the driver\'s day');
  van.today = r.body;
  van.polled = since;
  return r.body;
};
async function driverToday(van) {
  const t = simNow();
  const r = await call('GET', '/api/v1/dispatch/driver/today', van.token);
  lat.driver_today.push(r.ms);
  return fresh(van, r, t) || van.today || { stops: [] };
}
async function postPosition(van) {
  const r = await call('POST', '/api/v1/dispatch/driver/position', van.token, { lat: van.pos.lat, lon: van.pos.lon });
  lat.position.push(r.ms);
  van.posted = simNow();
  if (r.status !== 200) { unexpected({ method: 'POST', path: '/api/v1/dispatch/driver/position', van: van.label, body: van.pos, status: r.status, answer: r.body }, 'position not 200'); return false; }
  for (const b of r.body.broken || []) flag(b.ride_id, `broken after a position report: ${b.what}`);
  van.lateMax = Math.max(van.lateMax || 0, r.body.late_s || 0);
  return (r.body.broken || []).length > 0 || (r.body.replanned || []).length > 0;
}
async function runVan(van) {
  await sleepUntil(van.shiftFrom - 1800);
  van.token ??= await login(van.email);
  await sleepUntil(van.shiftFrom);
  van.last = simNow();
  await postPosition(van);
  let today = await driverToday(van);
  let target = null;
  const service = van.rules.stop_service_s;
  while (simNow() < END_S) {
    // Move along the leg for the time gone by (whatever the HTTP calls took), and book the time.
    const now = simNow(), el = now - van.last;
    van.last = now;
    if (van.state === 'drive' && target && el > 0) {
      const dist = gc(van.pos, target.stop) * van.rules.road_factor;
      const v = speedAt(van.speeds, now - el) / target.factor;
      const adv = v * el;
      if (adv >= dist) { van.pos = { lat: target.stop.lat, lon: target.stop.lon }; van.km += dist; van.driveS += dist / v; van.waitS += el - dist / v; }
      else { const f = adv / dist; van.pos = { lat: van.pos.lat + (target.stop.lat - van.pos.lat) * f, lon: van.pos.lon + (target.stop.lon - van.pos.lon) * f }; van.km += adv; van.driveS += el; }
    } else if (van.state === 'wait') van.waitS += el;
    if (now - van.polled >= POLL_S) today = await driverToday(van);
    const next = today.stops[0];
    if (!next) {
      target = null;
      van.state = 'idle';
      if (now > van.shiftTo + 600 || (senderDone && now > van.shiftTo)) break;
      if (now - van.posted >= 300) await postPosition(van);
      await sleepSim(30);
      continue;
    }
    const key = `${next.ride_id}:${next.action}`;
    if (!target || target.key !== key) target = { key, stop: next.stop, factor: traffic(van.rng), arrived: false };
    const dist = gc(van.pos, target.stop) * van.rules.road_factor;
    if (dist > 1) {
      van.state = 'drive';
      if (now - van.posted >= TICK_S) { if (await postPosition(van)) today = await driverToday(van); }
      const v = speedAt(van.speeds, now) / target.factor;
      await sleepSim(Math.min(TICK_S, dist / v + 0.05));
      continue;
    }
    // At the stop: report it, read the day again if it is old, wait for the window (and the 2-minute rule).
    van.state = 'wait';
    if (!target.arrived) { target.arrived = true; await postPosition(van); if (simNow() - van.polled > 10) { today = await driverToday(van); continue; } }
    const q = fateOf.get(next.ride_id);
    let action, readyAt;
    if (next.action === 'pickup') {
      const from = sod(next.window.from);
      if (q?.fate === 'no_show') { action = 'no_show'; readyAt = from + 120 + 5; }
      else { action = 'picked_up'; readyAt = Math.max(from + 3, (target.arrivedAt ??= simNow()) + (q?.boardDelay ?? 0)); }
    } else { action = 'dropped_off'; readyAt = now; }
    if (simNow() < readyAt) {
      if (now - van.posted >= 60) { if (await postPosition(van)) today = await driverToday(van); }
      await sleepSim(Math.min(30, readyAt - simNow() + 0.05));
      continue;
    }
    const body = { ride_id: next.ride_id, action };
    if (van.luggage && action !== 'no_show') {
      const o = orders.get(next.ride_id)?.order;
      if (!o?.codes) unexpected({ van: van.label, ride_id: next.ride_id }, 'a courier stop for an order the simulator does not know');
      else body.code = action === 'picked_up' ? o.codes.pickup : o.codes.delivery;
    }
    const t = simNow();
    const r = await call('POST', '/api/v1/dispatch/driver/stops', van.token, body);
    lat.driver_stops.push(r.ms);
    if (r.status === 200) {
      actions.push({ van: van.label, ride_id: next.ride_id, action, sim_s: t });
      van.stops++;
      if (action === 'picked_up') van.onboard += next.passengers;
      if (action === 'dropped_off') van.onboard -= next.passengers;
      if (action === 'no_show') counts.no_shows_marked++;
      fresh(van, r, simNow());
      today = van.today;
      target = null;
      if (action !== 'no_show') {  // the stop's service time (boarding, bags, payment)
        van.state = 'service';
        const s0 = simNow();
        await sleepSim(service);
        van.serviceS += simNow() - s0;
        van.last = simNow();
      }
      van.state = 'wait';
    } else {
      if (r.status === 409 && r.body?.reason === 'not_next_stop') counts.not_next_stop++;
      else if (r.status === 409 || r.status === 404) stopRaces[r.body?.reason ?? r.status] = (stopRaces[r.body?.reason ?? r.status] || 0) + 1;  // the plan moved meanwhile
      else { counts.stop_errors++; unexpected({ method: 'POST', path: '/api/v1/dispatch/driver/stops', van: van.label, body, status: r.status, answer: r.body }, 'driver stop refused'); }
      today = await driverToday(van);
    }
  }
  van.leftover = (today.stops || []).length;
  van.leftAt = simNow();
}

// --- the operator's board, read every few minutes: the engine's own flags, and plans that miss a promise ---
let monitorOn = true;
const boards = { reads: 0, max_at_risk: 0, max_late_risk: 0 };
async function monitor() {
  while (monitorOn && simNow() < END_S) {
    const b = (await call('GET', `/api/v1/dispatch/areas/${A.id}/board?date=${DAY}`, op)).body;
    const lb = (await call('GET', `/api/v1/dispatch/luggage/areas/${L.id}/orders?date=${DAY}`, lugOp)).body;
    boards.reads++;
    if (b?.rides) {
      for (const r of b.rides) {
        if (r.status === 'at_risk') flag(r.id, `at_risk on the board: ${r.problem ?? ''}`);
        const late = (r.status === 'promised' && r.eta?.pickup && r.eta.pickup > r.window.to) ||
          ((r.status === 'promised' || r.status === 'onboard') && r.eta?.dropoff && r.eta.dropoff > r.latest_arrival);
        if (late && !flagged.has(r.id) && !planBreaks.has(r.id))
          planBreaks.set(r.id, { at: hm(simNow()), ride: r.id, status: r.status, window: r.window, latest_arrival: r.latest_arrival, eta: r.eta, vehicle: r.vehicle?.label });
      }
      boards.max_at_risk = Math.max(boards.max_at_risk, b.figures?.at_risk ?? 0);
    }
    if (lb?.orders) {
      for (const o of lb.orders) {
        if (o.status === 'at_risk') flag(o.id, `order at_risk: ${o.risk?.why ?? ''}`);
        else if (o.risk?.late) flag(o.id, `order risk.late: ${o.risk.why}`);
      }
      boards.max_late_risk = Math.max(boards.max_late_risk, lb.figures?.late_risk ?? 0);
    }
    await sleepSim(MONITOR_S);
  }
}

const wallDay0 = performance.now();
const mon = monitor();
await Promise.all([sender(), ...vans.map(runVan)]);
await Promise.all(pending);
monitorOn = false;
await mon;
const simEnd = simNow();
const wallDayS = (performance.now() - wallDay0) / 1000;

// --- what happened, against what was promised ---
const board = (await call('GET', `/api/v1/dispatch/areas/${A.id}/board?date=${DAY}`, op)).body;
const lday = (await call('GET', `/api/v1/dispatch/luggage/areas/${L.id}/orders?date=${DAY}`, lugOp)).body;
// The event log (what Programmes and the notifier see): a dispatch.promise_broken event counts as the engine's flag.
const admin = await login('admin@demo.dongne.kr');
const eventCounts = {};
for (let cursor = 0; ;) {
  const page = await call('GET', `/api/v1/admin/events?cursor=${cursor}&limit=100`, admin);
  if (page.status !== 200) { unexpected({ method: 'GET', path: '/api/v1/admin/events', status: page.status, answer: page.body }, 'event log not 200'); break; }
  for (const e of page.body.items) {
    if (!e.type.startsWith('dispatch.')) continue;
    eventCounts[e.type] = (eventCounts[e.type] || 0) + 1;
    const id = e.payload?.ride_id;
    if (e.type === 'dispatch.promise_broken' && id != null && !flagged.has(id))
      flagged.set(id, { what: `dispatch.promise_broken event: ${e.payload.what ?? ''}`, at: e.occurred_at.slice(11, 16) });
  }
  if (!page.body.next_cursor) break;
  cursor = page.body.next_cursor;
}
const GRACE = 60;
const broken = [];
const waits = [], rideTimes = [];
let completed = 0, onTimePickups = 0;
for (const r of board.rides) {
  if (!rides.has(r.id)) continue;
  const why = [];
  if (r.status === 'completed') {
    completed++;
    const pu = sod(r.picked_up_at), dof = sod(r.dropped_off_at), ws = sod(r.window.from), we = sod(r.window.to), la = sod(r.latest_arrival);
    waits.push((pu - ws) / 60);
    rideTimes.push((dof - pu) / 60);
    if (pu < ws) why.push(`picked up ${ws - pu} s before the window`);
    if (pu > we + GRACE) why.push(`picked up ${Math.round((pu - we) / 60)} min after the window`);
    else onTimePickups++;
    if (dof > la) why.push(`dropped off ${Math.round((dof - la) / 60)} min after the latest arrival`);
  } else if (['promised', 'onboard', 'at_risk'].includes(r.status)) why.push(`still ${r.status} at the end of the day`);
  if (why.length) broken.push({ kind: 'ride', id: r.id, status: r.status, why, flagged: flagged.get(r.id) ?? null, vehicle: r.vehicle?.label ?? null,
    window: r.window, latest_arrival: r.latest_arrival, picked_up_at: r.picked_up_at, dropped_off_at: r.dropped_off_at });
}
let delivered = 0, deliveredOnTime = 0;
for (const o of lday.orders) {
  if (!orders.has(o.id)) continue;
  const why = [];
  if (o.status === 'delivered') {
    delivered++;
    const pu = sod(o.pickup.done_at), ws = sod(o.pickup.window.from), dl = sod(o.delivery.done_at), by = sod(o.delivery.deliver_by);
    if (pu < ws) why.push(`picked up ${ws - pu} s before the bags were ready`);
    if (dl > by) why.push(`delivered ${Math.round((dl - by) / 60)} min after the deadline`);
    else deliveredOnTime++;
  } else if (['scheduled', 'picked_up', 'at_risk'].includes(o.status)) why.push(`still ${o.status} at the end of the day`);
  if (why.length) broken.push({ kind: 'order', id: o.id, status: o.status, why, flagged: flagged.get(o.id) ?? null,
    window: o.pickup.window, deliver_by: o.delivery.deliver_by, picked_up_at: o.pickup.done_at, delivered_at: o.delivery.done_at });
}
const silent = broken.filter((b) => !b.flagged);
for (const b of silent.slice(0, 10)) console.error('simulate_day: SILENT broken promise', JSON.stringify(b));

// --- the one-by-one baseline on the same shuttle requests (arrival order, no pooling) ---
const gdStops = Object.fromEntries(gd.stops.map((s) => [s.code, s]));
const gdSpeeds = speedsOf(gd.rules);
const road = (p, q) => gc(p, q) * gd.rules.road_factor;
const bvans = gd.vehicles.map((v) => ({ at: gdStops[v.depot], free: hhmm(v.shift[0]), end: hhmm(v.shift[1]), seats: v.seats }));
let bServed = 0, bPaxM = 0, bVehM = 0, bBusyS = 0;
const maxWait = gd.rules.max_wait_min * 60, svc = gd.rules.stop_service_s;
for (const q of [...shuttleReqs].filter((x) => x.answer != null).sort((x, y) => x.sentAt - y.sentAt)) {
  if (q.fate === 'cancel') continue;  // cancelled before pickup: dongne drops them from its plan as well
  const ws = q.ride ? sod(q.ride.window.from) : q.desired, we = ws + maxWait;
  const p = gdStops[q.from], d = gdStops[q.to];
  let best = -1, bestArr = Infinity;
  bvans.forEach((v, i) => {
    const arr = Math.max(v.free + road(v.at, p) / speedAt(gdSpeeds, v.free), ws);
    const done = arr + svc + road(p, d) / speedAt(gdSpeeds, arr + svc) + svc;
    if (arr <= we && done <= v.end && arr < bestArr) { best = i; bestArr = arr; }
  });
  if (best < 0) continue;
  const v = bvans[best];
  const m1 = road(v.at, p), m2 = road(p, d);
  const done = bestArr + svc + m2 / speedAt(gdSpeeds, bestArr + svc) + svc;
  bBusyS += done - Math.max(v.free, ws - m1 / speedAt(gdSpeeds, v.free));
  v.free = done; v.at = d;
  bVehM += m1 + m2;
  if (q.fate !== 'no_show') bPaxM += q.passengers * m2;
  bServed++;
}

// --- the report ---
const pct = (xs, p) => { if (!xs.length) return null; const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p * s.length))]; };
const mean = (xs) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
const r2 = (x) => (x == null ? null : Math.round(x * 100) / 100);
const latency = (xs) => ({ n: xs.length, p50_ms: r2(pct(xs, 0.5)), p99_ms: r2(pct(xs, 0.99)), max_ms: r2(pct(xs, 1)) });
const shuttleVans = vans.filter((v) => !v.luggage), courierVans = vans.filter((v) => v.luggage);
const hours = (vs, f) => r2(vs.reduce((a, v) => a + f(v), 0) / 3600);
const rideBroken = broken.filter((b) => b.kind === 'ride'), orderBroken = broken.filter((b) => b.kind === 'order');
const result = {
  bench: 'a dispatch day over HTTP, drivers moving along their plans', store: STORE, cores: cpus().length, seed: SEED, rate: RATE,
  day: DAY, clock_at: CLOCK_AT,
  simulated: { from: iso(simStart).slice(11, 19), to: iso(simEnd).slice(11, 19), hours: r2((simEnd - simStart) / 3600) },
  wall: { setup_s: r2(setupWallS), day_s: r2(wallDayS) },
  config: { shuttle_vans: shuttleVans.length, shuttle_stops: A.stops.length, couriers: courierVans.length, luggage_places: L.stops.length,
    shuttle_shifts: SHUTTLE_SHIFTS.map((s) => s.join('-')), courier_shifts: COURIER_SHIFTS.map((s) => s.join('-')) },
  shuttle: {
    requests_sent: counts.rides_sent, promised: counts.rides_promised, refused: counts.rides_refused, other_answers: counts.rides_other,
    sent_late: counts.rides_sent_late, by_operator: shuttleReqs.filter((q) => q.byOperator).length, by_residents: shuttleReqs.filter((q) => !q.byOperator).length,
    booked_ahead: shuttleReqs.filter((q) => !q.asap).length,
    completed, no_show: board.figures.no_show, cancelled: board.figures.cancelled,
    promises_kept: completed - rideBroken.filter((b) => b.status === 'completed').length,
    broken: rideBroken.length, broken_flagged_by_engine: rideBroken.filter((b) => b.flagged).length, broken_silent: rideBroken.filter((b) => !b.flagged).length,
    flagged_by_engine: [...flagged.keys()].filter((id) => rides.has(id)).length,
    on_time_pickups: onTimePickups, on_time_rate: completed ? r2(onTimePickups / completed) : null,
    mean_wait_min: r2(mean(waits)), p95_wait_min: r2(pct(waits, 0.95)), mean_ride_min: r2(mean(rideTimes)),
    board_figures: board.figures,
    latency_promised: latency(lat.ride_promised), latency_refused: latency(lat.ride_refused),
    latency_requests: latency([...lat.ride_promised, ...lat.ride_refused]),
  },
  luggage: {
    orders_sent: counts.orders_sent, scheduled: counts.orders_scheduled, refused: counts.orders_refused, other_answers: counts.orders_other,
    sent_late: counts.orders_sent_late, delivered, delivered_on_time: deliveredOnTime,
    on_time_rate: delivered ? r2(deliveredOnTime / delivered) : null,
    broken: orderBroken.length, broken_flagged_by_engine: orderBroken.filter((b) => b.flagged).length, broken_silent: orderBroken.filter((b) => !b.flagged).length,
    flagged_by_engine: [...flagged.keys()].filter((id) => orders.has(id)).length,
    figures: lday.figures, latency_scheduled: latency(lat.order_scheduled), latency_refused: latency(lat.order_refused),
    latency_orders: latency([...lat.order_scheduled, ...lat.order_refused]),
    courier_km_driven: r2(courierVans.reduce((a, v) => a + v.km, 0) / 1000), courier_hours_driving: hours(courierVans, (v) => v.driveS),
  },
  drivers: {
    cancels: counts.cancels, cancels_after_pickup: counts.cancels_too_late, cancels_refused: counts.cancels_refused, cancel_errors: counts.cancel_errors,
    no_shows_marked: counts.no_shows_marked, not_next_stop: counts.not_next_stop, stop_races: stopRaces, stop_errors: counts.stop_errors,
    stops_handled: actions.length, stranded_stops: vans.reduce((a, v) => a + (v.leftover || 0), 0),
    max_late_s_reported: Math.max(...vans.map((v) => v.lateMax || 0)),
    latency_position: latency(lat.position), latency_stops: latency(lat.driver_stops), latency_today: latency(lat.driver_today),
  },
  vans: vans.map((v) => ({ label: v.label, shift: `${hm(v.shiftFrom)}-${hm(v.shiftTo)}`, stops_handled: v.stops, km: r2(v.km / 1000),
    hours_driving: r2(v.driveS / 3600), hours_waiting: r2(v.waitS / 3600), max_late_s: v.lateMax || 0, left_at: v.leftAt ? hm(v.leftAt) : null,
    stops_left: v.leftover || 0 })),
  plan_misses_unflagged: { count: planBreaks.size, first: [...planBreaks.values()].slice(0, 5) },
  board_reads: boards,
  events: eventCounts,
  dongne: {
    served: completed + board.figures.no_show, vehicle_km: board.figures.vehicle_km, occupancy: board.figures.occupancy,
    km_driven_simulated: r2(shuttleVans.reduce((a, v) => a + v.km, 0) / 1000),
    vehicle_hours_driving_service: hours(shuttleVans, (v) => v.driveS + v.serviceS),
    vehicle_hours_with_waits: hours(shuttleVans, (v) => v.driveS + v.serviceS + v.waitS),
    km_per_ride: r2(board.figures.vehicle_km / Math.max(1, completed + board.figures.no_show)),
  },
  baseline_one_by_one: { served: bServed, vehicle_km: r2(bVehM / 1000), occupancy: r2(bPaxM / bVehM), vehicle_hours: r2(bBusyS / 3600),
    km_per_ride: r2(bVehM / 1000 / Math.max(1, bServed)) },
  broken_promises: broken.slice(0, 30),
  errors: { count: errors.length, first: errors.slice(0, 20) },
  http_calls: httpCount,
};
finished = true;
console.log(JSON.stringify(result, null, 2));
if (args.json) writeFileSync(args.json, JSON.stringify(result, null, 2) + '\n');
server.kill('SIGTERM');
await new Promise((r) => (serverExited ? r() : server.once('exit', r)));
rmSync(dataDir, { recursive: true, force: true });
rmSync(share, { recursive: true, force: true });
