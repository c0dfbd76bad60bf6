// Starts a real dongne server for API tests: its own data directory (SQLite) or its own database on the
// throwaway PostgreSQL cluster (DONGNE_TEST_STORE=postgresql, DONGNE_PG set by scripts/with-postgres.sh).
// No mocks: every test talks HTTP to the real binary named by DONGNE_BIN.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import net from 'node:net';
import { Contract } from './contract.mjs';

export const DEMO_PASSWORD = process.env.DONGNE_DEMO_PASSWORD || 'demo-password-for-tests';
export const ROLES = ['resident', 'counsellor', 'employer', 'facility_manager', 'operator', 'driver',
  'district_officer', 'city_officer', 'admin'];
const ROOT = resolve(new URL('../..', import.meta.url).pathname);
export const BIN = process.env.DONGNE_BIN || join(ROOT, 'build/release/dongne');
export const STORE = process.env.DONGNE_TEST_STORE || 'sqlite';

export async function freePort() {
  return new Promise((res, rej) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => res(port)); });
    s.on('error', rej);
  });
}

export function newDatabaseUrl() {
  const base = process.env.DONGNE_PG;
  if (!base) throw new Error('DONGNE_TEST_STORE=postgresql needs DONGNE_PG (run through scripts/with-postgres.sh)');
  const name = `dongne_t_${process.pid}_${Math.floor(Math.random() * 1e9)}`;
  execFileSync('psql', [base, '-q', '-v', 'ON_ERROR_STOP=1', '-c', `CREATE DATABASE ${name}`], { stdio: 'pipe' });
  return `${base} dbname=${name}`;
}

export class Server {
  // { db }: share another server's database (e.g. two instances on one PostgreSQL database).
  constructor({ db } = {}) {
    this.dataDir = mkdtempSync(join(tmpdir(), 'dongne-api-'));
    this.db = db || (STORE === 'postgresql' ? newDatabaseUrl() : `sqlite:${this.dataDir}/dongne.db`);
    this.proc = null;
    this.log = '';
  }

  // command: 'up' (demo city) or 'serve' (an empty store, faster); nofile: the descriptor limit (ulimit -n).
  async start(extraEnv = {}, { command = 'up', nofile } = {}) {
    this.port = this.port || await freePort();
    this.url = `http://127.0.0.1:${this.port}`;
    const env = {
      ...process.env, DONGNE_PORT: String(this.port), DONGNE_DATA_DIR: this.dataDir, DONGNE_DB: this.db,
      DONGNE_DEMO_PASSWORD: DEMO_PASSWORD, DONGNE_ACCESS_LOG: '0', DONGNE_WEB_DIR: join(this.dataDir, 'no-web'),
      DONGNE_SHARE_DIR: join(ROOT, 'data'), DONGNE_THREADS: '4', ...extraEnv,
    };
    this.proc = nofile
      ? spawn('bash', ['-c', `ulimit -n ${nofile} && exec "$0" "$1"`, BIN, command], { env, stdio: ['ignore', 'pipe', 'pipe'] })
      : spawn(BIN, [command], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.proc.stdout.on('data', (d) => { this.log += d; });
    this.proc.stderr.on('data', (d) => { this.log += d; });
    const exited = new Promise((res) => this.proc.once('exit', (code, sig) => res({ code, sig })));
    this.exited = exited;
    // Generous: on a loaded 2-core CI machine (a sanitizer build beside it) the demo city takes a while.
    const deadline = Date.now() + 120000;
    while (Date.now() < deadline) {
      try {
        const r = await fetch(`${this.url}/readyz`);
        if (r.status === 200) {
          // Every answer call() receives is checked against the document the server serves (contract.mjs).
          const doc = await (await fetch(`${this.url}/api/openapi.json`)).json();
          this.contract = new Contract(doc);
          if (process.env.DONGNE_CONTRACT_LOG) writeFileSync(`${process.env.DONGNE_CONTRACT_LOG}.openapi.json`, JSON.stringify(doc));
          return this;
        }
      } catch { /* not up yet */ }
      const done = await Promise.race([exited, new Promise((r) => setTimeout(() => r(null), 100))]);
      if (done) throw new Error(`server exited early (${JSON.stringify(done)}):\n${this.log}`);
    }
    throw new Error(`server did not become ready:\n${this.log}`);
  }

  async kill(signal = 'SIGKILL') {
    if (!this.proc) return null;
    this.proc.kill(signal);
    const r = await this.exited;
    this.proc = null;
    return r;
  }

  async stop() {
    await this.kill('SIGTERM');
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}

// One HTTP call. Returns { status, headers, body (parsed JSON when JSON), text }. The answer must keep the OpenAPI
// contract (contract.mjs), else the call throws; contract: false skips that for a request made malformed on purpose.
export async function call(server, method, path, { token, cookie, body, raw, headers = {}, contract = true } = {}) {
  const h = { ...headers };
  if (token) h.authorization = `Bearer ${token}`;
  if (cookie) h.cookie = cookie;
  let payload;
  if (raw !== undefined) payload = raw;
  else if (body !== undefined) { payload = JSON.stringify(body); h['content-type'] ??= 'application/json'; }
  const r = await fetch(server.url + path, { method, headers: h, body: payload, redirect: 'manual' });
  const text = await r.text();
  let parsed = null;
  try { parsed = text ? JSON.parse(text) : null; } catch { parsed = null; }
  if (contract && server.contract) {
    const type = r.headers.get('content-type') || '';
    const off = server.contract.check(method, path, r.status, type, /json/.test(type) ? parsed : undefined);
    if (off.length) throw new Error(`the answer breaks the OpenAPI contract:\n${off.join('\n')}\n${text.slice(0, 500)}`);
  }
  return { status: r.status, headers: r.headers, body: parsed, text };
}

// Signs in with a bearer token as the demo account of a role.
export async function tokenFor(server, role) {
  const r = await call(server, 'POST', '/api/v1/auth/login',
    { body: { login: `${role}@demo.dongne.kr`, password: DEMO_PASSWORD, token: true } });
  if (r.status !== 200) throw new Error(`login as ${role} failed: ${r.status} ${r.text}`);
  return r.body.token;
}

export function assertProblem(assert, r, status) {
  assert.equal(r.status, status, `expected ${status}, got ${r.status}: ${r.text}`);
  assert.match(r.headers.get('content-type') || '', /application\/problem\+json/);
  assert.equal(r.body.status, status);
  assert.ok(r.body.title && r.body.title_ko, 'problem has English and Korean titles');
  assert.ok(Array.isArray(r.body.errors), 'problem has errors[]');
}
