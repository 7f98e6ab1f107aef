import NextAuth, {
  getServerSession,
  type NextAuthOptions,
  type Session,
  type User,
} from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import GoogleProvider from 'next-auth/providers/google';
import type { JWT } from 'next-auth/jwt';
import { headers } from 'next/headers';
import type { NextRequest } from 'next/server';
import { cache } from 'react';
import { getEnvironment } from '@/environment';
import {
  LOGIN,
  LOGOUT,
  REFRESH_SESSION,
  REGISTER,
  SIGN_IN_WITH_GOOGLE,
  type AuthPayloadFields,
} from '@/auth/auth.operations';
import { encodeAuthError, formErrorsFromRouterFailure } from '@/auth/auth-error-codec';
import { forwardedForOf } from '@/auth/forwarded-for';
import { executeOnRouter, RouterGraphQLError, RouterUnavailableError } from '@/auth/router-request';
import {
  refreshToken,
  shouldRefreshAccessToken,
  tokenFieldsFromPayload,
} from '@/auth/session-token';

/**
 * next-auth (v4) configuration: the only place that knows how Groovy signs people in.
 * Sessions are JWTs in an encrypted, httpOnly cookie holding the router's access/refresh pair.
 */

function userFromPayload(payload: AuthPayloadFields, email: string | null): User {
  return {
    id: payload.user.id,
    name: payload.user.displayName,
    email,
    image: payload.user.avatarUrl,
    groovy: tokenFieldsFromPayload(payload),
  };
}

function credential(credentials: Record<string, string> | undefined, key: string): string {
  const value = credentials?.[key];
  return typeof value === 'string' ? value : '';
}

/** One log line for an unreachable router (message plus the root cause's code), not a stack dump. */
function describeFailure(error: Error): string {
  let cause: unknown = error.cause;
  let detail = '';
  while (cause instanceof Error) {
    const code = (cause as Error & { code?: unknown }).code;
    detail = typeof code === 'string' ? code : cause.message;
    cause = cause.cause;
  }
  return detail ? `${error.message} (${detail})` : error.message;
}

async function callRouterForSignIn<T>(
  run: (url: string) => Promise<T>,
  knownFields: readonly string[],
): Promise<T> {
  try {
    return await run(getEnvironment().graphqlUrl);
  } catch (error) {
    if (error instanceof RouterUnavailableError)
      console.error(`[web] sign-in: ${describeFailure(error)}`);
    else if (!(error instanceof RouterGraphQLError))
      console.error('[web] sign-in: router call failed', error);
    throw new Error(
      encodeAuthError(
        formErrorsFromRouterFailure(error, {
          knownFields,
          byCode: { UNAUTHENTICATED: 'Wrong email or password.' },
        }),
      ),
    );
  }
}

/**
 * The browser's `x-forwarded-for` for this request (route handlers and server components), so the
 * router throttles the browser, not the web server; undefined outside a request.
 */
async function browserForwardedFor(): Promise<string | undefined> {
  try {
    return forwardedForOf(await headers());
  } catch {
    return undefined;
  }
}

export async function refreshSessionOnRouter(
  refresh: string,
  forwardedFor?: string,
): Promise<AuthPayloadFields> {
  const data = await executeOnRouter(
    REFRESH_SESSION,
    { refreshToken: refresh },
    {
      url: getEnvironment().graphqlUrl,
      forwardedFor: forwardedFor ?? (await browserForwardedFor()),
    },
  );
  return data.refreshSession;
}

export const isTransientRouterFailure = (error: unknown) => error instanceof RouterUnavailableError;

/** Applies the refresh decision to a JWT; shared by the jwt callback and the proxy. */
export async function refreshIfNeeded(
  token: JWT,
  marginMs?: number,
  forwardedFor?: string,
): Promise<JWT> {
  if (!shouldRefreshAccessToken(token, Date.now(), marginMs)) return token;
  const refresh = (value: string) => refreshSessionOnRouter(value, forwardedFor);
  const next = await refreshToken(token, refresh, {
    isTransient: isTransientRouterFailure,
  });
  if (next.error) console.warn('[web] refreshSession failed: the user must sign in again');
  return next;
}

