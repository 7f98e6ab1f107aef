import {
  isEvent,
  ProcessedEvents,
  SongDeleted,
  type EventEnvelope,
  type SubscribeOptions,
} from '@groovy/common/events';
import type { Db } from 'mongodb';
import type { PlaylistItemService } from './playlist-items.service';

/** Its own checkpoint on the bus: playlists keep up with deletions whatever else the subgraph consumes. */
export const PLAYLIST_SONGS_CONSUMER = 'preferences-playlists';

/**
 * SONG_DELETED: a deleted song leaves every playlist. Idempotent: a duplicate delivery is skipped
 * by event id, and removing a song already gone changes nothing.
 */
export class PlaylistSongsConsumer {
  private readonly processed: ProcessedEvents;

  constructor(
    db: Db,
    private readonly items: PlaylistItemService,
  ) {
    this.processed = new ProcessedEvents(db, PLAYLIST_SONGS_CONSUMER);
  }

  subscription(): SubscribeOptions {
    return {
      consumer: PLAYLIST_SONGS_CONSUMER,
      types: [SongDeleted.type],
      handler: (event) => this.handle(event),
    };
  }

  async handle(event: EventEnvelope): Promise<void> {
    if (!isEvent(event, SongDeleted)) return;
    await this.processed.applyOnce(event, async () => {
      await this.items.removeSongEverywhere(event.data.songId);
    });
  }
}
