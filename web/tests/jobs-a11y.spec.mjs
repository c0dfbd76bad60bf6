// Accessibility of the Jobs pages at 320, 640 and 1280 px: axe-core finds no serious or critical violations and
// nothing is wider than the screen, for a counsellor (work list, intake form empty and with the server's field
// errors, a case with its plan, notes, explained recommendations, referral and hire forms, the centre's competency words with a refusal), an employer (vacancies
// with the post form and its errors, a vacancy's candidates, in Korean and English) and a resident (her own page).
import { test, expect } from '@playwright/test';
import { expectNoSeriousViolations, WIDTHS } from './axe.mjs';
import { signIn } from './helpers.mjs';
import { J, apiAs, postVacancy, seekerInSearch, tag } from './jobs-helpers.mjs';

let fixture;
async function setUp() {
  if (fixture) return fixture;
  const employer = await apiAs('employer');
  const counsellor = await apiAs('counsellor');
  const vacancy = await postVacancy(employer, { title: `e2e 접근성 점검 공고 ${tag()}` });
  const { caseId } = await seekerInSearch(counsellor, `e2e 접근성 ${tag()}`);
  fixture = { vacancy, caseId };
  return fixture;
}

test.afterAll(async () => {
  if (!fixture) return;
  const employer = await apiAs('employer');
  await employer.post(`${J}/vacancies/${fixture.vacancy.id}/close`);
});

for (const width of WIDTHS) {
  test.describe(`at ${width} px`, () => {
    test.beforeEach(async ({ page }) => {
      await page.emulateMedia({ reducedMotion: 'reduce' });
      await page.setViewportSize({ width, height: 900 });
    });

    test('the counsellor\'s pages have no serious or critical axe violations', async ({ page }) => {
      test.setTimeout(180_000);
      const { caseId, vacancy } = await setUp();
      await signIn(page, 'counsellor');
      await page.goto('/jobs');
      await expect(page.locator('#cases-table')).toBeVisible();
      await expectNoSeriousViolations(page, 'work list');
      await page.goto('/jobs/intake');
      await expect(page.locator('#intake-form')).toBeVisible();
      await expectNoSeriousViolations(page, 'intake');
      await page.locator('#intake-form-display_name').fill('접근성 점검');
      await page.locator('#intake-form-profile-expected_wage-won').fill('2500000');
      await page.locator('#intake-form-profile-expected_wage-unit').selectOption('hourly');
      await page.locator('#intake-form-profile-availability-start').fill('18:00');
      await page.locator('#intake-form-profile-availability-end').fill('09:00');
      await page.locator('#intake-form button[type="submit"]').click();
      await expect(page.locator('#intake-form-profile-expected_wage-won-error')).toBeVisible();
      await expectNoSeriousViolations(page, 'intake with errors');
      await page.goto(`/jobs/cases/${caseId}`);
      await expect(page.locator(`#rec-${vacancy.id}`)).toBeVisible();
      await expectNoSeriousViolations(page, 'case');
      await page.locator('#hire-form button[type="submit"]').click();
      await expect(page.locator('#hire-form-errors')).toBeVisible();
      await page.locator('#notes-read-form-reason').fill('점검');
      await page.locator('#notes-read-form button[type="submit"]').click();
      await expect(page.locator('#notes-list p')).toBeVisible();
      await expectNoSeriousViolations(page, 'case with errors and notes');
      await page.getByRole('button', { name: 'English' }).click();
      await expect(page.locator('#sec-matches-h')).toHaveText('Recommended vacancies');
      await expectNoSeriousViolations(page, 'case (en)');
      await page.getByRole('button', { name: '한국어' }).click();
      // A past record entered after the fact says so on its case page.
      const late = await (await apiAs('counsellor')).post(`${J}/seekers`, { display_name: `e2e 지난 기록 ${tag()}`, profile: {}, opened_on: '2019-03-04', entered_late: true });
      expect(late.status).toBe(201);
      await page.goto(`/jobs/cases/${late.body.case.id}`);
      await expect(page.locator('#case-entered-late')).toBeVisible();
      await expectNoSeriousViolations(page, 'a case entered late');
      await page.goto('/jobs/terms');
      await expect(page.locator('#terms-table')).toBeVisible();
      await expectNoSeriousViolations(page, 'centre words');
      await page.locator('#term-form-alias').fill('엑셀');
      await page.locator('#term-form-means').fill('erp');
      await page.locator('#term-form button[type="submit"]').click();
      await expect(page.locator('#term-form .error-summary')).toContainText('엑셀');
      await expectNoSeriousViolations(page, 'centre words with a refusal');
    });

    test('the employer\'s pages have no serious or critical axe violations', async ({ page }) => {
      test.setTimeout(120_000);
      const { vacancy } = await setUp();
      await signIn(page, 'employer');
      await page.goto('/jobs/employer');
      await expect(page.locator('#vacancy-form')).toBeVisible();
      await expectNoSeriousViolations(page, 'vacancies');
      await page.locator('#vacancy-form-title').fill('접근성');
      await page.locator('#vacancy-form-occupation').selectOption('027');
      await page.locator('#vacancy-form-wage-won').fill('100');
      await page.locator('#vacancy-form-wage-unit').selectOption('monthly');
      await page.locator('#vacancy-form-workplace-area').selectOption('jinju-sangdae');
      await page.locator('#vacancy-form-required').fill('없는역량xyz');
      await page.locator('#vacancy-form button[type="submit"]').click();
      await expect(page.locator('#vacancy-form-errors')).toBeVisible();
      await expectNoSeriousViolations(page, 'post form with errors');
      await page.goto(`/jobs/vacancies/${vacancy.id}/candidates`);
      await expect(page.locator('#candidates .match-card').first()).toBeVisible();
      await expectNoSeriousViolations(page, 'candidates');
      await page.getByRole('button', { name: 'English' }).click();
      await expect(page.locator('h1')).toContainText('Candidates');
      await expectNoSeriousViolations(page, 'candidates (en)');
      await page.getByRole('button', { name: '한국어' }).click();
    });

    test('the resident\'s page has no serious or critical axe violations', async ({ page }) => {
      await signIn(page, 'resident');
      await page.goto('/jobs/me');
      await expect(page.locator('.page-jobs-me form')).toBeVisible();
      await expectNoSeriousViolations(page, 'my job search');
    });
  });
}
