import { getEnv } from '@/lib/env';
import { headers } from 'next/headers';
import 'server-only';

/** Who is asking: the fraud signals Stytch takes, and the visitor's country when the platform or browser says. */
export async function getRequestInfo(): Promise<{ ipAddress?: string; userAgent?: string; countryHints: string[] }> {
  const requestHeaders = await headers();
  return {
    ipAddress: clientIp(requestHeaders),
    userAgent: requestHeaders.get('user-agent')?.slice(0, 512) || undefined,
    countryHints: [
      requestHeaders.get('x-vercel-ip-country')?.toUpperCase(),
      ...languageRegions(requestHeaders.get('accept-language')),
    ].filter((country): country is string => !!country && /^[A-Z]{2}$/.test(country)),
  };
}

// On Vercel the platform sets x-forwarded-for itself (the left-most address is the client); elsewhere it is only
// trusted behind the operator's own proxy (TRUST_PROXY_HEADERS), since a client could write it.
function clientIp(requestHeaders: Headers): string | undefined {
  const { VERCEL, TRUST_PROXY_HEADERS } = getEnv();
  if (!VERCEL && !TRUST_PROXY_HEADERS) return undefined;
  const forwarded = requestHeaders.get('x-forwarded-for')?.split(',')[0]?.trim();
  return forwarded && forwarded.length <= 64 ? forwarded : undefined;
}

function languageRegions(acceptLanguage: string | null): string[] {
  if (!acceptLanguage) return [];
  return acceptLanguage
    .split(',')
    .map((part) => part.split(';')[0]?.trim().split('-')[1]?.toUpperCase())
    .filter((region): region is string => !!region);
}
