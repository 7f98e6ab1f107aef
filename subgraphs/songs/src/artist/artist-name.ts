import { BadUserInputError } from '@groovy/common/errors';
import { normaliseText } from '@groovy/common/text';

export const ARTIST_NAME_MAX_LENGTH = 200;

/** NFC, trimmed, whitespace-collapsed, 1-200 characters, no control or invisible characters. */
export function parseArtistName(field: string, value: string): string {
  const name = normaliseText(field, value, 'Artist name');
  if (name.length === 0) throw new BadUserInputError(field, 'Artist name must not be empty');
  if (name.length > ARTIST_NAME_MAX_LENGTH) {
    throw new BadUserInputError(
      field,
      `Artist name must be at most ${ARTIST_NAME_MAX_LENGTH} characters`,
    );
  }
  return name;
}

/** What makes two names the same artist: case and spacing don't count. */
export function artistNameKey(name: string): string {
  return name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('en-US');
}
