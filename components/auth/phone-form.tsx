'use client';

import { CountryPicker, type CountryOption } from '@/components/auth/country-picker';
import { ProofOfWork } from '@/components/auth/proof-of-work';
import { Button } from '@/components/ui/button';
import { FormAlert } from '@/components/ui/form-alert';
import { FormMessage } from '@/components/ui/form-message';
import { fieldClassName } from '@/components/ui/styles';
import { idle, type PhoneFormState } from '@/lib/fields/form-state';
import { formatAsYouType, parsePhone, type MetadataJson } from '@/lib/fields/phone';
import type { PhoneFormWords } from '@/lib/fields/words';
import {
  startTransition,
  useActionState,
  useCallback,
  useEffect,
  useRef,
  useState,
  useSyncExternalStore,
  type FormEvent,
  type ReactNode,
} from 'react';
import { useForm } from 'react-hook-form';

type PhoneFields = { country: string; phone: string };

const subscribeToNothing = () => () => {};
const isScripted = () => true;
const isServerRendered = () => false;

type PhoneFormProps = {
  /** The server action that sends the code; the page passes it in, so this layer never imports app/. */
  sendCode: (previous: PhoneFormState, formData: FormData) => Promise<PhoneFormState>;
  countries: CountryOption[];
  metadata: MetadataJson;
  defaultCountry: string;
  defaultPhone: string;
  /** "We can text US and Canada numbers.", when the list is restricted. */
  countriesNote?: string;
  /** The visitor may be from a country outside the list: a number invalid here is the server's to judge. */
  mayBeForeign: boolean;
  next?: string;
  words: PhoneFormWords;
  /** The language switcher (components/ui/language-switcher.tsx), inside this form so a switch keeps the number. */
  languageSwitcher: ReactNode;
  /** Where the proof-of-work widget gets its challenge, when the server asks for one. */
  proofChallengeUrl: string;
};

