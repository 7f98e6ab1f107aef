// graphql-ws on the router's /graphql with the real auth: connectionParams credentials are verified
// like HTTP ones (a real access token, a real API key that gets revoked), in real processes.
import {
  CREATE_API_KEY,
  LOGOUT,
  REVOKE_API_KEY,
  connectToRouter,
  registerListener,
  Stack,
} from '../testkit';

describe('subscriptions endpoint of the router (auth + router as real processes)', () => {
  let stack: Stack;
  const opened: Array<ReturnType<typeof connectToRouter>> = [];
  const connect = (...args: Parameters<typeof connectToRouter>) => {
    const connection = connectToRouter(...args);
    opened.push(connection);
    return connection;
  };

  beforeAll(async () => {
    stack = await Stack.start({
      routerEnv: { API_KEY_CACHE_TTL_MS: '200', WS_REVALIDATE_INTERVAL_MS: '300' },
    });
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((connection) => connection.close()));
  });
  afterAll(() => stack?.stop());

  it('accepts a real access token in connectionParams and validates subscribes on the supergraph', async () => {
    const { session } = await registerListener(stack, 'Socket Listener');
    const connection = connect(stack.router.url, { token: session.accessToken });
    await connection.connected;
    const unknown = connection.subscribe('subscription { noSuchField }');
    expect(await unknown.failed).toEqual([
      expect.objectContaining({ extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }),
    ]);
  });

  it('refuses a forged token at connect with 4401 and says why', async () => {
    const connection = connect(stack.router.url, { token: 'eyJhbGciOiJub25lIn0.e30.' });
    expect(await connection.closed).toEqual({
      code: 4401,
      reason: 'The access token is invalid or has expired.',
    });
  });

  it('ends an API-key connection with 4403 once the key is revoked, and refuses it afterwards', async () => {
    const { session } = await registerListener(stack, 'Key Owner');
    const created = await stack.execute<{
      createApiKey: { apiKey: { id: string }; secret: string };
    }>(CREATE_API_KEY, { name: 'socket app' }, { token: session.accessToken });
    expect(created.errors).toBeUndefined();
    const { apiKey, secret } = created.data!.createApiKey;
    const connection = connect(stack.router.url, { apiKey: secret });
    await connection.connected;
    const revoked = await stack.execute(
      REVOKE_API_KEY,
      { id: apiKey.id },
      { token: session.accessToken },
    );
    expect(revoked.errors).toBeUndefined();
    expect(await connection.closed).toEqual({
      code: 4403,
      reason: 'The API key has been revoked or is no longer valid.',
    });
    const again = connect(stack.router.url, { apiKey: secret });
    expect((await again.closed).code).toBe(4401);
  });

  it('ends a signed-in connection with 4403 once the user logs out (session re-check)', async () => {
    const { session } = await registerListener(stack, 'Leaving Listener');
    const connection = connect(stack.router.url, { token: session.accessToken });
    await connection.connected;
    const loggedOut = await stack.execute(LOGOUT, { token: session.refreshToken });
    expect(loggedOut.errors).toBeUndefined();
    expect(await connection.closed).toEqual({
      code: 4403,
      reason: 'The session has been signed out.',
    });
  });
});
