import { createHash } from 'node:crypto';
import { BadUserInputError } from '@groovy/common/errors';
import type { SearchFilter } from './search-index';

/** Identifies a query and its filter, so a cursor is only accepted by the search it came from. */
export function queryHash(query: string, filter: SearchFilter): string {
  const normalised = JSON.stringify([
    query.trim().toLowerCase().split(/\s+/).join(' '),
    filter.genre ?? null,
    filter.year ?? null,
    filter.artistId ?? null,
  ]);
  return createHash('sha256').update(normalised).digest('base64url').slice(0, 16);
}

/** An opaque cursor: the hit's offset in the result list and the query's hash. */
export function encodeCursor(offset: number, hash: string): string {
  return Buffer.from(`${offset}:${hash}`, 'utf8').toString('base64url');
}

/** The offset of the hit after which to continue; BAD_USER_INPUT for a malformed or foreign cursor. */
export function decodeCursor(cursor: string, hash: string): number {
  const [offset, cursorHash] = Buffer.from(cursor, 'base64url').toString('utf8').split(':');
  const value = Number(offset);
  if (!Number.isInteger(value) || value < 0 || !cursorHash) {
    throw new BadUserInputError('after', 'after: not a cursor of this search');
  }
  if (cursorHash !== hash) {
    throw new BadUserInputError('after', 'after: the cursor belongs to another query or filter');
  }
  return value;
}
