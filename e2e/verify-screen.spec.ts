import { expect, test, testPhone, wrongCodeFor } from './fixtures';
import { anyAuthErrorMessage, authErrorMessage, message } from './messages';
import { LoginPage } from './pages/login-page';

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
    await verifyPage.expectCodeError(authErrorMessage('incomplete_code'));
    await expect(verifyPage.code).toBeFocused();
    expect(actionPosts).toHaveLength(postsBefore);
  });

  test('an expired code says so once, and a new code may be sent at once and signs in', async ({
    verifyPage,
    emulator,
    page,
    requestCode,
  }) => {
    const phone = testPhone(11);
    const expired = await requestCode(phone);
    await emulator.advanceClock(121);

    await verifyPage.enterCode(expired);
    // Stytch refuses the code before the app's own deadline: from here it is simply no longer valid.
    await verifyPage.expectDeadCode(message('codeScreen.replaced'));

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
    await verifyPage.expectDeadCode(message('codeScreen.replaced'));
    expect(second).not.toBe(first);
    // The refused code closed the screen's code: a third one, sent at once, signs in.
    await verifyPage.resend();
    await verifyPage.enterCode(await emulator.latestCode(phone.e164, 3));
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
    await expect(page.getByText(phone.formatted, { exact: true })).toBeVisible();
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

  test('the countdowns start at their true values', async ({ loginPage, verifyPage, page }) => {
    await loginPage.goto();
    await loginPage.sendCode(testPhone(150).national);
    await verifyPage.expectOpen();
    // The e2e app's code lasts 2 minutes and its cooldown is 5 seconds.
    await expect(page.getByText(/Code expires in (2:00|1:59)/)).toBeVisible();
    await expect(page.getByText(/New code available in 0:0[45]/)).toBeVisible();
  });

  test('five wrong codes close the code: one message, no countdown, a new code at once', async ({
    verifyPage,
    requestCode,
  }) => {
    const code = await requestCode(testPhone(151));
    for (const triesLeft of [4, 3, 2, 1]) {
      await verifyPage.enterCode(wrongCodeFor(code));
      await verifyPage.expectCodeError(authErrorMessage('invalid_code', { triesLeft }));
    }
    await verifyPage.enterCode(wrongCodeFor(code));
    await verifyPage.expectDeadCode(message('codeScreen.spent'));
    await expect(verifyPage.code).toBeDisabled();
  });

  test('the resend confirmation sits by the heading and clears at the next event', async ({
    verifyPage,
    page,
    requestCode,
  }) => {
    const phone = testPhone(153);
    const code = await requestCode(phone);
    await verifyPage.resend();
    await expect(verifyPage.sentNotice).toHaveText(`New code sent to ${phone.formatted}`);
    await verifyPage.enterCode(wrongCodeFor(code));
    await expect(verifyPage.sentNotice).toHaveCount(0);
    await expect(page.getByText(/New code sent/)).toHaveCount(0);
  });

  test('back to a number with a live code from this browser reopens its code screen', async ({
    loginPage,
    verifyPage,
    emulator,
    page,
    requestCode,
  }) => {
    const phone = testPhone(154);
    const code = await requestCode(phone);
    await verifyPage.differentNumber.click();
    await loginPage.sendCode(phone.national);
    await verifyPage.expectOpen();
    await expect(page.getByRole('main').getByRole('alert').filter({ hasText: /\S/ })).toHaveCount(0);
    expect(await emulator.messages(phone.e164)).toHaveLength(1);
    await verifyPage.enterCode(code);
    await expect(page).toHaveURL(/\/account$/);
  });

  test('another browser asking for the same number waits for the cooldown', async ({ browser, requestCode }) => {
    const phone = testPhone(155);
    await requestCode(phone);
    const other = await browser.newContext();
    const otherLogin = new LoginPage(await other.newPage());
    await otherLogin.goto();
    await otherLogin.sendCode(phone.national);
    const otherPage = otherLogin.page;
    const waits = [1, 2, 3, 4, 5].map((waitSeconds) => ({ waitSeconds }));
    await expect(
      otherPage.getByRole('alert').filter({ hasText: anyAuthErrorMessage('resend_too_soon', waits) }),
    ).toBeVisible();
    await other.close();
  });

  test('the field is locked while a verify is in flight', async ({ verifyPage, emulator, page, requestCode }) => {
    const code = await requestCode(testPhone(158));
    await emulator.failNext('POST /v1/otps/authenticate', { kind: 'delay', delay_ms: 1_500 });
    await verifyPage.enterCode(code);
    await expect(verifyPage.code).toBeDisabled();
    await expect(page).toHaveURL(/\/account$/);
  });

  test('a pasted SMS keeps its code', async ({ verifyPage, page, requestCode }) => {
    const code = await requestCode(testPhone(156));
    await verifyPage.enterCode(`Your code is ${code}`);
    await expect(page).toHaveURL(/\/account$/);
  });
});

test.describe('the code screen without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('gives clock times in the zone the browser told before', async ({ loginPage, verifyPage, page, baseURL }) => {
    await page.context().addCookies([{ name: 'tz', value: 'America/Los_Angeles', url: baseURL ?? '' }]);
    await loginPage.goto();
    await loginPage.sendCode(testPhone(159).national);
    await verifyPage.expectOpen();
    await expect(page.getByText(/^Expires at \d{1,2}:\d\d [AP]M$/)).toBeVisible();
    await expect(page.getByText(/^New code available at \d{1,2}:\d\d [AP]M$/)).toBeVisible();
  });

  test('a refused resend says why, and an incomplete code asks for all 6 digits', async ({
    loginPage,
    verifyPage,
    emulator,
    page,
  }) => {
    const phone = testPhone(157);
    await loginPage.goto();
    await loginPage.sendCode(phone.national);
    await verifyPage.expectOpen();
    await expect(page.getByText(/^New code available (in \d seconds|at \d{1,2}:\d\d [AP]M)$/)).toBeVisible();
    await verifyPage.resendButton.click();
    const waits = [1, 2, 3, 4, 5].map((waitSeconds) => ({ waitSeconds }));
    await verifyPage.expectOnlyMessage(anyAuthErrorMessage('resend_too_soon', waits));
    expect(await emulator.messages(phone.e164)).toHaveLength(1);

    await verifyPage.code.fill('12345');
    await verifyPage.verifyButton.click();
    await verifyPage.expectOnlyMessage(authErrorMessage('incomplete_code'));
  });
});
