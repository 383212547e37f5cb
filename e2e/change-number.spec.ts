import type { Page } from '@playwright/test';
import type { EmulatorControls } from './emulator';
import { ageSignIn, expect, signInElsewhere, test, testPhone, type TestPhone } from './fixtures';
import { authErrorMessage } from './messages';
import { AccountPage } from './pages/account-page';
import { ChangeNumberPage, NewNumberCodePage } from './pages/change-number-page';
import { LoginPage } from './pages/login-page';
import { ReverifyPage } from './pages/reverify-page';
import { VerifyPage } from './pages/verify-page';

// The e2e stack's OTP_RESEND_COOLDOWN_SECONDS, which the changer's send to the number started.
const RESEND_COOLDOWN_MS = 5_500;

/** From the account page, through the new number's two screens, back to the account page with the new number. */
async function changeNumberTo(page: Page, emulator: EmulatorControls, phone: TestPhone, { scripted = true } = {}) {
  const changePage = new ChangeNumberPage(page);
  await changePage.expectOpen();
  const before = (await emulator.messages(phone.e164)).length;
  await changePage.sendCode(phone.national);
  const codePage = new NewNumberCodePage(page);
  await codePage.expectOpen();
  await expect(page.getByText(`Enter the code we sent to ${phone.formatted}.`)).toBeVisible();
  await codePage.code.fill(await emulator.latestCode(phone.e164, before + 1));
  // With JavaScript the form submits itself on the sixth digit.
  if (!scripted) await codePage.verifyButton.click();
  const accountPage = new AccountPage(page);
  await accountPage.expectOpen();
  await expect(accountPage.numberChangedNotice).toBeVisible();
  await expect(accountPage.phoneNumber).toContainText(phone.formatted);
}

/** Signs out and in again with `phone`: whether that made a new account. */
async function signsUpAnew(page: Page, emulator: EmulatorControls, phone: TestPhone): Promise<boolean> {
  const accountPage = new AccountPage(page);
  await accountPage.signOut();
  const [login, verify] = [new LoginPage(page), new VerifyPage(page)];
  const before = (await emulator.messages(phone.e164)).length;
  await login.sendCode(phone.national);
  await verify.expectOpen();
  await verify.enterCode(await emulator.latestCode(phone.e164, before + 1));
  await accountPage.expectOpen();
  await expect(accountPage.phoneNumber).toContainText(phone.formatted);
  return accountPage.welcomeNotice.isVisible();
}

