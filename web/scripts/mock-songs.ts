/**
 * A stand-in for the router's `songs` slice (API.md) and for object storage + the HLS worker, for
 * driving the upload, song, album and artist pages before the real backend runs. In memory, one
 * process, NOT the backend. Used by scripts/mock-router.ts.
 *
 * - Storage is another origin (`127.0.0.1:4998` by default) that answers CORS, checks the signed
 *   headers of the PUT and reads the body at a limited rate (so a progress bar is visible).
 * - The "worker" is real ffmpeg: the uploaded file becomes an AAC HLS ladder (64 and 128 kbps, 2 s
 *   segments, master playlist) with ~1,000 waveform peaks; a file ffmpeg cannot read → FAILED.
 * - Seed data: one artist with an album of 3 songs and 23 singles (26 songs: two pages of 20).
 */
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { createSearchResolvers } from './mock-search';

const run = promisify(execFile);
const FFMPEG = '/usr/bin/ffmpeg';
const FFPROBE = '/usr/bin/ffprobe';
const MAX_BYTES = 500 * 1024 * 1024;
const AUDIO_TYPES = new Set([
  'audio/mpeg',
  'audio/mp4',
  'audio/aac',
  'audio/flac',
  'audio/wav',
  'audio/ogg',
]);

type Status = 'PENDING_UPLOAD' | 'PROCESSING' | 'READY' | 'FAILED';
interface MockSong {
  id: string;
  title: string;
  artistId: string;
  albumId: string | null;
  genre: string | null;
  tags: string[];
  durationMs: number | null;
  status: Status;
  failureReason: string | null;
  stream: {
    __typename: string;
    masterUrl: string;
    renditions: { __typename: string; bitrateKbps: number; codec: string; url: string }[];
  } | null;
  waveform: number[] | null;
  uploaderId: string;
  uploaderName: string;
  contentType: string;
  createdAt: string;
}
interface MockAlbum {
  id: string;
  title: string;
  artistId: string;
  releaseDate: string | null;
}
interface MockArtist {
  id: string;
  name: string;
}

export type SongsFail = (code: string, message: string, extra?: Record<string, unknown>) => never;

export interface SongsSliceOptions {
  storagePort?: number;
  /** Bytes per second the storage server reads an upload at (default 1.5 MB/s). */
  uploadBytesPerSecond?: number;
  /** Extra time spent in PROCESSING, so the state can be seen (default 1500 ms). */
  processingDelayMs?: number;
}

export interface SongsSlice {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- GraphQL variables; each operation knows its shape
  resolvers: Record<string, (vars: Record<string, any>, authorization?: string) => unknown>;
  storageUrl: string;
  stats: { uploads: number; deletedSongs: number; abortedUploads: number };
  ids: { artistId: string; albumId: string; songIds: string[] };
  /** The most recently requested upload's song id. */
  lastUploadId(): string | undefined;
  close(): Promise<void>;
}

