import { expect, test, testPhone } from './fixtures';
import { authErrorMessage } from './messages';

test('formats the number as it is typed', async ({ loginPage }) => {
  await loginPage.goto();
  await loginPage.phone.pressSequentially('2015550123');
  await expect(loginPage.phone).toHaveValue('(201) 555-0123');
});

test('an invalid number is caught in the browser before anything is sent', async ({ loginPage, page, actionPosts }) => {
  await loginPage.goto();
  await loginPage.sendCode('555');
  await loginPage.expectPhoneError(authErrorMessage('invalid_phone'));
  await expect(loginPage.phone).toBeFocused();
  await expect(page).toHaveURL(/\/login$/);
  expect(actionPosts).toEqual([]);
});

test('a number from a country outside the allowlist is refused', async ({ loginPage, page }) => {
  await loginPage.goto();
  await loginPage.sendCode('+44 7400 123456');
  await loginPage.expectPhoneError(authErrorMessage('country_not_allowed'));
  await expect(page).toHaveURL(/\/login$/);
});

test('the country list holds only the allowed countries', async ({ loginPage }) => {
  await loginPage.goto();
  await expect(loginPage.country.getByRole('option')).toHaveText(['United States (+1)', 'Canada (+1)']);
});

test('the default country follows the browser language when it is allowed', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'fr-CA' });
  const page = await context.newPage();
  await page.goto('/login');
  await expect(page.getByLabel('Country')).toHaveValue('CA');
  await context.close();
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('both screens work as plain form posts', async ({ loginPage, verifyPage, emulator, page }) => {
    const phone = testPhone(20);
    await loginPage.goto();
    await loginPage.sendCode(phone.national);
    await verifyPage.expectOpen();
    await verifyPage.code.fill(await emulator.latestCode(phone.e164));
    await verifyPage.verifyButton.click();
    await expect(page).toHaveURL(/\/account$/);
  });

  test('the server itself rejects an invalid number and a malformed code', async ({ loginPage, verifyPage, page }) => {
    await loginPage.goto();
    await loginPage.sendCode('12');
    await expect(page.getByText(authErrorMessage('invalid_phone'))).toBeVisible();

    await loginPage.sendCode(testPhone(21).national);
    await verifyPage.expectOpen();
    await verifyPage.code.fill('12ab');
    await verifyPage.verifyButton.click();
    await expect(page.getByText(authErrorMessage('invalid_code'))).toBeVisible();
  });
});
