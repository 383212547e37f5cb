import type { Page } from '@playwright/test';
import { expect, test, testPhone, type TestPhone } from './fixtures';
import { AccountPage } from './pages/account-page';
import { VerifyPage } from './pages/verify-page';

const signedOutNotice = (page: Page) => page.getByRole('status').filter({ hasText: 'You’re signed out.' });

/** Signs in as plain form posts: without JavaScript the code form waits for its button. */
async function signInWithoutScript(page: Page, requestCode: (phone: TestPhone) => Promise<string>, phone: TestPhone) {
  const verifyPage = new VerifyPage(page);
  await verifyPage.code.fill(await requestCode(phone));
  await verifyPage.verifyButton.click();
  await expect(page).toHaveURL(/\/account$/);
}

test.describe('the account page', () => {
  test.describe('in Los Angeles', () => {
    test.use({ timezoneId: 'America/Los_Angeles' });

    test('writes its times in the browser’s zone, and the sign-in as how long ago', async ({ signIn, accountPage }) => {
      await signIn(testPhone(340));
      await expect(accountPage.sessionEndsAt).toHaveText(/^\w{3} \d{1,2}, \d{4}, \d{1,2}:\d{2} [AP]M P[SD]T$/);
      await expect(accountPage.signedInAt).toHaveText(/^(just now|1 minute ago)$/);
      await expect(accountPage.page.getByText('UTC')).toHaveCount(0);
    });
  });

  test.describe('without JavaScript', () => {
    test.use({ javaScriptEnabled: false });

    test('says its times are in UTC, the one zone the server can know', async ({ requestCode, accountPage, page }) => {
      await signInWithoutScript(page, requestCode, testPhone(341));
      await expect(accountPage.sessionEndsAt).toHaveText(/ UTC$/);
      await expect(accountPage.signedInAt).toHaveText(/^(just now|1 minute ago)$/);
    });
  });

  test('shows the number as its country writes it', async ({ signIn, page }) => {
    const phone = testPhone(342);
    await signIn(phone);
    await expect(page.getByRole('definition').filter({ hasText: phone.formatted })).toBeVisible();
  });

  test('welcomes a new account once, and not on the next sign-in', async ({ signIn, accountPage, page }) => {
    const phone = testPhone(343);
    await signIn(phone);
    await expect(accountPage.welcomeNotice).toBeVisible();
    await page.reload();
    await accountPage.expectOpen();
    await expect(accountPage.welcomeNotice).toHaveCount(0);

    await accountPage.signOut();
    await signIn(phone);
    await accountPage.expectOpen();
    await expect(accountPage.welcomeNotice).toHaveCount(0);
  });

  test('lists no devices itself, so a view asks Stytch for none; they are one link away', async ({
    signIn,
    accountPage,
    devicesPage,
    emulator,
    page,
  }) => {
    const listings = async () => (await emulator.calls())['GET /v1/sessions'] ?? 0;
    await signIn(testPhone(347));
    const before = await listings();
    await page.reload();
    await accountPage.expectOpen();
    expect(await listings()).toBe(before);

    await devicesPage.openFromAccount();
    await expect(devicesPage.thisDevice).toHaveCount(1);
  });
});

test.describe('signing out', () => {
  test('the sign-in page says so, once', async ({ signIn, accountPage, page }) => {
    await signIn(testPhone(344));
    await expect(signedOutNotice(page)).toHaveCount(0);
    await accountPage.signOut();
    await expect(signedOutNotice(page)).toBeVisible();
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    await expect(signedOutNotice(page)).toHaveCount(0);
  });

  test('of all devices says so too', async ({ signIn, accountPage, page }) => {
    await signIn(testPhone(345));
    await accountPage.signOutEverywhereButton.click();
    await expect(page).toHaveURL(/\/login$/);
    await expect(signedOutNotice(page)).toBeVisible();
  });

  test.describe('without JavaScript', () => {
    test.use({ javaScriptEnabled: false });

    test('the sign-in page says so, once', async ({ requestCode, page }) => {
      await signInWithoutScript(page, requestCode, testPhone(346));
      await new AccountPage(page).signOut();
      await expect(signedOutNotice(page)).toBeVisible();
      await page.reload();
      await expect(signedOutNotice(page)).toHaveCount(0);
    });
  });
});
