/**
 * `npm run fuzz`: fires at least 10,000 generated requests at the production build and fails on any 5xx answer, any
 * dropped connection, any redirect off the site, or any unexpected line in the server's log.
 *
 * It starts the Stytch emulator and `next start` on loopback (ports 4510 and 3500, or FUZZ_EMULATOR_PORT and
 * FUZZ_APP_PORT), signs in for real to get genuine session and challenge cookies, then sends FUZZ_REQUESTS
 * requests (default 10,000) drawn by fast-check from FUZZ_SEED (default 1), 20 at a time, within FUZZ_TIME_LIMIT_SECONDS
 * (default 120). It needs a build: it runs `next build` when `.next` has none, and otherwise uses the one there, so
 * run `npm run build` after changing the app.
 */
import fc from 'fast-check';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { createInterface } from 'node:readline';
import {
  ACTION_NAMES,
  CATEGORIES,
  multipart,
  requestArbitrary,
  type ActionName,
  type Category,
  type FuzzRequest,
  type FuzzTarget,
} from './fuzz-requests';

const appPort = Number(process.env.FUZZ_APP_PORT ?? 3500);
const emulatorPort = Number(process.env.FUZZ_EMULATOR_PORT ?? 4510);
const seed = Number(process.env.FUZZ_SEED ?? 1);
const requestCount = Number(process.env.FUZZ_REQUESTS ?? 10_000);
const timeLimitMs = Number(process.env.FUZZ_TIME_LIMIT_SECONDS ?? 120) * 1000;
const CONCURRENCY = 20;
const REQUEST_TIMEOUT_MS = 15_000;
const appOrigin = `http://127.0.0.1:${appPort}`;
const emulatorOrigin = `http://127.0.0.1:${emulatorPort}`;
const COOKIE_NAME = 'passcode-session';
const stytchEnv = {
  STYTCH_PROJECT_ID: 'project-test-33333333-3333-4333-8333-333333333333',
  STYTCH_SECRET: 'secret-test-fuzz',
};

type Outcome = ({ status: number; headers: http.IncomingHttpHeaders; body: Buffer } | { error: string }) & {
  ms: number;
};

const children: ChildProcess[] = [];
// Set once the run is over, so the servers' exit on SIGTERM is not mistaken for a crash.
let stopping = false;
const appLog: string[] = [];
const emulatorLog: string[] = [];
const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });

function start(command: string, args: string[], env: Record<string, string>, log: string[]) {
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  for (const output of [child.stdout, child.stderr])
    createInterface({ input: output }).on('line', (line) => log.push(line));
  children.push(child);
  return child;
}

function stopAll() {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
}

function fail(message: string, log: string[] = []): never {
  console.error(`\nfuzz: ${message}`);
  if (log.length)
    console.error(
      log
        .slice(-40)
        .map((line) => `  ${line}`)
        .join('\n'),
    );
  stopAll();
  process.exit(1);
}

/** Sends one request as raw as node allows: whatever method token and header bytes, chunked or not. */
function send(
  request: Pick<FuzzRequest, 'method' | 'path' | 'headers' | 'body' | 'chunked'>,
  port = appPort,
): Promise<Outcome> {
  return new Promise((resolve) => {
    const headers = { ...request.headers };
    if (request.body && !request.chunked) headers['content-length'] = String(request.body.length);
    if (request.chunked) headers['transfer-encoding'] = 'chunked';
    let settled = false;
    const sentAt = performance.now();
    const finish = (
      outcome: { status: number; headers: http.IncomingHttpHeaders; body: Buffer } | { error: string },
    ) => {
      if (!settled) resolve({ ...outcome, ms: performance.now() - sentAt });
      settled = true;
    };
    const outgoing = http.request(
      {
        host: '127.0.0.1',
        port,
        method: request.method,
        path: request.path,
        headers,
        agent,
        timeout: REQUEST_TIMEOUT_MS,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          finish({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }),
        );
        response.on('error', (error) => finish({ error: error.message }));
      },
    );
    outgoing.on('timeout', () => outgoing.destroy(new Error(`no answer within ${REQUEST_TIMEOUT_MS} ms`)));
    outgoing.on('error', (error) => finish({ error: error.message }));
    if (request.body && request.chunked) {
      for (let offset = 0; offset < request.body.length; offset += 8192)
        outgoing.write(request.body.subarray(offset, offset + 8192));
      outgoing.end();
    } else {
      outgoing.end(request.body);
    }
  });
}

