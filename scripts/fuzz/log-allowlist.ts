/**
 * The server log lines a healthy fuzz run produces; anything else (an error the app did not handle, Next's "⨯"
 * lines, a crash) fails the run. Most entries are Next's own wording (checked on Next 16.4): after a Next upgrade,
 * a run that fails only on new log kinds means this list needs the new wording, not that the app broke.
 */
const EXPECTED_LOG_ENTRIES: { pattern: RegExp; why: string }[] = [
  { pattern: /^\{.*"event":"auth_failure".*\}$/, why: 'the app logs each refused sign-in step as one JSON line' },
  { pattern: /^\{.*"event":"revoke_retry".*\}$/, why: 'the app logs a Stytch revoke it will retry (lib/session)' },
  {
    pattern: /^\{.*"event":"(sms_sent|sign_in_verified)".*\}$/,
    why: 'the app logs each code sent and each sign-in, with its country (lib/telemetry.ts)',
  },
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
export function classifyLog(log: string[]) {
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
