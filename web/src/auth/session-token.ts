import type { AuthPayloadFields } from './auth.operations';

/** Refresh when the access token has less than this left (the jwt callback's margin). */
export const REFRESH_MARGIN_MS = 30_000;
/** The proxy refreshes a little earlier, so server components always see a fresh token. */
export const PROXY_REFRESH_MARGIN_MS = 60_000;

export const REFRESH_FAILED = 'RefreshAccessTokenError' as const;

/** The fields Groovy keeps in the next-auth JWT (see next-auth.d.ts for the augmentation). */
export interface GroovyTokenFields {
  userId: string;
  displayName: string;
  avatarUrl: string | null;
  accessToken: string;
  refreshToken: string;
  /** Epoch milliseconds. */
  accessTokenExpiresAt: number;
  error?: typeof REFRESH_FAILED;
}

/** Parses the API's DateTime; an unparsable value counts as "expires now" so it gets refreshed. */
export function parseExpiry(value: string, now: number): number {
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? ms : now;
}

export function tokenFieldsFromPayload(
  payload: AuthPayloadFields,
  now: number = Date.now(),
): GroovyTokenFields {
  return {
    userId: payload.user.id,
    displayName: payload.user.displayName,
    avatarUrl: payload.user.avatarUrl,
    accessToken: payload.accessToken,
    refreshToken: payload.refreshToken,
    accessTokenExpiresAt: parseExpiry(payload.accessTokenExpiresAt, now),
  };
}

/**
 * The refresh decision: refresh when a refresh token exists, the session is not already failed, and the
 * access token expires within `marginMs` (or has no known expiry).
 */
export function shouldRefreshAccessToken(
  token: Partial<Pick<GroovyTokenFields, 'refreshToken' | 'accessTokenExpiresAt' | 'error'>>,
  now: number,
  marginMs: number = REFRESH_MARGIN_MS,
): boolean {
  if (!token.refreshToken || token.error) return false;
  if (
    typeof token.accessTokenExpiresAt !== 'number' ||
    !Number.isFinite(token.accessTokenExpiresAt)
  )
    return true;
  return token.accessTokenExpiresAt - now <= marginMs;
}

export type RefreshSession = (refreshToken: string) => Promise<AuthPayloadFields>;

export interface RefreshOutcome<T> {
  token: T;
  refreshed: boolean;
}

// Refresh tokens rotate: two concurrent refreshes with the same token would make the second fail
// (or trip reuse detection). Requests arriving together in this process share one refresh.
const inFlight = new Map<string, Promise<AuthPayloadFields>>();

export interface RefreshOptions {
  now?: () => number;
  /**
   * Failures for which the refresh token is still good (router unreachable): the token is kept as it
   * is and the refresh is retried on the next request instead of signing the user out.
   */
  isTransient?: (error: unknown) => boolean;
}

/**
 * Refreshes `token` via `refreshSession`, storing the rotated pair. When the router rejects the
 * refresh token the result carries `error`, which sends the user back to sign-in.
 */
export async function refreshToken<T extends Partial<GroovyTokenFields>>(
  token: T,
  refreshSession: RefreshSession,
  { now = Date.now, isTransient = () => false }: RefreshOptions = {},
): Promise<T> {
  const current = token.refreshToken;
  if (!current) return { ...token, error: REFRESH_FAILED };
  let pending = inFlight.get(current);
  if (!pending) {
    pending = refreshSession(current);
    inFlight.set(current, pending);
    // Keep the settled promise briefly so near-simultaneous requests reuse its result.
    const forget = () => setTimeout(() => inFlight.delete(current), 10_000).unref?.();
    pending.then(forget, forget);
  }
  try {
    const payload = await pending;
    const fields = tokenFieldsFromPayload(payload, now());
    const next: T = { ...token, ...fields };
    delete next.error;
    return next;
  } catch (error) {
    if (isTransient(error)) return token;
    return { ...token, error: REFRESH_FAILED };
  }
}
