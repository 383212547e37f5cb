/**
 * JavaScript weight of the two sign-in screens beyond the framework: the gzipped bytes of every script a screen
 * loads, from opening it cold until its form is submitted (so chunks loaded lazily while typing count), minus the
 * scripts the app's 404 page loads too. A quick no-browser variant sums the scripts each page's HTML references.
 * Measured in English and in French: the screens' words come from the server, so no language may weigh more.
 */
import type { Locale } from '@/lib/i18n/locales';
import { chromium, type Browser, type Page, type Request } from '@playwright/test';
import { request as httpRequest } from 'node:http';
import { LoginPage } from '../../e2e/pages/login-page';
import { VerifyPage } from '../../e2e/pages/verify-page';
import { kilobytes, type Findings, type Measurement } from './report';
import { app, BENCH, CHROMIUM_FLAGS } from './stack';

/** Issue 11: both screens with react-hook-form, beyond the framework, and what the code screen adds to the first. */
const BUDGET_BYTES = { flow: 30_000, verifyAfterLogin: 8_000 } as const;

/** A path no route matches: its page is the framework's baseline. */
const NOT_FOUND_PATH = '/bench-no-such-page';

type Scripts = Map<string, number>;

/** The browser's language and the one the screens then speak: the source, and one with longer words. */
type Language = { acceptLanguage: string; locale: Locale; nationalNumber: string };
const LANGUAGES: Language[] = [
  { acceptLanguage: 'en-US', locale: 'en', nationalNumber: '2015550123' },
  { acceptLanguage: 'fr-FR', locale: 'fr', nationalNumber: '2015550124' },
];

export async function measureWeight(): Promise<Findings> {
  const browser = await chromium.launch({ executablePath: BENCH.chromiumPath, args: CHROMIUM_FLAGS });
  try {
    const findings: Findings[] = [];
    for (const language of LANGUAGES) findings.push(await measureWeightIn(browser, language));
    return {
      measurements: findings.flatMap((found) => found.measurements),
      notes: findings.flatMap((found) => found.notes ?? []),
    };
  } finally {
    await browser.close();
  }
}

async function measureWeightIn(browser: Browser, language: Language): Promise<Findings> {
  const { locale, nationalNumber } = language;
  const baseline = await scriptsWhile(browser, undefined, language, (page) =>
    page.goto(NOT_FOUND_PATH).then(() => undefined),
  );
  const login = await scriptsWhile(browser, undefined, language, async (page) => {
    const loginPage = new LoginPage(page, locale);
    await loginPage.goto();
    // A number of its own per language: the same one again would meet its resend cooldown.
    await loginPage.phone.pressSequentially(nationalNumber);
    await loginPage.sendButton.click();
    await page.waitForURL('**/login/verify');
  });
  const challenge = await app.startChallenge();
  const verify = await scriptsWhile(browser, challenge.cookie, language, async (page) => {
    const verifyPage = new VerifyPage(page, locale);
    await page.goto('/login/verify');
    await verifyPage.expectOpen();
    // The sixth digit submits the form.
    await verifyPage.code.pressSequentially(challenge.code);
    await page.waitForURL('**/account');
  });

  const htmlChallenge = await app.startChallenge();
  const htmlBaseline = await htmlScripts(NOT_FOUND_PATH, language);
  const html = {
    '/login': await htmlScripts('/login', language),
    '/login/verify': await htmlScripts('/login/verify', language, htmlChallenge.cookie),
  };

  const own = { '/login': beyond(login, baseline), '/login/verify': beyond(verify, baseline) };
  // A chunk both screens load is downloaded once: the flow is their union, the code screen what it adds.
  const flow = new Map([...own['/login'], ...own['/login/verify']]);
  const verifyAfterLogin = beyond(own['/login/verify'], own['/login']);
  const measurements: Measurement[] = [
    {
      area: 'JS weight',
      subject: `both screens (${locale})`,
      metric: 'gzipped JS beyond the 404 page for the whole flow, a shared chunk counted once (browser)',
      value: kilobytes(total(flow)),
      budget: `≤ ${kilobytes(BUDGET_BYTES.flow)}`,
      ok: total(flow) <= BUDGET_BYTES.flow,
    },
    {
      area: 'JS weight',
      subject: `/login/verify (${locale})`,
      metric: 'gzipped JS it adds after /login (browser)',
      value: kilobytes(total(verifyAfterLogin)),
      budget: `≤ ${kilobytes(BUDGET_BYTES.verifyAfterLogin)}`,
      ok: total(verifyAfterLogin) <= BUDGET_BYTES.verifyAfterLogin,
    },
  ];
  const notes: string[] = [
    `${locale}: 404 page (framework baseline): ${kilobytes(total(baseline))} of gzipped JS in ${baseline.size} scripts.`,
  ];
  for (const screen of ['/login', '/login/verify'] as const) {
    measurements.push({
      area: 'JS weight',
      subject: `${screen} (${locale})`,
      metric: 'gzipped JS beyond the 404 page, loaded while used, opened cold (browser)',
      value: kilobytes(total(own[screen])),
    });
    measurements.push({
      area: 'JS weight',
      subject: `${screen} (${locale})`,
      metric: 'gzipped JS beyond the 404 page, referenced by the HTML',
      value: kilobytes(total(beyond(html[screen], htmlBaseline))),
    });
    notes.push(`${locale}: ${screen}: ${describe(own[screen])}`);
  }
  notes.push(`${locale}: /login/verify after /login: ${describe(verifyAfterLogin)}`);
  return { measurements, notes };
}

