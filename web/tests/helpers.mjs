// Shared steps for the browser tests.
import { expect } from '@playwright/test';

export function demoPassword() {
  const pw = process.env.DONGNE_DEMO_PASSWORD;
  if (!pw) {
    throw new Error('DONGNE_DEMO_PASSWORD is not set: start the server with it (see web/README.md) and export it here too');
  }
  return pw;
}

export const demoLogin = (role) => `${role}@demo.dongne.kr`;

/** Opens the sign-in page in Korean (the default) and waits until the app has rendered it. */
export async function openSignIn(page, path = '/signin') {
  await page.goto(path);
  await expect(page.locator('html')).toHaveAttribute('data-ready', 'true');
  await expect(page.locator('#signin-form')).toBeVisible();
}

export async function signIn(page, role, { path } = {}) {
  await openSignIn(page, path);
  await page.locator('#signin-form-login').fill(demoLogin(role));
  await page.locator('#signin-form-password').fill(demoPassword());
  await page.locator('#signin-form button[type="submit"]').click();
  await expect(page.locator('#sign-out')).toBeVisible();
}

/** A login that no account has, so a failed sign-in never locks a demo account (5 failures lock a login). */
export const unknownLogin = () => `no-such-user-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.kr`;

export const HANGUL = /[\uAC00-\uD7A3]/;
