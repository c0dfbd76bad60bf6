// The crash loop (bench/crash/crash_loop.mjs) at a size CI can afford: 64 clients writing through every write path
// while the server is killed with SIGKILL 3 times; every acknowledged write must be in the store afterwards, no
// slot over its places, no retried booking made twice. The full run (256 clients, 20 kills) is in
// docs/benchmarks.md.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';

test('every acknowledged write survives three SIGKILLs under 64 writing clients', { timeout: 180000 }, async () => {
  const script = fileURLToPath(new URL('../../bench/crash/crash_loop.mjs', import.meta.url));
  const { stdout } = await promisify(execFile)(process.execPath, [script, '--clients', '64', '--kills', '3'],
    { env: process.env, maxBuffer: 1 << 24 });
  const r = JSON.parse(stdout);
  assert.deepEqual(r.lost, { accounts: 0, households: 0, bookings: 0, seekers: 0, notes: 0 });
  assert.equal(r.over_capacity_slots, 0);
  assert.equal(r.doubled_bookings, 0);
  for (const [kind, count] of Object.entries(r.acknowledged)) assert.ok(count > 0, `some ${kind} were acknowledged`);
  assert.ok(r.hot_slot_confirmed.every((c) => c <= 10) && r.hot_slot_confirmed.some((c) => c > 0), String(r.hot_slot_confirmed));
});
