import type { Locale } from '@/lib/i18n/locales';
import type { Locator, Page } from '@playwright/test';
import { message } from '../messages';

/** The language picker under each screen, labelled in the language the page is in. */
export class LanguageSwitcher {
  readonly select: Locator;
  readonly changeButton: Locator;

  constructor(
    readonly page: Page,
    current: Locale = 'en',
  ) {
    this.select = page.getByRole('combobox', { name: message('language.label', current) });
    this.changeButton = page.getByRole('button', { name: message('language.change', current) });
  }

  /** Picks the language by its own name ("Français") and asks for the page in it. */
  async choose(name: string) {
    await this.select.selectOption({ label: name });
    await this.changeButton.click();
  }
}
