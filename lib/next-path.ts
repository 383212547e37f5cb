const BASE = 'http://same-origin.invalid';

/** `value` if it is a path on this site (where to go after signing in), else undefined: never another origin. */
export function safeNextPath(value: unknown): string | undefined {
  if (typeof value !== 'string' || !value.startsWith('/') || value.length > 512) return undefined;
  // Backslashes and control characters let browsers read "/\evil.com" or "/\t/evil.com" as another host.
  if (/[\\\u0000-\u001f\u007f]/.test(value)) return undefined;
  const url = new URL(value, BASE);
  if (url.origin !== BASE) return undefined;
  return `${url.pathname}${url.search}${url.hash}`;
}
