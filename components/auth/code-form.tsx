'use client';

import { Button } from '@/components/ui/button';
import { FormAlert } from '@/components/ui/form-alert';
import { FormMessage } from '@/components/ui/form-message';
import { fieldClassName, linkClassName } from '@/components/ui/styles';
import { CODE_LENGTH, isCompleteCode, normalizeCode } from '@/lib/fields/code';
import { idle, type FormState } from '@/lib/fields/form-state';
import { INPUT_ERROR_MESSAGES } from '@/lib/fields/messages';
import Link from 'next/link';
import { useActionState, useEffect, useRef, useState, useTransition, type ChangeEvent, type FormEvent } from 'react';
import { formatDuration, useSecondsLeft } from './use-countdown';

const EXPIRED_MESSAGE = 'This code has expired. Send a new code.';

type CodeFormState = FormState<'code'>;
type CodeAction = (previous: CodeFormState, formData: FormData) => Promise<CodeFormState>;

type CodeFormProps = {
  /** The server actions, passed in by the page so this layer never imports app/. */
  verifyCode: CodeAction;
  resendCode: CodeAction;
  maskedPhone: string;
  expiresAt: number;
  resendAvailableAt: number;
  serverNow: number;
};

/** Screen 2: the passcode, with the code's expiry and the resend cooldown counting down. */
export function CodeForm({
  verifyCode,
  resendCode,
  maskedPhone,
  expiresAt,
  resendAvailableAt,
  serverNow,
}: CodeFormProps) {
  const [verifyState, verifyAction, verifying] = useActionState<CodeFormState, FormData>(verifyCode, idle);
  const [resendState, resendAction, resending] = useActionState<CodeFormState, FormData>(resendCode, idle);
  const [, startTransition] = useTransition();
  const [answeredState, setAnsweredState] = useState<CodeFormState | null>(null);
  const {
    secondsLeft: [expiresIn = 0, resendIn = 0],
    live,
  } = useSecondsLeft([expiresAt, resendAvailableAt], serverNow);
  const [code, setCode] = useState('');
  const [clientError, setClientError] = useState(false);
  const codeInput = useRef<HTMLInputElement>(null);

  // The newest answer of the two forms is the one shown. Noted while rendering, as React advises for state
  // that follows other state: https://react.dev/learn/you-might-not-need-an-effect
  const [answers, setAnswers] = useState({ verify: verifyState, resend: resendState, newest: verifyState });
  if (answers.verify !== verifyState || answers.resend !== resendState) {
    const newest = answers.resend !== resendState ? resendState : verifyState;
    setAnswers({ verify: verifyState, resend: resendState, newest });
    // A wrong code is cleared for the next try, and so is any code once a new one is on its way.
    if (newest.status === 'sent' || (newest.status === 'error' && newest.code === 'invalid_code')) setCode('');
  }
  const latest = answers.newest;
  const serverError = latest.status === 'error' && latest !== answeredState ? latest : null;
  const codeError = clientError
    ? INPUT_ERROR_MESSAGES.invalid_code
    : serverError?.field === 'code'
      ? serverError.message
      : undefined;
  const formError = serverError && serverError.field !== 'code' ? serverError.message : undefined;
  const expired = expiresIn === 0 || serverError?.code === 'code_expired';
  // Expired, used, replaced or out of tries, the code is done: only a new one helps.
  const spent = expired || serverError?.code === 'code_attempts_used';

  useEffect(() => {
    if (verifyState.status === 'error') codeInput.current?.focus();
  }, [verifyState]);

  useEffect(() => {
    if (resendState.status === 'sent') codeInput.current?.focus();
  }, [resendState]);

  function onCodeChange(event: ChangeEvent<HTMLInputElement>) {
    setAnsweredState(latest);
    setClientError(false);
    const digits = normalizeCode(event.target.value);
    setCode(/^\d*$/.test(digits) ? digits.slice(0, CODE_LENGTH) : event.target.value);
    if (isCompleteCode(digits)) event.target.form?.requestSubmit();
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // Read from the form, not from state: a sixth digit submits before React has re-rendered.
    const data = new FormData(event.currentTarget);
    if (!isCompleteCode(normalizeCode(String(data.get('code') ?? '')))) {
      setClientError(true);
      codeInput.current?.focus();
      return;
    }
    startTransition(() => verifyAction(data));
  }

  return (
    <div className="space-y-6">
      <p className="text-slate-700 dark:text-slate-300">
        Enter the code we sent to{' '}
        <span className="font-medium whitespace-nowrap text-slate-900 dark:text-slate-100">{maskedPhone}</span>.{' '}
        <Link href="/login" className={`${linkClassName} whitespace-nowrap`}>
          Use a different number
        </Link>
      </p>

      <form action={verifyAction} onSubmit={onSubmit} noValidate className="space-y-5">
        <div className="space-y-1.5">
          <label htmlFor="code" className="block text-sm font-medium">
            6-digit code
          </label>
          <input
            id="code"
            type="text"
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="[0-9]*"
            autoFocus
            spellCheck={false}
            aria-invalid={codeError ? true : undefined}
            aria-describedby={codeError ? 'code-error code-expiry' : 'code-expiry'}
            className={`${fieldClassName} text-center font-mono text-2xl tracking-[0.5em]`}
            name="code"
            ref={codeInput}
            value={code}
            onChange={onCodeChange}
          />
          <FormMessage id="code-error">{codeError}</FormMessage>
          <p id="code-expiry" className="text-sm text-slate-600 dark:text-slate-400">
            {expired ? (
              <span className="font-medium text-amber-800 dark:text-amber-300">{EXPIRED_MESSAGE}</span>
            ) : (
              `Code expires in ${formatDuration(expiresIn)}`
            )}
          </p>
          {/* Announces the moment the code expires, not every tick of the countdown. */}
          <p role="status" className="sr-only">
            {expired ? EXPIRED_MESSAGE : ''}
          </p>
        </div>

        <FormAlert>{formError}</FormAlert>

        <Button type="submit" pending={verifying} disabled={live && spent}>
          {verifying ? 'Verifying…' : 'Verify'}
        </Button>
      </form>

      <form action={resendAction} onSubmit={() => setAnsweredState(latest)} className="space-y-2">
        <Button type="submit" variant="secondary" pending={resending} disabled={live && resendIn > 0}>
          {resending ? 'Sending…' : 'Send a new code'}
        </Button>
        <p className="min-h-5 text-center text-sm text-slate-600 dark:text-slate-400">
          {live && resendIn > 0 ? `New code available in ${formatDuration(resendIn)}` : ''}
        </p>
        <p
          role="status"
          className="text-center text-sm font-medium text-emerald-700 empty:hidden dark:text-emerald-400"
        >
          {resendState.status === 'sent' && resendState !== answeredState ? 'A new code is on its way.' : ''}
        </p>
      </form>
    </div>
  );
}
