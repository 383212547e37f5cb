/**
 * The browser the tests and benchmarks drive: Debian's Chromium where there is one (no download needed), with the
 * flags that keep it off the network. Undefined path: Playwright's own browser, as on a laptop.
 */
import { existsSync } from 'node:fs';

export const systemChromium = [process.env.PLAYWRIGHT_CHROMIUM_PATH, '/usr/bin/chromium'].find(
  (path): path is string => !!path && existsSync(path),
);

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
