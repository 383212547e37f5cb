import { expectNoViolations } from './axe';
import { expect, signInElsewhere, test, testPhone, wrongCodeFor } from './fixtures';
import { authErrorMessage, message } from './messages';
import { ChangeNumberPage, NewNumberCodePage } from './pages/change-number-page';
import { DeleteAccountPage } from './pages/delete-account-page';
import { ReverifyPage } from './pages/reverify-page';

for (const [theme, colorScheme, phoneBase] of [
  ['light', 'light', 110],
  ['dark', 'dark', 120],
] as const) {
  test.describe(`accessibility in the ${theme} theme`, () => {
    test.use({ colorScheme });

    test('the phone screen, and its error for an invalid number', async ({ loginPage, page }) => {
      await loginPage.goto();
      await expectNoViolations(page);

      await loginPage.sendCode('12345');
      await loginPage.expectPhoneError(authErrorMessage('invalid_phone'));
      await expectNoViolations(page);

      await loginPage.sendCode('+44 7400 123456');
      await loginPage.expectPhoneError(authErrorMessage('country_not_allowed', { country: 'UK' }));
      await expectNoViolations(page);
    });

    test('the phone screen on a 320-pixel screen, with Canada chosen', async ({ loginPage, page }) => {
      await page.setViewportSize({ width: 320, height: 640 });
      await loginPage.goto();
      await loginPage.country.selectOption('CA');
      await loginPage.phone.pressSequentially('5062345678');
      await expectNoViolations(page);
    });

    test('the code screen, and its error for a wrong code', async ({ verifyPage, page, requestCode }) => {
      const code = await requestCode(testPhone(phoneBase));
      await expectNoViolations(page);

      await verifyPage.enterCode(wrongCodeFor(code));
      await verifyPage.expectCodeError(authErrorMessage('invalid_code', { triesLeft: 4 }));
      await expectNoViolations(page);
    });

    test('the code screen once the code has expired', async ({ verifyPage, emulator, page, requestCode }) => {
      const code = await requestCode(testPhone(phoneBase + 1));
      await emulator.advanceClock(121);

      await verifyPage.enterCode(code);
      await verifyPage.expectDeadCode(message('codeScreen.replaced'));
      await expectNoViolations(page);
    });

    test('the code screen with its tries spent, then with a new code sent', async ({
      verifyPage,
      page,
      requestCode,
    }) => {
      const code = await requestCode(testPhone(phoneBase + 3));
      for (const triesLeft of [4, 3, 2, 1]) {
        await verifyPage.enterCode(wrongCodeFor(code));
        await verifyPage.expectCodeError(authErrorMessage('invalid_code', { triesLeft }));
      }
      await verifyPage.enterCode(wrongCodeFor(code));
      await verifyPage.expectDeadCode(message('codeScreen.spent'));
      await expectNoViolations(page);

      await verifyPage.resend();
      await expectNoViolations(page);
    });

    test('the account page, welcoming a new account', async ({ signIn, accountPage, page }) => {
      await signIn(testPhone(phoneBase + 2));
      await accountPage.expectOpen();
      await expect(accountPage.welcomeNotice).toBeVisible();
      await expectNoViolations(page);
    });

    test('the devices page listing two devices, then with the other one signed out', async ({
      signIn,
      devicesPage,
      page,
      browser,
      emulator,
    }) => {
      const phone = testPhone(phoneBase + 8);
      await signIn(phone);
      const other = await signInElsewhere(browser, emulator, phone);
      await devicesPage.openFromAccount();
      await expect(devicesPage.devices).toHaveCount(2);
      await expectNoViolations(page);

      await devicesPage.signOutDevice('Mobile Safari on iOS');
      await expectNoViolations(page);
      await other.context.close();
    });

    test('the confirmation before deleting an account, and the sign-in page after it', async ({ signIn, page }) => {
      await signIn(testPhone(phoneBase + 9));
      const deletePage = new DeleteAccountPage(page);
      await deletePage.openFromAccount();
      await expectNoViolations(page);

      await deletePage.deleteButton.click();
      await expect(page.getByRole('status').filter({ hasText: 'Your account was deleted.' })).toBeVisible();
      await expectNoViolations(page);
    });

    test('the code screen asked again before a sensitive change', async ({ signIn, accountPage, emulator, page }) => {
      await signIn(testPhone(phoneBase + 6));
      await emulator.advanceClock(11 * 60);
      // The e2e app trusts a JWT locally for 3 seconds, then Stytch's clock shows the sign-in's age.
      await page.waitForTimeout(3_500);
      await page.reload();
      const deletePage = new DeleteAccountPage(page);
      await deletePage.openFromAccount();
      await deletePage.deleteButton.click();
      await new ReverifyPage(page).expectOpen();
      await expect(accountPage.page.getByText(/Code expires in/)).toBeVisible();
      await expectNoViolations(page);
    });

    test('the new number’s screens, with a number of another account refused', async ({
      signIn,
      accountPage,
      page,
      browser,
      emulator,
    }) => {
      const theirs = testPhone(phoneBase + 5);
      const other = await signInElsewhere(browser, emulator, theirs);
      await other.context.close();
      await signIn(testPhone(phoneBase + 4));
      await accountPage.changeNumberButton.click();
      const changePage = new ChangeNumberPage(page);
      await changePage.expectOpen();
      await expectNoViolations(page);

      await changePage.sendCode(theirs.national);
      await changePage.expectPhoneError(authErrorMessage('phone_taken'));
      await expectNoViolations(page);

      await changePage.sendCode(testPhone(phoneBase + 200).national);
      await new NewNumberCodePage(page).expectOpen();
      // Next streams the title of a page an action redirected to after its body.
      await expect(page).toHaveTitle(/^Confirm your new number/);
      await expectNoViolations(page);
    });

    test('the sign-in page after signing out', async ({ signIn, accountPage, page }) => {
      await signIn(testPhone(phoneBase + 7));
      await accountPage.signOut();
      await expect(page.getByRole('status').filter({ hasText: 'You’re signed out.' })).toBeVisible();
      await expectNoViolations(page);
    });
  });
}
