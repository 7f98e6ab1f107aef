import { randomUUID } from 'node:crypto';
import { knownRoles, type Role } from '@groovy/common/identity';
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK, type KeyLike } from 'jose';
import type { SigningKeyModel } from './signing-key.model';

const ALGORITHM = 'ES256';

export interface AccessTokenSettings {
  issuer: string;
  audience: string;
  ttlSeconds: number;
}

export interface SignedAccessToken {
  token: string;
  expiresAt: Date;
}

/**
 * Signs access tokens (ES256 JWTs) and publishes the public key as a JWKS, so the router verifies
 * tokens without calling auth. The key comes from AUTH_SIGNING_KEY, or is generated once and kept
 * in the auth database so every replica and restart shares it.
 */
export class AccessTokenSigner {
  private constructor(
    private readonly privateKey: KeyLike | Uint8Array,
    private readonly publicJwk: JWK,
    private readonly settings: AccessTokenSettings,
  ) {}

  static async create(
    settings: AccessTokenSettings,
    configuredKey: string | undefined,
    keys: SigningKeyModel,
  ): Promise<AccessTokenSigner> {
    const privateJwk = configuredKey
      ? parseConfiguredKey(configuredKey)
      : await storedOrGeneratedKey(keys);
    const privateKey = await importJWK(privateJwk, ALGORITHM);
    const { d: _private, ...publicJwk } = privateJwk;
    return new AccessTokenSigner(
      privateKey,
      { ...publicJwk, alg: ALGORITHM, use: 'sig' },
      settings,
    );
  }

  /** An access token for `userId`, carrying the known ones of `roles` (claim left out when none). */
  async sign(userId: string, roles: readonly Role[] = []): Promise<SignedAccessToken> {
    // Whole seconds, as JWTs carry them, so `accessTokenExpiresAt` equals the token's `exp` exactly.
    const issuedAt = Math.floor(Date.now() / 1000);
    const expiresAt = new Date((issuedAt + this.settings.ttlSeconds) * 1000);
    const granted = knownRoles(roles);
    const token = await new SignJWT(granted.length > 0 ? { roles: granted } : {})
      .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT', kid: this.publicJwk.kid! })
      .setSubject(userId)
      .setIssuer(this.settings.issuer)
      .setAudience(this.settings.audience)
      .setIssuedAt(issuedAt)
      .setJti(randomUUID())
      .setExpirationTime(issuedAt + this.settings.ttlSeconds)
      .sign(this.privateKey);
    return { token, expiresAt };
  }

  /** The JSON Web Key Set served at `/.well-known/jwks.json`. */
  jwks(): { keys: JWK[] } {
    return { keys: [this.publicJwk] };
  }
}

function parseConfiguredKey(value: string): JWK {
  let jwk: JWK;
  try {
    jwk = JSON.parse(value) as JWK;
  } catch {
    throw new Error('AUTH_SIGNING_KEY must be a private EC P-256 JWK as JSON');
  }
  if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || !jwk.d) {
    throw new Error('AUTH_SIGNING_KEY must be a private EC P-256 JWK (kty EC, crv P-256, with d)');
  }
  return { ...jwk, kid: jwk.kid ?? 'configured' };
}

async function storedOrGeneratedKey(keys: SigningKeyModel): Promise<JWK> {
  const existing = await keys.findById('current').lean();
  if (existing) return JSON.parse(existing.privateJwk) as JWK;
  const { privateKey } = await generateKeyPair(ALGORITHM, { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), kid: randomUUID() };
  try {
    await keys.create({
      _id: 'current',
      kid: jwk.kid,
      privateJwk: JSON.stringify(jwk),
      createdAt: new Date(),
    });
    return jwk;
  } catch (error) {
    // Another replica generated one at the same moment: use theirs.
    if ((error as { code?: number }).code !== 11000) throw error;
    const winner = await keys.findById('current').lean();
    return JSON.parse(winner!.privateJwk) as JWK;
  }
}
