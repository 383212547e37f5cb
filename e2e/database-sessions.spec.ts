import type { Browser } from '@playwright/test';
import { createTestDatabase, testPostgresUrl, type TestDatabase } from '../test-support/database';
import { startHangableProxy, type HangableProxy } from '../test-support/hangable-proxy';
import type { EmulatorControls } from './emulator';
import { E2E } from './env';
import { startExtraApp } from './extra-app';
import { expect, test, testPhone, type TestPhone } from './fixtures';
import { authErrorMessage, message } from './messages';
import { AccountPage } from './pages/account-page';
import { LoginPage } from './pages/login-page';
import { VerifyPage } from './pages/verify-page';

// Extra `next start` processes on a throwaway PostgreSQL database and no Redis, as a deployment without Redis runs.
test.skip(!testPostgresUrl, 'DATABASE_URL names no PostgreSQL server to create a throwaway database on');
test.describe.configure({ mode: 'serial' });

let scratch: TestDatabase;
test.beforeAll(async () => {
  scratch = await createTestDatabase(testPostgresUrl ?? '');
});
test.afterAll(async () => {
  await scratch?.drop();
});

type ExtraApp = Awaited<ReturnType<typeof startExtraApp>>;
const started: ExtraApp[] = [];
test.afterEach(async () => {
  await Promise.all(started.splice(0).map((app) => app.stop()));
});

async function appOn(offset: number, databaseUrl = scratch.url, env: Record<string, string> = {}) {
  const app = await startExtraApp(offset, {
    DATABASE_URL: databaseUrl,
    REDIS_URL: '',
    DATABASE_CONNECT_TIMEOUT_MS: '1000',
    DATABASE_QUERY_TIMEOUT_MS: '1000',
    ...env,
  });
  started.push(app);
  return app;
}

// A browser of its own that signs the number in on `app`, through both screens.
async function signInOn(browser: Browser, app: ExtraApp, emulator: EmulatorControls, phone: TestPhone) {
  const context = await browser.newContext({ baseURL: app.url });
  const page = await context.newPage();
  const [login, verify, account] = [new LoginPage(page), new VerifyPage(page), new AccountPage(page)];
  await login.goto();
  await login.sendCode(phone.national);
  await verify.expectOpen();
  await verify.enterCode(await emulator.latestCode(phone.e164));
  await account.expectOpen();
  return { context, page, account };
}

test('a sign-out Stytch keeps failing ends the session for a second process, and after a restart, through PostgreSQL', async ({
  browser,
  emulator,
}) => {
  // Three process starts on a loaded machine.
  test.setTimeout(120_000);
  const [first, second] = await Promise.all([appOn(4), appOn(5)]);
  const { context, page, account } = await signInOn(browser, first, emulator, testPhone(440));
  const signedInCookies = await context.cookies();
  await emulator.failNext(
    'POST /v1/sessions/revoke',
    { kind: 'error', status: 500, error_type: 'internal_server_error' },
    1000,
  );
  await account.signOut();
  await expect(page).toHaveURL(/\/login$/);

  // The replayed cookie: Stytch still says the session is live, the shared record says it is over.
  await context.addCookies(signedInCookies);
  await page.goto(`${second.url}/account`);
  await expect(page).toHaveURL(/\/login\?next=%2Faccount$/);

  // Both stop with the revoke still queued. A fresh process still refuses the cookie, and carries on the retries.
  await Promise.all(started.splice(0).map((app) => app.stop()));
  const revokesBefore = (await emulator.calls())['POST /v1/sessions/revoke'] ?? 0;
  const restarted = await appOn(6);
  await context.addCookies(signedInCookies);
  await page.goto(`${restarted.url}/account`);
  await expect(page).toHaveURL(/\/login\?next=%2Faccount$/);
  await expect
    .poll(async () => (await emulator.calls())['POST /v1/sessions/revoke'] ?? 0, { timeout: 15_000 })
    .toBeGreaterThan(revokesBefore);
  await context.close();
});

// PostgreSQL behind a TCP proxy that the test can make go silent (hung) or stop listening (down).
async function databaseBehindProxy() {
  const server = new URL(scratch.url);
  const target = { host: server.hostname, port: Number(server.port || 5432) };
  const port = E2E.appPort + 40;
  const url = new URL(scratch.url);
  url.host = `127.0.0.1:${port}`;
  let proxy: HangableProxy = await startHangableProxy(target, port);
  return {
    url: url.toString(),
    hang: () => proxy.hang(),
    resume: () => proxy.resume(),
    down: () => proxy.close(),
    up: async () => void (proxy = await startHangableProxy(target, port)),
    close: () => proxy.close(),
  };
}

test('a signed-in /account while PostgreSQL hangs or is down shows the service message, then recovers by itself', async ({
  browser,
  emulator,
}) => {
  // Four process starts on a loaded machine.
  test.setTimeout(150_000);
  const database = await databaseBehindProxy();
  const app = await appOn(7, database.url);
  const { context, page, account } = await signInOn(browser, app, emulator, testPhone(441));

  // Each fault is met by a process that has not kept the person's row (the one they signed in on keeps it a minute).
  const expectServiceMessage = async (viewer: ExtraApp) => {
    const response = await page.goto(`${viewer.url}/account`, { timeout: 20_000 });
    expect(response?.status()).toBe(200);
    await expect(page.getByRole('main').getByRole('alert')).toHaveText(authErrorMessage('unavailable'));
    const html = (await page.content()).toLowerCase();
    for (const sql of ['select', 'insert into', 'from "users"', 'revocation_records']) expect(html).not.toContain(sql);
  };
  const expectRecovered = (viewer: ExtraApp) =>
    expect(async () => {
      await page.goto(`${viewer.url}/account`);
      await account.expectOpen();
    }).toPass({ timeout: 20_000 });
  const [duringHang, duringOutage] = await Promise.all([appOn(9, database.url), appOn(10, database.url)]);

  try {
    database.hang();
    await expectServiceMessage(duringHang);
    // The process that signed the person in answers from the row it kept: their page, not an error.
    await page.goto(`${app.url}/account`, { timeout: 20_000 });
    await account.expectOpen();
    database.resume();
    await expectRecovered(duringHang);

    await database.down();
    await expectServiceMessage(duringOutage);
    await database.up();
    await expectRecovered(duringOutage);
  } finally {
    await database.close();
    await context.close();
  }
});

test('a verify whose user row cannot be written: the service message, and a new code at once, which signs in', async ({
  browser,
  emulator,
}) => {
  test.setTimeout(120_000);
  const database = await databaseBehindProxy();
  // A cooldown far longer than the test: only the interrupted code can lift it.
  const app = await appOn(8, database.url, { OTP_RESEND_COOLDOWN_SECONDS: '120' });
  const context = await browser.newContext({ baseURL: app.url });
  const page = await context.newPage();
  const [login, verify, account] = [new LoginPage(page), new VerifyPage(page), new AccountPage(page)];
  const phone = testPhone(442);
  try {
    await login.goto();
    await login.sendCode(phone.national);
    await verify.expectOpen();
    const code = await emulator.latestCode(phone.e164);
    database.hang();
    await verify.enterCode(code);
    await verify.expectDeadCode(message('codeScreen.interrupted'));
    // The Stytch session the code started has no row behind it: it is ended.
    expect((await emulator.calls())['POST /v1/sessions/revoke']).toBeGreaterThanOrEqual(1);

    database.resume();
    await verify.resend();
    await verify.enterCode(await emulator.latestCode(phone.e164, 2));
    await account.expectOpen();
  } finally {
    await database.close();
    await context.close();
  }
});
