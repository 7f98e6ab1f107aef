import { DEV_ONLY_NEXTAUTH_SECRET, EnvironmentError, parseEnvironment } from '../environment';

describe('parseEnvironment', () => {
  it('works with nothing set (npm run dev)', () => {
    const env = parseEnvironment({});
    expect(env).toEqual({
      nodeEnv: 'development',
      graphqlUrl: 'http://127.0.0.1:4000/graphql',
      publicGraphqlUrl: 'http://127.0.0.1:4000/graphql',
      nextAuthUrl: 'http://127.0.0.1:3000',
      mediaOrigins: ['http://127.0.0.1:*', 'http://localhost:*'],
      nextAuthSecret: DEV_ONLY_NEXTAUTH_SECRET,
      usingDevSecret: true,
      google: undefined,
      trustedProxyHops: 0,
    });
  });

  it('reads TRUSTED_PROXY_HOPS as a whole number of proxies, 0 or more (default 0)', () => {
    expect(parseEnvironment({ TRUSTED_PROXY_HOPS: '' }).trustedProxyHops).toBe(0);
    expect(parseEnvironment({ TRUSTED_PROXY_HOPS: '0' }).trustedProxyHops).toBe(0);
    expect(parseEnvironment({ TRUSTED_PROXY_HOPS: ' 2 ' }).trustedProxyHops).toBe(2);
    for (const bad of ['-1', '1.5', 'true', 'all'])
      expect(() => parseEnvironment({ TRUSTED_PROXY_HOPS: bad })).toThrow(/TRUSTED_PROXY_HOPS/);
  });

  it('treats empty strings as unset', () => {
    expect(parseEnvironment({ GRAPHQL_URL: '', GOOGLE_CLIENT_ID: '' }).graphqlUrl).toBe(
      'http://127.0.0.1:4000/graphql',
    );
  });

  it('defaults the browser URL to the server URL', () => {
    const env = parseEnvironment({ GRAPHQL_URL: 'http://router.internal:4000/graphql' });
    expect(env.publicGraphqlUrl).toBe('http://router.internal:4000/graphql');
    expect(
      parseEnvironment({
        GRAPHQL_URL: 'http://a/graphql',
        NEXT_PUBLIC_GRAPHQL_URL: 'https://api.groovy.example/graphql',
      }).publicGraphqlUrl,
    ).toBe('https://api.groovy.example/graphql');
  });

  it('enables Google only with both id and secret', () => {
    expect(
      parseEnvironment({ GOOGLE_CLIENT_ID: 'id', GOOGLE_CLIENT_SECRET: 'secret' }).google,
    ).toEqual({
      clientId: 'id',
      clientSecret: 'secret',
    });
  });

  it('requires NEXTAUTH_SECRET in production, but not while building', () => {
    expect(() => parseEnvironment({ NODE_ENV: 'production' })).toThrow(/NEXTAUTH_SECRET/);
    expect(
      parseEnvironment({ NODE_ENV: 'production', NEXT_PHASE: 'phase-production-build' })
        .usingDevSecret,
    ).toBe(true);
    const env = parseEnvironment({
      NODE_ENV: 'production',
      NEXTAUTH_SECRET: 'a-long-enough-secret-value',
    });
    expect(env.nextAuthSecret).toBe('a-long-enough-secret-value');
    expect(env.usingDevSecret).toBe(false);
  });

  it('reports every bad variable at once', () => {
    try {
      parseEnvironment({
        GRAPHQL_URL: 'not a url',
        NEXTAUTH_URL: 'ftp://x',
        GOOGLE_CLIENT_ID: 'id',
        NEXT_PUBLIC_GRAPHQL_URL: 'nope',
      });
      throw new Error('expected a failure');
    } catch (error) {
      expect(error).toBeInstanceOf(EnvironmentError);
      const problems = (error as EnvironmentError).problems.join('\n');
      expect(problems).toContain('GRAPHQL_URL');
      expect(problems).toContain('NEXTAUTH_URL');
      expect(problems).toContain('GOOGLE_CLIENT_SECRET');
      expect(problems).toContain('NEXT_PUBLIC_GRAPHQL_URL');
    }
  });

  it('reads MEDIA_ORIGINS as a list of origins and refuses anything wider', () => {
    expect(
      parseEnvironment({
        MEDIA_ORIGINS: 'https://media.groovy.example, https://cdn.groovy.example:8443',
      }).mediaOrigins,
    ).toEqual(['https://media.groovy.example', 'https://cdn.groovy.example:8443']);
    for (const bad of [
      '*',
      'https:',
      'https://*.example',
      'https://a.example/path',
      "'unsafe-inline'",
    ])
      expect(() => parseEnvironment({ MEDIA_ORIGINS: bad })).toThrow(/MEDIA_ORIGINS/);
  });
});
