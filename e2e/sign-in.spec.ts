import { expect, test, testPhone } from './fixtures';
import { authErrorMessage } from './messages';

test('the home page sends a signed-out visitor to the login screen', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
});

test('a new user signs up with the code from the SMS and lands on their account', async ({
  loginPage,
  verifyPage,
  emulator,
  page,
}) => {
  const phone = testPhone(1);
  await loginPage.goto();
  await expect(page.getByText('Message and data rates may apply')).toBeVisible();
  await loginPage.sendCode(phone.national);

  await verifyPage.expectOpen();
  await expect(page.getByText(phone.formatted, { exact: true })).toBeVisible();
  await expect(page.getByText(/Code expires in [12]:\d\d/)).toBeVisible();
  await verifyPage.enterCode(await emulator.latestCode(phone.e164));

  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole('heading', { name: 'You’re signed in' })).toBeVisible();
});

test('a returning user signs in again with a new code', async ({
  loginPage,
  verifyPage,
  accountPage,
  emulator,
  page,
}) => {
  const phone = testPhone(2);
  for (const round of [1, 2]) {
    await loginPage.goto();
    await loginPage.sendCode(phone.national);
    await verifyPage.enterCode(await emulator.latestCode(phone.e164, round));
    await expect(page).toHaveURL(/\/account$/);
    await accountPage.signOut();
  }
});

test('a pasted code with spaces or dashes is accepted', async ({ verifyPage, page, requestCode }) => {
  const phone = testPhone(3);
  const code = await requestCode(phone);
  await verifyPage.enterCode(`${code.slice(0, 3)} - ${code.slice(3)}`);
  await expect(page).toHaveURL(/\/account$/);
});

test('the Verify button submits a code for those who prefer it', async ({ verifyPage, page, requestCode }) => {
  const phone = testPhone(4);
  const code = await requestCode(phone);
  await verifyPage.code.pressSequentially(code.slice(0, 5));
  await verifyPage.verifyButton.click();
  await verifyPage.expectCodeError(authErrorMessage('incomplete_code'));
  await expect(verifyPage.code).toHaveValue(code.slice(0, 5));
  await verifyPage.code.pressSequentially(code.slice(5));
  await expect(page).toHaveURL(/\/account$/);
});

test('a number typed with a + switches the country and a Canadian number is accepted', async ({
  loginPage,
  verifyPage,
  emulator,
}) => {
  await loginPage.goto();
  await loginPage.phone.fill('+1 416 555 0199');
  await expect(loginPage.country).toHaveValue('CA');
  await loginPage.sendButton.click();
  await verifyPage.expectOpen();
  expect(await emulator.latestCode('+14165550199')).toMatch(/^\d{6}$/);
});

test('the sign-in returns to the page it came for, and never to another site', async ({
  loginPage,
  verifyPage,
  accountPage,
  emulator,
  page,
}) => {
  const phone = testPhone(5);
  await page.goto('/account');
  await expect(page).toHaveURL(/\/login\?next=%2Faccount$/);
  await loginPage.sendCode(phone.national);
  await verifyPage.enterCode(await emulator.latestCode(phone.e164));
  await expect(page).toHaveURL(/\/account$/);

  await accountPage.signOut();
  await loginPage.goto('?next=https://evil.example/steal');
  await loginPage.sendCode(phone.national);
  await verifyPage.enterCode(await emulator.latestCode(phone.e164, 2));
  await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/account$/);
});
