/**
 * Client-side checks of an audio file before asking for an upload URL: its type (by MIME type, or by
 * extension when the browser reports none, as some do for FLAC or Opus) and its size. The songs
 * subgraph stays the authority; this spares a round trip and explains the problem in plain words.
 */

/** Largest original we accept: a long lossless mix fits, a video file by mistake does not. */
export const MAX_UPLOAD_BYTES = 500 * 1024 * 1024;

interface AudioFormat {
  label: string;
  /** The content type we send (matches common's storage content types). */
  contentType: string;
  extensions: readonly string[];
  /** MIME types browsers report for this format. */
  mimeTypes: readonly string[];
}

const FORMATS: readonly AudioFormat[] = [
  {
    label: 'MP3',
    contentType: 'audio/mpeg',
    extensions: ['mp3'],
    mimeTypes: ['audio/mpeg', 'audio/mp3', 'audio/mpeg3', 'audio/x-mpeg-3', 'audio/x-mp3'],
  },
  {
    label: 'AAC / M4A',
    contentType: 'audio/mp4',
    extensions: ['m4a', 'mp4a'],
    mimeTypes: ['audio/mp4', 'audio/x-m4a', 'audio/m4a', 'audio/mp4a-latm'],
  },
  {
    label: 'AAC',
    contentType: 'audio/aac',
    extensions: ['aac'],
    mimeTypes: ['audio/aac', 'audio/x-aac', 'audio/aacp'],
  },
  {
    label: 'FLAC',
    contentType: 'audio/flac',
    extensions: ['flac'],
    mimeTypes: ['audio/flac', 'audio/x-flac'],
  },
  {
    label: 'WAV',
    contentType: 'audio/wav',
    extensions: ['wav', 'wave'],
    mimeTypes: ['audio/wav', 'audio/x-wav', 'audio/wave', 'audio/vnd.wave'],
  },
  {
    label: 'Ogg / Opus',
    contentType: 'audio/ogg',
    extensions: ['ogg', 'oga', 'opus'],
    mimeTypes: ['audio/ogg', 'audio/opus', 'audio/x-opus+ogg', 'application/ogg'],
  },
];

/** For `<input type="file" accept>`: every MIME type and extension above. */
export const AUDIO_ACCEPT = [
  'audio/*',
  ...FORMATS.flatMap((f) => f.extensions.map((e) => `.${e}`)),
].join(',');

export const SUPPORTED_FORMATS_TEXT = 'MP3, M4A/AAC, FLAC, WAV, Ogg or Opus';

export interface FileLike {
  name: string;
  type: string;
  size: number;
}

export type AudioFileCheck =
  { ok: true; contentType: string; format: string } | { ok: false; message: string };

export function fileExtension(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

/** 1536 → "1.5 KB", 5_000_000 → "4.8 MB" (binary units, like file managers). */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 1024) return `${Math.max(0, Math.round(bytes || 0))} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value >= 100 ? Math.round(value) : value.toFixed(1).replace(/\.0$/, '')} ${units[unit]}`;
}

export function checkAudioFile(file: FileLike, maxBytes = MAX_UPLOAD_BYTES): AudioFileCheck {
  const mime = (file.type.split(';')[0] ?? '').trim().toLowerCase();
  const extension = fileExtension(file.name);
  const byMime = mime ? FORMATS.find((f) => f.mimeTypes.includes(mime)) : undefined;
  const byExtension = FORMATS.find((f) => f.extensions.includes(extension));
  // A known MIME type wins; an empty or generic one falls back to the extension.
  const generic = mime === '' || mime === 'application/octet-stream';
  const format = byMime ?? (generic || mime.startsWith('audio/') ? byExtension : undefined);
  if (!format) {
    const what = mime.startsWith('video/')
      ? 'a video'
      : mime.startsWith('image/')
        ? 'an image'
        : mime.startsWith('audio/')
          ? `an audio format we don't support (${mime})`
          : `not an audio file`;
    return {
      ok: false,
      message: `“${file.name}” is ${what}. Choose an ${SUPPORTED_FORMATS_TEXT} file.`,
    };
  }
  if (file.size <= 0) return { ok: false, message: `“${file.name}” is empty.` };
  if (file.size > maxBytes) {
    return {
      ok: false,
      message: `“${file.name}” is ${formatBytes(file.size)}; the limit is ${formatBytes(maxBytes)}.`,
    };
  }
  return { ok: true, contentType: format.contentType, format: format.label };
}

/**
 * A title guess from a file name: no extension, no leading track number, separators as spaces.
 * "02 - Night_Drive (final).mp3" → "Night Drive (final)".
 */
export function titleFromFileName(name: string): string {
  const dot = name.lastIndexOf('.');
  const base = dot > 0 ? name.slice(0, dot) : name;
  const title = base
    .replace(/_+/g, ' ')
    .replace(/^\s*\d{1,3}\s*(?:[-.)]\s*|\s+)(?=\S)/, '')
    .replace(/\s+/g, ' ')
    .trim();
  return (title || base.trim()).slice(0, SONG_TITLE_MAX_LENGTH);
}

export const SONG_TITLE_MAX_LENGTH = 200;
export const ARTIST_NAME_MAX_LENGTH = 200;
export const GENRE_MAX_LENGTH = 50;
export const TAG_MAX_LENGTH = 40;
export const MAX_TAGS = 10;

/** "chill, Lo-Fi ,, night drive, chill" → ["chill", "Lo-Fi", "night drive"]. */
export function parseTags(value: string): string[] {
  const seen = new Set<string>();
  const tags: string[] = [];
  for (const raw of value.split(',')) {
    const tag = raw.trim().replace(/^#/, '').replace(/\s+/g, ' ');
    if (!tag || seen.has(tag.toLowerCase())) continue;
    seen.add(tag.toLowerCase());
    tags.push(tag);
  }
  return tags;
}

export interface SongDetailsValues {
  title: string;
  artistName: string;
  genre: string;
  tags: string;
}

export function validateSongDetails(
  values: SongDetailsValues,
): Partial<Record<keyof SongDetailsValues, string>> {
  const errors: Partial<Record<keyof SongDetailsValues, string>> = {};
  const title = values.title.trim();
  if (!title) errors.title = 'Give the song a title.';
  else if ([...title].length > SONG_TITLE_MAX_LENGTH)
    errors.title = `Use at most ${SONG_TITLE_MAX_LENGTH} characters.`;
  const artist = values.artistName.trim();
  if (!artist) errors.artistName = 'Enter the artist name.';
  else if ([...artist].length > ARTIST_NAME_MAX_LENGTH)
    errors.artistName = `Use at most ${ARTIST_NAME_MAX_LENGTH} characters.`;
  if ([...values.genre.trim()].length > GENRE_MAX_LENGTH)
    errors.genre = `Use at most ${GENRE_MAX_LENGTH} characters.`;
  const tags = parseTags(values.tags);
  if (tags.length > MAX_TAGS) errors.tags = `Use at most ${MAX_TAGS} tags.`;
  else if (tags.some((t) => [...t].length > TAG_MAX_LENGTH))
    errors.tags = `Keep each tag under ${TAG_MAX_LENGTH} characters.`;
  return errors;
}
