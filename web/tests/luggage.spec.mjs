// Luggage delivery journeys (프리러그, Gyeyang's same-day delivery between Incheon Airport and hotels) against the real
// server, whose dispatch runs on a shifted clock in the e2e run (2026-12-02 07:00 Seoul plus elapsed time): a traveller
// without an account orders 2 bags from Terminal 1 to a hotel, sees the fee estimate as she types, lands on the
// tracking page with the two codes and the fee; the courier (another browser) has the pickup as his next stop, a wrong
// code is refused beside the input with the server's words, the right code confirms the pickup and then the delivery,
// and her tracking page says delivered on its next refresh; the operator's console lists the order as delivered and
// counts it, takes an order for a caller and assigns it to a van; bad input is refused beside the fields in Korean and
// English with nothing typed lost; cancelling from the tracking page asks first and works only before pickup; an order
// no van can take by its deadline is refused in words with one button for the later deadline the server found; an
// order with a tight deadline is flagged late in plain words and listed first, marked, on the console.
import { test, expect } from '@playwright/test';
import { signIn, HANGUL } from './helpers.mjs';
import { seoulTime } from '../src/js/seoul.js';
import {
  D, L, BASE, LUGGAGE_OPERATOR, COURIER, apiAs, luggageArea, traveller, orderLuggage, onCouriersVan, courierVehicle,
  cancelOpenOrders, cancelOrders, fillUntilRefused,
} from './luggage-helpers.mjs';

async function newPage(browser) {
  const ctx = await browser.newContext({ baseURL: BASE, locale: 'ko-KR', timezoneId: 'Asia/Seoul', viewport: { width: 1280, height: 900 } });
  return ctx.newPage();
}
async function pageAs(browser, role) {
  const page = await newPage(browser);
  await signIn(page, role);
  return page;
}

const HHMM_RANGE = /\d{2}:\d{2}–\d{2}:\d{2}/;
const made = [];
test.afterAll(async () => {
  await cancelOrders(made);
});

