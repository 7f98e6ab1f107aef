import path from 'node:path';
import type { NextConfig } from 'next';
import { STATIC_SECURITY_HEADERS } from './src/security/content-security-policy';

// The monorepo root holds the lockfile and node_modules; say so instead of letting Next guess.
const monorepoRoot = path.join(__dirname, '..');

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  turbopack: { root: monorepoRoot },
  outputFileTracingRoot: monorepoRoot,
  // On every response, static files and API routes included. The per-page Content-Security-Policy
  // (with its nonce) is added by the proxy (src/proxy.ts).
  headers: async () => [{ source: '/:path*', headers: [...STATIC_SECURITY_HEADERS] }],
};

export default nextConfig;
