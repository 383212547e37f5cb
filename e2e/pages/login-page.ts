import type { Locale } from '@/lib/i18n/locales';
import { expect, type Locator, type Page } from '@playwright/test';
import { escapeRegExp, message, messageStart } from '../messages';
import { expectFieldError } from './field-error';

/** Screen 1: the phone number, in the language the test expects it in (English unless told). */
export class LoginPage {
  readonly country: Locator;
  readonly phone: Locator;
  readonly sendButton: Locator;
  /** The compact "🇺🇸 +1" face of the country select. */
  readonly countryTrigger: Locator;
  /** The line naming the countries that can be texted. */
  readonly countriesNote: Locator;

  readonly heading: Locator;

  constructor(
    readonly page: Page,
    readonly locale: Locale = 'en',
  ) {
    this.heading = page.getByRole('heading', { name: message('login.heading', locale) });
    this.country = page.getByLabel(message('phoneForm.country', locale), { exact: true });
    this.phone = page.getByLabel(message('phoneForm.label', locale));
    const send = [message('phoneForm.send', locale), message('phoneForm.sending', locale)].map(escapeRegExp);
    this.sendButton = page.getByRole('button', { name: new RegExp(`^(${send.join('|')})$`, 'i') });
    this.countryTrigger = page.locator('select#country + span');
    this.countriesNote = page.getByText(
      new RegExp(`^${escapeRegExp(messageStart('phoneForm.allowedCountries', 'countries', locale))}`),
    );
  }

  async goto(query = '') {
    await this.page.goto(`/login${query}`);
  }

  async sendCode(phone: string, country?: string) {
    if (country) await this.country.selectOption(country);
    await this.phone.fill(phone);
    await this.sendButton.click();
  }

  async expectPhoneError(message: string | RegExp) {
    await expectFieldError(this.phone, message);
  }

  async expectFormError(message: string | RegExp) {
    await expect(this.page.getByRole('alert').filter({ hasText: message })).toBeVisible();
  }
}
