import { SignJWT, errors as joseErrors, jwtVerify } from 'jose';
import { z } from 'zod';

/**
 * The caller as the router verified it. Subgraphs never see raw credentials: the router checks the
 * access token (JWT from auth) or the API key, then forwards this identity as a short-lived token
 * signed with a secret only the router and the subgraphs share. A subgraph ignores an identity it
 * cannot verify, so calling a subgraph directly with a forged header gets nothing.
 */
export type VerifiedIdentity =
  | { kind: 'user'; userId: string; roles: readonly Role[] }
  | { kind: 'apiKey'; userId: string; apiKeyId: string; roles: readonly Role[] };

/**
 * What the router signs: an identity whose roles may be left out (none). API-key callers never
 * carry roles (third-party apps do not moderate): the token is signed and read without them.
 */
export type IdentityToSign =
  | { kind: 'user'; userId: string; roles?: readonly Role[] }
  | { kind: 'apiKey'; userId: string; apiKeyId: string; roles?: readonly Role[] };

/**
 * The roles a user may hold (auth stores them, its access token and the router-signed identity
 * carry them). A role the code does not know is dropped wherever roles are read.
 */
export const ROLES = ['MODERATOR'] as const;
export type Role = (typeof ROLES)[number];

/** Whether `value` names a known role. */
export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** The known roles in `value` (an array of anything), each once, in `ROLES` order; the rest dropped. */
export function knownRoles(value: unknown): Role[] {
  if (!Array.isArray(value)) return [];
  return ROLES.filter((role) => value.includes(role));
}

/**
 * Everything a router-signed token says about one request: who the caller is (null = anonymous)
 * and the client's address as the router determined it (its peer, or the `x-forwarded-for` hop
 * its trusted proxies vouched for). Subgraphs take the client address only from here, never from
 * a header the client could set.
 */
export interface RouterClaims {
  identity: VerifiedIdentity | null;
  clientAddress: string | null;
}

/** The HTTP header that carries the identity token from the router to subgraphs. */
export const IDENTITY_HEADER = 'x-groovy-identity';

const ISSUER = 'groovy-router';
const AUDIENCE = 'groovy-subgraphs';
const ALGORITHM = 'HS256';

/** Long enough for any IPv6 text form (with a zone id); anything longer is not an address. */
const MAX_ADDRESS_LENGTH = 64;
const address = z.string().min(1).max(MAX_ADDRESS_LENGTH).optional();

const identityClaims = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('anonymous'), addr: address }),
  z.object({
    kind: z.literal('user'),
    sub: z.string().min(1),
    addr: address,
    roles: z.array(z.unknown()).max(32).optional(),
  }),
  z.object({
    kind: z.literal('apiKey'),
    sub: z.string().min(1),
    apiKeyId: z.string().min(1),
    addr: address,
  }),
]);

function secretKey(secret: string): Uint8Array {
  if (secret.length < 32) throw new Error('identity token secret must be at least 32 characters');
  return new TextEncoder().encode(secret);
}

/**
 * Signs `identity` (null = anonymous) and the client's address for one hop (router → subgraph);
 * valid for `ttlSeconds` (default 60).
 */
export async function signIdentityToken(
  identity: IdentityToSign | null,
  secret: string,
  ttlSeconds = 60,
  clientAddress?: string | null,
): Promise<string> {
  const addr = clientAddress ? { addr: clientAddress.slice(0, MAX_ADDRESS_LENGTH) } : {};
  const claims =
    identity === null
      ? { kind: 'anonymous', ...addr }
      : identity.kind === 'apiKey'
        ? { kind: identity.kind, apiKeyId: identity.apiKeyId, ...addr }
        : { kind: identity.kind, ...addr, ...rolesClaim(identity.roles) };
  const token = new SignJWT(claims)
    .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`);
  if (identity) token.setSubject(identity.userId);
  return token.sign(secretKey(secret));
}

function rolesClaim(roles: readonly Role[] | undefined): { roles?: Role[] } {
  const known = knownRoles(roles);
  return known.length > 0 ? { roles: known } : {};
}

/**
 * What a router-signed `token` says (caller and client address), or null when the token is
 * missing, forged, expired or malformed: such a request did not come through the router.
 */
export async function verifyRouterToken(
  token: string | undefined,
  secret: string,
): Promise<RouterClaims | null> {
  if (!token) return null;
  try {
    const { payload } = await jwtVerify(token, secretKey(secret), {
      algorithms: [ALGORITHM],
      issuer: ISSUER,
      audience: AUDIENCE,
    });
    const claims = identityClaims.safeParse(payload);
    if (!claims.success) return null;
    const clientAddress = claims.data.addr ?? null;
    switch (claims.data.kind) {
      case 'anonymous':
        return { identity: null, clientAddress };
      case 'apiKey':
        return {
          identity: {
            kind: 'apiKey',
            userId: claims.data.sub,
            apiKeyId: claims.data.apiKeyId,
            roles: [],
          },
          clientAddress,
        };
      case 'user':
        return {
          identity: { kind: 'user', userId: claims.data.sub, roles: knownRoles(claims.data.roles) },
          clientAddress,
        };
    }
  } catch (error) {
    if (error instanceof joseErrors.JOSEError) return null;
    throw error;
  }
}

/** The caller in `token`, or null when it is anonymous, missing, forged, expired or malformed. */
export async function verifyIdentityToken(
  token: string | undefined,
  secret: string,
): Promise<VerifiedIdentity | null> {
  return (await verifyRouterToken(token, secret))?.identity ?? null;
}
