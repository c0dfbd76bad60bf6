// Programmes journeys (시-군·구 상생협력 특화일자리) against the real server and its real clock: the city opens a call,
// two districts propose, the city reviews and publishes within the envelope; a district enrols a participant and the
// figures move at once; the demo city's 2019 dashboard shows Incheon's published 142 jobs. Tests share one server,
// so the enrolment starts on 2019-09-01 and leaves the 2019-08-31 figures alone.
import { test, expect, request } from '@playwright/test';
import { signIn } from './helpers.mjs';
import { toLocalInput } from '../src/js/seoul.js';

const P = '/api/v1/programmes';
const BASE = process.env.DONGNE_URL || 'http://127.0.0.1:8080';
const ENVELOPE = 100_000_000;

/** A signed-in page in a context of its own (each officer keeps their session while the others act). */
async function pageAs(browser, role) {
  const ctx = await browser.newContext({ baseURL: BASE, locale: 'ko-KR', timezoneId: 'Asia/Seoul', viewport: { width: 1280, height: 900 } });
  const page = await ctx.newPage();
  await signIn(page, role);
  return page;
}

/** A district drafts its proposal on the call page through the form, then submits it. Returns its id. */
async function propose(page, callId, { year, title, cityShare, group }) {
  await page.goto(`/programmes/calls/${callId}`);
  await page.locator('#new-proposal').click();
  const f = page.locator('#proposal-form');
  await expect(f).toBeVisible();
  await page.locator('#proposal-form-title').fill(title);
  await page.locator('#proposal-form-summary').fill(`${title}: 지역 주민을 고용해 돌봄과 배송 서비스를 제공합니다.`);
  // KRDS draws the check box on its label (the input itself is visually hidden), so the label is what is clicked.
  await page.locator(`label[for="proposal-form-tg-${group}"]`).click();
  await expect(page.locator(`#proposal-form-tg-${group}`)).toBeChecked();
  await page.locator('#proposal-form-implementing_org').fill('사회적협동조합 e2e');
  await page.locator('#proposal-form-output_kind').fill('care_visit');
  await f.locator('.add-month').click();
  await f.locator('input.target-month').first().fill(`${year}-03`);
  await f.locator('input.target-jobs').first().fill('5');
  await page.locator('#proposal-form-city_share_won').fill(String(cityShare));
  await page.locator('#proposal-form-fill-district').click();
  await expect(page.locator('#proposal-form-district_share_won')).toHaveValue(String(cityShare));
  await expect(page.locator('#proposal-form-share-sum')).toContainText('시비 비율 50%');
  await f.locator('button[type="submit"]').click();
  await expect(page.locator('#proposals-status')).toContainText('저장했습니다');
  const row = page.locator('#my-proposals tbody tr', { hasText: title });
  await expect(row).toHaveAttribute('data-status', 'draft');
  const id = Number(await row.getAttribute('data-id'));
  await row.locator('button.act-submit').click();
  await expect(row).toHaveAttribute('data-status', 'submitted');
  await expect(row.locator('.proposal-state')).toHaveText('제출');
  return id;
}

