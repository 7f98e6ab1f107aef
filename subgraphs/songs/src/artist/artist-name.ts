import { BadUserInputError } from '@groovy/common/errors';

export const ARTIST_NAME_MAX_LENGTH = 200;

/** Trimmed and whitespace-collapsed, 1-200 characters, no control characters. */
export function parseArtistName(field: string, value: string): string {
  const name = value.trim().replace(/\s+/g, ' ');
  if (name.length === 0) throw new BadUserInputError(field, 'Artist name must not be empty');
  if (name.length > ARTIST_NAME_MAX_LENGTH) {
    throw new BadUserInputError(
      field,
      `Artist name must be at most ${ARTIST_NAME_MAX_LENGTH} characters`,
    );
  }
  // eslint-disable-next-line no-control-regex -- rejecting control characters is the point
  if (/[\u0000-\u001f\u007f]/.test(name))
    throw new BadUserInputError(field, 'Artist name must not contain control characters');
  return name;
}

/** What makes two names the same artist: case and spacing don't count. */
export function artistNameKey(name: string): string {
  return name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('en-US');
}
