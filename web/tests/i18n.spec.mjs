// Korean first, English beside it: the switch relabels the page in place, sets <html lang>, and is remembered.
import { test, expect } from '@playwright/test';
import { openSignIn, signIn, unknownLogin } from './helpers.mjs';

test('the language switch turns the page to English and back, and is remembered', async ({ page }) => {
  await openSignIn(page);
  await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
  await expect(page.locator('h1')).toHaveText('로그인');

  // A half-filled form keeps its value across the switch.
  await page.locator('#signin-form-login').fill('someone@example.kr');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.locator('h1')).toHaveText('Sign in');
  await expect(page.locator('label[for="signin-form-password"]')).toContainText('Password');
  await expect(page.getByRole('button', { name: 'English' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('#signin-form-login')).toHaveValue('someone@example.kr');
  await expect(page).toHaveTitle(/Sign in/);
  expect(await page.evaluate(() => localStorage.getItem('dongne.lang'))).toBe('en');

  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.locator('h1')).toHaveText('Sign in');

  await page.getByRole('button', { name: '한국어' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
  await expect(page.locator('h1')).toHaveText('로그인');
});

test('server errors are shown in the current language', async ({ page }) => {
  await openSignIn(page);
  await page.getByRole('button', { name: 'English' }).click();
  await page.locator('#signin-form-login').fill(unknownLogin());
  await page.locator('#signin-form-password').fill('not-the-password-123');
  await page.locator('#signin-form button[type="submit"]').click();
  const err = page.locator('#signin-form-password-error');
  await expect(err).toHaveText(/wrong login or password/i);
  // Switching language relabels the error the server sent in both languages.
  await page.getByRole('button', { name: '한국어' }).click();
  await expect(err).toHaveText(/올바르지 않습니다/);
});

test('the signed-in home follows the language too', async ({ page }) => {
  await signIn(page, 'admin');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.locator('h1')).toContainText('Hello');
  await expect(page.locator('section.role-admin h2')).toHaveText('Administrator');
  await expect(page.locator('nav a[href="/admin/users"]')).toHaveText('Accounts');
  await page.locator('nav a[href="/admin/users"]').click();
  await expect(page.locator('h1')).toHaveText('Accounts');
  await expect(page.locator('#users-table thead th').first()).toHaveText('Name');
});
