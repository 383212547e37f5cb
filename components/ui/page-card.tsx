import type { ReactNode } from 'react';

/** The centred card every page sits in, with the app's name on top. */
export function PageCard({ children }: { children: ReactNode }) {
  return (
    <main className="flex min-h-dvh flex-col items-center px-4 py-10 sm:justify-center sm:py-16">
      <p className="mb-6 flex items-center gap-2 text-lg font-semibold tracking-tight">
        <span
          aria-hidden="true"
          className="grid size-8 place-items-center rounded-lg bg-indigo-600 text-white dark:bg-indigo-500"
        >
          #
        </span>
        Passcode
      </p>
      <div className="w-full max-w-sm rounded-2xl bg-white p-6 shadow-sm ring-1 ring-slate-200 sm:p-8 dark:bg-slate-900 dark:ring-slate-800">
        {children}
      </div>
    </main>
  );
}
