import type { OutboxNotifier } from '@groovy/common/events';
import type { RelayNotifier } from '@groovy/common/subgraph';
import type { Logger } from 'pino';
import type { AlbumModel } from '../album/album.model';
import type { SongModel } from '../song/song.model';

/**
 * The songs subgraph's side of the outbox: nudges the relay after a write, and removes soft-deleted
 * songs and albums once their last events are published.
 */
export class SongsOutbox implements OutboxNotifier {
  private readonly otherPurges: Array<() => Promise<number>> = [];

  constructor(
    private readonly songs: SongModel,
    private readonly albums: AlbumModel,
    private readonly relay: RelayNotifier,
    private readonly logger: Logger,
  ) {}

  recorded(): void {
    this.relay.recorded();
  }

  /** Publishes what is pending now (when the relay runs), then purges; never throws. */
  async settle(): Promise<void> {
    try {
      await this.relay.flush();
      await this.purge();
    } catch (error) {
      this.logger.warn({ err: error }, 'could not settle the outbox; the next pass will');
    }
  }

  /** Adds another outbox source's clean-up to `purge` (e.g. published OBJECT_FINALIZED records). */
  purgeAlso(purge: () => Promise<number>): void {
    this.otherPurges.push(purge);
  }

  /** Hard-deletes soft-deleted songs and albums whose events are all published, then the others' purges. */
  async purge(): Promise<number> {
    const published = { deletedAt: { $ne: null }, '_outbox.0': { $exists: false } };
    const [songs, albums] = await Promise.all([
      this.songs.deleteMany(published),
      this.albums.deleteMany(published),
    ]);
    let removed = songs.deletedCount + albums.deletedCount;
    for (const purge of this.otherPurges) removed += await purge();
    return removed;
  }
}
