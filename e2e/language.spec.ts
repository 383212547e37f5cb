import type { Locale } from '@/lib/i18n/locales';
import type { Page } from '@playwright/test';
import { expectNoViolations } from './axe';
import type { EmulatorControls } from './emulator';
import { expect, test, testPhone, wrongCodeFor, type TestPhone } from './fixtures';
import { authErrorMessage, message } from './messages';
import { AccountPage } from './pages/account-page';
import { ChangeNumberPage, NewNumberCodePage } from './pages/change-number-page';
import { LanguageSwitcher } from './pages/language-switcher';
import { LoginPage } from './pages/login-page';
import { VerifyPage } from './pages/verify-page';

/** Asks for a code on the phone screen as it reads in `locale`; the code screen must come up in it too. */
async function requestCodeIn(page: Page, emulator: EmulatorControls, phone: TestPhone, locale: Locale) {
  const [login, verify] = [new LoginPage(page, locale), new VerifyPage(page, locale)];
  await login.goto();
  await expect(login.heading).toBeVisible();
  await login.sendCode(phone.national, 'US');
  await verify.expectOpen();
  return { verify, code: await emulator.latestCode(phone.e164) };
}

test.describe('a browser that prefers Spanish', () => {
  test.use({ locale: 'es-ES' });

  test('signs in, fails and signs out in Spanish, and gets the SMS in Spanish', async ({ page, emulator }) => {
    const phone = testPhone(300);
    await new LoginPage(page, 'es').goto();
    await expect(page.locator('html')).toHaveAttribute('lang', 'es');
    await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
    await expect(page).toHaveTitle(new RegExp(`^${message('login.title', 'es')} · `));

    const { verify, code } = await requestCodeIn(page, emulator, phone, 'es');
    const [sms] = await emulator.messages(phone.e164);
    expect(sms).toMatchObject({ locale: 'es', body: `${code} es tu código de verificación` });

    await verify.enterCode(wrongCodeFor(code));
    await verify.expectCodeError('Ese código no es correcto. Te quedan 4 intentos.');
    await verify.enterCode(code);
    const account = new AccountPage(page, 'es');
    await expect(account.heading).toBeVisible();
    await expect(page.getByRole('status')).toHaveText(message('account.accountCreated', 'es'));

    await account.signOutButton.click();
    await expect(page.getByRole('status')).toHaveText(message('login.signedOut', 'es'));
  });

  test('resends in Spanish too', async ({ page, emulator }) => {
    const phone = testPhone(301);
    const { verify } = await requestCodeIn(page, emulator, phone, 'es');
    await verify.resendWhenAllowed();
    await expect(
      page.getByRole('status').filter({ hasText: `Nuevo código enviado al ${phone.formatted}` }),
    ).toBeVisible();
    const sent = await emulator.messages(phone.e164);
    expect(sent.map((sms) => sms.locale)).toEqual(['es', 'es']);
  });

  test('passes axe in Spanish on both screens', async ({ page, emulator }) => {
    await new LoginPage(page, 'es').goto();
    await expectNoViolations(page);
    const { verify } = await requestCodeIn(page, emulator, testPhone(302), 'es');
    await verify.enterCode('12');
    await verify.verifyButton.click();
    await verify.expectCodeError(authErrorMessage('incomplete_code', {}, 'es'));
    await expectNoViolations(page);
  });
});

test.describe('a browser in Canadian French', () => {
  test.use({ locale: 'fr-CA' });

  test('reads the phone screen in French with Canada chosen', async ({ page }) => {
    const login = new LoginPage(page, 'fr');
    await login.goto();
    await expect(login.heading).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
    await expect(login.country).toHaveValue('CA');
    await expect(login.countryTrigger).toContainText('+1');
    await expect(login.country.locator('option:checked')).toHaveText('Canada (+1)');
  });

  test('counts the tries left with French plurals', async ({ page, emulator }) => {
    const { verify, code } = await requestCodeIn(page, emulator, testPhone(303), 'fr');
    const [sms] = await emulator.messages(testPhone(303).e164);
    expect(sms?.locale).toBe('fr');
    for (const triesLeft of [4, 3]) {
      await verify.enterCode(wrongCodeFor(code));
      await verify.expectCodeError(authErrorMessage('invalid_code', { triesLeft }, 'fr'));
    }
    await verify.enterCode(wrongCodeFor(code));
    await verify.expectCodeError('Ce code n’est pas le bon. 2 essais restants.');
    await verify.enterCode(wrongCodeFor(code));
    await verify.expectCodeError('Ce code n’est pas le bon. 1 essai restant.');
  });
});

