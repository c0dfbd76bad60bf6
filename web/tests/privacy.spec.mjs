// The trust boundary in the browser: an admin keeps the organisation tree (add with the server's field errors,
// rename, a retirement refused while something hangs on it, then retired), and a resident sees who read her
// personal data on her account page. Axe at 320, 640 and 1280 px in Korean and English on both pages.
import { test, expect } from '@playwright/test';
import { expectNoSeriousViolations, WIDTHS } from './axe.mjs';
import { signIn } from './helpers.mjs';
import { apiAs } from './jobs-helpers.mjs';

const tag = () => `${Date.now() % 1e7}${Math.floor(Math.random() * 100)}`;

test('an admin adds a city and a district, renames one, and retires them in order', async ({ page }) => {
  await signIn(page, 'admin');
  await page.locator('nav a[href="/admin/organisations"]').click();
  const form = page.locator('#org-form');
  await expect(form).toBeVisible();
  // Nothing typed: the page says what is missing before anything is sent.
  await form.locator('button[type="submit"]').click();
  await expect(page.locator('#org-form-code-error')).toHaveText('코드를 적어 주세요.');
  // The server's field error: a district needs a city above it.
  const t = tag();
  await page.locator('#org-form-kind').selectOption('district');
  await page.locator('#org-form-code').fill(`e2e-gu-${t}`);
  await page.locator('#org-form-name_ko').fill(`시험구 ${t}`);
  await page.locator('#org-form-name_en').fill(`Test-gu ${t}`);
  await form.locator('button[type="submit"]').click();
  await expect(page.locator('#org-form-parent_id-error')).toContainText('구·군은 시 아래');
  // A city, then the district under it.
  await page.locator('#org-form-kind').selectOption('city');
  await page.locator('#org-form-code').fill(`e2e-si-${t}`);
  await page.locator('#org-form-name_ko').fill(`시험시 ${t}`);
  await page.locator('#org-form-name_en').fill(`Test City ${t}`);
  await form.locator('button[type="submit"]').click();
  await expect(page.locator('#orgs-status')).toContainText('기관을 등록했습니다');
  const cityRow = page.locator(`#orgs-table tr[data-code="e2e-si-${t}"]`);
  await expect(cityRow).toBeVisible();
  await page.locator('#org-form-kind').selectOption('district');
  await page.locator('#org-form-parent_id').selectOption({ label: `시험시 ${t}` });
  await page.locator('#org-form-code').fill(`e2e-gu-${t}`);
  await page.locator('#org-form-name_ko').fill(`시험구 ${t}`);
  await page.locator('#org-form-name_en').fill(`Test-gu ${t}`);
  await form.locator('button[type="submit"]').click();
  const guRow = page.locator(`#orgs-table tr[data-code="e2e-gu-${t}"]`);
  await expect(guRow).toContainText(`시험시 ${t}`);
  // Rename the district.
  await guRow.getByRole('button', { name: '이름 바꾸기' }).click();
  await page.locator('#rename-form-name_ko').fill(`새이름구 ${t}`);
  await page.locator('#rename-form button[type="submit"]').click();
  await expect(page.locator('#orgs-status')).toContainText('이름을 바꿨습니다');
  await expect(guRow.locator('th')).toHaveText(`새이름구 ${t}`);
  // The city has a district under it: the retirement is refused and says why; nothing changes.
  await cityRow.getByRole('button', { name: '폐지' }).click();
  await page.locator('#retire-dialog-ok').click();
  await expect(page.locator('#org-actions-errors')).toContainText('하위 기관 1곳');
  await expect(cityRow.locator('.org-state')).toHaveText('운영 중');
  // Cancelling the confirmation does nothing.
  await guRow.getByRole('button', { name: '폐지' }).click();
  await page.locator('#retire-dialog-cancel').click();
  await expect(guRow.locator('.org-state')).toHaveText('운영 중');
  // The district, then the city.
  await guRow.getByRole('button', { name: '폐지' }).click();
  await page.locator('#retire-dialog-ok').click();
  await expect(guRow.locator('.org-state')).toHaveText('폐지됨');
  await cityRow.getByRole('button', { name: '폐지' }).click();
  await page.locator('#retire-dialog-ok').click();
  await expect(cityRow.locator('.org-state')).toHaveText('폐지됨');
  await expect(page.locator('#orgs-status')).toContainText('기관을 폐지했습니다');
});

test('a resident sees on her account page who read her personal data, the reader masked', async ({ page }) => {
  const admin = await apiAs('admin');
  const resident = await apiAs('resident');
  const reason = `e2e 민원 확인 ${tag()}`;
  const read = await admin.get(`/api/v1/admin/users/${resident.me.id}?reason=${encodeURIComponent(reason)}`);
  expect(read.status).toBe(200);
  await signIn(page, 'resident');
  await page.locator('nav a[href="/account"]').click();
  const row = page.locator('#my-access-table tbody tr', { hasText: reason });
  await expect(row).toBeVisible();
  await expect(row).toContainText('계정 정보');
  await expect(row).toContainText('열람함');
  await expect(row).toContainText('*');
  await expect(row).not.toContainText(admin.me.name);
});

for (const width of WIDTHS) {
  test(`at ${width} px the organisations page and the account page have no serious or critical axe violations`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 });
    await signIn(page, 'admin');
    await page.goto('/admin/organisations');
    await expect(page.locator('#orgs-table tbody tr').first()).toBeVisible();
    await expectNoSeriousViolations(page, `organisations ${width}`);
    // With field errors, and with a refused retirement's summary (a demo childcare space with resources).
    await page.locator('#org-form button[type="submit"]').click();
    await expect(page.locator('#org-form-errors')).toBeVisible();
    await page.locator('#orgs-table tr[data-code="jinju-sinan"]').getByRole('button', { name: '폐지' }).click();
    await expectNoSeriousViolations(page, `organisations confirm ${width}`);
    await page.locator('#retire-dialog-ok').click();
    await expect(page.locator('#org-actions-errors')).toBeVisible();
    await expectNoSeriousViolations(page, `organisations with errors ${width}`);
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.locator('h1')).toHaveText('Organisations');
    await expectNoSeriousViolations(page, `organisations en ${width}`);
    await page.goto('/account');
    await expect(page.locator('#my-access-table')).toBeVisible();
    await expectNoSeriousViolations(page, `account en ${width}`);
    await page.getByRole('button', { name: '한국어' }).click();
    await expectNoSeriousViolations(page, `account ko ${width}`);
  });
}
