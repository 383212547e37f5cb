import { test as base } from '@playwright/test';
import { EmulatorControls } from './emulator';
import { LoginPage } from './pages/login-page';
import { VerifyPage } from './pages/verify-page';

type Fixtures = { emulator: EmulatorControls; loginPage: LoginPage; verifyPage: VerifyPage };

export const test = base.extend<Fixtures>({
  emulator: async ({ request }, use) => {
    const emulator = new EmulatorControls(request);
    await emulator.reset();
    await use(emulator);
  },
  loginPage: async ({ page }, use) => use(new LoginPage(page)),
  verifyPage: async ({ page }, use) => use(new VerifyPage(page)),
});

export { expect } from '@playwright/test';

/** A valid US number, different per test so no two tests share a user. */
export function testPhone(index: number) {
  const line = String(100 + index).padStart(4, '0');
  return { national: `201555${line}`, e164: `+1201555${line}` };
}