test.describe('a browser in Chinese', () => {
  test.use({ locale: 'zh-CN' });

  test('reads both screens in simplified Chinese, and they pass axe', async ({ page, emulator }) => {
    await new LoginPage(page, 'zh-Hans').goto();
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-Hans');
    await expectNoViolations(page);
    const { verify, code } = await requestCodeIn(page, emulator, testPhone(304), 'zh-Hans');
    await verify.enterCode(wrongCodeFor(code));
    await verify.expectCodeError('验证码不正确。还剩 4 次机会。');
    await expectNoViolations(page);
  });
});

test.describe('a browser in traditional Chinese', () => {
  test.use({ locale: 'zh-TW' });

  test('is not given simplified Chinese, but English', async ({ page }) => {
    const login = new LoginPage(page);
    await login.goto();
    await expect(login.heading).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  });
});

test.describe('the language switcher with JavaScript', () => {
  test.use({ locale: 'en-US' });

  test('changes the phone screen’s language in place, the number still typed and still checked', async ({ page }) => {
    const login = new LoginPage(page);
    await login.goto();
    await login.phone.fill('201555');
    await new LanguageSwitcher(page).choose('Français');

    const french = new LoginPage(page, 'fr');
    await expect(french.heading).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
    await expect(french.phone).toHaveValue('(201) 555');
    await french.sendButton.click();
    await french.expectPhoneError(authErrorMessage('invalid_phone', {}, 'fr'));
  });
});

test.describe('the language switcher without JavaScript', () => {
  test.use({ javaScriptEnabled: false, locale: 'en-US' });

  test('changes the phone screen’s language and keeps the number typed', async ({ page }) => {
    const login = new LoginPage(page);
    await login.goto();
    await login.country.selectOption('CA');
    await login.phone.fill('613 555 01');
    await new LanguageSwitcher(page).choose('Deutsch');

    const german = new LoginPage(page, 'de-DE');
    await expect(german.heading).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'de-DE');
    await expect(german.phone).toHaveValue('613 555 01');
    await expect(german.country).toHaveValue('CA');
    await expect(new LanguageSwitcher(page, 'de-DE').select).toHaveValue('de-DE');

    // The choice stays for the next page.
    await german.goto();
    await expect(german.heading).toBeVisible();
  });

  test('changes the code screen’s language, keeps the code pending, and texts the next codes in it', async ({
    page,
    emulator,
  }) => {
    const phone = testPhone(305);
    const { verify } = await requestCodeIn(page, emulator, phone, 'en');
    await new LanguageSwitcher(page).choose('Italiano');

    const italian = new VerifyPage(page, 'it');
    await italian.expectOpen();
    await expect(page.getByText(phone.formatted)).toBeVisible();
    await expect(verify.heading).toHaveCount(0);

    const other = testPhone(306);
    await requestCodeIn(page, emulator, other, 'it');
    expect((await emulator.messages(other.e164))[0]?.locale).toBe('it');
  });
});

test.describe('a signed-in person', () => {
  test.use({ locale: 'en-US' });

  test('keeps the language chosen on the account page for their next sign-in elsewhere', async ({
    page,
    browser,
    emulator,
    signIn,
  }) => {
    const phone = testPhone(307);
    await signIn(phone);
    await new LanguageSwitcher(page).choose('Português (Brasil)');
    const account = new AccountPage(page, 'pt-br');
    await expect(account.heading).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'pt-br');

    // Another browser, which prefers English: once signed in, the account's language comes back.
    const context = await browser.newContext({ locale: 'en-US' });
    const other = await context.newPage();
    const { verify, code } = await requestCodeIn(other, emulator, phone, 'en');
    await verify.enterCode(code);
    await expect(new AccountPage(other, 'pt-br').heading).toBeVisible();
    await context.close();
  });
});

test.describe('a signed-in person reading French', () => {
  test.use({ locale: 'fr-FR' });

  test('changes their number in French, and the new number’s code is texted in French', async ({ page, emulator }) => {
    const [phone, newPhone] = [testPhone(308), testPhone(309)];
    const { verify, code } = await requestCodeIn(page, emulator, phone, 'fr');
    await verify.enterCode(code);
    const account = new AccountPage(page, 'fr');
    await expect(account.heading).toBeVisible();
    await account.changeNumberButton.click();
    const change = new ChangeNumberPage(page, 'fr');
    await change.expectOpen();
    await change.sendCode(newPhone.national);
    await new NewNumberCodePage(page, 'fr').expectOpen();
    expect((await emulator.messages(newPhone.e164))[0]?.locale).toBe('fr');
  });
});
