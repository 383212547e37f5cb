import type { Page } from '@playwright/test';
import { unsealData } from 'iron-session';
import { decodeJwt } from 'jose';
import config from '../playwright.config';
import { stytchApi } from './emulator';
import { expect, expectSignedOut, test, testPhone, type TestPhone } from './fixtures';
import { AccountPage } from './pages/account-page';
import { LoginPage } from './pages/login-page';
import { VerifyPage } from './pages/verify-page';

const SESSION_CHECK = 'POST /v1/sessions/authenticate';
// The e2e app trusts a JWT locally for 3 seconds (SESSION_JWT_MAX_AGE_SECONDS).
const PAST_JWT_MAX_AGE_MS = 3_500;
// The password the e2e app seals its cookie with, as playwright.config.ts starts it.
const SESSION_PASSWORD = [config.webServer ?? []].flat().find((server) => server.env?.SESSION_PASSWORD)
  ?.env?.SESSION_PASSWORD;
if (!SESSION_PASSWORD) throw new Error('playwright.config.ts starts no server with SESSION_PASSWORD');
// All a signed-in cookie may hold: what checking and ending the Stytch session needs.
const SIGNED_IN_KEYS = ['expiresAt', 'jwt', 'sessionId', 'startedAt', 'token', 'userId'];
const STYTCH_SESSION_CLAIM = 'https://stytch.com/session';

async function sessionCookie(page: Page) {
  const cookie = (await page.context().cookies()).find((candidate) => candidate.name.endsWith('passcode-session'));
  expect(cookie, 'session cookie').toBeDefined();
  return cookie!;
}

/** Neither the number in E.164 nor its digits appear anywhere in `text`. */
function expectNoNumber(text: string, phone: TestPhone) {
  for (const trace of [phone.e164, phone.e164.slice(1)]) expect(text).not.toContain(trace);
}

