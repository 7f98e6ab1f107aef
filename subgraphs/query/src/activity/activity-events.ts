import {
  CommentCreated,
  CommentDeleted,
  CommentHidden,
  CommentUnhidden,
  isEvent,
  SongLiked,
  SongPlayed,
  SongUnliked,
  type EventEnvelope,
} from '@groovy/common/events';
import type { CountChange } from './song-activity-store';

/** The events that carry a song's play, like or comment count. */
export const ACTIVITY_EVENT_TYPES = [
  'SONG_PLAYED',
  'SONG_LIKED',
  'SONG_UNLIKED',
  'COMMENT_CREATED',
  'COMMENT_DELETED',
  'COMMENT_HIDDEN',
  'COMMENT_UNHIDDEN',
] as const;

/** The count change an event reports for a song; null for other events (e.g. album comments). */
export function countChangeOf(event: EventEnvelope): CountChange | null {
  if (isEvent(event, SongPlayed)) {
    const { songId, playCount, countVersion, at } = event.data;
    return { songId, kind: 'plays', count: playCount, countVersion, step: 1, at: new Date(at) };
  }
  if (isEvent(event, SongLiked) || isEvent(event, SongUnliked)) {
    const { songId, likeCount, countVersion, at } = event.data;
    const step = event.type === 'SONG_LIKED' ? 1 : -1;
    return { songId, kind: 'likes', count: likeCount, countVersion, step, at: new Date(at) };
  }
  if (
    isEvent(event, CommentCreated) ||
    isEvent(event, CommentDeleted) ||
    isEvent(event, CommentHidden) ||
    isEvent(event, CommentUnhidden)
  ) {
    const { target, commentCount, countVersion } = event.data;
    if (target.type !== 'SONG') return null;
    return {
      songId: target.id,
      kind: 'comments',
      count: commentCount,
      countVersion,
      step: event.type === 'COMMENT_CREATED' || event.type === 'COMMENT_UNHIDDEN' ? 1 : -1,
      // Only COMMENT_CREATED says when; the others happened when they were published.
      at: new Date('createdAt' in event.data ? event.data.createdAt : event.occurredAt),
    };
  }
  return null;
}
