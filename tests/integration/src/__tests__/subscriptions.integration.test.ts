// graphql-ws on the router's /graphql with the real auth: connectionParams credentials are verified
// like HTTP ones (a real access token, a real API key that gets revoked), in real processes. Then
// the Jam's live path as production runs it: two routers and two preferences instances on one
// event bus, and a preferences restart under a running subscription.
import {
  CONTROL_JAM,
  CREATE_API_KEY,
  JAM_EVENTS,
  JOIN_JAM,
  LOGOUT,
  REVOKE_API_KEY,
  START_JAM,
  connectToRouter,
  registerListener,
  Stack,
  type JamEventData,
  type LiveSubscription,
} from '../testkit';

/** The next event of `kind` on `feed` (presence events in between are skipped). */
async function nextOfKind(feed: LiveSubscription<JamEventData>, kind: string) {
  for (;;) {
    const event = await feed.next();
    if (event.errors?.length)
      throw new Error(`Jam event with errors: ${JSON.stringify(event.errors)}`);
    if (event.data?.jamSession.kind === kind) return event.data.jamSession;
  }
}

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
      preferences: true,
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

  /** A Jam hosted by a new listener with a new guest joined (both through the first router). */
  async function jamWithGuest() {
    const [{ session: host }, { session: guest }] = await Promise.all([
      registerListener(stack, 'Jam Host'),
      registerListener(stack, 'Jam Guest'),
    ]);
    const started = await stack.execute<{ startJam: { id: string; code: string } }>(
      START_JAM,
      {},
      { token: host.accessToken },
    );
    expect(started.errors).toBeUndefined();
    const jam = started.data!.startJam;
    const joined = await stack.execute(JOIN_JAM, { code: jam.code }, { token: guest.accessToken });
    expect(joined.errors).toBeUndefined();
    return { jam, host, guest };
  }

  it('delivers every control issued on either preferences instance to participants on either router', async () => {
    // A second preferences replica (same database, same bus) and a second router that uses it.
    const preferences2 = await stack.startReplica('preferences');
    const router2 = await stack.startRouterReplica({ preferences: preferences2 });
    const { jam, host, guest } = await jamWithGuest();
    // Host on router 1 (→ preferences 1), guest on router 2 (→ preferences 2).
    const hostSocket = connect(stack.router.url, { token: host.accessToken });
    const guestSocket = connect(router2.url, { token: guest.accessToken });
    const feeds = [
      hostSocket.subscribe<JamEventData>(JAM_EVENTS, { id: jam.id }),
      guestSocket.subscribe<JamEventData>(JAM_EVENTS, { id: jam.id }),
    ];
    for (const feed of feeds) expect((await nextOfKind(feed, 'STATE')).session.id).toBe(jam.id);

    // Controls alternate between the two routers, so each lands on the other instance's socket;
    // each is awaited on both feeds before the next (a subscriber skips a version that its own
    // instance's next write overtakes: it then gets the later state instead).
    const routers = [stack.router.url, router2.url];
    for (const [index, positionMs] of [1_000, 2_000, 3_000, 4_000].entries()) {
      const controlled = await stack.execute(
        CONTROL_JAM,
        { id: jam.id, action: 'PAUSE', positionMs },
        { token: host.accessToken, routerUrl: routers[index % 2] },
      );
      expect(controlled.errors).toBeUndefined();
      for (const feed of feeds)
        expect((await nextOfKind(feed, 'PAUSE')).session.playback.positionMs).toBe(positionMs);
    }
  }, 120_000);

  it('ends a Jam subscription with a retryable error when preferences restarts; resubscribing gets the state back', async () => {
    const { jam, host } = await jamWithGuest();
    const paused = await stack.execute(
      CONTROL_JAM,
      { id: jam.id, action: 'PAUSE', positionMs: 42_000 },
      { token: host.accessToken },
    );
    expect(paused.errors).toBeUndefined();
    const socket = connect(stack.router.url, { token: host.accessToken });
    const feed = socket.subscribe<JamEventData>(JAM_EVENTS, { id: jam.id });
    await nextOfKind(feed, 'STATE');

    // A rolling deploy of preferences: SIGTERM (graceful: its sockets close with 1001), then a new
    // process on the same port and database.
    const restarted = stack.restart('preferences');
    // The client's socket stays up; this subscription ends with an error saying to subscribe again.
    expect(await feed.failed).toEqual([
      {
        message: expect.stringContaining('subscribe again'),
        extensions: { code: 'INTERNAL_SERVER_ERROR', service: 'preferences', retryable: true },
      },
    ]);
    await restarted;

    // The same connection subscribes again: the full state first, from Mongo (42 s, paused).
    const again = socket.subscribe<JamEventData>(JAM_EVENTS, { id: jam.id });
    const state = await nextOfKind(again, 'STATE');
    expect(state.session.playback).toEqual({ playing: false, positionMs: 42_000 });
    // …and live events flow again through the new process.
    const controlled = await stack.execute(
      CONTROL_JAM,
      { id: jam.id, action: 'PAUSE', positionMs: 43_000 },
      { token: host.accessToken },
    );
    expect(controlled.errors).toBeUndefined();
    expect((await nextOfKind(again, 'PAUSE')).session.playback.positionMs).toBe(43_000);
  }, 120_000);
});
