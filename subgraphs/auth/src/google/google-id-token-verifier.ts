import { BadUserInputError, UnauthenticatedError } from '@groovy/common/errors';
import { createRemoteJWKSet, jwtVerify } from 'jose';

export interface GoogleIdentity {
  subject: string;
  email: string;
  name: string | null;
  picture: string | null;
}

const GOOGLE_ISSUERS = ['https://accounts.google.com', 'accounts.google.com'];

/**
 * Verifies a Google ID token: signature against Google's JWKS (URL configurable, so tests serve
 * their own keys), issuer, audience (our client id), expiry, and a verified email.
 */
export class GoogleIdTokenVerifier {
  private readonly jwks: ReturnType<typeof createRemoteJWKSet> | null;

  constructor(
    private readonly clientId: string | undefined,
    jwksUrl: string,
  ) {
    this.jwks = clientId ? createRemoteJWKSet(new URL(jwksUrl), { timeoutDuration: 5_000 }) : null;
  }

  async verify(idToken: string): Promise<GoogleIdentity> {
    if (!this.jwks || !this.clientId) {
      throw new BadUserInputError('idToken', 'Google sign-in is not configured on this server');
    }
    if (idToken.length === 0 || idToken.length > 8192) {
      throw new BadUserInputError('idToken', 'Google ID token is missing or too long');
    }
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(idToken, this.jwks, {
        issuer: GOOGLE_ISSUERS,
        audience: this.clientId,
        algorithms: ['RS256'],
      }));
    } catch {
      throw new UnauthenticatedError('Google sign-in failed: the ID token is invalid or expired');
    }
    const { sub, email, email_verified: emailVerified, name, picture } = payload;
    if (typeof sub !== 'string' || typeof email !== 'string' || emailVerified !== true) {
      throw new UnauthenticatedError('Google sign-in needs a Google account with a verified email');
    }
    return {
      subject: sub,
      email,
      name: typeof name === 'string' ? name : null,
      picture: typeof picture === 'string' ? picture : null,
    };
  }
}
