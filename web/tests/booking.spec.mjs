// Booking journeys (통합예약) against the real server and its real clock: a parent books the photo studio; a
// second parent is waitlisted and gets the freed slot after a cancellation; a manager books for a walk-in and
// checks them in; a lottery is drawn and re-drawn from its seed with the same result. Set-up that is not the
// journey itself (other parents, a desk resource, lottery entries) goes through the HTTP API.
import { test, expect, request } from '@playwright/test';
import { demoPassword } from './helpers.mjs';
import { monthsBefore, seoulMonth } from '../src/js/seoul.js';

const B = '/api/v1/booking';
const PASSWORD = 'e2e-booking-password-1';

async function apiAs(login, password = demoPassword()) {
  const ctx = await request.newContext({ baseURL: process.env.DONGNE_URL || 'http://127.0.0.1:8080' });
  const r = await ctx.post('/api/v1/auth/login', { data: { login, password, token: true } });
  expect(r.status(), await r.text()).toBe(200);
  const { token } = await r.json();
  const headers = { authorization: `Bearer ${token}` };
  return {
    get: async (p) => (await ctx.get(p, { headers })).json(),
    post: async (p, data, extra = {}) => {
      const res = await ctx.post(p, { headers: { ...headers, ...extra }, data });
      return { status: res.status(), body: await res.json().catch(() => null) };
    },
    put: async (p, data) => (await ctx.put(p, { headers, data })).json(),
  };
}

/** A new parent with a Jinju household and a baby born `months` months ago (Seoul time). */
async function newParent(tag, months = 6) {
  const email = `${tag}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.kr`;
  const ctx = await request.newContext({ baseURL: process.env.DONGNE_URL || 'http://127.0.0.1:8080' });
  const reg = await ctx.post('/api/v1/auth/register', { data: { name: `부모 ${tag}`, email, password: PASSWORD } });
  expect(reg.status(), await reg.text()).toBe(201);
  return { email, birth: birthMonth(months) };
}

function birthMonth(monthsAgo) {
  return monthsBefore(seoulMonth(), monthsAgo);
}

async function signInAs(page, email, password) {
  await page.goto('/signin');
  await expect(page.locator('html')).toHaveAttribute('data-ready', 'true');
  await page.locator('#signin-form-login').fill(email);
  await page.locator('#signin-form-password').fill(password);
  await page.locator('#signin-form button[type="submit"]').click();
  await expect(page.locator('#sign-out')).toBeVisible();
}

async function studio(api) {
  return (await api.get(`${B}/resources`)).items.find((r) => r.code === 'seongbuk-photo-studio');
}

test('a parent registers the household and books the photo studio', async ({ page }) => {
  const parent = await newParent('studio');
  await signInAs(page, parent.email, PASSWORD);
  await page.locator('nav a[href="/booking"]').click();
  await expect(page.locator('h1')).toHaveText('통합예약');
  await expect(page.locator('#household-missing')).toBeVisible();
  await page.locator('a[href="/booking/household"]').click();
  await page.locator('#household-form-city_code').selectOption('jinju');
  await page.locator('.child-row input').first().fill(parent.birth);
  await page.locator('#household-form button[type="submit"]').click();
  await expect(page).toHaveURL(/\/booking\?notice=household_saved$/);
  await expect(page.locator('#household-missing')).toHaveCount(0);
  await page.locator('li[data-code="seongbuk-photo-studio"] a').click();
  await expect(page.locator('h1')).toHaveText('100일·돌 사진 스튜디오');
  const free = page.locator('button.slot[data-left="1"]:not([disabled])');
  for (let i = 0; i < 3 && (await free.count()) === 0; i++) await page.locator('#next-week').click();
  const start = await free.first().getAttribute('data-start');
  await free.first().click();
  await page.locator('#confirm-booking').click();
  await expect(page.locator('#booking-result')).toContainText('예약이 확정되었습니다');
  await expect(page.locator(`button.slot[data-start="${start}"]`)).toHaveAttribute('data-left', '0');
  await page.locator('#booking-result a[href="/booking/mine"]').click();
  await expect(page.locator('#my-bookings tbody tr').first().locator('.booking-state')).toHaveText('확정');
  // English, same page.
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.locator('#my-bookings tbody tr').first().locator('.booking-state')).toHaveText('confirmed');
  await page.getByRole('button', { name: '한국어' }).click();
});

