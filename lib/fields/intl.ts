/* Building an Intl formatter costs a tenth of a millisecond, using one a microsecond: every page of every request
   builds the same few, so each is built once per process (or browser tab) and kept. */

type FormatterKind<Args extends unknown[], Formatter> = new (...args: Args) => Formatter;

// A handful of languages times a handful of option sets, and the time zones people are in: bounded, but capped anyway.
const MAX_KEPT = 2000;
const kept = new Map<string, unknown>();

/** `new Kind(...args)`, or the one built before with the same arguments. */
export function intl<Args extends unknown[], Formatter>(
  Kind: FormatterKind<Args, Formatter>,
  ...args: Args
): Formatter {
  const key = `${Kind.name} ${JSON.stringify(args)}`;
  const known = kept.get(key);
  if (known) return known as Formatter;
  if (kept.size >= MAX_KEPT) kept.clear();
  const formatter = new Kind(...args);
  kept.set(key, formatter);
  return formatter;
}
