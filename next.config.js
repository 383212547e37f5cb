/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // PGlite loads its WebAssembly from its own package folder: bundling it breaks that lookup.
  serverExternalPackages: ['@electric-sql/pglite'],
};

export default nextConfig;
