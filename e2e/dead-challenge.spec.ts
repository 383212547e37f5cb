import { expect, test, testPhone } from './fixtures';
import { authErrorMessage } from './messages';

test('after signing in, a copy of the old challenge cookie cannot send another code', async ({
  requestCode,
  verifyPage,
  emulator,
  page,
}) => {
  const phone = testPhone(402);
  const code = await requestCode(phone);
  const challengeCookies = await page.context().cookies();
  await verifyPage.enterCode(code);
  await expect(page).toHaveURL(/\/account$/);

  await page.context().addCookies(challengeCookies);
  await page.goto('/login/verify');
  await verifyPage.resendWhenAllowed();
  await expect(page.getByRole('alert').filter({ hasText: authErrorMessage('code_expired') })).toBeVisible();
  expect(await emulator.messages(phone.e164)).toHaveLength(1);
});
