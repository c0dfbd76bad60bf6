// Dispatch journeys (무빙콜, the on-demand shuttle of Geomdan industrial complex) against the real server, whose shuttle
// runs on a shifted clock in the e2e run (2026-12-02 07:00 Seoul plus elapsed time): a resident asks for a ride as
// soon as possible and is promised a window and a fare, follows it; the driver (another browser) has it as his next
// stop, picks up and drops off; her page then says completed and the operator's console counts it; an operator takes a
// phoned-in request and cancels it from the console's queue; bad input (the same stop twice, a time outside the
// hours) is refused beside the fields, in Korean and in English, and nothing typed is lost; a request no van can take
// is refused with the next time that fits, and one button asks again for that time; a recurring ride shows each day
// booked or refused, and stopping it cancels its coming rides.
import { test, expect } from '@playwright/test';
import { signIn, HANGUL } from './helpers.mjs';
import { addDays, seoulTime } from '../src/js/seoul.js';
import { D, BASE, OPERATOR, DRIVER, apiAs, geomdan, onDriversVehicle, stopsNearDriver, cancelRides } from './dispatch-helpers.mjs';

async function pageAs(browser, role) {
  const ctx = await browser.newContext({ baseURL: BASE, locale: 'ko-KR', timezoneId: 'Asia/Seoul', viewport: { width: 1280, height: 900 } });
  const page = await ctx.newPage();
  await signIn(page, role);
  return page;
}

const HHMM_RANGE = /\d{2}:\d{2}–\d{2}:\d{2}/;

test('a resident is promised a ride, the driver picks her up and drops her off, and the console counts it', async ({ browser }) => {
  test.setTimeout(240_000);
  const { area } = await geomdan();
  // From the stop nearest the demo driver's van (the first stop on a fresh server), so the operator can put it there.
  const [from, to] = (await stopsNearDriver(area)).map((i) => area.stops[i]);

  const resident = await pageAs(browser, 'resident');
  await resident.locator('nav a[href="/dispatch"]').click();
  await expect(resident.locator('h1')).toHaveText('무빙콜 (수요응답형 셔틀)');
  await expect(resident.locator(`#area-${area.id}`)).toContainText(area.name_ko);
  await resident.locator('#ride-form-pickup_stop_id').selectOption(String(from.id));
  await resident.locator('#ride-form-dropoff_stop_id').selectOption(String(to.id));
  await expect(resident.locator('#ride-form-when-asap')).toBeChecked();
  await resident.locator('#ride-form button[type="submit"]').click();

  const promise = resident.locator('#ride-promise');
  await expect(promise).toBeVisible();
  await expect(promise).toBeFocused();
  await expect(promise.locator('[data-fact="window"]')).toContainText(HHMM_RANGE);
  await expect(promise.locator('[data-fact="eta"]')).toContainText(/\d{2}:\d{2}/);
  await expect(promise.locator('[data-fact="latest_arrival"]')).toContainText(/\d{2}:\d{2}/);
  await expect(promise.locator('[data-fact="fare"]')).toContainText(/[\d,]+원/);
  const rideId = Number(await promise.getAttribute('data-ride'));
  expect(rideId).toBeGreaterThan(0);
  // Her list has it, promised.
  await expect(resident.locator(`#my-rides tr[data-id="${rideId}"]`)).toHaveAttribute('data-status', 'promised');

  // The promise as the server keeps it: the window is from + max_wait, and the fare the page showed.
  const me = await apiAs('resident');
  const ride = (await me.get(`${D}/rides/${rideId}`)).body.ride;
  expect(ride.status).toBe('promised');
  expect(ride.pickup.id).toBe(from.id);
  await expect(promise.locator('[data-fact="fare"] .won')).toHaveAttribute('data-won', String(ride.fare_won));

  await promise.locator('#ride-promise-track').click();
  await expect(resident).toHaveURL(new RegExp(`/dispatch/rides/${rideId}$`));
  await expect(resident.locator('#ride-details')).toHaveAttribute('data-status', 'promised');
  await expect(resident.locator('[data-fact="pickup"]')).toHaveText(from.name_ko);
  await expect(resident.locator('#cancel-ride')).toBeVisible();

  // The driver: the ride goes on his vehicle (the operator's assign, if the engine chose another van).
  await onDriversVehicle(rideId);
  const driver = await pageAs(browser, DRIVER);
  await driver.locator('nav a[href="/dispatch/driver"]').click();
  await expect(driver.locator('h1')).toHaveText('오늘의 운행');
  const next = driver.locator('#next-stop-card');
  await expect(next).toHaveAttribute('data-ride', String(rideId));
  await expect(next).toHaveAttribute('data-action', 'pickup');
  await expect(next.locator('.next-stop-name')).toHaveText(from.name_ko);
  await next.locator('button[data-action="picked_up"]').click();
  await expect(driver.locator('#driver-status')).toContainText('탑승을 기록했습니다');
  await expect(next).toHaveAttribute('data-action', 'dropoff');
  await expect(next).toHaveAttribute('data-ride', String(rideId));
  await expect(next.locator('.next-stop-name')).toHaveText(to.name_ko);
  await next.locator('button[data-action="dropped_off"]').click();
  await expect(driver.locator('#driver-status')).toContainText('하차를 기록했습니다');
  await expect(driver.locator(`#done-stops li[data-ride="${rideId}"]`)).toHaveCount(2);

  // Her tracking page sees it on its next refresh (every 15 s), without a reload.
  await expect(resident.locator('#ride-details')).toHaveAttribute('data-status', 'completed', { timeout: 30_000 });
  await expect(resident.locator('#ride-status')).toContainText('완료');
  await expect(resident.locator('#cancel-ride')).toHaveCount(0);

  // The operator's console: the day's figures count it, and the queue has it as completed.
  const operator = await pageAs(browser, OPERATOR);
  await operator.locator('nav a[href="/dispatch/console"]').click();
  await expect(operator.locator('h1')).toHaveText('배차 콘솔');
  const completed = operator.locator('#figures [data-figure="completed"]');
  await expect(completed).toBeVisible();
  expect(Number(await completed.getAttribute('data-value'))).toBeGreaterThanOrEqual(1);
  await expect(operator.locator(`#queue-table tr[data-id="${rideId}"]`)).toHaveAttribute('data-status', 'completed');
  await expect(operator.locator('#area-map')).toHaveAttribute('role', 'img');
  await expect(operator.locator('#vehicles-table tbody tr').first()).toBeVisible();

  for (const p of [resident, driver, operator]) await p.context().close();
});

