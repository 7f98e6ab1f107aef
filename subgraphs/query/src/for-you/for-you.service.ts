import type { SongDocument } from '../read-model/documents';
import type { ReadModel } from '../read-model/read-model';
import { TopK } from '../search/ranking';
import { validateFirst, type SearchService } from '../search/search.service';
import type { ListenerSignals } from './listener-signals';

const DAY_MS = 86_400_000;
/** A song's freshness halves every this many days since its upload. */
export const FRESHNESS_HALF_LIFE_DAYS = 14;
/** Artists and genres of a listener's taste that candidates are drawn from. */
const TOP_ARTISTS = 50;
const TOP_GENRES = 5;
/** Newest READY songs read per source (taste artists, taste genres). */
const CANDIDATES_PER_SOURCE = 200;
/** A like says more about taste than a play. */
const LIKE_AFFINITY = 2;
const PLAY_AFFINITY = 1;
const GENRE_SHARE = 0.5;
/** At most this many new releases are read beyond the page to skip excluded ones. */
const MAX_FILL_SKIPPED = 500;

interface Taste {
  followed: Set<string>;
  artists: Map<string, number>;
  genres: Map<string, number>;
  /** Songs never to recommend: played, liked or marked "not interested". */
  excluded: Set<string>;
}

function topKeys(weights: ReadonlyMap<string, number>, limit: number): string[] {
  return [...weights]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, limit)
    .map(([key]) => key);
}

function maxOf(weights: ReadonlyMap<string, number>): number {
  let max = 0;
  for (const weight of weights.values()) max = Math.max(max, weight);
  return max;
}

/**
 * "For you": READY songs by artists the listener follows, and by the artists and genres of what
 * they liked and played, leaving out what they played, liked or marked "not interested"; then,
 * to fill the page (or for a new account), trending and new releases under the same exclusions.
 *
 *   score = (followed ? 1 : 0) + artist/maxArtist + 0.5 · genre/maxGenre      (relevance, 0 … 2.5)
 *         × 2^(−ageDays / 14)                                                 (fresh ones first)
 *
 * where artist and genre are the listener's affinities (2 per liked song, 1 per played song of
 * that artist or genre). Only the listener's own signals are read.
 */
export class ForYouService {
  constructor(
    private readonly readModel: ReadModel,
    private readonly signals: ListenerSignals,
    private readonly search: SearchService,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async forYou(userId: string, first: number | null | undefined): Promise<SongDocument[]> {
    const limit = validateFirst(first);
    const taste = await this.taste(userId);
    const picked = await this.personal(taste, limit);
    if (picked.length < limit) await this.fill(picked, taste.excluded, limit);
    return picked;
  }

  private async taste(userId: string): Promise<Taste> {
    const followed = new Set<string>();
    const liked = new Set<string>();
    const played = new Set<string>();
    const excluded = new Set<string>();
    for (const signal of await this.signals.of(userId)) {
      if (signal.kind === 'play') played.add(signal.subjectId);
      if (!signal.active) continue;
      if (signal.kind === 'follow') followed.add(signal.subjectId);
      if (signal.kind === 'like') liked.add(signal.subjectId);
      if (signal.kind === 'notInterested') excluded.add(signal.subjectId);
    }
    for (const id of [...liked, ...played]) excluded.add(id);
    const artists = new Map<string, number>();
    const genres = new Map<string, number>();
    const heard = liked.size + played.size ? await this.readModel.findSongs([...excluded]) : [];
    for (const song of heard) {
      const affinity =
        (liked.has(song._id) ? LIKE_AFFINITY : 0) + (played.has(song._id) ? PLAY_AFFINITY : 0);
      if (!affinity) continue;
      artists.set(song.artist.id, (artists.get(song.artist.id) ?? 0) + affinity);
      if (song.genre) genres.set(song.genre, (genres.get(song.genre) ?? 0) + affinity);
    }
    return { followed, artists, genres, excluded };
  }

  private async personal(taste: Taste, limit: number): Promise<SongDocument[]> {
    const artistIds = [...new Set([...taste.followed, ...topKeys(taste.artists, TOP_ARTISTS)])];
    const genres = topKeys(taste.genres, TOP_GENRES);
    if (!artistIds.length && !genres.length) return [];
    const readable = { status: 'READY' as const, deleted: false };
    const [byArtist, byGenre] = await Promise.all([
      artistIds.length
        ? this.readModel.songs
            .find({ ...readable, 'artist.id': { $in: artistIds } })
            .sort({ createdAt: -1, _id: 1 })
            .limit(CANDIDATES_PER_SOURCE)
            .toArray()
        : [],
      genres.length
        ? this.readModel.songs
            .find({ ...readable, genre: { $in: genres } })
            .sort({ createdAt: -1, _id: 1 })
            .limit(CANDIDATES_PER_SOURCE)
            .toArray()
        : [],
    ]);
    const now = this.clock().getTime();
    const maxArtist = maxOf(taste.artists) || 1;
    const maxGenre = maxOf(taste.genres) || 1;
    const top = new TopK<{ song: SongDocument; score: number }>(
      limit,
      (a, b) =>
        b.score - a.score ||
        b.song.createdAt.getTime() - a.song.createdAt.getTime() ||
        (a.song._id < b.song._id ? -1 : 1),
    );
    const seen = new Set<string>();
    for (const song of [...byArtist, ...byGenre]) {
      if (seen.has(song._id) || taste.excluded.has(song._id)) continue;
      seen.add(song._id);
      const relevance =
        (taste.followed.has(song.artist.id) ? 1 : 0) +
        (taste.artists.get(song.artist.id) ?? 0) / maxArtist +
        (GENRE_SHARE * (song.genre ? (taste.genres.get(song.genre) ?? 0) : 0)) / maxGenre;
      if (relevance <= 0) continue;
      const ageDays = Math.max(0, now - song.createdAt.getTime()) / DAY_MS;
      top.offer({ song, score: relevance * 2 ** (-ageDays / FRESHNESS_HALF_LIFE_DAYS) });
    }
    return top.sorted().map((entry) => entry.song);
  }

  /** Trending, then new releases, under the listener's exclusions, until the page is full. */
  private async fill(picked: SongDocument[], excluded: Set<string>, limit: number): Promise<void> {
    const taken = new Set(picked.map((song) => song._id));
    const add = (songs: readonly SongDocument[]) => {
      for (const song of songs) {
        if (picked.length >= limit) return;
        if (taken.has(song._id) || excluded.has(song._id)) continue;
        taken.add(song._id);
        picked.push(song);
      }
    };
    add(await this.search.trending(limit));
    if (picked.length < limit) {
      add(await this.search.newestSongs(Math.min(excluded.size, MAX_FILL_SKIPPED) + limit));
    }
  }
}
