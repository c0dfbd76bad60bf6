// Home visits (찾아가는 서비스) in the browser: a Bupyeong parent asks for coaching visits and sees them planned with
// a coach; a coach marks a visit of today done and the Bupyeong coaching project's Programmes outputs for today
// rise; the operator marks a coach away tomorrow and the week is re-planned around her, continuity below 100%.
// The demo is loaded on the dispatch clock's day (scripts/e2e.sh), so "today" comes from GET /visits/services.
import { test, expect, request } from '@playwright/test';
import { signIn } from './helpers.mjs';
import { BASE, apiAs } from './jobs-helpers.mjs';

const V = '/api/v1/dispatch/visits';
const COACHES = ['coach1', 'coach2', 'coach3', 'coach4'];

async function services() {
  const ctx = await request.newContext({ baseURL: BASE });
  const body = await (await ctx.get(`${V}/services`)).json();
  await ctx.dispose();
  return { coaching: body.items.find((s) => s.code === 'bupyeong-coaching'), today: body.today };
}

const addDays = (day, n) => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

test('a parent asks for coaching visits and sees them planned with a coach', async ({ page }) => {
  await signIn(page, 'parent1');
  await page.goto('/dispatch/visits');
  await expect(page.locator('h1')).toHaveText('찾아가는 육아코칭 신청');
  await page.locator('label[for="visit-day-thu"]').click();
  await page.locator('label[for="visit-day-fri"]').click();
  await expect(page.locator('#visit-day-thu')).toBeChecked();
  await page.locator('#visit-request-from').fill('10:00');
  await page.locator('#visit-request-to').fill('15:00');
  await page.locator('#visit-request-dong').selectOption('galsan');
  await page.locator('#visit-request-place-address').fill('인천 부평구 갈산로 10, 101동 202호');
  await page.locator('#visit-request button[type="submit"]').click();
  await expect(page.locator('#visits-status')).toContainText('계획되었습니다');
  const planned = page.locator('#my-visits li[data-status="planned"]');
  await expect(planned.first()).toBeVisible();
  expect(await planned.count()).toBeGreaterThanOrEqual(2);
  await expect(planned.first().locator('[data-worker]')).not.toBeEmpty();
});

test('a bad request shows the server’s field message beside the field', async ({ page }) => {
  await signIn(page, 'parent1');
  await page.goto('/dispatch/visits');
  await page.locator('#visit-request-place-address').fill('부평');
  await page.locator('#visit-request button[type="submit"]').click();
  await expect(page.locator('#visit-request .error-summary')).toBeVisible();
  await expect(page.locator('#visit-request-days-error')).toBeVisible();
});

test('a coach marks a visit done and the Programmes output count moves', async ({ page }) => {
  const { today } = await services();
  let coach = null;
  for (const c of COACHES) {
    const api = await apiAs(c);
    const d = await api.get(`${V}/worker/today`);
    expect(d.status).toBe(200);
    if (d.body.visits.some((v) => v.status === 'planned')) { coach = c; break; }
  }
  expect(coach, 'a coach has a visit today').toBeTruthy();
  const city = await apiAs('city_officer');
  const projects = await city.get('/api/v1/programmes/projects');
  const project = (projects.body.items || projects.body).find((p) => p.name === '찾아가는 육아코칭 활동가');
  const outputsToday = async () => (await city.get(`/api/v1/programmes/projects/${project.id}/outputs`)).body.items
    .filter((o) => o.kind === 'coaching_visit' && o.day === today).reduce((n, o) => n + o.count, 0);
  const before = await outputsToday();
  await signIn(page, coach);
  await page.goto('/dispatch/visits/worker');
  const first = page.locator('#worker-visits li[data-status="planned"]').first();
  await expect(first).toBeVisible();
  await expect(first.locator('[data-fact="address"]')).not.toBeEmpty();
  await first.getByRole('button', { name: '방문 완료' }).click();
  await expect(page.locator('#worker-status')).toContainText('완료를 기록했습니다');
  await expect(page.locator('#worker-visits li[data-status="done"]').first()).toBeVisible();
  await expect.poll(outputsToday, { timeout: 15_000 }).toBeGreaterThan(before);
});

test('the operator marks a coach away tomorrow and the week is re-planned around her', async ({ page }) => {
  const { coaching, today } = await services();
  const day = addDays(today, 1);
  const op = await apiAs('operator-coaching');
  const week = await op.get(`${V}/services/${coaching.id}/week?start=${day}`);
  expect(week.status).toBe(200);
  const busy = week.body.workers.find((w) => !w.away.includes(day) && w.visits.some((v) => v.day === day && v.status === 'planned'));
  expect(busy, 'a coach has visits tomorrow').toBeTruthy();
  await signIn(page, 'operator-coaching');
  await page.goto(`/dispatch/visits/console?service=${coaching.id}&start=${day}`);
  await expect(page.locator('#week-table')).toBeVisible();
  await expect(page.locator('#continuity')).toBeVisible();
  await page.locator('#away-form-worker').selectOption(String(busy.id));
  await page.locator('#away-form-day').fill(day);
  await page.locator('#away-form button[type="submit"]').click();
  await expect(page.locator('#console-status')).toContainText('휴무를 기록하고 다시 계획했습니다');
  await expect(page.locator(`#week-table tr[data-worker="${busy.id}"] [data-away="${day}"]`)).toBeVisible();
  await expect(page.locator('#continuity')).not.toHaveText('100%');
  await page.locator('#replan').click();
  await expect(page.locator('#console-status')).toContainText('다시 계획했습니다');
  await expect(page.locator(`#week-table tr[data-worker="${busy.id}"] [data-away="${day}"]`)).toBeVisible();
});
