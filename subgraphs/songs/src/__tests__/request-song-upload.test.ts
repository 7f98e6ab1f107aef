import {
  CREATE_ALBUM,
  DEFAULT_UPLOAD,
  newUserId,
  REQUEST_UPLOAD,
  SongsTestServer,
} from './songs-test-server';

interface UploadResult {
  requestSongUpload: {
    uploadUrl: string;
    method: string;
    headers: Array<{ name: string; value: string }>;
    expiresAt: string;
    song: {
      id: string;
      title: string;
      status: string;
      tags: string[];
      genre: string | null;
      artist: { id: string; name: string };
      album: { id: string } | null;
      uploader: { id: string };
      stream: unknown;
    };
  };
}

describe('songs: requestSongUpload', () => {
  let server: SongsTestServer;
  beforeAll(async () => {
    server = await SongsTestServer.start({
      MAX_UPLOAD_BYTES: String(10 * 1024 * 1024),
      UPLOAD_URL_TTL_SECONDS: '600',
      MAX_PENDING_UPLOADS_PER_USER: '12',
    });
  });
  afterAll(() => server?.stop());

  const request = (input: Record<string, unknown>, as?: string) =>
    server.execute<UploadResult>(
      REQUEST_UPLOAD,
      { input: { ...DEFAULT_UPLOAD, ...input } },
      as ? { as } : {},
    );

  it('creates the song in PENDING_UPLOAD and returns the signed URL, method and headers from storage', async () => {
    const userId = newUserId();
    const before = Date.now();
    const result = await request(
      {
        title: '  Around   the World ',
        artistName: ' Daft  Punk ',
        genre: ' House ',
        tags: ['#French', 'house', 'House ', ' electronic'],
        fileName: 'Around The World.MP3',
        sizeBytes: 4_321_000,
      },
      userId,
    );
    expect(result.errors).toBeUndefined();
    const upload = result.data!.requestSongUpload;
    const songId = upload.song.id;
    expect(upload.song).toMatchObject({
      title: 'Around the World',
      status: 'PENDING_UPLOAD',
      genre: 'House',
      tags: ['french', 'house', 'electronic'],
      artist: { name: 'Daft Punk' },
      album: null,
      uploader: { id: userId },
      stream: null,
    });
    expect(upload.method).toBe('PUT');
    expect(upload.headers).toEqual([{ name: 'content-type', value: 'audio/mpeg' }]);
    expect(server.storage.signedUploads.at(-1)).toEqual({
      key: `uploads/${songId}/original.mp3`,
      options: { contentType: 'audio/mpeg', maxBytes: 4_321_000, expiresInSeconds: 600 },
    });
    expect(upload.uploadUrl).toContain(`/upload/uploads/${songId}/original.mp3`);
    const expiresInMs = Date.parse(upload.expiresAt) - before;
    expect(expiresInMs).toBeGreaterThan(9 * 60 * 1000);
    expect(expiresInMs).toBeLessThanOrEqual(10 * 60 * 1000 + 1000);

    const stored = await server.subgraph.connection.collection('songs').findOne({});
    expect(stored).toMatchObject({
      status: 'PENDING_UPLOAD',
      uploadKey: `uploads/${songId}/original.mp3`,
      uploadSizeBytes: 4_321_000,
    });
    expect((stored!.uploadExpiresAt as Date).toISOString()).toBe(upload.expiresAt);
  });

  it('shares one artist between names that differ only in case and spacing', async () => {
    const userId = newUserId();
    const a = await request({ artistName: 'The  Chemical Brothers' }, userId);
    const b = await request({ artistName: 'the chemical brothers ' }, userId);
    expect(a.data!.requestSongUpload.song.artist.id).toBe(b.data!.requestSongUpload.song.artist.id);
    expect(b.data!.requestSongUpload.song.artist.name).toBe('The Chemical Brothers');
  });

  it('refuses lookalike names: zero-width and text-direction characters, naming the field', async () => {
    const userId = newUserId();
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ artistName: 'Secprobe\u200BArtist' }, 'artistName'],
      [{ title: 'Track\u202Eevil' }, 'title'],
      [{ genre: 'Ho\u2066use' }, 'genre'],
      [{ tags: ['fine', 'hid\uFEFFden'] }, 'tags'],
    ];
    for (const [input, field] of cases) {
      const result = await request(input, userId);
      expect(result.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field });
    }
    const album = await server.execute(
      CREATE_ALBUM,
      { input: { title: 'Disco\u200Dvery', artistName: 'Daft Punk' } },
      { as: userId },
    );
    expect(album.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'title' });
    // Composed (NFC) and decomposed spellings are one artist; the stored name is composed.
    const composed = await request({ artistName: 'Beyonc\u00e9' }, userId);
    const decomposed = await request({ artistName: 'Beyonce\u0301' }, userId);
    expect(decomposed.data!.requestSongUpload.song.artist).toEqual(
      composed.data!.requestSongUpload.song.artist,
    );
    expect(decomposed.data!.requestSongUpload.song.artist.name).toBe('Beyonc\u00e9');
  });

  it('accepts each supported audio type with its matching extension', async () => {
    const userId = newUserId();
    const cases: Array<[string, string, string]> = [
      ['a.m4a', 'audio/mp4', 'm4a'],
      ['a.aac', 'audio/aac', 'aac'],
      ['a.m4a', 'audio/x-m4a', 'm4a'],
      ['a.flac', 'audio/flac', 'flac'],
      ['a.flac', 'audio/x-flac', 'flac'],
      ['a.wav', 'audio/wav', 'wav'],
      ['a.wav', 'audio/x-wav', 'wav'],
      ['a.wav', 'audio/wave', 'wav'],
      ['a.ogg', 'audio/ogg', 'ogg'],
      ['a.opus', 'audio/opus', 'opus'],
    ];
    for (const [fileName, contentType, extension] of cases) {
      const result = await request({ fileName, contentType }, userId);
      expect({ fileName, contentType, errors: result.errors }).toEqual({
        fileName,
        contentType,
        errors: undefined,
      });
      expect(server.storage.signedUploads.at(-1)!.key).toBe(
        `uploads/${result.data!.requestSongUpload.song.id}/original.${extension}`,
      );
    }
  });

  it.each([
    ['title', { title: '' }],
    ['title', { title: '   ' }],
    ['title', { title: 'x'.repeat(201) }],
    ['artistName', { artistName: '' }],
    ['artistName', { artistName: 'y'.repeat(201) }],
    ['genre', { genre: 'g'.repeat(51) }],
    ['tags', { tags: Array.from({ length: 21 }, (_, i) => `tag${i}`) }],
    ['tags', { tags: [''] }],
    ['tags', { tags: ['t'.repeat(41)] }],
    ['fileName', { fileName: '' }],
    ['fileName', { fileName: 'song' }],
    ['fileName', { fileName: 'cover.jpg', contentType: 'image/jpeg' }],
    ['contentType', { contentType: 'video/mp4' }],
    ['contentType', { contentType: 'audio/flac' }],
    ['sizeBytes', { sizeBytes: 0 }],
    ['sizeBytes', { sizeBytes: -5 }],
    ['sizeBytes', { sizeBytes: 10 * 1024 * 1024 + 1 }],
    ['albumId', { albumId: 'not-an-id' }],
    ['albumId', { albumId: '0123456789abcdef01234567' }],
  ])('refuses a bad %s with BAD_USER_INPUT naming it (%j)', async (field, input) => {
    const before = await server.subgraph.connection.collection('songs').countDocuments();
    const result = await request(input, newUserId());
    expect(result.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field });
    expect(result.data).toBeNull();
    expect(await server.subgraph.connection.collection('songs').countDocuments()).toBe(before);
  });

  it("puts the song in the caller's album, and refuses someone else's album", async () => {
    const owner = newUserId();
    const album = await server.ok<{ createAlbum: { id: string } }>(
      CREATE_ALBUM,
      { input: { title: 'Discovery', artistName: 'Daft Punk' } },
      owner,
    );
    const albumId = album.createAlbum.id;
    const mine = await request({ albumId }, owner);
    expect(mine.data!.requestSongUpload.song.album).toEqual({ id: albumId, title: 'Discovery' });
    const theirs = await request({ albumId }, newUserId());
    expect(theirs.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'albumId' });
  });

  it('creates an artist once when two uploads name it at the same time', async () => {
    const userId = newUserId();
    const [a, b] = await Promise.all([
      request({ artistName: 'Röyksopp' }, userId),
      request({ artistName: 'RÖYKSOPP' }, userId),
    ]);
    expect(a.data!.requestSongUpload.song.artist.id).toBe(b.data!.requestSongUpload.song.artist.id);
    expect(
      await server.subgraph.connection
        .collection('artists')
        .countDocuments({ nameKey: 'röyksopp' }),
    ).toBe(1);
  });

  it('limits how many uploads a user may have waiting for their file (CONFLICT beyond)', async () => {
    const userId = newUserId();
    const ids: string[] = [];
    for (let i = 0; i < 12; i++)
      ids.push((await request({ title: `Take ${i}` }, userId)).data!.requestSongUpload.song.id);
    const refused = await request({ title: 'One too many' }, userId);
    expect(refused.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect((await request({}, newUserId())).errors).toBeUndefined();
    await server.execute(
      'mutation($id: ID!) { deleteSong(id: $id) }',
      { id: ids[0] },
      { as: userId },
    );
    expect((await request({ title: 'Now it fits' }, userId)).errors).toBeUndefined();
  });

  it('refuses anonymous callers with UNAUTHENTICATED', async () => {
    const signedBefore = server.storage.signedUploads.length;
    const songsBefore = await server.subgraph.connection.collection('songs').countDocuments();
    const result = await request({});
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(server.storage.signedUploads.length).toBe(signedBefore);
    expect(await server.subgraph.connection.collection('songs').countDocuments()).toBe(songsBefore);
  });

  it("lets a third-party app upload on its user's behalf (API-key identity)", async () => {
    const userId = newUserId();
    const result = await server.execute<UploadResult>(
      REQUEST_UPLOAD,
      { input: DEFAULT_UPLOAD },
      { as: { kind: 'apiKey', userId, apiKeyId: 'key-1' } },
    );
    expect(result.data!.requestSongUpload.song.uploader.id).toBe(userId);
  });
});
