import { expect, expectSignedOut, signInElsewhere, test, testPhone } from './fixtures';
import { AccountPage } from './pages/account-page';
import { DevicesPage } from './pages/devices-page';
import { VerifyPage } from './pages/verify-page';

const IPHONE = 'Mobile Safari on iOS';

test.describe('your devices', () => {
  test('lists both browsers, this one marked, and ends the other at its next request', async ({
    signIn,
    devicesPage,
    browser,
    emulator,
  }) => {
    const phone = testPhone(400);
    await signIn(phone);
    const other = await signInElsewhere(browser, emulator, phone);
    const otherCookies = await other.context.cookies();

    await devicesPage.openFromAccount();
    await expect(devicesPage.devices).toHaveCount(2);
    await expect(devicesPage.thisDevice).toHaveCount(1);
    await expect(devicesPage.thisDevice).toContainText(/Signed in .+ [AP]M/);
    await expect(devicesPage.otherDevice(IPHONE)).toContainText('Last active just now');
    const otherDevicesPage = new DevicesPage(other.accountPage.page);
    await otherDevicesPage.openFromAccount();
    await expect(otherDevicesPage.thisDevice).toContainText(IPHONE);

    await devicesPage.signOutDevice(IPHONE);
    await expect(devicesPage.devices).toHaveCount(1);
    await expectSignedOut(other.accountPage.page);

    // Its cookie, replayed, signs no one in.
    await other.context.addCookies(otherCookies);
    await expectSignedOut(other.accountPage.page);
    await other.context.close();
  });

  test('“Sign out of all other devices” keeps this one signed in', async ({
    signIn,
    accountPage,
    devicesPage,
    page,
    browser,
    emulator,
  }) => {
    const phone = testPhone(401);
    await signIn(phone);
    const other = await signInElsewhere(browser, emulator, phone);
    await devicesPage.openFromAccount();
    await devicesPage.signOutOtherDevicesButton.click();
    await expect(page.getByRole('status').filter({ hasText: 'Your other devices are signed out.' })).toBeVisible();
    await expect(devicesPage.devices).toHaveCount(1);
    await expect(devicesPage.signOutOtherDevicesButton).toHaveCount(0);
    await expectSignedOut(other.accountPage.page);
    await page.goto('/account');
    await accountPage.expectOpen();
    await other.context.close();
  });

  test.describe('without JavaScript', () => {
    test.use({ javaScriptEnabled: false });

    test('ends the other device with a plain form post', async ({ requestCode, page, browser, emulator }) => {
      const phone = testPhone(402);
      const verifyPage = new VerifyPage(page);
      await verifyPage.code.fill(await requestCode(phone));
      await verifyPage.verifyButton.click();
      const accountPage = new AccountPage(page);
      await accountPage.expectOpen();
      const other = await signInElsewhere(browser, emulator, phone);

      const devicesPage = new DevicesPage(page);
      await devicesPage.openFromAccount();
      await devicesPage.signOutDevice(IPHONE);
      await expect(devicesPage.devices).toHaveCount(1);
      await expectSignedOut(other.accountPage.page);
      await other.context.close();
    });
  });
});