test('a traveller without an account orders 2 bags from Terminal 1 to a hotel and sees the codes and the fee', async ({ browser }) => {
  test.setTimeout(120_000);
  const { area, t1, hotel } = await luggageArea();
  const page = await newPage(browser);
  await page.goto('/luggage');
  await expect(page.locator('html')).toHaveAttribute('data-ready', 'true');
  await expect(page.locator('h1')).toHaveText('프리러그 짐 배송');
  await expect(page.locator('#sign-out')).toHaveCount(0);
  await page.locator('#luggage-form-pickup_place_id').selectOption(String(t1.id));
  await page.locator('#luggage-form-delivery_place_id').selectOption(String(hotel.id));
  await page.locator('#luggage-form-bags').fill('2');
  // The estimate follows what is typed: the bags' part is per_bag_won × 2, and a total appears once both places are set.
  const perBag = area.fare.per_bag_won;
  await expect(page.locator('#luggage-fee [data-fact="bags"]')).toContainText(new Intl.NumberFormat('en-US').format(perBag * 2));
  await expect(page.locator('#luggage-fee')).toHaveAttribute('data-total', /^\d+$/);
  await expect(page.locator('#luggage-fee')).toContainText('주문할 때 확정');
  await page.locator('#luggage-form-flight').fill('ke902');
  await page.locator('#luggage-form-customer-name').fill('Nguyen Thi Lan');
  await page.locator('#luggage-form-customer-phone').fill('010-1234-5678');
  await page.locator('#luggage-form button[type="submit"]').click();

  await expect(page).toHaveURL(/\/luggage\/track\/[^/?]+\?ordered=1$/);
  const notice = page.locator('#ordered-notice');
  await expect(notice).toBeVisible();
  await expect(notice).toBeFocused();
  const details = page.locator('#order-details');
  await expect(details).toHaveAttribute('data-status', 'scheduled');
  const id = Number(await details.getAttribute('data-order'));
  made.push(id);
  await expect(page.locator('#order-status')).toContainText('예약됨');
  await expect(page.locator('#order-steps [aria-current="step"]')).toHaveAttribute('data-step', 'scheduled');

  // The codes, large, with what to do with them; and the fee as the server fixed it.
  const token = decodeURIComponent(new URL(page.url()).pathname.split('/').pop());
  const order = (await (await traveller()).get(`${L}/track/${encodeURIComponent(token)}`)).body.order;
  expect(order.id).toBe(id);
  expect(order.bags).toBe(2);
  expect(order.flight).toBe('KE902');
  await expect(page.locator('#pickup-code')).toHaveAttribute('data-code', order.codes.pickup);
  await expect(page.locator('#pickup-code .code-digits')).toHaveText(order.codes.pickup);
  await expect(page.locator('#pickup-code')).toContainText('짐을 맡길 때 이 코드를 기사에게 알려 주세요');
  await expect(page.locator('#delivery-code')).toHaveAttribute('data-code', order.codes.delivery);
  await expect(page.locator('#delivery-code')).toContainText('받는 분이 이 코드를 기사에게 알려');
  await expect(page.locator('[data-fact="fee"] .won')).toHaveAttribute('data-won', String(order.fee_won));
  await expect(page.locator('[data-fact="fee"]')).toContainText('짐을 맡길 때 결제');
  await expect(page.locator('[data-fact="window"]')).toContainText(HHMM_RANGE);
  await expect(page.locator('[data-fact="deliver_by"]')).toContainText(/\d{2}:\d{2}/);
  await expect(page.locator('[data-fact="day"]')).toContainText('2026년 12월');
  // No raw timestamp anywhere on the page.
  expect(await page.locator('main').innerText()).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
  // The tracking link to copy is this page's address (without ?ordered).
  await expect(page.locator('#tracking-link')).toHaveValue(`${BASE}/luggage/track/${token}`);
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.locator('#pickup-code')).toContainText('Tell this code to the courier when you hand over your bags');
  await expect(page.locator('#order-status')).toContainText('Scheduled');
  await page.getByRole('button', { name: '한국어' }).click();
  await page.context().close();
});

