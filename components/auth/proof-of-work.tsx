'use client';

import type {} from 'altcha/types/react';
import { useEffect, useRef, useState } from 'react';

type ProofOfWorkProps = {
  /** Where the widget fetches its challenge (`GET /login/proof`). */
  challengeUrl: string;
  /** The widget's field (`altcha`) now holds a solution: the form may send again. */
  onSolved: () => void;
  /** The check failed or its challenge expired. */
  onFailed: () => void;
};

// The widget's module is loaded only here, so the phone form ships without it until the server asks for a proof.
const loadWidget = () => import('altcha');

/** ALTCHA's proof of work, solved at once in the browser's workers; its solution is posted with the form. */
export function ProofOfWork({ challengeUrl, onSolved, onFailed }: ProofOfWorkProps) {
  const [loaded, setLoaded] = useState(false);
  const widget = useRef<HTMLElement>(null);

  useEffect(() => {
    let mounted = true;
    loadWidget().then(
      () => mounted && setLoaded(true),
      () => mounted && onFailed(),
    );
    return () => {
      mounted = false;
    };
  }, [onFailed]);

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
      configuration={JSON.stringify({ hideFooter: true, hideLogo: true })}
    />
  );
}
