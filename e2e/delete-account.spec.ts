import type { Page } from '@playwright/test';
import { expect, expectSignedOut, signInElsewhere, test, testPhone } from './fixtures';
import { AccountPage } from './pages/account-page';
import { DeleteAccountPage } from './pages/delete-account-page';
import { VerifyPage } from './pages/verify-page';

const deletedNotice = (page: Page) => page.getByRole('status').filter({ hasText: 'Your account was deleted.' });

test.describe('deleting your account', () => {
  test('names what goes, signs out every device, says so once, and the number signs up anew', async ({
    signIn,
    accountPage,
    page,
    browser,
    emulator,
  }) => {
    const phone = testPhone(410);
    await signIn(phone);
    const other = await signInElsewhere(browser, emulator, phone);
    const deletePage = new DeleteAccountPage(page);
    await deletePage.openFromAccount();
    await expect(page.getByText(`its phone number, ${phone.formatted}`)).toBeVisible();
    await expect(page.getByText('all 2 devices, this one included')).toBeVisible();

    await deletePage.deleteButton.click();
    await expect(page).toHaveURL(/\/login$/);
    await expect(deletedNotice(page)).toBeVisible();
    await page.reload();
    await expect(deletedNotice(page)).toHaveCount(0);
    await expectSignedOut(page);
    await expectSignedOut(other.accountPage.page);
    await other.context.close();

    await signIn(phone);
    await expect(accountPage.welcomeNotice).toBeVisible();
  });

  test('“Keep my account” goes back and deletes nothing', async ({ signIn, accountPage, page }) => {
    await signIn(testPhone(411));
    const deletePage = new DeleteAccountPage(page);
    await deletePage.openFromAccount();
    await deletePage.keepLink.click();
    await accountPage.expectOpen();
  });

  test.describe('without JavaScript', () => {
    test.use({ javaScriptEnabled: false });

    test('deletes the account with a plain form post', async ({ requestCode, page }) => {
      const verifyPage = new VerifyPage(page);
      await verifyPage.code.fill(await requestCode(testPhone(412)));
      await verifyPage.verifyButton.click();
      await new AccountPage(page).expectOpen();
      const deletePage = new DeleteAccountPage(page);
      await deletePage.openFromAccount();
      await deletePage.deleteButton.click();
      await expect(deletedNotice(page)).toBeVisible();
      await expectSignedOut(page);
    });
  });
});
