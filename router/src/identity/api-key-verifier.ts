import { createHash } from 'node:crypto';
import { z } from 'zod';

export interface ApiKeyVerifierOptions {
  /** Base URL of the auth subgraph's internal API, e.g. `http://127.0.0.1:4001`. */
  authInternalUrl: string;
  /** Sent as `x-internal-secret` so only the router may ask. */
  internalSecret: string;
  /** How long an answer (valid or not) is reused; bounds how long a revoked key keeps working. */
  cacheTtlMs: number;
  /** Most answers kept (oldest dropped first). */
  maxEntries?: number;
  timeoutMs?: number;
  now?: () => number;
}

export type ApiKeyVerdict = { valid: true; userId: string; apiKeyId: string } | { valid: false };

export interface ApiKeyVerifier {
  verify(secret: string): Promise<ApiKeyVerdict>;
}

const verdictSchema = z.union([
  z.object({ valid: z.literal(true), userId: z.string().min(1), apiKeyId: z.string().min(1) }),
  z.object({ valid: z.literal(false) }),
]);

/**
 * Asks the auth subgraph (`POST /internal/api-keys/verify`) whether an API key is valid and caches
 * the answer — valid and invalid alike — for `cacheTtlMs`, keyed by the key's SHA-256 (the secret
 * itself is not kept). Concurrent requests with the same key share one call. A failure to reach
 * auth is thrown (the caller answers 503) and not cached.
 */
export function createApiKeyVerifier(options: ApiKeyVerifierOptions): ApiKeyVerifier {
  const { cacheTtlMs, maxEntries = 10_000, timeoutMs = 5_000, now = Date.now } = options;
  const endpoint = new URL('/internal/api-keys/verify', options.authInternalUrl).toString();
  const cache = new Map<string, { verdict: ApiKeyVerdict; expiresAt: number }>();
  const inFlight = new Map<string, Promise<ApiKeyVerdict>>();

  async function ask(secret: string): Promise<ApiKeyVerdict> {
    const response = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-internal-secret': options.internalSecret },
      body: JSON.stringify({ secret }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!response.ok) throw new Error(`API key verification answered HTTP ${response.status}`);
    return verdictSchema.parse(await response.json());
  }

  return {
    async verify(secret) {
      const key = createHash('sha256').update(secret).digest('base64url');
      const cached = cache.get(key);
      if (cached && cached.expiresAt > now()) return cached.verdict;
      if (cached) cache.delete(key);
      const pending = inFlight.get(key);
      if (pending) return pending;
      const lookup = ask(secret)
        .then((verdict) => {
          cache.set(key, { verdict, expiresAt: now() + cacheTtlMs });
          while (cache.size > maxEntries) cache.delete(cache.keys().next().value!);
          return verdict;
        })
        .finally(() => inFlight.delete(key));
      inFlight.set(key, lookup);
      return lookup;
    },
  };
}
