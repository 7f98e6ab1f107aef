import { BadUserInputError } from '@groovy/common/errors';
import { Types } from 'mongoose';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PLAYLIST_PAGE_SIZE = 100;
/** Items pages may be larger: a player queues a whole playlist in a few pages. */
export const MAX_ITEM_PAGE_SIZE = 500;

/** `first` within 0..max (default 20), or BAD_USER_INPUT on `first`. */
export function parseFirst(first: number | null | undefined, max: number): number {
  if (first === null || first === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0 || first > max) {
    throw new BadUserInputError('first', `first must be between 0 and ${max}`);
  }
  return first;
}

const invalidCursor = () =>
  new BadUserInputError(
    'after',
    'Not a valid cursor; pass an endCursor or edge cursor you were given',
  );

function decode(after: string): string {
  return /^[A-Za-z0-9_-]{1,400}$/.test(after)
    ? Buffer.from(after, 'base64url').toString('utf8')
    : '';
}

/**
 * An items cursor is a place in the order (the rank of the item it follows), not an item: it stays
 * meaningful when that item is moved or removed while someone pages.
 */
export function encodeItemCursor(rank: string): string {
  return Buffer.from(`item:v1:${rank}`, 'utf8').toString('base64url');
}

export function decodeItemCursor(after: string): string {
  const match = /^item:v1:([0-9A-Za-z]{1,200})$/.exec(decode(after));
  if (!match) throw invalidCursor();
  return match[1]!;
}

/** Playlists are listed newest first; the cursor is the last one's id. */
export function encodePlaylistCursor(id: Types.ObjectId): string {
  return Buffer.from(`playlist:v1:${id.toHexString()}`, 'utf8').toString('base64url');
}

export function decodePlaylistCursor(after: string): Types.ObjectId {
  const match = /^playlist:v1:([0-9a-f]{24})$/.exec(decode(after));
  if (!match) throw invalidCursor();
  return new Types.ObjectId(match[1]);
}

/** A 24-hex-digit id from the client, or BAD_USER_INPUT naming `field`. */
export function parseObjectId(field: string, value: string): Types.ObjectId {
  if (typeof value !== 'string' || !/^[0-9a-fA-F]{24}$/.test(value)) {
    throw new BadUserInputError(
      field,
      `Not a valid id: ${JSON.stringify(String(value).slice(0, 40))}`,
    );
  }
  return new Types.ObjectId(value);
}

export function isObjectIdText(value: string): boolean {
  return /^[0-9a-fA-F]{24}$/.test(value);
}
