import { AuthTestServer, ME } from './auth-test-server';

describe('auth: API keys for third-party clients', () => {
  let server: AuthTestServer;
  beforeAll(async () => {
    server = await AuthTestServer.start({ MAX_API_KEYS_PER_USER: '2' });
  });
  afterAll(() => server?.stop());

  const CREATE =
    'mutation C($name: String!) { createApiKey(name: $name) { secret apiKey { id name prefix createdAt lastUsedAt } } }';
  const REVOKE = 'mutation R($id: ID!) { revokeApiKey(id: $id) }';
  const verify = (secret: string, internalSecret = server.env.IDENTITY_TOKEN_SECRET) =>
    fetch(`${server.subgraph.baseUrl}/internal/api-keys/verify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-internal-secret': internalSecret },
      body: JSON.stringify({ secret }),
    });

  it('shows the secret once, stores only its hash, lists keys, verifies for the router, and revokes', async () => {
    const { user } = await server.register('dev@example.com');
    const as = { kind: 'user' as const, userId: user.id };
    const created = await server.execute<{
      createApiKey: { secret: string; apiKey: { id: string; name: string; prefix: string } };
    }>(CREATE, { name: '  My radio app ' }, { as });
    const { secret, apiKey } = created.data!.createApiKey;
    expect(apiKey.name).toBe('My radio app');
    expect(secret.startsWith(apiKey.prefix)).toBe(true);
    expect(apiKey.prefix).toMatch(/^gsk_[0-9a-f]{8}$/);
    const stored = await server.subgraph.connection.collection('api_keys').find({}).toArray();
    expect(JSON.stringify(stored)).not.toContain(secret);

    const me = await server.execute<{
      me: { apiKeys: Array<{ id: string; lastUsedAt: string | null }> };
    }>(ME, {}, { as });
    expect(me.data!.me.apiKeys).toEqual([
      expect.objectContaining({ id: apiKey.id, lastUsedAt: null }),
    ]);
    expect(JSON.stringify(me)).not.toContain(secret);

    const valid = await verify(secret);
    expect(await valid.json()).toEqual({ valid: true, userId: user.id, apiKeyId: apiKey.id });
    const listedAfterUse = await server.execute<{
      me: { apiKeys: Array<{ lastUsedAt: string | null }> };
    }>(ME, {}, { as });
    expect(listedAfterUse.data!.me.apiKeys[0]!.lastUsedAt).not.toBeNull();

    expect((await server.execute(REVOKE, { id: apiKey.id }, { as })).data).toEqual({
      revokeApiKey: true,
    });
    expect(await (await verify(secret)).json()).toEqual({ valid: false });
    const afterRevoke = await server.execute<{ me: { apiKeys: unknown[] } }>(ME, {}, { as });
    expect(afterRevoke.data!.me.apiKeys).toEqual([]);
  });

  it('refuses the verification endpoint without the internal secret, and bad bodies', async () => {
    expect((await verify('gsk_whatever', 'wrong-secret')).status).toBe(401);
    const bad = await fetch(`${server.subgraph.baseUrl}/internal/api-keys/verify`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-internal-secret': server.env.IDENTITY_TOKEN_SECRET,
      },
      body: JSON.stringify({ nope: 1 }),
    });
    expect(bad.status).toBe(400);
    expect(await (await verify('gsk_00000000_unknown')).json()).toEqual({ valid: false });
  });

  it('keeps keys to their owner, limits how many, validates names, and refuses anonymous or API-key callers', async () => {
    const owner = (await server.register('owner@example.com')).user;
    const stranger = (await server.register('stranger@example.com')).user;
    const as = { kind: 'user' as const, userId: owner.id };
    const key = await server.execute<{ createApiKey: { apiKey: { id: string } } }>(
      CREATE,
      { name: 'one' },
      { as },
    );
    const id = key.data!.createApiKey.apiKey.id;

    const strangerRevoke = await server.execute(
      REVOKE,
      { id },
      { as: { kind: 'user', userId: stranger.id } },
    );
    expect(strangerRevoke.errors![0]!.extensions!.code).toBe('NOT_FOUND');
    expect(
      (await server.execute(REVOKE, { id: 'not-an-id' }, { as })).errors![0]!.extensions,
    ).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'id',
    });

    expect((await server.execute(CREATE, { name: '' }, { as })).errors![0]!.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'name',
    });
    await server.execute(CREATE, { name: 'two' }, { as });
    expect(
      (await server.execute(CREATE, { name: 'three' }, { as })).errors![0]!.extensions!.code,
    ).toBe('CONFLICT');

    expect((await server.execute(CREATE, { name: 'anon' })).errors![0]!.extensions!.code).toBe(
      'UNAUTHENTICATED',
    );
    const viaKey = await server.execute(
      CREATE,
      { name: 'x' },
      { as: { kind: 'apiKey', userId: owner.id, apiKeyId: id } },
    );
    expect(viaKey.errors![0]!.extensions!.code).toBe('FORBIDDEN');
  });
});
