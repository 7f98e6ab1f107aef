/** Why a file could not be turned into a song, as the songs webhook reports it. */
export type MediaFailureCode = 'NOT_AUDIO' | 'CORRUPT' | 'TOO_LONG' | 'EMPTY' | 'INTERNAL';

/**
 * An expected failure of a job: the upload is not something we can play. `reason` is written for
 * the artist who uploaded it (it ends up in the app); `detail` is for the logs only.
 */
export class MediaFailure extends Error {
  constructor(
    readonly code: MediaFailureCode,
    readonly reason: string,
    readonly detail?: string,
  ) {
    super(`${code}: ${reason}${detail ? ` (${detail})` : ''}`);
    this.name = 'MediaFailure';
  }
}

export const FAILURE_REASONS = {
  EMPTY: 'This file is empty. Please upload the song again.',
  NOT_AUDIO:
    "This file doesn't contain audio we can play. Please upload an MP3, M4A/AAC, FLAC, WAV or Ogg/Opus file.",
  CORRUPT:
    'This file looks damaged or incomplete, so we could not read the audio in it. Please export or upload it again.',
  TOO_LONG: (maxSeconds: number) =>
    `This song is longer than the ${formatDuration(maxSeconds)} we accept. Please upload a shorter file.`,
  INTERNAL:
    'Something went wrong on our side while processing this file. Please try uploading it again.',
} as const;

function formatDuration(seconds: number): string {
  if (seconds % 3600 === 0) return seconds === 3600 ? '1 hour' : `${seconds / 3600} hours`;
  if (seconds % 60 === 0) return seconds === 60 ? '1 minute' : `${seconds / 60} minutes`;
  return `${seconds} seconds`;
}

/** Thrown when a job is stopped on purpose (shutdown): the song is left as it was, to be retried. */
export class JobAbortedError extends Error {
  constructor(message = 'job aborted') {
    super(message);
    this.name = 'JobAbortedError';
  }
}
