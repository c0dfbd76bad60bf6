// dongne behind HAProxy, two instances on one PostgreSQL store (tests/api/balancer.mjs): the framing cases of
// docs/http-edge.md sent through the balancer are refused, once, and nothing after them runs as a second request;
// and the crash loop through the balancer, killing one instance at a time, loses and doubles nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { Server, tokenFor, STORE } from './harness.mjs';
import { Balancer } from './balancer.mjs';

const skip = STORE !== 'postgresql' && 'several instances share a PostgreSQL store only';
const env = { DONGNE_TRUSTED_PROXIES: '127.0.0.1' };
const a = new Server();
let b;
let lb;
before(async () => {
  if (skip) return;
  await a.start(env);
  b = new Server({ db: a.db });
  await b.start(env, { command: 'serve' });
  lb = await new Balancer([a, b]).start();
});
after(async () => {
  if (skip) return;
  await lb.stop();
  await b.stop();
  await a.stop();
});

// Sends raw bytes and reads until the peer closes (or 3 s pass); returns what came back.
function raw(port, bytes) {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    let got = '';
    const done = () => { s.destroy(); resolve(got); };
    s.setTimeout(3000, done);
    s.on('data', (d) => { got += d.toString('latin1'); });
    s.on('end', done);
    s.on('error', done);
    s.write(bytes);
  });
}
const answers = (r) => (r.match(/^HTTP\/1\.[01] \d{3}/gm) || []).length;

test('framing cases through the balancer: refused once, and what follows never runs as a request', { skip }, async () => {
  const token = await tokenFor(a, 'resident');
  const next = `GET /api/v1/me HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\n\r\n`;
  const cases = [];
  for (const te of ['chunked, gzip', 'gzip', 'identity', 'xchunked']) {
    for (const cl of [false, true]) {
      cases.push(`POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: ${te}\r\n` +
        (cl ? `Content-Length: ${next.length}\r\n` : '') + `\r\n${next}`);
    }
  }
  cases.push(
    `POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: ${next.length}\r\nContent-Length: 3\r\n\r\n${next}`,
    'GET /api/v1/me HTTP/1.1\r\nBad Name: x\r\nHost: x\r\n\r\n' + next,
    'GET /api/v1/me HTTP/1.x\r\nHost: x\r\n\r\n' + next,
    'GET /api/v1/\0me HTTP/1.1\r\nHost: x\r\n\r\n' + next,
    'GET /api/v1/me HTTP/1.1\r\n\r\n' + next,
    'GET /api/v1/me HTTP/1.1\r\nHost: x\r\nHost: y\r\n\r\n' + next,
  );
  for (const c of cases) {
    const r = await raw(lb.port, c);
    const status = Number(r.slice(9, 12));
    assert.ok(status === 400 || status === 501, `${JSON.stringify(c.slice(0, 90))}\n${r.slice(0, 300)}`);
    assert.equal(answers(r), 1, `one answer only, the pipelined GET never ran:\n${r.slice(0, 600)}`);
    assert.ok(!r.includes('"roles"'), `no account in the answer:\n${JSON.stringify(c.slice(0, 120))}\n${r}`);
  }
  // What is well formed goes through, absolute-form included; a 1 MB header is refused by the balancer.
  const ok = await raw(lb.port, `GET http://127.0.0.1:${lb.port}/healthz HTTP/1.1\r\nHost: 127.0.0.1:${lb.port}\r\nConnection: close\r\n\r\n`);
  assert.match(ok, /^HTTP\/1\.1 200/);
  const big = await raw(lb.port, `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(1 << 20)}\r\n\r\n`);
  assert.ok([400, 413, 431].includes(Number(big.slice(9, 12))), big.slice(0, 200));
});

test('killing one instance at a time under load through the balancer loses and doubles nothing', { skip, timeout: 180000 }, async () => {
  const script = fileURLToPath(new URL('../../bench/crash/crash_loop.mjs', import.meta.url));
  const { stdout } = await promisify(execFile)(process.execPath, [script, '--instances', '2', '--clients', '64', '--kills', '3'],
    { env: process.env, maxBuffer: 1 << 24 });
  const r = JSON.parse(stdout);
  assert.equal(r.instances, 2);
  assert.deepEqual(r.lost, { accounts: 0, households: 0, bookings: 0, seekers: 0, notes: 0 });
  assert.equal(r.over_capacity_slots, 0);
  assert.equal(r.doubled_bookings, 0);
  for (const [kind, count] of Object.entries(r.acknowledged)) assert.ok(count > 0, `some ${kind} were acknowledged`);
});
