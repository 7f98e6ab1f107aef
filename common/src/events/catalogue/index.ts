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
