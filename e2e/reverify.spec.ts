import { ageSignIn, expect, expectSignedOut, signInElsewhere, test, testPhone } from './fixtures';
import { DeleteAccountPage } from './pages/delete-account-page';
import { ReverifyPage } from './pages/reverify-page';

test.describe('a sensitive change after an old sign-in', () => {
  test('deleting the account asks for a code on the current number, then goes on', async ({
    signIn,
    page,
    emulator,
  }) => {
    const phone = testPhone(420);
    await signIn(phone);
    await ageSignIn(page, emulator);

    const deletePage = new DeleteAccountPage(page);
    await deletePage.openFromAccount();
    const before = (await emulator.messages(phone.e164)).length;
    await deletePage.deleteButton.click();
    const reverifyPage = new ReverifyPage(page);
    await reverifyPage.expectOpen();
    await expect(page.getByText('To delete your account, enter a new code.')).toBeVisible();
    await expect(reverifyPage.differentNumber).toHaveCount(0);

    await reverifyPage.enterCode(await emulator.latestCode(phone.e164, before + 1));
    await expect(page).toHaveURL(/\/login$/);
    await expect(page.getByRole('status').filter({ hasText: 'Your account was deleted.' })).toBeVisible();
  });

  test('signing out the other devices asks too, then ends them', async ({
    signIn,
    devicesPage,
    page,
    browser,
    emulator,
  }) => {
    const phone = testPhone(421);
    await signIn(phone);
    const other = await signInElsewhere(browser, emulator, phone);
    await ageSignIn(page, emulator);

    await devicesPage.openFromAccount();
    const before = (await emulator.messages(phone.e164)).length;
    await devicesPage.signOutOtherDevicesButton.click();
    const reverifyPage = new ReverifyPage(page);
    await reverifyPage.expectOpen();
    await reverifyPage.enterCode(await emulator.latestCode(phone.e164, before + 1));
    await devicesPage.expectOpen();
    await expect(page.getByRole('status').filter({ hasText: 'Your other devices are signed out.' })).toBeVisible();
    await expect(devicesPage.devices).toHaveCount(1);
    await other.context.close();
  });

  test('signing out one other device asks too, then ends that one', async ({
    signIn,
    devicesPage,
    page,
    browser,
    emulator,
  }) => {
    const phone = testPhone(422);
    await signIn(phone);
    const other = await signInElsewhere(browser, emulator, phone);
    await ageSignIn(page, emulator);

    await devicesPage.openFromAccount();
    const before = (await emulator.messages(phone.e164)).length;
    await devicesPage
      .otherDevice('Mobile Safari on iOS')
      .getByRole('button', { name: /^Sign out / })
      .click();
    const reverifyPage = new ReverifyPage(page);
    await reverifyPage.expectOpen();
    await expect(page.getByText('To sign out that device, enter a new code.')).toBeVisible();
    await reverifyPage.enterCode(await emulator.latestCode(phone.e164, before + 1));
    await expect(page.getByRole('status').filter({ hasText: 'That device is signed out.' })).toBeVisible();
    await expect(devicesPage.devices).toHaveCount(1);
    await expectSignedOut(other.accountPage.page);
    await other.context.close();
  });
});
