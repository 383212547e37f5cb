import { expect, signInElsewhere, test, testPhone } from './fixtures';
import { DevicesPage } from './pages/devices-page';

test.describe('the account actions as public endpoints', () => {
  test('a device sign-out naming another user’s session ends nothing, and says the device is not theirs', async ({
    signIn,
    devicesPage,
    page,
    browser,
    emulator,
  }) => {
    const [mine, theirs] = [testPhone(445), testPhone(446)];
    // Theirs: two browsers, so the first one's page holds the second's session id in its sign-out form.
    const theirFirst = await signInElsewhere(browser, emulator, theirs);
    const theirSecond = await signInElsewhere(browser, emulator, theirs);
    await new DevicesPage(theirFirst.accountPage.page).openFromAccount();
    const theirSessionId = await theirFirst.accountPage.page.locator('input[name="sessionId"]').inputValue();

    await signIn(mine);
    const myOther = await signInElsewhere(browser, emulator, mine);
    await devicesPage.openFromAccount();
    // A hand-made post: this page's own form, its hidden session id swapped for theirs.
    await page.locator('input[name="sessionId"]').evaluate((input, id) => {
      (input as HTMLInputElement).value = id;
    }, theirSessionId);
    await devicesPage
      .otherDevice('Mobile Safari on iOS')
      .getByRole('button', { name: /^Sign out / })
      .click();
    await expect(
      page.getByRole('status').filter({ hasText: 'That device isn’t signed in to your account any more.' }),
    ).toBeVisible();

    await theirSecond.accountPage.page.reload();
    await theirSecond.accountPage.expectOpen();
    await expect(devicesPage.devices).toHaveCount(2);
    for (const other of [theirFirst, theirSecond, myOther]) await other.context.close();
  });
});
