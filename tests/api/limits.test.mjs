// Abuse limits at the edge, with a low booking rate so the test is quick (DONGNE_BOOKING_RATE=3: three bookings at
// once, then one every 20 s): a resident who sends too many booking requests waits and is told how long; other
// residents are not slowed. (Sign-in throttling is in auth.test.mjs.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server, call, assertProblem } from './harness.mjs';

const server = new Server();
before(() => server.start({ DONGNE_BOOKING_RATE: '3' }, { command: 'serve' }));
after(() => server.stop());

async function resident(name) {
  const email = `${name}@limits.example.kr`;
  const password = 'limits-test-password-1';
  const reg = await call(server, 'POST', '/api/v1/auth/register', { body: { name, email, password } });
  assert.equal(reg.status, 201, reg.text);
  const login = await call(server, 'POST', '/api/v1/auth/login', { body: { login: email, password, token: true } });
  assert.equal(login.status, 200, login.text);
  return login.body.token;
}

test('a resident booking too fast waits, and is told how long; other residents are not slowed', async () => {
  const [fast, other] = [await resident('fast'), await resident('other')];
  const book = (token, key) => call(server, 'POST', '/api/v1/booking/bookings', {
    token, headers: { 'idempotency-key': key },
    body: { resource_id: 424242, start: '2027-01-05T10:00:00+09:00', end: '2027-01-05T11:00:00+09:00' },
  });
  for (let i = 0; i < 3; i++) {
    const r = await book(fast, `fast-${i}`);
    assert.notEqual(r.status, 429, r.text);  // refused for what it asks (no such resource), not for the rate
    assert.ok(r.status >= 400 && r.status < 500, r.text);
  }
  const limited = await book(fast, 'fast-3');
  assertProblem(assert, limited, 429);
  assert.equal(limited.body.reason, 'rate_limited');
  assert.ok(limited.body.retry_after_s >= 19 && limited.body.retry_after_s <= 20, limited.text);
  assert.equal(limited.headers.get('retry-after'), String(limited.body.retry_after_s));
  assert.match(limited.body.title, /too many booking requests; try again in (19|20) seconds/);
  assert.match(limited.body.title_ko, /예약 요청이 너무 많습니다\. (19|20)초 후 다시 시도해 주세요/);
  assert.notEqual((await book(other, 'other-0')).status, 429, 'another resident books at once');
});
