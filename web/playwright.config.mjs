// Playwright in the system Chromium (Debian's /usr/bin/chromium; no browser download), against a running
// dongne server: DONGNE_URL (default http://127.0.0.1:8080), demo password in DONGNE_DEMO_PASSWORD.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';

// Chromium writes its profile and caches under the XDG folders: keep them in throwaway temporary folders.
// Set once in the runner; the workers it starts inherit them.
for (const name of ['XDG_CONFIG_HOME', 'XDG_CACHE_HOME']) {
  if (!process.env[name] || !process.env.DONGNE_PW_XDG) {
    process.env[name] = mkdtempSync(path.join(tmpdir(), `dongne-pw-${name.toLowerCase()}-`));
  }
}
process.env.DONGNE_PW_XDG = '1';

export default defineConfig({
  testDir: './tests',
  testMatch: '**/*.spec.mjs',
  workers: 1,
  fullyParallel: false,
  reporter: 'list',
  timeout: 30_000,
  expect: { timeout: 5_000 },
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
