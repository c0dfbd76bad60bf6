// The HTTP edge under descriptor exhaustion: a server started with `ulimit -n 256` holds 400 idle connections
// without spinning, logs the exhaustion once, and answers again as soon as they close. Both ways it can meet the
// limit: its own connection cap (derived from the limit; new connections are turned away with 503), and a cap set
// too high, where accept() fails with EMFILE and the acceptor must back off.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import { Server } from './harness.mjs';

const TICKS = 100;  // USER_HZ on Linux

function cpuSeconds(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS;  // utime + stime
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function holdIdle(port, n) {
  const sockets = [];
  for (let i = 0; i < n; i++) {
    const s = net.connect(port, '127.0.0.1');
    s.on('error', () => {});
    sockets.push(s);
  }
  await sleep(1000);
  return sockets;
}

async function readyAgain(server) {
  const deadline = Date.now() + 15000;
  while (Date.now() < deadline) {
    try {
      const r = await fetch(`${server.url}/readyz`, { signal: AbortSignal.timeout(2000) });
      if (r.status === 200) return true;
    } catch { /* not yet */ }
    await sleep(100);
  }
  return false;
}

async function underPressure(env, check) {
  const server = new Server();
  await server.start({ DONGNE_HEADER_TIMEOUT_S: '30', DONGNE_MAX_CONNECTIONS_PER_ADDRESS: '0', ...env },
    { command: 'serve', nofile: 256 });
  try {
    const limits = server.log.split('\n').find((l) => l.includes('"connection limits"'));
    assert.ok(limits, server.log);
    assert.equal(JSON.parse(limits).nofile_soft, 256);
    const sockets = await holdIdle(server.port, 400);
    const before = cpuSeconds(server.proc.pid);
    await sleep(3000);
    const spent = cpuSeconds(server.proc.pid) - before;
    assert.ok(spent < 1.0, `the server spun: ${spent} CPU-s in 3 s with 400 idle connections`);
    await check(server);
    for (const s of sockets) s.destroy();
    assert.ok(await readyAgain(server), `no answer after the idle connections closed:\n${server.log.slice(-2000)}`);
    await sleep(300);  // the log line of the recovery
    return server.log;
  } finally {
    await server.stop();
  }
}

test('at its own connection cap the server turns new connections away with 503 and keeps running', async () => {
  await underPressure({}, async (server) => {
    const r = await fetch(`${server.url}/readyz`, { signal: AbortSignal.timeout(5000) }).catch((e) => e);
    assert.ok(r.status === 503, `expected 503 at the cap, got ${r.status ?? r}`);
    assert.equal(r.headers.get('content-type'), 'application/problem+json');
    assert.equal(r.headers.get('retry-after'), '1');
  });
});

test('out of descriptors (cap set above the limit) the acceptor backs off, logs once and recovers', async () => {
  const log = await underPressure({ DONGNE_MAX_CONNECTIONS: '100000' }, async () => {});
  const paused = log.split('\n').filter((l) => l.includes('out of file descriptors'));
  assert.equal(paused.length, 1, log.slice(-3000));
  assert.ok(log.includes('accepting connections again'), log.slice(-3000));
});
