// Playwright in the system Chromium (Debian's /usr/bin/chromium; no browser download), against a running
// dongne server: DONGNE_URL (default http://127.0.0.1:8080), demo password in DONGNE_DEMO_PASSWORD.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';

// Chromium writes caches and settings under the XDG folders: point them at throwaway temporary folders.
// Folders already under the temporary directory (scripts/e2e.sh makes its own) are kept; anything else (a
// person's real ~/.config) is replaced. The workers inherit what the runner sets here.
for (const name of ['XDG_CONFIG_HOME', 'XDG_CACHE_HOME']) {
  const v = process.env[name];
  if (!v || !path.resolve(v).startsWith(path.resolve(tmpdir()) + path.sep)) {
    process.env[name] = mkdtempSync(path.join(tmpdir(), `dongne-pw-${name.toLowerCase()}-`));
  }
}

export default defineConfig({
  testDir: './tests',
  testMatch: '**/*.spec.mjs',
  workers: 1,
  fullyParallel: false,
  reporter: 'list',
  // Generous: password hashing (argon2id) on a busy 2-core machine can take a while per sign-in.
  timeout: 60_000,
  expect: { timeout: 10_000 },
  retries: 0,
  forbidOnly: !!process.env.CI,
  outputDir: 'test-results',
  use: {
    baseURL: process.env.DONGNE_URL || 'http://127.0.0.1:8080',
    browserName: 'chromium',
    locale: 'ko-KR',
    timezoneId: 'Asia/Seoul',
    viewport: { width: 1280, height: 900 },
    trace: 'off',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
