import { test as base, expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { EmulatorControls } from './emulator';
import { AccountPage } from './pages/account-page';
import { DevicesPage } from './pages/devices-page';
import { LoginPage } from './pages/login-page';
import { VerifyPage } from './pages/verify-page';

type Fixtures = {
  emulator: EmulatorControls;
  loginPage: LoginPage;
  verifyPage: VerifyPage;
  accountPage: AccountPage;
  devicesPage: DevicesPage;
  /** Asks for a code for the number on the login screen and returns it from the emulator's outbox. */
  requestCode: (phone: TestPhone) => Promise<string>;
  /** Signs this page's browser in with the number, through both screens. */
  signIn: (phone: TestPhone) => Promise<void>;
  /** The server actions this page has posted so far, by URL: what the browser let through to the server. */
  actionPosts: string[];
};

export const test = base.extend<Fixtures>({
  emulator: async ({}, use) => {
    const emulator = new EmulatorControls();
    await emulator.reset();
    await use(emulator);
  },
  loginPage: async ({ page }, use) => use(new LoginPage(page)),
  verifyPage: async ({ page }, use) => use(new VerifyPage(page)),
  accountPage: async ({ page }, use) => use(new AccountPage(page)),
  devicesPage: async ({ page }, use) => use(new DevicesPage(page)),
  requestCode: async ({ loginPage, verifyPage, emulator }, use) => {
    await use(async (phone) => {
      const before = (await emulator.messages(phone.e164)).length;
      await loginPage.goto();
      await loginPage.sendCode(phone.national);
      await verifyPage.expectOpen();
      return emulator.latestCode(phone.e164, before + 1);
    });
  },
  actionPosts: async ({ page }, use) => {
    const posts: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.headers()['next-action']) posts.push(request.url());
    });
    await use(posts);
  },
  signIn: async ({ requestCode, verifyPage, page }, use) => {
    await use(async (phone) => {
      await verifyPage.enterCode(await requestCode(phone));
      await expect(page).toHaveURL(/\/account$/);
    });
  },
});

export { expect };

/**
 * A valid US number of its own for each test and project (the desktop and phone runs use different area codes),
 * so no two tests share a user or a per-number limit.
 */
export type TestPhone = ReturnType<typeof testPhone>;

export function testPhone(index: number) {
  const area = test.info().project.name === 'phone' ? '202' : '201';
  const line = String(100 + index).padStart(4, '0');
  return {
    national: `${area}555${line}`,
    e164: `+1${area}555${line}`,
    formatted: `(${area}) 555-${line}`,
    international: `+1 ${area} 555 ${line}`,
    masked: `+1 ••• ••• ${line}`,
  };
}

/** An iPhone's Safari, for a second device the account page can tell apart from the desktop browser. */
const IPHONE_SAFARI =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

/** Signs the number in from a second browser with this user agent; the caller closes the context. */
export async function signInElsewhere(
  browser: Browser,
  emulator: EmulatorControls,
  phone: TestPhone,
  userAgent = IPHONE_SAFARI,
): Promise<{ context: BrowserContext; accountPage: AccountPage }> {
  // With JavaScript whatever the test uses: the code form then submits itself.
  const context = await browser.newContext({ userAgent, javaScriptEnabled: true });
  const page = await context.newPage();
  const [login, verify] = [new LoginPage(page), new VerifyPage(page)];
  const before = (await emulator.messages(phone.e164)).length;
  await login.goto();
  await login.sendCode(phone.national);
  await verify.expectOpen();
  await verify.enterCode(await emulator.latestCode(phone.e164, before + 1));
  const accountPage = new AccountPage(page);
  await accountPage.expectOpen();
  return { context, accountPage };
}

/** A six-digit code that is surely not `code`. */
export function wrongCodeFor(code: string) {
  return code === '111111' ? '222222' : '111111';
}

/** This browser is signed out: the account page sends it to sign in, and back after. */
export async function expectSignedOut(page: Page) {
  await page.goto('/account');
  await expect(page).toHaveURL(/\/login\?next=%2Faccount$/);
}

// Past REVERIFY_MAX_AGE_MINUTES (10 by default), within the 60-minute session.
const STALE_SECONDS = 11 * 60;
// The e2e app trusts a JWT locally for 3 seconds, then asks Stytch, whose clock then shows the sign-in's age.
const PAST_JWT_MAX_AGE_MS = 3_500;

/** Makes this browser's sign-in older than the fresh-check limit, as Stytch's clock sees it; the page reloads. */
export async function ageSignIn(page: Page, emulator: EmulatorControls) {
  await emulator.advanceClock(STALE_SECONDS);
  await page.waitForTimeout(PAST_JWT_MAX_AGE_MS);
  await page.reload();
}
