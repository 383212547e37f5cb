import { startExtraApp } from './extra-app';
import { expect, test, testPhone } from './fixtures';

// Another `next start` of this build, with no shared store: it can only learn of the sign-out from Stytch.
let other: Awaited<ReturnType<typeof startExtraApp>>;
test.beforeAll(async () => {
  other = await startExtraApp(1, {});
});
test.afterAll(async () => {
  await other?.stop();
});

test('a sign-out Stytch fails once is retried: another process, and the same after a restart, refuse the old cookie', async ({
  signIn,
  accountPage,
  emulator,
  page,
}) => {
  // Two process starts and a JWT left to age: slow on a loaded machine.
  test.setTimeout(90_000);
  await signIn(testPhone(400));
  const signedInCookies = await page.context().cookies();
  await emulator.failNext('POST /v1/sessions/revoke', {
    kind: 'error',
    status: 500,
    error_type: 'internal_server_error',
  });
  await accountPage.signOut();
  // The replayed cookie, as a copy of it would reach the other process (cookies know no port).
  await page.context().addCookies(signedInCookies);
  await expect
    .poll(async () => (await emulator.calls())['POST /v1/sessions/revoke'] ?? 0, { timeout: 10_000 })
    .toBeGreaterThanOrEqual(2);
  // Past SESSION_JWT_MAX_AGE_SECONDS, the other process asks Stytch about the JWT.
  await page.waitForTimeout(3_500);
  await page.goto(`${other.url}/account`);
  await expect(page).toHaveURL(/\/login\?next=%2Faccount$/);

  // Restarted with nothing in memory (on the next port: the old server may still be letting go of its own).
  await other.stop();
  other = await startExtraApp(2, {});
  await page.context().addCookies(signedInCookies);
  await page.goto(`${other.url}/account`);
  await expect(page).toHaveURL(/\/login\?next=%2Faccount$/);
});