test('the courier confirms pickup and delivery with the codes, a wrong code is refused, and the tracking page and the console follow', async ({ browser }) => {
  test.setTimeout(240_000);
  const setup = await luggageArea();
  const { area } = setup;
  // Other tests' orders before pickup are cancelled, so this order's pickup is the van's next stop.
  await cancelOpenOrders(area);
  const anon = await traveller();
  let order = await orderLuggage(anon, setup, { customer: { name: 'e2e Courier Test', phone: '010-2222-3333' } });
  made.push(order.id);
  await onCouriersVan(order);
  order = (await anon.get(`${L}/track/${encodeURIComponent(order.tracking_token)}`)).body.order;

  // The traveller keeps her tracking page open.
  const customer = await newPage(browser);
  await customer.goto(order.tracking_path);
  await expect(customer.locator('#order-details')).toHaveAttribute('data-status', 'scheduled');

  const courier = await pageAs(browser, COURIER);
  await courier.locator('nav a[href="/dispatch/driver"]').click();
  await expect(courier.locator('h1')).toHaveText('오늘의 운행');
  const card = courier.locator('#next-stop-card');
  await expect(card).toHaveAttribute('data-ride', String(order.id));
  await expect(card).toHaveAttribute('data-action', 'pickup');
  await expect(card).toHaveAttribute('data-luggage', 'true');
  await expect(card.locator('.next-stop-name')).toHaveText(order.pickup.place.name_ko);
  await expect(card.locator('[data-fact="bags"]')).toContainText('짐 2개');
  await expect(card.locator('[data-fact="deliver_by"]')).toContainText(/\d{2}:\d{2}/);
  const pickupInput = courier.locator(`#stop-code-${order.id}-pickup`);
  await expect(pickupInput).toHaveAttribute('inputmode', 'numeric');
  await expect(pickupInput).toHaveAttribute('autocomplete', 'one-time-code');

  // A wrong code: the server's message beside the input, which keeps focus; nothing is recorded.
  const wrong = order.codes.pickup === '000000' ? '000001' : '000000';
  await pickupInput.fill(wrong);
  await card.locator(`#next-picked_up-${order.id}`).click();
  const err = courier.locator(`#stop-code-${order.id}-pickup-error`);
  await expect(err).toBeVisible();
  expect(await err.innerText()).toMatch(HANGUL);
  await expect(pickupInput).toHaveAttribute('aria-invalid', 'true');
  await expect(pickupInput).toBeFocused();
  await expect(card).toHaveAttribute('data-action', 'pickup');
  expect((await anon.get(`${L}/track/${encodeURIComponent(order.tracking_token)}`)).body.order.status).toBe('scheduled');

  // The right code (the customer reads it from her tracking page), sent with Enter.
  const code = await customer.locator('#pickup-code').getAttribute('data-code');
  await pickupInput.fill(code);
  await pickupInput.press('Enter');
  await expect(courier.locator('#driver-status')).toContainText('짐을 받았습니다');
  await expect(card).toHaveAttribute('data-action', 'dropoff');
  await expect(card).toHaveAttribute('data-ride', String(order.id));
  await expect(card.locator('.next-stop-name')).toHaveText(order.delivery.place.name_ko);
  await expect(courier.locator('#next-stop-h')).toBeFocused();
  const picked = (await anon.get(`${L}/track/${encodeURIComponent(order.tracking_token)}`)).body.order;
  expect(picked.status).toBe('picked_up');
  expect(picked.paid).toBe(true);

  const deliveryInput = courier.locator(`#stop-code-${order.id}-dropoff`);
  await deliveryInput.fill(await customer.locator('#delivery-code').getAttribute('data-code'));
  await card.locator(`#next-dropped_off-${order.id}`).click();
  await expect(courier.locator('#driver-status')).toContainText('짐을 배송했습니다');
  await expect(courier.locator(`#done-stops li[data-ride="${order.id}"]`)).toHaveCount(2);

  // Her tracking page sees it on its next refresh (every 30 s), without a reload.
  await expect(customer.locator('#order-details')).toHaveAttribute('data-status', 'delivered', { timeout: 45_000 });
  await expect(customer.locator('#order-status')).toContainText('배송 완료');
  await expect(customer.locator('#order-steps [data-step="delivered"]')).toHaveAttribute('data-state', 'done');
  await expect(customer.locator('#cancel-order')).toHaveCount(0);
  await expect(customer.locator('[data-fact="fee"]')).toContainText('결제 완료');

  // The operator's console: the order is delivered, and the day's figures count it.
  const operator = await pageAs(browser, LUGGAGE_OPERATOR);
  await operator.locator('nav a[href="/luggage/console"]').click();
  await expect(operator.locator('h1')).toHaveText('짐 배송 콘솔');
  await expect(operator.locator(`#luggage-orders tr[data-id="${order.id}"]`)).toHaveAttribute('data-status', 'delivered');
  const delivered = operator.locator('#luggage-figures [data-figure="delivered"]');
  await expect(delivered).toBeVisible();
  expect(Number(await delivered.getAttribute('data-value'))).toBeGreaterThanOrEqual(1);
  await expect(operator.locator('#area-map')).toHaveAttribute('role', 'img');
  await expect(operator.locator('#luggage-vehicles tbody tr').first()).toBeVisible();

  for (const p of [customer, courier, operator]) await p.context().close();
  await anon.dispose();
});

