import type { Locale } from '@/lib/i18n/locales';
import { expect, type Locator, type Page } from '@playwright/test';
import { message } from '../messages';
import { LoginPage } from './login-page';
import { VerifyPage } from './verify-page';

/** The phone screen again, for the number that is to replace the account's. */
export class ChangeNumberPage extends LoginPage {
  readonly heading: Locator;
  readonly keepButton: Locator;

  constructor(page: Page, locale: Locale = 'en') {
    super(page, locale);
    this.heading = page.getByRole('heading', { name: message('changeNumber.heading', locale) });
    this.keepButton = page.getByRole('button', { name: message('changeNumber.keep', locale) });
  }

  async expectOpen() {
    await expect(this.page).toHaveURL(/\/account\/phone$/);
    await expect(this.heading).toBeVisible();
  }
}

/** The code screen for the new number. */
export class NewNumberCodePage extends VerifyPage {
  readonly newNumberHeading: Locator;

  constructor(page: Page, locale: Locale = 'en') {
    super(page, locale);
    this.newNumberHeading = page.getByRole('heading', { name: message('changeNumber.codeHeading', locale) });
  }

  override async expectOpen() {
    await expect(this.page).toHaveURL(/\/account\/phone\/verify$/);
    await expect(this.newNumberHeading).toBeVisible();
  }
}
