import type { Locale } from '@/lib/i18n/locales';
import { wordsFor } from '@/lib/i18n/messages';
import { expect, type Locator, type Page } from '@playwright/test';
import { message } from '../messages';

/** The signed-in page, in the language the test expects it in (English unless told). */
export class AccountPage {
  readonly heading: Locator;
  readonly signOutButton: Locator;
  readonly signOutEverywhereButton: Locator;
  readonly welcomeNotice: Locator;
  /** "Signed in …" and "Session ends …", as the page writes them. */
  readonly signedInAt: Locator;
  readonly sessionEndsAt: Locator;
  /** The account's number, as the page writes it. */
  readonly phoneNumber: Locator;
  readonly changeNumberButton: Locator;
  readonly numberChangedNotice: Locator;

  constructor(
    readonly page: Page,
    locale: Locale = 'en',
  ) {
    this.heading = page.getByRole('heading', { name: message('account.heading', locale) });
    // "Change" reads "Change number" to a screen reader: the rest of its words are hidden from sight only.
    const changeNumber = wordsFor(locale).t.markup('account.changeNumber', { hidden: (words) => words });
    this.signOutButton = page.getByRole('button', { name: message('account.signOut', locale), exact: true });
    this.signOutEverywhereButton = page.getByRole('button', { name: 'Sign out of all devices' });
    this.welcomeNotice = page.getByRole('status').filter({ hasText: 'Welcome — your account was created.' });
    this.signedInAt = page
      .getByRole('definition')
      .filter({ has: page.locator('time') })
      .nth(-2);
    this.sessionEndsAt = page
      .getByRole('definition')
      .filter({ has: page.locator('time') })
      .last();
    this.phoneNumber = page.getByRole('definition').filter({ has: page.getByRole('button', { name: changeNumber }) });
    this.changeNumberButton = page.getByRole('button', { name: changeNumber });
    this.numberChangedNotice = page.getByRole('status').filter({ hasText: 'Your number was changed.' });
  }

  async expectOpen() {
    await expect(this.page).toHaveURL(/\/account$/);
    await expect(this.heading).toBeVisible();
  }

  async signOut() {
    await this.signOutButton.click();
    await expect(this.page).toHaveURL(/\/login$/);
  }
}
