import { AuthTestServer, LOGIN, REGISTER } from './auth-test-server';

// Per-address limits read the client address only from the router-signed identity.
describe('auth: per-address sign-in and registration throttles', () => {
  let server: AuthTestServer;
  beforeAll(async () => {
    server = await AuthTestServer.start({
      LOGIN_MAX_FAILURES_PER_ACCOUNT: '100',
      LOGIN_MAX_FAILURES_PER_IP: '3',
      REGISTRATION_MAX_PER_ADDRESS: '5',
    });
  });
  afterAll(() => server?.stop());

  const register = (email: string, clientAddress?: string, headers?: Record<string, string>) =>
    server.execute(
      REGISTER,
      { input: { email, password: 'a long enough passphrase', displayName: 'Listener' } },
      { ...(clientAddress ? { clientAddress } : {}), ...(headers ? { headers } : {}) },
    );
  const login = (
    email: string,
    password: string,
    clientAddress: string,
    headers?: Record<string, string>,
  ) =>
    server.execute(LOGIN, { email, password }, { clientAddress, ...(headers ? { headers } : {}) });

  it('locks out the address that failed, not every client behind the router', async () => {
    await server.register('victim@example.com', 'the right passphrase');
    for (let n = 0; n < 3; n += 1) {
      const failed = await login('victim@example.com', `wrong guess ${n}!!`, '203.0.113.10');
      expect(failed.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    }
    const locked = await login('victim@example.com', 'the right passphrase', '203.0.113.10');
    expect(locked.errors![0]!.extensions!.code).toBe('RATE_LIMITED');
    // A client-sent x-forwarded-for does not move the attacker to another bucket…
    const forged = await login('victim@example.com', 'the right passphrase', '203.0.113.10', {
      'x-forwarded-for': '198.51.100.99',
    });
    expect(forged.errors![0]!.extensions!.code).toBe('RATE_LIMITED');
    // …and another client signs in as usual.
    const other = await login('victim@example.com', 'the right passphrase', '203.0.113.11');
    expect(other.errors).toBeUndefined();
  });

  it('counts an IPv6 client by its /64: a new address in the same /64 is still locked out', async () => {
    await server.register('ipv6-victim@example.com', 'the right passphrase');
    for (let n = 0; n < 3; n += 1) {
      const failed = await login('ipv6-victim@example.com', `wrong guess ${n}!!`, '2001:db8::1');
      expect(failed.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    }
    // 2001:db8::2 (and the expanded form of another address in 2001:db8::/64) is the same client…
    for (const address of ['2001:db8::2', '2001:0db8:0000:0000:0000:0000:0000:00ff']) {
      const rotated = await login('ipv6-victim@example.com', 'the right passphrase', address);
      expect(rotated.errors![0]!.extensions!.code).toBe('RATE_LIMITED');
    }
    // …a client in another /64 is not.
    const other = await login('ipv6-victim@example.com', 'the right passphrase', '2001:db8:0:1::1');
    expect(other.errors).toBeUndefined();
  });

  it('allows five registrations per address, then RATE_LIMITED with the time to wait', async () => {
    for (let n = 0; n < 5; n += 1)
      expect((await register(`many${n}@example.com`, '203.0.113.20')).errors).toBeUndefined();
    const sixth = await register('many5@example.com', '203.0.113.20');
    const error = sixth.errors![0]!;
    expect(error.extensions!.code).toBe('RATE_LIMITED');
    expect(error.extensions!.retryAfterSeconds).toBeGreaterThan(0);
    expect(error.extensions!.retryAfterSeconds).toBeLessThanOrEqual(3600);
    // A forged header changes nothing; another address is unaffected.
    const forged = await register('many6@example.com', '203.0.113.20', {
      'x-forwarded-for': '198.51.100.7',
    });
    expect(forged.errors![0]!.extensions!.code).toBe('RATE_LIMITED');
    expect((await register('elsewhere@example.com', '203.0.113.21')).errors).toBeUndefined();
    const created = await server.subgraph.connection
      .collection('users')
      .countDocuments({ email: /^many/ });
    expect(created).toBe(5);
  });

  it('counts registrations from one IPv6 /64 together', async () => {
    for (let n = 0; n < 5; n += 1)
      expect(
        (await register(`six${n}@example.com`, `2001:db8:6::${n + 1}`)).errors,
      ).toBeUndefined();
    const sixth = await register('six5@example.com', '2001:db8:6:0:ffff:ffff:ffff:ffff');
    expect(sixth.errors![0]!.extensions!.code).toBe('RATE_LIMITED');
    expect((await register('six6@example.com', '2001:db8:6:1::1')).errors).toBeUndefined();
  });

  it('counts every aliased register field, even in one request', async () => {
    const fields = [0, 1, 2, 3, 4, 5, 6].map(
      (n) =>
        `r${n}: register(input: { email: "alias${n}@example.com", password: "a long enough passphrase", displayName: "Alias" }) { user { id } }`,
    );
    const result = await server.execute(
      `mutation { ${fields.join(' ')} }`,
      {},
      { clientAddress: '203.0.113.30' },
    );
    // The sixth field is refused (a non-null field: the rest of the operation is abandoned).
    expect(result.errors![0]!).toMatchObject({
      path: ['r5'],
      extensions: { code: 'RATE_LIMITED' },
    });
    const created = await server.subgraph.connection
      .collection('users')
      .countDocuments({ email: /^alias/ });
    expect(created).toBe(5);
  });
});
