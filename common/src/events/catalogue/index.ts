export { UserRegistered, UserUpdated } from './user-events';
export {
  AlbumCreated,
  AlbumDeleted,
  AlbumUpdated,
  ArtistUpdated,
  SONG_EVENT_STATUSES,
  SongCreated,
  SongDeleted,
  SongUpdated,
} from './song-events';
export {
  finalizedObjectOf,
  objectAggregateId,
  ObjectFinalized,
  objectFinalizedEvent,
  type ObjectFinalizedData,
} from './storage-events';
export {
  COMMENT_TARGET_TYPES,
  CommentCreated,
  CommentDeleted,
  CommentHidden,
  CommentUnhidden,
} from './comment-events';
export {
  ArtistFollowed,
  ArtistUnfollowed,
  NOTIFICATION_KINDS,
  NotificationsAdded,
  PLAYLIST_VISIBILITIES,
  PlaylistCreated,
  PlaylistDeleted,
  PlaylistUpdated,
  SongInterestMarked,
  SongLiked,
  SongPlayed,
  SongUnliked,
  UserFollowed,
  UserUnfollowed,
} from './preference-events';
export { JAM_EVENT_KINDS, JamUpdated, jamStateSchema } from './jam-events';
export { QuerySongsChanged } from './query-events';
