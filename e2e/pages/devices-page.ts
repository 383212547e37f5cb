import { expect, type Locator, type Page } from '@playwright/test';

/** The devices signed in to the account, each with its own sign-out. */
export class DevicesPage {
  readonly heading: Locator;
  /** The signed-in devices, one list item each; this browser's is marked "This device". */
  readonly devices: Locator;
  readonly thisDevice: Locator;
  readonly signOutOtherDevicesButton: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Your devices' });
    this.devices = page.getByRole('list', { name: 'Your devices' }).getByRole('listitem');
    this.thisDevice = this.devices.filter({ hasText: 'This device' });
    this.signOutOtherDevicesButton = page.getByRole('button', { name: 'Sign out of all other devices' });
  }

  /** Follows the account page's link to this page. */
  async openFromAccount() {
    await this.page.getByRole('link', { name: 'Your devices' }).click();
    await this.expectOpen();
  }

  async expectOpen() {
    await expect(this.page).toHaveURL(/\/account\/devices$/);
    await expect(this.heading).toBeVisible();
  }

  /** The listed device with this name that is not this browser. */
  otherDevice(name: string) {
    return this.devices.filter({ hasText: name }).filter({ hasNotText: 'This device' });
  }

  async signOutDevice(name: string) {
    await this.otherDevice(name)
      .getByRole('button', { name: `Sign out ${name}` })
      .click();
    await expect(this.page.getByRole('status').filter({ hasText: 'That device is signed out.' })).toBeVisible();
  }
}
