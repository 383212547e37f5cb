import { expect, test, testPhone } from './fixtures';
import { authErrorMessage } from './messages';
import { LoginPage } from './pages/login-page';

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

test('a number from a country outside the allowlist is refused for its country, by name', async ({
  loginPage,
  page,
}) => {
  await loginPage.goto();
  await expect(loginPage.countriesNote).toHaveText('We can text US and Canada numbers.');
  await loginPage.sendCode('+44 7400 123456');
  await loginPage.expectPhoneError(authErrorMessage('country_not_allowed', { country: 'UK' }));
  await expect(page).toHaveURL(/\/login$/);
});

test('a UK visitor’s national number is a UK number, not an invalid one', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'en-GB' });
  const loginPage = new LoginPage(await context.newPage());
  await loginPage.goto();
  await loginPage.sendCode('07400 123456');
  await loginPage.expectPhoneError(authErrorMessage('country_not_allowed', { country: 'UK' }));
  // A number that is no country's stays invalid.
  await loginPage.sendCode('555');
  await loginPage.expectPhoneError(authErrorMessage('invalid_phone'));
  await context.close();
});

test('the placeholder is the selected country’s example number', async ({ loginPage }) => {
  await loginPage.goto();
  await expect(loginPage.phone).toHaveAttribute('placeholder', '(201) 555-0123');
  await loginPage.country.selectOption('CA');
  await expect(loginPage.phone).toHaveAttribute('placeholder', '(506) 234-5678');
  await expect(loginPage.countryTrigger).toHaveText(/\+1/);
});

test('the number field has focus on arrival and after “Use a different number”', async ({ loginPage, verifyPage }) => {
  const phone = testPhone(170);
  await loginPage.goto();
  await expect(loginPage.phone).toBeFocused();
  await loginPage.sendCode(phone.national);
  await verifyPage.expectOpen();
  await verifyPage.differentNumber.click();
  await expect(loginPage.phone).toHaveValue(phone.formatted);
  await expect(loginPage.phone).toBeFocused();
});

test('the number is locked while its code is being sent', async ({ loginPage, verifyPage, emulator }) => {
  await emulator.failNext('POST /v1/otps/sms/login_or_create', { kind: 'delay', delay_ms: 1_000 });
  await loginPage.goto();
  await loginPage.sendCode(testPhone(171).national);
  await expect(loginPage.phone).not.toBeEditable();
  await verifyPage.expectOpen();
});

test.describe('on a 320-pixel screen', () => {
  test.use({ viewport: { width: 320, height: 640 } });

  test('the dial code and the whole typed number stay in view', async ({ loginPage }) => {
    await loginPage.goto();
    await loginPage.phone.pressSequentially('2015550123');
    await expect(loginPage.phone).toHaveValue('(201) 555-0123');
    const { scrollWidth, clientWidth } = await loginPage.phone.evaluate((input) => ({
      scrollWidth: input.scrollWidth,
      clientWidth: input.clientWidth,
    }));
    expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
    await expect(loginPage.countryTrigger).toHaveText(/\+1/);
    await expect(loginPage.countryTrigger).toBeInViewport({ ratio: 1 });
  });
});

test('the country list holds only the allowed countries', async ({ loginPage }) => {
  await loginPage.goto();
  await expect(loginPage.country.getByRole('option')).toHaveText(['United States (+1)', 'Canada (+1)']);
});

test('the default country follows the browser language when it is allowed', async ({ browser }) => {
  // English of Canada: e2e/language.spec.ts has French of Canada, which also picks the language.
  const context = await browser.newContext({ locale: 'en-CA' });
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
