'use client';

import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';
import { fieldClassName } from '@/components/ui/styles';
import { CODE_LENGTH, codeProblem, isCompleteCode, normalizeCode } from '@/lib/fields/code';
import type { CodeScreenWords } from '@/lib/fields/words';
import { useEffect, type BaseSyntheticEvent } from 'react';
import { useForm } from 'react-hook-form';

type CodeFields = { code: string };

type CodeFormProps = {
  /** The code screen's action, for the form posted without JavaScript. */
  action: (formData: FormData) => void;
  onVerify(formData: FormData): void;
  /** The person typed again: the last answer no longer stands. */
  onEdit(): void;
  verifying: boolean;
  /** Changes with every new code (its deadline): the field starts over for it. */
  codeKey: number;
  /** The code can no longer sign in (dead or locked): nothing to verify. */
  closed: boolean;
  /** The server's word on the code typed, each answer a new object so the same words are shown again. */
  serverError?: { message: string; clearsCode: boolean };
  /** What the screen has to say when the code itself is not at fault (a dead code, a lock, the service). */
  screenMessage?: string;
  /** "Code expires in 1:59" or "Expires at 3:05 AM"; nothing once the code is closed. */
  expiryText?: string;
  words: Pick<CodeScreenWords, 'label' | 'verify' | 'verifying' | 'errors'>;
};

/** The passcode field and Verify: the one message region of the code screen sits under the field. */
export function CodeForm({
  action,
  onVerify,
  onEdit,
  verifying,
  codeKey,
  closed,
  serverError,
  screenMessage,
  expiryText,
  words,
}: CodeFormProps) {
  const { register, handleSubmit, setError, setFocus, setValue, clearErrors, formState } = useForm<CodeFields>({
    defaultValues: { code: '' },
    reValidateMode: 'onSubmit',
  });

  useEffect(() => {
    setValue('code', '');
    clearErrors('code');
    setFocus('code');
  }, [codeKey, setValue, clearErrors, setFocus]);

  useEffect(() => {
    if (!serverError) return;
    if (serverError.clearsCode) setValue('code', '');
    setError('code', { type: 'server', message: serverError.message });
    setFocus('code');
  }, [serverError, setError, setFocus, setValue]);

  const fieldError = formState.errors.code?.message ?? serverError?.message;
  const message = fieldError ?? screenMessage;

  const field = register('code', {
    validate: (value) => {
      const problem = codeProblem(value);
      return problem ? words.errors[problem] : true;
    },
    onChange: (event: { target: HTMLInputElement }) => {
      const code = normalizeCode(event.target.value);
      if (/^\d*$/.test(code)) setValue('code', code.slice(0, CODE_LENGTH));
      clearErrors('code');
      onEdit();
      if (isCompleteCode(code)) event.target.form?.requestSubmit();
    },
  });

  function onValid(_fields: CodeFields, event?: BaseSyntheticEvent) {
    const form = event?.target;
    if (form instanceof HTMLFormElement) onVerify(new FormData(form));
  }

  return (
    <form action={action} onSubmit={handleSubmit(onValid, () => setFocus('code'))} noValidate className="space-y-5">
      <input type="hidden" name="intent" value="verify" />
      <div className="space-y-1.5">
        <label htmlFor="code" className="block text-sm font-medium">
          {words.label}
        </label>
        <input
          id="code"
          type="text"
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="[0-9]*"
          autoFocus
          spellCheck={false}
          disabled={closed || verifying}
          aria-invalid={fieldError ? true : undefined}
          aria-describedby={expiryText ? 'code-message code-expiry' : 'code-message'}
          className={`${fieldClassName} text-center font-mono text-2xl tracking-[0.5em]`}
          {...field}
        />
        <FormMessage id="code-message">{message}</FormMessage>
        {expiryText && (
          <p id="code-expiry" className="text-sm text-slate-600 dark:text-slate-400">
            {expiryText}
          </p>
        )}
      </div>
      {!closed && (
        <Button type="submit" pending={verifying}>
          {verifying ? words.verifying : words.verify}
        </Button>
      )}
    </form>
  );
}