async function waitForUp(url: string, log: string[]) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const outcome = await send({ method: 'GET', path: new URL(url).pathname, headers: {} }, Number(new URL(url).port));
    if ('status' in outcome && outcome.status < 500) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  fail(`${url} did not come up within 60 s`, log);
}

async function portIsFree(port: number) {
  const outcome = await send({ method: 'GET', path: '/', headers: {} }, port);
  return 'error' in outcome && /ECONNREFUSED/.test(outcome.error);
}

/** The server actions' ids, as this build named them: the fuzzer never hard-codes one. */
function readActionIds(): Record<ActionName, string> {
  const manifest = JSON.parse(readFileSync('.next/server/server-reference-manifest.json', 'utf8')) as {
    node: Record<string, { filename: string; exportedName: string }>;
  };
  const ids = new Map(
    Object.entries(manifest.node)
      .filter(([, entry]) => entry.filename === 'app/actions/auth.ts')
      .map(([id, entry]) => [entry.exportedName, id]),
  );
  return Object.fromEntries(
    ACTION_NAMES.map((name) => {
      const id = ids.get(name);
      if (!id)
        fail(`no server action "${name}" in .next/server/server-reference-manifest.json; rebuild with npm run build`);
      return [name, id];
    }),
  ) as Record<ActionName, string>;
}

/** Calls an action the way the browser's JavaScript does: multipart FormData, its fields under `_1_`. */
async function callAction(id: string, path: string, fields: Record<string, string>, cookie?: string) {
  const parts = [
    ...Object.entries(fields).map(([name, value]) => ({ name: `_1_${name}`, value })),
    { name: '0', value: '[{"status":"idle"},"$K1"]' },
  ];
  const { body, contentType } = multipart(parts);
  const outcome = await send({
    method: 'POST',
    path,
    headers: { 'next-action': id, origin: appOrigin, 'content-type': contentType, ...(cookie ? { cookie } : {}) },
    body,
  });
  if ('error' in outcome || outcome.status !== 200)
    fail(`the ${path} action answered ${'error' in outcome ? outcome.error : outcome.status}`, appLog);
  return outcome;
}

function sessionCookieOf(outcome: { headers: http.IncomingHttpHeaders }): string {
  const header = (outcome.headers['set-cookie'] ?? []).find((value) => value.startsWith(`${COOKIE_NAME}=`));
  const seal = header?.slice(COOKIE_NAME.length + 1).split(';')[0];
  if (!seal) fail('an action that should have set the session cookie did not', appLog);
  return seal;
}

async function latestCode(phoneNumber: string): Promise<string> {
  const outcome = await send(
    { method: 'GET', path: `/__emulator/messages?phone_number=${encodeURIComponent(phoneNumber)}`, headers: {} },
    emulatorPort,
  );
  const code =
    'body' in outcome
      ? (JSON.parse(outcome.body.toString()) as { messages: { code: string }[] }).messages[0]?.code
      : undefined;
  if (!code) fail(`the emulator has no code for ${phoneNumber}`, emulatorLog);
  return code;
}

/** Signs in through both actions; returns the challenge cookie of the first step and the session cookie of the second. */
async function signIn(actionIds: Record<ActionName, string>, national: string, e164: string) {
  const sent = await callAction(actionIds.sendCode, '/login', { country: 'US', phone: national });
  const challenge = sessionCookieOf(sent);
  const verified = await callAction(
    actionIds.verifyCode,
    '/login/verify',
    { code: await latestCode(e164) },
    `${COOKIE_NAME}=${challenge}`,
  );
  return { challenge, signedIn: sessionCookieOf(verified) };
}

/** Where a redirect would take the browser, if it leaves the site. */
function offSiteRedirect(outcome: { headers: http.IncomingHttpHeaders }): string | null {
  const targets = [outcome.headers.location, outcome.headers['x-action-redirect']]
    .flat()
    .filter((value): value is string => !!value);
  for (const target of targets) {
    // x-action-redirect carries ";push" or ";replace" after the URL.
    const url = target.replace(/;(push|replace)$/, '');
    if (new URL(url, appOrigin).origin !== appOrigin) return url;
  }
  return null;
}

