'use client';

import { useEffect } from 'react';

/** Once on screen, drops the one-shot cookie that asked for what it sits beside, so a reload does not repeat it. */
export function ForgetCookie({ name }: { name: string }) {
  useEffect(() => {
    document.cookie = `${name}=; Max-Age=0; Path=/; SameSite=Lax`;
  }, [name]);
  return null;
}
