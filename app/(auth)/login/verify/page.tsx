import { codeScreenAction, switchPageLanguage } from '@/app/actions/auth';
import { CodeScreen } from '@/components/auth/code-screen';
import { LanguageForm } from '@/components/ui/language-switcher';
import { challengeView } from '@/lib/auth/challenge';
import { readerTimeZone } from '@/lib/http/time-zone';
import { getWords } from '@/lib/i18n/request-locale';
import { codeScreenWords, languageSwitcher } from '@/lib/i18n/screen-words';
import { getPendingChallenge } from '@/lib/session/dal';
import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { redirect } from 'next/navigation';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('verify'))('title') };
}

export default async function VerifyPage() {
  const challenge = await getPendingChallenge();
  if (!challenge) redirect('/login');
  if (challenge.reverify) redirect('/account/reverify');
  if (challenge.changesNumber) redirect('/account/phone/verify');
  const words = await getWords();

  return (
    <>
      <h1 className="mb-2 text-2xl font-semibold tracking-tight">{words.t('verify.heading')}</h1>
      <CodeScreen
        action={codeScreenAction}
        challenge={challengeView(challenge)}
        timeZone={await readerTimeZone()}
        words={codeScreenWords(words)}
      />
      <LanguageForm action={switchPageLanguage} path="/login/verify" {...languageSwitcher(words)} />
    </>
  );
}