async function makeHls(input: string, outDir: string, baseUrl: string) {
  fs.mkdirSync(outDir, { recursive: true });
  const ladder = [64, 128];
  for (const kbps of ladder) {
    await run(FFMPEG, [
      '-hide_banner',
      '-loglevel',
      'error',
      '-y',
      '-i',
      input,
      '-vn',
      '-ac',
      '2',
      '-ar',
      '44100',
      '-c:a',
      'aac',
      '-b:a',
      `${kbps}k`,
      '-f',
      'hls',
      '-hls_time',
      '2',
      '-hls_playlist_type',
      'vod',
      '-hls_segment_filename',
      path.join(outDir, `${kbps}k_%03d.ts`),
      path.join(outDir, `${kbps}k.m3u8`),
    ]);
  }
  const master = ['#EXTM3U', '#EXT-X-VERSION:3'];
  for (const kbps of ladder)
    master.push(
      `#EXT-X-STREAM-INF:BANDWIDTH=${(kbps + 8) * 1000},CODECS="mp4a.40.2"`,
      `${kbps}k.m3u8`,
    );
  fs.writeFileSync(path.join(outDir, 'master.m3u8'), `${master.join('\n')}\n`);
  const probe = await run(FFPROBE, [
    '-v',
    'error',
    '-show_entries',
    'format=duration',
    '-of',
    'csv=p=0',
    input,
  ]);
  const durationMs = Math.round(Number(probe.stdout.trim()) * 1000);
  const pcm = await run(
    FFMPEG,
    [
      '-hide_banner',
      '-loglevel',
      'error',
      '-i',
      input,
      '-ac',
      '1',
      '-ar',
      '8000',
      '-f',
      's16le',
      '-',
    ],
    { encoding: 'buffer', maxBuffer: 512 * 1024 * 1024 },
  );
  const samples = new Int16Array(
    pcm.stdout.buffer,
    pcm.stdout.byteOffset,
    Math.floor(pcm.stdout.length / 2),
  );
  const count = 1000;
  const peaks: number[] = [];
  for (let i = 0; i < count; i += 1) {
    let max = 0;
    const end = Math.floor(((i + 1) * samples.length) / count);
    for (let j = Math.floor((i * samples.length) / count); j < end; j += 1)
      max = Math.max(max, Math.abs(samples[j]!));
    peaks.push(max / 32768);
  }
  const top = Math.max(...peaks, 1e-6);
  return {
    durationMs,
    waveform: peaks.map((p) => Math.round((p / top) * 1000) / 1000),
    stream: {
      __typename: 'SongStream',
      masterUrl: `${baseUrl}/master.m3u8`,
      renditions: ladder.map((kbps) => ({
        __typename: 'Rendition',
        bitrateKbps: kbps,
        codec: 'mp4a.40.2',
        url: `${baseUrl}/${kbps}k.m3u8`,
      })),
    },
  };
}

