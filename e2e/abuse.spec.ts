import { expect, test, testPhone, wrongCodeFor } from './fixtures';
import { anyAuthErrorMessage, authErrorMessage } from './messages';

test('guessing: each wrong code says how many tries are left, then the code is spent until a new one is sent', async ({
  verifyPage,
  emulator,
  page,
  requestCode,
}) => {
  const phone = testPhone(70);
  const code = await requestCode(phone);
  const wrong = wrongCodeFor(code);

  for (const triesLeft of [4, 3, 2, 1]) {
    await verifyPage.enterCode(wrong);
    await verifyPage.expectCodeError(authErrorMessage('invalid_code', { triesLeft }));
  }
  await verifyPage.enterCode(wrong);
  await verifyPage.expectCodeError(authErrorMessage('code_attempts_used'));
  await expect(verifyPage.verifyButton).toBeDisabled();

  // Even the right code is refused now, without reaching Stytch.
  const verifyCalls = (await emulator.calls())['POST /v1/otps/authenticate'];
  const answered = page.waitForResponse(
    (response) => response.request().method() === 'POST' && response.url().endsWith('/login/verify'),
  );
  await verifyPage.code.fill(code);
  await answered;
  await verifyPage.expectCodeError(authErrorMessage('code_attempts_used'));
  expect((await emulator.calls())['POST /v1/otps/authenticate']).toBe(verifyCalls);

  await verifyPage.resend();
  await verifyPage.enterCode(await emulator.latestCode(phone.e164, 2));
  await expect(page).toHaveURL(/\/account$/);
});

test('pumping: a number that asks for code after code is told to wait', async ({ loginPage, verifyPage, emulator }) => {
  test.slow();
  const phone = testPhone(71);
  await loginPage.goto();
  await loginPage.sendCode(phone.national);
  await verifyPage.expectOpen();
  // The e2e app allows 5 codes per number per hour with a 5-second cooldown.
  for (let sent = 2; sent <= 5; sent++) {
    await verifyPage.resend();
    await emulator.latestCode(phone.e164, sent);
  }
  await verifyPage.resendWhenAllowed();
  await verifyPage.expectFormError(anyAuthErrorMessage('rate_limited', [{ waitSeconds: 3600 }, { waitSeconds: 3540 }]));
  expect(await emulator.messages(phone.e164)).toHaveLength(5);
});
