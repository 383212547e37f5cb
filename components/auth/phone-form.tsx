'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useActionState, useEffect, useMemo, useState, useTransition, type FormEvent } from 'react';
import { useForm } from 'react-hook-form';
import { sendCode, type PhoneFormState } from '@/app/actions/auth';
import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';
import { fieldClassName } from '@/components/ui/styles';
import { AUTH_ERROR_MESSAGES, type AuthErrorCode } from '@/lib/auth-errors';
import { idle } from '@/lib/form-state';
import { formatAsYouType, type MetadataJson } from '@/lib/phone';
import { phoneFormSchema } from '@/lib/schemas';

export type CountryOption = { code: string; name: string; callingCode: string };

type PhoneFormProps = {
  countries: CountryOption[];
  metadata: MetadataJson;
  defaultCountry: string;
  defaultPhone: string;
  next?: string;
};

type PhoneFields = { country: string; phone: string; next?: string };

/** Screen 1: a country and a number, formatted as typed, checked here and again by the server. */
export function PhoneForm({ countries, metadata, defaultCountry, defaultPhone, next }: PhoneFormProps) {
  const [state, formAction, pending] = useActionState<PhoneFormState, FormData>(sendCode, idle);
  const [, startTransition] = useTransition();
  // A server error stays on screen until the person changes what it was about.
  const [answeredState, setAnsweredState] = useState<PhoneFormState | null>(null);
  const allowed = useMemo(() => countries.map((country) => country.code), [countries]);
  const {
    register,
    handleSubmit,
    setValue,
    getValues,
    setFocus,
    formState: { errors },
  } = useForm<PhoneFields, unknown, unknown>({
    resolver: zodResolver(phoneFormSchema(metadata, allowed)),
    defaultValues: { country: defaultCountry, phone: defaultPhone, next },
    mode: 'onSubmit',
    reValidateMode: 'onSubmit',
  });

  const serverError = state.status === 'error' && state !== answeredState ? state : null;
  const clientCode = errors.phone?.message as AuthErrorCode | undefined;
  const phoneError = clientCode
    ? AUTH_ERROR_MESSAGES[clientCode] ?? AUTH_ERROR_MESSAGES.invalid_phone
    : serverError?.field === 'phone'
      ? serverError.message
      : undefined;
  const formError = serverError && serverError.field !== 'phone' ? serverError.message : undefined;

  useEffect(() => {
    if (state.status === 'error' && state.field === 'phone') setFocus('phone');
  }, [state, setFocus]);

  const phoneField = register('phone', {
    onChange: (event: { target: HTMLInputElement }) => {
      setAnsweredState(state);
      const { formatted, country } = formatAsYouType(event.target.value, getValues('country'), metadata);
      if (event.target.value.trim().startsWith('+') && country && allowed.includes(country)) setValue('country', country);
      // Formatting while deleting would re-add the characters just removed.
      if (formatted.length > event.target.value.length) setValue('phone', formatted);
    },
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    void handleSubmit(() => startTransition(() => formAction(new FormData(form))))(event);
  }

  return (
    <form action={formAction} onSubmit={onSubmit} noValidate className="space-y-5">
      {next && <input type="hidden" {...register('next')} />}
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
            {...register('country', { onChange: () => setAnsweredState(state) })}
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
            {...phoneField}
          />
        </div>
        <FormMessage id="phone-error">{phoneError}</FormMessage>
      </div>

      {formError && (
        <p role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800 dark:bg-red-950/60 dark:text-red-200">
          {formError}
        </p>
      )}

      <Button type="submit" pending={pending}>
        {pending ? 'Sending code…' : 'Send code'}
      </Button>
      <p id="phone-hint" className="text-center text-sm text-slate-600 dark:text-slate-400">
        We’ll text you a 6-digit code. Message and data rates may apply.
      </p>
    </form>
  );
}