/**
 * The scripts a fresh browser (empty cache) loads from the start of `drive` until the page submits a server action;
 * what the action's answer loads belongs to the next screen. Sizes are the bytes on the wire (gzip, as served).
 * Scripts the CSP refused count too, by their size as served: the statically rendered 404 page carries no nonce,
 * so its framework scripts are refused, yet they are exactly the baseline to subtract.
 */
async function scriptsWhile(
  browser: Browser,
  cookie: string | undefined,
  language: Language,
  drive: (page: Page) => Promise<void>,
): Promise<Scripts> {
  const context = await browser.newContext({ baseURL: BENCH.appUrl, locale: language.acceptLanguage });
  if (cookie) {
    const [name, ...value] = cookie.split('=');
    await context.addCookies([{ name: name!, value: value.join('='), url: BENCH.appUrl }]);
  }
  const page = await context.newPage();
  const inWindow = new Set<Request>();
  let submitted = false;
  page.on('request', (request) => {
    if (request.headers()['next-action']) submitted = true;
    else if (!submitted && request.resourceType() === 'script') inWindow.add(request);
  });
  try {
    await drive(page);
    await page.waitForLoadState('networkidle');
    if (!submitted && !page.url().includes(NOT_FOUND_PATH))
      throw new Error(`${page.url()}: the form was never submitted.`);
    const scripts: Scripts = new Map();
    for (const request of inWindow) {
      const response = await request.response();
      // A script the page's Content-Security-Policy refused was never fetched; it still belongs to the page.
      const refused = request.failure()?.errorText === 'csp';
      if (!refused && !response?.ok())
        throw new Error(`${request.url()} answered ${response?.status() ?? request.failure()?.errorText}.`);
      scripts.set(
        pathOf(request.url()),
        refused ? await wireSize(request.url()) : (await request.sizes()).responseBodySize,
      );
    }
    return scripts;
  } finally {
    await context.close();
  }
}

/** The scripts a page's HTML references, but `noModule` ones (modern browsers skip them), with their wire sizes. */
async function htmlScripts(path: string, language: Language, cookie?: string): Promise<Scripts> {
  const headers = { 'accept-language': language.acceptLanguage, ...(cookie ? { cookie } : {}) };
  const response = await fetch(`${BENCH.appUrl}${path}`, { headers, redirect: 'manual' });
  const html = await response.text();
  if (path !== NOT_FOUND_PATH && !response.ok) throw new Error(`${path} answered ${response.status}.`);
  const sources = [...html.matchAll(/<script\b[^>]*>/gi)]
    .map(([tag]) => tag)
    .filter((tag) => !/\bnomodule\b/i.test(tag))
    .map((tag) => /\bsrc="([^"]+)"/i.exec(tag)?.[1])
    .filter((src): src is string => !!src);
  const scripts: Scripts = new Map();
  for (const src of sources) scripts.set(pathOf(new URL(src, BENCH.appUrl).href), await wireSize(src));
  return scripts;
}

/**
 * Bytes of the body as sent to a client that accepts gzip (fetch would decompress it first), like the browser's
 * count: Next gzips all but the smallest files, which it sends as they are.
 */
function wireSize(path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(new URL(path, BENCH.appUrl), { headers: { 'accept-encoding': 'gzip' } }, (response) => {
      let bytes = 0;
      response.on('data', (chunk: Buffer) => (bytes += chunk.length));
      response.on('end', () => resolve(bytes));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end();
  });
}

function beyond(scripts: Scripts, baseline: Scripts): Scripts {
  return new Map([...scripts].filter(([path]) => !baseline.has(path)));
}

function total(scripts: Scripts): number {
  return [...scripts.values()].reduce((sum, bytes) => sum + bytes, 0);
}

function describe(scripts: Scripts): string {
  return (
    [...scripts].map(([path, bytes]) => `${path.replace(/^.*\//, '')} ${kilobytes(bytes)}`).join(', ') ||
    'no scripts of its own'
  );
}

function pathOf(url: string): string {
  return new URL(url).pathname;
}
