import {
  REFRESH_FAILED,
  REFRESH_MARGIN_MS,
  refreshToken,
  shouldRefreshAccessToken,
  tokenFieldsFromPayload,
  type GroovyTokenFields,
} from '../session-token';
import type { AuthPayloadFields } from '../auth.operations';

const NOW = Date.parse('2026-01-01T12:00:00Z');

function payload(n: number, expiresAt = '2026-01-01T12:15:00Z'): AuthPayloadFields {
  return {
    __typename: 'AuthPayload',
    accessToken: `access-${n}`,
    refreshToken: `refresh-${n}`,
    accessTokenExpiresAt: expiresAt,
    user: { __typename: 'User', id: 'u1', displayName: `Ada ${n}`, avatarUrl: null },
  };
}

describe('shouldRefreshAccessToken', () => {
  const base = { refreshToken: 'r' };
  it('does not refresh a token with plenty of time left', () => {
    expect(shouldRefreshAccessToken({ ...base, accessTokenExpiresAt: NOW + 5 * 60_000 }, NOW)).toBe(
      false,
    );
  });
  it('refreshes within the 30 s margin', () => {
    expect(
      shouldRefreshAccessToken({ ...base, accessTokenExpiresAt: NOW + REFRESH_MARGIN_MS }, NOW),
    ).toBe(true);
    expect(shouldRefreshAccessToken({ ...base, accessTokenExpiresAt: NOW + 29_000 }, NOW)).toBe(
      true,
    );
    expect(shouldRefreshAccessToken({ ...base, accessTokenExpiresAt: NOW + 31_000 }, NOW)).toBe(
      false,
    );
  });
  it('refreshes an already expired token', () => {
    expect(shouldRefreshAccessToken({ ...base, accessTokenExpiresAt: NOW - 1 }, NOW)).toBe(true);
  });
  it('refreshes when the expiry is unknown', () => {
    expect(shouldRefreshAccessToken({ ...base }, NOW)).toBe(true);
  });
  it('never refreshes without a refresh token or after a failed refresh', () => {
    expect(shouldRefreshAccessToken({ accessTokenExpiresAt: NOW - 1 }, NOW)).toBe(false);
    expect(
      shouldRefreshAccessToken(
        { ...base, accessTokenExpiresAt: NOW - 1, error: REFRESH_FAILED },
        NOW,
      ),
    ).toBe(false);
  });
  it('honours a custom margin (the proxy refreshes earlier)', () => {
    expect(
      shouldRefreshAccessToken({ ...base, accessTokenExpiresAt: NOW + 45_000 }, NOW, 60_000),
    ).toBe(true);
  });
});

describe('tokenFieldsFromPayload', () => {
  it('keeps the pair and turns the DateTime into epoch ms', () => {
    expect(tokenFieldsFromPayload(payload(1), NOW)).toEqual({
      userId: 'u1',
      displayName: 'Ada 1',
      avatarUrl: null,
      accessToken: 'access-1',
      refreshToken: 'refresh-1',
      accessTokenExpiresAt: Date.parse('2026-01-01T12:15:00Z'),
    });
  });
  it('treats an unparsable expiry as expiring now', () => {
    expect(tokenFieldsFromPayload(payload(1, 'not a date'), NOW).accessTokenExpiresAt).toBe(NOW);
  });
});

describe('refreshToken', () => {
  it('stores the rotated pair and keeps other JWT claims', async () => {
    const token = {
      sub: 'u1',
      email: 'ada@example.com',
      ...tokenFieldsFromPayload(payload(1), NOW),
    };
    const refresh = jest.fn(async () => payload(2, '2026-01-01T12:30:00Z'));
    const next = await refreshToken(token, refresh, { now: () => NOW });
    expect(refresh).toHaveBeenCalledWith('refresh-1');
    expect(next).toMatchObject({
      sub: 'u1',
      email: 'ada@example.com',
      accessToken: 'access-2',
      refreshToken: 'refresh-2',
      accessTokenExpiresAt: Date.parse('2026-01-01T12:30:00Z'),
    });
    expect(next.error).toBeUndefined();
  });

  it('marks the token when the router rejects the refresh token', async () => {
    const token = tokenFieldsFromPayload(payload(3), NOW);
    const next = await refreshToken(token, async () => {
      throw new Error('UNAUTHENTICATED');
    });
    expect(next.error).toBe(REFRESH_FAILED);
    expect(next.accessToken).toBe('access-3');
  });

  it('keeps the token unchanged on a transient failure (router down)', async () => {
    const token = tokenFieldsFromPayload(payload(4), NOW);
    const transient = new Error('ECONNREFUSED');
    const next = await refreshToken(
      token,
      async () => {
        throw transient;
      },
      { isTransient: (e) => e === transient },
    );
    expect(next).toBe(token);
  });

  it('shares one refresh between concurrent callers holding the same refresh token', async () => {
    const token = tokenFieldsFromPayload(payload(5), NOW);
    let calls = 0;
    const refresh = async () => {
      calls += 1;
      await new Promise((r) => setTimeout(r, 5));
      return payload(6);
    };
    const [a, b] = await Promise.all([refreshToken(token, refresh), refreshToken(token, refresh)]);
    expect(calls).toBe(1);
    expect(a.refreshToken).toBe('refresh-6');
    expect(b.refreshToken).toBe('refresh-6');
  });

  it('marks the token when there is no refresh token at all', async () => {
    const next = await refreshToken<Partial<GroovyTokenFields>>({ accessToken: 'a' }, jest.fn());
    expect(next.error).toBe(REFRESH_FAILED);
  });
});
