import { expect, type Locator, type Page } from '@playwright/test';
import { expectFieldError } from './field-error';

/** Screen 1: the phone number. */
export class LoginPage {
  readonly country: Locator;
  readonly phone: Locator;
  readonly sendButton: Locator;
  /** The compact "🇺🇸 +1" face of the country select. */
  readonly countryTrigger: Locator;
  /** The line naming the countries that can be texted. */
  readonly countriesNote: Locator;

  constructor(readonly page: Page) {
    this.country = page.getByLabel('Country');
    this.phone = page.getByLabel('Mobile number');
    this.sendButton = page.getByRole('button', { name: /send code|sending code/i });
    this.countryTrigger = page.locator('select#country + span');
    this.countriesNote = page.getByText(/^We can text /);
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
