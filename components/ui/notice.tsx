import type { ReactNode } from 'react';
import { ForgetCookie } from './forget-cookie';

/**
 * A one-time line of good news (signed out, account created), announced politely. `cookie` names the flash cookie
 * that asked for it, dropped once shown (a page an action renders at once never passes the proxy that clears it).
 */
export function Notice({ children, cookie }: { children: ReactNode; cookie: string }) {
  return (
    <p
      role="status"
      className="mb-6 rounded-lg bg-emerald-50 px-3 py-2 text-sm text-emerald-900 dark:bg-emerald-950/60 dark:text-emerald-100"
    >
      {children}
      <ForgetCookie name={cookie} />
    </p>
  );
}
