import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A stereo sine tone of `seconds`, encoded by ffmpeg (Debian's, installed by .ci/run) as `format`. */
export function generateTone(
  seconds: number,
  format: 'mp3' | 'wav' | 'flac' = 'mp3',
): { file: string; bytes: Buffer } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'groovy-tone-'));
  const file = path.join(dir, `tone-${seconds}s.${format}`);
  execFileSync(process.env.FFMPEG_PATH ?? 'ffmpeg', [
    '-hide_banner',
    '-loglevel',
    'error',
    '-f',
    'lavfi',
    '-i',
    `sine=frequency=440:sample_rate=44100:duration=${seconds}`,
    '-ac',
    '2',
    ...(format === 'mp3' ? ['-b:a', '192k'] : []),
    '-y',
    file,
  ]);
  return { file, bytes: fs.readFileSync(file) };
}
