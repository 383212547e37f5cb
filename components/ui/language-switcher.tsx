import type { LanguageSwitcherProps } from '@/lib/fields/words';

/**
 * The language picker and its button, for inside a form: a plain post, so it works without JavaScript. The button
 * says `intent=language`, so a form it shares (the phone form) tells the switch from its own submit.
 */
export function LanguageFields({ choices, current, label, change }: LanguageSwitcherProps) {
  return (
    <div className="mt-6 flex flex-wrap items-center justify-center gap-2 text-sm">
      <label htmlFor="language" className="text-slate-600 dark:text-slate-400">
        {label}
      </label>
      <select
        id="language"
        name="locale"
        defaultValue={current}
        className="min-h-11 rounded-lg border border-slate-300 bg-white px-2 text-slate-900 focus:border-indigo-600 focus:outline-2 focus:outline-indigo-600/30 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
      >
        {choices.map((choice) => (
          <option key={choice.locale} value={choice.locale} lang={choice.locale}>
            {choice.name}
          </option>
        ))}
      </select>
      <button
        type="submit"
        name="intent"
        value="language"
        className="min-h-11 rounded-lg px-3 font-medium text-indigo-700 ring-1 ring-slate-300 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 dark:text-indigo-300 dark:ring-slate-700 dark:hover:bg-slate-800"
      >
        {change}
      </button>
    </div>
  );
}

/** The switcher as a form of its own, for pages whose state the server keeps: back to `path`, in the new language. */
export function LanguageForm({
  action,
  path,
  ...fields
}: LanguageSwitcherProps & { action: (formData: FormData) => Promise<void>; path: string }) {
  return (
    <form action={action}>
      <input type="hidden" name="path" value={path} />
      <LanguageFields {...fields} />
    </form>
  );
}
