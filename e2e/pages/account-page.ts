import { expect, type Locator, type Page } from '@playwright/test';

/** The signed-in page. */
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

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'You’re signed in' });
    this.signOutButton = page.getByRole('button', { name: 'Sign out', exact: true });
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
    this.phoneNumber = page
      .getByRole('definition')
      .filter({ has: page.getByRole('button', { name: 'Change number' }) });
    this.changeNumberButton = page.getByRole('button', { name: 'Change number' });
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
