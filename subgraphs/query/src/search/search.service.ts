import { BadUserInputError } from '@groovy/common/errors';
import type { ActivityService } from '../activity/activity.service';
import type { SongDocument } from '../read-model/documents';
import type { ReadModel } from '../read-model/read-model';
import { CatalogueOrderMemo } from './catalogue-order-memo';
import { decodeCursor, encodeCursor, queryHash } from './cursor';
import type { Facet, Highlight, SearchFilter, SearchIndex, SongSummary } from './search-index';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 50;
export const MAX_QUERY_LENGTH = 200;

export interface SearchPage {
  edges: {
    cursor: string;
    id: string;
    score: number;
    highlights: Highlight[];
    song: SongSummary;
  }[];
  hasNextPage: boolean;
  endCursor: string | null;
  totalCount: number;
  facets: Facet[];
  albumIds: string[];
  artistIds: string[];
}

export function validateFirst(first: number | null | undefined, field = 'first'): number {
  if (first == null) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw new BadUserInputError(field, `${field}: expected 1 to ${MAX_PAGE_SIZE}`);
  }
  return first;
}

/** Search, trending and new releases over the read model and its index. */
export class SearchService {
  constructor(
    private readonly readModel: ReadModel,
    private readonly index: SearchIndex,
    private readonly activity: ActivityService,
  ) {}

  /** New releases' order (release year, then upload time): the home page's shelf. */
  private readonly byRelease = new CatalogueOrderMemo(
    (size) => this.readNewest({ year: -1, createdAt: -1, _id: 1 }, size),
    MAX_PAGE_SIZE,
  );
  /** Upload time, newest first: trending's fill-up when fewer songs have activity (up to 2 × first). */
  private readonly byUpload = new CatalogueOrderMemo(
    (size) => this.readNewest({ createdAt: -1, _id: 1 }, size),
    2 * MAX_PAGE_SIZE,
  );

  private async readNewest(sort: Record<string, 1 | -1>, size: number): Promise<string[]> {
    const songs = await this.readModel.songs
      .find({ status: 'READY', deleted: false }, { projection: { _id: 1 } })
      .sort(sort)
      .limit(size)
      .toArray();
    return songs.map((song) => song._id);
  }

  private readonly findSongs = (ids: readonly string[]) => this.readModel.findSongs(ids);

  /**
   * Loads every searchable song from the read model (at start-up: a restart needs no replay), with
   * its plays and likes from the activity (rebuilt first).
   */
  async rebuildIndex(): Promise<number> {
    for await (const song of this.readModel.findSearchable()) {
      this.index.upsert(song, this.activity.counts(song._id));
    }
    this.byRelease.invalidate();
    this.byUpload.invalidate();
    return this.index.size();
  }

  /** Re-reads the given songs and updates the index (after an event changed them). */
  async reindex(ids: readonly string[]): Promise<void> {
    if (!ids.length) return;
    const songs = await this.readModel.findSongs(ids);
    const found = new Set(songs.map((song) => song._id));
    for (const song of songs) this.index.upsert(song, this.activity.counts(song._id));
    for (const id of ids) if (!found.has(id)) this.index.remove(id);
    this.activity.catalogueChanged();
    this.byRelease.invalidate();
    this.byUpload.invalidate();
  }

  /** A song's plays or likes changed: its rank among similar matches follows. */
  countsChanged(songId: string, counts: { plays: number; likes: number }): void {
    this.index.setCounts(songId, counts);
  }

  search(
    query: string,
    filter: SearchFilter,
    first: number | null | undefined,
    after: string | null | undefined,
  ): SearchPage {
    if (query.length > MAX_QUERY_LENGTH) {
      throw new BadUserInputError(
        'query',
        `query: expected at most ${MAX_QUERY_LENGTH} characters`,
      );
    }
    const limit = validateFirst(first);
    const hash = queryHash(query, filter);
    const offset = after == null ? 0 : decodeCursor(after, hash) + 1;
    const result = this.index.search(query, filter, { offset, limit });
    const edges = result.hits.map((hit, i) => ({
      cursor: encodeCursor(offset + i, hash),
      ...hit,
    }));
    return {
      edges,
      hasNextPage: offset + edges.length < result.totalCount,
      endCursor: edges.at(-1)?.cursor ?? null,
      totalCount: result.totalCount,
      facets: result.facets,
      albumIds: result.albumIds,
      artistIds: result.artistIds,
    };
  }

  /**
   * Trending: READY songs by their time-decayed activity of the last days (see
   * `activity/trending-formula.ts`), then, when fewer have any, the latest READY uploads.
   */
  async trending(first: number | null | undefined): Promise<SongDocument[]> {
    const limit = validateFirst(first);
    const ranked = this.activity.trending(limit, (id) => this.index.has(id));
    const found = new Map(
      (await this.readModel.findSongs(ranked.map((entry) => entry.id))).map((song) => [
        song._id,
        song,
      ]),
    );
    const songs = ranked.flatMap((entry) => {
      const song = found.get(entry.id);
      return song && song.status === 'READY' && !song.deleted ? [song] : [];
    });
    if (songs.length < limit) {
      const listed = new Set(songs.map((song) => song._id));
      const size = limit + songs.length;
      const latest =
        (await this.byUpload.first(size, this.findSongs)) ??
        (await this.readModel.songs
          .find({ status: 'READY', deleted: false })
          .sort({ createdAt: -1, _id: 1 })
          .limit(size)
          .toArray());
      for (const song of latest) {
        if (songs.length >= limit) break;
        if (!listed.has(song._id)) songs.push(song);
      }
    }
    return songs;
  }

  /** READY songs by release year (album release date, else upload), then upload time. */
  async newReleases(first: number | null | undefined): Promise<SongDocument[]> {
    return this.newestSongs(validateFirst(first));
  }

  /** The `count` newest READY songs, as `newReleases` orders them. */
  async newestSongs(count: number): Promise<SongDocument[]> {
    const memoised = await this.byRelease.first(count, this.findSongs);
    if (memoised) return memoised;
    return this.readModel.songs
      .find({ status: 'READY', deleted: false })
      .sort({ year: -1, createdAt: -1, _id: 1 })
      .limit(count)
      .toArray();
  }
}