// The log lines a healthy run produces. Anything else (an error the app did not handle, Next's "⨯" lines, a crash)
// fails the run.
const EXPECTED_LOG_ENTRIES: { pattern: RegExp; why: string }[] = [
  { pattern: /^\{.*"event":"auth_failure".*\}$/, why: 'the app logs each refused sign-in step as one JSON line' },
  { pattern: /^(▲ Next\.js|- (Local|Network|Environments):|✓ (Starting|Ready|Running))/, why: 'next start banner' },
  {
    pattern: /^\[Stytch\] Warning: Using a custom 'env' value/,
    why: 'the stytch client warns (once per server bundle) that it points at the emulator',
  },
  {
    pattern: /^⚠ Missing `origin` header from a forwarded Server Actions request\./,
    why: 'Next warns about action posts without Origin, which the fuzzer sends',
  },
  {
    pattern: /^Error: Failed to find Server Action "/,
    why: 'Next warns (and answers 404 or 409) when an action id is unknown',
  },
  {
    pattern: /^Error: The Server Reference ID did not match the expected format/,
    why: 'Next warns (and answers 400) about a malformed action id',
  },
  {
    pattern: /^Error: Invalid Server Actions request\.$/,
    why: 'Next warns (and answers 400) about malformed no-JS action fields',
  },
];

/**
 * Groups the log into entries (a line and the indented stack or details under it), counts the expected ones by why
 * they are expected, and the others by kind with an example of each.
 */
