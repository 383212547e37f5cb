import type { ReactNode } from 'react';

/** An error tied to a field (by id, through aria-describedby) and announced when it appears. */
export function FormMessage({ id, children }: { id: string; children?: ReactNode }) {
  return (
    <p id={id} role="alert" className="min-h-5 text-sm text-red-700 empty:hidden dark:text-red-400">
      {children}
    </p>
  );
}
