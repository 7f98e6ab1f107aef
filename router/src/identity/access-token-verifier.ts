import { knownRoles, type Role } from '@groovy/common/identity';
import { createRemoteJWKSet, errors as joseErrors, jwtVerify } from 'jose';
import { ExpiringCache } from './expiring-cache';

export interface AccessTokenVerifierOptions {
  jwksUrl: string;
  issuer: string;
  audience: string;
}

/** The token is forged, expired, malformed or not for us: the caller gets 401. */
export class InvalidAccessTokenError extends Error {
  constructor(readonly reason: string) {
    super(`invalid access token: ${reason}`);
    this.name = 'InvalidAccessTokenError';
  }
}

const VERIFIED_TTL_MS = 60_000;

/** What a valid access token says: the user, and the roles auth granted them when it was signed. */
export interface VerifiedAccessToken {
  userId: string;
  /** Known roles only (an unknown one is dropped); a role granted later shows at the next refresh. */
  roles: readonly Role[];
  /** The sign-in session the token belongs to (`sid`), when auth put one in. */
  sessionId?: string;
}

export type AccessTokenVerifier = (token: string) => Promise<VerifiedAccessToken>;

const TOKEN_ERRORS = [
  joseErrors.JWTExpired,
  joseErrors.JWTClaimValidationFailed,
  joseErrors.JWTInvalid,
  joseErrors.JWSInvalid,
  joseErrors.JWSSignatureVerificationFailed,
  joseErrors.JOSEAlgNotAllowed,
  joseErrors.JOSENotSupported,
  joseErrors.JWKSNoMatchingKey,
  joseErrors.JWKSMultipleMatchingKeys,
];

/**
 * Verifies the auth subgraph's ES256 access tokens against its JWKS (fetched once, cached, and
 * refetched when a token names an unknown key id — at most once per 30 s). Only ES256 is accepted
 * (so `alg: none` and HS256-with-the-public-key tricks fail), with our issuer and audience; `sub`
 * is the user id and `roles` the roles auth signed into it. Failing to reach the JWKS is not the caller's fault and is rethrown as is.
 */
export function createAccessTokenVerifier(
  options: AccessTokenVerifierOptions,
): AccessTokenVerifier {
  const jwks = createRemoteJWKSet(new URL(options.jwksUrl), {
    cooldownDuration: 30_000,
    cacheMaxAge: 10 * 60_000,
  });
  // A token verified once is trusted until it expires (at most VERIFIED_TTL_MS): the signature
  // check is the costly part of a request, and a JWT cannot be revoked before it expires anyway.
  const verified = new ExpiringCache<VerifiedAccessToken>(10_000);
  return async (token) => {
    const known = verified.get(token);
    if (known) return known;
    try {
      const { payload } = await jwtVerify(token, jwks, {
        algorithms: ['ES256'],
        issuer: options.issuer,
        audience: options.audience,
        requiredClaims: ['sub', 'exp'],
      });
      if (!payload.sub) throw new InvalidAccessTokenError('no subject');
      const result: VerifiedAccessToken = {
        userId: payload.sub,
        roles: knownRoles(payload.roles),
        ...(typeof payload.sid === 'string' && payload.sid !== ''
          ? { sessionId: payload.sid }
          : {}),
      };
      const ttlMs = Math.min(VERIFIED_TTL_MS, (payload.exp ?? 0) * 1000 - Date.now());
      if (ttlMs > 0) verified.set(token, result, ttlMs);
      return result;
    } catch (error) {
      if (error instanceof InvalidAccessTokenError) throw error;
      if (TOKEN_ERRORS.some((type) => error instanceof type)) {
        throw new InvalidAccessTokenError((error as Error & { code?: string }).code ?? 'invalid');
      }
      throw error;
    }
  };
}
