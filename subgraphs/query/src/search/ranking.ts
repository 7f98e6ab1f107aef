const DAY_MS = 24 * 3600 * 1000;

/** The popularity part of `blendScore`; it only changes with plays and likes, so songs keep it. */
export function popularityFactor(plays: number, likes: number): number {
  return 1 + 0.1 * Math.log1p(plays + 2 * likes);
}

/**
 * Relevance blended with popularity and recency:
 *   score = relevance × (1 + 0.1·ln(1 + plays + 2·likes)) × (1 + 0.2·e^(−ageDays/30))
 * Popularity and recency nudge the order among similar matches; they never outweigh a better
 * match (a fresh song gains at most 20 %; a thousand plays about 70 %).
 */
export function blendScore(
  relevance: number,
  song: { popularity: number; createdAt: number },
  now: number,
): number {
  const ageDays = Math.max(0, now - song.createdAt) / DAY_MS;
  const recency = 1 + 0.2 * Math.exp(-ageDays / 30);
  return relevance * song.popularity * recency;
}

export interface Ranked {
  id: string;
  score: number;
}

/** Best first; equal scores by id, so a page boundary is the same on every request. */
export function compareRanked(a: Ranked, b: Ranked): number {
  return b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * Keeps the `capacity` first of everything offered, in `compare` order. Most offers after the first
 * few are rejected by one comparison with the current last, so a first page over tens of
 * thousands of matches neither sorts nor keeps them all.
 */
export class TopK<T extends K, K = T> {
  private readonly items: T[] = [];

  /** `compare` sees only the `K` part of an item, so `admits` can be asked before one is built. */
  constructor(
    private readonly capacity: number,
    private readonly compare: (a: K, b: K) => number,
  ) {}

  /** Whether `candidate` would be kept: call before building an item that may be thrown away. */
  admits(candidate: K): boolean {
    return (
      this.capacity > 0 &&
      (this.items.length < this.capacity ||
        this.compare(candidate, this.items[this.capacity - 1]!) < 0)
    );
  }

  offer(item: T): void {
    if (!this.admits(item)) return;
    let low = 0;
    let high = this.items.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.compare(this.items[middle]!, item) <= 0) low = middle + 1;
      else high = middle;
    }
    this.items.splice(low, 0, item);
    if (this.items.length > this.capacity) this.items.pop();
  }

  sorted(): readonly T[] {
    return this.items;
  }
}

/** The `capacity` best-ranked songs (or anything ranked like them). */
export class TopRanked<T extends Ranked> extends TopK<T, Ranked> {
  constructor(capacity: number) {
    super(capacity, compareRanked);
  }
}

/**
 * Distinct keys (album or artist ids) ranked by the best song carrying them, e.g. "the artists of
 * the matching songs, best first". One small record per distinct key.
 */
export class BestPerKey {
  private readonly best = new Map<string, Ranked>();

  offer(key: string | null, score: number, songId: string): void {
    if (key == null) return;
    const current = this.best.get(key);
    if (!current) this.best.set(key, { id: songId, score });
    else if (compareRanked({ id: songId, score }, current) < 0) {
      current.id = songId;
      current.score = score;
    }
  }

  /** The `limit` best keys. */
  top(limit: number): string[] {
    const top = new TopRanked<Ranked & { key: string }>(limit);
    for (const [key, song] of this.best) {
      if (top.admits(song)) top.offer({ key, id: song.id, score: song.score });
    }
    return top.sorted().map((entry) => entry.key);
  }
}
