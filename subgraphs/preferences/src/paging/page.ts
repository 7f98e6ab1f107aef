import { BadUserInputError } from '@groovy/common/errors';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** `first` within 0..100 (default 20), or BAD_USER_INPUT on `first`. */
export function parsePageSize(first: number | null | undefined): number {
  if (first === null || first === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw new BadUserInputError('first', `first must be between 0 and ${MAX_PAGE_SIZE}`);
  }
  return first;
}

/**
 * A position in a newest-first list: the sort time of the last item and its key (the tiebreak).
 * Opaque to clients; each list has its own `kind`, so one list's cursor is refused by another.
 */
export interface Position {
  at: Date;
  key: string;
}

export function encodeCursor(kind: string, position: Position): string {
  return Buffer.from(`${kind}:v1:${position.at.getTime()}:${position.key}`, 'utf8').toString(
    'base64url',
  );
}

/** The position `after` names, or BAD_USER_INPUT on `after` when it is not one of this list's cursors. */
export function decodeCursor(
  kind: string,
  after: string,
  keyPattern: RegExp = /^.{1,200}$/,
): Position {
  const text = /^[A-Za-z0-9_-]{1,400}$/.test(after)
    ? Buffer.from(after, 'base64url').toString('utf8')
    : '';
  const prefix = `${kind}:v1:`;
  const match = text.startsWith(prefix)
    ? /^(\d{1,15}):(.{1,200})$/.exec(text.slice(prefix.length))
    : null;
  if (!match || !keyPattern.test(match[2]!))
    throw new BadUserInputError(
      'after',
      'Not a valid cursor; pass an endCursor or edge cursor you were given',
    );
  return { at: new Date(Number(match[1])), key: match[2]! };
}

/** The Mongo condition "strictly after `position`" in a list sorted by (`atField` desc, `keyField` desc). */
export function afterPosition(
  position: Position | null,
  atField: string,
  keyField: string,
  key: (value: string) => unknown = (value) => value,
): Record<string, unknown> {
  if (!position) return {};
  return {
    $or: [
      { [atField]: { $lt: position.at } },
      { [atField]: position.at, [keyField]: { $lt: key(position.key) } },
    ],
  };
}

/** One page of a list read with `limit: size + 1`: the edges, whether there is more, the end cursor. */
export function pageOf<TItem, TEdge extends { cursor: string }>(
  items: TItem[],
  size: number,
  toEdge: (item: TItem) => TEdge,
): { edges: TEdge[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } {
  const edges = items.slice(0, size).map(toEdge);
  return {
    edges,
    pageInfo: { hasNextPage: items.length > size, endCursor: edges.at(-1)?.cursor ?? null },
  };
}

export const OBJECT_ID_KEY = /^[0-9a-f]{24}$/;
