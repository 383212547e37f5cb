import { expect, test, testPhone } from './fixtures';
import { authErrorMessage } from './messages';

// The app waits 2 s for Stytch (STYTCH_TIMEOUT_MS); these sends go out and answer at 2.5 s, before the socket closes.
const SLOW = { kind: 'delay', delay_ms: 2_500 } as const;

test('sends that time out count as sent: repeated tries during a slow Stytch text the number once', async ({
  loginPage,
  emulator,
}) => {
  const phone = testPhone(401);
  await emulator.failNext('POST /v1/otps/sms/login_or_create', SLOW, 3);
  await loginPage.goto();
  await loginPage.sendCode(phone.national);
  await loginPage.expectFormError(authErrorMessage('timeout'));
  for (let retry = 0; retry < 2; retry += 1) {
    await loginPage.sendButton.click();
    await loginPage.expectFormError(/^Please wait before sending another code\./);
  }
  // Every slow send has answered by now.
  await expect.poll(async () => (await emulator.messages(phone.e164)).length, { timeout: 10_000 }).toBe(1);
  await loginPage.page.waitForTimeout(3_000);
  expect(await emulator.messages(phone.e164)).toHaveLength(1);
});
