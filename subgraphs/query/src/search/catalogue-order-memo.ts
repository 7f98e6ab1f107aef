import type { SongDocument } from '../read-model/documents';

/**
 * The ids of the first `size` READY songs of the catalogue in one fixed order (newest first, …),
 * kept between catalogue changes. Without it every home page sorted the whole read model: the
 * embedded Mongo engine's indexes answer equality only, so `find({ status: 'READY' }).sort(…)`
 * read and sorted every song (seconds of Mongo CPU per request at 10,000 songs).
 *
 * `invalidate()` is called with every change of the catalogue (SearchService.reindex, which each
 * catalogue event reaches on every replica); a load that was under way when a change came is not
 * kept. The documents themselves are always read fresh by id, so only membership and order come
 * from the memo, and a listed song that is no longer READY sends the caller back to the read model.
 */
export class CatalogueOrderMemo {
  private ids: Promise<string[]> | undefined;
  private generation = 0;

  constructor(
    /** The ids of the first `size` READY, not deleted songs in this memo's order. */
    private readonly load: (size: number) => Promise<string[]>,
    /** How many ids are kept: callers asking for more go to the read model directly. */
    readonly size: number,
  ) {}

  invalidate(): void {
    this.generation += 1;
    this.ids = undefined;
  }

  /**
   * The first `count` songs in order, or undefined when the memo cannot answer (more asked than it
   * keeps, or a listed song changed under it) and the caller must query the read model.
   */
  async first(
    count: number,
    findSongs: (ids: readonly string[]) => Promise<SongDocument[]>,
  ): Promise<SongDocument[] | undefined> {
    if (count > this.size) return undefined;
    const ids = await this.current();
    const wanted = ids.slice(0, count);
    const found = new Map((await findSongs(wanted)).map((song) => [song._id, song]));
    const songs: SongDocument[] = [];
    for (const id of wanted) {
      const song = found.get(id);
      if (!song || song.status !== 'READY' || song.deleted) {
        this.invalidate();
        return undefined;
      }
      songs.push(song);
    }
    return songs;
  }

  private current(): Promise<string[]> {
    if (this.ids) return this.ids;
    const generation = this.generation;
    const loading = this.load(this.size);
    this.ids = loading;
    loading.then(
      () => {
        // A change arrived while loading: the next caller loads again.
        if (this.generation !== generation && this.ids === loading) this.ids = undefined;
      },
      () => {
        if (this.ids === loading) this.ids = undefined;
      },
    );
    return loading;
  }
}
