import type { Stack } from './stack';

export interface SongState {
  id: string;
  status: string;
  failureReason: string | null;
  durationMs: number | null;
  loudnessLufs: number | null;
  waveform: number[] | null;
  stream: {
    masterUrl: string;
    renditions: Array<{ bitrateKbps: number; codec: string; url: string }>;
  } | null;
}

const REQUEST_UPLOAD =
  'mutation Up($input: RequestSongUploadInput!) { requestSongUpload(input: $input) { song { id status } uploadUrl method headers { name value } } }';
const SONG =
  'query Song($id: ID!) { song(id: $id) { id status failureReason durationMs loudnessLufs waveform stream { masterUrl renditions { bitrateKbps codec url } } } }';

export interface RequestedUpload {
  song: { id: string; status: string };
  uploadUrl: string;
  method: string;
  headers: Array<{ name: string; value: string }>;
}

/** requestSongUpload through the router, then the PUT straight to storage, as a client does. */
export async function uploadSong(
  stack: Stack,
  token: string,
  input: {
    title: string;
    artistName: string;
    fileName: string;
    contentType: string;
    genre?: string;
    tags?: string[];
  },
  bytes: Buffer,
): Promise<RequestedUpload> {
  const requested = await stack.execute<{ requestSongUpload: RequestedUpload }>(
    REQUEST_UPLOAD,
    { input: { ...input, sizeBytes: bytes.length } },
    { token },
  );
  if (!requested.data)
    throw new Error(`requestSongUpload failed: ${JSON.stringify(requested.errors)}`);
  const upload = requested.data.requestSongUpload;
  const put = await fetch(upload.uploadUrl, {
    method: upload.method,
    headers: Object.fromEntries(upload.headers.map((h) => [h.name, h.value])),
    body: new Uint8Array(bytes),
  });
  if (put.status >= 300) throw new Error(`upload PUT answered ${put.status}`);
  return upload;
}

/**
 * Polls the public API (bounded) until the song is READY or FAILED, as a client does. The bound is
 * in time, not attempts: on a loaded machine both the worker's ffmpeg and each poll are slow.
 */
export async function waitUntilProcessed(
  stack: Stack,
  id: string,
  token: string,
  timeoutMs = 180_000,
): Promise<SongState> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const song = (await stack.execute<{ song: SongState }>(SONG, { id }, { token })).data?.song;
    if (song && (song.status === 'READY' || song.status === 'FAILED')) return song;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`song ${id} was never processed`);
}
