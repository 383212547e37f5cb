import { expect, type Locator, type Page } from '@playwright/test';
import { LoginPage } from './login-page';
import { VerifyPage } from './verify-page';

/** The phone screen again, for the number that is to replace the account's. */
export class ChangeNumberPage extends LoginPage {
  readonly heading: Locator;
  readonly keepLink: Locator;

  constructor(page: Page) {
    super(page);
    this.heading = page.getByRole('heading', { name: 'Change your number' });
    this.keepLink = page.getByRole('link', { name: 'Keep my number' });
  }

  async expectOpen() {
    await expect(this.page).toHaveURL(/\/account\/phone$/);
    await expect(this.heading).toBeVisible();
  }
}

/** The code screen for the new number. */
export class NewNumberCodePage extends VerifyPage {
  readonly newNumberHeading: Locator;

  constructor(page: Page) {
    super(page);
    this.newNumberHeading = page.getByRole('heading', { name: 'Confirm your new number' });
  }

  override async expectOpen() {
    await expect(this.page).toHaveURL(/\/account\/phone\/verify$/);
    await expect(this.newNumberHeading).toBeVisible();
  }
}
