'use client';

import { linkClassName } from '@/components/ui/styles';
import { isDeadCode, type ChallengeView, type CodeScreenState } from '@/lib/fields/code';
import { idle } from '@/lib/fields/form-state';
import { clockTime, fill, plural, type CodeScreenWords } from '@/lib/fields/words';
import { startTransition, useActionState, useEffect, useMemo, useState } from 'react';
import { CodeForm } from './code-form';
import { ResendForm } from './resend-form';
import { formatDuration, secondsUntil, useServerClock } from './use-countdown';

type CodeScreenProps = {
  /** The server action both forms post to, passed in by the page so this layer never imports app/. */
  action: (previous: CodeScreenState, formData: FormData) => Promise<CodeScreenState>;
  challenge: ChallengeView;
  /** The reader's time zone when their browser told the server, for clock times without JavaScript. */
  timeZone?: string;
  /** False when the code proves a signed-in person again: their number is the one on the account. */
  offerDifferentNumber?: boolean;
  /** Where "Use a different number" goes: the phone screen this code came from. */
  differentNumberHref?: string;
  words: CodeScreenWords;
};

/** Screen 2, rendered from the server's view of the pending code: one message, and the action that fits. */
export function CodeScreen({
  action,
  challenge: initial,
  timeZone,
  offerDifferentNumber = true,
  differentNumberHref = '/login',
  words,
}: CodeScreenProps) {
  const [state, dispatch, pending] = useActionState(action, { answer: idle, challenge: initial });
  const [intent, setIntent] = useState<'verify' | 'resend'>('verify');
  // The answer the person has moved on from (by typing again): it is no longer shown.
  const [dismissed, setDismissed] = useState<CodeScreenState | null>(null);
  const { challenge } = state;
  const answer = state === dismissed ? idle : state.answer;
  const { now, live } = useServerClock(challenge.serverNow);
  const expiresIn = secondsUntil(challenge.expiresAt, now);
  // Shown rounded; the button waits for the deadline itself, which the server's cooldown holds to the millisecond.
  const resendIn = secondsUntil(challenge.resendAt, now);
  // The server's status, and expiry when the countdown to its deadline runs out.
  const status = challenge.status === 'active' && expiresIn === 0 ? 'expired' : challenge.status;
  const closed = status !== 'active';
  // With JavaScript the browser says times in its own zone; without, the server uses the one the browser told it.
  const zone = live ? undefined : timeZone;
  const at = (deadline: number) => (live || timeZone ? clockTime(deadline, words.locale, zone) : null);

  useEffect(() => {
    document.cookie = `tz=${Intl.DateTimeFormat().resolvedOptions().timeZone}; path=/; max-age=31536000; samesite=lax`;
  }, []);

  const serverError = useMemo(
    () =>
      answer.status === 'error' && answer.field === 'code' && !closed
        ? { message: answer.message, clearsCode: answer.code === 'invalid_code' }
        : undefined,
    [answer, closed],
  );
  const lockedUntil = challenge.lockedUntil ?? challenge.resendAt;
  const lockedClock = at(lockedUntil);
  const screenMessage =
    status === 'locked'
      ? lockedClock
        ? fill(words.lockedAt, { time: lockedClock })
        : plural(words.lockedInMinutes, words.locale, Math.max(1, Math.ceil((lockedUntil - now) / 60_000)))
      : isDeadCode(status)
        ? words.dead[status]
        : answer.status === 'error' && !answer.field
          ? answer.message
          : undefined;

  const expiresAtClock = at(challenge.expiresAt);
  const expiryText = closed
    ? undefined
    : !live && expiresAtClock
      ? fill(words.expiresAt, { time: expiresAtClock })
      : fill(words.expiresIn, { time: formatDuration(expiresIn) });
  const resendAtClock = at(challenge.resendAt);
  const waitText =
    status !== 'active' || resendIn === 0
      ? undefined
      : live
        ? fill(words.resendIn, { time: formatDuration(resendIn) })
        : resendAtClock
          ? fill(words.resendAt, { time: resendAtClock })
          : plural(words.resendInSeconds, words.locale, resendIn);
  // The number sits in its own span, wherever the language puts it in the sentence.
  const [beforePhone, afterPhone] = words.sentTo.split('{phone}');

  function submit(kind: 'verify' | 'resend', formData: FormData) {
    setIntent(kind);
    startTransition(() => dispatch(formData));
  }

  return (
    <div className="space-y-6">
      <p role="status" className="-mt-1 text-sm font-medium text-emerald-700 empty:hidden dark:text-emerald-400">
        {answer.status === 'sent' ? fill(words.newCodeSent, { phone: challenge.phone }) : ''}
      </p>
      <p className="text-slate-700 dark:text-slate-300">
        {beforePhone}
        <span className="font-medium whitespace-nowrap text-slate-900 dark:text-slate-100">{challenge.phone}</span>
        {afterPhone}{' '}
        {offerDifferentNumber && (
          // A plain link: next/link would add 3.3 KB gzipped here, for a page the server renders afresh anyway.
          <a href={differentNumberHref} className={`${linkClassName} whitespace-nowrap`}>
            {words.differentNumber}
          </a>
        )}
      </p>
      <CodeForm
        action={dispatch}
        onVerify={(formData) => submit('verify', formData)}
        onEdit={() => setDismissed(state)}
        verifying={pending && intent === 'verify'}
        codeKey={challenge.expiresAt}
        closed={closed}
        serverError={serverError}
        screenMessage={screenMessage}
        expiryText={expiryText}
        words={words}
      />
      <ResendForm
        action={dispatch}
        onResend={(formData) => submit('resend', formData)}
        sending={pending && intent === 'resend'}
        waiting={live && now < challenge.resendAt && !isDeadCode(status)}
        primary={closed}
        waitText={waitText}
        words={words}
      />
    </div>
  );
}
