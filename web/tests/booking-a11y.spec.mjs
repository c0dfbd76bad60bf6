// Accessibility of the booking pages: axe-core finds no serious or critical violations for residents (catalogue,
// a resource's week, household, my bookings) and for a facility manager (the desk), in Korean and English.
import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { signIn } from './helpers.mjs';

async function expectNoSeriousViolations(page, label) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = bad.map((v) => `${v.impact} ${v.id}: ${v.help}\n    ${v.nodes.slice(0, 5).map((n) => n.target.join(' ')).join('\n    ')}`);
  expect(report, `${label}: axe violations`).toEqual([]);
}

test('resident booking pages have no serious or critical axe violations', async ({ page }) => {
  await signIn(page, 'resident');
  await page.locator('nav a[href="/booking"]').click();
  await expect(page.locator('li[data-code="seongbuk-photo-studio"]')).toBeVisible();
  await expectNoSeriousViolations(page, 'catalogue');
  await page.locator('li[data-code="seongbuk-photo-studio"] a').click();
  await expect(page.locator('#booking-calendar .week-nav')).toBeVisible();
  await expectNoSeriousViolations(page, 'studio week');
  await page.getByRole('button', { name: 'English' }).click();
  await expectNoSeriousViolations(page, 'studio week (en)');
  await page.getByRole('button', { name: '한국어' }).click();
  await page.goto('/booking/household');
  await expect(page.locator('#household-form')).toBeVisible();
  await expectNoSeriousViolations(page, 'household');
  await page.goto('/booking/mine');
  await expect(page.locator('#my-bookings')).toBeVisible();
  await expectNoSeriousViolations(page, 'my bookings');
  await page.goto('/booking/r/1');
  await expect(page.locator('#item-form')).toBeVisible();
  await expectNoSeriousViolations(page, 'outfit lending');
});

test('the facility desk has no serious or critical axe violations', async ({ page }) => {
  await signIn(page, 'facility_manager');
  await page.goto('/booking/manage');
  await expect(page.locator('#day-sheet')).toBeVisible();
  await expectNoSeriousViolations(page, 'desk');
});
