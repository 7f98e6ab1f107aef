import { createEvent } from '@groovy/common/events';
import {
  albumEvent,
  artistUpdated,
  MEDIA_BASE_URL,
  newId,
  QueryTestServer,
  songDeleted,
  songData,
  songEvent,
  songLikeEvent,
} from '../../__tests__/query-test-server';

// The denormalised Song/Album/Artist fields this subgraph resolves itself (@shareable and
// @provides'd), so the router needs no call to songs for them: the values must be the read model's
// latest, which is what songs says once the events are applied.

interface ArtistFields {
  id: string;
  name: string;
}
interface AlbumFields {
  id: string;
  title: string;
  artist: ArtistFields;
}
interface SongFields {
  id: string;
  title: string;
  durationMs: number | null;
  status: string;
  artist: ArtistFields;
  album: AlbumFields | null;
}
interface SearchFields {
  search: {
    songs: { edges: { node: SongFields }[] };
    albums: AlbumFields[];
    artists: ArtistFields[];
  };
}

const SONG_FIELDS =
  'id title durationMs status artist { id name } album { id title artist { id name } }';
const SEARCH_FIELDS = `query Search($query: String!) {
  search(query: $query) {
    songs { edges { node { ${SONG_FIELDS} } } }
    albums { id title artist { id name } }
    artists { id name }
  }
}`;

