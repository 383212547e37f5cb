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
  return { title: (await getTranslations('changeNumber'))('codeTitle') };
}

/** The code screen for the new number: verifying it makes the number the account's. */
export default async function NewNumberCodePage() {
  await requireAccount('/account/phone');
  const challenge = await getPendingChallenge();
  if (!challenge?.changesNumber) redirect('/account/phone');
  const words = await getWords();

  return (
    <>
      <h1 className="mb-2 text-2xl font-semibold tracking-tight">{words.t('changeNumber.codeHeading')}</h1>
      <CodeScreen
        action={codeScreenAction}
        challenge={challengeView(challenge)}
        timeZone={await readerTimeZone()}
        differentNumberHref="/account/phone"
        words={codeScreenWords(words)}
      />
      <LanguageForm action={switchPageLanguage} path="/account/phone/verify" {...languageSwitcher(words)} />
    </>
  );
}
