import { expect, test, testPhone } from './fixtures';

test('every page carries a nonce-based policy and the other security headers', async ({ page }) => {
  const first = await page.goto('/login');
  const second = await page.request.get('/login');
  const headers = first!.headers();
  const csp = headers['content-security-policy'] ?? '';

  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{20,}' 'strict-dynamic'(;|$)/);
  expect(csp).not.toContain('unsafe-eval');
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).toContain("form-action 'self'");
  expect(nonceOf(csp)).not.toBe(nonceOf(second.headers()['content-security-policy'] ?? ''));
  expect(headers).toMatchObject({
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'strict-origin-when-cross-origin',
    'x-frame-options': 'DENY',
    'strict-transport-security': expect.stringContaining('max-age='),
  });
  expect(headers['permissions-policy']).toContain('camera=()');
  expect(headers['x-powered-by']).toBeUndefined();
});

test('the whole sign-in runs under that policy without a single violation', async ({
  page,
  loginPage,
  verifyPage,
  emulator,
}) => {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  const phone = testPhone(80);
  await loginPage.goto();
  await loginPage.sendCode(phone.national);
  await verifyPage.enterCode(await emulator.latestCode(phone.e164));
  await expect(page).toHaveURL(/\/account$/);
  expect(violations).toEqual([]);
});

test('a server action refuses a body far larger than any form it serves', async ({ page, loginPage }) => {
  await loginPage.goto();
  let status = 0;
  await page.route('**/login', async (route) => {
    if (route.request().method() !== 'POST') return route.continue();
    const response = await route.fetch({ postData: `${route.request().postData() ?? ''}${'x'.repeat(64 * 1024)}` });
    status = response.status();
    await route.fulfill({ response });
  });
  await loginPage.sendCode(testPhone(81).national);
  await expect.poll(() => status).toBe(413);
});

function nonceOf(csp: string) {
  return /'nonce-([^']+)'/.exec(csp)?.[1];
}
