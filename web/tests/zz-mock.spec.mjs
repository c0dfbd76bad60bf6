import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { signIn } from './helpers.mjs';
const match = (vid, title) => ({ seeker_id: 5, vacancy_id: vid, score: 0.82, seeker_name: '김*일',
  factors: ['occupation', 'competency', 'schedule', 'commute', 'wage', 'start'].map((n, i) => ({ name: n, score: 0.8, weight: 0.2, share: [0.3, 0.25, 0.2, 0.1, 0.1, 0.05][i], detail_ko: `${n} 설명`, detail_en: `${n} detail` })),
  gaps: [{ competency: 'erp', name_ko: 'ERP', name_en: 'ERP', required: false, courses: [{ id: 1, name: '전산회계·ERP' }] }],
  vacancy: { id: vid, title, employer_name: '데모식품', occupation: { code: '027', name_ko: '경리', name_en: 'Bookkeeping' }, hours: { days: ['mon', 'tue'], start: '09:00', end: '15:00' }, wage: { won: 12000, unit: 'hourly' }, workplace: { area: 'jinju-sangdae', name_ko: '상대동', name_en: 'Sangdae' }, start_on: '2026-12-01', status: 'open' } });
const C = { id: 7, seeker_id: 5, centre_id: 3, state: 'counselling', opened_on: '2026-12-01', plan: null, next_states: ['plan', 'closed'], history: [{ from: null, to: 'intake', on: '2026-12-01', reason: '' }, { from: 'intake', to: 'counselling', on: '2026-12-01', reason: '' }] };
async function mock(page) {
  await page.route('**/api/v1/jobs/**', async (route) => {
    const u = new URL(route.request().url()); const p = u.pathname.replace('/api/v1/jobs', ''); const m = route.request().method();
    const json = (b, s = 200) => route.fulfill({ status: s, contentType: s >= 400 ? 'application/problem+json' : 'application/json', body: JSON.stringify(b) });
    if (p === '/reference/places') return json({ items: [{ code: 'jinju-sangdae', name_ko: '상대동', name_en: 'Sangdae-dong' }] });
    if (p === '/reference/competencies') return json({ items: u.searchParams.get('q') === '엑셀' ? [{ key: 'spreadsheet', name_ko: '스프레드시트', name_en: 'Spreadsheets' }] : [] });
    if (p === '/worklist') return json({ today: '2026-12-01', cases: [{ ...C, seeker_name: '김새일', mine: true }], followups: [{ id: 3, case_id: 7, month: 1, due_on: '2026-11-30', overdue: true, seeker_name: '김새일', employer_name: '데모식품' }], payments: [{ id: 4, internship_id: 2, payee: 'employer', kind: 'internship_month', seq: 1, due_on: '2026-11-30', amount_won: 800000, condition: '1개월 근무', status: 'scheduled' }] });
    if (p === '/seekers' && m === 'POST') return json({ type: 'x', title: 'check the seeker\'s profile', title_ko: '구직자 정보를 확인해 주세요', status: 422, errors: [{ field: 'profile.expected_wage.won', code: 'monthly_as_hourly', message_ko: '시급으로는 너무 큽니다', message_en: 'too large for hourly' }] }, 422);
    if (p === '/cases/7') return json(C);
    if (p === '/seekers/5') return json({ id: 5, display_name: '김새일', phone: '01023456789', profile: { childcare: { leave_by: '16:00' } } });
    if (p === '/cases/7/followups') return json({ items: [{ id: 3, month: 1, due_on: '2027-01-01', done_on: null }] });
    if (p === '/referrals') return json({ items: [{ id: 9, vacancy_id: 11, vacancy_title: '경리 사무원', status: 'referred', interview_on: null }] });
    if (p === '/seekers/5/matches') return json({ items: [match(11, '경리 사무원'), match(12, '세무 보조')] });
    if (p === '/cases/7/notes') return json({ type: 'x', title: 'not your case', title_ko: '담당 사례가 아닙니다', status: 403 }, 403);
    if (p === '/hires') return json({ type: 'x', title: 'invalid', title_ko: '확인', status: 422, errors: [{ field: 'start_on', message_ko: '사례를 연 날보다 빠릅니다', message_en: 'before open' }] }, 422);
    if (p.startsWith('/vacancies/11/candidates')) return json({ items: [match(11, 'x')] });
    if (p === '/vacancies/11') return json(match(11, '경리 사무원').vacancy);
    if (p === '/vacancies') return m === 'POST' ? json({ type: 'x', title: 'check', status: 422, errors: [{ field: 'wage.won', message_ko: '시급 너무 큼', message_en: 'too big' }, { field: 'hours.end', message_ko: '끝이 빠름', message_en: 'ends before' }] }, 422) : json({ items: [match(11, '경리 사무원').vacancy] });
    if (p === '/me/seeker') return json({ id: 5, display_name: '주민', profile: { occupations: ['027'], competencies: ['spreadsheet'] }, cases: [{ id: 7, state: 'job_search' }] });
    return json({ title: 'mock missing ' + p, status: 404 }, 404);
  });
}
async function check(page, label) {
  const r = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  const bad = r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  console.log(label, JSON.stringify(bad), 'overflow', overflow);
}
for (const w of [320, 1280]) {
  test(`mock counsellor ${w}`, async ({ page }) => {
    page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') console.log('CONSOLE', m.text()); });
    page.on('pageerror', (e) => console.log('PAGEERROR', e.message));
    await page.setViewportSize({ width: w, height: 900 });
    await mock(page);
    await signIn(page, 'counsellor');
    await page.goto('/jobs'); await expect(page.locator('#cases-table')).toBeVisible(); await check(page, 'worklist');
    await page.goto('/jobs/intake'); await expect(page.locator('#intake-form')).toBeVisible();
    await page.locator('#intake-form-display_name').fill('x');
    await page.locator('#intake-form-profile-competencies').fill('엑셀, 뭐지');
    await page.locator('#intake-form-profile-competencies').blur();
    await page.locator('#intake-form button[type="submit"]').click();
    await expect(page.locator('#intake-form-profile-expected_wage-won-error')).toBeVisible();
    console.log('alias', await page.locator('#intake-form-profile-competencies-resolved').textContent());
    await check(page, 'intake err');
    await page.goto('/jobs/cases/7'); await expect(page.locator('#rec-11')).toBeVisible(); await check(page, 'case');
    await page.locator('#hire-form-employer_id').selectOption('r9');
    await page.locator('#hire-form-wage-won').fill('12000');
    await page.locator('#hire-form button[type="submit"]').click();
    await expect(page.locator('#hire-form-start_on-error')).toBeVisible();
    await page.locator('#notes-read-form-reason').fill('점검');
    await page.locator('#notes-read-form button[type="submit"]').click();
    await expect(page.locator('#notes-status')).toContainText('담당');
    await check(page, 'case err');
    await page.screenshot({ path: `/tmp/mock/case-${w}.png`, fullPage: true });
  });
  test(`mock employer ${w}`, async ({ page }) => {
    page.on('pageerror', (e) => console.log('PAGEERROR', e.message));
    await page.setViewportSize({ width: w, height: 900 });
    await mock(page);
    await signIn(page, 'employer');
    await page.goto('/jobs/employer'); await expect(page.locator('#vacancy-form')).toBeVisible(); await check(page, 'employer');
    await page.locator('#vacancy-form-title').fill('x'); await page.locator('#vacancy-form-occupation').selectOption('027');
    await page.locator('#vacancy-form-wage-won').fill('1'); await page.locator('#vacancy-form-workplace-area').selectOption('jinju-sangdae');
    await page.locator('#vacancy-form button[type="submit"]').click();
    await expect(page.locator('#vacancy-form-hours-end-error')).toBeVisible(); await check(page, 'employer err');
    await page.goto('/jobs/vacancies/11/candidates'); await expect(page.locator('#candidates .match-card')).toBeVisible(); await check(page, 'cands');
    await page.screenshot({ path: `/tmp/mock/cands-${w}.png`, fullPage: true });
  });
  test(`mock resident ${w}`, async ({ page }) => {
    page.on('pageerror', (e) => console.log('PAGEERROR', e.message));
    await page.setViewportSize({ width: w, height: 900 });
    await mock(page);
    await signIn(page, 'resident');
    await page.goto('/jobs/me'); await expect(page.locator('#my-profile-form')).toBeVisible(); await check(page, 'me');
  });
}
