import { AUTH_ERROR_MESSAGES, type AuthErrorCode } from '../lib/auth-errors';
import type { Fault } from './emulator';
import { expect, test, testPhone } from './fixtures';

const SEND = 'POST /v1/otps/sms/login_or_create';
const VERIFY = 'POST /v1/otps/authenticate';

const FAULTS: { name: string; fault: Fault; shows: AuthErrorCode }[] = [
  { name: 'a 500', fault: { kind: 'error', status: 500, error_type: 'internal_server_error' }, shows: 'unavailable' },
  { name: 'a 429', fault: { kind: 'error', status: 429, error_type: 'too_many_requests' }, shows: 'rate_limited' },
  // The e2e app gives Stytch 2 seconds (STYTCH_TIMEOUT_MS).
  { name: 'a timeout', fault: { kind: 'delay', delay_ms: 4_000 }, shows: 'timeout' },
  { name: 'a dropped connection', fault: { kind: 'drop' }, shows: 'unreachable' },
];

for (const [index, { name, fault, shows }] of FAULTS.entries()) {
  test(`sending a code: ${name} from Stytch shows "${shows}" and a retry succeeds`, async ({ loginPage, verifyPage, emulator, page }) => {
    const phone = testPhone(30 + index);
    await emulator.failNext(SEND, fault);
    await loginPage.goto();
    await loginPage.sendCode(phone.national);
    await loginPage.expectFormError(AUTH_ERROR_MESSAGES[shows]);
    await expect(page).toHaveURL(/\/login$/);
    await expect(loginPage.phone).toHaveValue(phone.formatted);

    await loginPage.sendButton.click();
    await verifyPage.expectOpen();
  });

  test(`verifying a code: ${name} from Stytch shows "${shows}" and a retry succeeds`, async ({ loginPage, verifyPage, emulator, page }) => {
    const phone = testPhone(40 + index);
    await loginPage.goto();
    await loginPage.sendCode(phone.national);
    const code = await emulator.latestCode(phone.e164);
    await emulator.failNext(VERIFY, fault);

    await verifyPage.enterCode(code);
    await verifyPage.expectFormError(AUTH_ERROR_MESSAGES[shows]);
    await verifyPage.expectOpen();

    await verifyPage.verifyButton.click();
    await expect(page).toHaveURL(/\/account$/);
  });
}

test('a user Stytch has locked is told when to try again', async ({ loginPage, verifyPage, emulator }) => {
  const phone = testPhone(50);
  await loginPage.goto();
  await loginPage.sendCode(phone.national);
  const code = await emulator.latestCode(phone.e164);
  await emulator.failNext(VERIFY, { kind: 'error', status: 429, error_type: 'user_lock_limit_reached' });
  await verifyPage.enterCode(code);
  await verifyPage.expectCodeError(/^Too many incorrect codes\. Try again in (60|59) minutes\.$/);
});
