import { expect, type Locator, type Page } from '@playwright/test';

/** The confirmation before an account is deleted. */
export class DeleteAccountPage {
  readonly heading: Locator;
  readonly deleteButton: Locator;
  readonly keepLink: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Delete your account?' });
    this.deleteButton = page.getByRole('button', { name: 'Delete my account' });
    this.keepLink = page.getByRole('link', { name: 'Keep my account' });
  }

  /** Follows the account page's link to this confirmation. */
  async openFromAccount() {
    await this.page.getByRole('link', { name: 'Delete your account' }).click();
    await expect(this.page).toHaveURL(/\/account\/delete$/);
    await expect(this.heading).toBeVisible();
  }
}