function classifyLog(log: string[]) {
  const entries: string[][] = [];
  for (const text of log) {
    const continues = /^(\s|\}|Read more: )/.test(text) || text === '';
    if (continues && entries.length) entries[entries.length - 1]?.push(text);
    else entries.push([text]);
  }
  const expected = new Map<string, number>();
  const unexpected = new Map<string, { count: number; example: string }>();
  for (const lines of entries) {
    const first = (lines[0] ?? '').trim();
    const known = EXPECTED_LOG_ENTRIES.find(({ pattern }) => pattern.test(first));
    if (known) {
      expected.set(known.why, (expected.get(known.why) ?? 0) + 1);
      continue;
    }
    // One kind per message, whatever the ids, digests or values quoted in it.
    const kind = first.replace(/`[^`]*`|"[^"]*"|'[^']*'|\d+/g, '…').slice(0, 160);
    const seen = unexpected.get(kind);
    if (seen) seen.count++;
    else unexpected.set(kind, { count: 1, example: lines.slice(0, 8).join('\n') });
  }
  return { expected, unexpected };
}

async function main() {
  const startedAt = Date.now();
  if (!existsSync('.next/BUILD_ID')) {
    console.log('No build in .next: running next build first.');
    if (
      spawnSync('next', ['build'], { stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } })
        .status !== 0
    )
      fail('next build failed');
  } else {
    console.log('Using the build in .next (run npm run build after changing the app).');
  }
  for (const port of [appPort, emulatorPort]) {
    if (!(await portIsFree(port)))
      fail(`port ${port} is in use; stop what runs there or set FUZZ_APP_PORT / FUZZ_EMULATOR_PORT`);
  }

  const emulator = start(
    'tsx',
    ['emulator/main.ts'],
    { EMULATOR_PORT: String(emulatorPort), EMULATOR_DATA_DIR: `.data/fuzz-emulator-${emulatorPort}`, ...stytchEnv },
    emulatorLog,
  );
  const app = start(
    'next',
    ['start', '-H', '127.0.0.1', '-p', String(appPort)],
    {
      ...stytchEnv,
      STYTCH_API_URL: emulatorOrigin,
      SESSION_PASSWORD: 'fuzz-session-password-at-least-32-characters',
      PGLITE_DATA_DIR: 'memory://',
      // Limits count in this server's memory, never in a Redis shared with other runs.
      REDIS_URL: '',
      NEXT_TELEMETRY_DISABLED: '1',
    },
    appLog,
  );
  for (const [name, child, log] of [
    ['emulator', emulator, emulatorLog],
    ['app', app, appLog],
  ] as const) {
    child.on('exit', (code, signal) => {
      if (!stopping) fail(`the ${name} stopped during the run (${signal ?? `exit code ${code}`})`, log);
    });
  }
  await waitForUp(`${emulatorOrigin}/health`, emulatorLog);
  await waitForUp(`${appOrigin}/login`, appLog);

  const actionIds = readActionIds();
  const first = await signIn(actionIds, '(201) 555-0100', '+12015550100');
  const second = await signIn(actionIds, '(201) 555-0101', '+12015550101');
  const pending = (await callAction(actionIds.sendCode, '/login', { country: 'US', phone: '(201) 555-0102' })).headers;
  const target: FuzzTarget = {
    origin: appOrigin,
    actionIds,
    cookieName: COOKIE_NAME,
    cookies: {
      signedIn: first.signedIn,
      challenge: sessionCookieOf({ headers: pending }),
      disposable: second.signedIn,
    },
  };
  // The cookies must really sign in, or every "signed in" request below would test the signed-out pages twice.
  const account = await send({
    method: 'GET',
    path: '/account',
    headers: { cookie: `${COOKIE_NAME}=${target.cookies.signedIn}` },
  });
  if (!('status' in account) || account.status !== 200)
    fail(`/account with the fuzz session answered ${'status' in account ? account.status : account.error}`, appLog);

  const upAfterMs = Date.now() - startedAt;
  const requests = fc.sample(requestArbitrary(target), { seed, numRuns: requestCount });
  console.log(
    `Servers up and signed in after ${(upAfterMs / 1000).toFixed(1)} s; ${requests.length} requests generated in ${((Date.now() - startedAt - upAfterMs) / 1000).toFixed(1)} s.`,
  );
  const outcomes: (Outcome | undefined)[] = new Array(requests.length);
  const firingStartedAt = Date.now();
  const deadline = firingStartedAt + timeLimitMs;
  let nextIndex = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (nextIndex < requests.length && Date.now() < deadline) {
        const index = nextIndex++;
        const request = requests[index];
        if (request) outcomes[index] = await send(request);
      }
    }),
  );
  const firingMs = Date.now() - firingStartedAt;
  // Nothing the fuzzer sent may have ended the first user's session: sign-out only ever got the second user's.
  const after = await send({
    method: 'GET',
    path: '/account',
    headers: { cookie: `${COOKIE_NAME}=${target.cookies.signedIn}` },
  });
  const stillSignedIn = 'status' in after && after.status === 200;
  // Give the server a moment to flush what it logged about the last requests.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  stopping = true;
  stopAll();

  const report = summarize(requests, outcomes);
  const { expected: expectedLog, unexpected: unexpectedLog } = classifyLog(appLog);
  printReport(report, firingMs, Date.now() - startedAt);
  console.log('\nServer log entries that were expected:');
  for (const [why, count] of expectedLog) console.log(`  ${String(count).padStart(6)}  ${why}`);

  const problems: string[] = [];
  if (!stillSignedIn)
    problems.push(
      'the fuzz session no longer opens /account: some request ended it, so later ones tested signed-out pages',
    );
  if (report.sent < requests.length)
    problems.push(`only ${report.sent} of ${requests.length} requests were sent within ${timeLimitMs / 1000} s`);
  const failedCount = [...report.failures.values()].reduce((sum, { count }) => sum + count, 0);
  if (failedCount) problems.push(`${failedCount} requests failed (5xx, no answer, or a redirect off the site)`);
  for (const category of ['page', 'action-multipart', 'action-text', 'form-post'] as const) {
    if (!report.reachedApp.has(category))
      problems.push(`no ${category} request got a 2xx or 3xx: the fuzzer is not reaching the app`);
  }
  const unexpectedCount = [...unexpectedLog.values()].reduce((sum, { count }) => sum + count, 0);
  if (unexpectedCount)
    problems.push(`${unexpectedCount} unexpected entries (${unexpectedLog.size} kinds) in the server log`);

  for (const [kind, { count, example }] of report.failures) console.log(`\n✗ ${kind}, ${count}×, e.g. ${example}`);
  for (const { count, example } of unexpectedLog.values()) console.log(`\n✗ log, ${count}×: ${example}`);
  if (problems.length) {
    console.log(`\nFAILED (seed ${seed}):\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    process.exit(1);
  }
  console.log(
    `\nPASSED (seed ${seed}): no 5xx, no dropped connection, no redirect off the site, no unexpected log entry.`,
  );
  process.exit(0);
}

