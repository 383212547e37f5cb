import createNextIntlPlugin from 'next-intl/plugin';
import allowedOrigins from './lib/http/allowed-origins.json' with { type: 'json' };

const production = process.env.NODE_ENV === 'production';

// Headers every response carries, pages and files alike. The Content-Security-Policy, which needs a fresh nonce
// per page, is set in proxy.ts.
const securityHeaders = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
  {
    key: 'Permissions-Policy',
    value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=(), otp-credentials=(self)',
  },
  // Browsers ignore HSTS on plain http, so production can always send it; development never does.
  ...(production ? [{ key: 'Strict-Transport-Security', value: 'max-age=63072000; includeSubDomains; preload' }] : []),
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // Without it Next hides the router's headers (`rsc`, `next-router-state-tree`…) from proxy.ts, whose guard must
  // refuse a malformed one: Next's own parser answers it with a 500. The proxy then sees `?_rsc=` too.
  skipProxyUrlNormalize: true,
  // The benchmark's baselines (app/**/*.bench.ts[x]) are routes only in a build made with BENCH_BUILD=1.
  pageExtensions: process.env.BENCH_BUILD === '1' ? ['bench.tsx', 'bench.ts', 'tsx', 'ts'] : ['tsx', 'ts'],
  // PGlite loads its WebAssembly from its own package folder: bundling it breaks that lookup.
  serverExternalPackages: ['@electric-sql/pglite'],
  experimental: {
    serverActions: {
      // Other origins whose server actions run here (behind a proxy that rewrites the host); lib/http reads them too.
      allowedOrigins,
      // proxy.ts turns away declared bodies over 16 KB with a 413; this backstop catches undeclared (chunked) ones.
      bodySizeLimit: '64kb',
    },
  },
  async headers() {
    return [{ source: '/:path*', headers: securityHeaders }];
  },
};

// next-intl finds its per-request configuration (the language and its messages) in i18n/request.ts.
export default createNextIntlPlugin('./i18n/request.ts')(nextConfig);
