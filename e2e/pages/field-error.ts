import { expect, type Locator } from '@playwright/test';

/**
 * Expects `field` to be marked invalid and described (through aria-describedby) by an alert saying `message`:
 * announced when it appears, and read again with the field.
 */
export async function expectFieldError(field: Locator, message: string | RegExp) {
  const page = field.page();
  const alert = page.getByRole('alert').and(page.getByText(message, { exact: true }));
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(alert).toBeVisible();
  await expect(field).toHaveAccessibleDescription(new RegExp(escapeRegExp(await alert.innerText())));
}

function escapeRegExp(text: string) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