/** Screen 1: a country and a number, formatted as typed, checked here with the shared rules and again by the server. */
export function PhoneForm(props: PhoneFormProps) {
  const { sendCode, countries, metadata, countriesNote, mayBeForeign, next, words, languageSwitcher } = props;
  const formRef = useRef<HTMLFormElement>(null);
  const [state, formAction, pending] = useActionState<PhoneFormState, FormData>(sendCode, idle);
  const [switching, setSwitching] = useState(false);
  const sending = pending && !switching;
  // Without JS, a language switch renders the form anew: what was typed comes back with the answer.
  const typed = state.status === 'language' ? state : null;
  const defaultCountry =
    typed && countries.some((option) => option.code === typed.country) ? typed.country : props.defaultCountry;
  const defaultPhone = typed?.phone ?? props.defaultPhone;
  const { register, handleSubmit, setValue, setError, setFocus, clearErrors, formState } = useForm<PhoneFields>({
    defaultValues: { country: defaultCountry, phone: defaultPhone },
    // An error stays until the person edits, as the server's do.
    reValidateMode: 'onSubmit',
  });
  // Without JS the page is the server's answer; with it, the answer is handed to the form, which clears it on edit.
  const scripted = useSyncExternalStore(subscribeToNothing, isScripted, isServerRendered);
  // The picker's face and the placeholder follow the country; the form holds it too, for the rules.
  const [country, setCountry] = useState(defaultCountry);
  const allowed = countries.map((option) => option.code);
  const selected = countries.find((option) => option.code === country) ?? countries[0];

  // The server asked for a proof of work (the country's budget runs hot): with JS the browser does it and sends again.
  const proofAsked = scripted && state.status === 'error' && state.code === 'proof_needed';
  const solved = useCallback(() => formRef.current?.requestSubmit(), []);
  const [failedProof, setFailedProof] = useState<PhoneFormState | null>(null);
  const { proofChecking, proofFailed } = words;
  const failed = useCallback(() => {
    setFailedProof(state);
    setError('root.server', { message: proofFailed });
  }, [state, setError, proofFailed]);

  useEffect(() => {
    if (state.status !== 'error') return;
    if (state.code === 'proof_needed') setError('root.server', { message: proofChecking });
    else if (state.field === 'phone') {
      setError('phone', { type: 'server', message: state.message });
      setFocus('phone');
    } else setError('root.server', { message: state.message });
  }, [state, setError, setFocus, proofChecking]);

  const unhanded = !scripted && state.status === 'error' ? state : null;
  const phoneError = formState.errors.phone?.message ?? (unhanded?.field === 'phone' ? unhanded.message : undefined);
  const formError =
    formState.errors.root?.server?.message ?? (unhanded && !unhanded.field ? unhanded.message : undefined);
  const describedBy = [phoneError ? 'phone-error' : null, countriesNote ? 'phone-countries' : null, 'phone-hint'];

  const phoneField = register('phone', {
    validate: (phone, fields) => {
      const checked = parsePhone(phone, fields.country, metadata, allowed);
      // The browser knows only the allowed countries: the server names another country a number belongs to.
      const serversToJudge =
        checked.ok || checked.error === 'country_not_allowed' || (mayBeForeign && !phone.trim().startsWith('+'));
      return serversToJudge || words.errors[checked.error];
    },
    onChange: (event: { target: HTMLInputElement }) => {
      clearErrors();
      const typed = event.target.value;
      const { formatted, country: typedCountry } = formatAsYouType(typed, country, metadata);
      if (typed.trim().startsWith('+') && typedCountry && allowed.includes(typedCountry)) {
        setValue('country', typedCountry);
        setCountry(typedCountry);
      }
      // Formatting while deleting would re-add the characters just removed.
      if (formatted.length > typed.length) setValue('phone', formatted);
    },
  });

  function send(event: FormEvent<HTMLFormElement>) {
    const formElement = event.currentTarget;
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    // A language switch sends what is typed as it stands: nothing to check yet.
    if (submitter instanceof HTMLButtonElement && submitter.value === 'language') {
      event.preventDefault();
      setSwitching(true);
      startTransition(() => formAction(new FormData(formElement, submitter)));
      return;
    }
    setSwitching(false);
    void handleSubmit(() => startTransition(() => formAction(new FormData(formElement))))(event);
  }

  return (
    <form ref={formRef} action={formAction} onSubmit={send} noValidate className="space-y-5">
      {next && <input type="hidden" name="next" value={next} />}
      <div className="space-y-1.5">
        <label htmlFor="phone" className="block text-sm font-medium">
          {words.label}
        </label>
        <div className="flex gap-2">
          <CountryPicker
            countries={countries}
            selected={selected}
            defaultCountry={defaultCountry}
            label={words.country}
            field={register('country', {
              onChange: (event: { target: HTMLSelectElement }) => {
                clearErrors();
                setCountry(event.target.value);
              },
            })}
          />
          <input
            id="phone"
            type="tel"
            inputMode="tel"
            autoComplete="tel"
            // Arriving, and coming back through "Use a different number", the number is what to type.
            autoFocus
            placeholder={selected?.example}
            // In the server's HTML too, so that a page without JavaScript shows the number back.
            defaultValue={defaultPhone}
            readOnly={sending}
            aria-invalid={phoneError ? true : undefined}
            aria-describedby={describedBy.filter(Boolean).join(' ')}
            className={`${fieldClassName} min-w-0 flex-1 tabular-nums`}
            {...phoneField}
          />
        </div>
        <FormMessage id="phone-error">{phoneError}</FormMessage>
        {countriesNote && (
          <p id="phone-countries" className="text-sm text-slate-600 dark:text-slate-400">
            {countriesNote}
          </p>
        )}
      </div>

      <FormAlert>{formError}</FormAlert>
      {proofAsked && failedProof !== state && (
        <ProofOfWork
          challengeUrl={props.proofChallengeUrl}
          locale={words.locale}
          words={words.proofWidget}
          onSolved={solved}
          onFailed={failed}
        />
      )}

      <Button type="submit" pending={sending}>
        {sending ? words.sending : words.send}
      </Button>
      <p id="phone-hint" className="text-center text-sm text-slate-600 dark:text-slate-400">
        {words.hint}
      </p>
      {languageSwitcher}
    </form>
  );
}
