import { EnvironmentError } from '@groovy/common/config';
import { DEFAULT_SUPERGRAPH_PATH, parseRouterEnvironment } from '../environment';

describe('parseRouterEnvironment', () => {
  it('works with nothing set (npm run dev) and documents the defaults', () => {
    const env = parseRouterEnvironment({});
    expect(env).toMatchObject({
      PORT: 4000,
      SUPERGRAPH_PATH: DEFAULT_SUPERGRAPH_PATH,
      AUTH_JWKS_URL: 'http://127.0.0.1:4001/.well-known/jwks.json',
      AUTH_INTERNAL_URL: 'http://127.0.0.1:4001',
      API_KEY_CACHE_TTL_MS: 30_000,
      LIMIT_MAX_DEPTH: 15,
      LIMIT_MAX_BODY_BYTES: 100_000,
      LIMIT_MAX_BATCH: 10,
      RATE_LIMIT_ENABLED: true,
      PERSISTED_QUERIES_ONLY: false,
      TRUST_PROXY: false,
      CORS_ORIGINS: ['http://localhost:3000', 'http://127.0.0.1:3000'],
      SUBGRAPH_URLS: {},
    });
    expect(DEFAULT_SUPERGRAPH_PATH).toMatch(/schemas\/supergraph\.graphql$/);
  });

  it('reads SUBGRAPH_<NAME>_URL overrides', () => {
    const env = parseRouterEnvironment({
      SUBGRAPH_AUTH_URL: 'http://auth:4001/graphql',
      SUBGRAPH_SONGS_URL: '',
    });
    expect(env.SUBGRAPH_URLS).toEqual({ AUTH: 'http://auth:4001/graphql' });
  });

  it('names every bad variable at once', () => {
    let error: EnvironmentError | undefined;
    try {
      parseRouterEnvironment({
        LIMIT_MAX_DEPTH: '0',
        SUBGRAPH_AUTH_URL: 'not a url',
        PERSISTED_QUERIES_ONLY: 'true',
        AUTH_JWKS_URL: 'ftp://x',
      });
    } catch (caught) {
      error = caught as EnvironmentError;
    }
    expect(error).toBeInstanceOf(EnvironmentError);
    const named = error!.problems.map((problem) => problem.split(':')[0]);
    expect(named).toEqual(
      expect.arrayContaining(['LIMIT_MAX_DEPTH', 'SUBGRAPH_AUTH_URL', 'AUTH_JWKS_URL']),
    );
  });

  it('keeps rate limits in memory by default, and needs a Mongo URL to share them', () => {
    expect(parseRouterEnvironment({}).RATE_LIMIT_STORE).toBe('memory');
    expect(() => parseRouterEnvironment({ RATE_LIMIT_STORE: 'mongo' })).toThrow(
      /RATE_LIMIT_MONGO_URL: needs a mongodb:\/\/ URL when RATE_LIMIT_STORE=mongo/,
    );
    expect(() => parseRouterEnvironment({ RATE_LIMIT_STORE: 'redis' })).toThrow(/RATE_LIMIT_STORE/);
    expect(
      parseRouterEnvironment({
        RATE_LIMIT_STORE: 'mongo',
        RATE_LIMIT_MONGO_URL: 'mongodb://127.0.0.1:27017',
      }),
    ).toMatchObject({
      RATE_LIMIT_STORE: 'mongo',
      RATE_LIMIT_MONGO_DATABASE: 'groovy_router',
      RATE_LIMIT_MONGO_BATCH: 5,
    });
  });

  it('needs an allow-list for persisted-queries-only mode, and a real secret in production', () => {
    expect(() => parseRouterEnvironment({ PERSISTED_QUERIES_ONLY: 'true' })).toThrow(
      /PERSISTED_QUERIES_ONLY: needs PERSISTED_QUERIES_ALLOWLIST_PATH/,
    );
    expect(() => parseRouterEnvironment({ NODE_ENV: 'production' })).toThrow(
      /IDENTITY_TOKEN_SECRET/,
    );
    expect(parseRouterEnvironment({}).TRUSTED_PROXIES).toEqual(['loopback']);
    expect(
      parseRouterEnvironment({ TRUSTED_PROXIES: '10.0.0.5, 172.16.0.0/12,::1' }).TRUSTED_PROXIES,
    ).toEqual(['10.0.0.5', '172.16.0.0/12', '::1']);
    expect(parseRouterEnvironment({ TRUSTED_PROXIES: 'none' }).TRUSTED_PROXIES).toEqual([]);
    expect(() => parseRouterEnvironment({ TRUSTED_PROXIES: 'the-web-app' })).toThrow(
      /TRUSTED_PROXIES/,
    );
    expect(parseRouterEnvironment({ TRUST_PROXY: '1' }).TRUST_PROXY).toBe(1);
    expect(parseRouterEnvironment({ TRUST_PROXY: 'loopback' }).TRUST_PROXY).toBe('loopback');
  });

  it('refuses TRUST_PROXY=true (trust every hop) in production, naming the variable', () => {
    const production = {
      NODE_ENV: 'production',
      IDENTITY_TOKEN_SECRET: 'x'.repeat(48),
      EVENT_BUS_MONGO_URL: 'mongodb://mongo:27017',
    };
    expect(() => parseRouterEnvironment({ ...production, TRUST_PROXY: 'true' })).toThrow(
      /TRUST_PROXY: must not be true in production/,
    );
    expect(() => parseRouterEnvironment({ ...production, TRUST_PROXY: 'TRUE' })).toThrow(
      /TRUST_PROXY/,
    );
    expect(parseRouterEnvironment({ ...production, TRUST_PROXY: '1' }).TRUST_PROXY).toBe(1);
    expect(parseRouterEnvironment({ ...production }).TRUST_PROXY).toBe(false);
    expect(parseRouterEnvironment({ TRUST_PROXY: 'true' }).TRUST_PROXY).toBe(true);
    expect(
      parseRouterEnvironment({ CORS_ORIGINS: 'https://groovy.example, *' }).CORS_ORIGINS,
    ).toEqual(['https://groovy.example', '*']);
    expect(() => parseRouterEnvironment({ CORS_ORIGINS: 'https://groovy.example/path' })).toThrow(
      /CORS_ORIGINS/,
    );
  });

  it('needs the event bus for the response cache in production (catalogue events invalidate it)', () => {
    const production = { NODE_ENV: 'production', IDENTITY_TOKEN_SECRET: 'x'.repeat(48) };
    expect(() => parseRouterEnvironment(production)).toThrow(/EVENT_BUS_MONGO_URL: needs/);
    expect(
      parseRouterEnvironment({ ...production, EVENT_BUS_MONGO_URL: 'mongodb://mongo:27017' }),
    ).toMatchObject({ EVENT_BUS: 'embedded', EVENT_BUS_DATABASE: 'groovy_events' });
    expect(parseRouterEnvironment({ ...production, EVENT_BUS: 'pubsub' }).EVENT_BUS).toBe('pubsub');
    expect(
      parseRouterEnvironment({ ...production, RESPONSE_CACHE_ENABLED: 'false' })
        .EVENT_BUS_MONGO_URL,
    ).toBeUndefined();
    // Outside production the cache may run without it (answers then live until their max-age).
    expect(parseRouterEnvironment({}).RESPONSE_CACHE_ENABLED).toBe(true);
  });
});
