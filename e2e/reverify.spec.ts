import type { Page } from '@playwright/test';
import type { EmulatorControls } from './emulator';
import { expect, signInElsewhere, test, testPhone } from './fixtures';
import type { AccountPage } from './pages/account-page';
import { DeleteAccountPage } from './pages/delete-account-page';
import { ReverifyPage } from './pages/reverify-page';

// Past REVERIFY_MAX_AGE_MINUTES (10 by default), within the 60-minute session.
const STALE_SECONDS = 11 * 60;
// The e2e app trusts a JWT locally for 3 seconds, then asks Stytch, whose clock then shows the sign-in's age.
const PAST_JWT_MAX_AGE_MS = 3_500;

/** Makes this browser's sign-in older than the limit, as Stytch's clock sees it. */
async function ageSignIn(page: Page, accountPage: AccountPage, emulator: EmulatorControls) {
  await emulator.advanceClock(STALE_SECONDS);
  await page.waitForTimeout(PAST_JWT_MAX_AGE_MS);
  await page.reload();
  await accountPage.expectOpen();
}

test.describe('a sensitive change after an old sign-in', () => {
  test('deleting the account asks for a code on the current number, then goes on', async ({
    signIn,
    accountPage,
    page,
    emulator,
  }) => {
    const phone = testPhone(420);
    await signIn(phone);
    await ageSignIn(page, accountPage, emulator);

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
    accountPage,
    devicesPage,
    page,
    browser,
    emulator,
  }) => {
    const phone = testPhone(421);
    await signIn(phone);
    const other = await signInElsewhere(browser, emulator, phone);
    await ageSignIn(page, accountPage, emulator);

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
});
