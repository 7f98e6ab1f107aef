import { BadUserInputError } from '@groovy/common/errors';
import { Types } from 'mongoose';

export const DEFAULT_PAGE_SIZE = 20;
/** The most comments one page serves (router/src/protection/list-sizes.ts assumes the same). */
export const MAX_PAGE_SIZE = 50;

/** `first` within 0..50 (default 20), or BAD_USER_INPUT on `first`. */
export function parsePageSize(first: number | null | undefined): number {
  if (first === null || first === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw new BadUserInputError('first', `first must be between 0 and ${MAX_PAGE_SIZE}`);
  }
  return first;
}

/** How a list is sorted: the sort key (a time, or a moment of the song) and its direction. */
export type PageOrder = 'NEWEST' | 'OLDEST' | 'TIMELINE';

/**
 * A position in a list: the last comment's sort value and its id (the tiebreak). For NEWEST and
 * OLDEST the value is `createdAt` in ms; for TIMELINE, `atMs` and then `createdAt`.
 */
export interface CommentCursor {
  order: PageOrder;
  values: number[];
  id: Types.ObjectId;
}

const PREFIX = 'comment:v1';

export function encodeCommentCursor(cursor: CommentCursor): string {
  return Buffer.from(
    `${PREFIX}:${cursor.order}:${cursor.values.join(',')}:${cursor.id.toHexString()}`,
    'utf8',
  ).toString('base64url');
}

/** The position `after` names in a list sorted by `order`, or BAD_USER_INPUT on `after`. */
export function decodeCommentCursor(after: string, order: PageOrder): CommentCursor {
  const text = /^[A-Za-z0-9_-]{1,200}$/.test(after)
    ? Buffer.from(after, 'base64url').toString('utf8')
    : '';
  const match =
    /^comment:v1:(NEWEST|OLDEST|TIMELINE):(\d{1,15}(?:,\d{1,15})?):([0-9a-f]{24})$/.exec(text);
  if (!match)
    throw new BadUserInputError(
      'after',
      'Not a valid cursor; pass an endCursor or edge cursor you were given',
    );
  if (match[1] !== order)
    throw new BadUserInputError('after', `This cursor belongs to a list in ${match[1]} order`);
  return {
    order,
    values: match[2]!.split(',').map(Number),
    id: new Types.ObjectId(match[3]),
  };
}

/** What a list is sorted by, as a Mongo sort, and the cursor values of a comment in it. */
export function sortOf(order: PageOrder): Record<string, 1 | -1> {
  switch (order) {
    case 'NEWEST':
      return { createdAt: -1, _id: -1 };
    case 'OLDEST':
      return { createdAt: 1, _id: 1 };
    case 'TIMELINE':
      return { atMs: 1, createdAt: 1, _id: 1 };
  }
}

export function cursorValuesOf(
  order: PageOrder,
  comment: { atMs: number | null; createdAt: Date },
): number[] {
  return order === 'TIMELINE'
    ? [comment.atMs ?? 0, comment.createdAt.getTime()]
    : [comment.createdAt.getTime()];
}

/** The Mongo condition "after `cursor`" in its order (keyset pagination). */
export function afterCursorFilter(cursor: CommentCursor): Record<string, unknown> {
  const id = cursor.id;
  if (cursor.order === 'TIMELINE') {
    const [atMs, createdMs] = cursor.values as [number, number];
    const createdAt = new Date(createdMs ?? 0);
    return {
      $or: [
        { atMs: { $gt: atMs } },
        { atMs, createdAt: { $gt: createdAt } },
        { atMs, createdAt, _id: { $gt: id } },
      ],
    };
  }
  const createdAt = new Date(cursor.values[0]!);
  const op = cursor.order === 'NEWEST' ? '$lt' : '$gt';
  return { $or: [{ createdAt: { [op]: createdAt } }, { createdAt, _id: { [op]: id } }] };
}
