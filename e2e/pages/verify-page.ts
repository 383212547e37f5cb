import type { Locale } from '@/lib/i18n/locales';
import { expect, type Locator, type Page } from '@playwright/test';
import { escapeRegExp, message } from '../messages';
import { expectFieldError } from './field-error';

/** Screen 2: the passcode, in the language the test expects it in (English unless told). */
export class VerifyPage {
  readonly heading: Locator;
  readonly code: Locator;
  readonly verifyButton: Locator;
  readonly resendButton: Locator;
  readonly differentNumber: Locator;

  constructor(
    readonly page: Page,
    readonly locale: Locale = 'en',
  ) {
    const either = (...keys: Parameters<typeof message>[0][]) =>
      new RegExp(`^(${keys.map((key) => escapeRegExp(message(key, locale))).join('|')})$`, 'i');
    this.heading = page.getByRole('heading', { name: message('verify.heading', locale) });
    this.code = page.getByLabel(message('codeScreen.label', locale));
    this.verifyButton = page.getByRole('button', { name: either('codeScreen.verify', 'codeScreen.verifying') });
    this.resendButton = page.getByRole('button', { name: either('codeScreen.resend', 'codeScreen.resending') });
    this.differentNumber = page.getByRole('link', { name: message('codeScreen.differentNumber', locale) });
  }

  async expectOpen() {
    await expect(this.page).toHaveURL(/\/login\/verify$/);
    await expect(this.heading).toBeVisible();
  }

  /** Waits until the page is interactive: the resend countdown only runs once React has hydrated. */
  async expectCountingDown() {
    await expect(this.page.getByText(/New code available in 0:\d\d/)).toBeVisible();
  }

  /** Types the code; the form submits by itself on the sixth digit. */
  async enterCode(code: string) {
    await this.code.fill(code);
  }

  /** Asks for a new code as soon as the cooldown allows. */
  async resendWhenAllowed() {
    await expect(this.resendButton).toBeEnabled({ timeout: 10_000 });
    await this.resendButton.click();
  }

  /** Asks for a new code and waits for the answer that it is on its way (and the challenge cookie with it). */
  async resend() {
    await expect(this.resendButton).toBeEnabled({ timeout: 10_000 });
    // The notice of an earlier resend may still show: wait for this click's own answer.
    const answered = this.page.waitForResponse(
      (response) => response.request().method() === 'POST' && new URL(response.url()).pathname === '/login/verify',
    );
    await this.resendButton.click();
    await answered;
    await expect(this.sentNotice).toBeVisible();
  }

  /** "New code sent to (201) 555-0123", by the heading. */
  get sentNotice(): Locator {
    return this.page.getByRole('status').filter({ hasText: /^New code sent to / });
  }

  /** The screen's one message (announced): exactly one alert says it, and nothing else is alerted. */
  async expectOnlyMessage(message: string | RegExp) {
    const alerts = this.page.getByRole('main').getByRole('alert').filter({ hasText: /\S/ });
    await expect(alerts).toHaveCount(1);
    await expect(alerts).toHaveText(message);
  }

  /** A dead code: its expiry and Verify are gone, and a new code may be asked for at once. */
  async expectDeadCode(message: string) {
    await this.expectOnlyMessage(message);
    await expect(this.verifyButton).toHaveCount(0);
    await expect(this.page.getByText(/Code expires in/)).toHaveCount(0);
    await expect(this.page.getByText(/New code available/)).toHaveCount(0);
    await expect(this.resendButton).toBeEnabled();
  }

  async expectCodeError(message: string | RegExp) {
    await expectFieldError(this.code, message);
  }

  async expectFormError(message: string | RegExp) {
    await expect(this.page.getByRole('alert').filter({ hasText: message })).toBeVisible();
  }
}
