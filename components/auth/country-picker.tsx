import type { UseFormRegisterReturn } from 'react-hook-form';

/** A country of the list: `label` is its option's words ("Canada (+1)"), in the reader's language. */
export type CountryOption = { code: string; label: string; callingCode: string; flag: string; example?: string };

type CountryPickerProps = {
  countries: CountryOption[];
  selected: CountryOption | undefined;
  field: UseFormRegisterReturn<'country'>;
  /** Selected in the server's HTML too, for a page without JavaScript. */
  defaultCountry: string;
  label: string;
};

/**
 * A compact trigger ("🇨🇦 +1") over the native select, which stays the control: it opens the platform's own list,
 * works without JS and reads its full option ("Canada (+1)") to screen readers, while the number keeps the room.
 */
export function CountryPicker({ countries, selected, field, defaultCountry, label }: CountryPickerProps) {
  return (
    <div className="relative shrink-0">
      <label htmlFor="country" className="sr-only">
        {label}
      </label>
      <select
        id="country"
        autoComplete="country"
        defaultValue={defaultCountry}
        className="peer absolute inset-0 size-full cursor-pointer appearance-none opacity-0"
        {...field}
      >
        {countries.map((country) => (
          <option key={country.code} value={country.code}>
            {country.label}
          </option>
        ))}
      </select>
      <span
        aria-hidden="true"
        className="flex min-h-11 items-center gap-1.5 rounded-lg border border-slate-300 bg-white px-2.5 text-base whitespace-nowrap text-slate-900 tabular-nums shadow-xs peer-focus-visible:border-indigo-600 peer-focus-visible:outline-2 peer-focus-visible:outline-indigo-600/30 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
      >
        <span>{selected?.flag}</span>
        <span>+{selected?.callingCode}</span>
        <svg viewBox="0 0 20 20" className="size-4 text-slate-500" fill="currentColor">
          <path d="M5.5 7.5 10 12l4.5-4.5" fill="none" stroke="currentColor" strokeWidth="1.75" />
        </svg>
      </span>
    </div>
  );
}
