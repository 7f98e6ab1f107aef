import { PreferencesTestServer, newId } from '../../__tests__/preferences-test-server';
import { ADD, MOVE, PlaylistWorld } from './playlist-fixtures';

let server: PreferencesTestServer;
let world: PlaylistWorld;

beforeAll(async () => {
  server = await PreferencesTestServer.start({
    PLAYLIST_MOVES_PER_MINUTE: '3',
    PLAYLIST_ADDS_PER_MINUTE: '2',
  });
  world = new PlaylistWorld(server);
});
afterAll(() => server?.stop());

describe('per-user rate limits on playlist item changes', () => {
  it('refuses adds and moves beyond the per-minute limit with RATE_LIMITED and retryAfterSeconds, per user, until the minute has passed', async () => {
    const owner = newId('user');
    const [a, b, c] = await world.readySongs(3);
    const id = await world.playlist(owner);
    await server.ok(ADD, { playlistId: id, songIds: [a, b] }, owner);
    await server.ok(ADD, { playlistId: id, songIds: [c] }, owner);
    const thirdAdd = await server.execute(ADD, { playlistId: id, songIds: [a] }, owner);
    expect(thirdAdd.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED' });
    const addRetry = thirdAdd.errors![0]!.extensions!.retryAfterSeconds as number;
    expect(addRetry).toBeGreaterThanOrEqual(1);
    expect(addRetry).toBeLessThanOrEqual(60);
    expect(thirdAdd.errors![0]!.message).toMatch(/playlist additions/);

    const items = await world.allItems(id, owner);
    expect(items).toHaveLength(3); // the refused add added nothing
    for (let move = 0; move < 3; move++) {
      await server.ok(
        MOVE,
        { playlistId: id, itemId: items[move]!.id, toPosition: (move + 1) % 3 },
        owner,
      );
    }
    const fourthMove = await server.execute(
      MOVE,
      { playlistId: id, itemId: items[0]!.id, toPosition: 2 },
      owner,
    );
    expect(fourthMove.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED' });
    expect(fourthMove.errors![0]!.extensions!.retryAfterSeconds).toBeGreaterThanOrEqual(1);

    // Per user: another user's changes are counted apart.
    const other = newId('user');
    const theirs = await world.playlist(other);
    await server.ok(ADD, { playlistId: theirs, songIds: [a] }, other);

    // A minute later the owner may move and add again.
    server.clock.advance(60_000);
    await server.ok(MOVE, { playlistId: id, itemId: items[0]!.id, toPosition: 2 }, owner);
    await server.ok(ADD, { playlistId: id, songIds: [b] }, owner);
  });
});
