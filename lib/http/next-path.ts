const BASE = 'http://same-origin.invalid';

/** `value` if it is a path on this site (where to go after signing in), else undefined: never another origin. */
export function safeNextPath(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > 512 || !isSitePath(value)) return undefined;
  // Backslashes and control characters let browsers read "/\evil.com" or "/\t/evil.com" as another host.
  if (/[\\\u0000-\u001f\u007f]/.test(value)) return undefined;
  const url = new URL(value, BASE);
  const path = `${url.pathname}${url.search}${url.hash}`;
  // Dot segments can collapse into a leading "//" ("/.//evil.com" becomes "//evil.com"), so the result is checked too.
  return isSitePath(path) ? path : undefined;
}

// "//host" names another site (and makes the URL parser throw when the host is malformed): a path has one slash.
function isSitePath(value: string) {
  return value.startsWith('/') && !value.startsWith('//');
}