function summarize(requests: FuzzRequest[], outcomes: (Outcome | undefined)[]) {
  const byCategory = new Map<Category, Map<string, number>>(CATEGORIES.map((category) => [category, new Map()]));
  const timeByCategory = new Map<Category, number[]>(CATEGORIES.map((category) => [category, []]));
  const byStatus = new Map<string, number>();
  const reachedApp = new Set<Category>();
  // Failures by kind (category and outcome), each with its count and the first request that showed it.
  const failures = new Map<string, { count: number; example: string }>();
  const addFailure = (kind: string, example: () => string) => {
    const seen = failures.get(kind);
    if (seen) seen.count++;
    else failures.set(kind, { count: 1, example: example() });
  };
  let sent = 0;
  requests.forEach((request, index) => {
    const outcome = outcomes[index];
    if (!outcome) return;
    sent++;
    timeByCategory.get(request.category)?.push(outcome.ms);
    const key = 'error' in outcome ? 'no answer' : String(outcome.status);
    const counts = byCategory.get(request.category);
    counts?.set(key, (counts.get(key) ?? 0) + 1);
    byStatus.set(key, (byStatus.get(key) ?? 0) + 1);
    const describe = () =>
      `#${index} ${request.category}: ${request.method} ${request.path.slice(0, 120)} ${JSON.stringify(request.headers).slice(0, 300)} body ${request.body?.length ?? 0} bytes${request.chunked ? ' chunked' : ''}`;
    if ('error' in outcome) {
      addFailure(`${request.category} → ${outcome.error}`, describe);
      return;
    }
    if (outcome.status >= 500) addFailure(`${request.category} → ${outcome.status}`, describe);
    else if (outcome.status < 400) reachedApp.add(request.category);
    const offSite = request.spoofedHost ? null : offSiteRedirect(outcome);
    if (offSite) addFailure(`${request.category} → redirect off the site`, () => `${describe()} → ${offSite}`);
  });
  return { byCategory, timeByCategory, byStatus, reachedApp, failures, sent };
}

function printReport(report: ReturnType<typeof summarize>, firingMs: number, totalMs: number) {
  const statuses = [...report.byStatus.keys()].sort();
  const width = Math.max(...CATEGORIES.map((category) => category.length));
  const percentile = (times: number[], share: number) =>
    Math.round([...times].sort((a, b) => a - b)[Math.floor(share * (times.length - 1))] ?? 0);
  console.log(
    `\n${'category'.padEnd(width)}  ${'total'.padStart(6)}  ${'p50 ms'.padStart(7)}  ${'p95 ms'.padStart(7)}  ${statuses.map((status) => status.padStart(9)).join('')}`,
  );
  for (const [category, counts] of report.byCategory) {
    const total = [...counts.values()].reduce((sum, count) => sum + count, 0);
    const times = report.timeByCategory.get(category) ?? [];
    console.log(
      `${category.padEnd(width)}  ${String(total).padStart(6)}  ${String(percentile(times, 0.5)).padStart(7)}  ${String(percentile(times, 0.95)).padStart(7)}  ${statuses.map((status) => String(counts.get(status) ?? '').padStart(9)).join('')}`,
    );
  }
  console.log(
    `${'all'.padEnd(width)}  ${String(report.sent).padStart(6)}  ${''.padStart(7)}  ${''.padStart(7)}  ${statuses.map((status) => String(report.byStatus.get(status) ?? 0).padStart(9)).join('')}`,
  );
  console.log(
    `\n${report.sent} requests in ${(firingMs / 1000).toFixed(1)} s (${Math.round(report.sent / (firingMs / 1000))}/s, ${CONCURRENCY} at a time); whole run ${(totalMs / 1000).toFixed(1)} s; seed ${seed}`,
  );
}

process.on('SIGINT', () => {
  stopping = true;
  stopAll();
  process.exit(130);
});
main().catch((error: unknown) => fail(error instanceof Error ? (error.stack ?? error.message) : String(error)));
