// The accessibility check the a11y specs share: axe-core finds no serious or critical WCAG 2.1 A/AA (or
// best-practice) violation, and nothing on the page is wider than the screen (320 px included).
import { expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

export const WIDTHS = [320, 640, 1280];

export async function expectNoSeriousViolations(page, label) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = bad.map((v) => `${v.impact} ${v.id}: ${v.help}\n    ${v.nodes.slice(0, 5).map((n) => n.target.join(' ')).join('\n    ')}`);
  expect(report, `${label}: axe violations`).toEqual([]);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${label}: wider than the screen`).toBeLessThanOrEqual(0);
}
