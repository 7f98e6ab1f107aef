import {
  buildContentSecurityPolicy,
  createNonce,
  type ContentSecurityPolicyInput,
} from '../security/content-security-policy';

const production: ContentSecurityPolicyInput = {
  nonce: 'bm9uY2U=',
  development: false,
  publicGraphqlUrl: 'https://api.groovy.example/graphql',
  mediaOrigins: ['https://media.groovy.example'],
  secureSite: true,
};

/** directive name → its sources */
function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split('; ').map((part) => {
      const [name, ...sources] = part.split(' ');
      return [name!, sources];
    }),
  );
}

describe('buildContentSecurityPolicy', () => {
  it('allows only nonced scripts in production: no inline, no eval', () => {
    const scripts = directives(buildContentSecurityPolicy(production)).get('script-src')!;
    expect(scripts).toEqual(["'self'", "'nonce-bm9uY2U='", "'strict-dynamic'"]);
  });

  it('allows eval and inline styles only in development (React refresh, the dev overlay)', () => {
    const policy = directives(buildContentSecurityPolicy({ ...production, development: true }));
    expect(policy.get('script-src')).toContain("'unsafe-eval'");
    expect(policy.get('style-src')).toContain("'unsafe-inline'");
    expect(directives(buildContentSecurityPolicy(production)).get('style-src')).not.toContain(
      "'unsafe-inline'",
    );
  });

  it('lets the browser reach the router (http and ws) and load media, covers and uploads from the media origins', () => {
    const policy = directives(buildContentSecurityPolicy(production));
    expect(policy.get('connect-src')).toEqual([
      "'self'",
      'https://api.groovy.example',
      'wss://api.groovy.example',
      'https://media.groovy.example',
    ]);
    expect(policy.get('media-src')).toEqual(["'self'", 'blob:', 'https://media.groovy.example']);
    expect(policy.get('img-src')).toContain('https://media.groovy.example');
    expect(policy.get('worker-src')).toEqual(["'self'", 'blob:']); // hls.js's worker
  });

  it('uses ws: for a plain-http router and upgrades insecure requests only on an https site', () => {
    const local = buildContentSecurityPolicy({
      ...production,
      publicGraphqlUrl: 'http://127.0.0.1:4000/graphql',
      secureSite: false,
    });
    expect(directives(local).get('connect-src')).toContain('ws://127.0.0.1:4000');
    expect(directives(local).has('upgrade-insecure-requests')).toBe(false);
    expect(
      directives(buildContentSecurityPolicy(production)).has('upgrade-insecure-requests'),
    ).toBe(true);
  });

  it('forbids framing, plugins and foreign base URLs and form targets', () => {
    const policy = directives(buildContentSecurityPolicy(production));
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'self'"]);
    expect(policy.get('form-action')).toEqual(["'self'"]);
  });
});

describe('createNonce', () => {
  it('is 16 random bytes in base64, different every time', () => {
    const nonces = new Set(Array.from({ length: 100 }, createNonce));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) expect(Buffer.from(nonce, 'base64')).toHaveLength(16);
  });
});
