import type { AuthErrorCode } from '@/lib/auth/errors';
import type { FaultRequest } from '../emulator/client';
import { expect, test, testPhone } from './fixtures';
import { authErrorMessage } from './messages';

// A send that timed out may have gone out (issue 12): its retry waits out the cooldown instead of texting again.
const FAULTS: { name: string; fault: FaultRequest; shows: AuthErrorCode; sendRetry?: 'waits' }[] = [
  { name: '500', fault: { kind: 'error', status: 500, error_type: 'internal_server_error' }, shows: 'unavailable' },
  { name: '503', fault: { kind: 'error', status: 503, error_type: 'service_unavailable' }, shows: 'unavailable' },
  { name: '429', fault: { kind: 'error', status: 429, error_type: 'too_many_requests' }, shows: 'rate_limited' },
  // The e2e app gives Stytch 2 seconds (STYTCH_TIMEOUT_MS).
  { name: 'timeout', fault: { kind: 'delay', delay_ms: 4_000 }, shows: 'timeout', sendRetry: 'waits' },
  // The socket closes without an answer: to the client, the same failure as a refused connection.
  { name: 'connection lost', fault: { kind: 'drop' }, shows: 'unreachable' },
];

// One row per Stytch call and fault, printed after the run: what the person saw, and whether a retry worked.
const results: { call: string; fault: string; outcome: string }[] = [];
test.afterAll(() => {
  if (results.length) console.table(results);
});

for (const [index, { name, fault, shows, sendRetry }] of FAULTS.entries()) {
  test.describe(`Stytch answering ${name}`, () => {
    test(`sending a code: the right message, nothing lost, and a retry ${sendRetry ?? 'sends it'}`, async ({
      loginPage,
      verifyPage,
      emulator,
      page,
    }) => {
      const phone = testPhone(30 + index);
      await emulator.failNext('POST /v1/otps/sms/login_or_create', fault);
      await loginPage.goto();
      await loginPage.sendCode(phone.national);
      await loginPage.expectFormError(authErrorMessage(shows));
      await expect(loginPage.phone).toHaveValue(phone.formatted);
      // No challenge was kept for a code that was never sent.
      expect((await page.request.get('/login/verify', { maxRedirects: 0 })).status()).toBe(307);

      await loginPage.sendButton.click();
      if (sendRetry === 'waits') await loginPage.expectFormError(/^Please wait before sending another code\./);
      else await verifyPage.expectOpen();
      const retried = sendRetry === 'waits' ? 'retry waits the cooldown' : 'retry sent the code';
      results.push({ call: 'otps.sms.loginOrCreate', fault: name, outcome: `"${shows}" shown; ${retried}` });
    });

    test('verifying a code: the right message, the challenge kept, and a retry signs in', async ({
      verifyPage,
      emulator,
      page,
      requestCode,
    }) => {
      const phone = testPhone(40 + index);
      const code = await requestCode(phone);
      await emulator.failNext('POST /v1/otps/authenticate', fault);

      await verifyPage.enterCode(code);
      await verifyPage.expectFormError(authErrorMessage(shows));
      await page.reload();
      await expect(page.getByText(phone.formatted, { exact: true })).toBeVisible();

      await verifyPage.enterCode(code);
      await expect(page).toHaveURL(/\/account$/);
      results.push({
        call: 'otps.authenticate',
        fault: name,
        outcome: `"${shows}" shown; challenge kept; retry signed in`,
      });
    });

    test('re-checking a session: still signed in on the JWT alone, then refreshed once Stytch answers', async ({
      signIn,
      accountPage,
      emulator,
      page,
    }) => {
      await signIn(testPhone(90 + index));
      // Past the e2e app's 3-second local trust, the next page load asks Stytch.
      await page.waitForTimeout(3_500);
      await emulator.failNext('POST /v1/sessions/authenticate', fault);
      const response = await page.reload();
      expect(response?.status()).toBe(200);
      await accountPage.expectOpen();

      const before = (await emulator.calls())['POST /v1/sessions/authenticate'] ?? 0;
      await page.reload();
      await accountPage.expectOpen();
      expect((await emulator.calls())['POST /v1/sessions/authenticate']).toBe(before + 1);
      results.push({
        call: 'sessions.authenticate',
        fault: name,
        outcome: 'still signed in on the local JWT; next load refreshed',
      });
    });

    test('signing out: the cookie goes even though Stytch failed', async ({ signIn, accountPage, emulator, page }) => {
      await signIn(testPhone(95 + index));
      await emulator.failNext('POST /v1/sessions/revoke', fault);
      await accountPage.signOut();
      await page.goto('/account');
      await expect(page).toHaveURL(/\/login\?next=%2Faccount$/);
      results.push({ call: 'sessions.revoke', fault: name, outcome: 'signed out here; failure logged' });
    });
  });
}

test('a user Stytch has locked is told when to try again', async ({ verifyPage, emulator, requestCode }) => {
  const phone = testPhone(49);
  const code = await requestCode(phone);
  await emulator.failNext('POST /v1/otps/authenticate', {
    kind: 'error',
    status: 429,
    error_type: 'user_lock_limit_reached',
  });
  await verifyPage.enterCode(code);
  // The screen shows the lock itself, with the clock time it ends, rather than an error about the code.
  await verifyPage.expectOnlyMessage(
    /^This number is locked after too many incorrect codes\. Try again at \d{1,2}:\d\d [AP]M\.$/,
  );
  await expect(verifyPage.verifyButton).toHaveCount(0);
});
