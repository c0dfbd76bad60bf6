// An acknowledged write survives kill -9: registrations answered 201 are all there after a SIGKILL and restart.
// SIGTERM drains: requests in flight finish before the process exits.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server, call } from './harness.mjs';

const server = new Server();
before(() => server.start());
after(() => server.stop());

test('writes acknowledged before SIGKILL are all there after restart', async () => {
  const acked = [];
  const attempts = [];
  for (let i = 0; i < 40; i++) {
    const email = `durable${i}@example.kr`;
    attempts.push(call(server, 'POST', '/api/v1/auth/register', { body: { name: `D${i}`, email, password: 'durable-password-1' } })
      .then((r) => { if (r.status === 201) acked.push(email); })
      .catch(() => {}));
    if (i === 30) { await Promise.all(attempts); server.proc.kill('SIGKILL'); }
  }
  await Promise.all(attempts);
  await server.exited;
  server.proc = null;
  assert.ok(acked.length >= 31, `acknowledged ${acked.length}`);
  await server.start();
  for (const email of acked) {
    const r = await call(server, 'POST', '/api/v1/auth/login', { body: { login: email, password: 'durable-password-1', token: true } });
    assert.equal(r.status, 200, `${email} survived: ${r.text}`);
  }
});

test('SIGTERM lets requests in flight finish', async () => {
  const inflight = call(server, 'POST', '/api/v1/auth/register', { body: { name: 'Late', email: 'late@example.kr', password: 'durable-password-1' } });
  await new Promise((r) => setTimeout(r, 5));
  server.proc.kill('SIGTERM');
  const r = await inflight;
  assert.equal(r.status, 201, r.text);
  const exit = await server.exited;
  assert.equal(exit.code, 0, `clean exit: ${JSON.stringify(exit)}`);
  server.proc = null;
  await server.start();
  const login = await call(server, 'POST', '/api/v1/auth/login', { body: { login: 'late@example.kr', password: 'durable-password-1' } });
  assert.equal(login.status, 200);
});
