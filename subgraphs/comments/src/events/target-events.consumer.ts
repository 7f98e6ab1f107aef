import {
  AlbumCreated,
  AlbumDeleted,
  AlbumUpdated,
  isEvent,
  PlaylistCreated,
  PlaylistDeleted,
  PlaylistUpdated,
  ProcessedEvents,
  SongCreated,
  SongDeleted,
  SongUpdated,
  type EventEnvelope,
  type SubscribeOptions,
} from '@groovy/common/events';
import type { Db } from 'mongodb';
import type { Logger } from 'pino';
import type { CommentModel } from '../comment/comment.model';
import { targetKeyOf, type CommentTargetTypeValue } from '../target/target-key';
import type { TargetService } from '../target/target.service';

export const CONSUMER = 'comments';

/** What comments hears from songs and preferences about the things people comment on. */
export const TARGET_EVENT_TYPES = [
  'SONG_CREATED',
  'SONG_UPDATED',
  'SONG_DELETED',
  'ALBUM_CREATED',
  'ALBUM_UPDATED',
  'ALBUM_DELETED',
  'PLAYLIST_CREATED',
  'PLAYLIST_UPDATED',
  'PLAYLIST_DELETED',
];

/**
 * Keeps the targets up to date: owners (a song's uploader, an album's or playlist's owner), who may
 * see them (READY songs, albums, PUBLIC playlists; otherwise the owner and collaborators), song
 * durations (timed comments), and deletions (their comments leave every list). Idempotent:
 * duplicated and stale deliveries are skipped (ProcessedEvents).
 */
export class TargetEventsConsumer {
  private processedEvents: ProcessedEvents | undefined;

  constructor(
    private readonly db: () => Db,
    private readonly targets: TargetService,
    private readonly comments: CommentModel,
    private readonly logger: Logger,
  ) {}

  private get processed(): ProcessedEvents {
    this.processedEvents ??= new ProcessedEvents(this.db(), CONSUMER);
    return this.processedEvents;
  }

  subscription(): SubscribeOptions {
    return {
      consumer: CONSUMER,
      types: TARGET_EVENT_TYPES,
      handler: (event) => this.handle(event),
    };
  }

  async handle(event: EventEnvelope): Promise<void> {
    const outcome = await this.processed.applyOnce(event, () => this.apply(event));
    this.logger.debug({ type: event.type, aggregateId: event.aggregateId, outcome }, 'event');
  }

  private async apply(event: EventEnvelope): Promise<void> {
    if (isEvent(event, SongCreated) || isEvent(event, SongUpdated)) {
      const song = event.data;
      await this.targets.learn('SONG', song.songId, {
        ownerId: song.uploaderId,
        public: song.status === 'READY',
        durationMs: song.durationMs === null ? null : Math.floor(song.durationMs),
      });
    } else if (isEvent(event, AlbumCreated) || isEvent(event, AlbumUpdated)) {
      await this.targets.learn('ALBUM', event.data.albumId, {
        ownerId: event.data.ownerId,
        public: true,
      });
    } else if (isEvent(event, PlaylistCreated) || isEvent(event, PlaylistUpdated)) {
      const playlist = event.data;
      await this.targets.learn('PLAYLIST', playlist.playlistId, {
        ownerId: playlist.ownerId,
        memberIds: playlist.collaboratorIds,
        public: playlist.visibility === 'PUBLIC',
      });
    } else if (isEvent(event, SongDeleted)) {
      await this.gone('SONG', event.data.songId);
    } else if (isEvent(event, AlbumDeleted)) {
      await this.gone('ALBUM', event.data.albumId);
    } else if (isEvent(event, PlaylistDeleted)) {
      await this.gone('PLAYLIST', event.data.playlistId);
    }
  }

  private async gone(type: CommentTargetTypeValue, id: string): Promise<void> {
    await this.targets.forget(type, id);
    await this.comments.updateMany(
      { targetKey: targetKeyOf(type, id), targetGone: false },
      { $set: { targetGone: true } },
    );
  }
}
