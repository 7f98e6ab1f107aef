import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import { OAuth2Client } from 'google-auth-library';

export type PushAuthentication = { ok: true } | { ok: false; reason: string };

/** Decides whether a request to the push endpoint really comes from our Pub/Sub push subscription. */
export interface PushAuthenticator {
  readonly kind: 'oidc' | 'token';
  authenticate(req: Request): Promise<PushAuthentication>;
}

export interface OidcPushOptions {
  /** The audience the push subscription puts in its tokens (by default the endpoint's URL). */
  audience: string;
  /** The service account the push subscription signs its tokens as. */
  serviceAccountEmail: string;
  /** A ready client (tests stub its certificate fetch); otherwise one that fetches Google's certificates. */
  client?: OAuth2Client;
}

/** The issuer of Google-signed OIDC tokens (with and without its scheme, as Google writes both). */
const GOOGLE_ISSUERS = ['accounts.google.com', 'https://accounts.google.com'];

/** A refusal reason fit for a log line: no token in it (the library's messages quote the JWT). */
function reasonOf(error: unknown): string {
  return `token refused: ${String((error as Error)?.message ?? error)
    .replace(/[\w-]+\.[\w-]+\.[\w-]+/g, '<token>')
    .slice(0, 200)}`;
}

/**
 * Production: Pub/Sub's authenticated push. Each push carries `Authorization: Bearer <OIDC token>`
 * signed by Google for the subscription's service account; the token must verify against Google's
 * certificates, be issued by accounts.google.com, unexpired, for `audience`, and name the configured
 * service account as a verified email.
 */
export function oidcPushAuthenticator(options: OidcPushOptions): PushAuthenticator {
  const client = options.client ?? new OAuth2Client({ issuers: GOOGLE_ISSUERS });
  return {
    kind: 'oidc',
    async authenticate(req) {
      const match = /^Bearer\s+(\S+)$/i.exec(req.header('authorization') ?? '');
      if (!match) return { ok: false, reason: 'no bearer token' };
      let payload;
      try {
        // Checks the signature, expiry, audience and issuer (accounts.google.com).
        payload = (
          await client.verifyIdToken({ idToken: match[1]!, audience: options.audience })
        ).getPayload();
      } catch (error) {
        return { ok: false, reason: reasonOf(error) };
      }
      if (!payload) return { ok: false, reason: 'token without claims' };
      // Checked here too: a client built elsewhere may allow more issuers.
      if (!GOOGLE_ISSUERS.includes(payload.iss))
        return { ok: false, reason: `token of another issuer (${payload.iss})` };
      if (payload.email !== options.serviceAccountEmail || payload.email_verified !== true) {
        return { ok: false, reason: `token of another account (${String(payload.email)})` };
      }
      return { ok: true };
    },
  };
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * The embedded and dev path (a Pub/Sub emulator cannot sign tokens): a shared secret in the push
 * endpoint's URL (`?token=…`, as Pub/Sub push subscriptions are configured) or in the
 * `x-groovy-push-token` header, compared in constant time.
 */
export function sharedTokenPushAuthenticator(token: string): PushAuthenticator {
  const expected = digest(token);
  return {
    kind: 'token',
    async authenticate(req) {
      const fromQuery = req.query.token;
      const provided =
        typeof fromQuery === 'string' ? fromQuery : req.header('x-groovy-push-token');
      if (!provided) return { ok: false, reason: 'no push token' };
      // Digests have one length, so the comparison takes the same time whatever was sent.
      return timingSafeEqual(digest(provided), expected)
        ? { ok: true }
        : { ok: false, reason: 'wrong push token' };
    },
  };
}