describe('query subgraph: Song, Album and Artist fields from the read model', () => {
  let server: QueryTestServer;

  beforeAll(async () => {
    server = await QueryTestServer.start();
  });
  afterAll(async () => {
    await server?.stop();
  });
  afterEach(() => jest.restoreAllMocks());

  const search = async (query: string) =>
    (await server.ok<SearchFields>(SEARCH_FIELDS, { query })).search;

  it('answers title, duration, status, artist and album of search hits from the index, with one album read', async () => {
    const artist = { id: newId('artist'), name: 'Quokka Quartet' };
    const albumId = newId('album');
    const [first, second, single] = [newId('song'), newId('song'), newId('song')];
    await server.publish([
      artistUpdated(artist.id, artist.name, 1),
      albumEvent('ALBUM_CREATED', 1, {
        albumId,
        title: 'Marsupial Moods',
        artist,
        releaseDate: '2020-01-01',
        ownerId: 'user-1',
      }),
      songEvent(
        'SONG_CREATED',
        1,
        songData({
          songId: first,
          title: 'Quokka Waltz',
          artist,
          album: { id: albumId, title: 'Marsupial Moods' },
          durationMs: 181_000,
        }),
      ),
      songEvent(
        'SONG_CREATED',
        1,
        songData({
          songId: second,
          title: 'Quokka Polka',
          artist,
          album: { id: albumId, title: 'Marsupial Moods' },
          durationMs: null,
        }),
      ),
      songEvent(
        'SONG_CREATED',
        1,
        songData({ songId: single, title: 'Quokka Single', artist, durationMs: 99_000 }),
      ),
    ]);

    const readModel = server.subgraph.module.readModel;
    const findSongs = jest.spyOn(readModel, 'findSongs');
    const findAlbums = jest.spyOn(readModel, 'findAlbums');
    const result = await search('quokka');

    const album = { id: albumId, title: 'Marsupial Moods', artist };
    const byId = new Map(result.songs.edges.map((edge) => [edge.node.id, edge.node]));
    expect(byId.get(first)).toEqual({
      id: first,
      title: 'Quokka Waltz',
      durationMs: 181_000,
      status: 'READY',
      artist,
      album,
    });
    expect(byId.get(second)).toMatchObject({ title: 'Quokka Polka', durationMs: null, album });
    expect(byId.get(single)).toMatchObject({ title: 'Quokka Single', album: null });
    expect(result.albums).toEqual([album]);
    expect(result.artists).toEqual([artist]);
    // The hits' own fields come from the search index (no song read); their albums' artist and
    // the search's albums are one batched album read.
    expect(findSongs).not.toHaveBeenCalled();
    expect(findAlbums).toHaveBeenCalledTimes(1);
  });

  it('reads nothing more when only ids are asked for', async () => {
    const id = newId('song');
    await server.publish([
      songEvent('SONG_CREATED', 1, songData({ songId: id, title: 'Lazy Lemur' })),
    ]);
    const findSongs = jest.spyOn(server.subgraph.module.readModel, 'findSongs');
    const result = await server.ok<{ search: { songs: { edges: { node: { id: string } }[] } } }>(
      'query($q: String!) { search(query: $q) { songs { edges { node { id } } } } }',
      { q: 'lazy lemur' },
    );
    expect(result.search.songs.edges).toEqual([{ node: { id } }]);
    expect(findSongs).not.toHaveBeenCalled();
  });

  it('follows renames of artists and albums, whatever order their events arrive in', async () => {
    const artist = { id: newId('artist'), name: 'Wombat Wailers' };
    const albumId = newId('album');
    const songId = newId('song');
    const albumData = {
      albumId,
      title: 'Burrow Blues',
      artist,
      releaseDate: null,
      ownerId: 'user-1',
    };
    await server.publish([
      artistUpdated(artist.id, artist.name, 1),
      albumEvent('ALBUM_CREATED', 1, albumData),
      songEvent(
        'SONG_CREATED',
        1,
        songData({
          songId,
          title: 'Dig Deep',
          artist,
          album: { id: albumId, title: 'Burrow Blues' },
        }),
      ),
    ]);
    // The artist is renamed; then an album event still carrying the old name arrives late.
    await server.publish([
      artistUpdated(artist.id, 'The Wombats Revisited', 2),
      albumEvent('ALBUM_UPDATED', 2, { ...albumData, title: 'Burrow Blues Deluxe' }),
    ]);
    const renamed = { id: artist.id, name: 'The Wombats Revisited' };
    const result = await search('dig deep');
    expect(result.songs.edges[0]!.node).toMatchObject({
      id: songId,
      artist: renamed,
      album: { id: albumId, title: 'Burrow Blues Deluxe', artist: renamed },
    });
    expect(result.albums).toEqual([{ id: albumId, title: 'Burrow Blues Deluxe', artist: renamed }]);
    expect(result.artists).toEqual([renamed]);
  });

  it('names an artist known only from song events, and leaves out a deleted album', async () => {
    const artist = { id: newId('artist'), name: 'Numbat Nights' };
    const albumId = newId('album');
    const songId = newId('song');
    await server.publish([
      albumEvent('ALBUM_CREATED', 1, {
        albumId,
        title: 'Termite Tunes',
        artist,
        releaseDate: null,
        ownerId: 'user-1',
      }),
      songEvent(
        'SONG_CREATED',
        1,
        songData({
          songId,
          title: 'Anthill',
          artist,
          album: { id: albumId, title: 'Termite Tunes' },
        }),
      ),
    ]);
    expect((await search('anthill')).artists).toEqual([artist]);

    // The album is deleted; until its songs' SONG_UPDATED arrives they still point at it.
    await server.publish([
      createEvent({
        type: 'ALBUM_DELETED',
        version: 1,
        producer: 'songs',
        aggregateId: albumId,
        aggregateVersion: 2,
        data: { albumId },
      }),
    ]);
    const result = await search('anthill');
    expect(result.songs.edges.map((edge) => edge.node.id)).toEqual([songId]);
    expect(result.albums).toEqual([]);
  });

  it('answers the same fields for trending and new releases', async () => {
    const id = newId('song');
    const artist = { id: newId('artist'), name: 'Bilby Band' };
    await server.publish([
      songEvent(
        'SONG_CREATED',
        1,
        songData({
          songId: id,
          title: 'Fresh Bilby',
          artist,
          durationMs: 123_456,
          createdAt: new Date(Date.now() + 60_000).toISOString(),
        }),
      ),
    ]);
    const lists = await server.ok<{ trending: SongFields[]; newReleases: SongFields[] }>(
      `{ trending(first: 1) { ${SONG_FIELDS} } newReleases(first: 1) { ${SONG_FIELDS} } }`,
    );
    const expected = {
      id,
      title: 'Fresh Bilby',
      durationMs: 123_456,
      status: 'READY',
      artist,
      album: null,
    };
    expect(lists.trending).toEqual([expected]);
    expect(lists.newReleases).toEqual([expected]);
  });

  it('answers likeCount (shared with preferences) from the like events, on every list path', async () => {
    const [liked, unliked] = [newId('song'), newId('song')];
    await server.publish([
      songEvent('SONG_CREATED', 1, songData({ songId: liked, title: 'Quoll Quickstep one' })),
      songEvent('SONG_CREATED', 1, songData({ songId: unliked, title: 'Quoll Quickstep two' })),
      songLikeEvent('SONG_LIKED', { songId: liked, userId: 'u1', likeCount: 1, countVersion: 1 }),
      songLikeEvent('SONG_LIKED', { songId: liked, userId: 'u2', likeCount: 2, countVersion: 2 }),
      songLikeEvent('SONG_LIKED', { songId: liked, userId: 'u3', likeCount: 3, countVersion: 3 }),
      songLikeEvent('SONG_UNLIKED', {
        songId: liked,
        userId: 'u1',
        likeCount: 2,
        countVersion: 4,
        version: 2,
      }),
    ]);
    const data = await server.ok<{
      search: { songs: { edges: { node: { id: string; likeCount: number } }[] } };
      trending: { id: string; likeCount: number }[];
      newReleases: { id: string; likeCount: number }[];
    }>(
      `{ search(query: "quoll quickstep") { songs { edges { node { id likeCount } } } }
        trending(first: 50) { id likeCount } newReleases(first: 50) { id likeCount } }`,
    );
    const counts = (songs: { id: string; likeCount: number }[]) =>
      Object.fromEntries(
        songs.filter((song) => [liked, unliked].includes(song.id)).map((s) => [s.id, s.likeCount]),
      );
    const expected = { [liked]: 2, [unliked]: 0 };
    expect(counts(data.search.songs.edges.map((edge) => edge.node))).toEqual(expected);
    expect(counts(data.trending)).toEqual(expected);
    expect(counts(data.newReleases)).toEqual(expected);
  });

  describe('what a result list plays and shows (cover, stream, loudness, album cover and release)', () => {
    const MEDIA_FIELDS = `id coverUrl loudnessLufs stream { masterUrl } artist { name }
      album { id coverUrl releaseDate }`;
    interface MediaFields {
      id: string;
      coverUrl: string | null;
      loudnessLufs: number | null;
      stream: { masterUrl: string } | null;
      artist: { name: string };
      album: { id: string; coverUrl: string | null; releaseDate: string | null } | null;
    }
    const url = (key: string) => `${MEDIA_BASE_URL}/objects/${key}`;
    /** The song as search, trending and new releases show it (the same on all three paths). */
    const listed = async (word: string, id: string) => {
      const data = await server.ok<{
        search: { songs: { edges: { node: MediaFields }[] } };
        trending: MediaFields[];
        newReleases: MediaFields[];
      }>(
        `query($q: String!) {
          search(query: $q) { songs { edges { node { ${MEDIA_FIELDS} } } } }
          trending(first: 50) { ${MEDIA_FIELDS} }
          newReleases(first: 50) { ${MEDIA_FIELDS} }
        }`,
        { q: word },
      );
      const hit = data.search.songs.edges.find((edge) => edge.node.id === id)?.node;
      expect(data.newReleases.find((song) => song.id === id)).toEqual(hit);
      return hit;
    };

    it('follows a re-transcode, a cover change, an album cover change and an artist rename', async () => {
      const id = newId('song');
      const artist = { id: newId('artist'), name: 'Numbat Nonet' };
      const albumId = newId('album');
      const album = { albumId, title: 'Termite Tunes', artist, ownerId: 'user-1' };
      const song = (
        masterKey: string | null,
        coverKey: string | null,
        loudnessLufs: number | null,
      ) =>
        songData({
          songId: id,
          title: 'Numbat Nocturne',
          artist,
          album: { id: albumId, title: 'Termite Tunes' },
          coverKey,
          masterKey,
          loudnessLufs,
          createdAt: new Date(Date.now() + 120_000).toISOString(),
        });
      await server.publish([
        artistUpdated(artist.id, artist.name, 1),
        albumEvent('ALBUM_CREATED', 1, { ...album, releaseDate: '2021-03-04', coverUrl: null }),
        songEvent('SONG_CREATED', 1, song('hls/a/job-1/master.m3u8', 'hls/a/job-1/cover.jpg', -14)),
      ]);
      expect(await listed('numbat', id)).toEqual({
        id,
        coverUrl: url('hls/a/job-1/cover.jpg'),
        loudnessLufs: -14,
        stream: { masterUrl: url('hls/a/job-1/master.m3u8') },
        artist: { name: 'Numbat Nonet' },
        album: { id: albumId, coverUrl: null, releaseDate: '2021-03-04' },
      });

      // Re-transcoded (new keys, new loudness), the cover removed, the album given a cover and a
      // new date, the artist renamed: every copy follows.
      await server.publish([
        songEvent('SONG_UPDATED', 2, song('hls/a/job-2/master.m3u8', null, -9.5)),
        albumEvent('ALBUM_UPDATED', 2, {
          ...album,
          releaseDate: '2022-05-06',
          coverUrl: 'https://covers.test/termite.jpg',
        }),
        artistUpdated(artist.id, 'Numbat Tentet', 2),
      ]);
      expect(await listed('numbat', id)).toEqual({
        id,
        coverUrl: null,
        loudnessLufs: -9.5,
        stream: { masterUrl: url('hls/a/job-2/master.m3u8') },
        artist: { name: 'Numbat Tentet' },
        album: {
          id: albumId,
          coverUrl: 'https://covers.test/termite.jpg',
          releaseDate: '2022-05-06',
        },
      });

      // Back to processing (a re-upload): no stream, and out of every list; deleted: gone for good.
      await server.publish([
        songEvent('SONG_UPDATED', 3, { ...song(null, null, null), status: 'PROCESSING' }),
      ]);
      expect(await listed('numbat', id)).toBeUndefined();
      await server.publish([
        songEvent('SONG_UPDATED', 4, song('hls/a/job-3/master.m3u8', null, -10)),
      ]);
      expect((await listed('numbat', id))?.stream).toEqual({
        masterUrl: url('hls/a/job-3/master.m3u8'),
      });
      await server.publish([songDeleted(id, 5)]);
      expect(await listed('numbat', id)).toBeUndefined();
    });

    it('refuses to guess a stream from an event that did not carry one (an older producer)', async () => {
      const id = newId('song');
      const legacy = songData({ songId: id, title: 'Wombat Waltz' });
      delete legacy.masterKey;
      delete legacy.loudnessLufs;
      await server.publish([songEvent('SONG_CREATED', 1, legacy)]);
      const result = await server.execute<{
        search: { songs: { edges: { node: { id: string; stream: unknown } | null }[] } };
      }>(
        'query($q: String!) { search(query: $q) { songs { edges { node { id stream { masterUrl } } } } } }',
        {
          q: 'wombat waltz',
        },
      );
      // An error on that field (its message masked as every internal error), not a null stream.
      expect(result.errors?.map((error) => error.path?.slice(-1)[0])).toEqual(['stream']);
      // The fields it does know are still answered.
      const known = await server.ok<{
        search: { songs: { edges: { node: { coverUrl: null } }[] } };
      }>('query($q: String!) { search(query: $q) { songs { edges { node { coverUrl } } } } }', {
        q: 'wombat waltz',
      });
      expect(known.search.songs.edges).toEqual([{ node: { coverUrl: null } }]);
    });
  });
});
