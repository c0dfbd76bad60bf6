// Accessibility of the Programmes pages at 320, 640 and 1280 px: axe-core finds no serious or critical violations
// and nothing is wider than the screen, for the public (dashboard in Korean and English, calls, a call's published
// results, a project), a district officer (the project with its participant, output and spending forms, with the
// server's field errors; the proposal form) and the city (the new call form with errors, a call under review with
// its score form, selection preview and publish confirmation). The dashboard also works from the keyboard alone.
import { test, expect, request } from '@playwright/test';
import { expectNoSeriousViolations, WIDTHS } from './axe.mjs';
import { signIn, demoPassword } from './helpers.mjs';

const P = '/api/v1/programmes';
const BASE = process.env.DONGNE_URL || 'http://127.0.0.1:8080';
async function apiAs(login) {
  const ctx = await request.newContext({ baseURL: BASE });
  const r = await ctx.post('/api/v1/auth/login', { data: { login, password: demoPassword(), token: true } });
  expect(r.status()).toBe(200);
  const headers = { authorization: `Bearer ${(await r.json()).token}` };
  return {
    get: async (p) => (await ctx.get(p, { headers })).json(),
    post: async (p, data) => (await ctx.post(p, { headers, data })).json(),
  };
}

/** The demo's open call (next year's) and the demo's published 2019 call, and a Yeonsu-gu project of 2019. */
async function demoIds() {
  const anon = await request.newContext({ baseURL: BASE });
  const calls = (await (await anon.get(`${P}/calls`)).json()).items;
  const open = calls.find((c) => c.status === 'open' && Date.parse(c.deadline) > Date.now() + 600_000);
  const published = calls.find((c) => c.year === 2019);
  const projects = (await (await anon.get(`${P}/projects?year=2019`)).json()).items;
  const districts = (await (await anon.get('/api/v1/organisations?kind=district')).json()).items;
  const yeonsu = districts.find((d) => d.code === 'incheon-yeonsu');
  return { open, published, project: projects.find((p) => p.district_id === yeonsu.id) };
}

