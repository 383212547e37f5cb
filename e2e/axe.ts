import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

// WCAG 2.2 levels A and AA, as axe-core tags them (2.2 added only AA rules it can check: target size).
const WCAG_22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** axe-core finds no WCAG 2.2 A/AA violation on the page once hydrated (React would undo a check's DOM before). */
export async function expectNoViolations(page: Page) {
  await page.waitForLoadState('networkidle');
  // An action's redirect or refresh swaps the head in a moment of its own: axe must not run inside it.
  await expect(page).toHaveTitle(/\S/);
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze();
  const found = violations.map((violation) => ({
    rule: violation.id,
    help: violation.help,
    elements: violation.nodes.map((node) => `${node.target.join(' ')}: ${node.failureSummary ?? ''}`),
  }));
  expect(found).toEqual([]);
}
