import { z } from 'zod';
import { defineEventType } from '../event-catalogue';

/**
 * preferences: what listeners keep (likes, plays, playlists, follows). Counter events carry the
 * subject's count after the change with `countVersion`, a counter that grows with every change of
 * that count: a read model keeps the count of the highest `countVersion` it has seen, whatever
 * order events of different aggregates arrive in. `at` is when the action happened (for
 * time-decayed scores such as trending).
 */
const id = z.string().min(1);
const at = z.iso.datetime();
const count = z.number().int().nonnegative();
const countVersion = z.number().int().positive();

const songLike = z.object({ songId: id, userId: id, at, likeCount: count, countVersion });

/** preferences: a listener liked a song (once; repeating the like publishes nothing). aggregateId: `<userId>:<songId>`. */
export const SongLiked = defineEventType('preferences', 'SONG_LIKED', 1, songLike);
/** preferences: a listener took a like back. aggregateId: `<userId>:<songId>`. */
export const SongUnliked = defineEventType('preferences', 'SONG_UNLIKED', 1, songLike);

/** preferences: a play that counts (≥ 30 s, or the whole song when shorter). aggregateId: the play's id. */
export const SongPlayed = defineEventType(
  'preferences',
  'SONG_PLAYED',
  1,
  z.object({
    playId: id,
    songId: id,
    userId: id,
    msPlayed: count,
    at,
    playCount: count,
    countVersion,
  }),
);

/**
 * preferences: a listener marked a song "not interested" (`notInterested: true`) or took it back;
 * recommendations leave such songs out. aggregateId: `<userId>:<songId>`.
 */
export const SongInterestMarked = defineEventType(
  'preferences',
  'SONG_INTEREST_MARKED',
  1,
  z.object({ songId: id, userId: id, at, notInterested: z.boolean() }),
);

export const PLAYLIST_VISIBILITIES = ['PUBLIC', 'PRIVATE'] as const;

const playlist = z.object({
  playlistId: id,
  name: z.string().min(1),
  description: z.string().nullable(),
  ownerId: id,
  visibility: z.enum(PLAYLIST_VISIBILITIES),
  collaborative: z.boolean(),
  collaboratorIds: z.array(id),
  itemCount: count,
  /** Up to the first 4 distinct songs, for cover mosaics. */
  coverSongIds: z.array(id).max(4),
  createdAt: at,
  updatedAt: at,
});

/** preferences: a playlist as it is now. aggregateId: the playlist's id, aggregateVersion its version. */
export const PlaylistCreated = defineEventType('preferences', 'PLAYLIST_CREATED', 1, playlist);
/** preferences: a playlist changed (details, visibility, collaborators or items). */
export const PlaylistUpdated = defineEventType('preferences', 'PLAYLIST_UPDATED', 1, playlist);
export const PlaylistDeleted = defineEventType(
  'preferences',
  'PLAYLIST_DELETED',
  1,
  z.object({ playlistId: id, ownerId: id }),
);

const artistFollow = z.object({ artistId: id, userId: id, at, followerCount: count, countVersion });
/** preferences: a listener follows an artist. aggregateId: `<userId>:<artistId>`. */
export const ArtistFollowed = defineEventType('preferences', 'ARTIST_FOLLOWED', 1, artistFollow);
export const ArtistUnfollowed = defineEventType(
  'preferences',
  'ARTIST_UNFOLLOWED',
  1,
  artistFollow,
);

/** `userId` follows `followedUserId`; aggregateId: `<userId>:<followedUserId>`. */
const userFollow = z.object({
  followedUserId: id,
  userId: id,
  at,
  followerCount: count,
  countVersion,
});
export const UserFollowed = defineEventType('preferences', 'USER_FOLLOWED', 1, userFollow);
export const UserUnfollowed = defineEventType('preferences', 'USER_UNFOLLOWED', 1, userFollow);

export const NOTIFICATION_KINDS = [
  'NEW_RELEASE',
  'COMMENT_REPLY',
  'NEW_FOLLOWER',
  'JAM_INVITE',
] as const;

/**
 * preferences: notifications of one cause were written for these recipients (one event per batch
 * of a fan-out, at most 1,000 recipients, rather than one per recipient: a release to 10,000
 * followers is 10 events). Only for live delivery (`Subscription.notificationAdded`): each instance
 * pushes it to its subscribers among `recipientIds`, who read their notification by `sourceKey`.
 * aggregateId: the batch's id.
 */
export const NotificationsAdded = defineEventType(
  'preferences',
  'NOTIFICATIONS_ADDED',
  1,
  z.object({
    kind: z.enum(NOTIFICATION_KINDS),
    /** The cause, unique per recipient: `NEW_RELEASE:<songId>`, `COMMENT_REPLY:<commentId>`, … */
    sourceKey: z.string().min(1),
    recipientIds: z.array(id).min(1).max(1_000),
    at,
  }),
);
