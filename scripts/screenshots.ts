/**
 * `npm run screenshots`: the README's pictures of the three screens, on a phone viewport, taken against a test stack
 * this starts (ports 3313 and 4313, or SCREENSHOTS_APP_PORT / SCREENSHOTS_EMULATOR_PORT) on the build in .next.
 */
import { chromium, devices } from '@playwright/test';
import { CHROMIUM_ARGS, systemChromium } from '../e2e/chromium';
import { buildApp, hasBuild, startStack } from './lib/stack';

const OUT_DIR = 'docs/screenshots';
const PHONE = { national: '2015550123', e164: '+12015550123' };

const port = (name: string, fallback: number) => Number(process.env[name] ?? fallback);

if (!hasBuild()) buildApp();
const stack = await startStack({
  name: 'e2e',
  appPort: port('SCREENSHOTS_APP_PORT', 3313),
  emulatorPort: port('SCREENSHOTS_EMULATOR_PORT', 4313),
});
const browser = await chromium.launch({ executablePath: systemChromium, args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage({
    ...devices['iPhone 13'],
    baseURL: stack.appUrl,
    timezoneId: 'America/New_York',
  });
  const shoot = (name: string) => page.screenshot({ path: `${OUT_DIR}/${name}.png` });

  await page.goto('/login');
  await page.getByLabel('Mobile number').fill(PHONE.national);
  await shoot('login');
  await page.getByRole('button', { name: 'Send code' }).click();
  await page.waitForURL('**/login/verify');
  await shoot('code');
  await page.getByLabel('6-digit code').fill(await stack.emulator.latestCode(PHONE.e164));
  await page.waitForURL('**/account');
  await page.getByText('Welcome').waitFor();
  await shoot('account');
  console.log(`Saved login.png, code.png and account.png in ${OUT_DIR}/.`);
} finally {
  await browser.close();
  await stack.stop();
}
