// Accessibility of the luggage-delivery pages (프리러그) at 320, 640 and 1280 px, in Korean and English: axe-core finds
// no serious or critical violations and nothing is wider than the screen on the order page (empty, with the form's
// own errors and with the server's field errors), the tracking page (with its codes, and its cancel dialog open), a
// resident's orders, the courier's page with a luggage stop (and a wrong code refused), and the operator's luggage
// console (figures, orders, vans, map, the caller's form in error, a confirmation dialog). The courier's code input and
// button, and the tracking page's cancel, are reached and used with the keyboard alone, with a visible focus.
import { test, expect } from '@playwright/test';
import { expectNoSeriousViolations, WIDTHS } from './axe.mjs';
import { signIn } from './helpers.mjs';
import {
  apiAs, luggageArea, traveller, orderLuggage, seoulAt, onCouriersVan, cancelOpenOrders, cancelOrders, fillUntilRefused, LUGGAGE_OPERATOR, COURIER,
} from './luggage-helpers.mjs';

/** Checks the page in Korean, then in English, and leaves it in Korean. */
async function bothLanguages(page, label, englishCheck) {
  await expectNoSeriousViolations(page, `${label} (ko)`);
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  if (englishCheck) await englishCheck();
  await expectNoSeriousViolations(page, `${label} (en)`);
  await page.getByRole('button', { name: '한국어' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
}

// One traveller's order on the demo courier's van (his next stop), and one of the resident's; cancelled when this
// file is done, so the journeys that follow start from their own orders.
let fixture;
const made = [];
async function setUp() {
  if (fixture) return fixture;
  const setup = await luggageArea();
  await cancelOpenOrders(setup.area);
  const anon = await traveller();
  const order = await orderLuggage(anon, setup);
  made.push(order.id);
  await onCouriersVan(order);
  const resident = await apiAs('resident');
  // From Terminal 2 and two hours later, so it does not come before the traveller's pickup on the courier's van.
  const mine = await orderLuggage(resident, { ...setup, t1: setup.t2 }, {
    ready_at: seoulAt(setup.now, (setup.area.lead_min ?? 30) + 130), customer: { name: resident.me.name || 'e2e resident', email: 'resident@example.com' },
  });
  made.push(mine.id);
  await anon.dispose();
  fixture = { ...setup, order, mine };
  return fixture;
}

test.afterAll(async () => {
  await cancelOrders(made);
});

for (const width of WIDTHS) {
  test.describe(`at ${width} px`, () => {
    test.beforeEach(async ({ page }) => {
      await page.emulateMedia({ reducedMotion: 'reduce' });
      await page.setViewportSize({ width, height: 900 });
    });

    test('the order page, empty and in error, has no serious or critical axe violations', async ({ page }) => {
      test.setTimeout(120_000);
      const { t1 } = await setUp();
      await page.goto('/luggage');
      await expect(page.locator('#luggage-form')).toBeVisible();
      await bothLanguages(page, 'order page', () => expect(page.locator('h1')).toHaveText('Free-Lug luggage delivery'));
      await page.locator('#luggage-form button[type="submit"]').click();
      await expect(page.locator('#luggage-form-errors')).toBeVisible();
      await bothLanguages(page, 'order form, own errors');
      // The server's field errors beside the inputs (the same place twice).
      await page.locator('#luggage-form-pickup_place_id').selectOption(String(t1.id));
      await page.locator('#luggage-form-delivery_place_id').selectOption(String(t1.id));
      await page.locator('#luggage-form-customer-name').fill('a11y');
      await page.locator('#luggage-form-customer-email').fill('a11y@example.com');
      await page.locator('#luggage-form button[type="submit"]').click();
      await expect(page.locator('#luggage-form-errors')).toContainText(/./);
      await expect(page.locator('#luggage-form [aria-invalid="true"]').first()).toBeVisible();
      await expectNoSeriousViolations(page, 'order form, server errors');
    });

    test('the tracking page has no serious or critical axe violations', async ({ page }) => {
      const { order } = await setUp();
      await page.goto(order.tracking_path);
      await expect(page.locator('#order-details')).toHaveAttribute('data-status', /scheduled|at_risk/);
      await expect(page.locator('#pickup-code')).toBeVisible();
      await bothLanguages(page, 'tracking', () => expect(page.locator('h1')).toContainText('Your luggage delivery'));
      await page.locator('#cancel-order').click();
      await expect(page.locator('#cancel-order-dialog')).toBeVisible();
      await expect(page.locator('#cancel-order-dialog-cancel')).toBeFocused();
      await expectNoSeriousViolations(page, 'tracking, cancel dialog');
      await page.keyboard.press('Escape');
      await expect(page.locator('#cancel-order-dialog')).toHaveCount(0);
      await expect(page.locator('#cancel-order')).toBeFocused();
    });

    test('a resident\'s orders have no serious or critical axe violations', async ({ page }) => {
      const { mine } = await setUp();
      await signIn(page, 'resident');
      await page.goto('/luggage/mine');
      await expect(page.locator(`#my-orders tr[data-id="${mine.id}"]`)).toBeVisible();
      await bothLanguages(page, 'my orders', () => expect(page.locator('h1')).toHaveText('My luggage orders'));
    });

    test('the courier\'s page with a luggage stop has no serious or critical axe violations', async ({ page }) => {
      const { order } = await setUp();
      await signIn(page, COURIER);
      await page.goto('/dispatch/driver');
      const card = page.locator('#next-stop-card');
      await expect(card).toHaveAttribute('data-ride', String(order.id));
      await expect(card).toHaveAttribute('data-luggage', 'true');
      await bothLanguages(page, 'courier', () => expect(page.locator('#next-stop-h')).toHaveText('Next stop'));
      // A code of the wrong shape: our own message beside the input (the server is not asked).
      await page.locator(`#stop-code-${order.id}-pickup`).fill('12');
      await page.locator(`#next-picked_up-${order.id}`).click();
      await expect(page.locator(`#stop-code-${order.id}-pickup-error`)).toBeVisible();
      await expectNoSeriousViolations(page, 'courier, code in error');
      await expect(card).toHaveAttribute('data-action', 'pickup');
    });

    test('the operator\'s luggage console has no serious or critical axe violations', async ({ page }) => {
      test.setTimeout(120_000);
      const { order } = await setUp();
      await signIn(page, LUGGAGE_OPERATOR);
      await page.goto('/luggage/console');
      await expect(page.locator(`#luggage-orders tr[data-id="${order.id}"]`)).toBeVisible();
      await expect(page.locator('#area-map')).toBeVisible();
      await bothLanguages(page, 'luggage console', () => expect(page.locator('#sec-orders-h')).toHaveText('Orders (at risk first)'));
      await page.locator('#luggage-form button[type="submit"]').click();
      await expect(page.locator('#luggage-form-errors')).toBeVisible();
      await expectNoSeriousViolations(page, 'console, caller form in error');
      await page.locator(`#cancel-${order.id}`).click();
      await expect(page.locator('#luggage-cancel-dialog')).toBeVisible();
      await expectNoSeriousViolations(page, 'console, cancel dialog');
      await page.locator('#luggage-cancel-dialog-cancel').click();
      await expect(page.locator('#luggage-cancel-dialog')).toHaveCount(0);
    });
  });
}

test('the courier reaches the code input and its button with the keyboard alone, with a visible focus', async ({ page }) => {
  const { order } = await setUp();
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.setViewportSize({ width: 320, height: 800 });
  await signIn(page, COURIER);
  await page.goto('/dispatch/driver');
  const card = page.locator('#next-stop-card');
  await expect(card).toHaveAttribute('data-ride', String(order.id));
  await page.locator('h1').evaluate((el) => {
    el.tabIndex = -1;
    el.focus();
  });
  const wanted = [`stop-code-${order.id}-pickup`, `next-picked_up-${order.id}`, `next-no_show-${order.id}`];
  const reached = [];
  for (let i = 0; i < 60 && reached.length < wanted.length; i += 1) {
    await page.keyboard.press('Tab');
    const f = await page.evaluate(() => {
      const el = document.activeElement;
      const style = getComputedStyle(el);
      return { id: el.id, outline: style.outlineStyle, width: parseFloat(style.outlineWidth) || 0, shadow: style.boxShadow };
    });
    if (wanted.includes(f.id)) {
      expect(f.outline !== 'none' || (f.shadow && f.shadow !== 'none'), `${f.id} shows its focus`).toBe(true);
      reached.push(f.id);
    }
  }
  expect(reached).toEqual(wanted);
  // Enter in the input with a wrong shape says so beside it and keeps focus there.
  await page.locator(`#stop-code-${order.id}-pickup`).focus();
  await page.keyboard.type('99');
  await page.keyboard.press('Enter');
  await expect(page.locator(`#stop-code-${order.id}-pickup-error`)).toBeVisible();
  await expect(page.locator(`#stop-code-${order.id}-pickup`)).toBeFocused();
});

test('the order form is filled and sent with the keyboard alone', async ({ page }) => {
  test.setTimeout(120_000);
  await setUp();
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto('/luggage');
  await expect(page.locator('#luggage-form')).toBeVisible();
  const pickup = page.locator('#luggage-form-pickup_place_id');
  await pickup.focus();
  // A closed select changes with the arrow keys; Tab moves on.
  await page.keyboard.press('ArrowDown');
  await expect(pickup).not.toHaveValue('');
  await page.keyboard.press('Tab');
  await expect(page.locator('#luggage-form-delivery_place_id')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.locator('#luggage-form-customer-name').focus();
  await page.keyboard.type('Keyboard Only');
  await page.keyboard.press('Tab');
  await expect(page.locator('#luggage-form-customer-phone')).toBeFocused();
  await page.keyboard.type('010-9876-5432');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/luggage\/track\//);
  await expect(page.locator('#ordered-notice')).toBeFocused();
  made.push(Number(await page.locator('#order-details').getAttribute('data-order')));
});

test('a refusal with its later deadline has no serious or critical axe violations at 320, 640 and 1280 px', async ({ page }) => {
  test.setTimeout(180_000);
  const setup = await setUp();
  const anon = await traveller();
  const { refused, made: filled } = await fillUntilRefused(anon, setup, { ready: '13:00', by: '14:40' });
  made.push(...filled);
  expect(refused, 'a deadline the vans cannot keep').toBeTruthy();
  await page.emulateMedia({ reducedMotion: 'reduce' });
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto('/luggage');
    await page.locator('#luggage-form-pickup_place_id').selectOption(String(refused.pickup_place_id));
    await page.locator('#luggage-form-delivery_place_id').selectOption(String(refused.delivery_place_id));
    await page.locator('#luggage-form-ready_at-day').selectOption(setup.today);
    await page.locator('#luggage-form-ready_at-time').fill('13:00');
    await page.locator('#luggage-form-deliver_by').fill('14:40');
    await page.locator('#luggage-form-bags').fill(String(refused.bags));
    await page.locator('#luggage-form-customer-name').fill('a11y refusal');
    await page.locator('#luggage-form-customer-email').fill('refusal@example.com');
    await page.locator('#luggage-form button[type="submit"]').click();
    await expect(page.locator('#luggage-refusal')).toBeFocused();
    await expect(page.locator('#luggage-refusal-retry')).toBeVisible();
    await bothLanguages(page, `refusal at ${width} px`);
  }
  await anon.dispose();
});
