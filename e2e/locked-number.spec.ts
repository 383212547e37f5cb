import { expectNoViolations } from './axe';
import { startExtraApp } from './extra-app';
import { expect, test, testPhone, wrongCodeFor } from './fixtures';
import { authErrorMessage, message } from './messages';
import { LoginPage } from './pages/login-page';
import { VerifyPage } from './pages/verify-page';

// One client cannot lock a number (issue 12): the lock needs wrong codes from two, so this app tells them apart by
// the address its one trusted proxy forwards.
let app: Awaited<ReturnType<typeof startExtraApp>>;

test.beforeAll(async () => {
  app = await startExtraApp(1, { TRUST_PROXY_HEADERS: 'true', TRUSTED_PROXY_HOPS: '1' });
});
test.afterAll(async () => {
  await app.stop();
});

test('a locked number says until what time, and asking again sends no SMS', async ({ browser, emulator }) => {
  const phone = testPhone(152);
  const lock = /^This number is locked after too many incorrect codes\. Try again at \d{1,2}:\d\d [AP]M\.$/;
  const context = await browser.newContext({ baseURL: app.url });
  const page = await context.newPage();
  const loginPage = new LoginPage(page);
  const verifyPage = new VerifyPage(page);
  const asClient = (address: string) => page.setExtraHTTPHeaders({ 'x-forwarded-for': address });

  // Ten wrong codes an hour for the number: five from one client spend its first code, five from another lock it.
  await asClient('198.51.100.21');
  await loginPage.goto();
  await loginPage.sendCode(phone.national);
  await verifyPage.expectOpen();
  for (const round of [1, 2]) {
    const code = await emulator.latestCode(phone.e164, round);
    for (const triesLeft of [4, 3, 2, 1]) {
      await verifyPage.enterCode(wrongCodeFor(code));
      await verifyPage.expectCodeError(authErrorMessage('invalid_code', { triesLeft }));
    }
    await verifyPage.enterCode(wrongCodeFor(code));
    if (round === 2) break;
    await verifyPage.expectDeadCode(message('codeScreen.spent'));
    await asClient('198.51.100.22');
    await verifyPage.resend();
  }
  await verifyPage.expectOnlyMessage(lock);
  await expect(verifyPage.verifyButton).toHaveCount(0);
  await expect(verifyPage.resendButton).toBeDisabled();
  await expect(page.getByText(/Code expires in/)).toHaveCount(0);
  await expectNoViolations(page);

  await loginPage.goto();
  await loginPage.sendCode(phone.national);
  await expect(page.getByRole('alert').filter({ hasText: lock })).toBeVisible();
  await expect(page).toHaveURL(/\/login$/);
  await expectNoViolations(page);
  expect(await emulator.messages(phone.e164)).toHaveLength(2);
  await context.close();
});
