// Accessibility of the booking pages: axe-core finds no serious or critical violations for residents (catalogue,
// a resource's week, household, my bookings) and for a facility manager (the desk, the resources list, the resource
// form new, with the server's field errors and editing an item), in Korean and English.
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

test('the resource settings pages have no serious or critical axe violations', async ({ page }) => {
  // KRDS buttons fade for 0.4 s from their disabled colours after a save; axe must not measure mid-fade.
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await signIn(page, 'facility_manager');
  await page.goto('/booking/manage/resources');
  await expect(page.locator('#resources-table tbody tr').first()).toBeVisible();
  await expectNoSeriousViolations(page, 'resources list');
  await page.locator('#new-resource').click();
  await expect(page.locator('#resource-form')).toBeVisible();
  await expectNoSeriousViolations(page, 'new resource');
  // Sent empty: the server's field errors under their fields and in the summary.
  await page.locator('#resource-form button[type="submit"]').click();
  await expect(page.locator('#resource-form .error-summary')).toBeVisible();
  await expect(page.locator('#resource-form [data-field="name_ko"] .form-hint-invalid')).toBeVisible();
  await expect(page.locator('#resource-form button[type="submit"]')).toBeEnabled();
  await expectNoSeriousViolations(page, 'new resource with errors');
  await page.getByRole('button', { name: 'English' }).click();
  await expectNoSeriousViolations(page, 'new resource with errors (en)');
  await page.getByRole('button', { name: '한국어' }).click();
  // An item with its sizes and stock.
  await page.goto('/booking/manage/resources');
  await page.locator('#resources-table tr[data-code="sinan-dol-outfits"] a.edit-resource').click();
  await expect(page.locator('#variant-list li').first()).toBeVisible();
  await expectNoSeriousViolations(page, 'edit item');
  await page.setViewportSize({ width: 390, height: 844 });
  await expectNoSeriousViolations(page, 'edit item (phone)');
});