test('an operator takes a phoned-in request, then cancels it from the console queue', async ({ browser }) => {
  test.setTimeout(180_000);
  const { area } = await geomdan();
  const [from, to] = [area.stops[1], area.stops[2]];
  const operator = await pageAs(browser, OPERATOR);
  await operator.goto('/dispatch');
  await expect(operator.locator('#console-link')).toBeVisible();
  // Name and phone are required for a phoned-in request: the form says so before asking the server.
  await operator.locator('#ride-form-pickup_stop_id').selectOption(String(from.id));
  await operator.locator('#ride-form-dropoff_stop_id').selectOption(String(to.id));
  await operator.locator('#ride-form button[type="submit"]').click();
  await expect(operator.locator('#ride-form-rider-name-error')).toBeVisible();
  await expect(operator.locator('#ride-form-rider-name')).toBeFocused();
  await expect(operator.locator('#ride-form-pickup_stop_id')).toHaveValue(String(from.id));

  await operator.locator('#ride-form-rider-name').fill('e2e 전화 승객');
  await operator.locator('#ride-form-rider-phone').fill('010-3456-7890');
  await operator.locator('#ride-form-note').fill('정문 앞에서 기다립니다');
  await operator.locator('#ride-form button[type="submit"]').click();
  const promise = operator.locator('#ride-promise');
  await expect(promise).toBeVisible();
  await expect(promise.locator('[data-fact="window"]')).toContainText(HHMM_RANGE);
  const rideId = Number(await promise.getAttribute('data-ride'));

  const op = await apiAs(OPERATOR);
  const ride = (await op.get(`${D}/rides/${rideId}`)).body.ride;
  expect(ride.status).toBe('promised');
  expect(ride.rider.name).toBe('e2e 전화 승객');
  expect(ride.note).toBe('정문 앞에서 기다립니다');

  await operator.locator('#console-link').click();
  await expect(operator.locator('h1')).toHaveText('배차 콘솔');
  const row = operator.locator(`#queue-table tr[data-id="${rideId}"]`);
  await expect(row).toHaveAttribute('data-status', 'promised');
  // Cancelling asks first; "cancel" in the dialog keeps the ride.
  await row.locator(`#cancel-${rideId}`).click();
  await expect(operator.locator('#console-cancel-dialog')).toBeVisible();
  await operator.locator('#console-cancel-dialog-cancel').click();
  await expect(operator.locator('#console-cancel-dialog')).toHaveCount(0);
  await expect(row).toHaveAttribute('data-status', 'promised');
  await row.locator(`#cancel-${rideId}`).click();
  await operator.locator('#console-cancel-dialog-ok').click();
  await expect(operator.locator('#console-status')).toContainText(`#${rideId}`);
  // The queue is drawn again: the ride is cancelled there (or gone), and on the server.
  await expect(operator.locator(`#queue-table tr[data-id="${rideId}"][data-status="promised"]`)).toHaveCount(0);
  expect((await op.get(`${D}/rides/${rideId}`)).body.ride.status).toBe('cancelled');
  await operator.context().close();
});

