import { sendCode } from '@/app/actions/auth';
import { PhoneForm, type CountryOption } from '@/components/auth/phone-form';
import { Notice } from '@/components/ui/notice';
import { linkClassName } from '@/components/ui/styles';
import { getEnv } from '@/lib/env';
import type { CountryCode } from '@/lib/fields/phone';
import { safeNextPath } from '@/lib/http/next-path';
import { getRequestInfo } from '@/lib/http/request-info';
import { allowedCountriesSentence, exampleNationalNumber, flagOf } from '@/lib/phone/countries';
import { getCountryCallingCode, toNationalInput } from '@/lib/phone/format';
import { getPhoneRules } from '@/lib/phone/metadata';
import { getCurrentUser, getPendingChallenge } from '@/lib/session/dal';
import { getNotice, NOTICE_COOKIE } from '@/lib/session/notice';
import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { legalLinks } from './legal-links';

export const metadata: Metadata = { title: 'Sign in' };

function LoginNotice({ notice }: { notice: Awaited<ReturnType<typeof getNotice>> }) {
  if (notice === 'signed-out') return <Notice cookie={NOTICE_COOKIE}>You’re signed out.</Notice>;
  if (notice === 'account-deleted') return <Notice cookie={NOTICE_COOKIE}>Your account was deleted.</Notice>;
  return null;
}

export default async function LoginPage({ searchParams }: PageProps<'/login'>) {
  const next = safeNextPath((await searchParams).next);
  if (await getCurrentUser()) redirect(next ?? '/account');

  const { allowedCountries, metadata: phoneMetadata } = getPhoneRules();
  const [{ countryHints }, challenge] = await Promise.all([getRequestInfo(), getPendingChallenge()]);
  // Coming back through "Use a different number" keeps the number that was typed.
  const previous = challenge ? toNationalInput(challenge.phoneNumber, phoneMetadata) : null;
  const names = new Intl.DisplayNames(['en'], { type: 'region' });
  const countries: CountryOption[] = allowedCountries.map((code) => ({
    code,
    name: names.of(code) ?? code,
    callingCode: getCountryCallingCode(code as CountryCode, phoneMetadata),
    flag: flagOf(code),
    example: exampleNationalNumber(code, phoneMetadata),
  }));

  return (
    <>
      <LoginNotice notice={await getNotice()} />
      <h1 className="text-2xl font-semibold tracking-tight text-balance">Sign in or create an account</h1>
      <p className="mt-1 mb-6 text-balance text-slate-600 dark:text-slate-400">
        Enter your mobile number and we’ll text you a code.
      </p>
      <PhoneForm
        sendCode={sendCode}
        countries={countries}
        metadata={phoneMetadata}
        defaultCountry={
          previous?.country ??
          countryHints.find((hint) => allowedCountries.includes(hint)) ??
          allowedCountries[0] ??
          'US'
        }
        defaultPhone={previous?.national ?? ''}
        countriesNote={allowedCountriesSentence(allowedCountries)}
        mayBeForeign={countryHints.some((hint) => !allowedCountries.includes(hint))}
        next={next ?? challenge?.next}
        proofChallengeUrl="/login/proof"
      />
      <LegalLine {...getEnv()} />
    </>
  );
}

/** "By continuing, you agree to the Terms and the Privacy Policy.", with whichever of the two links is configured. */
function LegalLine(env: { TERMS_URL?: string; PRIVACY_URL?: string }) {
  const links = legalLinks(env);
  if (links.length === 0) return null;
  return (
    <p className="mt-3 text-center text-sm text-slate-600 dark:text-slate-400">
      By continuing, you agree to the{' '}
      {links.map((link, index) => (
        <span key={link.href}>
          {index > 0 && ' and the '}
          <a href={link.href} className={linkClassName}>
            {link.label}
          </a>
        </span>
      ))}
      .
    </p>
  );
}
