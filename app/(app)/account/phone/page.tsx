import { keepNumber, sendNewNumberCode } from '@/app/actions/auth';
import { PhoneForm } from '@/components/auth/phone-form';
import { LanguageFields } from '@/components/ui/language-switcher';
import { linkClassName } from '@/components/ui/styles';
import { getWords } from '@/lib/i18n/request-locale';
import { languageSwitcher } from '@/lib/i18n/screen-words';
import { phoneFormSetup } from '@/lib/phone/phone-form-setup';
import { getPendingChallenge, requireAccount } from '@/lib/session/dal';
import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('changeNumber'))('title') };
}

/** The phone screen again, for the number that is to replace the account's; the action checks the sign-in is fresh. */
export default async function ChangeNumberPage() {
  const [account, challenge, words] = await Promise.all([
    requireAccount('/account/phone'),
    getPendingChallenge(),
    getWords(),
  ]);
  const { t } = words;
  // Back from the code screen through "Use a different number", the new number typed is kept.
  const setup = await phoneFormSetup(challenge?.changesNumber ? challenge.phoneNumber : undefined, words);

  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight text-balance">{t('changeNumber.heading')}</h1>
      <p className="mt-1 mb-6 text-balance text-slate-600 dark:text-slate-400">
        {account.phoneNumber ? t('changeNumber.leadKeeping', { phone: account.phoneNumber }) : t('changeNumber.lead')}
      </p>
      <PhoneForm
        sendCode={sendNewNumberCode}
        {...setup}
        languageSwitcher={<LanguageFields {...languageSwitcher(words)} />}
      />
      {/* A post, not a link: the new number waiting unverified on the account is removed at once. */}
      <form action={keepNumber} className="mt-4 text-center text-sm">
        <button type="submit" className={linkClassName}>
          {t('changeNumber.keep')}
        </button>
      </form>
    </>
  );
}
