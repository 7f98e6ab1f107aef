import { z } from 'zod';

export interface SessionLivenessOptions {
  /** Base URL of the auth subgraph's internal API, e.g. `http://127.0.0.1:4001`. */
  authInternalUrl: string;
  /** Sent as `x-internal-secret` so only the router may ask (as for API keys). */
  internalSecret: string;
  timeoutMs?: number;
}

/** The ones of `sessionIds` still signed in; throws when auth cannot answer. */
export type SessionLivenessChecker = (sessionIds: readonly string[]) => Promise<Set<string>>;

/** Auth's limit per request (`MAX_SESSION_IDS` in auth's session-liveness.route.ts). */
const BATCH = 1000;

const answerSchema = z.object({ live: z.array(z.string()) });

/**
 * Asks the auth subgraph (`POST /internal/sessions/live`, authenticated with the internal secret
 * like `/internal/api-keys/verify`) which sign-in sessions are still live, in batches of 1000.
 */
export function createSessionLivenessChecker(
  options: SessionLivenessOptions,
): SessionLivenessChecker {
  const url = new URL('/internal/sessions/live', options.authInternalUrl).toString();
  return async (sessionIds) => {
    const unique = [...new Set(sessionIds)];
    const live = new Set<string>();
    for (let start = 0; start < unique.length; start += BATCH) {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-internal-secret': options.internalSecret,
        },
        body: JSON.stringify({ sessionIds: unique.slice(start, start + BATCH) }),
        signal: AbortSignal.timeout(options.timeoutMs ?? 5_000),
      });
      if (!response.ok) throw new Error(`auth answered ${response.status} to the session check`);
      for (const id of answerSchema.parse(await response.json()).live) live.add(id);
    }
    return live;
  };
}
