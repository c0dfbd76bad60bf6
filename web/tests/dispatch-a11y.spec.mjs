// Accessibility of the Dispatch pages (무빙콜) at 320, 640 and 1280 px, in Korean and English: axe-core finds no
// serious or critical violations and nothing is wider than the screen on the shuttle page (signed out, a resident
// with her form empty, in error and with a promise, an operator's phoned-in form), a ride's tracking page, the
// driver's page with a next stop, and the operator's console (figures, map, vehicles, queue, a confirmation dialog);
// the driver's main buttons are reached with the keyboard alone and show their focus.
import { test, expect } from '@playwright/test';
import { expectNoSeriousViolations, WIDTHS } from './axe.mjs';
import { signIn } from './helpers.mjs';
import { apiAs, geomdan, rideOnDriversVehicle, cancelRides, OPERATOR, DRIVER } from './dispatch-helpers.mjs';

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

// One ride of the resident's, on the demo driver's vehicle, so the tracking page and the driver's page have
// something to show; cancelled when this file is done, so the journeys that follow start from their own rides.
let fixture;
const made = [];
async function setUp() {
  if (fixture) return fixture;
  const { area, now } = await geomdan();
  const resident = await apiAs('resident');
  const ride = await rideOnDriversVehicle(resident, area, now);
  made.push(ride.id);
  fixture = { area, ride };
  return fixture;
}

test.afterAll(async () => {
  await cancelRides(made);
});

for (const width of WIDTHS) {
  test.describe(`at ${width} px`, () => {
    test.beforeEach(async ({ page }) => {
      await page.emulateMedia({ reducedMotion: 'reduce' });
      await page.setViewportSize({ width, height: 900 });
    });

    test('the shuttle page, signed out and as a resident, has no serious or critical axe violations', async ({ page }) => {
      test.setTimeout(120_000);
      const { ride } = await setUp();
      await page.goto('/dispatch');
      await expect(page.locator('#sec-areas .area-card').first()).toBeVisible();
      await bothLanguages(page, 'shuttle, signed out', () => expect(page.locator('h1')).toHaveText('Moving Call (on-demand shuttle)'));

      await signIn(page, 'resident');
      await page.goto('/dispatch');
      await expect(page.locator('#ride-form')).toBeVisible();
      await expect(page.locator(`#my-rides tr[data-id="${ride.id}"]`)).toBeVisible();
      await bothLanguages(page, 'shuttle, resident');
      // Nothing chosen: the form's own messages; then a chosen time, with its date and time fields shown.
      await page.locator('label[for="ride-form-when-at"]').click();
      await page.locator('#ride-form-pickup_after-time').fill('');
      await page.locator('#ride-form button[type="submit"]').click();
      await expect(page.locator('#ride-form-errors')).toBeVisible();
      await expect(page.locator('#ride-form-pickup_stop_id-error')).toBeVisible();
      await bothLanguages(page, 'shuttle form in error');
      await page.locator('#series-form button[type="submit"]').click();
      await expect(page.locator('#series-form-errors')).toBeVisible();
      await expectNoSeriousViolations(page, 'recurring ride form in error');
    });

    test('a ride\'s tracking page has no serious or critical axe violations', async ({ page }) => {
      const { ride } = await setUp();
      await signIn(page, 'resident');
      await page.goto(`/dispatch/rides/${ride.id}`);
      await expect(page.locator('#ride-details')).toHaveAttribute('data-status', /promised|at_risk/);
      await bothLanguages(page, 'tracking', () => expect(page.locator('h1')).toContainText('Your ride'));
      // The cancel confirmation, open.
      await page.locator('#cancel-ride').click();
      await expect(page.locator('#cancel-ride-dialog')).toBeVisible();
      await expect(page.locator('#cancel-ride-dialog-cancel')).toBeFocused();
      await expectNoSeriousViolations(page, 'tracking, cancel dialog');
      await page.keyboard.press('Escape');
      await expect(page.locator('#cancel-ride-dialog')).toHaveCount(0);
      await expect(page.locator('#cancel-ride')).toBeFocused();
    });

    test('the operator\'s phoned-in form and console have no serious or critical axe violations', async ({ page }) => {
      test.setTimeout(120_000);
      const { ride } = await setUp();
      await signIn(page, OPERATOR);
      await page.goto('/dispatch');
      await expect(page.locator('#ride-form-rider-name')).toBeVisible();
      await page.locator('#ride-form button[type="submit"]').click();
      await expect(page.locator('#ride-form-rider-name-error')).toBeVisible();
      await bothLanguages(page, 'phoned-in form in error');
      await page.goto('/dispatch/console');
      await expect(page.locator(`#queue-table tr[data-id="${ride.id}"]`)).toBeVisible();
      await expect(page.locator('#area-map')).toBeVisible();
      await bothLanguages(page, 'console', () => expect(page.locator('#sec-queue-h')).toHaveText('Ride queue'));
      await page.locator(`#cancel-${ride.id}`).click();
      await expect(page.locator('#console-cancel-dialog')).toBeVisible();
      await expectNoSeriousViolations(page, 'console, cancel dialog');
      await page.locator('#console-cancel-dialog-cancel').click();
      await expect(page.locator('#console-cancel-dialog')).toHaveCount(0);
    });

    test('the driver\'s page has no serious or critical axe violations', async ({ page }) => {
      const { ride } = await setUp();
      await signIn(page, DRIVER);
      await page.goto('/dispatch/driver');
      await expect(page.locator('#next-stop-card')).toBeVisible();
      await expect(page.locator(`#driver-today [data-ride="${ride.id}"]`).first()).toBeVisible();
      await bothLanguages(page, 'driver', () => expect(page.locator('#next-stop-h')).toHaveText('Next stop'));
    });
  });
}

