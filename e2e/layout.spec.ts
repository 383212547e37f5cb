import type { Page } from '@playwright/test';
import { expect, test, testPhone } from './fixtures';

// 200% zoom of a 1280 × 720 window lays the page out in 640 × 360 CSS pixels.
test.use({ viewport: { width: 640, height: 360 }, deviceScaleFactor: 2 });

async function expectNoSidewaysScroll(page: Page) {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
}

async function expectComfortableTargets(page: Page) {
  for (const target of await page.locator('button, input, select').all()) {
    if (!(await target.isVisible())) continue;
    const box = await target.boundingBox();
    expect(box?.height, await target.evaluate((element) => element.outerHTML.slice(0, 80))).toBeGreaterThanOrEqual(44);
  }
}

test('both screens read at 200% zoom without sideways scrolling, with 44-pixel tap targets', async ({
  loginPage,
  verifyPage,
  page,
}) => {
  await loginPage.goto();
  await expectNoSidewaysScroll(page);
  await expectComfortableTargets(page);

  await loginPage.sendCode(testPhone(85).national);
  await verifyPage.expectOpen();
  await expectNoSidewaysScroll(page);
  await expectComfortableTargets(page);
});
