import { actionIdsIn, formActionRequest, redirectTarget, sessionCookieFrom } from '../scripts/lib/app-client';
import { E2E } from './env';
import { expect, test, testPhone } from './fixtures';

// Posts a form to an action of app/actions/auth.ts as the page's JavaScript does: what it answered and set.
async function post(action: 'sendCode' | 'codeScreenAction', fields: Record<string, string>, cookie?: string) {
  const path = action === 'sendCode' ? '/login' : '/login/verify';
  const actionId = actionIdsIn('app/actions/auth.ts', [action])[action];
  const request = formActionRequest(E2E.appUrl, path, actionId, fields, cookie);
  const response = await fetch(`${E2E.appUrl}${path}`, { ...request, redirect: 'manual' });
  await response.arrayBuffer();
  return {
    status: response.status,
    redirect: redirectTarget(response.headers.get('x-action-redirect')),
    cookie: sessionCookieFrom(response.headers.getSetCookie()),
  };
}

// Slow enough that a verify could sign in while the resend's SMS is still on its way to Stytch.
const SLOW_SEND = { kind: 'delay', delay_ms: 700 } as const;

test('a resend racing a right-code verify of the same challenge: never an SMS after the sign-in, nor its cookie', async ({
  emulator,
}) => {
  test.slow();
  for (const index of [430, 431, 432]) {
    const phone = testPhone(index);
    const { cookie: challenge } = await post('sendCode', { country: 'US', phone: phone.national });
    expect(challenge, 'the send set the challenge cookie').toBeTruthy();
    const code = await emulator.latestCode(phone.e164, 1);
    // Past the e2e cooldown (5 s), so one resend is allowed.
    await new Promise((resolve) => setTimeout(resolve, 5_300));
    await emulator.failNext('POST /v1/otps/sms/login_or_create', SLOW_SEND, 20);

    const resends = Array.from({ length: 20 }, (_, at) => at % 2 === 1);
    const answers = await Promise.all(
      resends.map((resend) =>
        post('codeScreenAction', resend ? { intent: 'resend' } : { intent: 'verify', code }, challenge),
      ),
    );
    // Every delayed send has reached the outbox by now.
    await new Promise((resolve) => setTimeout(resolve, 1_000));

    expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 200));
    const signedIn = answers.filter((answer, at) => !resends[at] && answer.redirect === '/account').length;
    const newTexts = (await emulator.messages(phone.e164)).length - 1;
    expect(signedIn, 'one code signs in once at most').toBeLessThanOrEqual(1);
    expect(newTexts, 'the cooldown lets one resend through at most').toBeLessThanOrEqual(1);
    if (signedIn) {
      // A new code sent before the sign-in would have superseded the one that signed in: any text came after it.
      expect(newTexts, `${phone.e164}: an SMS after the sign-in`).toBe(0);
      expect(answers.filter((answer, at) => resends[at] && answer.cookie)).toEqual([]);
    }
  }
});
