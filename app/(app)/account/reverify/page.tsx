import { codeScreenAction, switchPageLanguage } from '@/app/actions/auth';
import { CodeScreen } from '@/components/auth/code-screen';
import { LanguageForm } from '@/components/ui/language-switcher';
import { challengeView } from '@/lib/auth/challenge';
import { readerTimeZone } from '@/lib/http/time-zone';
import { getWords } from '@/lib/i18n/request-locale';
import { codeScreenWords, languageSwitcher } from '@/lib/i18n/screen-words';
import { getPendingChallenge, requireAccount } from '@/lib/session/dal';
import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { redirect } from 'next/navigation';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('reverify'))('title') };
}

// What the person is about to do, said where they are asked for the code.
const PURPOSES = {
  'change-number': 'reverify.changeNumber',
  'delete-account': 'reverify.deleteAccount',
  'sign-out-device': 'reverify.signOutDevice',
  'sign-out-other-devices': 'reverify.signOutOtherDevices',
} as const;

/** The code screen again, for a signed-in person whose sign-in is too old for a sensitive change. */
export default async function ReverifyPage() {
  await requireAccount('/account');
  const challenge = await getPendingChallenge();
  if (!challenge?.reverify) redirect('/account');
  const words = await getWords();

  return (
    <>
      <h1 className="mb-2 text-2xl font-semibold tracking-tight">{words.t('reverify.heading')}</h1>
      <p className="mb-4 text-slate-600 dark:text-slate-400">{words.t(PURPOSES[challenge.reverify])}</p>
      <CodeScreen
        action={codeScreenAction}
        challenge={challengeView(challenge)}
        timeZone={await readerTimeZone()}
        offerDifferentNumber={false}
        words={codeScreenWords(words)}
      />
      <LanguageForm action={switchPageLanguage} path="/account/reverify" {...languageSwitcher(words)} />
    </>
  );
}
