import { expect, type Locator, type Page } from '@playwright/test';
import { VerifyPage } from './verify-page';

/** The code screen again, asked of a signed-in person before a sensitive change. */
export class ReverifyPage extends VerifyPage {
  readonly reverifyHeading: Locator;

  constructor(page: Page) {
    super(page);
    this.reverifyHeading = page.getByRole('heading', { name: 'Confirm it’s you' });
  }

  override async expectOpen() {
    await expect(this.page).toHaveURL(/\/account\/reverify$/);
    await expect(this.reverifyHeading).toBeVisible();
  }
}
