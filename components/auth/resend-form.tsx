'use client';

import { Button } from '@/components/ui/button';
import type { FormEvent } from 'react';

type ResendFormProps = {
  /** The code screen's action, for the form posted without JavaScript. */
  action: (formData: FormData) => void;
  onResend(formData: FormData): void;
  sending: boolean;
  /** The button waits for the cooldown (or a lock) while the page counts down to it. */
  waiting: boolean;
  /** When the code can no longer sign in, a new one is the screen's main action. */
  primary: boolean;
  /** "New code available in 0:30" or its clock time; nothing once a new code may be sent. */
  waitText?: string;
  words: { resend: string; resending: string };
};

/** "Send a new code", and when it may be pressed. */
export function ResendForm({ action, onResend, sending, waiting, primary, waitText, words }: ResendFormProps) {
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onResend(new FormData(event.currentTarget));
  }

  return (
    <form action={action} onSubmit={onSubmit} className="space-y-2">
      <input type="hidden" name="intent" value="resend" />
      <Button type="submit" variant={primary ? 'primary' : 'secondary'} pending={sending} disabled={waiting}>
        {sending ? words.resending : words.resend}
      </Button>
      <p className="min-h-5 text-center text-sm text-slate-600 dark:text-slate-400">{waitText}</p>
    </form>
  );
}
