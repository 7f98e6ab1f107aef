import { BadUserInputError } from '@groovy/common/errors';

/** Audio files we accept, by extension, with the content types browsers and tools send for them. */
const AUDIO_TYPES: ReadonlyArray<{
  extensions: readonly string[];
  contentTypes: readonly string[];
}> = [
  { extensions: ['mp3'], contentTypes: ['audio/mpeg'] },
  { extensions: ['m4a', 'aac', 'mp4'], contentTypes: ['audio/mp4', 'audio/aac', 'audio/x-m4a'] },
  { extensions: ['flac'], contentTypes: ['audio/flac', 'audio/x-flac'] },
  { extensions: ['wav', 'wave'], contentTypes: ['audio/wav', 'audio/x-wav', 'audio/wave'] },
  { extensions: ['ogg', 'oga', 'opus'], contentTypes: ['audio/ogg', 'audio/opus'] },
];

export const ACCEPTED_CONTENT_TYPES = AUDIO_TYPES.flatMap((type) => type.contentTypes);
const ACCEPTED_EXTENSIONS = AUDIO_TYPES.flatMap((type) => type.extensions);

export const FILE_NAME_MAX_LENGTH = 255;

export interface AudioFile {
  /** Lower-case extension without the dot, used in the upload key. */
  extension: string;
  /** Lower-case, without parameters: the only content type the signed URL accepts. */
  contentType: string;
}

/**
 * Checks the file the client is about to upload: a file name with an audio extension, and a content
 * type of that family (`song.mp3` with `audio/mpeg`, not `audio/flac`).
 */
export function parseAudioFile(fileName: string, rawContentType: string): AudioFile {
  const name = fileName.trim();
  if (name.length === 0) throw new BadUserInputError('fileName', 'File name must not be empty');
  if (name.length > FILE_NAME_MAX_LENGTH) {
    throw new BadUserInputError(
      'fileName',
      `File name must be at most ${FILE_NAME_MAX_LENGTH} characters`,
    );
  }
  const extension = /\.([A-Za-z0-9]{1,5})$/.exec(name)?.[1]?.toLowerCase();
  if (!extension || !ACCEPTED_EXTENSIONS.includes(extension)) {
    throw new BadUserInputError(
      'fileName',
      `File name must end with an audio extension (${ACCEPTED_EXTENSIONS.map((e) => `.${e}`).join(', ')})`,
    );
  }
  const contentType = rawContentType.split(';')[0]!.trim().toLowerCase();
  if (!ACCEPTED_CONTENT_TYPES.includes(contentType)) {
    throw new BadUserInputError(
      'contentType',
      `Content type must be one of ${ACCEPTED_CONTENT_TYPES.join(', ')}`,
    );
  }
  const family = AUDIO_TYPES.find((type) => type.extensions.includes(extension))!;
  if (!family.contentTypes.includes(contentType)) {
    throw new BadUserInputError(
      'contentType',
      `Content type ${contentType} does not match a .${extension} file (expected ${family.contentTypes.join(' or ')})`,
    );
  }
  return { extension, contentType };
}

/** A declared size in bytes: a whole number above 0 and at most `maxBytes`. */
export function parseSizeBytes(value: number, maxBytes: number): number {
  if (!Number.isInteger(value) || value <= 0)
    throw new BadUserInputError('sizeBytes', 'File size must be a positive whole number of bytes');
  if (value > maxBytes) {
    throw new BadUserInputError(
      'sizeBytes',
      `File is too large: at most ${maxBytes} bytes (${Math.floor(maxBytes / (1024 * 1024))} MB)`,
    );
  }
  return value;
}
