import { expect, type Locator, type Page } from '@playwright/test';

/** The signed-in page. */
export class AccountPage {
  readonly heading: Locator;
  readonly signOutButton: Locator;
  readonly signOutEverywhereButton: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'You’re signed in' });
    this.signOutButton = page.getByRole('button', { name: 'Sign out', exact: true });
    this.signOutEverywhereButton = page.getByRole('button', { name: 'Sign out of all devices' });
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
