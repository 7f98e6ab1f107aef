import { BadUserInputError } from '@groovy/common/errors';
import { normaliseText } from '@groovy/common/text';

/** The limits of a playlist (README "Playlists"). */
export const PLAYLIST_LIMITS = {
  nameMaxLength: 100,
  descriptionMaxLength: 1_000,
  /** Items one playlist may hold. */
  maxItems: 10_000,
  /** Songs one addToPlaylist call may add, items one removeFromPlaylist call may remove. */
  maxBatch: 500,
  maxCollaborators: 100,
} as const;

/** A playlist name: normalised text of 1–100 characters, or BAD_USER_INPUT naming `field`. */
export function parsePlaylistName(field: string, value: string): string {
  const name = normaliseText(field, value, 'Name');
  if (name.length === 0) throw new BadUserInputError(field, 'Name must not be empty');
  if ([...name].length > PLAYLIST_LIMITS.nameMaxLength) {
    throw new BadUserInputError(
      field,
      `Name must be at most ${PLAYLIST_LIMITS.nameMaxLength} characters`,
    );
  }
  return name;
}

/** A description of at most 1,000 characters; empty (or null) means none. */
export function parsePlaylistDescription(
  field: string,
  value: string | null | undefined,
): string | null {
  if (value === null || value === undefined) return null;
  // Line breaks are part of a description: normalise each line, keep the breaks.
  const lines = value
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => normaliseText(field, line, 'Description'));
  const description = lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  if ([...description].length > PLAYLIST_LIMITS.descriptionMaxLength) {
    throw new BadUserInputError(
      field,
      `Description must be at most ${PLAYLIST_LIMITS.descriptionMaxLength} characters`,
    );
  }
  return description.length > 0 ? description : null;
}

/** A batch of ids: 1..500 of them, each a non-empty string of at most 64 characters. */
export function parseIdBatch(field: string, ids: readonly string[], what: string): string[] {
  if (ids.length === 0) throw new BadUserInputError(field, `Give at least one ${what}`);
  if (ids.length > PLAYLIST_LIMITS.maxBatch) {
    throw new BadUserInputError(
      field,
      `At most ${PLAYLIST_LIMITS.maxBatch} ${what}s per call; split the list`,
    );
  }
  for (const id of ids) {
    if (typeof id !== 'string' || id.length === 0 || id.length > 64) {
      throw new BadUserInputError(
        field,
        `Not a valid id: ${JSON.stringify(String(id).slice(0, 40))}`,
      );
    }
  }
  return [...ids];
}

/** An integer position within 0..max, or BAD_USER_INPUT naming `field`. */
export function parsePosition(field: string, value: number, max: number): number {
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new BadUserInputError(field, `${field} must be between 0 and ${max}`);
  }
  return value;
}