test('the operator takes an order for a caller on the console, assigns it to a van and cancels it', async ({ browser }) => {
  test.setTimeout(180_000);
  const { area, t2, hotel } = await luggageArea();
  const operator = await pageAs(browser, LUGGAGE_OPERATOR);
  await operator.goto('/luggage/console');
  await expect(operator.locator('#luggage-form')).toBeVisible();
  // The caller's name and phone are required: the form says so before asking the server.
  await operator.locator('#luggage-form-pickup_place_id').selectOption(String(t2.id));
  await operator.locator('#luggage-form-delivery_place_id').selectOption(String(hotel.id));
  await operator.locator('#luggage-form button[type="submit"]').click();
  await expect(operator.locator('#luggage-form-customer-name-error')).toBeVisible();
  await expect(operator.locator('#luggage-form-customer-name')).toBeFocused();
  await operator.locator('#luggage-form-customer-name').fill('e2e 전화 손님');
  await operator.locator('#luggage-form-customer-phone').fill('010-4567-8901');
  await operator.locator('#luggage-form-bags').fill('3');
  await operator.locator('#luggage-form button[type="submit"]').click();
  const placed = operator.locator('#caller-order');
  await expect(placed).toBeVisible();
  await expect(placed).toBeFocused();
  const id = Number(await placed.getAttribute('data-order'));
  made.push(id);
  await expect(placed.locator('#caller-pickup-code')).toHaveAttribute('data-code', /^\d{6}$/);

  const row = operator.locator(`#luggage-orders tr[data-id="${id}"]`);
  await expect(row).toHaveAttribute('data-status', /scheduled|at_risk/);
  await expect(row).toContainText('e2e 전화 손님');
  // Assign to the courier's van.
  const van = await courierVehicle();
  await row.locator(`#assign-select-${id}`).selectOption(String(van.id));
  await row.locator(`#assign-${id}`).click();
  await expect(operator.locator('#luggage-console-status')).toContainText(`#${id}`);
  await expect(operator.locator('#luggage-console-status')).toBeFocused();
  await expect(operator.locator(`#luggage-orders tr[data-id="${id}"]`)).toHaveAttribute('data-vehicle', String(van.id));
  // Cancel asks first; "cancel" in the dialog keeps the order. (The console redraws its table after the assignment
  // and every 30 s; a click on a row being redrawn is tried again.)
  await expect(async () => {
    await operator.locator(`#cancel-${id}`).click();
    await expect(operator.locator('#luggage-cancel-dialog')).toBeVisible({ timeout: 2000 });
  }).toPass({ timeout: 15000 });
  await operator.locator('#luggage-cancel-dialog-cancel').click();
  await expect(operator.locator('#luggage-cancel-dialog')).toHaveCount(0);
  await operator.locator(`#cancel-${id}`).click();
  await operator.locator('#luggage-cancel-dialog-ok').click();
  await expect(operator.locator(`#luggage-orders tr[data-id="${id}"]`)).toHaveAttribute('data-status', 'cancelled');
  const op = await apiAs(LUGGAGE_OPERATOR);
  const day = (await op.get(`${L}/areas/${area.id}/orders`)).body;
  expect(day.orders.find((o) => o.id === id)?.status).toBe('cancelled');
  await operator.context().close();
});