test('a second parent is waitlisted and gets the freed slot after a cancellation', async ({ page }) => {
  const first = await newParent('first');
  const a = await apiAs(first.email, PASSWORD);
  await a.put(`${B}/household`, { city_code: 'jinju', members: [{ label: 'baby', is_child: true, birth_month: first.birth }] });
  const s = await studio(a);
  const week = await a.get(`${B}/resources/${s.id}/availability?days=14`);
  const slots = week.days.flatMap((d) => d.slots).filter((x) => x.bookable_now && x.left === 1);
  const slot = slots[slots.length - 1];
  const booked = await a.post(`${B}/bookings`, { resource_id: s.id, start: slot.start, end: slot.end }, { 'idempotency-key': `e2e-${Date.now()}` });
  expect(booked.body.outcome).toBe('confirmed');

  const second = await newParent('second', 5);
  const b = await apiAs(second.email, PASSWORD);
  await b.put(`${B}/household`, { city_code: 'jinju', members: [{ label: 'baby', is_child: true, birth_month: second.birth }] });
  await signInAs(page, second.email, PASSWORD);
  await page.goto(`/booking/r/${s.id}`);
  const button = page.locator(`button.slot[data-start="${slot.start}"]`);
  await expect(page.locator('#booking-calendar .week-nav')).toBeVisible();
  if ((await button.count()) === 0) await page.locator('#next-week').click();  // the slot is in the second week
  await expect(button).toContainText('대기 신청');
  await button.click();
  await page.locator('#confirm-booking').click();
  await expect(page.locator('#booking-result')).toContainText('대기 1번');

  const cancelled = await a.post(`${B}/bookings/${booked.body.booking.id}/cancel`, {});
  expect(cancelled.body.status).toBe('cancelled');
  await page.goto('/booking/mine');
  const row = page.locator('#my-bookings tbody tr').first();
  await expect(row.locator('.booking-state')).toHaveText('빈자리 제안');
  await row.locator('button.accept').click();
  await expect(row.locator('.booking-state')).toHaveText('확정');
  await expect(page.locator('#mine-result')).toContainText('확정');
});

test('a manager books for a walk-in and checks them in', async ({ page }) => {
  const m = await apiAs('manager.gaho@demo.dongne.kr');
  const site = (await m.get('/api/v1/organisations?kind=facility')).items.find((f) => f.code === 'jinju-gaho');
  const day = [['00:00', '24:00']];
  const name = `안내 데스크 ${Date.now()}`;
  const created = await m.post(`${B}/resources`, {
    facility_id: site.id, code: `e2e-desk-${Date.now()}`, kind: 'space', name_ko: name, name_en: `Desk ${Date.now()}`, capacity: 2,
    rules: { hours: { mon: day, tue: day, wed: day, thu: day, fri: day, sat: day, sun: day }, closed_on_public_holidays: false,
      window: { opens_days_ahead: 1, opens_at: '00:00', closes_before_minutes: 30 }, slot_minutes: 15, eligibility: { city_code: 'jinju' },
      check_in: { opens_before_minutes: 15, closes_after_minutes: 15 } },
  });
  expect(created.status).toBe(201);
  await signInAs(page, 'manager.gaho@demo.dongne.kr', demoPassword());
  await page.locator('nav a[href="/booking/manage"]').click();
  await expect(page.locator('h1')).toHaveText('시설 예약 관리');
  await page.locator('#walk-in-resource').selectOption({ label: name });
  await expect(page.locator('#walk-in-slot option').first()).toBeAttached();
  await page.locator('#walk-in-name').fill('방문 가족 e2e');
  await page.locator('#walk-in-phone').fill('010-5555-0101');
  await page.locator('#walk-in-form button[type="submit"]').click();
  await expect(page.locator('#manage-result')).toContainText('예약이 확정되었습니다');
  const row = page.locator('#day-sheet tbody tr', { hasText: '방문 가족 e2e' });
  await expect(row.locator('.booking-state')).toHaveText('확정');
  await row.locator('button.act-check-in').click();
  await expect(row.locator('.booking-state')).toHaveText('입실·대여 확인');
  await expect(page.locator('#csv-utf8')).toHaveAttribute('href', /format=csv/);
});

test('a lottery is drawn and re-drawn from its seed with the same result', async ({ page }) => {
  const m = await apiAs('facility_manager@demo.dongne.kr');
  const site = (await m.get('/api/v1/organisations?kind=facility')).items.find((f) => f.code === 'jinju-sinan');
  const inDays = (n, hh) => new Date(Date.now() + n * 86400000).toISOString().slice(0, 10) + `T${hh}:00:00+09:00`;
  const occ = { start: inDays(5, '10'), end: inDays(5, '15') };
  const created = await m.post(`${B}/resources`, {
    facility_id: site.id, code: `e2e-lottery-${Date.now()}`, kind: 'event', name_ko: `추첨 캠프 ${Date.now()}`, name_en: 'Lottery camp', capacity: 6,
    occurrences: [occ],
    rules: { closed_on_public_holidays: false, window: { opens_days_ahead: 30, opens_at: '00:00' }, max_persons_per_booking: 4,
      allocation: 'lottery', lottery_draw_at: inDays(2, '10'), eligibility: { city_code: 'jinju' } },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const camp = created.body;
  for (let i = 0; i < 6; i++) {
    const hh = await m.post(`${B}/households`, { contact_name: `추첨 가족 ${i}`, city_code: 'jinju' });
    const e = await m.post(`${B}/staff/bookings`, { household_id: hh.body.household.id, resource_id: camp.id, ...occ, persons: 2 });
    expect(e.body.outcome).toBe('entered_lottery');
  }
  await signInAs(page, 'facility_manager@demo.dongne.kr', demoPassword());
  await page.goto('/booking/manage');
  const panel = page.locator(`section.lottery[data-id="${camp.id}"]`);
  await expect(panel).toContainText(camp.lottery.seed);
  await panel.locator('button.draw').click();
  await expect(panel.locator('.winners')).not.toBeEmpty();
  const winners = await panel.locator('.winners').textContent();
  expect(winners.split(',').length).toBe(3);
  await panel.locator('button.verify').click();
  await expect(page.locator(`#verify-${camp.id}`)).toHaveText('다시 추첨한 결과가 발표된 결과와 같습니다.');
  await expect(panel.locator('.redrawn-winners')).toHaveText(winners);
});
