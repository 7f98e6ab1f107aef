import { Schema, type Connection, type Model, type Types } from 'mongoose';

/** One play that counted (the log SONG_PLAYED is published from). */
export interface PlayRecord {
  _id: Types.ObjectId;
  userId: string;
  songId: string;
  msPlayed: number;
  at: Date;
  /** Not yet applied to the song's playCount (a process stopped in between: repaired later). */
  pendingCount: boolean;
}

/**
 * A line of a listener's history: consecutive plays of one song fold into one line (`repeats`),
 * showing the newest of them. Newest first by `playedAt`.
 */
export interface HistoryEntryRecord {
  _id: Types.ObjectId;
  userId: string;
  songId: string;
  playedAt: Date;
  msPlayed: number;
  repeats: number;
  songDeleted: boolean;
}

/** Per listener: when their last counted play ended (the anti-inflation rule of recordPlay). */
export interface ListenerRecord {
  _id: string;
  lastPlayEndedAt: Date;
}

/** Per listener and song (`<userId>:<songId>`): when their last counted play of it ended. */
export interface ListenerSongRecord {
  _id: string;
  lastCountedAt: Date;
}

export interface PlayModels {
  listenerSongs: Model<ListenerSongRecord>;
  plays: Model<PlayRecord>;
  history: Model<HistoryEntryRecord>;
  listeners: Model<ListenerRecord>;
}

export function createPlayModels(connection: Connection): PlayModels {
  const playSchema = new Schema<PlayRecord>(
    {
      userId: { type: String, required: true },
      songId: { type: String, required: true },
      msPlayed: { type: Number, required: true },
      at: { type: Date, required: true },
      pendingCount: { type: Boolean, default: true },
    },
    { versionKey: false },
  );
  playSchema.index({ pendingCount: 1, at: 1 }, { partialFilterExpression: { pendingCount: true } });
  const historySchema = new Schema<HistoryEntryRecord>(
    {
      userId: { type: String, required: true },
      songId: { type: String, required: true },
      playedAt: { type: Date, required: true },
      msPlayed: { type: Number, required: true },
      repeats: { type: Number, default: 1 },
      songDeleted: { type: Boolean, default: false },
    },
    { versionKey: false },
  );
  historySchema.index({ userId: 1, songDeleted: 1, playedAt: -1, _id: -1 });
  historySchema.index({ songId: 1 });
  const listenerSchema = new Schema<ListenerRecord>(
    {
      _id: { type: String, required: true },
      lastPlayEndedAt: { type: Date, required: true },
    },
    { versionKey: false },
  );
  const listenerSongSchema = new Schema<ListenerSongRecord>(
    {
      _id: { type: String, required: true },
      lastCountedAt: { type: Date, required: true },
    },
    { versionKey: false },
  );
  return {
    listenerSongs: connection.model<ListenerSongRecord>(
      'ListenerSong',
      listenerSongSchema,
      'listener_song_plays',
    ),
    plays: connection.model<PlayRecord>('Play', playSchema, 'plays'),
    history: connection.model<HistoryEntryRecord>('HistoryEntry', historySchema, 'history'),
    listeners: connection.model<ListenerRecord>('Listener', listenerSchema, 'listeners'),
  };
}
