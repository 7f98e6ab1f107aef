import { BadUserInputError } from '@groovy/common/errors';
import { Types } from 'mongoose';

/** A position in the moderation queue (latest report first): that time and the comment's id. */
export interface QueueCursor {
  lastReportedAt: Date;
  id: Types.ObjectId;
}

export function encodeQueueCursor(cursor: QueueCursor): string {
  return Buffer.from(
    `queue:v1:${cursor.lastReportedAt.getTime()}:${cursor.id.toHexString()}`,
    'utf8',
  ).toString('base64url');
}

export function decodeQueueCursor(after: string): QueueCursor {
  const text = /^[A-Za-z0-9_-]{1,200}$/.test(after)
    ? Buffer.from(after, 'base64url').toString('utf8')
    : '';
  const match = /^queue:v1:(\d{1,15}):([0-9a-f]{24})$/.exec(text);
  if (!match)
    throw new BadUserInputError(
      'after',
      'Not a valid cursor; pass an endCursor or edge cursor you were given',
    );
  return { lastReportedAt: new Date(Number(match[1])), id: new Types.ObjectId(match[2]) };
}
