import { accessSync, constants } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** The ffmpeg and ffprobe binaries a job runs, and where each came from (logged at start). */
export interface MediaTools {
  ffmpeg: string;
  ffprobe: string;
  sources: { ffmpeg: MediaToolSource; ffprobe: MediaToolSource };
}

export type MediaToolSource = 'env' | 'system' | 'npm';

export interface ResolveMediaToolsOptions {
  /** FFMPEG_PATH / FFPROBE_PATH. */
  ffmpegPath?: string | undefined;
  ffprobePath?: string | undefined;
  /** The OS search path (PATH). */
  searchPath?: string | undefined;
}

export class MediaToolsNotFoundError extends Error {
  constructor(tool: string) {
    super(
      `${tool} not found: set ${tool === 'ffmpeg' ? 'FFMPEG_PATH' : 'FFPROBE_PATH'}, install it (apt-get install ffmpeg), ` +
        `or install the optional npm package ${tool === 'ffmpeg' ? '@ffmpeg-installer/ffmpeg' : '@ffprobe-installer/ffprobe'}`,
    );
    this.name = 'MediaToolsNotFoundError';
  }
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function findOnPath(name: string, searchPath: string | undefined): string | undefined {
  for (const dir of (searchPath ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

function fromNpm(packageName: string): string | undefined {
  try {
    const load = createRequire(__filename);
    const found = (load(packageName) as { path?: string }).path;
    return found && isExecutable(found) ? found : undefined;
  } catch {
    return undefined;
  }
}

function resolveOne(
  tool: 'ffmpeg' | 'ffprobe',
  explicit: string | undefined,
  searchPath: string | undefined,
): { file: string; source: MediaToolSource } {
  if (explicit) {
    if (!isExecutable(explicit))
      throw new Error(`${tool} at ${explicit} (from the environment) is not an executable file`);
    return { file: explicit, source: 'env' };
  }
  const system = findOnPath(tool, searchPath);
  if (system) return { file: system, source: 'system' };
  const npm = fromNpm(
    tool === 'ffmpeg' ? '@ffmpeg-installer/ffmpeg' : '@ffprobe-installer/ffprobe',
  );
  if (npm) return { file: npm, source: 'npm' };
  throw new MediaToolsNotFoundError(tool);
}

/** FFMPEG_PATH/FFPROBE_PATH → the system binaries on PATH → the optional npm packages. */
export function resolveMediaTools(options: ResolveMediaToolsOptions): MediaTools {
  const ffmpeg = resolveOne('ffmpeg', options.ffmpegPath, options.searchPath);
  const ffprobe = resolveOne('ffprobe', options.ffprobePath, options.searchPath);
  return {
    ffmpeg: ffmpeg.file,
    ffprobe: ffprobe.file,
    sources: { ffmpeg: ffmpeg.source, ffprobe: ffprobe.source },
  };
}
