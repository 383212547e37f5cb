/** The terms and privacy links the phone screen shows, in reading order: only those configured. */
export function legalLinks({ TERMS_URL, PRIVACY_URL }: { TERMS_URL?: string; PRIVACY_URL?: string }) {
  return [
    ...(TERMS_URL ? [{ href: TERMS_URL, label: 'Terms' }] : []),
    ...(PRIVACY_URL ? [{ href: PRIVACY_URL, label: 'Privacy Policy' }] : []),
  ];
}
