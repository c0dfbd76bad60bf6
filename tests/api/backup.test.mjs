// Backup and restore as an operator runs them (`dongne backup FILE`, `dongne restore FILE`, `dongne digest`), on the
// store under test: a backup taken while the server runs restores into a new store that serves at once; a backup
// of a stopped store restores into one whose every table has the same rows (the digest of each table matches).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Server, call, BIN, STORE, newDatabaseUrl } from './harness.mjs';

const dir = mkdtempSync(join(tmpdir(), 'dongne-backup-'));
const freshStore = (name) => (STORE === 'postgresql' ? newDatabaseUrl() : `sqlite:${join(dir, name)}.db`);
const dongne = (db, ...args) => execFileSync(BIN, args, { env: { ...process.env, DONGNE_DB: db }, encoding: 'utf8' });
const servers = [];
after(async () => {
  for (const s of servers) await s.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('a store backed up while it serves, and again once stopped, restores whole into a new store', async () => {
  const source = new Server();
  servers.push(source);
  await source.start();
  const email = 'backup.resident@example.kr';
  const password = 'backup-test-password-1';
  assert.equal((await call(source, 'POST', '/api/v1/auth/register', { body: { name: '백업', email, password } })).status, 201);

  const live = join(dir, 'live.backup');
  dongne(source.db, 'backup', live);
  const restored = new Server({ db: freshStore('from-live') });
  servers.push(restored);
  dongne(restored.db, 'restore', live);
  await restored.start({}, { command: 'serve' });
  const login = await call(restored, 'POST', '/api/v1/auth/login', { body: { login: email, password, token: true } });
  assert.equal(login.status, 200, login.text);
  const resources = await call(restored, 'GET', '/api/v1/booking/resources');
  assert.ok(resources.body.items.length > 10, 'the demo city came along');

  await source.kill('SIGTERM');
  const stopped = join(dir, 'stopped.backup');
  dongne(source.db, 'backup', stopped);
  const copy = freshStore('from-stopped');
  dongne(copy, 'restore', stopped);
  const before = dongne(source.db, 'digest');
  const lines = before.trim().split('\n');
  assert.ok(lines.length > 40, before);
  assert.ok(lines.some((l) => /^events [1-9]\d* [0-9a-f]{64}$/.test(l)), before);
  assert.equal(dongne(copy, 'digest'), before);

  // A restore into a store that holds tables is refused and changes nothing.
  assert.throws(() => execFileSync(BIN, ['restore', stopped], { env: { ...process.env, DONGNE_DB: copy }, stdio: 'pipe' }),
    (e) => e.status !== 0 && /already holds tables/.test(String(e.stderr)));
  assert.equal(dongne(copy, 'digest'), before);
});
