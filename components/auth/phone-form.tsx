'use client';

import { Button } from '@/components/ui/button';
import { FormAlert } from '@/components/ui/form-alert';
import { FormMessage } from '@/components/ui/form-message';
import { fieldClassName } from '@/components/ui/styles';
import { idle, type FormState } from '@/lib/fields/form-state';
import { INPUT_ERROR_MESSAGES } from '@/lib/fields/messages';
import { formatAsYouType, parsePhone, type MetadataJson } from '@/lib/fields/phone';
import {
  useActionState,
  useEffect,
  useMemo,
  useRef,
  useState,
  useTransition,
  type ChangeEvent,
  type FormEvent,
} from 'react';

export type CountryOption = { code: string; name: string; callingCode: string };

type PhoneFormState = FormState<'phone'>;

type PhoneFormProps = {
  /** The server action that sends the code; the page passes it in, so this layer never imports app/. */
  sendCode: (previous: PhoneFormState, formData: FormData) => Promise<PhoneFormState>;
  countries: CountryOption[];
  metadata: MetadataJson;
  defaultCountry: string;
  defaultPhone: string;
  next?: string;
};

/**
 * Screen 1: a country and a number, formatted as typed, checked here and again by the server. Plain React state
 * rather than a form library: the page's whole script budget is 15 KB, most of it the phone formatter.
 */
export function PhoneForm({ sendCode, countries, metadata, defaultCountry, defaultPhone, next }: PhoneFormProps) {
  const [state, formAction, pending] = useActionState<PhoneFormState, FormData>(sendCode, idle);
  const [, startTransition] = useTransition();
  const [country, setCountry] = useState(defaultCountry);
  const [phone, setPhone] = useState(defaultPhone);
  const [clientError, setClientError] = useState<keyof typeof INPUT_ERROR_MESSAGES | null>(null);
  // A server error stays on screen until the person changes what it was about.
  const [answeredState, setAnsweredState] = useState<PhoneFormState | null>(null);
  const phoneInput = useRef<HTMLInputElement>(null);
  const allowed = useMemo(() => countries.map((option) => option.code), [countries]);

  const serverError = state.status === 'error' && state !== answeredState ? state : null;
  const phoneError = clientError
    ? INPUT_ERROR_MESSAGES[clientError]
    : serverError?.field === 'phone'
      ? serverError.message
      : undefined;
  const formError = serverError && serverError.field !== 'phone' ? serverError.message : undefined;

  useEffect(() => {
    if (state.status === 'error' && state.field === 'phone') phoneInput.current?.focus();
  }, [state]);

  function edited() {
    setAnsweredState(state);
    setClientError(null);
  }

  function onPhoneChange(event: ChangeEvent<HTMLInputElement>) {
    edited();
    const typed = event.target.value;
    const { formatted, country: typedCountry } = formatAsYouType(typed, country, metadata);
    if (typed.trim().startsWith('+') && typedCountry && allowed.includes(typedCountry)) setCountry(typedCountry);
    // Formatting while deleting would re-add the characters just removed.
    setPhone(formatted.length > typed.length ? formatted : typed);
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // The same check the action makes, on exactly what will be sent.
    const data = new FormData(event.currentTarget);
    const checked = parsePhone(String(data.get('phone')), String(data.get('country')), metadata, allowed);
    if (!checked.ok) {
      setClientError(checked.error);
      phoneInput.current?.focus();
      return;
    }
    startTransition(() => formAction(data));
  }

  return (
    <form action={formAction} onSubmit={onSubmit} noValidate className="space-y-5">
      {next && <input type="hidden" name="next" value={next} />}
      <div className="space-y-1.5">
        <label htmlFor="phone" className="block text-sm font-medium">
          Mobile number
        </label>
        <div className="flex gap-2">
          <label htmlFor="country" className="sr-only">
            Country
          </label>
          <select
            id="country"
            autoComplete="country"
            className={`${fieldClassName} w-auto max-w-[9.5rem] shrink-0`}
            name="country"
            value={country}
            onChange={(event) => {
              edited();
              setCountry(event.target.value);
            }}
          >
            {countries.map((country) => (
              <option key={country.code} value={country.code}>
                {country.name} (+{country.callingCode})
              </option>
            ))}
          </select>
          <input
            id="phone"
            type="tel"
            inputMode="tel"
            autoComplete="tel"
            placeholder="(201) 555-0123"
            aria-invalid={phoneError ? true : undefined}
            aria-describedby={phoneError ? 'phone-error' : 'phone-hint'}
            className={`${fieldClassName} min-w-0 flex-1`}
            name="phone"
            ref={phoneInput}
            value={phone}
            onChange={onPhoneChange}
          />
        </div>
        <FormMessage id="phone-error">{phoneError}</FormMessage>
      </div>

      <FormAlert>{formError}</FormAlert>

      <Button type="submit" pending={pending}>
        {pending ? 'Sending code…' : 'Send code'}
      </Button>
      <p id="phone-hint" className="text-center text-sm text-slate-600 dark:text-slate-400">
        We’ll text you a 6-digit code. Message and data rates may apply.
      </p>
    </form>
  );
}