for (const lang of ['ko', 'en']) {
  test(`bad input is refused beside the fields and nothing typed is lost (${lang})`, async ({ page }) => {
    test.setTimeout(120_000);
    const { t1 } = await luggageArea();
    await page.goto('/luggage');
    await expect(page.locator('#luggage-form')).toBeVisible();
    if (lang === 'en') {
      await page.getByRole('button', { name: 'English' }).click();
      await expect(page.locator('h1')).toHaveText('Free-Lug luggage delivery');
    }
    const text = (s) => (lang === 'ko' ? expect(s).toMatch(HANGUL) : expect(s).not.toMatch(HANGUL));
    // Nothing chosen, no contact: the form's own messages.
    await page.locator('#luggage-form button[type="submit"]').click();
    await expect(page.locator('#luggage-form-errors')).toBeVisible();
    await expect(page.locator('#luggage-form-pickup_place_id-error')).toBeVisible();
    await expect(page.locator('#luggage-form-customer-contact-error')).toBeVisible();
    await expect(page.locator('#luggage-form-pickup_place_id')).toBeFocused();

    // The same place twice: the server's field message.
    await page.locator('#luggage-form-pickup_place_id').selectOption(String(t1.id));
    await page.locator('#luggage-form-delivery_place_id').selectOption(String(t1.id));
    await page.locator('#luggage-form-bags').fill('3');
    await page.locator('#luggage-form-customer-name').fill('keep me');
    await page.locator('#luggage-form-customer-email').fill('keep@example.com');
    await page.locator('#luggage-form button[type="submit"]').click();
    const placeError = page.locator('#luggage-form-pickup_place_id-error:visible, #luggage-form-delivery_place_id-error:visible');
    await expect(placeError.first()).toBeVisible();
    text(await placeError.first().innerText());
    await expect(page.locator('#luggage-form [aria-invalid="true"]').first()).toBeVisible();
    await expect(page.locator('#luggage-form-delivery_place_id')).toHaveValue(String(t1.id));
    await expect(page.locator('#luggage-form-bags')).toHaveValue('3');
    await expect(page.locator('#luggage-form-customer-name')).toHaveValue('keep me');
    await expect(page.locator('#luggage-form-customer-email')).toHaveValue('keep@example.com');
    await expect(page).toHaveURL(/\/luggage$/);
    // Never a reason code in what the person reads.
    expect(await page.locator('#luggage-form-errors').innerText()).not.toMatch(/same_place|unknown_place/);

    // A deadline before the bags are ready: the message lands on the deadline.
    await page.locator('#luggage-form-delivery_place_id').selectOption({ index: 2 });
    await page.locator('#luggage-form-ready_at-time').fill('12:00');
    await page.locator('#luggage-form-deliver_by').fill('11:00');
    await page.locator('#luggage-form button[type="submit"]').click();
    const byError = page.locator('#luggage-form-deliver_by-error');
    await expect(byError).toBeVisible();
    text(await byError.innerText());
    await expect(page.locator('#luggage-form-deliver_by')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.locator('#luggage-form-deliver_by')).toHaveValue('11:00');
    await expect(page.locator('#luggage-form-delivery_place_id-error:visible')).toHaveCount(0);

    // The language switch relabels the server's message in place.
    await page.getByRole('button', { name: lang === 'ko' ? 'English' : '한국어' }).click();
    if (lang === 'ko') await expect(byError).not.toHaveText(HANGUL);
    else await expect(byError).toHaveText(HANGUL);
    await page.getByRole('button', { name: '한국어' }).click();
  });
}

test('the traveller cancels from the tracking page before pickup, after a confirmation', async ({ page }) => {
  test.setTimeout(120_000);
  const setup = await luggageArea();
  const anon = await traveller();
  const order = await orderLuggage(anon, setup);
  made.push(order.id);
  await page.goto(order.tracking_path);
  await expect(page.locator('#order-details')).toHaveAttribute('data-status', 'scheduled');
  const cancel = page.locator('#cancel-order');
  // "Keep it" leaves the order as it was, and focus comes back to the button.
  await cancel.click();
  await expect(page.locator('#cancel-order-dialog')).toBeVisible();
  await expect(page.locator('#cancel-order-dialog-cancel')).toBeFocused();
  await page.locator('#cancel-order-dialog-cancel').click();
  await expect(page.locator('#cancel-order-dialog')).toHaveCount(0);
  await expect(cancel).toBeFocused();
  await expect(page.locator('#order-details')).toHaveAttribute('data-status', 'scheduled');
  // Cancelled for real.
  await cancel.click();
  await page.locator('#cancel-order-dialog-ok').click();
  await expect(page.locator('#order-details')).toHaveAttribute('data-status', 'cancelled');
  await expect(page.locator('#order-action-status')).toBeFocused();
  await expect(page.locator('#order-action-status')).toContainText('주문을 취소했습니다');
  await expect(page.locator('#order-status')).toContainText('취소됨');
  await expect(page.locator('#cancel-order')).toHaveCount(0);
  expect((await anon.get(`${L}/track/${encodeURIComponent(order.tracking_token)}`)).body.order.status).toBe('cancelled');
  // Cancelling again through the link is refused by the server, in words.
  const again = await anon.post(`${L}/track/${encodeURIComponent(order.tracking_token)}/cancel`);
  expect(again.status).toBeGreaterThanOrEqual(400);
  await anon.dispose();
});

