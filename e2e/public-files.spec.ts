import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './fixtures';

const PUBLIC = join(import.meta.dirname, '..', 'public');
// Every file in public/, with the type a browser or crawler must be told.
const PUBLIC_FILES = {
  '/robots.txt': 'text/plain',
  '/manifest.webmanifest': 'application/manifest+json',
  '/apple-touch-icon.png': 'image/png',
  '/icon-mark.svg': 'image/svg+xml',
};

test('the files in public/ are served as they are, with the headers every response carries', async ({ request }) => {
  expect(Object.keys(PUBLIC_FILES).sort()).toEqual(
    readdirSync(PUBLIC)
      .map((name) => `/${name}`)
      .sort(),
  );
  for (const [path, type] of Object.entries(PUBLIC_FILES)) {
    const response = await request.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBe(200);
    expect(await response.body(), path).toEqual(readFileSync(join(PUBLIC, path)));
    expect(response.headers()['content-type'], path).toContain(type);
    expect(response.headers()['x-content-type-options'], path).toBe('nosniff');
    // Only the proxy sets a policy: none here shows the proxy (and its session check) skipped the file.
    expect(response.headers()['content-security-policy'], path).toBeUndefined();
  }
});

test('the pages link the web manifest, and the browser loads it and its icons under the page’s policy', async ({
  page,
}) => {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  const response = await page.goto('/login');
  expect(response?.headers()['content-security-policy']).toContain("default-src 'self'");

  // What Chromium itself fetched and parsed from the page's <link rel="manifest">, as it would to install the app.
  const cdp = await page.context().newCDPSession(page);
  const { url, errors, manifest } = await cdp.send('Page.getAppManifest');
  expect(url).toMatch(/\/manifest\.webmanifest$/);
  expect(errors).toEqual([]);
  expect(manifest.name).toBe('Passcode');
  expect(manifest.icons?.map((icon) => new URL(icon.url).pathname)).toEqual(['/icon.svg', '/apple-touch-icon.png']);
  for (const icon of manifest.icons ?? []) {
    const width = await page.evaluate(async (src) => {
      const image = new Image();
      image.src = src;
      await image.decode();
      return image.naturalWidth;
    }, icon.url);
    expect(width, icon.url).toBeGreaterThan(0);
  }
  expect(violations).toEqual([]);
});
