import { startExtraApp } from './extra-app';
import { expect, test, testPhone } from './fixtures';
import { authErrorMessage } from './messages';

let app: Awaited<ReturnType<typeof startExtraApp>>;

test.beforeAll(async () => {
  app = await startExtraApp(0, { SMS_SENDS_PER_IP_PER_HOUR: '2' });
});
test.afterAll(async () => {
  await app.stop();
});

test('without a proxy, one client is limited by its own address, whatever X-Forwarded-For it writes', async ({
  page,
  loginPage,
  emulator,
}) => {
  for (const [index, forwardedFor] of [
    [90, '198.51.100.1'],
    [91, '198.51.100.2'],
    [92, '198.51.100.3'],
  ] as const) {
    await page.setExtraHTTPHeaders({ 'x-forwarded-for': forwardedFor });
    await page.goto(`${app.url}/login`);
    await loginPage.sendCode(testPhone(index).national);
    // A fresh server's first action loads the sign-in modules and the database: slower than the others.
    if (index < 92) await expect(page).toHaveURL(/\/login\/verify$/, { timeout: 20_000 });
  }
  await loginPage.expectFormError(authErrorMessage('rate_limited', { waitSeconds: 3600 }));
  expect(await emulator.messages(testPhone(92).e164)).toHaveLength(0);
});