test('the city opens a call, two districts submit, reviewers score, and selection respects the budget', async ({ browser }) => {
  test.setTimeout(420_000);
  const year = 2040 + Math.floor(Math.random() * 51);
  // The deadline: about 90 s ahead, rounded up to the next minute, plus one (datetime-local holds minutes).
  const deadline = Math.ceil((Date.now() + 90_000) / 60_000) * 60_000 + 60_000;
  const city = await pageAs(browser, 'city_officer');

  // The city opens the call through the form.
  await city.locator('nav a[href="/programmes/calls"]').click();
  await expect(city.locator('h1')).toHaveText('공모·심사');
  await city.locator('#new-call').click();
  await expect(city.locator('#call-form')).toBeVisible();
  await city.locator('#call-form-title_ko').fill(`${year}년 상생협력 특화일자리 공모 (e2e)`);
  await city.locator('#call-form-title_en').fill(`${year} co-prosperity jobs call (e2e)`);
  await city.locator('#call-form-year').fill(String(year));
  await city.locator('#call-form-deadline').fill(toLocalInput(new Date(deadline).toISOString()));
  await city.locator('#call-form-envelope_won').fill(String(ENVELOPE));
  await city.locator('#call-form-city_share_pct').fill('50');
  await expect(city.locator('#criteria-list li')).toHaveCount(3);
  await city.locator('#call-form button[type="submit"]').click();
  await expect(city).toHaveURL(/\/programmes\/calls\/\d+\?created=1$/);
  await expect(city.locator('#call-notice')).toBeVisible();
  const callId = Number(new URL(city.url()).pathname.split('/').pop());
  await expect(city.locator('#call-state')).toHaveAttribute('data-state', 'open');
  // The deadline was read as Seoul time: the server stored the same instant.
  const call = await (await city.request.get(`${P}/calls/${callId}`)).json();
  expect(Date.parse(call.deadline)).toBe(deadline);

  // Two districts each propose; both cannot fit in the envelope (60 M + 50 M > 100 M).
  const yeonsu = await pageAs(browser, 'district_officer');
  const yeonsuId = await propose(yeonsu, callId, { year, title: `연수 돌봄 일자리 ${year}`, cityShare: 60_000_000, group: 'career_break_women' });
  const bupyeong = await pageAs(browser, 'district_officer.bupyeong');
  const bupyeongId = await propose(bupyeong, callId, { year, title: `부평 배송 일자리 ${year}`, cityShare: 50_000_000, group: 'new_middle_aged' });

  // The city sees both, assigns itself as reviewer and scores them.
  await city.goto(`/programmes/calls/${callId}`);
  await expect(city.locator('#submitted-proposals tbody tr')).toHaveCount(2);
  await city.locator('#assign-me').click();
  await expect(city.locator('#review-status')).toContainText('심사위원');
  await expect(city.locator('#reviewer-list')).toContainText('데모 인천시');
  const score = async (id, points) => {
    const form = city.locator(`#score-form-${id}`);
    for (const key of ['fit', 'jobs', 'feasibility']) await form.locator(`#score-form-${id}-${key}`).fill(String(points));
    await form.locator('button[type="submit"]').click();
    await expect(city.locator(`#score-status-${id}`)).toContainText('저장했습니다');
  };
  // Out of range first: the server's field error lands beside the criterion.
  await city.locator(`#score-form-${yeonsuId}-fit`).fill('11');
  await city.locator(`#score-form-${yeonsuId}-jobs`).fill('9');
  await city.locator(`#score-form-${yeonsuId}-feasibility`).fill('9');
  await city.locator(`#score-form-${yeonsuId} button[type="submit"]`).click();
  await expect(city.locator(`#score-form-${yeonsuId}-fit-error`)).toBeVisible();
  await expect(city.locator(`#score-form-${yeonsuId}-fit`)).toHaveAttribute('aria-invalid', 'true');
  await score(yeonsuId, 9);
  await score(bupyeongId, 7);
  const preview = city.locator('#preview-table');
  await expect(preview.locator(`tr[data-proposal="${yeonsuId}"]`)).toHaveAttribute('data-verdict', 'selected');
  await expect(preview.locator(`tr[data-proposal="${bupyeongId}"]`)).toHaveAttribute('data-verdict', 'over_envelope');

  // Publishing before the deadline is refused; wait (polling the clock) until it has passed.
  await expect(city.locator('#publish-note')).toContainText('마감이 지나야');
  await expect.poll(() => Date.now(), { timeout: 300_000, intervals: [1_000] }).toBeGreaterThan(deadline + 1_000);
  await city.reload();
  await expect(city.locator('#call-state')).toHaveAttribute('data-state', 'closed');
  await expect(city.locator(`#preview-table tr[data-proposal="${bupyeongId}"]`)).toHaveAttribute('data-verdict', 'over_envelope');
  await city.locator('#publish').click();
  await expect(city.locator('#publish-dialog')).toBeVisible();
  await expect(city.locator('#publish-dialog-cancel')).toBeFocused();
  await city.locator('#publish-dialog-ok').click();
  await expect(city).toHaveURL(new RegExp(`/programmes/calls/${callId}\\?published=1$`));
  const results = city.locator('#results-table');
  await expect(results.locator('tbody tr')).toHaveCount(2);
  const selected = await results.locator('tbody tr[data-verdict="selected"]').evaluateAll((rows) => rows.map((r) => Number(r.dataset.won)));
  expect(selected.length).toBeGreaterThan(0);
  expect(selected.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(ENVELOPE);
  const over = results.locator(`tr[data-proposal="${bupyeongId}"]`);
  await expect(over).toHaveAttribute('data-verdict', 'over_envelope');
  await expect(over.locator('.verdict')).toHaveText('예산 초과');
  const published = await (await city.request.get(`${P}/calls/${callId}/results`)).json();
  const overReason = published.ranking.find((r) => r.proposal_id === bupyeongId).reason_ko;
  expect(overReason.length).toBeGreaterThan(0);
  await expect(over.locator('.verdict-reason')).toHaveText(overReason);
  await expect(city.locator('#results-selected-total')).toHaveAttribute('data-won', String(published.greedy_total_won));

  // The district sees the decision on its proposal.
  await bupyeong.goto(`/programmes/calls/${callId}`);
  await expect(bupyeong.locator(`#my-proposals tr[data-id="${bupyeongId}"]`)).toHaveAttribute('data-status', 'rejected');

  // Anyone, signed out, reads the results with the rule.
  const anon = await browser.newContext({ baseURL: BASE, locale: 'ko-KR', timezoneId: 'Asia/Seoul' });
  const pub = await anon.newPage();
  await pub.goto(`/programmes/calls/${callId}`);
  await expect(pub.locator('html')).toHaveAttribute('data-ready', 'true');
  await expect(pub.locator('#results-rule')).toHaveText(published.rule_ko);
  await expect(pub.locator('#results-rule')).toContainText('남은 예산');
  await expect(pub.locator(`#results-table tr[data-proposal="${bupyeongId}"] .verdict-reason`)).toHaveText(overReason);
  await pub.getByRole('button', { name: 'English' }).click();
  await expect(pub.locator('#results-rule')).toHaveText(published.rule_en);
  for (const p of [city, yeonsu, bupyeong, pub]) await p.context().close();
});

test('a participant enrolled in a project shows on the dashboard at once', async ({ page }) => {
  await signIn(page, 'district_officer');
  await page.goto('/programmes?year=2019&as_of=2019-09-30');
  const jobs = page.locator('#kpi-jobs .kpi-value');
  await expect(jobs).toHaveText(/^\d+$/);
  const before = Number(await jobs.textContent());
  // A Yeonsu-gu project (the officer's district) from the dashboard's table.
  const row = page.locator('#projects-table tbody tr', { hasText: '연수구' }).first();
  await row.locator('a.project-link').click();
  await expect(page).toHaveURL(/\/programmes\/projects\/\d+\?as_of=2019-09-30$/);
  const projectJobs = page.locator('#project-kpi-jobs .kpi-value');
  const projectBefore = Number(await projectJobs.textContent());
  await expect(page.locator('#participants-table')).toBeVisible();

  // No long run of digits in the name: the server refuses anything that looks like a resident registration number.
  const name = `e2e 참여자 ${Date.now().toString(36)}`;
  await page.locator('#enrol-form-display_name').fill(name);
  await page.locator('#enrol-form-phone').fill('010-2345-6789');
  await page.locator('#enrol-form-role').selectOption('employee');
  await expect(page.locator('#enrol-form-paid')).toBeChecked();
  await page.locator('#enrol-form-start_date').fill('2019-09-01');
  // An end before the start: the server's field error beside the end date, focus on it.
  await page.locator('#enrol-form-end_date').fill('2019-08-01');
  await page.locator('#enrol-form button[type="submit"]').click();
  await expect(page.locator('#enrol-form-end_date-error')).toBeVisible();
  await expect(page.locator('#enrol-form-end_date')).toBeFocused();
  await expect(page.locator('#enrol-form-errors')).toBeVisible();
  await page.locator('#enrol-form-end_date').fill('');
  await page.locator('#enrol-form button[type="submit"]').click();
  await expect(page.locator('#participants-status')).toContainText(name);
  // The figures as of 2019-09-30 rose by one on the page, without a reload.
  await expect(projectJobs).toHaveText(String(projectBefore + 1));
  const listed = page.locator('#participants-table tbody tr', { hasText: name });
  await expect(listed.locator('.masked-phone')).toHaveText('010-****-6789');
  await expect(page.locator('#participants-table')).not.toContainText('010-2345-6789');
  // Enrolling the same person again is refused with the server's reason.
  await page.locator('#enrol-form-display_name').fill(name);
  await page.locator('#enrol-form-phone').fill('010-2345-6789');
  await page.locator('#enrol-form button[type="submit"]').click();
  await expect(page.locator('#enrol-form-errors')).toContainText('이미');

  // The dashboard for the same date shows one more job; 2019-08-31 keeps Incheon's 142.
  await page.locator('#to-dashboard').click();
  await expect(page).toHaveURL(/\/programmes\?year=2019&as_of=2019-09-30$/);
  await expect(jobs).toHaveText(String(before + 1));
  const api = await request.newContext({ baseURL: BASE });
  const aug = await (await api.get(`${P}/kpis?year=2019&as_of=2019-08-31`)).json();
  expect(aug.total.jobs).toBe(142);
});

test('the 2019 Incheon dashboard shows 142', async ({ page }) => {
  await page.goto('/programmes?year=2019&as_of=2019-08-31');
  await expect(page.locator('html')).toHaveAttribute('data-ready', 'true');
  await expect(page.locator('h1')).toHaveText('일자리 사업 현황');
  await expect(page.locator('#kpi-jobs .kpi-value')).toHaveText('142');
  await expect(page.locator('#kpi-scope-form-year')).toHaveValue('2019');
  await expect(page.locator('#kpi-scope-form-as_of')).toHaveValue('2019-08-31');
  const table = page.locator('#projects-table');
  await expect(table.locator('tbody tr')).toHaveCount(9);
  const jobs = await table.locator('tbody td.col-jobs').evaluateAll((tds) => tds.map((td) => Number(td.dataset.value)));
  expect(jobs.reduce((a, b) => a + b, 0)).toBe(142);
  await expect(table.locator('tfoot td.col-jobs')).toHaveText('142');
  // District names, not numbers, from the directory.
  for (const d of ['연수구', '부평구', '옹진군']) await expect(table.locator('tbody')).toContainText(d);
  // The charts drew, as images described in words, with the table's total.
  const chart = page.locator('#chart-projects');
  await expect(chart).toHaveAttribute('data-drawn', 'true');
  await expect(chart).toHaveAttribute('role', 'img');
  await expect(chart).toHaveAttribute('aria-label', /142/);
  await expect(chart.locator('canvas')).toHaveCount(1);
  await expect(page.locator('#chart-monthly')).toHaveAttribute('data-drawn', 'true');
  const august = page.locator('#monthly-table tbody tr[data-month="2019-08"] td.col-jobs');
  await expect(august).toHaveText('142');
  // The download is the same table.
  const csv = await page.request.get(await page.locator('#export-projects-csv').getAttribute('href'));
  expect(csv.status()).toBe(200);
  expect(csv.headers()['content-type']).toContain('text/csv');
  expect(await csv.text()).toContain('"합계","142"');
  // English relabels in place; the figure stays.
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.locator('h1')).toHaveText('Job programmes dashboard');
  await expect(page.locator('#kpi-jobs .kpi-value')).toHaveText('142');
  await expect(page.locator('#export-projects-csv')).toHaveAttribute('href', /lang=en/);
  await page.getByRole('button', { name: '한국어' }).click();
});
