// Signing in and out, and the role-aware home page.
import { test, expect } from '@playwright/test';
import { signIn, openSignIn, demoPassword, unknownLogin, HANGUL } from './helpers.mjs';

test('a resident signs in and lands on the resident home', async ({ page }) => {
  await signIn(page, 'resident');
  await expect(page).toHaveURL(/\/$/);
  await expect(page.locator('h1')).toContainText('안녕하세요');
  await expect(page.locator('section.role-resident h2')).toHaveText('주민');
  // The resident's work is listed; no staff or admin cards.
  await expect(page.locator('section.role-resident .work-item')).toHaveCount(3);
  await expect(page.locator('section.role-admin')).toHaveCount(0);
  await expect(page.locator('a[href="/admin/users"]')).toHaveCount(0);
  // Every card link points at a page that exists.
  for (const href of await page.locator('main a.link-card-a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))) {
    expect(['/account', '/admin/users', '/admin/audit', '/booking', '/booking/mine', '/booking/manage', '/programmes', '/jobs/me', '/dispatch', '/dispatch/visits', '/luggage', '/luggage/mine']).toContain(href);
  }
  await expect(page).toHaveTitle(/홈/);
});

test('an admin signs in, sees the admin home, the accounts list and the audit log', async ({ page }) => {
  await signIn(page, 'admin');
  await expect(page.locator('section.role-admin h2')).toHaveText('시스템 관리자');
  await page.locator('section.role-admin a[href="/admin/users"]').click();
  await expect(page).toHaveURL(/\/admin\/users$/);
  await expect(page.locator('h1')).toHaveText('계정 관리');
  const table = page.locator('#users-table');
  await expect(table.locator('tbody tr').first()).toBeVisible();
  // Contacts are masked in the list (the full ones only on the account page, after a logged reason).
  await expect(table).toContainText('ad***@demo.dongne.kr');
  await expect(table).toContainText('re***@demo.dongne.kr');
  await expect(table).not.toContainText('resident@demo.dongne.kr');
  await expect(table.locator('thead th')).toHaveText(['이름', '이메일', '휴대전화 번호', '역할', '상태', '가입일']);

  await page.locator('nav a[href="/admin/audit"]').click();
  await expect(page.locator('h1')).toHaveText('감사 로그');
  await expect(page.locator('#audit-table')).toBeVisible();
  await expect(page.locator('.paged-table .error-summary')).toBeHidden();
});

test('a wrong password shows a field error in Korean', async ({ page }) => {
  await openSignIn(page);
  await page.locator('#signin-form-login').fill(unknownLogin());
  await page.locator('#signin-form-password').fill('not-the-password-123');
  await page.locator('#signin-form button[type="submit"]').click();
  const err = page.locator('#signin-form-password-error');
  await expect(err).toBeVisible();
  await expect(err).toHaveText(HANGUL);
  await expect(err).toContainText('비밀번호');
  await expect(page.locator('#signin-form-password')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#signin-form-password')).toBeFocused();
  // The summary is an alert (assertive live region) with the problem's title in Korean.
  const summary = page.locator('#signin-form-errors');
  await expect(summary).toHaveAttribute('role', 'alert');
  await expect(summary).toContainText('올바르지 않습니다');
  await expect(page).toHaveURL(/\/signin/);
});

test('empty fields are reported per field before anything is sent', async ({ page }) => {
  await openSignIn(page);
  let posted = false;
  page.on('request', (r) => {
    if (r.url().includes('/api/v1/auth/login')) posted = true;
  });
  await page.locator('#signin-form button[type="submit"]').click();
  await expect(page.locator('#signin-form-login-error')).toHaveText(HANGUL);
  await expect(page.locator('#signin-form-password-error')).toHaveText(HANGUL);
  await expect(page.locator('#signin-form-login')).toBeFocused();
  expect(posted).toBe(false);
});

test('sign-in sends JSON to the API contract', async ({ page }) => {
  await openSignIn(page);
  const reqPromise = page.waitForRequest((r) => r.url().endsWith('/api/v1/auth/login'));
  await page.locator('#signin-form-login').fill('resident@demo.dongne.kr');
  await page.locator('#signin-form-password').fill(demoPassword());
  await page.locator('#signin-form button[type="submit"]').click();
  const req = await reqPromise;
  expect(req.method()).toBe('POST');
  expect(req.headers()['content-type']).toBe('application/json');
  expect(req.postDataJSON()).toEqual({ login: 'resident@demo.dongne.kr', password: demoPassword() });
  await expect(page.locator('#sign-out')).toBeVisible();
});

test('signing out ends the session', async ({ page }) => {
  await signIn(page, 'resident');
  await page.locator('#sign-out').click();
  await expect(page).toHaveURL(/\/signin\?notice=signed_out/);
  await expect(page.locator('.notice')).toContainText('로그아웃');
  await page.goto('/account');
  await expect(page).toHaveURL(/\/signin\?next=%2Faccount/);
  const me = await page.request.get('/api/v1/me');
  expect(me.status()).toBe(401);
});

test('a signed-out visitor to an admin page signs in and is taken back to it', async ({ page }) => {
  await signIn(page, 'admin', { path: '/admin/users' });
  await expect(page).toHaveURL(/\/admin\/users$/);
  await expect(page.locator('h1')).toHaveText('계정 관리');
});

test('a resident who opens an admin page is told it is not allowed', async ({ page }) => {
  await signIn(page, 'resident');
  await page.goto('/admin/audit');
  await expect(page.locator('h1')).toHaveText('권한이 없습니다');
  await expect(page.locator('#audit-table')).toHaveCount(0);
});

test('my account shows the profile and roles from /api/v1/me', async ({ page }) => {
  await signIn(page, 'facility_manager');
  await page.locator('nav a[href="/account"]').click();
  await expect(page.locator('h1')).toHaveText('내 정보');
  await expect(page.locator('main')).toContainText('facility_manager@demo.dongne.kr');
  await expect(page.locator('main table tbody').first()).toContainText('시설 관리자');
});

test('every role gets a home page for its work', async ({ page }) => {
  const roles = ['counsellor', 'employer', 'facility_manager', 'operator', 'driver', 'district_officer', 'city_officer'];
  for (const role of roles) {
    await signIn(page, role);
    await expect(page.locator(`section.role-${role} h2`)).toBeVisible();
    await expect(page.locator(`section.role-${role} .work-item`).first()).toBeVisible();
    await page.locator('#sign-out').click();
    await expect(page).toHaveURL(/\/signin/);
  }
});

test('a new resident registers and is signed in', async ({ page }) => {
  await page.goto('/register');
  await expect(page.locator('#register-form')).toBeVisible();
  const email = `web-test-${Date.now()}@example.kr`;
  await page.locator('#register-form-name').fill('테스트 주민');
  await page.locator('#register-form-email').fill(email);
  await page.locator('#register-form-password').fill('a-long-password-42');
  await page.locator('#register-form-password_confirm').fill('a-long-password-42');
  const select = page.locator('#register-form-district_code');
  const options = await select.locator('option').evaluateAll((os) => os.map((o) => o.value).filter(Boolean));
  expect(options.length).toBeGreaterThan(0);
  await select.selectOption(options[0]);
  await page.locator('#register-form button[type="submit"]').click();
  await expect(page.locator('#sign-out')).toBeVisible();
  await expect(page.locator('h1')).toContainText('테스트 주민');
  await expect(page.locator('section.role-resident')).toBeVisible();
});

test('registration errors land on their fields', async ({ page }) => {
  await page.goto('/register');
  await page.locator('#register-form-name').fill('테스트');
  await page.locator('#register-form-password').fill('short');
  await page.locator('#register-form-password_confirm').fill('different');
  await page.locator('#register-form button[type="submit"]').click();
  await expect(page.locator('#register-form-email-error')).toHaveText(HANGUL);
  await expect(page.locator('#register-form-password-error')).toHaveText(HANGUL);
  await expect(page.locator('#register-form-password_confirm-error')).toHaveText(HANGUL);
  await expect(page.locator('#register-form-district_code-error')).toHaveText(HANGUL);

  // A contact that is already registered comes back from the server on the email field.
  await page.locator('#register-form-email').fill('resident@demo.dongne.kr');
  await page.locator('#register-form-password').fill('a-long-password-42');
  await page.locator('#register-form-password_confirm').fill('a-long-password-42');
  await page.locator('#register-form-district_code').selectOption({ index: 1 });
  await page.locator('#register-form button[type="submit"]').click();
  await expect(page.locator('#register-form-email-error')).toHaveText(HANGUL);
  await expect(page.locator('#register-form-email')).toHaveAttribute('aria-invalid', 'true');
});

test('too many failed sign-ins: the server\'s problem title is shown in the summary', async ({ page }) => {
  const login = unknownLogin();
  // Five failures lock a login (the server's rule); make them through the API, then try once in the page.
  for (let i = 0; i < 5; i += 1) {
    const r = await page.request.post('/api/v1/auth/login', { data: { login, password: 'wrong-password-1' } });
    expect([401, 429]).toContain(r.status());
  }
  await openSignIn(page);
  await page.locator('#signin-form-login').fill(login);
  await page.locator('#signin-form-password').fill('wrong-password-1');
  await page.locator('#signin-form button[type="submit"]').click();
  const summary = page.locator('#signin-form-errors');
  await expect(summary).toBeVisible();
  await expect(summary).toContainText('너무 많습니다');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(summary).toContainText(/too many/i);
});

test('the accounts list pages with the API cursor', async ({ page }) => {
  await signIn(page, 'admin', { path: '/admin/users?limit=3' });
  const rows = page.locator('#users-table tbody tr');
  await expect(rows).toHaveCount(3);
  const more = page.getByRole('button', { name: '더 보기' });
  await expect(more).toBeVisible();
  const req = page.waitForRequest((r) => /\/api\/v1\/admin\/users\?cursor=\d+&limit=3$/.test(r.url()));
  await more.click();
  await req;
  await expect(rows).toHaveCount(6);
  // Focus moves to the first new row, so keyboard and screen-reader users continue where the list grew.
  await expect(rows.nth(3)).toBeFocused();
  // Nine demo accounts and more from other tests: keep going until the server says there is no more.
  const table = page.locator('.paged-table');
  for (let i = 0; i < 20 && await more.isVisible(); i += 1) {
    await more.click(); // marks the table aria-busy at once, until the page is in
    await expect(table).not.toHaveAttribute('aria-busy', 'true');
  }
  await expect(more).toBeHidden();
  await expect(page.locator('#users-table')).toContainText('김지은 (데모 주민)');
});

test('a crafted ?next= never sends the person to another site', async ({ page, baseURL }) => {
  for (const next of ['//evil.example/x', '/\\evil.example/x', 'https://evil.example/']) {
    await signIn(page, 'resident', { path: `/signin?next=${encodeURIComponent(next)}` });
    expect(new URL(page.url()).origin).toBe(new URL(baseURL).origin);
    await expect(page).toHaveURL(/\/$/);
    await page.locator('#sign-out').click();
    await expect(page).toHaveURL(/\/signin/);
  }
});

test('when the session ends on the server, the next request sends the person to sign in', async ({ page, context }) => {
  await signIn(page, 'admin');
  await context.clearCookies(); // as if the session expired or was ended elsewhere
  await page.locator('nav a[href="/admin/users"]').click();
  await expect(page).toHaveURL(/\/signin\?notice=expired&next=%2Fadmin%2Fusers/);
  await expect(page.locator('.notice')).toContainText('만료');
  await expect(page.locator('#sign-out')).toHaveCount(0);
});

test('back and forward move between pages, and a deep link reloads in place', async ({ page }) => {
  await signIn(page, 'admin');
  await page.locator('nav a[href="/account"]').click();
  await expect(page.locator('h1')).toHaveText('내 정보');
  await page.locator('nav a[href="/admin/audit"]').click();
  await expect(page.locator('h1')).toHaveText('감사 로그');
  await page.goBack();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.locator('h1')).toHaveText('내 정보');
  await page.goForward();
  await expect(page.locator('h1')).toHaveText('감사 로그');
  await expect(page.locator('nav a[aria-current="page"]')).toHaveAttribute('href', '/admin/audit');
  await page.reload();
  await expect(page.locator('h1')).toHaveText('감사 로그');
});
