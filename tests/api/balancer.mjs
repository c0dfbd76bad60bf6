// HAProxy (Debian's haproxy, installed by scripts/setup.sh full) in front of several dongne instances, as a city
// that outgrows one machine runs them: round robin, health checks on /readyz every 200 ms, a request that cannot
// reach an instance retried on another, X-Forwarded-For appended (the instances trust 127.0.0.1 as their proxy).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './harness.mjs';

export class Balancer {
  constructor(servers) {
    this.servers = servers;
    this.dir = mkdtempSync(join(tmpdir(), 'dongne-lb-'));
    this.log = '';
  }

  async start() {
    this.port = await freePort();
    this.url = `http://127.0.0.1:${this.port}`;
    const backends = this.servers.map((s, i) => `  server i${i} 127.0.0.1:${s.port} check`).join('\n');
    writeFileSync(join(this.dir, 'haproxy.cfg'), `global
  maxconn 8192
defaults
  mode http
  timeout connect 1s
  timeout client 30s
  timeout server 30s
  timeout http-request 10s
  retries 3
  option redispatch 1
  retry-on conn-failure empty-response
frontend dongne
  bind 127.0.0.1:${this.port}
  # RFC 9112 section 3.2: an HTTP/1.1 request with no Host, or several, is refused here, and its connection closed.
  http-request deny deny_status 400 if { req.ver 1.1 } !{ req.hdr_cnt(host) eq 1 }
  option forwardfor
  default_backend instances
backend instances
  balance roundrobin
  option httpchk GET /readyz
  http-check expect status 200
  default-server inter 200ms fall 1 rise 2
${backends}
`);
    this.proc = spawn('haproxy', ['-f', join(this.dir, 'haproxy.cfg'), '-db'], { stdio: ['ignore', 'pipe', 'pipe'] });
    this.proc.stdout.on('data', (d) => { this.log += d; });
    this.proc.stderr.on('data', (d) => { this.log += d; });
    const deadline = Date.now() + 20000;
    while (Date.now() < deadline) {
      try {
        if ((await fetch(`${this.url}/readyz`)).status === 200) return this;
      } catch { /* not yet */ }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`haproxy did not start:\n${this.log}`);
  }

  async stop() {
    if (this.proc) {
      this.proc.kill('SIGTERM');
      await new Promise((r) => this.proc.once('exit', r));
      this.proc = null;
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
