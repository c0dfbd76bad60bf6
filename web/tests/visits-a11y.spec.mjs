// Accessibility of the home-visit pages at 320, 640 and 1280 px, in Korean and English (the pattern of
// dispatch-a11y.spec.mjs): axe-core finds no serious or critical violations and nothing is wider than the screen on
// the family's request page (signed out, and a parent's form with its visits), a coach's day, and the operator's
// week (the table per worker, the unserved list, continuity, the away form).
import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { signIn } from './helpers.mjs';

const WIDTHS = [320, 640, 1280];

async function expectNoSeriousViolations(page, label) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = bad.map((v) => `${v.impact} ${v.id}: ${v.help}\n    ${v.nodes.slice(0, 5).map((n) => n.target.join(' ')).join('\n    ')}`);
  expect(report, `${label}: axe violations`).toEqual([]);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${label}: wider than the screen`).toBeLessThanOrEqual(0);
}

async function bothLanguages(page, label) {
  await expectNoSeriousViolations(page, `${label} (ko)`);
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expectNoSeriousViolations(page, `${label} (en)`);
  await page.getByRole('button', { name: '한국어' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
}

for (const width of WIDTHS) {
  test.describe(`at ${width} px`, () => {
    test.beforeEach(async ({ page }) => {
      await page.emulateMedia({ reducedMotion: 'reduce' });
      await page.setViewportSize({ width, height: 900 });
    });

    test('the family request page, signed out and as a parent, has no serious or critical axe violations', async ({ page }) => {
      test.setTimeout(120_000);
      await page.goto('/dispatch/visits');
      await expect(page.locator('#visits-sign-in')).toBeVisible();
      await bothLanguages(page, 'visits signed out');
      await signIn(page, 'parent2');
      await page.goto('/dispatch/visits');
      await expect(page.locator('#visit-request')).toBeVisible();
      await expect(page.locator('#visits-box')).not.toBeEmpty();
      await bothLanguages(page, 'visits as a parent');
    });

    test('a coach’s day has no serious or critical axe violations', async ({ page }) => {
      test.setTimeout(120_000);
      await signIn(page, 'coach2');
      await page.goto('/dispatch/visits/worker');
      await expect(page.locator('#worker-day')).not.toBeEmpty();
      await bothLanguages(page, 'worker day');
    });

    test('the operator’s week has no serious or critical axe violations', async ({ page }) => {
      test.setTimeout(120_000);
      await signIn(page, 'operator-instructors');
      await page.goto('/dispatch/visits/console');
      await expect(page.locator('#week-table')).toBeVisible();
      await expect(page.locator('#unserved')).toBeVisible();
      await bothLanguages(page, 'visits console');
    });
  });
}
