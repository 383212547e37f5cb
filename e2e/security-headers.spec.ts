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

test('a client navigation with a router state no browser sends is refused, on any path; a real one still leads to sign-in', async ({
  request,
}) => {
  const navigation = { rsc: '1', 'next-router-state-tree': 'not-a-router-state' };
  for (const path of ['/login?_rsc=1', '/login/verify', '/nothing-here', '/icon-of-nothing', '/robots.txt.bak']) {
    const response = await request.get(path, { headers: navigation, maxRedirects: 0 });
    expect(`${path} ${response.status()} ${await response.text()}`).toBe(`${path} 400 Malformed router state`);
  }
  // The proxy sees Next's cache-busting parameter of a navigation, and keeps it out of where signing in leads.
  const routerState = encodeURIComponent(JSON.stringify(['', { children: ['account', {}] }, null, null, true]));
  const toAccount = await request.get('/account?tab=1&_rsc=abc', {
    headers: { rsc: '1', 'next-router-state-tree': routerState },
    maxRedirects: 0,
  });
  expect(toAccount.status()).toBe(307);
  expect(new URL(toAccount.headers().location ?? '', 'http://x').searchParams.get('next')).toBe('/account?tab=1');
});

function nonceOf(csp: string) {
  return /'nonce-([^']+)'/.exec(csp)?.[1];
}