test('the driver\'s main buttons are reached with the keyboard alone, with a visible focus', async ({ page }) => {
  const { ride } = await setUp();
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.setViewportSize({ width: 320, height: 800 });
  await signIn(page, DRIVER);
  await page.goto('/dispatch/driver');
  const card = page.locator('#next-stop-card');
  await expect(card).toBeVisible();
  const action = await card.getAttribute('data-action');
  const wanted = action === 'dropoff' ? ['dropped_off'] : ['picked_up', 'no_show'];
  expect(await card.getAttribute('data-ride')).toBe(String(ride.id));
  // From the top of the page, Tab alone reaches each of them (and the position and offline buttons) in order.
  await page.locator('h1').evaluate((el) => {
    el.tabIndex = -1;
    el.focus();
  });
  const reached = [];
  for (let i = 0; i < 60 && reached.length < wanted.length + 2; i += 1) {
    await page.keyboard.press('Tab');
    const f = await page.evaluate(() => {
      const el = document.activeElement;
      const style = getComputedStyle(el);
      return { id: el.id, action: el.dataset.action || '', outline: style.outlineStyle, width: parseFloat(style.outlineWidth) || 0 };
    });
    if (wanted.includes(f.action) || f.id === 'send-position' || f.id === 'go-offline') {
      expect(f.outline, `${f.id} shows its focus`).not.toBe('none');
      expect(f.width, `${f.id} focus outline width`).toBeGreaterThanOrEqual(2);
      reached.push(f.action || f.id);
    }
  }
  expect(reached.slice(0, wanted.length)).toEqual(wanted);
  expect(reached).toContain('go-offline');
  // Geolocation is optional: with it, "send my position" is there too.
  const hasGeo = await page.evaluate(() => !!navigator.geolocation);
  if (hasGeo) expect(reached).toContain('send-position');
  // Enter on the no-show button asks first; Escape leaves everything as it was.
  if (action !== 'dropoff') {
    await page.locator(`#next-no_show-${ride.id}`).focus();
    await page.keyboard.press('Enter');
    await expect(page.locator('#no-show-dialog')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.locator('#no-show-dialog')).toHaveCount(0);
    await expect(page.locator(`#next-no_show-${ride.id}`)).toBeFocused();
    await expect(card).toHaveAttribute('data-action', 'pickup');
  }
});
