import type { CatalogueService } from '../catalogue/catalogue.service';
import { subjectKey } from '../counter/counter.service';
import { songLikeEvent } from '../events/preference-events';
import { decodeCursor, encodeCursor, type Position } from '../paging/page';
import type { ToggleCounting, ToggleOutcome, ToggleService } from '../toggle/toggle.service';
import type { ToggleModel, ToggleRecord } from '../toggle/toggle.model';

export const LIKE_COUNTING: ToggleCounting = {
  subject: (songId) => subjectKey('song', songId),
  counter: 'likeCount',
  event: (on, like, snapshot) =>
    songLikeEvent(on ? 'SONG_LIKED' : 'SONG_UNLIKED', { ...like, songId: like.targetId }, snapshot),
};

const CURSOR_KIND = 'liked';

/** Likes: idempotent like/unlike of songs a listener can see, exact per-song counts, the liked list. */
export class LikeService {
  constructor(
    readonly toggles: ToggleService,
    private readonly catalogue: CatalogueService,
  ) {}

  async like(userId: string, songId: string): Promise<ToggleOutcome> {
    await this.catalogue.requireVisibleSong(songId, userId);
    return this.toggles.set(userId, songId, true);
  }

  /** Taking a like back needs no visible song: a like of a song that became invisible can be undone. */
  unlike(userId: string, songId: string): Promise<ToggleOutcome> {
    return this.toggles.set(userId, songId, false);
  }

  async likedSongs(
    userId: string,
    first: number,
    after: string | null | undefined,
  ): Promise<{ likes: ToggleRecord[]; total: number }> {
    const position: Position | null = after ? decodeCursor(CURSOR_KIND, after) : null;
    const [likes, total] = await Promise.all([
      this.toggles.list(userId, position, first + 1),
      this.toggles.count(userId),
    ]);
    return { likes, total };
  }

  cursorOf(like: ToggleRecord): string {
    return encodeCursor(CURSOR_KIND, { at: like.at, key: like._id });
  }
}

export type LikeModel = ToggleModel;
