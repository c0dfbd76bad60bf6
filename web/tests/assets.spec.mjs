// The build's promise to the server: hashed asset names, no remote URLs, index.html revalidated, assets immutable.
import { test, expect } from '@playwright/test';

test('index.html is no-cache and every asset it names is hashed, local and immutable', async ({ request }) => {
  const res = await request.get('/');
  expect(res.status()).toBe(200);
  expect(res.headers()['cache-control']).toContain('no-cache');
  const html = await res.text();
  const refs = [...html.matchAll(/\b(?:src|href)="([^"#]+)"/g)].map((m) => m[1]);
  expect(refs.length).toBeGreaterThan(3);
  for (const ref of refs) {
    expect(ref, 'no remote URLs').not.toMatch(/^(?:https?:)?\/\//);
    expect(ref).toMatch(/\.[0-9a-f]{10}\.[a-z0-9]+$/);
    const a = await request.get(ref);
    expect(a.status(), ref).toBe(200);
    expect(a.headers()['cache-control'], ref).toContain('immutable');
  }
});

test('unknown non-API paths fall back to the app, which says the page does not exist', async ({ page }) => {
  await page.goto('/no/such/page');
  await expect(page.locator('h1')).toHaveText('페이지를 찾을 수 없습니다');
});

test('no request leaves the origin while the app runs', async ({ page, baseURL }) => {
  const origin = new URL(baseURL).origin;
  const foreign = [];
  page.on('request', (r) => {
    if (!r.url().startsWith(origin) && !r.url().startsWith('data:')) foreign.push(r.url());
  });
  await page.goto('/signin');
  await expect(page.locator('#signin-form')).toBeVisible();
  await page.evaluate(() => document.fonts.ready);
  expect(foreign).toEqual([]);
  // The bundled PretendardGOV is what renders the text.
  expect(await page.evaluate(() => document.fonts.check('16px "Pretendard GOV"', '가'))).toBe(true);
});