test('an unknown tracking link says so in words', async ({ page }) => {
  await page.goto('/luggage/track/no-such-token-0000000000000000000000000000');
  await expect(page.locator('#order-not-found')).toBeVisible();
  await expect(page.locator('h1')).toHaveText('짐 배송 조회');
});

test('a signed-in resident has her name filled in and finds her order on /luggage/mine', async ({ page }) => {
  test.setTimeout(120_000);
  const { t1, hotel } = await luggageArea();
  await signIn(page, 'resident');
  await page.locator('nav a[href="/luggage"]').click();
  await expect(page.locator('#luggage-form-customer-name')).not.toHaveValue('');
  await page.locator('#luggage-form-pickup_place_id').selectOption(String(t1.id));
  await page.locator('#luggage-form-delivery_place_id').selectOption(String(hotel.id));
  if (!(await page.locator('#luggage-form-customer-phone').inputValue()) && !(await page.locator('#luggage-form-customer-email').inputValue())) {
    await page.locator('#luggage-form-customer-email').fill('resident@example.com');
  }
  await page.locator('#luggage-form button[type="submit"]').click();
  await expect(page).toHaveURL(/\/luggage\/track\//);
  const id = Number(await page.locator('#order-details').getAttribute('data-order'));
  made.push(id);
  await page.goto('/luggage/mine');
  const row = page.locator(`#my-orders tr[data-id="${id}"]`);
  await expect(row).toBeVisible();
  await row.locator('a.track-order').click();
  await expect(page).toHaveURL(/\/luggage\/track\//);
  await expect(page.locator('#order-details')).toHaveAttribute('data-order', String(id));
  const me = await apiAs('resident');
  expect((await me.get(`${D}/me/luggage`)).body.items.some((o) => o.id === id)).toBe(true);
});

test('an order no van can take by its deadline is refused in words, and one button orders it with the later deadline', async ({ page }) => {
  test.setTimeout(180_000);
  const setup = await luggageArea();
  const { today } = setup;
  const anon = await traveller();
  const filled = [];
  try {
    // Fill noon with full orders until the server says no for that deadline and names a later one.
    const fill = await fillUntilRefused(anon, setup);
    filled.push(...fill.made);
    const { refused } = fill;
    expect(refused, 'a deadline the vans cannot keep').toBeTruthy();

    // The same order through the page.
    await page.goto('/luggage');
    await page.locator('#luggage-form-pickup_place_id').selectOption(String(refused.pickup_place_id));
    await page.locator('#luggage-form-delivery_place_id').selectOption(String(refused.delivery_place_id));
    await page.locator('#luggage-form-ready_at-day').selectOption(today);
    await page.locator('#luggage-form-ready_at-time').fill('12:00');
    await page.locator('#luggage-form-deliver_by').fill('13:40');
    await page.locator('#luggage-form-bags').fill(String(refused.bags));
    await page.locator('#luggage-form-customer-name').fill('e2e Later');
    await page.locator('#luggage-form-customer-email').fill('later@example.com');
    await page.locator('#luggage-form button[type="submit"]').click();
    const refusal = page.locator('#luggage-refusal');
    await expect(refusal).toBeVisible();
    await expect(refusal).toBeFocused();
    await expect(refusal).toContainText('차량이 없습니다');
    expect(await refusal.innerText()).not.toMatch(/no_vehicle|\d{4}-\d{2}-\d{2}T/);
    const retry = page.locator('#luggage-refusal-retry');
    const later = await retry.getAttribute('data-at');
    const hhmm = seoulTime(later);
    await expect(retry).toHaveText(`도착 기한을 ${hhmm}(으)로 늦춰 주문하기`);
    await retry.click();
    // The answer is the order (its tracking page), or, if that deadline went meanwhile, another refusal.
    await expect(page.locator('#order-details, #luggage-refusal-retry:not([data-at="' + later + '"])').first()).toBeVisible();
    if (await page.locator('#order-details').count()) {
      filled.push(Number(await page.locator('#order-details').getAttribute('data-order')));
      await expect(page.locator('[data-fact="deliver_by"]')).toContainText(hhmm);
    }
  } finally {
    await cancelOrders(filled);
    await anon.dispose();
  }
});

test('an order at risk of being late is said in plain words on its tracking page and comes first, marked, on the console', async ({ browser }) => {
  test.setTimeout(180_000);
  const { area, t2, today } = await luggageArea();
  const anon = await traveller();
  // The tightest deadline the server accepts (5-minute steps from half an hour after the bags are ready): the planned
  // delivery is then less than the area's margin before it, so the order is flagged late from the start.
  const ready = `${today}T17:00:00+09:00`;
  const place = area.stops.find((s) => s.code === 'HTL-BUPYEONG') || area.stops[area.stops.length - 2];
  let order = null;
  for (let m = 30; m <= 180 && !order; m += 5) {
    const by = `${new Date(Date.parse(ready) + m * 60000 + 9 * 3600000).toISOString().slice(0, 16)}:00+09:00`;
    const r = await anon.post(`${L}/orders`, {
      area_id: area.id, pickup_place_id: t2.id, delivery_place_id: place.id, ready_at: ready, deliver_by: by, bags: 1,
      customer: { name: 'e2e Tight', email: 'tight@example.com' },
    }, { 'Idempotency-Key': `tight-${Date.now()}-${m}` });
    if (r.status === 201) order = r.body.order;
  }
  expect(order, 'an order with a tight deadline').toBeTruthy();
  made.push(order.id);
  expect(order.risk.late, JSON.stringify(order.risk)).toBe(true);

  const page = await newPage(browser);
  await page.goto(order.tracking_path);
  const banner = page.locator('#order-risk');
  await expect(banner).toBeVisible();
  await expect(banner).toContainText('기한까지 배송하지 못할 수 있습니다');
  expect(await banner.innerText()).toMatch(HANGUL);
  expect(await banner.innerText()).not.toMatch(/planned delivery|min before/);
  await page.getByRole('button', { name: 'English' }).click();
  await expect(banner).toContainText('This delivery may be late');
  await page.getByRole('button', { name: '한국어' }).click();
  await page.context().close();

  const operator = await pageAs(browser, LUGGAGE_OPERATOR);
  await operator.goto('/luggage/console');
  const first = operator.locator('#luggage-orders tbody tr').first();
  await expect(first).toHaveAttribute('data-risk', 'true');
  const row = operator.locator(`#luggage-orders tr[data-id="${order.id}"]`);
  await expect(row).toHaveAttribute('data-risk', 'true');
  // Marked in words and with a sign, not by colour alone.
  await expect(row.locator('.risk-flag')).toContainText('⚠');
  await expect(row.locator('.risk-flag')).toContainText('지연 위험');
  await expect(row.locator('.risk-why')).toContainText('분');
  const lateRisk = operator.locator('#luggage-figures [data-figure="late_risk"]');
  expect(Number(await lateRisk.getAttribute('data-value'))).toBeGreaterThanOrEqual(1);
  await operator.context().close();
  await anon.dispose();
});
