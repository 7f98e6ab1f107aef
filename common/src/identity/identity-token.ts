import { SignJWT, errors as joseErrors, jwtVerify } from 'jose';
import { z } from 'zod';

/**
 * The caller as the router verified it. Subgraphs never see raw credentials: the router checks the
 * access token (JWT from auth) or the API key, then forwards this identity as a short-lived token
 * signed with a secret only the router and the subgraphs share. A subgraph ignores an identity it
 * cannot verify, so calling a subgraph directly with a forged header gets nothing.
 */
export type VerifiedIdentity =
  | { kind: 'user'; userId: string }
  | { kind: 'apiKey'; userId: string; apiKeyId: string };

/** The HTTP header that carries the identity token from the router to subgraphs. */
export const IDENTITY_HEADER = 'x-groovy-identity';

const ISSUER = 'groovy-router';
const AUDIENCE = 'groovy-subgraphs';
const ALGORITHM = 'HS256';

const identityClaims = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('user'), sub: z.string().min(1) }),
  z.object({ kind: z.literal('apiKey'), sub: z.string().min(1), apiKeyId: z.string().min(1) }),
]);

function secretKey(secret: string): Uint8Array {
  if (secret.length < 32) throw new Error('identity token secret must be at least 32 characters');
  return new TextEncoder().encode(secret);
}

/** Signs `identity` for one hop (router → subgraph); valid for `ttlSeconds` (default 60). */
export async function signIdentityToken(
  identity: VerifiedIdentity,
  secret: string,
  ttlSeconds = 60,
): Promise<string> {
  const claims =
    identity.kind === 'apiKey' ? { kind: identity.kind, apiKeyId: identity.apiKeyId } : { kind: identity.kind };
  return new SignJWT(claims)
    .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
    .setSubject(identity.userId)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(secretKey(secret));
}

/** The identity in `token`, or null when it is missing, forged, expired or malformed. */
export async function verifyIdentityToken(
  token: string | undefined,
  secret: string,
): Promise<VerifiedIdentity | null> {
  if (!token) return null;
  try {
    const { payload } = await jwtVerify(token, secretKey(secret), {
      algorithms: [ALGORITHM],
      issuer: ISSUER,
      audience: AUDIENCE,
    });
    const claims = identityClaims.safeParse(payload);
    if (!claims.success) return null;
    return claims.data.kind === 'apiKey'
      ? { kind: 'apiKey', userId: claims.data.sub, apiKeyId: claims.data.apiKeyId }
      : { kind: 'user', userId: claims.data.sub };
  } catch (error) {
    if (error instanceof joseErrors.JOSEError) return null;
    throw error;
  }
}
