#!/usr/bin/env node
// The shuttle over HTTP, end to end: a real dongne server (release build) with the Geomdan area, 48 virtual stops
// and 50 vans (a generated bench configuration beside the real data folder), its dispatch clock at 05:00 on a
// Wednesday. 1,000 requests are booked first (windows spread 06:00-21:30), then MEASURED more are timed with
// those open. Afterwards every promise on the board is checked (ETA inside the window, arrival by the latest
// arrival), and the plan's vehicle-km and occupancy are compared with a baseline dispatcher that serves the same
// requests one by one in arrival order (each appended to the end of the van that can reach it first, no pooling
// into a route's middle), on the same travel model (great circle x 1.3 at the area's time-of-day speeds).
// Usage: node bench/dispatch/shuttle_http.mjs [--store sqlite|postgresql] [--open 1000] [--measured 500] [--json FILE]
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, readdirSync, symlinkSync, writeFileSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import { join, resolve } from 'node:path';
import net from 'node:net';

const ROOT = resolve(new URL('../..', import.meta.url).pathname);
const args = Object.fromEntries(process.argv.slice(2).reduce((a, x, i, all) => (x.startsWith('--') ? [...a, [x.slice(2), all[i + 1]]] : a), []));
const STORE = args.store || 'sqlite';
const OPEN = Number(args.open || 1000);
const MEASURED = Number(args.measured || 500);
const VEHICLES = 50;
const BIN = process.env.DONGNE_BIN || join(ROOT, 'build/release/dongne');
const PASSWORD = 'bench-password-1';

// A deterministic generator (the same requests every run).
let seed = 20261202;
const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);

// --- the bench configuration: the demo area with a grid of extra stops and 50 vans ---
const demo = JSON.parse(readFileSync(join(ROOT, 'data/demo/dispatch.json'), 'utf8'));
const area = structuredClone(demo.areas[0]);
for (let i = 0; i < 8; i++) {
  for (let j = 0; j < 5; j++) {
    area.stops.push({ code: `B-${i}-${j}`, name_ko: `벤치 정류장 ${i}-${j}`, name_en: `Bench stop ${i}-${j}`,
      lat: 37.570 + 0.045 * (j + 0.5) / 5, lon: 126.620 + 0.065 * (i + 0.5) / 8 });
  }
}
area.vehicles = [];
for (let v = 0; v < VEHICLES; v++) {
  area.vehicles.push({ label: `Bench van ${v + 1}`, seats: 11, wheelchair_places: 0, depot: area.stops[v % area.stops.length].code,
    shift: ['05:00', '24:00'], days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] });
}
const share = mkdtempSync(join(tmpdir(), 'dongne-shuttle-bench-share-'));
for (const e of readdirSync(join(ROOT, 'data'))) if (e !== 'demo') symlinkSync(join(ROOT, 'data', e), join(share, e));
mkdirSync(join(share, 'demo'));
for (const e of readdirSync(join(ROOT, 'data/demo'))) if (e !== 'dispatch.json') symlinkSync(join(ROOT, 'data/demo', e), join(share, 'demo', e));
writeFileSync(join(share, 'demo/dispatch.json'), JSON.stringify({ ...demo, areas: [area] }));

