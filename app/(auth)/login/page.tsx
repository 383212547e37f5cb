import { sendCode } from '@/app/actions/auth';
import { PhoneForm } from '@/components/auth/phone-form';
import { LanguageFields } from '@/components/ui/language-switcher';
import { Notice } from '@/components/ui/notice';
import { linkClassName } from '@/components/ui/styles';
import { getEnv } from '@/lib/env';
import { safeNextPath } from '@/lib/http/next-path';
import { getWords } from '@/lib/i18n/request-locale';
import { languageSwitcher } from '@/lib/i18n/screen-words';
import { phoneFormSetup } from '@/lib/phone/phone-form-setup';
import { getCurrentUser, getPendingChallenge } from '@/lib/session/dal';
import { getNotice, NOTICE_COOKIE } from '@/lib/session/notice';
import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { redirect } from 'next/navigation';
import type { ReactNode } from 'react';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('login'))('title') };
}

async function LoginNotice({ notice }: { notice: Awaited<ReturnType<typeof getNotice>> }) {
  const t = await getTranslations('login');
  if (notice === 'signed-out') return <Notice cookie={NOTICE_COOKIE}>{t('signedOut')}</Notice>;
  if (notice === 'account-deleted') return <Notice cookie={NOTICE_COOKIE}>{t('accountDeleted')}</Notice>;
  return null;
}

export default async function LoginPage({ searchParams }: PageProps<'/login'>) {
  const next = safeNextPath((await searchParams).next);
  if (await getCurrentUser()) redirect(next ?? '/account');

  const [challenge, words] = await Promise.all([getPendingChallenge(), getWords()]);
  const { t } = words;
  // Coming back through "Use a different number" keeps the number that was typed.
  const setup = await phoneFormSetup(challenge?.phoneNumber, words);

  return (
    <>
      <LoginNotice notice={await getNotice()} />
      <h1 className="text-2xl font-semibold tracking-tight text-balance">{t('login.heading')}</h1>
      <p className="mt-1 mb-6 text-balance text-slate-600 dark:text-slate-400">{t('login.lead')}</p>
      <PhoneForm
        sendCode={sendCode}
        {...setup}
        next={next ?? challenge?.next}
        languageSwitcher={<LanguageFields {...languageSwitcher(words)} />}
      />
      <LegalLine {...getEnv()} />
    </>
  );
}

/** "By continuing, you agree to the Terms and the Privacy Policy.", with whichever of the two links is configured. */
async function LegalLine({ TERMS_URL, PRIVACY_URL }: { TERMS_URL?: string; PRIVACY_URL?: string }) {
  const t = await getTranslations('login');
  const link = (href: string) =>
    function LegalLink(label: ReactNode) {
      return (
        <a href={href} className={linkClassName}>
          {label}
        </a>
      );
    };
  const line =
    TERMS_URL && PRIVACY_URL
      ? t.rich('legalBoth', { terms: link(TERMS_URL), privacy: link(PRIVACY_URL) })
      : TERMS_URL
        ? t.rich('legalTerms', { terms: link(TERMS_URL) })
        : PRIVACY_URL
          ? t.rich('legalPrivacy', { privacy: link(PRIVACY_URL) })
          : null;
  if (!line) return null;
  return <p className="mt-3 text-center text-sm text-slate-600 dark:text-slate-400">{line}</p>;
}
