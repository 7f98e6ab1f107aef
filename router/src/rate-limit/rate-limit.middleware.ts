import { clientAddressKey } from '@groovy/common/identity';
import type { Logger } from '@groovy/common/logging';
import type { RequestHandler } from 'express';
import type { Caller, FailedAttemptLimiter } from '../identity/authenticate.middleware';
import { sendGraphQLError } from '../http/graphql-error-response';
import type { BucketPolicy, RateLimitStore } from './rate-limit-store';

export interface RateLimitPolicies {
  anonymous: BucketPolicy;
  user: BucketPolicy;
  apiKey: BucketPolicy;
}

/**
 * Which bucket a caller draws from: its API key, else its user, else its address (an IPv6 client by
 * its /64: clientAddressKey).
 */
export function rateLimitKey(caller: Caller): { key: string; kind: keyof RateLimitPolicies } {
  const identity = caller.identity;
  if (identity?.kind === 'apiKey') return { key: `apiKey:${identity.apiKeyId}`, kind: 'apiKey' };
  if (identity?.kind === 'user') return { key: `user:${identity.userId}`, kind: 'user' };
  return { key: `ip:${clientAddressKey(caller.ip)}`, kind: 'anonymous' };
}

/**
 * Charges what the request's documents weigh (`res.locals.documents.weight`, from
 * `analyseDocuments`: per operation, one token per mutation root field — aliases count — or per
 * RATE_LIMIT_FIELDS_PER_TOKEN fields, at least one); without that analysis, one per operation.
 * Refused → HTTP 429, `Retry-After` and a RATE_LIMITED GraphQL error. Runs after `authenticate`
 * (needs `res.locals.caller`). If the store fails, the request goes through (logged): a broken
 * limiter must not take the API down.
 */
export function rateLimit(
  store: RateLimitStore,
  policies: RateLimitPolicies,
  logger: Logger,
): RequestHandler {
  return async (req, res, next) => {
    const caller = res.locals.caller as Caller;
    const { key, kind } = rateLimitKey(caller);
    const weight = (res.locals.documents as { weight?: number } | undefined)?.weight;
    const cost = weight ?? (Array.isArray(req.body) ? Math.max(1, req.body.length) : 1);
    try {
      const result = await store.take(key, policies[kind], cost);
      res.setHeader('x-ratelimit-remaining', String(result.remaining));
      if (!result.allowed) {
        res.setHeader('retry-after', String(result.retryAfterSeconds));
        sendGraphQLError(
          res,
          429,
          'RATE_LIMITED',
          `Too many requests; try again in ${result.retryAfterSeconds} s.`,
          {
            retryAfterSeconds: result.retryAfterSeconds,
          },
        );
        return;
      }
    } catch (error) {
      logger.error({ err: error }, 'rate limit store failed; letting the request through');
    }
    next();
  };
}

/**
 * Invalid API keys draw from a bucket per address with the anonymous policy, under its own key
 * (`apiKeyFailure:<ip>`, an IPv6 client by its /64): an address gets as many invalid keys as
 * anonymous requests.
 */
export function failedAttemptLimiter(
  store: RateLimitStore,
  policy: BucketPolicy,
): FailedAttemptLimiter {
  const key = (ip: string) => `apiKeyFailure:${clientAddressKey(ip)}`;
  return {
    async blocked(ip) {
      // A zero-cost take refills the bucket and reports what is left without spending anything.
      const { remaining } = await store.take(key(ip), policy, 0);
      return remaining >= 1 ? undefined : Math.max(1, Math.ceil(1 / policy.refillPerSecond));
    },
    async record(ip) {
      await store.take(key(ip), policy, 1);
    },
  };
}
