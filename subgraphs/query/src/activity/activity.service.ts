import type { EventEnvelope } from '@groovy/common/events';
import type { SongCounts } from '../read-model/documents';
import type { Ranked } from '../search/ranking';
import { countChangeOf } from './activity-events';
import type { SongActivityStore } from './song-activity-store';
import type { TrendingBoard } from './trending-board';

/**
 * Plays, likes and comments of songs: folds their count events into `song_activity` and the
 * in-process trending board, and tells whoever indexes songs that a song's counts changed.
 */
export class ActivityService {
  constructor(
    private readonly store: SongActivityStore,
    private readonly board: TrendingBoard,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** Loads the board from `song_activity` (at start-up, before the search index is rebuilt). */
  async rebuild(): Promise<number> {
    const now = this.clock();
    for await (const document of this.store.findAll()) this.board.set(document, now);
    return this.board.size();
  }

  /** Applies a count event; returns the song whose counts changed (null: nothing changed). */
  async apply(event: EventEnvelope): Promise<{ songId: string; counts: SongCounts } | null> {
    const change = countChangeOf(event);
    if (!change) return null;
    const now = this.clock();
    const document = await this.store.apply(change, now);
    if (!document) return null;
    this.board.set(document, now);
    return { songId: change.songId, counts: this.board.counts(change.songId)! };
  }

  counts(songId: string): SongCounts | undefined {
    return this.board.counts(songId);
  }

  /** The trending songs among `eligible` ones, best first, with their decayed score now. */
  trending(limit: number, eligible: (songId: string) => boolean): Ranked[] {
    return this.board.top(limit, eligible, this.clock());
  }

  /** A song became searchable or left the catalogue: the memoised trending list is stale. */
  catalogueChanged(): void {
    this.board.invalidate();
  }
}
