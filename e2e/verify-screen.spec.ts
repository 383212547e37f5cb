import { expect, test, testPhone, wrongCodeFor } from './fixtures';
import { anyAuthErrorMessage, authErrorMessage } from './messages';

test.describe('the code screen', () => {
  test('opening it without a pending code goes back to the login screen', async ({ page }) => {
    await page.goto('/login/verify');
    await expect(page).toHaveURL(/\/login$/);
  });

  test('a wrong code keeps the screen, clears and focuses the field, then the right code works', async ({
    verifyPage,
    page,
    requestCode,
  }) => {
    const phone = testPhone(10);
    const code = await requestCode(phone);
    const wrong = wrongCodeFor(code);

    await verifyPage.enterCode(wrong);
    await verifyPage.expectCodeError(authErrorMessage('invalid_code', { triesLeft: 4 }));
    await expect(verifyPage.code).toHaveValue('');
    await expect(verifyPage.code).toBeFocused();

    await verifyPage.enterCode(code);
    await expect(page).toHaveURL(/\/account$/);
  });

  test('an incomplete code is caught in the browser before anything is sent', async ({
    verifyPage,
    requestCode,
    actionPosts,
  }) => {
    const code = await requestCode(testPhone(40));
    const postsBefore = actionPosts.length;
    await verifyPage.enterCode(code.slice(0, 4));
    await verifyPage.verifyButton.click();
    await verifyPage.expectCodeError(authErrorMessage('invalid_code'));
    await expect(verifyPage.code).toBeFocused();
    expect(actionPosts).toHaveLength(postsBefore);
  });

  test('an expired code says so and a new code signs in', async ({ verifyPage, emulator, page, requestCode }) => {
    const phone = testPhone(11);
    const expired = await requestCode(phone);
    await emulator.advanceClock(121);

    await verifyPage.enterCode(expired);
    await verifyPage.expectFormError(authErrorMessage('code_expired'));

    await verifyPage.resend();
    await verifyPage.enterCode(await emulator.latestCode(phone.e164, 2));
    await expect(page).toHaveURL(/\/account$/);
  });

  test('a resent code works and the one before it no longer does', async ({
    verifyPage,
    emulator,
    page,
    requestCode,
  }) => {
    const phone = testPhone(12);
    const first = await requestCode(phone);

    await verifyPage.expectCountingDown();
    await expect(verifyPage.resendButton).toBeDisabled();
    await verifyPage.resend();
    const second = await emulator.latestCode(phone.e164, 2);

    await verifyPage.enterCode(first);
    await verifyPage.expectFormError(authErrorMessage('code_expired'));
    await verifyPage.code.fill('');
    await verifyPage.enterCode(second);
    await expect(page).toHaveURL(/\/account$/);
  });

  test('the server refuses a resend during the cooldown', async ({ loginPage, verifyPage, emulator }) => {
    const phone = testPhone(13);
    await loginPage.goto();
    await loginPage.sendCode(phone.national);
    await emulator.latestCode(phone.e164);
    await verifyPage.expectCountingDown();
    // Bypass the disabled button, as a script would.
    await verifyPage.resendButton.evaluate((button: HTMLButtonElement) => {
      button.disabled = false;
      button.click();
    });
    // The e2e app's cooldown is 5 seconds.
    const waits = [1, 2, 3, 4, 5].map((waitSeconds) => ({ waitSeconds }));
    await verifyPage.expectFormError(anyAuthErrorMessage('resend_too_soon', waits));
    expect(await emulator.messages(phone.e164)).toHaveLength(1);
  });

  test('reloading keeps the number and the countdowns', async ({ loginPage, verifyPage, page }) => {
    const phone = testPhone(14);
    await loginPage.goto();
    await loginPage.sendCode(phone.national);
    await verifyPage.expectOpen();
    await page.reload();
    await verifyPage.expectOpen();
    await expect(page.getByText(phone.masked)).toBeVisible();
    await expect(page.getByText(/Code expires in [12]:\d\d/)).toBeVisible();
  });

  test('"Use a different number" goes back with the number still typed', async ({ loginPage, verifyPage, page }) => {
    const phone = testPhone(15);
    await loginPage.goto();
    await loginPage.sendCode(phone.national);
    await verifyPage.differentNumber.click();
    await expect(page).toHaveURL(/\/login$/);
    await expect(loginPage.phone).toHaveValue(phone.formatted);
    await expect(loginPage.country).toHaveValue('US');
  });
});
