import { BadUserInputError } from '@groovy/common/errors';
import { Types } from 'mongoose';
import { CacheInherit, PageInfo } from '@groovy/common/graphql';
import { Directive, Field, Int, ObjectType } from 'type-graphql';
import { Song, toSong } from './song';
import type { SongRecord } from './song.model';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

// Shareable: preferences returns the same type (Library.likedSongs); both declare the same fields.
@Directive('@shareable')
@CacheInherit()
@ObjectType()
export class SongEdge {
  @Field({ description: 'Opaque; stays valid while songs are added or removed.' })
  cursor!: string;

  @Field(() => Song)
  node!: Song;
}

@Directive('@shareable')
@CacheInherit()
@ObjectType({ description: 'A page of songs, newest first.' })
export class SongConnection {
  @Field(() => [SongEdge])
  edges!: SongEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => Int, { description: 'How many songs there are in all pages together.' })
  totalCount!: number;
}

/** A page of stored songs as the service reads it (cursors already encoded). */
export interface SongPage {
  edges: Array<{ cursor: string; record: SongRecord }>;
  hasNextPage: boolean;
  endCursor: string | null;
  totalCount: number;
}

/** A service page as the GraphQL connection (an artist's songs, a user's uploads). */
export function toSongConnection(page: SongPage): SongConnection {
  return {
    edges: page.edges.map((edge) => ({ cursor: edge.cursor, node: toSong(edge.record) })),
    pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
    totalCount: page.totalCount,
  };
}

/** A position in a newest-first list: the last song's creation time and id (the tiebreak). */
export interface SongCursor {
  createdAt: Date;
  id: Types.ObjectId;
}

const CURSOR_VERSION = 'song:v1';

export function encodeSongCursor(cursor: SongCursor): string {
  return Buffer.from(
    `${CURSOR_VERSION}:${cursor.createdAt.getTime()}:${cursor.id.toHexString()}`,
    'utf8',
  ).toString('base64url');
}

/** The position `after` names, or BAD_USER_INPUT on `after` when it is not one of our cursors. */
export function decodeSongCursor(after: string): SongCursor {
  const text = /^[A-Za-z0-9_-]{1,200}$/.test(after)
    ? Buffer.from(after, 'base64url').toString('utf8')
    : '';
  const match = /^song:v1:(\d{1,15}):([0-9a-f]{24})$/.exec(text);
  if (!match)
    throw new BadUserInputError(
      'after',
      'Not a valid cursor; pass an endCursor or edge cursor you were given',
    );
  return { createdAt: new Date(Number(match[1])), id: new Types.ObjectId(match[2]) };
}

/** `first` within 0..100 (default 20), or BAD_USER_INPUT on `first`. */
export function parsePageSize(first: number | null | undefined): number {
  if (first === null || first === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw new BadUserInputError('first', `first must be between 0 and ${MAX_PAGE_SIZE}`);
  }
  return first;
}
