import type { ReactNode } from 'react';

/** The centred card every page sits in, with the product's mark (public/icon-mark.svg) and name on top. */
export function PageCard({ appName, children }: { appName: string; children: ReactNode }) {
  return (
    <main className="flex min-h-dvh flex-col items-center px-3 py-10 sm:justify-center sm:px-4 sm:py-16">
      <p className="mb-6 flex items-center gap-2 text-lg font-semibold tracking-tight">
        <span aria-hidden="true" className="size-8 bg-[url(/icon-mark.svg)] bg-contain bg-no-repeat" />
        {appName}
      </p>
      <div className="w-full max-w-sm rounded-2xl bg-white p-5 shadow-sm ring-1 ring-slate-200 sm:p-8 dark:bg-slate-900 dark:ring-slate-800">
        {children}
      </div>
    </main>
  );
}