export async function createSongsSlice(
  fail: SongsFail,
  requireViewer: (authorization: string | undefined) => { id: string; displayName: string },
  options: SongsSliceOptions = {},
): Promise<SongsSlice> {
  const storagePort = options.storagePort ?? 4998;
  const storageUrl = `http://127.0.0.1:${storagePort}`;
  const rate = options.uploadBytesPerSecond ?? 1.5 * 1024 * 1024;
  const processingDelayMs = options.processingDelayMs ?? 1500;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'groovy-mock-storage-'));
  const secret = randomBytes(16).toString('hex');
  const songs = new Map<string, MockSong>();
  const albums = new Map<string, MockAlbum>();
  const artists = new Map<string, MockArtist>();
  const stats = { uploads: 0, deletedSongs: 0, abortedUploads: 0 };
  let lastUploadId: string | undefined;
  const sign = (songId: string, contentType: string) =>
    createHmac('sha256', secret).update(`${songId}\n${contentType}`).digest('hex');

  const artistByName = (name: string) => {
    const found = [...artists.values()].find((a) => a.name.toLowerCase() === name.toLowerCase());
    if (found) return found;
    const artist = { id: randomUUID(), name };
    artists.set(artist.id, artist);
    return artist;
  };

  // Seed: tones generated by ffmpeg (a 12 s chord with a swelling envelope, three keys).
  const seedArtist = artistByName('The Sine Waves');
  const seedAlbum: MockAlbum = {
    id: randomUUID(),
    title: 'Pure Tones',
    artistId: seedArtist.id,
    releaseDate: '2026-03-14',
  };
  albums.set(seedAlbum.id, seedAlbum);
  const seedStreams: Awaited<ReturnType<typeof makeHls>>[] = [];
  for (const [i, hz] of [220, 330, 440].entries()) {
    const wav = path.join(dir, `seed-${i}.wav`);
    await run(FFMPEG, [
      '-hide_banner',
      '-loglevel',
      'error',
      '-y',
      '-f',
      'lavfi',
      '-i',
      `aevalsrc=(0.5*sin(${hz}*2*PI*t)+0.3*sin(${hz * 1.5}*2*PI*t))*(0.25+0.75*abs(sin(0.4*PI*t+${i})))*(0.6+0.4*sin(3*PI*t)):s=44100:d=12`,
      wav,
    ]);
    seedStreams.push(
      await makeHls(wav, path.join(dir, 'media', `seed-${i}`), `${storageUrl}/media/seed-${i}`),
    );
  }
  const songIds: string[] = [];
  const seedSong = (title: string, albumId: string | null, n: number, genre: string | null) => {
    const media = seedStreams[n % seedStreams.length]!;
    const song: MockSong = {
      id: randomUUID(),
      title,
      artistId: seedArtist.id,
      albumId,
      genre,
      tags: genre ? ['demo'] : [],
      ...media,
      status: 'READY',
      failureReason: null,
      uploaderId: 'seed',
      uploaderName: 'Groovy demo',
      contentType: 'audio/wav',
      createdAt: new Date(Date.UTC(2026, 2, 14, 12, n)).toISOString(),
    };
    songs.set(song.id, song);
    songIds.push(song.id);
  };
  ['Low A', 'Fifth Above', 'Concert Pitch'].forEach((t, n) =>
    seedSong(t, seedAlbum.id, n, 'Ambient'),
  );
  for (let n = 1; n <= 23; n += 1)
    seedSong(`Single No. ${n}`, null, n, n % 2 ? 'Electronic' : null);

  // A second artist and album (other genres and years) so search facets have something to show.
  const otherArtist = artistByName('Square Pulse Collective');
  const otherAlbum: MockAlbum = {
    id: randomUUID(),
    title: 'Pitch Black',
    artistId: otherArtist.id,
    releaseDate: '2024-09-01',
  };
  albums.set(otherAlbum.id, otherAlbum);
  const plays = new Map<string, number>();
  (
    [
      ['Perfect Pitch', otherAlbum.id, 'Jazz', 2024],
      ['Pitch Shift Blues', otherAlbum.id, 'Jazz', 2024],
      ['Tone Poem', otherAlbum.id, 'Jazz', 2024],
      ['Sawtooth <b>Sunrise</b>', null, 'Electronic', 2025],
      ['Midnight Tones', null, 'Ambient', 2025],
    ] as const
  ).forEach(([title, albumId, genre, year], n) => {
    const media = seedStreams[n % seedStreams.length]!;
    const song: MockSong = {
      id: randomUUID(),
      title,
      artistId: otherArtist.id,
      albumId,
      genre,
      tags: ['demo'],
      ...media,
      status: 'READY',
      failureReason: null,
      uploaderId: 'seed',
      uploaderName: 'Groovy demo',
      contentType: 'audio/wav',
      createdAt: new Date(Date.UTC(year, 5, 1 + n)).toISOString(),
    };
    songs.set(song.id, song);
    plays.set(song.id, 100 - n * 7);
  });
  songIds.forEach((id, n) => plays.set(id, (n * 37) % 90));

  const processUpload = async (song: MockSong, file: string) => {
    song.status = 'PROCESSING';
    await new Promise((r) => setTimeout(r, processingDelayMs));
    try {
      Object.assign(
        song,
        await makeHls(file, path.join(dir, 'media', song.id), `${storageUrl}/media/${song.id}`),
      );
      song.status = 'READY';
    } catch {
      song.status = 'FAILED';
      song.failureReason =
        'We could not read this file as audio. It may be damaged or not really an audio file.';
    }
  };

  const songView = (s: MockSong) => {
    const artist = artists.get(s.artistId)!;
    const album = s.albumId ? albums.get(s.albumId) : undefined;
    return {
      __typename: 'Song',
      id: s.id,
      title: s.title,
      genre: s.genre,
      tags: s.tags,
      durationMs: s.durationMs,
      status: s.status,
      failureReason: s.failureReason,
      stream: s.stream,
      waveform: s.waveform,
      loudnessLufs: null,
      coverUrl: null,
      createdAt: s.createdAt,
      artist: { __typename: 'Artist', id: artist.id, name: artist.name },
      album: album
        ? { __typename: 'Album', id: album.id, title: album.title, coverUrl: null }
        : null,
      uploader: { __typename: 'User', id: s.uploaderId, displayName: s.uploaderName },
    };
  };
  const songsOf = (artistId: string) =>
    [...songs.values()]
      .filter((s) => s.artistId === artistId)
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const connection = (artistId: string, first = 20, after?: string) => {
    const all = songsOf(artistId);
    const start = after ? Number(Buffer.from(after, 'base64url').toString()) + 1 : 0;
    const page = all.slice(start, start + Math.min(first, 100));
    const edges = page.map((s, i) => ({
      __typename: 'SongEdge',
      cursor: Buffer.from(String(start + i)).toString('base64url'),
      node: songView(s),
    }));
    return {
      __typename: 'SongConnection',
      totalCount: all.length,
      pageInfo: {
        __typename: 'PageInfo',
        hasNextPage: start + page.length < all.length,
        endCursor: edges.at(-1)?.cursor ?? null,
      },
      edges,
    };
  };
  const artistView = (a: MockArtist, first?: number, after?: string) => ({
    __typename: 'Artist',
    id: a.id,
    name: a.name,
    albums: [...albums.values()]
      .filter((al) => al.artistId === a.id)
      .map((al) => ({ __typename: 'Album', ...al, coverUrl: null })),
    songs: connection(a.id, first, after),
  });

  const resolvers: SongsSlice['resolvers'] = {
    RequestSongUpload: ({ input }, authorization) => {
      const user = requireViewer(authorization);
      const title = String(input.title ?? '').trim();
      if (!title) fail('BAD_USER_INPUT', 'Title is required', { field: 'input.title' });
      if (/^reject$/i.test(title))
        fail('BAD_USER_INPUT', 'This title is reserved', { field: 'input.title' });
      const artistName = String(input.artistName ?? '').trim();
      if (!artistName)
        fail('BAD_USER_INPUT', 'Artist name is required', { field: 'input.artistName' });
      if (!AUDIO_TYPES.has(String(input.contentType)))
        fail('BAD_USER_INPUT', 'This content type is not accepted', { field: 'input.contentType' });
      if (!(input.sizeBytes > 0) || input.sizeBytes > MAX_BYTES)
        fail('BAD_USER_INPUT', 'The file must be between 1 byte and 500 MB', {
          field: 'input.sizeBytes',
        });
      const song: MockSong = {
        id: randomUUID(),
        title,
        artistId: artistByName(artistName).id,
        albumId: input.albumId ?? null,
        genre: input.genre ?? null,
        tags: input.tags ?? [],
        durationMs: null,
        status: 'PENDING_UPLOAD',
        failureReason: null,
        stream: null,
        waveform: null,
        uploaderId: user.id,
        uploaderName: user.displayName,
        contentType: input.contentType,
        createdAt: new Date().toISOString(),
      };
      songs.set(song.id, song);
      lastUploadId = song.id;
      const signature = sign(song.id, song.contentType);
      return {
        requestSongUpload: {
          __typename: 'SongUpload',
          song: songView(song),
          uploadUrl: `${storageUrl}/uploads/${song.id}`,
          method: 'PUT',
          headers: [
            { __typename: 'HttpHeader', name: 'Content-Type', value: song.contentType },
            { __typename: 'HttpHeader', name: 'x-upload-signature', value: signature },
          ],
          expiresAt: new Date(Date.now() + 15 * 60_000).toISOString(),
        },
      };
    },
    DeleteSong: ({ id }, authorization) => {
      const user = requireViewer(authorization);
      const song = songs.get(id);
      if (!song) fail('NOT_FOUND', 'No such song');
      if (song!.uploaderId !== user.id) fail('FORBIDDEN', 'Not your song');
      songs.delete(id);
      stats.deletedSongs += 1;
      return { deleteSong: true };
    },
    SongStatus: ({ id }) => {
      const song = songs.get(id);
      return {
        song: song
          ? {
              __typename: 'Song',
              id: song.id,
              status: song.status,
              failureReason: song.failureReason,
            }
          : null,
      };
    },
    Song: ({ id }) => {
      const song = songs.get(id);
      return { song: song ? songView(song) : null };
    },
    Album: ({ id }) => {
      const album = albums.get(id);
      if (!album) return { album: null };
      const artist = artists.get(album.artistId)!;
      return {
        album: {
          __typename: 'Album',
          ...album,
          coverUrl: null,
          artist: { __typename: 'Artist', id: artist.id, name: artist.name },
          songs: [...songs.values()]
            .filter((s) => s.albumId === album.id)
            .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
            .map(songView),
        },
      };
    },
    Artist: ({ id, first }) => {
      const artist = artists.get(id);
      return { artist: artist ? artistView(artist, first) : null };
    },
    ArtistSongs: ({ id, first, after }) => {
      const artist = artists.get(id);
      return {
        artist: artist
          ? { __typename: 'Artist', id: artist.id, songs: connection(artist.id, first, after) }
          : null,
      };
    },
  };

  Object.assign(
    resolvers,
    createSearchResolvers({
      songs: () => [...songs.values()],
      artistName: (id) => artists.get(id)?.name ?? '',
      albumTitle: (id) => albums.get(id)?.title ?? null,
      albumYear: (id) => {
        const date = albums.get(id)?.releaseDate;
        return date ? Number(date.slice(0, 4)) : null;
      },
      albums: () => [...albums.values()],
      artists: () => [...artists.values()],
      songView: (id) => songView(songs.get(id)!),
      albumView: (id) => {
        const album = albums.get(id)!;
        const artist = artists.get(album.artistId)!;
        return {
          __typename: 'Album',
          ...album,
          coverUrl: null,
          artist: { __typename: 'Artist', id: artist.id, name: artist.name },
        };
      },
      artistView: (id) => ({ __typename: 'Artist', id, name: artists.get(id)!.name }),
      plays: (id) => plays.get(id) ?? 0,
    }),
  );

  const MEDIA_TYPES: Record<string, string> = {
    '.m3u8': 'application/vnd.apple.mpegurl',
    '.ts': 'video/mp2t',
  };
  const server = http.createServer((req, res) => {
    const cors = {
      'access-control-allow-origin': req.headers.origin ?? '*',
      'access-control-allow-methods': 'GET, PUT, OPTIONS',
      'access-control-allow-headers': 'content-type, x-upload-signature, range',
      'access-control-max-age': '600',
      vary: 'origin',
    };
    const url = new URL(req.url ?? '/', storageUrl);
    if (req.method === 'OPTIONS') {
      res.writeHead(204, cors).end();
      return;
    }
    const upload = /^\/uploads\/([\w-]+)$/.exec(url.pathname);
    if (req.method === 'PUT' && upload) {
      const song = songs.get(upload[1]!);
      const contentType = String(req.headers['content-type'] ?? '');
      if (
        !song ||
        song.status !== 'PENDING_UPLOAD' ||
        req.headers['x-upload-signature'] !== sign(song.id, contentType)
      ) {
        res.writeHead(403, cors).end('signature does not match');
        req.resume();
        return;
      }
      const file = path.join(dir, `upload-${song.id}`);
      const out = fs.createWriteStream(file);
      const started = Date.now();
      let received = 0;
      let aborted = false;
      out.on('error', () => undefined);
      req.on('data', (chunk: Buffer) => {
        if (aborted) return;
        received += chunk.length;
        out.write(chunk);
        const due = (received / rate) * 1000 - (Date.now() - started);
        if (due > 20) {
          req.pause();
          setTimeout(() => req.resume(), due);
        }
      });
      req.on('close', () => {
        if (req.complete || aborted) return;
        aborted = true;
        stats.abortedUploads += 1;
        out.destroy();
      });
      req.on('end', () => {
        out.end(() => {
          if (aborted) return;
          stats.uploads += 1;
          res.writeHead(200, cors).end();
          void processUpload(song, file);
        });
      });
      return;
    }
    if (req.method === 'GET' && url.pathname.startsWith('/media/')) {
      const file = path.normalize(path.join(dir, url.pathname));
      if (!file.startsWith(path.join(dir, 'media')) || !fs.existsSync(file)) {
        res.writeHead(404, cors).end();
        return;
      }
      res.writeHead(200, {
        ...cors,
        'content-type': MEDIA_TYPES[path.extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-cache',
      });
      fs.createReadStream(file).pipe(res);
      return;
    }
    res.writeHead(404, cors).end();
  });
  await new Promise<void>((resolve) => server.listen(storagePort, '127.0.0.1', resolve));

  return {
    resolvers,
    storageUrl,
    stats,
    ids: { artistId: seedArtist.id, albumId: seedAlbum.id, songIds },
    lastUploadId: () => lastUploadId,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => {
          fs.rmSync(dir, { recursive: true, force: true });
          done();
        });
      }),
  };
}
