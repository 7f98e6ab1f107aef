import { BadUserInputError } from '@groovy/common/errors';
import { normaliseText } from '@groovy/common/text';

export const TITLE_MAX_LENGTH = 200;
export const GENRE_MAX_LENGTH = 50;
export const MAX_TAGS = 20;
export const TAG_MAX_LENGTH = 40;

/**
 * A song or album title: NFC, trimmed, spaces collapsed, 1-200 characters, no control or invisible
 * characters (common's normaliseText).
 */
export function parseTitle(field: string, value: string): string {
  const title = normaliseText(field, value, 'Title');
  if (title.length === 0) throw new BadUserInputError(field, 'Title must not be empty');
  if (title.length > TITLE_MAX_LENGTH) {
    throw new BadUserInputError(field, `Title must be at most ${TITLE_MAX_LENGTH} characters`);
  }
  return title;
}

/** A genre: trimmed, at most 50 characters; empty or null means none. */
export function parseGenre(field: string, value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const genre = normaliseText(field, value, 'Genre');
  if (genre.length === 0) return null;
  if (genre.length > GENRE_MAX_LENGTH) {
    throw new BadUserInputError(field, `Genre must be at most ${GENRE_MAX_LENGTH} characters`);
  }
  return genre;
}

/**
 * Tags, normalised: trimmed, spaces collapsed, lower-cased, a leading `#` dropped, duplicates
 * removed (first spelling kept in order); at most 20, each 1-40 characters.
 */
export function parseTags(field: string, values: readonly string[] | null | undefined): string[] {
  if (!values) return [];
  const tags: string[] = [];
  for (const raw of values) {
    const tag = normaliseText(field, raw, 'Tags')
      .replace(/^#+/, '')
      .trim()
      .toLocaleLowerCase('en-US');
    if (tag.length === 0) throw new BadUserInputError(field, 'Tags must not be empty');
    if (tag.length > TAG_MAX_LENGTH) {
      throw new BadUserInputError(field, `Each tag must be at most ${TAG_MAX_LENGTH} characters`);
    }
    if (!tags.includes(tag)) tags.push(tag);
  }
  if (tags.length > MAX_TAGS)
    throw new BadUserInputError(field, `A song may have at most ${MAX_TAGS} tags`);
  return tags;
}