test.describe('a signed-in session', () => {
  test('the account page shows the number, membership and session times', async ({ signIn, page }) => {
    const phone = testPhone(60);
    await signIn(phone);
    await expect(page.getByText(phone.formatted)).toBeVisible();
    await expect(page.getByRole('term').filter({ hasText: 'Member since' })).toBeVisible();
    await expect(page.getByRole('term').filter({ hasText: 'Session ends' })).toBeVisible();
  });

  test('the session cookie is sealed, HttpOnly, SameSite=Lax, and holds no phone number outside Stytch’s JWT', async ({
    signIn,
    page,
  }) => {
    const phone = testPhone(61);
    await signIn(phone);
    const cookie = await sessionCookie(page);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie.expires).toBeGreaterThan(Date.now() / 1000 + 55 * 60);

    // A seal is encrypted, so only what it unseals to can show what the cookie holds.
    const sealed = await unsealData<{ signedIn?: Record<string, string> }>(cookie.value, {
      password: SESSION_PASSWORD,
    });
    expect(Object.keys(sealed)).toEqual(['signedIn']);
    expect(Object.keys(sealed.signedIn ?? {}).sort()).toEqual(SIGNED_IN_KEYS);
    const { jwt = '', ...signedIn } = sealed.signedIn ?? {};
    expectNoNumber(JSON.stringify(signedIn), phone);
    // Stytch's signed JWT names the number of the factor that signed in, and only there.
    const { [STYTCH_SESSION_CLAIM]: stytchSession, ...claims } = decodeJwt(jwt);
    const { authentication_factors: factors, ...session } = stytchSession as { authentication_factors: unknown };
    expect(factors).toEqual([
      expect.objectContaining({ phone_number_factor: expect.objectContaining({ phone_number: phone.e164 }) }),
    ]);
    expectNoNumber(JSON.stringify({ claims, session }), phone);
  });

  test('reloading while the JWT is fresh asks Stytch nothing; once stale, one refresh, then local checks again', async ({
    signIn,
    page,
    emulator,
  }) => {
    await signIn(testPhone(62));
    const before = (await emulator.calls())[SESSION_CHECK] ?? 0;
    for (let reload = 0; reload < 5; reload++) {
      await page.reload();
      await expect(page.getByRole('heading', { name: 'You’re signed in' })).toBeVisible();
    }
    expect((await emulator.calls())[SESSION_CHECK] ?? 0).toBe(before);

    const staleJwt = (await sessionCookie(page)).value;
    await page.waitForTimeout(PAST_JWT_MAX_AGE_MS);
    await page.reload();
    await expect(page.getByRole('heading', { name: 'You’re signed in' })).toBeVisible();
    expect((await emulator.calls())[SESSION_CHECK]).toBe(before + 1);
    expect((await sessionCookie(page)).value).not.toBe(staleJwt);

    for (let reload = 0; reload < 3; reload++) await page.reload();
    expect((await emulator.calls())[SESSION_CHECK]).toBe(before + 1);
  });

  test('a session revoked at Stytch ends here once the JWT is re-checked', async ({ signIn, page, request }) => {
    const phone = testPhone(63);
    await signIn(phone);
    // Another server of the project finds the user by number and revokes their session.
    const { user_id } = await stytchApi(request, 'POST', '/v1/otps/sms/login_or_create', { phone_number: phone.e164 });
    const { sessions } = (await stytchApi(request, 'GET', `/v1/sessions?user_id=${String(user_id)}`)) as {
      sessions: { session_id: string }[];
    };
    expect(sessions).toHaveLength(1);
    await stytchApi(request, 'POST', '/v1/sessions/revoke', { session_id: sessions[0]!.session_id });
    await page.waitForTimeout(PAST_JWT_MAX_AGE_MS);
    await expectSignedOut(page);
    expect(
      (await page.context().cookies()).some((cookie) => cookie.name.endsWith('passcode-session') && cookie.value),
    ).toBe(false);
  });

  test('a session that expired at Stytch ends here', async ({ signIn, page, emulator }) => {
    await signIn(testPhone(64));
    await emulator.advanceClock(61 * 60);
    await page.waitForTimeout(PAST_JWT_MAX_AGE_MS);
    await expectSignedOut(page);
  });

  test('after signing out, replaying the old cookie signs no one in', async ({
    signIn,
    accountPage,
    page,
    context,
  }) => {
    await signIn(testPhone(65));
    const oldCookie = await sessionCookie(page);
    await accountPage.signOut();

    await context.addCookies([oldCookie]);
    await expectSignedOut(page);
  });

  test('signing out of all devices ends the session in another browser too', async ({
    signIn,
    accountPage,
    page,
    browser,
    emulator,
  }) => {
    const phone = testPhone(66);
    await signIn(phone);
    const other = await browser.newContext();
    const otherPage = await other.newPage();
    const [otherLogin, otherVerify] = [new LoginPage(otherPage), new VerifyPage(otherPage)];
    await otherLogin.goto();
    await otherLogin.sendCode(phone.national);
    await otherVerify.expectOpen();
    await otherVerify.enterCode(await emulator.latestCode(phone.e164, 2));
    await new AccountPage(otherPage).expectOpen();

    await accountPage.signOutEverywhereButton.click();
    await expect(page).toHaveURL(/\/login$/);
    await expectSignedOut(otherPage);
    await other.close();
  });

  test('a tampered cookie counts as signed out and is replaced, never an error page', async ({
    signIn,
    page,
    context,
  }) => {
    await signIn(testPhone(67));
    const cookie = await sessionCookie(page);
    await context.addCookies([{ ...cookie, value: `${cookie.value.slice(0, -6)}AAAAAA` }]);
    const response = await page.goto('/account');
    expect(response?.status()).toBe(200);
    await expect(page).toHaveURL(/\/login\?next=%2Faccount$/);
    // The unreadable cookie is gone, not left to be tried on every request.
    expect((await page.context().cookies()).some((candidate) => candidate.name.endsWith('passcode-session'))).toBe(
      false,
    );
  });

  test('a signed-in visitor to the login page goes to the account page', async ({ signIn, page }) => {
    await signIn(testPhone(68));
    await page.goto('/login');
    await expect(page).toHaveURL(/\/account$/);
  });
});
