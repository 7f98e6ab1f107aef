import {
  CREATE_ALBUM,
  DELETE_SONG,
  newUserId,
  SONG,
  SongsTestServer,
  UPDATE_SONG,
} from './songs-test-server';

interface SongShape {
  id: string;
  title: string;
  status: string;
  genre: string | null;
  tags: string[];
  artist: { id: string; name: string };
  album: { id: string; title: string } | null;
}

describe('songs: who sees and changes what', () => {
  let server: SongsTestServer;
  beforeAll(async () => {
    server = await SongsTestServer.start();
  });
  afterAll(() => server?.stop());

  const songAs = async (id: string, as?: string) =>
    (await server.execute<{ song: SongShape | null }>(SONG, { id }, as ? { as } : {})).data?.song ??
    null;

  it('shows a song that is not READY only to its uploader; READY songs to everyone', async () => {
    const uploader = newUserId();
    const { id, uploadKey } = await server.upload(uploader);
    expect((await songAs(id, uploader))?.status).toBe('PENDING_UPLOAD');
    expect(await songAs(id, newUserId())).toBeNull();
    expect(await songAs(id)).toBeNull();

    await server.webhook({
      songId: id,
      uploadKey,
      jobId: 'j',
      occurredAt: new Date().toISOString(),
      outcome: 'PROCESSING',
    });
    expect((await songAs(id, uploader))?.status).toBe('PROCESSING');
    expect(await songAs(id, newUserId())).toBeNull();

    const ready = await server.readySong(uploader);
    expect((await songAs(ready.id, newUserId()))?.status).toBe('READY');
    expect((await songAs(ready.id))?.status).toBe('READY');
  });

  it('answers BAD_USER_INPUT for a malformed id and null for an unknown one', async () => {
    const bad = await server.execute(SONG, { id: 'nope' });
    expect(bad.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'id' });
    expect(await songAs('0123456789abcdef01234567')).toBeNull();
  });

  it('lets only the uploader update a song (FORBIDDEN for others, NOT_FOUND for unknown ids)', async () => {
    const uploader = newUserId();
    const { id } = await server.upload(uploader);
    const stranger = await server.execute(
      UPDATE_SONG,
      { id, input: { title: 'Mine now' } },
      { as: newUserId() },
    );
    expect(stranger.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const anonymous = await server.execute(UPDATE_SONG, { id, input: { title: 'x' } });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const unknown = await server.execute(
      UPDATE_SONG,
      { id: '0123456789abcdef01234567', input: { title: 'x' } },
      { as: uploader },
    );
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const malformed = await server.execute(
      UPDATE_SONG,
      { id: 'x', input: { title: 'x' } },
      { as: uploader },
    );
    expect(malformed.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'id' });
    expect((await songAs(id, uploader))?.title).toBe('Harder, Better');

    const album = await server.ok<{ createAlbum: { id: string } }>(
      CREATE_ALBUM,
      { input: { title: 'Homework', artistName: 'Daft Punk' } },
      uploader,
    );
    const updated = await server.execute<{ updateSong: SongShape }>(
      UPDATE_SONG,
      {
        id,
        input: {
          title: ' Da Funk ',
          artistName: 'daft punk',
          genre: '',
          tags: ['Classic'],
          albumId: album.createAlbum.id,
        },
      },
      { as: uploader },
    );
    expect(updated.errors).toBeUndefined();
    expect(updated.data!.updateSong).toMatchObject({
      title: 'Da Funk',
      genre: null,
      tags: ['classic'],
      artist: { name: 'Daft Punk' },
      album: { id: album.createAlbum.id, title: 'Homework' },
    });
    const badTitle = await server.execute(
      UPDATE_SONG,
      { id, input: { title: '' } },
      { as: uploader },
    );
    expect(badTitle.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'title' });
    const outOfAlbum = await server.execute<{ updateSong: SongShape }>(
      UPDATE_SONG,
      { id, input: { albumId: null } },
      { as: uploader },
    );
    expect(outOfAlbum.data!.updateSong.album).toBeNull();
  });

  it('lets only the uploader delete a song, and deleting removes its stored objects', async () => {
    const uploader = newUserId();
    const { id, uploadKey } = await server.readySong(uploader);
    const other = await server.readySong(uploader);
    await server.storage.seed(
      uploadKey,
      `hls/${id}/master.m3u8`,
      `hls/${id}/128k/segment-000.ts`,
      `hls/${other.id}/master.m3u8`,
    );

    const stranger = await server.execute(DELETE_SONG, { id }, { as: newUserId() });
    expect(stranger.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await songAs(id)).not.toBeNull();
    expect(server.storage.keys()).toContain(uploadKey);

    expect((await server.execute(DELETE_SONG, { id }, { as: uploader })).data).toEqual({
      deleteSong: true,
    });
    expect(await songAs(id, uploader)).toBeNull();
    expect(server.storage.deletedPrefixes).toEqual(
      expect.arrayContaining([`uploads/${id}/`, `hls/${id}/`]),
    );
    expect(server.storage.keys()).toEqual([`hls/${other.id}/master.m3u8`]);
    const again = await server.execute(DELETE_SONG, { id }, { as: uploader });
    expect(again.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('keeps albums to their owner: create, update, delete (songs stay, without the album)', async () => {
    const owner = newUserId();
    const created = await server.execute<{
      createAlbum: {
        id: string;
        title: string;
        releaseDate: string;
        coverUrl: string;
        artist: { name: string };
      };
    }>(
      CREATE_ALBUM,
      {
        input: {
          title: 'Random Access Memories',
          artistName: 'Daft Punk',
          releaseDate: '2013-05-17',
          coverUrl: 'https://img.example/ram.jpg',
        },
      },
      { as: owner },
    );
    expect(created.errors).toBeUndefined();
    expect(created.data!.createAlbum).toMatchObject({
      releaseDate: '2013-05-17',
      coverUrl: 'https://img.example/ram.jpg',
      artist: { name: 'Daft Punk' },
    });
    const albumId = created.data!.createAlbum.id;
    const song = await server.readySong(owner, { albumId });
    const pending = await server.upload(owner, { albumId });

    const ALBUM = 'query($id: ID!) { album(id: $id) { id title releaseDate songs { id } } }';
    const seenByOwner = await server.ok<{ album: { songs: Array<{ id: string }> } }>(
      ALBUM,
      { id: albumId },
      owner,
    );
    expect(seenByOwner.album.songs.map((s) => s.id)).toEqual([song.id, pending.id]);
    const seenByOthers = await server.ok<{ album: { songs: Array<{ id: string }> } }>(
      ALBUM,
      { id: albumId },
      newUserId(),
    );
    expect(seenByOthers.album.songs.map((s) => s.id)).toEqual([song.id]);

    const UPDATE =
      'mutation($id: ID!, $input: UpdateAlbumInput!) { updateAlbum(id: $id, input: $input) { title releaseDate coverUrl } }';
    const DELETE = 'mutation($id: ID!) { deleteAlbum(id: $id) }';
    expect(
      (await server.execute(UPDATE, { id: albumId, input: { title: 'x' } }, { as: newUserId() }))
        .errors?.[0]?.extensions?.code,
    ).toBe('FORBIDDEN');
    expect(
      (await server.execute(DELETE, { id: albumId }, { as: newUserId() })).errors?.[0]?.extensions
        ?.code,
    ).toBe('FORBIDDEN');
    expect(
      (await server.execute(DELETE, { id: '0123456789abcdef01234567' }, { as: owner })).errors?.[0]
        ?.extensions?.code,
    ).toBe('NOT_FOUND');
    expect(
      (
        await server.execute(
          CREATE_ALBUM,
          { input: { title: 'x', artistName: 'y', coverUrl: 'ftp://nope' } },
          { as: owner },
        )
      ).errors?.[0]?.extensions,
    ).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'coverUrl',
    });
    expect(
      (await server.execute(CREATE_ALBUM, { input: { title: 'x', artistName: 'y' } })).errors?.[0]
        ?.extensions?.code,
    ).toBe('UNAUTHENTICATED');

    const updated = await server.ok<{ updateAlbum: unknown }>(
      UPDATE,
      { id: albumId, input: { title: 'RAM', releaseDate: null, coverUrl: null } },
      owner,
    );
    expect(updated.updateAlbum).toEqual({ title: 'RAM', releaseDate: null, coverUrl: null });
    expect(await server.ok(DELETE, { id: albumId }, owner)).toEqual({ deleteAlbum: true });
    expect(await server.ok(ALBUM, { id: albumId }, owner)).toEqual({ album: null });
    expect((await songAs(song.id, owner))?.album).toBeNull();
  });
});
