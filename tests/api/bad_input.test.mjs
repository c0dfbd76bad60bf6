// Bad input never crashes the server or yields a 500: malformed JSON, wrong types, missing fields, oversized
// bodies, unknown routes, wrong methods, bad encodings, and SQL metacharacters in every string field.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { Server, call, tokenFor, assertProblem } from './harness.mjs';

const server = new Server();
before(() => server.start());
after(() => server.stop());

test('malformed JSON, non-object bodies and wrong content types', async () => {
  for (const raw of ['{', '{"login": }', 'null', '[1,2]', '"text"', '\u0000\u0001', '{"login":"a","password":"b"']) {
    const r = await call(server, 'POST', '/api/v1/auth/login', { raw, headers: { 'content-type': 'application/json' } });
    assertProblem(assert, r, 422);
    assert.equal(r.body.errors[0].field, 'body');
  }
  const text = await call(server, 'POST', '/api/v1/auth/login', { raw: 'login=a', headers: { 'content-type': 'text/plain' } });
  assertProblem(assert, text, 415);
  const empty = await call(server, 'POST', '/api/v1/auth/login', { headers: { 'content-type': 'application/json' } });
  assertProblem(assert, empty, 422);
});

test('wrong types and missing fields are listed field by field in Korean and English', async () => {
  const r = await call(server, 'POST', '/api/v1/auth/register', { body: { name: 42, email: ['x'], password: true, locale: 'fr' } });
  assertProblem(assert, r, 422);
  const fields = r.body.errors.map((e) => e.field).sort();
  assert.deepEqual(fields, ['email', 'locale', 'name', 'password']);
  for (const e of r.body.errors) assert.ok(e.message_ko && e.message_en && e.code);
  const big = await call(server, 'POST', '/api/v1/auth/register', { body: { name: 'x'.repeat(51), email: 'a@b.kr', password: 'long-enough-password', district_code: 1e400 } });
  assert.ok(big.status === 422, big.text);
});

test('a field the operation does not know is named in a 422, and nothing changes', async () => {
  const token = await tokenFor(server, 'resident');
  const before = (await call(server, 'GET', '/api/v1/me', { token })).body;
  const r = await call(server, 'PATCH', '/api/v1/me', { token, body: { display_name: '새 이름' } });
  assertProblem(assert, r, 422);
  assert.deepEqual(r.body.errors.map((e) => [e.field, e.code]), [['display_name', 'unknown']]);
  assert.equal((await call(server, 'GET', '/api/v1/me', { token })).body.name, before.name);
  const doc = (await call(server, 'GET', '/api/openapi.json')).body;
  assert.equal(doc.paths['/api/v1/me'].patch.requestBody.content['application/json'].schema.additionalProperties, false);
});

test('oversized bodies are refused with 413', async () => {
  const r = await call(server, 'POST', '/api/v1/auth/register', { raw: JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) }), headers: { 'content-type': 'application/json' } });
  assert.equal(r.status, 413);
  const ok = await call(server, 'GET', '/healthz');
  assert.equal(ok.status, 200, 'the server still answers');
});

test('unknown routes, wrong methods and bad percent-encoding', async () => {
  assertProblem(assert, await call(server, 'GET', '/api/v1/no-such-thing'), 404);
  const wrong = await call(server, 'DELETE', '/api/v1/auth/login');
  assertProblem(assert, wrong, 405);
  assert.match(wrong.headers.get('allow'), /POST/);
  assertProblem(assert, await call(server, 'GET', '/api/v1/districts/%zz'), 404);
  const admin = await tokenFor(server, 'admin');
  assertProblem(assert, await call(server, 'GET', '/api/v1/admin/users?limit=%G1', { token: admin }), 422);
  assertProblem(assert, await call(server, 'GET', '/api/v1/admin/users?limit=1000', { token: admin }), 422);
  assertProblem(assert, await call(server, 'GET', '/api/v1/admin/users/abc', { token: admin }), 422);
  assertProblem(assert, await call(server, 'GET', '/api/v1/admin/users/-1', { token: admin }), 422);
  assertProblem(assert, await call(server, 'GET', '/api/v1/holidays?year=2031'), 404);
  assertProblem(assert, await call(server, 'GET', '/api/v1/organisations?kind=castle'), 422);
});

test('SQL metacharacters in every string field are stored verbatim', async () => {
  const evil = "Robert'); DROP TABLE users;-- \" \\ % _ ` ; /* */";
  const reg = await call(server, 'POST', '/api/v1/auth/register', { body: { name: evil, email: "o'brien+x@example.kr", password: `${evil}pw`, district_code: evil.slice(0, 40) } });
  assert.equal(reg.status, 201, reg.text);
  assert.equal(reg.body.user.name, evil);
  const login = await call(server, 'POST', '/api/v1/auth/login', { body: { login: "o'brien+x@example.kr", password: `${evil}pw`, token: true } });
  assert.equal(login.status, 200, login.text);
  const me = await call(server, 'GET', '/api/v1/me', { token: login.body.token });
  assert.equal(me.body.name, evil);
  assert.equal(me.body.district_code, evil.slice(0, 40));
  const sqlLogin = await call(server, 'POST', '/api/v1/auth/login', { body: { login: "' OR '1'='1", password: "' OR '1'='1" } });
  assertProblem(assert, sqlLogin, 401);
  const admin = await tokenFor(server, 'admin');
  const list = await call(server, 'GET', '/api/v1/admin/users?limit=100', { token: admin });
  assert.ok(list.body.items.length >= 10, 'users table intact');
});

test('a malformed HTTP request gets a 400 and the server keeps serving', async () => {
  const reply = await new Promise((resolve, reject) => {
    const s = net.connect(server.port, '127.0.0.1', () => s.write('BLAH / HTTP/9\r\n\r\n'));
    let data = '';
    s.on('data', (d) => { data += d; });
    s.on('end', () => resolve(data));
    s.on('error', reject);
    setTimeout(() => { s.destroy(); resolve(data); }, 3000);
  });
  assert.match(reply, /^HTTP\/1\.1 4\d\d/);
  assert.equal((await call(server, 'GET', '/healthz')).status, 200);
});