function buildAuthOptions(): NextAuthOptions {
  const env = getEnvironment();
  const providers: NextAuthOptions['providers'] = [
    CredentialsProvider({
      id: 'credentials',
      name: 'Email and password',
      credentials: {
        email: { label: 'Email', type: 'email' },
        password: { label: 'Password', type: 'password' },
      },
      async authorize(credentials, req) {
        const email = credential(credentials, 'email').trim();
        const password = credential(credentials, 'password');
        const forwardedFor = forwardedForOf(req?.headers);
        const data = await callRouterForSignIn(
          (url) => executeOnRouter(LOGIN, { email, password }, { url, forwardedFor }),
          ['email', 'password'],
        );
        return userFromPayload(data.login, email);
      },
    }),
    CredentialsProvider({
      id: 'register',
      name: 'Sign up',
      credentials: {
        email: { label: 'Email', type: 'email' },
        password: { label: 'Password', type: 'password' },
        displayName: { label: 'Display name', type: 'text' },
      },
      async authorize(credentials, req) {
        const forwardedFor = forwardedForOf(req?.headers);
        const input = {
          email: credential(credentials, 'email').trim(),
          password: credential(credentials, 'password'),
          displayName: credential(credentials, 'displayName').trim(),
        };
        const data = await callRouterForSignIn(
          (url) => executeOnRouter(REGISTER, { input }, { url, forwardedFor }),
          ['email', 'password', 'displayName'],
        );
        return userFromPayload(data.register, input.email);
      },
    }),
  ];
  if (env.google) {
    providers.push(
      GoogleProvider({ clientId: env.google.clientId, clientSecret: env.google.clientSecret }),
    );
  }

  return {
    secret: env.nextAuthSecret,
    session: { strategy: 'jwt', maxAge: 30 * 24 * 60 * 60 },
    pages: { signIn: '/signin', error: '/signin' },
    providers,
    callbacks: {
      async signIn({ user, account }) {
        if (account?.provider !== 'google') return true;
        // Exchange Google's ID token for Groovy's own token pair.
        if (!account.id_token) return '/signin?error=GoogleSignInFailed';
        try {
          const data = await executeOnRouter(
            SIGN_IN_WITH_GOOGLE,
            { idToken: account.id_token },
            { url: env.graphqlUrl, forwardedFor: await browserForwardedFor() },
          );
          // next-auth passes this same object to the jwt callback as `user` (JWT strategy, no adapter).
          Object.assign(user, userFromPayload(data.signInWithGoogle, user.email ?? null));
          return true;
        } catch (error) {
          console.error(
            '[web] signInWithGoogle failed:',
            error instanceof Error ? describeFailure(error) : error,
          );
          return error instanceof RouterUnavailableError
            ? '/signin?error=GoogleUnavailable'
            : '/signin?error=GoogleSignInFailed';
        }
      },
      async jwt({ token, user, trigger, session }) {
        if (user?.groovy) {
          // First call after sign-in: keep the router's pair and the user's public profile.
          return {
            ...token,
            ...user.groovy,
            email: user.email ?? token.email ?? null,
            error: undefined,
          };
        }
        if (
          trigger === 'update' &&
          session &&
          typeof session === 'object' &&
          'displayName' in session
        ) {
          const displayName = (session as { displayName?: unknown }).displayName;
          if (typeof displayName === 'string' && displayName.trim() !== '') {
            token.displayName = displayName.trim();
            token.name = token.displayName;
          }
        }
        return refreshIfNeeded(token);
      },
      async session({ session, token }): Promise<Session> {
        return {
          ...session,
          user: {
            id: token.userId ?? token.sub ?? '',
            displayName: token.displayName ?? token.name ?? '',
            name: token.displayName ?? token.name ?? null,
            email: token.email ?? null,
            image: token.avatarUrl ?? null,
          },
          // The browser's Apollo client calls the router directly with this bearer token. The refresh
          // token never leaves the encrypted, httpOnly session cookie.
          accessToken: token.accessToken ?? '',
          accessTokenExpiresAt: token.accessTokenExpiresAt ?? 0,
          ...(token.error ? { error: token.error } : {}),
        };
      },
    },
    events: {
      async signOut({ token }) {
        // Revoke the refresh token on the router; signing out locally succeeds regardless.
        if (!token?.refreshToken) return;
        try {
          await executeOnRouter(
            LOGOUT,
            { refreshToken: token.refreshToken },
            { url: env.graphqlUrl, timeoutMs: 5_000, forwardedFor: await browserForwardedFor() },
          );
        } catch (error) {
          const reason = error instanceof Error ? describeFailure(error) : String(error);
          console.warn(
            `[web] logout on the router failed (${reason}); the local session is cleared anyway`,
          );
        }
      },
    },
  };
}

let options: NextAuthOptions | undefined;

/** Built on first use so `next build` never needs runtime secrets. */
export function getAuthOptions(): NextAuthOptions {
  options ??= buildAuthOptions();
  return options;
}

type RouteContext = { params: Promise<{ nextauth: string[] }> };

/** The App Router handler for /api/auth/*. */
export async function handler(req: NextRequest, context: RouteContext): Promise<Response> {
  const nextAuth = NextAuth(getAuthOptions()) as (
    req: NextRequest,
    ctx: RouteContext,
  ) => Promise<Response>;
  return nextAuth(req, context);
}

/**
 * The session in server components (null when signed out). Memoised per request with React's
 * `cache`, so the layout, header and page share one decode (and at most one refresh).
 */
export const auth = cache((): Promise<Session | null> => getServerSession(getAuthOptions()));
