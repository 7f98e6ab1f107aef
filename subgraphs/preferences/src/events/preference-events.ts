import { createEvent, type EventEnvelope } from '@groovy/common/events';
import type { CountSnapshot } from '../counter/counter.service';

/*
 * Pure builders of the events preferences publishes (contracts in common's catalogue,
 * preference-events.ts). Counter events carry the count after the change and its countVersion.
 */

const PRODUCER = 'preferences';

export function songLikeEvent(
  type: 'SONG_LIKED' | 'SONG_UNLIKED',
  like: { userId: string; songId: string; at: Date; version: number },
  snapshot: CountSnapshot,
): EventEnvelope {
  return createEvent({
    type,
    version: 1,
    producer: PRODUCER,
    aggregateId: `${like.userId}:${like.songId}`,
    aggregateVersion: like.version,
    occurredAt: like.at,
    data: {
      songId: like.songId,
      userId: like.userId,
      at: like.at.toISOString(),
      likeCount: snapshot.count,
      countVersion: snapshot.countVersion,
    },
  });
}

export function songPlayedEvent(
  play: { playId: string; userId: string; songId: string; msPlayed: number; at: Date },
  snapshot: CountSnapshot,
): EventEnvelope {
  return createEvent({
    type: 'SONG_PLAYED',
    version: 1,
    producer: PRODUCER,
    aggregateId: play.playId,
    aggregateVersion: 1,
    occurredAt: play.at,
    data: {
      playId: play.playId,
      songId: play.songId,
      userId: play.userId,
      msPlayed: play.msPlayed,
      at: play.at.toISOString(),
      playCount: snapshot.count,
      countVersion: snapshot.countVersion,
    },
  });
}

export function artistFollowEvent(
  type: 'ARTIST_FOLLOWED' | 'ARTIST_UNFOLLOWED',
  follow: { userId: string; targetId: string; at: Date; version: number },
  snapshot: CountSnapshot,
): EventEnvelope {
  return createEvent({
    type,
    version: 1,
    producer: PRODUCER,
    aggregateId: `${follow.userId}:${follow.targetId}`,
    aggregateVersion: follow.version,
    occurredAt: follow.at,
    data: {
      artistId: follow.targetId,
      userId: follow.userId,
      at: follow.at.toISOString(),
      followerCount: snapshot.count,
      countVersion: snapshot.countVersion,
    },
  });
}

export function userFollowEvent(
  type: 'USER_FOLLOWED' | 'USER_UNFOLLOWED',
  follow: { userId: string; targetId: string; at: Date; version: number },
  snapshot: CountSnapshot,
): EventEnvelope {
  return createEvent({
    type,
    version: 1,
    producer: PRODUCER,
    aggregateId: `${follow.userId}:${follow.targetId}`,
    aggregateVersion: follow.version,
    occurredAt: follow.at,
    data: {
      followedUserId: follow.targetId,
      userId: follow.userId,
      at: follow.at.toISOString(),
      followerCount: snapshot.count,
      countVersion: snapshot.countVersion,
    },
  });
}

export function songInterestMarkedEvent(mark: {
  userId: string;
  songId: string;
  at: Date;
  version: number;
  notInterested: boolean;
}): EventEnvelope {
  return createEvent({
    type: 'SONG_INTEREST_MARKED',
    version: 1,
    producer: PRODUCER,
    aggregateId: `${mark.userId}:${mark.songId}`,
    aggregateVersion: mark.version,
    occurredAt: mark.at,
    data: {
      songId: mark.songId,
      userId: mark.userId,
      at: mark.at.toISOString(),
      notInterested: mark.notInterested,
    },
  });
}
