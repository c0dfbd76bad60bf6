// Accessibility: axe-core finds no serious or critical violations; landmarks, skip link and labels hold.
import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { openSignIn, signIn } from './helpers.mjs';

async function expectNoSeriousViolations(page, label) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = bad.map((v) => `${v.impact} ${v.id}: ${v.help}\n    ${v.nodes.slice(0, 5).map((n) => n.target.join(' ')).join('\n    ')}`);
  expect(report, `${label}: axe violations`).toEqual([]);
}

test('sign-in page (Korean and English) has no serious or critical axe violations', async ({ page }) => {
  await openSignIn(page);
  await expectNoSeriousViolations(page, 'sign-in ko');
  // With errors showing too.
  await page.locator('#signin-form button[type="submit"]').click();
  await expect(page.locator('#signin-form-errors')).toBeVisible();
  await expectNoSeriousViolations(page, 'sign-in with errors');
  await page.getByRole('button', { name: 'English' }).click();
  await expectNoSeriousViolations(page, 'sign-in en');
});

test('registration page has no serious or critical axe violations', async ({ page }) => {
  await page.goto('/register');
  await expect(page.locator('#register-form')).toBeVisible();
  await expectNoSeriousViolations(page, 'register');
});

test('resident home and my account have no serious or critical axe violations', async ({ page }) => {
  await signIn(page, 'resident');
  await expect(page.locator('section.role-resident')).toBeVisible();
  await expectNoSeriousViolations(page, 'resident home');
  await page.locator('nav a[href="/account"]').click();
  await expect(page.locator('main table').first()).toBeVisible();
  await expect(page.locator('#my-access-table')).toBeVisible();
  await expectNoSeriousViolations(page, 'account');
});

test('admin home, accounts and audit log have no serious or critical axe violations', async ({ page }) => {
  await signIn(page, 'admin');
  await expect(page.locator('section.role-admin')).toBeVisible();
  await expectNoSeriousViolations(page, 'admin home');
  await page.locator('nav a[href="/admin/users"]').click();
  await expect(page.locator('#users-table tbody tr').first()).toBeVisible();
  await expectNoSeriousViolations(page, 'admin users');
  await page.locator('nav a[href="/admin/audit"]').click();
  await expect(page.locator('#audit-table')).toBeVisible();
  await expectNoSeriousViolations(page, 'admin audit');
});

test('staff account pages (new account, reason, account, confirmation, access log) have no serious or critical axe violations', async ({ page }) => {
  await signIn(page, 'admin');
  await page.goto('/admin/users/new');
  await expect(page.locator('#staff-form')).toBeVisible();
  await expectNoSeriousViolations(page, 'new staff account');
  await page.locator('#staff-form button[type="submit"]').click();
  await expect(page.locator('#staff-form-errors')).toBeVisible();
  await expectNoSeriousViolations(page, 'new staff account with errors');
  await page.locator('#staff-form-roles-0--role').selectOption('facility_manager');
  await expectNoSeriousViolations(page, 'new staff account with a scope picker');

  await page.goto('/admin/users');
  await page.locator('#users-table a.account-link').first().click();
  await expect(page.locator('#reason-form')).toBeVisible();
  await expectNoSeriousViolations(page, 'account: reason step');
  await page.locator('#reason-form button[type="submit"]').click();
  await expect(page.locator('#reason-form-errors')).toBeVisible();
  await expectNoSeriousViolations(page, 'account: reason step with an error');
  await page.locator('#reason-form-reason').fill('접근성 점검');
  await page.locator('#reason-form button[type="submit"]').click();
  await expect(page.locator('#grants-table')).toBeVisible();
  await expectNoSeriousViolations(page, 'account');
  await page.locator('#grant-form button[type="submit"]').click();
  await expect(page.locator('#grant-form-errors')).toBeVisible();
  await expectNoSeriousViolations(page, 'account: grant form with errors');
  // The admin's own account: no disable, but every row can be revoked; open (and cancel) a confirmation.
  await page.locator('button.revoke-grant').first().click();
  await expect(page.locator('#revoke-dialog')).toBeVisible();
  await expectNoSeriousViolations(page, 'account: revoke confirmation');
  await page.locator('#revoke-dialog-cancel').click();

  await page.goto('/admin/access-log');
  await expect(page.locator('#access-log-table tbody tr').first()).toBeVisible();
  await expectNoSeriousViolations(page, 'access log');
});

test('on a phone-sized screen the staff account pages stay free of serious or critical axe violations', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await signIn(page, 'admin');
  await page.goto('/admin/users/new');
  await page.locator('#staff-form-roles-0--role').selectOption('district_officer');
  await expectNoSeriousViolations(page, 'new staff account (phone)');
  await page.goto('/admin/users');
  await page.locator('#users-table a.account-link').first().click();
  await page.locator('#reason-form-reason').fill('접근성 점검 (휴대전화 화면)');
  await page.locator('#reason-form button[type="submit"]').click();
  await expect(page.locator('#grants-table')).toBeVisible();
  await expectNoSeriousViolations(page, 'account (phone)');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});

test('landmarks, skip link and labelled inputs', async ({ page }) => {
  await openSignIn(page);
  await expect(page.locator('header')).toHaveCount(1);
  await expect(page.locator('nav')).toHaveCount(1);
  await expect(page.locator('main#main')).toHaveCount(1);
  await expect(page.locator('footer')).toHaveCount(1);
  // The first Tab reaches the skip link, which moves focus to main.
  await page.keyboard.press('Tab');
  const skip = page.locator('#krds-skip-link a');
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.locator('#main')).toBeFocused();
  // Every input has a label.
  for (const id of await page.locator('main input, main select').evaluateAll((els) => els.map((e) => e.id))) {
    await expect(page.locator(`label[for="${id}"]`)).toHaveCount(1);
  }
  // Live regions exist for announcements.
  await expect(page.locator('#live-polite')).toHaveAttribute('aria-live', 'polite');
  await expect(page.locator('#live-assertive')).toHaveAttribute('aria-live', 'assertive');
});

test('keyboard focus is visible', async ({ page }) => {
  await openSignIn(page);
  await page.locator('#signin-form-login').focus();
  await page.keyboard.press('Tab');
  const outline = await page.evaluate(() => {
    const s = getComputedStyle(document.activeElement);
    return { style: s.outlineStyle, width: parseFloat(s.outlineWidth), shadow: s.boxShadow };
  });
  expect(outline.style !== 'none' && outline.width >= 2 || outline.shadow !== 'none').toBe(true);
});

test('on a phone-sized screen the pages stay free of serious or critical axe violations', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await openSignIn(page);
  await expectNoSeriousViolations(page, 'sign-in (phone)');
  await signIn(page, 'facility_manager');
  await expect(page.locator('section.role-facility_manager')).toBeVisible();
  await expectNoSeriousViolations(page, 'facility manager home (phone)');
  // Nothing is wider than the screen.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});
