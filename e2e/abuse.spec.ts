import { expect, test, testPhone, wrongCodeFor } from './fixtures';
import { anyAuthErrorMessage, authErrorMessage, message } from './messages';

test('guessing: each wrong code says how many tries are left, then the code is spent and a new one may be sent', async ({
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
  const verifyCalls = (await emulator.calls())['POST /v1/otps/authenticate'] ?? 0;
  await verifyPage.enterCode(wrong);
  // The code is spent: one message, no Verify and no field to type in, and a new code may be asked for at once.
  await verifyPage.expectDeadCode(message('codeScreen.spent'));
  await expect(verifyPage.code).toBeDisabled();
  expect((await emulator.calls())['POST /v1/otps/authenticate']).toBe(verifyCalls + 1);

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
