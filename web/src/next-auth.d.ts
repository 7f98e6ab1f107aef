import type { DefaultSession } from 'next-auth';
import type { GroovyTokenFields } from '@/auth/session-token';

// Module augmentation: what Groovy adds to next-auth's User, Session and JWT.
declare module 'next-auth' {
  interface User {
    /** Set by `authorize` / the Google exchange; copied into the JWT on sign-in. */
    groovy?: GroovyTokenFields;
  }

  interface Session {
    user: {
      id: string;
      displayName: string;
    } & DefaultSession['user'];
    accessToken: string;
    /** Epoch milliseconds. */
    accessTokenExpiresAt: number;
    /** Set when the refresh token was rejected: the user must sign in again. */
    error?: GroovyTokenFields['error'];
  }
}

declare module 'next-auth/jwt' {
  // Optional: a token only has them once sign-in completed.
  interface JWT extends Partial<GroovyTokenFields> {}
}
