import { open, stat } from 'node:fs/promises';
import { FAILURE_REASONS, MediaFailure } from './media-failure';
import type { MediaTools } from './media-tools';
import { runTool } from './run-tool';

/** What the transcode needs to know about an upload, from ffprobe. */
export interface ProbedAudio {
  formatName: string;
  /** The container's or stream's declared duration; null when neither declares one. */
  durationSeconds: number | null;
  audio: { streamIndex: number; codec: string; sampleRate: number; channels: number };
  /** An attached picture (embedded cover art), when there is one. */
  cover: { streamIndex: number; codec: string } | null;
  sizeBytes: number;
}

interface FfprobeStream {
  index: number;
  codec_type?: string;
  codec_name?: string;
  sample_rate?: string;
  channels?: number;
  duration?: string;
  disposition?: { attached_pic?: number };
}

interface FfprobeOutput {
  streams?: FfprobeStream[];
  format?: { format_name?: string; duration?: string };
}

/**
 * True when the first bytes are the signature of an audio container we know (ID3/MPEG audio, ADTS,
 * FLAC, RIFF/WAVE, Ogg, MP4/M4A, AIFF, CAF, Matroska/WebM, ASF, AMR): a file that starts like audio
 * but can't be read is CORRUPT; anything else (text, an image, random bytes) is NOT_AUDIO.
 */
export function looksLikeAudioContainer(head: Buffer): boolean {
  const ascii = (start: number, end: number) => head.subarray(start, end).toString('latin1');
  if (head.length < 4) return false;
  const b0 = head[0] ?? 0;
  const b1 = head[1] ?? 0;
  if (ascii(0, 3) === 'ID3') return true;
  if (b0 === 0xff && (b1 & 0xe0) === 0xe0) return true; // MPEG audio frame sync, ADTS
  const four = ascii(0, 4);
  if (['fLaC', 'OggS', 'caff', 'wvpk', 'MAC ', '#!AM', '.snd'].includes(four)) return true;
  if ((four === 'RIFF' || four === 'RF64') && ['WAVE', 'AVI '].includes(ascii(8, 12))) return true;
  if (four === 'FORM' && ['AIFF', 'AIFC'].includes(ascii(8, 12))) return true;
  if (ascii(4, 8) === 'ftyp') return true;
  if (head.readUInt32BE(0) === 0x1a45dfa3) return true; // EBML: Matroska / WebM
  if (
    head.length >= 8 &&
    head.readUInt32BE(0) === 0x3026b275 &&
    head.readUInt32BE(4) === 0x8e66cf11
  )
    return true; // ASF
  return false;
}

async function readHead(file: string, bytes: number): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function positiveNumber(value: string | undefined): number | null {
  const parsed = value === undefined ? NaN : Number(value);
  return Number.isFinite(parsed) && parsed >= 0 ? parsed : null;
}

/**
 * Probes `file` with ffprobe and classifies it: throws MediaFailure EMPTY, NOT_AUDIO, CORRUPT or
 * TOO_LONG with a reason a person can read; otherwise returns what the transcode needs.
 */
export async function probeAudio(
  tools: MediaTools,
  file: string,
  options: { maxDurationSeconds: number; signal?: AbortSignal | undefined },
): Promise<ProbedAudio> {
  const { size } = await stat(file);
  if (size === 0) throw new MediaFailure('EMPTY', FAILURE_REASONS.EMPTY, 'zero bytes');
  const startsLikeAudio = looksLikeAudioContainer(await readHead(file, 16));
  const unreadable = (detail: string) =>
    startsLikeAudio
      ? new MediaFailure('CORRUPT', FAILURE_REASONS.CORRUPT, detail)
      : new MediaFailure('NOT_AUDIO', FAILURE_REASONS.NOT_AUDIO, detail);

  const result = await runTool(
    tools.ffprobe,
    ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', '-i', file],
    { collectStdout: true, signal: options.signal, stderrTailBytes: 4096 },
  );
  let output: FfprobeOutput = {};
  try {
    output = JSON.parse(result.stdout || '{}') as FfprobeOutput;
  } catch {
    output = {};
  }
  const streams = output.streams ?? [];
  if (result.exitCode !== 0 || !output.format) {
    throw unreadable(
      `ffprobe exit ${result.exitCode}: ${result.stderrTail.trim().split('\n').slice(-2).join(' | ')}`,
    );
  }
  const audio = streams.find(
    (stream) => stream.codec_type === 'audio' && stream.codec_name && stream.codec_name !== 'none',
  );
  if (!audio) {
    if (streams.some((stream) => stream.codec_type === 'audio'))
      throw unreadable('audio stream with an unknown codec');
    throw new MediaFailure(
      'NOT_AUDIO',
      FAILURE_REASONS.NOT_AUDIO,
      `no audio stream in ${output.format.format_name ?? 'file'}`,
    );
  }
  const sampleRate = Number(audio.sample_rate);
  const channels = audio.channels ?? 0;
  if (!Number.isFinite(sampleRate) || sampleRate <= 0 || channels <= 0) {
    throw new MediaFailure(
      'CORRUPT',
      FAILURE_REASONS.CORRUPT,
      `audio stream without sample rate or channels`,
    );
  }
  const durationSeconds = positiveNumber(output.format.duration) ?? positiveNumber(audio.duration);
  if (durationSeconds !== null && durationSeconds > options.maxDurationSeconds) {
    throw new MediaFailure(
      'TOO_LONG',
      FAILURE_REASONS.TOO_LONG(options.maxDurationSeconds),
      `${durationSeconds.toFixed(1)} s > ${options.maxDurationSeconds} s`,
    );
  }
  if (durationSeconds === 0)
    throw new MediaFailure('EMPTY', FAILURE_REASONS.EMPTY, 'declared duration 0');
  const picture = streams.find(
    (stream) => stream.codec_type === 'video' && stream.disposition?.attached_pic === 1,
  );
  return {
    formatName: output.format.format_name ?? 'unknown',
    durationSeconds,
    audio: { streamIndex: audio.index, codec: audio.codec_name ?? 'unknown', sampleRate, channels },
    cover: picture ? { streamIndex: picture.index, codec: picture.codec_name ?? 'unknown' } : null,
    sizeBytes: size,
  };
}