for (const lang of ['ko', 'en']) {
  test(`bad input is refused beside the fields and nothing typed is lost (${lang})`, async ({ page }) => {
    test.setTimeout(120_000);
    const { area, today } = await geomdan();
    const [a, b] = [area.stops[0], area.stops[1]];
    await signIn(page, 'resident');
    await page.goto('/dispatch');
    await expect(page.locator('#ride-form')).toBeVisible();
    if (lang === 'en') {
      await page.getByRole('button', { name: 'English' }).click();
      await expect(page.locator('h1')).toHaveText('Moving Call (on-demand shuttle)');
    }
    const text = (s) => (lang === 'ko' ? expect(s).toMatch(HANGUL) : expect(s).not.toMatch(HANGUL));

    // The same stop twice.
    await page.locator('#ride-form-pickup_stop_id').selectOption(String(a.id));
    await page.locator('#ride-form-dropoff_stop_id').selectOption(String(a.id));
    await page.locator('#ride-form-passengers').fill('2');
    await page.locator('#ride-form-note').fill('keep me');
    await page.locator('#ride-form button[type="submit"]').click();
    await expect(page.locator('#ride-form-errors')).toBeVisible();
    const stopError = page.locator('#ride-form-pickup_stop_id-error:visible, #ride-form-dropoff_stop_id-error:visible');
    await expect(stopError.first()).toBeVisible();
    text(await stopError.first().innerText());
    await expect(page.locator('#ride-form [aria-invalid="true"]').first()).toBeVisible();
    await expect(page.locator('#ride-form-pickup_stop_id')).toHaveValue(String(a.id));
    await expect(page.locator('#ride-form-dropoff_stop_id')).toHaveValue(String(a.id));
    await expect(page.locator('#ride-form-passengers')).toHaveValue('2');
    await expect(page.locator('#ride-form-note')).toHaveValue('keep me');
    await expect(page.locator('#ride-promise')).toHaveCount(0);

    // A time outside the hours (05:00–24:00): 03:00 tomorrow.
    await page.locator('#ride-form-dropoff_stop_id').selectOption(String(b.id));
    await page.locator('label[for="ride-form-when-at"]').click();
    const tomorrow = addDays(today, 1);
    await page.locator('#ride-form-pickup_after-date').fill(tomorrow);
    await page.locator('#ride-form-pickup_after-time').fill('03:00');
    await page.locator('#ride-form button[type="submit"]').click();
    const timeError = page.locator('#ride-form-pickup_after-error');
    await expect(timeError).toBeVisible();
    text(await timeError.innerText());
    await expect(timeError).toContainText('05:00');
    await expect(page.locator('#ride-form-pickup_after-date')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.locator('#ride-form-pickup_after-date')).toHaveValue(tomorrow);
    await expect(page.locator('#ride-form-pickup_after-time')).toHaveValue('03:00');
    await expect(page.locator('#ride-form-dropoff_stop_id')).toHaveValue(String(b.id));
    await expect(page.locator('#ride-form-note')).toHaveValue('keep me');
    // The stop error is gone: the server was asked again with both fixed but the time.
    await expect(page.locator('#ride-form-dropoff_stop_id-error')).toBeHidden();

    // The language switch relabels the server's message in place.
    await page.getByRole('button', { name: lang === 'ko' ? 'English' : '한국어' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', lang === 'ko' ? 'en' : 'ko');
    if (lang === 'ko') await expect(timeError).not.toHaveText(HANGUL);
    else await expect(timeError).toHaveText(HANGUL);
    await expect(timeError).toContainText('05:00');
    await expect(page.locator('#ride-form-pickup_after-time')).toHaveValue('03:00');
    // Leave the browser's choice in Korean for the next tests.
    await page.getByRole('button', { name: '한국어' }).click();
  });
}

test('a request no vehicle can take is refused with the next time that fits, and one button asks for that time', async ({ page }) => {
  test.setTimeout(120_000);
  const { area, today } = await geomdan();
  const resident = await apiAs('resident');
  const made = [];
  try {
    // Fill a time with full vans (4 people in wheelchairs each) until the server says no for it.
    const at = `${today}T09:00:00+09:00`;
    let refused = null;
    for (let i = 0; i < 12 && !refused; i += 1) {
      const body = {
        area_id: area.id, pickup_stop_id: area.stops[i % area.stops.length].id,
        dropoff_stop_id: area.stops[(i + 4) % area.stops.length].id, passengers: 4, wheelchair: true, pickup_after: at,
      };
      const r = await resident.post(`${D}/rides`, body);
      if (r.status === 201) made.push(r.body.ride.id);
      else if (r.status === 409 && r.body.reason === 'no_vehicle' && r.body.next_possible_at) refused = body;
      else expect(r.status, JSON.stringify(r.body)).toBe(201);
    }
    expect(refused, 'a time the vans cannot take').toBeTruthy();

    // The same request through the page.
    await signIn(page, 'resident');
    await page.goto('/dispatch');
    await page.locator('#ride-form-pickup_stop_id').selectOption(String(refused.pickup_stop_id));
    await page.locator('#ride-form-dropoff_stop_id').selectOption(String(refused.dropoff_stop_id));
    await page.locator('label[for="ride-form-when-at"]').click();
    await page.locator('#ride-form-pickup_after-date').fill(today);
    await page.locator('#ride-form-pickup_after-time').fill('09:00');
    await page.locator('#ride-form-passengers').fill('4');
    await page.locator('label[for="ride-form-wheelchair"]').click();
    await page.locator('#ride-form button[type="submit"]').click();
    const refusal = page.locator('#ride-refusal');
    await expect(refusal).toBeVisible();
    await expect(refusal).toBeFocused();
    await expect(refusal).toContainText('차량이 없습니다');
    const retry = page.locator('#ride-refusal-retry');
    const next = await retry.getAttribute('data-at');
    const hhmm = seoulTime(next);
    await expect(retry).toHaveText(`${hhmm}에 다시 요청하기`);
    await retry.click();
    // The form now holds that time (nothing else changed), and the answer is the promise or, if that time went
    // meanwhile, another refusal with its own later time.
    await expect(page.locator('#ride-form-pickup_after-time')).toHaveValue(hhmm);
    await expect(page.locator('#ride-form-passengers')).toHaveValue('4');
    await expect(page.locator('#ride-promise, #ride-refusal-retry:not([data-at="' + next + '"])').first()).toBeVisible();
    const promised = page.locator('#ride-promise');
    if (await promised.count()) {
      made.push(Number(await promised.getAttribute('data-ride')));
      await expect(promised.locator('[data-fact="window"]')).toContainText(hhmm);
    }
  } finally {
    await cancelRides(made);
  }
});

test('a resident books a recurring ride, sees each day booked or refused, and stops it', async ({ page }) => {
  test.setTimeout(120_000);
  const { area } = await geomdan();
  const [from, to] = [area.stops[1], area.stops[4]];
  await signIn(page, 'resident');
  await page.goto('/dispatch');
  const form = page.locator('#series-form');
  await expect(form).toBeVisible();
  await page.locator('#series-form-pickup_stop_id').selectOption(String(from.id));
  await page.locator('#series-form-dropoff_stop_id').selectOption(String(to.id));
  await page.locator('#series-form-time').fill('08:10');
  // Weekdays (the default) but Friday.
  await page.locator('label[for="series-form-days-fri"]').click();
  await form.locator('button[type="submit"]').click();
  const result = page.locator('#series-result');
  await expect(result).toBeFocused();
  const rows = page.locator('#series-occurrences tbody tr[data-day]');
  await expect(rows.first()).toBeVisible();
  const days = await rows.evaluateAll((trs) => trs.map((tr) => ({ day: tr.dataset.day, booked: tr.dataset.booked === 'true', ride: Number(tr.dataset.ride) || null })));
  // Every day listed is a Monday to Thursday after today, within the week the area books ahead.
  for (const d of days) expect([1, 2, 3, 4]).toContain(new Date(`${d.day}T12:00:00Z`).getUTCDay());
  const booked = days.filter((d) => d.booked);
  expect(booked.length).toBeGreaterThanOrEqual(1);
  await expect(rows.filter({ hasText: '예약됨' }).first()).toBeVisible();

  // The series is listed; stopping it (after a confirmation) cancels its coming rides.
  const me = await apiAs('resident');
  const series = (await me.get(`${D}/me/series`)).body.items;
  const mine = series.filter((x) => x.pickup_stop_id === from.id && x.dropoff_stop_id === to.id && x.time === '08:10' && x.status !== 'cancelled');
  expect(mine.length).toBeGreaterThanOrEqual(1);
  const id = Math.max(...mine.map((x) => x.id));
  const row = page.locator(`#my-series tr[data-id="${id}"]`);
  await expect(row).toBeVisible();
  await row.locator(`#cancel-series-${id}`).click();
  await page.locator('#cancel-series-dialog-ok').click();
  await expect(page.locator('#my-series-status')).toContainText('중지했습니다');
  await expect(row).toHaveAttribute('data-status', 'cancelled');
  expect((await me.get(`${D}/rides/${booked[0].ride}`)).body.ride.status).toBe('cancelled');
});
