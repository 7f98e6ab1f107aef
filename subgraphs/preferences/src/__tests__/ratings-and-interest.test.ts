import {
  albumDeleted,
  albumEvent,
  eventually,
  newId,
  PreferencesTestServer,
  songEvent,
} from './preferences-test-server';

const RATE = `mutation R($id: ID!, $stars: Int!) { rateAlbum(albumId: $id, stars: $stars) { id rating { average count mine } } }`;
const RATINGS = `query R($reps: [_Any!]!) { _entities(representations: $reps) { ... on Album { id rating { average count mine } } } }`;
const NOT_INTERESTED = `mutation N($id: ID!, $value: Boolean) { markNotInterested(songId: $id, notInterested: $value) { id notInterested } }`;
const NOT_INTERESTED_DEFAULT = `mutation N($id: ID!) { markNotInterested(songId: $id) { id notInterested } }`;

interface Rated {
  rateAlbum: { id: string; rating: { average: number | null; count: number; mine: number | null } };
}

let server: PreferencesTestServer;
beforeAll(async () => {
  server = await PreferencesTestServer.start();
});
afterAll(() => server.stop());

describe('rateAlbum', () => {
  it('rates 1-5, replaces your rating, removes it with 0, and sums up exactly', async () => {
    const albumId = newId('album');
    await server.publish([albumEvent(albumId)]);
    const [ann, bob] = [newId('user'), newId('user')];
    expect((await server.ok<Rated>(RATE, { id: albumId, stars: 5 }, ann)).rateAlbum.rating).toEqual(
      {
        average: 5,
        count: 1,
        mine: 5,
      },
    );
    await server.ok(RATE, { id: albumId, stars: 2 }, bob);
    expect((await server.ok<Rated>(RATE, { id: albumId, stars: 4 }, ann)).rateAlbum.rating).toEqual(
      {
        average: 3,
        count: 2,
        mine: 4,
      },
    );
    const anonymous = await server.ok<{ _entities: Rated['rateAlbum'][] }>(RATINGS, {
      reps: [{ __typename: 'Album', id: albumId }],
    });
    expect(anonymous._entities[0]!.rating).toEqual({ average: 3, count: 2, mine: null });
    expect((await server.ok<Rated>(RATE, { id: albumId, stars: 0 }, ann)).rateAlbum.rating).toEqual(
      {
        average: 2,
        count: 1,
        mine: null,
      },
    );
  });

  it('refuses stars outside 0-5, unknown or deleted albums, and signed-out callers', async () => {
    const albumId = newId('album');
    await server.publish([albumEvent(albumId)]);
    const me = newId('user');
    for (const stars of [-1, 6]) {
      expect(await server.errorOf(RATE, { id: albumId, stars }, me)).toEqual({
        code: 'BAD_USER_INPUT',
        field: 'stars',
      });
    }
    expect(await server.errorOf(RATE, { id: 'album-unknown', stars: 3 }, me)).toEqual({
      code: 'NOT_FOUND',
    });
    expect(await server.errorOf(RATE, { id: albumId, stars: 3 })).toEqual({
      code: 'UNAUTHENTICATED',
    });
    await server.publish([albumDeleted(albumId, 2)]);
    expect(await server.errorOf(RATE, { id: albumId, stars: 3 }, me)).toEqual({
      code: 'NOT_FOUND',
    });
  });

  it('reads the ratings of a page of albums with one aggregation', async () => {
    const albums = Array.from({ length: 12 }, () => newId('album'));
    await server.publish(albums.map((id) => albumEvent(id)));
    await server.ok(RATE, { id: albums[5], stars: 3 }, newId('user'));
    const summaries = jest.spyOn(server.module.ratings, 'summaries');
    try {
      const data = await server.ok<{ _entities: Rated['rateAlbum'][] }>(RATINGS, {
        reps: albums.map((id) => ({ __typename: 'Album', id })),
      });
      expect(data._entities.map((album) => album.rating.count)).toEqual(
        albums.map((_, i) => (i === 5 ? 1 : 0)),
      );
      expect(summaries).toHaveBeenCalledTimes(1);
    } finally {
      summaries.mockRestore();
    }
  });
});

describe('markNotInterested', () => {
  it('marks and unmarks a song, publishing SONG_INTEREST_MARKED once per change', async () => {
    const songId = newId('song');
    await server.publish([songEvent({ songId })]);
    const me = newId('user');
    expect(await server.ok(NOT_INTERESTED_DEFAULT, { id: songId }, me)).toEqual({
      markNotInterested: { id: songId, notInterested: true },
    });
    await server.ok(NOT_INTERESTED, { id: songId, value: true }, me);
    expect(await server.ok(NOT_INTERESTED, { id: songId, value: false }, me)).toEqual({
      markNotInterested: { id: songId, notInterested: false },
    });
    const ofSong = (e: { data: unknown }) => (e.data as { songId: string }).songId === songId;
    await eventually(async () => server.published.of('SONG_INTEREST_MARKED', ofSong).length === 2);
    expect(server.published.of('SONG_INTEREST_MARKED', ofSong).map((e) => e.data)).toEqual([
      expect.objectContaining({ userId: me, notInterested: true }),
      expect.objectContaining({ userId: me, notInterested: false }),
    ]);
    // Taking back a mark never made publishes nothing either.
    await server.ok(NOT_INTERESTED, { id: songId, value: false }, newId('user'));
    expect(await server.errorOf(NOT_INTERESTED_DEFAULT, { id: 'song-unknown' }, me)).toEqual({
      code: 'NOT_FOUND',
    });
  });
});