test.describe('changing your number', () => {
  test('moves the account to the new number: it signs in to the same account, the old one starts a new one', async ({
    signIn,
    accountPage,
    page,
    emulator,
  }) => {
    const [oldPhone, newPhone] = [testPhone(430), testPhone(431)];
    await signIn(oldPhone);
    await expect(accountPage.phoneNumber).toContainText(oldPhone.formatted);
    await accountPage.changeNumberButton.click();
    await expect(page.getByText(`Until you enter that code, you keep ${oldPhone.formatted}.`)).toBeVisible();
    await changeNumberTo(page, emulator, newPhone);

    // One-shot: gone on the next view.
    await page.reload();
    await expect(accountPage.numberChangedNotice).toHaveCount(0);
    expect(await signsUpAnew(page, emulator, newPhone)).toBe(false);
    expect(await signsUpAnew(page, emulator, oldPhone)).toBe(true);
  });

  test('after an old sign-in, asks for a code on the current number first, then goes on to the new number', async ({
    signIn,
    accountPage,
    page,
    emulator,
  }) => {
    const [oldPhone, newPhone] = [testPhone(432), testPhone(433)];
    await signIn(oldPhone);
    await ageSignIn(page, emulator);

    const before = (await emulator.messages(oldPhone.e164)).length;
    await accountPage.changeNumberButton.click();
    const reverifyPage = new ReverifyPage(page);
    await reverifyPage.expectOpen();
    await expect(page.getByText('To change your number, enter a new code.')).toBeVisible();
    await reverifyPage.enterCode(await emulator.latestCode(oldPhone.e164, before + 1));
    await changeNumberTo(page, emulator, newPhone);
    expect(await emulator.messages(newPhone.e164)).toHaveLength(1);
  });

  test('a stale sign-in posting the new number straight away is asked for the fresh check, and sends it nothing', async ({
    signIn,
    accountPage,
    page,
    emulator,
  }) => {
    const [oldPhone, newPhone] = [testPhone(434), testPhone(435)];
    await signIn(oldPhone);
    await accountPage.changeNumberButton.click();
    const changePage = new ChangeNumberPage(page);
    await changePage.expectOpen();
    await ageSignIn(page, emulator);
    await changePage.sendCode(newPhone.national);
    await new ReverifyPage(page).expectOpen();
    expect(await emulator.messages(newPhone.e164)).toHaveLength(0);
  });

  test('refuses a number of another account at the field, and that account keeps it', async ({
    signIn,
    accountPage,
    page,
    browser,
    emulator,
  }) => {
    const [mine, theirs] = [testPhone(436), testPhone(437)];
    const other = await signInElsewhere(browser, emulator, theirs);
    await signIn(mine);
    await accountPage.changeNumberButton.click();
    const changePage = new ChangeNumberPage(page);
    await changePage.sendCode(theirs.national);
    await changePage.expectPhoneError(authErrorMessage('phone_taken'));
    await expect(changePage.phone).toHaveValue(theirs.formatted);
    expect(await emulator.messages(theirs.e164)).toHaveLength(1);

    await other.accountPage.page.reload();
    await expect(other.accountPage.phoneNumber).toContainText(theirs.formatted);
    await changePage.keepButton.click();
    await expect(accountPage.phoneNumber).toContainText(mine.formatted);
    await other.context.close();
  });

  for (const [leaving, mine, theirs] of [
    ['stops on the code screen', 450, 451],
    ['keeps their number', 452, 453],
  ] as const) {
    test(`a change to someone's number that ${leaving} leaves the number its owner's own way in`, async ({
      signIn,
      accountPage,
      page,
      browser,
      emulator,
    }) => {
      const [changer, owner] = [testPhone(mine), testPhone(theirs)];
      await signIn(changer);
      await accountPage.changeNumberButton.click();
      const changePage = new ChangeNumberPage(page);
      await changePage.sendCode(owner.national);
      const codePage = new NewNumberCodePage(page);
      await codePage.expectOpen();
      if (leaving === 'keeps their number') {
        await codePage.differentNumber.click();
        await changePage.keepButton.click();
      }

      // Past the number's resend cooldown (5 seconds in e2e), within Stytch's 5 minutes of the attached number.
      await page.waitForTimeout(RESEND_COOLDOWN_MS);
      const other = await signInElsewhere(browser, emulator, owner);
      await expect(other.accountPage.welcomeNotice).toBeVisible();
      await expect(other.accountPage.phoneNumber).toContainText(owner.formatted);
      await page.goto('/account');
      await expect(accountPage.phoneNumber).toContainText(changer.formatted);
      await other.context.close();
    });
  }

  test('refuses the number the account already has', async ({ signIn, accountPage, page }) => {
    const mine = testPhone(438);
    await signIn(mine);
    await accountPage.changeNumberButton.click();
    const changePage = new ChangeNumberPage(page);
    await changePage.sendCode(mine.national);
    await changePage.expectPhoneError(authErrorMessage('same_phone'));
  });

  test('“Use a different number” goes back to the new number’s screen with the number typed', async ({
    signIn,
    accountPage,
    page,
    emulator,
  }) => {
    const [mine, typo] = [testPhone(439), testPhone(440)];
    await signIn(mine);
    await accountPage.changeNumberButton.click();
    const changePage = new ChangeNumberPage(page);
    await changePage.sendCode(typo.national);
    const codePage = new NewNumberCodePage(page);
    await codePage.expectOpen();
    await codePage.differentNumber.click();
    await changePage.expectOpen();
    await expect(changePage.phone).toHaveValue(typo.formatted);
    await changePage.keepButton.click();
    await expect(accountPage.phoneNumber).toContainText(mine.formatted);
    expect(await emulator.messages(typo.e164)).toHaveLength(1);
  });

  test.describe('without JavaScript', () => {
    test.use({ javaScriptEnabled: false });

    test('changes the number with plain form posts', async ({ requestCode, page, emulator }) => {
      const [oldPhone, newPhone] = [testPhone(441), testPhone(442)];
      const verifyPage = new VerifyPage(page);
      await verifyPage.code.fill(await requestCode(oldPhone));
      await verifyPage.verifyButton.click();
      const accountPage = new AccountPage(page);
      await accountPage.expectOpen();
      await accountPage.changeNumberButton.click();
      await changeNumberTo(page, emulator, newPhone, { scripted: false });
    });

    test('refuses a number of another account at the field', async ({ requestCode, page, browser, emulator }) => {
      const [mine, theirs] = [testPhone(443), testPhone(444)];
      const other = await signInElsewhere(browser, emulator, theirs);
      const verifyPage = new VerifyPage(page);
      await verifyPage.code.fill(await requestCode(mine));
      await verifyPage.verifyButton.click();
      await new AccountPage(page).changeNumberButton.click();
      const changePage = new ChangeNumberPage(page);
      await changePage.sendCode(theirs.national);
      await changePage.expectPhoneError(authErrorMessage('phone_taken'));
      await other.context.close();
    });
  });
});
