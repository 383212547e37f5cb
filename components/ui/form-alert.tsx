import type { ReactNode } from 'react';

/** An error about the whole form rather than one field, announced when it appears; nothing when there is none. */
export function FormAlert({ children }: { children?: ReactNode }) {
  if (!children) return null;
  return (
    <p
      role="alert"
      className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800 dark:bg-red-950/60 dark:text-red-200"
    >
      {children}
    </p>
  );
}
