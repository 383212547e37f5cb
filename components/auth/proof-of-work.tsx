'use client';

import type { ProofWidgetWords } from '@/lib/fields/words';
import type {} from 'altcha/types/global';
import type {} from 'altcha/types/react';
import { useEffect, useRef, useState } from 'react';

type ProofOfWorkProps = {
  /** Where the widget fetches its challenge (`GET /login/proof`). */
  challengeUrl: string;
  /** The page's language, and the widget's words in it. */
  locale: string;
  words: ProofWidgetWords;
  /** The widget's field (`altcha`) now holds a solution: the form may send again. */
  onSolved: () => void;
  /** The check failed or its challenge expired. */
  onFailed: () => void;
};

// The widget's module is loaded only here, so the phone form ships without it until the server asks for a proof.
const loadWidget = () => import('altcha');

/** ALTCHA's proof of work, solved at once in the browser's workers; its solution is posted with the form. */
export function ProofOfWork({ challengeUrl, locale, words, onSolved, onFailed }: ProofOfWorkProps) {
  const [loaded, setLoaded] = useState(false);
  const widget = useRef<HTMLElement>(null);
  // ALTCHA looks its words up by lower-case language; ours replace its English (the rest serve features not used).
  const language = locale.toLowerCase();

  useEffect(() => {
    let mounted = true;
    loadWidget().then(
      () => {
        const i18n = globalThis.$altcha.i18n;
        i18n.set(language, { ...i18n.get('en'), ...words });
        if (mounted) setLoaded(true);
      },
      () => mounted && onFailed(),
    );
    return () => {
      mounted = false;
    };
  }, [language, words, onFailed]);

  useEffect(() => {
    const element = widget.current;
    if (!element) return;
    const onStateChange = (event: Event) => {
      const { state } = (event as CustomEvent<{ state?: string }>).detail ?? {};
      if (state === 'verified') onSolved();
      else if (state === 'error' || state === 'expired') onFailed();
    };
    element.addEventListener('statechange', onStateChange);
    return () => element.removeEventListener('statechange', onStateChange);
  }, [loaded, onSolved, onFailed]);

  if (!loaded) return null;
  return (
    <altcha-widget
      ref={widget}
      challenge={challengeUrl}
      auto="onload"
      name="altcha"
      language={language}
      configuration={JSON.stringify({ hideFooter: true, hideLogo: true })}
    />
  );
}
