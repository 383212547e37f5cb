import { expect, type Locator, type Page } from '@playwright/test';
import { expectFieldError } from './field-error';

/** Screen 2: the passcode. */
export class VerifyPage {
  readonly heading: Locator;
  readonly code: Locator;
  readonly verifyButton: Locator;
  readonly resendButton: Locator;
  readonly differentNumber: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Check your phone' });
    this.code = page.getByLabel('6-digit code');
    this.verifyButton = page.getByRole('button', { name: /^(verify|verifying)/i });
    this.resendButton = page.getByRole('button', { name: /send a new code|sending/i });
    this.differentNumber = page.getByRole('link', { name: 'Use a different number' });
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
    await this.resendWhenAllowed();
    await expect(this.page.getByText('A new code is on its way.')).toBeVisible();
  }

  async expectCodeError(message: string | RegExp) {
    await expectFieldError(this.code, message);
  }

  async expectFormError(message: string | RegExp) {
    await expect(this.page.getByRole('alert').filter({ hasText: message })).toBeVisible();
  }
}
