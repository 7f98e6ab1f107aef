import { timingSafeEqual } from 'node:crypto';
import express, { type Express } from 'express';
import { z } from 'zod';
import type { ApiKeyService } from './api-key.service';

const body = z.object({ secret: z.string().min(1).max(200) });

function sameSecret(given: string | undefined, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * `POST /internal/api-keys/verify` — the router's way to check an `x-api-key`. Only callers holding
 * the internal secret (the router) may ask; the answer is `{valid:true,userId,apiKeyId}` or `{valid:false}`.
 */
export function mountApiKeyVerificationRoute(
  app: Express,
  service: ApiKeyService,
  internalSecret: string,
): void {
  app.post('/internal/api-keys/verify', express.json({ limit: '4kb' }), async (req, res, next) => {
    try {
      if (!sameSecret(req.header('x-internal-secret'), internalSecret)) {
        res.status(401).json({ error: 'missing or wrong x-internal-secret' });
        return;
      }
      const parsed = body.safeParse(req.body);
      if (!parsed.success) {
        res.status(400).json({ error: 'body must be {"secret": "<api key>"}' });
        return;
      }
      const verified = await service.verify(parsed.data.secret);
      res.json(verified ? { valid: true, ...verified } : { valid: false });
    } catch (error) {
      next(error);
    }
  });
}
