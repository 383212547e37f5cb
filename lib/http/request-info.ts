import { getEnv, type Env } from '@/lib/env';
import { headers } from 'next/headers';
import { isIP } from 'node:net';
import 'server-only';
import { stampedPeerAddress } from './peer-address';

/** The key every request whose address cannot be read shares: one budget, never none. */
export const UNREADABLE_CLIENT = 'unreadable';

type ClientEnv = Pick<Env, 'VERCEL' | 'TRUST_PROXY_HEADERS' | 'TRUSTED_PROXY_HOPS'>;

/**
 * Who is asking: the address Stytch takes as a fraud signal (when it can be read), the key the per-client limits
 * count on, the browser, and the visitor's country when the platform or browser says.
 */
export async function getRequestInfo(): Promise<{
  ipAddress?: string;
  clientKey: string;
  userAgent?: string;
  countryHints: string[];
}> {
  const requestHeaders = await headers();
  const ipAddress = clientAddress(requestHeaders, getEnv()) ?? undefined;
  return {
    ipAddress,
    clientKey: ipAddress ? clientKeyOf(ipAddress) : UNREADABLE_CLIENT,
    userAgent: requestHeaders.get('user-agent')?.slice(0, 512) || undefined,
    countryHints: [
      requestHeaders.get('x-vercel-ip-country')?.toUpperCase(),
      ...languageRegions(requestHeaders.get('accept-language')),
    ].filter((country): country is string => !!country && /^[A-Z]{2}$/.test(country)),
  };
}

// Every hop appends the address it was reached from, so only the right-most ones are known to be true: the socket's
// peer, then one per trusted proxy. On Vercel the platform writes the header itself.
export function clientAddress(requestHeaders: Headers, env: ClientEnv): string | null {
  const forwarded = requestHeaders.get('x-forwarded-for');
  if (forwarded && forwarded.length > 1024) return null;
  const forwardedHops = forwarded?.split(',').map((hop) => hop.trim()) ?? [];
  if (env.VERCEL) return normalAddress(forwardedHops.at(-1));
  const peer = stampedPeerAddress(requestHeaders);
  if (!peer) return null;
  const hops = [...forwardedHops, peer];
  const trusted = env.TRUST_PROXY_HEADERS ? env.TRUSTED_PROXY_HOPS : 0;
  return normalAddress(hops[hops.length - 1 - trusted]);
}

function normalAddress(hop: string | undefined): string | null {
  if (!hop) return null;
  const mappedIpv4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(hop)?.[1];
  const address = mappedIpv4 ?? hop;
  return isIP(address) ? address : null;
}

// One IPv6 subscriber gets a whole /64, so that is what one client is.
export function clientKeyOf(address: string): string {
  if (isIP(address) !== 6) return address;
  const canonical = new URL(`http://[${address}]`).hostname.slice(1, -1);
  const [head = '', tail] = canonical.split('::');
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail ? tail.split(':') : [];
  const zeros = tail === undefined ? [] : Array<string>(8 - headGroups.length - tailGroups.length).fill('0');
  return `${[...headGroups, ...zeros, ...tailGroups].slice(0, 4).join(':')}::/64`;
}

function languageRegions(acceptLanguage: string | null): string[] {
  if (!acceptLanguage) return [];
  return acceptLanguage
    .split(',')
    .map((part) => part.split(';')[0]?.trim().split('-')[1]?.toUpperCase())
    .filter((region): region is string => !!region);
}