for (const width of WIDTHS) {
  test.describe(`at ${width} px`, () => {
    test.beforeEach(async ({ page }) => {
      // KRDS buttons fade for 0.4 s between colours; axe must not measure mid-fade.
      await page.emulateMedia({ reducedMotion: 'reduce' });
      await page.setViewportSize({ width, height: 900 });
    });

    test('the public programme pages have no serious or critical axe violations', async ({ page }) => {
      const { published, project } = await demoIds();
      await page.goto('/programmes?year=2019&as_of=2019-08-31');
      await expect(page.locator('#kpi-jobs .kpi-value')).toHaveText('142');
      await expect(page.locator('#chart-projects')).toHaveAttribute('data-drawn', 'true');
      await expect(page.locator('#chart-monthly')).toHaveAttribute('data-drawn', 'true');
      await expectNoSeriousViolations(page, 'dashboard');
      await page.getByRole('button', { name: 'English' }).click();
      await expect(page.locator('h1')).toHaveText('Job programmes dashboard');
      await expectNoSeriousViolations(page, 'dashboard (en)');
      await page.getByRole('button', { name: '한국어' }).click();
      await page.goto('/programmes/calls');
      await expect(page.locator('#calls-table tbody tr').first()).toBeVisible();
      await expectNoSeriousViolations(page, 'calls');
      await page.goto(`/programmes/calls/${published.id}`);
      await expect(page.locator('#results-table')).toBeVisible();
      await expectNoSeriousViolations(page, 'published results');
      await page.goto(`/programmes/projects/${project.id}?as_of=2019-08-31`);
      await expect(page.locator('#project-kpi-jobs .kpi-value')).toHaveText(/\d/);
      await expect(page.locator('#enrol-form')).toHaveCount(0);
      await expectNoSeriousViolations(page, 'project (public)');
    });

    test('a district officer\'s project and proposal pages have no serious or critical axe violations', async ({ page }) => {
      const { open, project } = await demoIds();
      await signIn(page, 'district_officer');
      await page.goto(`/programmes/projects/${project.id}?as_of=2019-08-31`);
      await expect(page.locator('#participants-table')).toBeVisible();
      await expectNoSeriousViolations(page, 'project (district)');
      // Sent empty: the browser's own checks name the fields; the server's errors for a bad date range.
      await page.locator('#enrol-form button[type="submit"]').click();
      await expect(page.locator('#enrol-form-errors')).toBeVisible();
      await page.locator('#spending-form-won').fill('999999999999');
      await page.locator('#spending-form-category').fill('인건비');
      await page.locator('#spending-form button[type="submit"]').click();
      await expect(page.locator('#spending-form-won-error')).toBeVisible();
      await expectNoSeriousViolations(page, 'project forms with errors');
      await page.goto(`/programmes/calls/${open.id}`);
      await page.locator('#new-proposal').click();
      await expect(page.locator('#proposal-form')).toBeVisible();
      await page.locator('#proposal-form .add-month').click();
      await expectNoSeriousViolations(page, 'proposal form');
      await page.locator('#proposal-form button[type="submit"]').click();
      await expect(page.locator('#proposal-form-errors')).toBeVisible();
      await expectNoSeriousViolations(page, 'proposal form with errors');
    });

    test('the city\'s call form and review pages have no serious or critical axe violations', async ({ page }) => {
      const { open } = await demoIds();
      // A submitted proposal from Bupyeong-gu to review (the demo's city officer reviews the open call).
      const bupyeong = await apiAs('district_officer.bupyeong@demo.dongne.kr');
      const mine = (await bupyeong.get(`${P}/calls/${open.id}/proposals`)).items.filter((p) => p.status === 'submitted');
      if (!mine.length) {
        const p = await bupyeong.post(`${P}/calls/${open.id}/proposals`, {
          title: '부평 접근성 점검 제안', summary: '접근성 점검용 제안입니다.', target_groups: ['seniors'], implementing_org: '부평구',
          output_kind: 'care_visit', monthly_targets: [{ month: `${open.year}-03`, jobs: 3, outputs: 10 }],
          city_share_won: 20_000_000, district_share_won: 20_000_000,
        });
        expect((await bupyeong.post(`${P}/proposals/${p.id}/submit`, {})).status).toBe('submitted');
      }
      const city = await apiAs('city_officer@demo.dongne.kr');
      const me = await city.get('/api/v1/me');
      await city.post(`${P}/calls/${open.id}/reviewers`, { user_id: me.id });

      await signIn(page, 'city_officer');
      await page.goto('/programmes/calls/new');
      await expect(page.locator('#call-form')).toBeVisible();
      await expectNoSeriousViolations(page, 'new call');
      await page.locator('#call-form-year').fill(String(open.year));
      await page.locator('#call-form-title_ko').fill('접근성 점검 공모');
      await page.locator('#call-form-envelope_won').fill('100');
      await page.locator('#call-form-deadline').fill('2020-01-01T10:00');
      await page.locator('#call-form button[type="submit"]').click();
      await expect(page.locator('#call-form-deadline-error')).toBeVisible();
      await expectNoSeriousViolations(page, 'new call with errors');
      await page.goto(`/programmes/calls/${open.id}`);
      await expect(page.locator('form.score-form').first()).toBeVisible();
      await expect(page.locator('#preview-table')).toBeVisible();
      await expectNoSeriousViolations(page, 'call under review');
      await page.locator('#publish').click();
      await expect(page.locator('#publish-dialog')).toBeVisible();
      await expectNoSeriousViolations(page, 'publish confirmation');
      await page.keyboard.press('Escape');
      await expect(page.locator('#publish-dialog')).toHaveCount(0);
      await expect(page.locator('#publish')).toBeFocused();
    });
  });
}

test('the dashboard works from the keyboard alone', async ({ page }) => {
  await page.goto('/programmes?year=2019&as_of=2019-08-31');
  await expect(page.locator('#kpi-jobs .kpi-value')).toHaveText('142');
  // A new date typed in the date field, sent with Enter: figures and address change in place, focus stays.
  await page.locator('#kpi-scope-form-as_of').fill('2019-03-31');
  await page.locator('#kpi-scope-form-as_of').press('Enter');
  await expect(page).toHaveURL(/as_of=2019-03-31/);
  await expect(page.locator('#kpi-jobs .kpi-value')).toHaveText('101');
  await expect(page.locator('#kpi-scope-form-as_of')).toBeFocused();
  await expect(page.locator('#live-polite')).toContainText('2019-03-31');
  // The same with the button, pressed with Space.
  await page.locator('#kpi-scope-form-as_of').fill('2019-08-31');
  const show = page.locator('#kpi-scope-form button[type="submit"]');
  await show.focus();
  await page.keyboard.press('Space');
  await expect(page.locator('#kpi-jobs .kpi-value')).toHaveText('142');
  await expect(show).toBeFocused();
  await page.locator('#kpi-scope-form-as_of').fill('2019-03-31');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/as_of=2019-03-31/);
  // The wide tables scroll from the keyboard: their wrapper takes focus.
  const wrap = page.locator('#projects-table').locator('xpath=..');
  await expect(wrap).toHaveAttribute('tabindex', '0');
  await wrap.focus();
  await expect(wrap).toBeFocused();
  // A project link opens the project with the same date.
  await page.locator('#projects-table a.project-link').first().focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/programmes\/projects\/\d+\?as_of=2019-03-31$/);
  await expect(page.locator('h1')).toBeFocused();
});