// --- the server ---
const freePort = () => new Promise((res) => { const s = net.createServer(); s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => res(port)); }); });
const port = await freePort();
const dataDir = mkdtempSync(join(tmpdir(), 'dongne-shuttle-bench-'));
let db = `sqlite:${dataDir}/dongne.db`;
if (STORE === 'postgresql') {
  if (!process.env.DONGNE_PG) throw new Error('--store postgresql needs DONGNE_PG (scripts/with-postgres.sh)');
  const { execFileSync } = await import('node:child_process');
  const name = `dongne_shuttle_bench_${process.pid}`;
  execFileSync('psql', [process.env.DONGNE_PG, '-q', '-c', `CREATE DATABASE ${name}`]);
  db = `${process.env.DONGNE_PG} dbname=${name}`;
}
const server = spawn(BIN, ['up'], {
  env: { ...process.env, DONGNE_PORT: String(port), DONGNE_DATA_DIR: dataDir, DONGNE_DB: db, DONGNE_SHARE_DIR: share,
    DONGNE_DEMO_PASSWORD: PASSWORD, DONGNE_ACCESS_LOG: '0', DONGNE_WEB_DIR: join(dataDir, 'none'),
    DONGNE_DISPATCH_CLOCK_AT: '2026-12-02T05:00:00+09:00' },
  stdio: ['ignore', 'ignore', 'inherit'],
});
const URL_ = `http://127.0.0.1:${port}`;
for (let i = 0; i < 1200; i++) {
  try { if ((await fetch(`${URL_}/readyz`)).status === 200) break; } catch { /* not yet */ }
  await new Promise((r) => setTimeout(r, 100));
}
const call = async (method, path, token, body) => {
  const r = await fetch(URL_ + path, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body ? JSON.stringify(body) : undefined });
  return { status: r.status, body: await r.json().catch(() => null) };
};
const login = await fetch(`${URL_}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ login: 'operator-shuttle@demo.dongne.kr', password: PASSWORD, token: true }) }).then((r) => r.json());
const op = login.token;
const areas = (await call('GET', '/api/v1/dispatch/areas', op)).body.items;
const a = areas.find((x) => x.code === 'geomdan');

// --- requests: shift changes weigh heavily (06:30-08:30, 17:30-19:00), the rest spread over the day ---
function request(i) {
  const peak = rnd();
  const minute = peak < 0.35 ? 390 + rnd() * 120 : peak < 0.6 ? 1050 + rnd() * 90 : 360 + rnd() * 930;
  const hh = String(Math.floor(minute / 60)).padStart(2, '0'), mm = String(Math.floor(minute % 60)).padStart(2, '0');
  let from = Math.floor(rnd() * a.stops.length), to = Math.floor(rnd() * a.stops.length);
  if (to === from) to = (from + 1) % a.stops.length;
  return { area_id: a.id, pickup_stop_id: a.stops[from].id, dropoff_stop_id: a.stops[to].id, pickup_after: `2026-12-02T${hh}:${mm}:00+09:00`,
    passengers: 1 + Math.floor(rnd() * 2), rider: { name: `벤치 ${i}`, phone: '01000000000' } };
}
const all = [];
const lat = [], latPromised = [], latRefused = [];
let promised = 0, refused = 0, other = 0;
async function submit(n, timed) {
  for (let i = 0; i < n; i++) {
    const body = request(all.length);
    const t0 = process.hrtime.bigint();
    const r = await call('POST', '/api/v1/dispatch/rides', op, body);
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (timed) { lat.push(ms); (r.status === 201 ? latPromised : latRefused).push(ms); }
    if (r.status === 201) promised++;
    else if (r.status === 409) refused++;
    else { other++; if (other < 5) console.error(r.status, JSON.stringify(r.body)); }
    all.push({ ...body, answer: r.status, ride: r.body?.ride });
  }
}
const t0 = Date.now();
await submit(OPEN, false);
const loadS = (Date.now() - t0) / 1000;
await submit(MEASURED, true);
lat.sort((x, y) => x - y);
const pct = (p, xs = lat) => xs[Math.min(xs.length - 1, Math.floor(p * xs.length))];
latPromised.sort((x, y) => x - y);
latRefused.sort((x, y) => x - y);

// --- promise keeping, from the board ---
const board = (await call('GET', `/api/v1/dispatch/areas/${a.id}/board?date=2026-12-02`, op)).body;
let broken = 0;
for (const r of board.rides) {
  if (r.status !== 'promised') continue;
  if (!(r.eta?.pickup >= r.window.from && r.eta.pickup <= r.window.to && r.eta.dropoff <= r.latest_arrival)) {
    if (++broken <= 3) console.error('broken promise', JSON.stringify({ id: r.id, window: r.window, eta: r.eta, latest: r.latest_arrival }));
  }
}

// --- the baseline: one by one in arrival order, appended to the van that reaches the pickup first ---
const speeds = demo.areas[0].rules.speeds.map((s) => ({ from: Number(s.from.slice(0, 2)) * 3600 + Number(s.from.slice(3)) * 60, ms: s.kmh / 3.6 }));
const R = 6371008.8, rad = Math.PI / 180;
const metres = (p, q) => {
  const dl = (q.lat - p.lat) * rad, dn = (q.lon - p.lon) * rad;
  const h = Math.sin(dl / 2) ** 2 + Math.cos(p.lat * rad) * Math.cos(q.lat * rad) * Math.sin(dn / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(h))) * 1.3;
};
const speedAt = (t) => { let v = speeds[0].ms; for (const s of speeds) if (((t % 86400) + 86400) % 86400 >= s.from) v = s.ms; return v; };
const drive = (m, t) => m / speedAt(t);  // (piecewise speeds: the speed at departure; close enough for a baseline)
const stopById = Object.fromEntries(a.stops.map((s) => [s.id, s]));
const vans = board.vehicles.map((v) => ({ at: stopById[a.stops[0].id], free: 5 * 3600, km: 0 }));
board.vehicles.forEach((v, i) => { vans[i].at = a.stops.find((s) => v.stops[0]?.stop.id === s.id) || a.stops[i % a.stops.length]; });
let bServed = 0, bPaxM = 0, bVehM = 0, bBusyS = 0;
for (const q of all) {
  const ws = Number(q.pickup_after.slice(11, 13)) * 3600 + Number(q.pickup_after.slice(14, 16)) * 60, we = ws + 900;
  const p = stopById[q.pickup_stop_id], d = stopById[q.dropoff_stop_id];
  let best = -1, bestArr = Infinity;
  vans.forEach((v, i) => { const arr = Math.max(v.free + drive(metres(v.at, p), v.free), ws); if (arr <= we && arr < bestArr) { best = i; bestArr = arr; } });
  if (best < 0) continue;
  const v = vans[best];
  const m1 = metres(v.at, p), m2 = metres(p, d);
  const done = bestArr + 60 + drive(m2, bestArr + 60) + 60;
  bBusyS += done - Math.max(v.free, ws - drive(m1, v.free));
  v.free = done; v.at = d; v.km += m1 + m2;
  bVehM += m1 + m2; bPaxM += q.passengers * m2; bServed++;
}

// dongne's vehicle-hours: each van from its first planned stop to its last.
let dHours = 0;
for (const v of board.vehicles) {
  const ts = v.stops.map((x) => Date.parse(x.eta)).filter((x) => !Number.isNaN(x));
  if (ts.length) dHours += (Math.max(...ts) - Math.min(...ts)) / 3600e3;
}
const result = {
  bench: 'shuttle over HTTP', store: STORE, cores: cpus().length, vehicles: VEHICLES, stops: a.stops.length,
  open_before_measuring: OPEN, measured_requests: MEASURED, load_seconds: loadS,
  p50_ms: pct(0.5), p95_ms: pct(0.95), p99_ms: pct(0.99), max_ms: lat[lat.length - 1],
  promised_p99_ms: pct(0.99, latPromised) ?? null, refused_p99_ms: pct(0.99, latRefused) ?? null,
  measured_promised: latPromised.length, measured_refused: latRefused.length,
  promised, refused, other_answers: other, broken_promises: broken,
  dongne: { served: board.figures.promised, vehicle_km: board.figures.vehicle_km, occupancy: board.figures.occupancy,
    vehicle_hours: dHours, km_per_ride: board.figures.vehicle_km / board.figures.promised },
  baseline_one_by_one: { served: bServed, vehicle_km: bVehM / 1000, occupancy: bPaxM / bVehM, vehicle_hours: bBusyS / 3600,
    km_per_ride: bVehM / 1000 / bServed },
};
console.log(JSON.stringify(result, null, 2));
if (args.json) writeFileSync(args.json, JSON.stringify(result, null, 2) + '\n');
server.kill('SIGTERM');
await new Promise((r) => server.once('exit', r));
rmSync(dataDir, { recursive: true, force: true });
rmSync(share, { recursive: true, force: true });
