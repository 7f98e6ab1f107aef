import path from 'node:path';
import type { NextConfig } from 'next';

// The monorepo root holds the lockfile and node_modules; say so instead of letting Next guess.
const monorepoRoot = path.join(__dirname, '..');

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  turbopack: { root: monorepoRoot },
  outputFileTracingRoot: monorepoRoot,
};

export default nextConfig;
