// Accessibility of the home-visit pages at 320, 640 and 1280 px, in Korean and English (the pattern of
// dispatch-a11y.spec.mjs): axe-core finds no serious or critical violations and nothing is wider than the screen on
// the family's request page (signed out, and a parent's form with its visits), a coach's day, and the operator's
// week (the table per worker, the unserved list, continuity, the away form).
import { test, expect } from '@playwright/test';
import { expectNoSeriousViolations, WIDTHS } from './axe.mjs';
import { signIn } from './helpers.mjs';

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
