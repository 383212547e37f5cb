/**
 * `npm run fuzz`: fires at least 10,000 generated requests at the production build and fails on any 5xx answer, any
 * dropped connection, any redirect off the site, or any unexpected line in the server's log.
 *
 * It starts the test stack (scripts/lib/stack.ts) on FUZZ_APP_PORT and FUZZ_EMULATOR_PORT (3500 and 4510), signs in
 * for real to get genuine session and challenge cookies, then sends FUZZ_REQUESTS requests (default 10,000) drawn by
 * fast-check from FUZZ_SEED (default 1), 20 at a time, within FUZZ_TIME_LIMIT_SECONDS (default 120). It runs
 * `next build` when .next has no build and otherwise uses the one there, so run `npm run build` after changing the app.
 * It runs under Node's react-server condition (see package.json), as the server loads the server-only modules
 * test-support/arbitraries.ts imports.
 */
import fc from 'fast-check';
import http from 'node:http';
import { AppClient } from '../lib/app-client';
import { buildApp, hasBuild, startStack, type StackPart } from '../lib/stack';
import { stackPorts } from '../lib/stack-env';
import { classifyLog } from './log-allowlist';
import { printReport, problemsOf, summarize, type Answer, type Outcome } from './report';
import { requestArbitrary, type FuzzRequest, type FuzzTarget } from './requests';

const seed = Number(process.env.FUZZ_SEED ?? 1);
const requestCount = Number(process.env.FUZZ_REQUESTS ?? 10_000);
const timeLimitMs = Number(process.env.FUZZ_TIME_LIMIT_SECONDS ?? 120) * 1000;
const CONCURRENCY = 20;
const REQUEST_TIMEOUT_MS = 15_000;

const logs: Record<StackPart, string[]> = { app: [], emulator: [] };
const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });

/** Ends the run (the stack stops with the process); prints the end of the log that explains it. */
function fail(message: string, log: string[] = logs.app): never {
  console.error(`\nfuzz: ${message}`);
  if (log.length)
    console.error(
      log
        .slice(-40)
        .map((line) => `  ${line}`)
        .join('\n'),
    );
  process.exit(1);
}

/** Sends one request as raw as node allows: whatever method token and header bytes, chunked or not. */
function send(url: URL, request: Pick<FuzzRequest, 'method' | 'path' | 'headers' | 'body' | 'chunked'>) {
  return new Promise<Outcome>((resolve) => {
    const headers = { ...request.headers };
    if (request.body && !request.chunked) headers['content-length'] = String(request.body.length);
    if (request.chunked) headers['transfer-encoding'] = 'chunked';
    const sentAt = performance.now();
    let settled = false;
    const finish = (answer: Answer) => {
      if (!settled) resolve({ ...answer, ms: performance.now() - sentAt });
      settled = true;
    };
    const { hostname: host, port } = url;
    const options = { host, port, method: request.method, path: request.path, headers, agent };
    const outgoing = http.request({ ...options, timeout: REQUEST_TIMEOUT_MS }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        finish({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }),
      );
      response.on('error', (error) => finish({ error: error.message }));
    });
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

/** The seal of a `name=value` cookie pair, and its name. */
function splitCookie(pair: string): { name: string; seal: string } {
  const [name = '', ...value] = pair.split('=');
  return { name, seal: value.join('=') };
}

/** Fires the requests CONCURRENCY at a time until all are sent or the time is up; unsent ones stay undefined. */
async function fire(url: URL, requests: FuzzRequest[]): Promise<(Outcome | undefined)[]> {
  const outcomes: (Outcome | undefined)[] = new Array(requests.length);
  const deadline = Date.now() + timeLimitMs;
  let nextIndex = 0;
  const worker = async () => {
    while (nextIndex < requests.length && Date.now() < deadline) {
      const index = nextIndex++;
      outcomes[index] = await send(url, requests[index]!);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return outcomes;
}

async function main() {
  const startedAt = Date.now();
  if (hasBuild()) console.log('Using the build in .next (run npm run build after changing the app).');
  else {
    console.log('No build in .next: running next build first.');
    buildApp();
  }
  const stack = await startStack({
    name: 'fuzz',
    ...stackPorts('fuzz'),
    onLine: (part, line) => logs[part].push(line),
    onExit: (part, how) => fail(`the ${part} stopped during the run (${how})`, logs[part]),
  });
  const url = new URL(stack.appUrl);
  const app = new AppClient(stack.appUrl, stack.emulator);
  const first = splitCookie((await app.signIn()).signedIn);
  const second = splitCookie((await app.signIn()).signedIn);
  const pending = splitCookie((await app.startChallenge()).cookie);
  const target: FuzzTarget = {
    origin: stack.appUrl,
    actionIds: app.actionIds,
    // The name the app gave its session cookie, as it set it: the fuzz never writes it down.
    cookieName: first.name,
    cookies: { signedIn: first.seal, challenge: pending.seal, disposable: second.seal },
  };
  const opensAccount = async () => {
    const cookie = `${target.cookieName}=${target.cookies.signedIn}`;
    const outcome = await send(url, { method: 'GET', path: '/account', headers: { cookie } });
    return 'status' in outcome ? outcome.status : outcome.error;
  };
  // The cookies must really sign in, or every "signed in" request below would test the signed-out pages twice.
  const account = await opensAccount();
  if (account !== 200) fail(`/account with the fuzz session answered ${account}`);

  const upAfterMs = Date.now() - startedAt;
  const requests = fc.sample(requestArbitrary(target), { seed, numRuns: requestCount });
  const generatedIn = ((Date.now() - startedAt - upAfterMs) / 1000).toFixed(1);
  const up = `Servers up and signed in after ${(upAfterMs / 1000).toFixed(1)} s`;
  console.log(`${up}; ${requests.length} requests generated in ${generatedIn} s.`);
  const firingStartedAt = Date.now();
  const outcomes = await fire(url, requests);
  const firingMs = Date.now() - firingStartedAt;
  // Nothing the fuzzer sent may have ended the first user's session: sign-out only ever got the second user's.
  const stillSignedIn = (await opensAccount()) === 200;
  // Give the server a moment to flush what it logged about the last requests.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  await stack.stop();

  const report = summarize(requests, outcomes, stack.appUrl);
  const log = classifyLog(logs.app);
  printReport(report, { firingMs, totalMs: Date.now() - startedAt, seed, concurrency: CONCURRENCY });
  console.log('\nServer log entries that were expected:');
  for (const [why, count] of log.expected) console.log(`  ${String(count).padStart(6)}  ${why}`);
  for (const [kind, { count, example }] of report.failures) console.log(`\n✗ ${kind}, ${count}×, e.g. ${example}`);
  for (const { count, example } of log.unexpected.values()) console.log(`\n✗ log, ${count}×: ${example}`);

  const unexpectedLogEntries = [...log.unexpected.values()].reduce((sum, { count }) => sum + count, 0);
  const problems = problemsOf(report, {
    generated: requests.length,
    timeLimitMs,
    stillSignedIn,
    unexpectedLogEntries,
    kinds: log.unexpected.size,
  });
  if (problems.length) {
    console.log(`\nFAILED (seed ${seed}):\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    process.exit(1);
  }
  console.log(
    `\nPASSED (seed ${seed}): no 5xx, no dropped connection, no redirect off the site, no unexpected log entry.`,
  );
  process.exit(0);
}

main().catch((error: unknown) => fail(error instanceof Error ? (error.stack ?? error.message) : String(error)));
