import {
  CommentCreated,
  isEvent,
  type EventDefinition,
  type EventEnvelope,
  type SubscribeOptions,
} from '@groovy/common/events';
import type { Logger } from 'pino';
import type { CatalogueService } from '../catalogue/catalogue.service';
import type { FanoutWorker } from '../notification/fanout.worker';
import type { NotificationService } from '../notification/notification.service';
import type { PlayService } from '../play/play.service';
import type { ToggleService } from '../toggle/toggle.service';

export const CONSUMER = 'preferences';

export const SONG_EVENT_TYPES = ['SONG_CREATED', 'SONG_UPDATED', 'SONG_DELETED'] as const;
export const CONSUMED_EVENT_TYPES = [
  ...SONG_EVENT_TYPES,
  'ALBUM_CREATED',
  'ALBUM_UPDATED',
  'ALBUM_DELETED',
  'ARTIST_UPDATED',
  'USER_REGISTERED',
  'COMMENT_CREATED',
] as const;

/**
 * What preferences learns from others (consumer `preferences`). Every handler is idempotent by
 * construction — versioned upserts for the catalogue, one fan-out job per released song, a unique
 * (recipient, cause) per notification — so duplicated, reordered or replayed events change nothing.
 *
 * - SONG_CREATED/UPDATED: the song (artist, duration, status, uploader); READY records the
 *   NEW_RELEASE fan-out (the worker writes it, not this handler).
 * - SONG_DELETED: the song leaves liked lists and histories.
 * - ALBUM_*, ARTIST_UPDATED: albums (ratings) and artists (follows) exist.
 * - USER_REGISTERED: users exist (follows).
 * - COMMENT_CREATED: a reply notifies the author of the comment it answers (not yourself).
 */
export class PreferencesConsumer {
  constructor(
    private readonly catalogue: CatalogueService,
    private readonly likes: ToggleService,
    private readonly plays: PlayService,
    private readonly notifications: NotificationService,
    private readonly fanout: FanoutWorker,
    private readonly logger: Logger,
  ) {}

  async handle(event: EventEnvelope): Promise<void> {
    if ((SONG_EVENT_TYPES as readonly string[]).includes(event.type)) await this.onSong(event);
    else if (event.type === 'USER_REGISTERED') await this.catalogue.applyUser(event);
    else if (isEvent(event, CommentCreated)) await this.onComment(event);
    else await this.catalogue.applyAlbumOrArtist(event);
    this.logger.debug({ type: event.type, aggregateId: event.aggregateId }, 'event applied');
  }

  private async onSong(event: EventEnvelope): Promise<void> {
    const change = await this.catalogue.applySong(event);
    if (!change) return;
    const { song } = change;
    if (song.deleted) {
      await Promise.all([this.likes.targetDeleted(song._id), this.plays.songDeleted(song._id)]);
      return;
    }
    if (!change.applied || song.status !== 'READY' || !song.artistId) return;
    // Anyone can upload under any artist's name: only the artist's owner releases to its followers.
    const ownerId = await this.catalogue.artistOwnerId(song.artistId);
    if (!song.uploaderId || ownerId !== song.uploaderId) {
      this.logger.info(
        { songId: song._id, artistId: song.artistId, uploaderId: song.uploaderId, ownerId },
        'release by someone other than the artist owner: followers not notified',
      );
      return;
    }
    await this.fanout.enqueueRelease({
      songId: song._id,
      artistId: song.artistId,
      uploaderId: song.uploaderId,
    });
  }

  private async onComment(event: CommentCreatedEvent): Promise<void> {
    const { inReplyTo, authorId, commentId, target } = event.data;
    if (!inReplyTo || inReplyTo.authorId === authorId) return;
    await this.notifications.notify([inReplyTo.authorId], {
      kind: 'COMMENT_REPLY',
      sourceKey: `COMMENT_REPLY:${commentId}`,
      commentId,
      actorId: authorId,
      songId: target.type === 'SONG' ? target.id : null,
    });
  }

  subscription(): SubscribeOptions {
    return {
      consumer: CONSUMER,
      types: CONSUMED_EVENT_TYPES,
      handler: (event) => this.handle(event),
    };
  }
}

type CommentCreatedEvent = EventEnvelope<
  'COMMENT_CREATED',
  typeof CommentCreated extends EventDefinition<'COMMENT_CREATED', infer D> ? D : never
>;
