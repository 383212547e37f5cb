/** The look of every text field and select, shared so both screens match. */
export const fieldClassName =
  'block min-h-11 w-full rounded-lg border border-slate-300 bg-white px-3 py-2.5 text-base text-slate-900 shadow-xs placeholder:text-slate-400 focus:border-indigo-600 focus:outline-2 focus:outline-indigo-600/30 aria-invalid:border-red-600 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100 dark:placeholder:text-slate-500 dark:aria-invalid:border-red-400';

/** The look of every text link, shared so the screens match. */
export const linkClassName = 'font-medium text-indigo-700 underline-offset-4 hover:underline dark:text-indigo-300';
