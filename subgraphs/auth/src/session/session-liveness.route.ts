import { timingSafeEqual } from 'node:crypto';
import express, { type Express } from 'express';
import { z } from 'zod';
import type { SessionService } from './session.service';

/** At most this many session ids per request (the router batches its open connections). */
export const MAX_SESSION_IDS = 1000;

const body = z.object({ sessionIds: z.array(z.string().min(1).max(100)).max(MAX_SESSION_IDS) });

function sameSecret(given: string | undefined, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * `POST /internal/sessions/live` — the router's batched check of the sign-in sessions (`sid` of
 * access tokens) its long-lived connections belong to. Only callers holding the internal secret
 * (the router) may ask, as for `/internal/api-keys/verify`; the answer is `{live: [ids still
 * signed in]}`.
 */
export function mountSessionLivenessRoute(
  app: Express,
  sessions: SessionService,
  internalSecret: string,
): void {
  app.post('/internal/sessions/live', express.json({ limit: '128kb' }), async (req, res, next) => {
    try {
      if (!sameSecret(req.header('x-internal-secret'), internalSecret)) {
        res.status(401).json({ error: 'missing or wrong x-internal-secret' });
        return;
      }
      const parsed = body.safeParse(req.body);
      if (!parsed.success) {
        res
          .status(400)
          .json({ error: `body must be {"sessionIds": [at most ${MAX_SESSION_IDS} ids]}` });
        return;
      }
      res.json({ live: await sessions.liveSessions(parsed.data.sessionIds) });
    } catch (error) {
      next(error);
    }
  });
}
