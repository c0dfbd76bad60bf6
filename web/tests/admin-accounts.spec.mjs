// Staff accounts and roles (계정 관리) against the real server: the demo admin creates a staff account in the web
// app (seeing its one-time password once), reads it with a logged reason, grants it facility_manager for one Jinju
// facility with the role's scope picker; the new account signs in with the one-time password and manages that
// facility only; a revoke takes the booking manager pages away, a disable makes sign-in fail, and the personal-data
// access log shows the admin's read with its reason.
import { test, expect } from '@playwright/test';
import { signIn, openSignIn } from './helpers.mjs';

const BASE = process.env.DONGNE_URL || 'http://127.0.0.1:8080';

/** The status of a GET made by the page itself (its session cookie is Secure, which only the browser sends on http). */
const statusOf = (page, url) => page.evaluate((u) => fetch(u, { credentials: 'same-origin' }).then((r) => r.status), url);

async function signInAs(page, login, password) {
  await openSignIn(page);
  await page.locator('#signin-form-login').fill(login);
  await page.locator('#signin-form-password').fill(password);
  await page.locator('#signin-form button[type="submit"]').click();
}

test('an admin creates a staff account, grants and revokes a facility, disables it; the read is logged', async ({ page, browser }) => {
  test.setTimeout(180_000);
  const stamp = Date.now();
  const email = `staff-e2e-${stamp}@example.kr`;
  const name = `직원 e2e ${stamp}`;
  const reason = `역할 부여 요청 처리 e2e-${stamp}`;

  await signIn(page, 'admin');
  const facilities = (await (await page.request.get('/api/v1/organisations?kind=facility')).json()).items;
  const gaho = facilities.find((f) => f.code === 'jinju-gaho');
  const sinan = facilities.find((f) => f.code === 'jinju-sinan');

  // The list links to the creation form.
  await page.locator('nav a[href="/admin/users"]').click();
  await expect(page.locator('#users-table tbody tr').first()).toBeVisible();
  await page.locator('#new-staff').click();
  await expect(page.locator('h1')).toHaveText('직원 계정 만들기');
  const form = page.locator('#staff-form');

  // Nothing filled in: errors next to the fields and in the summary, focus on the first.
  await form.locator('button[type="submit"]').click();
  await expect(page.locator('#staff-form-errors')).toBeVisible();
  await expect(page.locator('#staff-form-name')).toBeFocused();
  await expect(page.locator('#staff-form-email-error')).toHaveText('이메일 또는 휴대전화 번호를 적어 주세요.');
  await expect(page.locator('#staff-form-roles-0--role-error')).toHaveText('역할을 선택하세요.');

  // A contact that already has an account: the server's 409 lands on the email field.
  await form.getByLabel('이름').fill(name);
  await form.getByLabel('이메일', { exact: true }).fill('admin@demo.dongne.kr');
  await page.locator('#staff-form-roles-0--role').selectOption('counsellor');
  await expect(form.getByLabel('담당 새일센터')).toBeVisible();
  await form.locator('button[type="submit"]').click();
  await expect(page.locator('#staff-form-email-error')).toContainText('이미 등록된 연락처입니다');
  await expect(page.locator('#staff-form-email')).toHaveAttribute('aria-invalid', 'true');

  // Created with a first role (counsellor of the Saeil centre, the only centre: chosen already).
  await form.getByLabel('이메일', { exact: true }).fill(email);
  await form.locator('button[type="submit"]').click();
  const created = page.locator('#staff-created');
  await expect(created).toBeFocused();
  await expect(created).toContainText('한 번만 보입니다');
  await expect(page.locator('#created-login')).toHaveText(email);
  const secret = (await page.locator('#initial-password').textContent()).trim();
  expect(secret.length).toBeGreaterThanOrEqual(10);
  expect(page.url()).not.toContain(secret);

  // The account page asks for the reason first and shows nothing personal before it.
  await page.locator('#created-account').click();
  await expect(page).toHaveURL(/\/admin\/users\/\d+$/);
  const id = Number(/users\/(\d+)/.exec(page.url())[1]);
  await expect(page.locator('#reason-notice')).toContainText('개인정보 열람 기록');
  await expect(page.locator('main')).not.toContainText(email);
  await page.locator('#reason-form button[type="submit"]').click();
  await expect(page.locator('#reason-form-reason-error')).toHaveText('열람 사유를 적어 주세요.');
  await expect(page.locator('#reason-form-reason')).toBeFocused();
  await page.locator('#reason-form-reason').fill(reason);
  await page.locator('#reason-form button[type="submit"]').click();
  await expect(page.locator('h1')).toContainText(name);
  await expect(page.locator('h1')).toBeFocused();
  await expect(page.locator('#account-facts')).toContainText(email);
  await expect(page.locator('#grants-table tbody')).toContainText('진주여성새로일하기센터');

  // Grant facility_manager: the scope picker offers facilities; leaving it empty is an error; a city-wide choice
  // exists but the grant here is for one facility.
  const grant = page.locator('#grant-form');
  await page.locator('#grant-form-role').selectOption('facility_manager');
  await expect(grant.getByLabel('범위 종류')).toHaveValue('facility');
  const facilitySelect = grant.getByLabel('담당 시설');
  await expect(facilitySelect.locator('option')).toHaveCount(facilities.length + 1);
  await grant.locator('button[type="submit"]').click();
  await expect(page.locator('#grant-form-scope_id-error')).toHaveText('담당 범위를 선택하세요.');
  await facilitySelect.selectOption(String(gaho.id));
  await grant.locator('button[type="submit"]').click();
  await expect(page.locator('#account-status')).toContainText('역할을 부여했습니다');
  const row = page.locator(`#grants-table tbody tr[data-role="facility_manager"]`);
  await expect(row).toBeFocused();
  await expect(row.locator('.grant-scope')).toHaveText('가호동 공동육아나눔터 · 진주시');

  // The same grant again: the server's 409 in the form's summary.
  await page.locator('#grant-form-role').selectOption('facility_manager');
  await grant.getByLabel('담당 시설').selectOption(String(gaho.id));
  await grant.locator('button[type="submit"]').click();
  await expect(page.locator('#grant-form-errors')).toContainText('이미 부여된 역할입니다');

  // The new account signs in with the one-time password and manages Gaho-dong only.
  const staffCtx = await browser.newContext({ baseURL: BASE, locale: 'ko-KR', timezoneId: 'Asia/Seoul' });
  const staff = await staffCtx.newPage();
  await signInAs(staff, email, secret);
  await expect(staff.locator('#sign-out')).toBeVisible();
  await expect(staff.locator('section.role-facility_manager')).toBeVisible();
  await staff.goto('/booking/manage/resources');
  await expect(staff.locator('h1')).toHaveText('예약 자원 관리');
  await expect(staff.locator('#resources-site option')).toHaveCount(1);
  await expect(staff.locator('#resources-site option')).toHaveText(gaho.name_ko);
  await expect(staff.locator('#resources-table tbody tr').first()).toBeVisible();
  await staff.goto('/booking/manage');
  await expect(staff.locator('#site option')).toHaveCount(1);
  expect(await statusOf(staff, `/api/v1/booking/facilities/${gaho.id}/resources`)).toBe(200);
  expect(await statusOf(staff, `/api/v1/booking/facilities/${sinan.id}/resources`)).toBe(403);

  // Revoke, after a confirmation; cancelling first changes nothing.
  const revoke = row.locator('button.revoke-grant');
  await revoke.click();
  const dialog = page.locator('#revoke-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('시설 관리자');
  await expect(page.locator('#revoke-dialog-cancel')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(revoke).toBeFocused();
  await expect(row).toHaveCount(1);
  await revoke.click();
  await page.locator('#revoke-dialog-ok').click();
  await expect(page.locator('#account-status')).toContainText('역할을 회수했습니다');
  await expect(page.locator('#grants-h')).toBeFocused();
  await expect(row).toHaveCount(0);

  // The account can no longer reach the booking manager pages, nor the data.
  await staff.goto('/booking/manage/resources');
  await expect(staff.locator('h1')).toHaveText('권한이 없습니다');
  expect(await statusOf(staff, `/api/v1/booking/facilities/${gaho.id}/resources`)).toBe(403);

  // Disable: confirmed in a dialog; the open session ends and signing in fails.
  await page.locator('#disable-account').click();
  await page.locator('#disable-dialog-ok').click();
  await expect(page.locator('#account-status')).toContainText('계정 사용을 중지했습니다');
  await expect(page.locator('#enable-account')).toBeFocused();
  await expect(page.locator('#account-facts .account-state')).toHaveText('사용 중지');
  await staff.goto('/account');
  await expect(staff).toHaveURL(/\/signin/);
  await signInAs(staff, email, secret);
  await expect(staff.locator('#signin-form-errors')).toBeVisible();
  await expect(staff.locator('#sign-out')).toHaveCount(0);
  await staffCtx.close();

  // The access log shows the admin's read of this account with the reason given.
  await page.locator('nav a[href="/admin/access-log"]').click();
  await expect(page.locator('h1')).toHaveText('개인정보 열람 기록');
  const entry = page.locator('#access-log-table tbody tr').filter({ has: page.locator(`a[data-subject="${id}"]`) }).first();
  await expect(entry.locator('.access-reason')).toHaveText(reason);
  await expect(entry).toContainText('관리자 (데모)');
});

test('the accounts list filters loaded rows, links each account, and an unknown account says so', async ({ page }) => {
  await signIn(page, 'admin');
  await page.goto('/admin/users');
  await expect(page.locator('#users-table tbody tr').first()).toBeVisible();
  await page.locator('#users-filter').fill('윤서연');
  await expect(page.locator('#users-table tbody tr:visible')).toHaveCount(1);
  await expect(page.locator('#users-filter-count')).toContainText('건이 맞습니다');
  await page.locator('#users-table tbody tr:visible a.account-link').click();
  await expect(page).toHaveURL(/\/admin\/users\/\d+$/);
  await expect(page.locator('#reason-form')).toBeVisible();

  await page.goto('/admin/users/999999');
  await page.locator('#reason-form-reason').fill('없는 계정 확인');
  await page.locator('#reason-form button[type="submit"]').click();
  await expect(page.locator('#reason-form-errors')).toContainText('이 계정을 찾을 수 없습니다.');
});

test('a resident who opens the account pages is told they are not allowed', async ({ page }) => {
  await signIn(page, 'resident');
  for (const path of ['/admin/users/new', '/admin/users/1', '/admin/access-log']) {
    await page.goto(path);
    await expect(page.locator('h1')).toHaveText('권한이 없습니다');
  }
});
