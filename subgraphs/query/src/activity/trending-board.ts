import { TopRanked, type Ranked } from '../search/ranking';
import type { SongCounts } from '../read-model/documents';
import { countsOf, type SongActivityDocument } from './song-activity-store';
import { bucketWeight, expiredHour, HALF_LIFE_HOURS, HOUR_MS, hourOf } from './trending-formula';

interface SongActivity {
  counts: SongCounts;
  /** Bucket hours within the window, oldest first, and each bucket's weight. */
  hours: number[];
  weights: number[];
  /** Σ weight · 2^((hour − anchor) / HALF_LIFE): the trending score up to a factor shared by every song. */
  anchored: number;
}

/** How many songs a trending list may ask for (`first` ≤ 50); the memo keeps that many. */
const MEMO_SIZE = 50;
/** Re-anchor once 2^(exponent) grows this large (years of uptime), long before doubles overflow. */
const MAX_EXPONENT = 512;

/**
 * The in-process side of trending: every song's counts and decayed score, kept up to date by the
 * consumer (`set` with the song's stored activity) and rebuilt from `song_activity` at start-up.
 *
 * Each song keeps `anchored` = Σ w·2^((hour − anchor)/HALF_LIFE) over its buckets. Every song's
 * score at `now` is that times the same factor 2^((anchor − now)/HALF_LIFE), so ranking by
 * `anchored` is ranking by the score, and a list needs no exponentials: one pass over the songs
 * with activity into a bounded top-k, memoised until the next change or the next hour (when
 * buckets leave the window and their weight is taken out).
 */
export class TrendingBoard {
  private readonly songs = new Map<string, SongActivity>();
  private anchorHour: number;
  private prunedAtHour: number;
  /** Count changes since start; `forced` counts catalogue changes (a song became listable). */
  private changes = 0;
  private forced = 0;
  private memo: {
    changes: number;
    forced: number;
    hour: number;
    at: number;
    ranked: Ranked[];
  } | null = null;

  /**
   * `rerankIntervalMs`: count changes re-rank the memoised list at most this often (under steady
   * plays every event would otherwise cost a pass over every active song on the next call), so a
   * list may lag the counts by up to that long; a catalogue change, a new hour or a song leaving
   * the catalogue re-ranks at once.
   */
  constructor(
    now = new Date(),
    private readonly rerankIntervalMs = 0,
  ) {
    this.anchorHour = hourOf(now.getTime());
    this.prunedAtHour = this.anchorHour;
  }

  /** Replaces a song's activity with its stored document. */
  set(document: SongActivityDocument, now = new Date()): void {
    const expired = expiredHour(hourOf(now.getTime()));
    const hours: number[] = [];
    const weights: number[] = [];
    for (const [key, bucket] of Object.entries(document.buckets ?? {})) {
      const hour = Number(key);
      if (hour > expired) {
        hours.push(hour);
        weights.push(bucketWeight(bucket));
      }
    }
    const order = hours.map((_, i) => i).sort((a, b) => hours[a]! - hours[b]!);
    const song: SongActivity = {
      counts: countsOf(document),
      hours: order.map((i) => hours[i]!),
      weights: order.map((i) => weights[i]!),
      anchored: 0,
    };
    song.anchored = this.anchoredOf(song);
    this.songs.set(document._id, song);
    this.changes += 1;
  }

  /** Forget the memoised list (a song became READY or left the catalogue). */
  invalidate(): void {
    this.forced += 1;
  }

  /** The song's all-time counts (undefined: no activity seen). */
  counts(songId: string): SongCounts | undefined {
    return this.songs.get(songId)?.counts;
  }

  /**
   * The `limit` songs with the highest positive score among those `eligible` accepts (READY, not
   * deleted), best first, each with its score at `now`.
   */
  top(limit: number, eligible: (songId: string) => boolean, now = new Date()): Ranked[] {
    const nowHour = hourOf(now.getTime());
    this.prune(nowHour);
    const nowMs = now.getTime();
    const memo = this.memo;
    const stale =
      !memo ||
      memo.hour !== nowHour ||
      memo.forced !== this.forced ||
      (memo.changes !== this.changes && nowMs - memo.at >= this.rerankIntervalMs);
    if (stale) this.memo = this.ranking(eligible, nowHour, nowMs);
    const scale = 2 ** ((this.anchorHour * HOUR_MS - now.getTime()) / (HALF_LIFE_HOURS * HOUR_MS));
    let ranked = this.memo!.ranked.filter((entry) => eligible(entry.id));
    if (ranked.length < this.memo!.ranked.length) {
      // Songs left the catalogue since the memo: rank again without them.
      this.memo = this.ranking(eligible, nowHour, nowMs);
      ranked = this.memo.ranked;
    }
    return ranked.slice(0, limit).map((entry) => ({ id: entry.id, score: entry.score * scale }));
  }

  size(): number {
    return this.songs.size;
  }

  private ranking(eligible: (songId: string) => boolean, hour: number, at: number) {
    const ranked = this.rank(eligible);
    return { changes: this.changes, forced: this.forced, hour, at, ranked };
  }

  private rank(eligible: (songId: string) => boolean): Ranked[] {
    const top = new TopRanked<Ranked>(MEMO_SIZE);
    for (const [id, song] of this.songs) {
      if (song.anchored <= 0) continue;
      const candidate = { id, score: song.anchored };
      if (top.admits(candidate) && eligible(id)) top.offer(candidate);
    }
    return [...top.sorted()];
  }

  /** Takes buckets that left the window out (once per hour), and re-anchors after years. */
  private prune(nowHour: number): void {
    if (nowHour === this.prunedAtHour) return;
    this.prunedAtHour = nowHour;
    const expired = expiredHour(nowHour);
    const reanchor = (nowHour - this.anchorHour) / HALF_LIFE_HOURS > MAX_EXPONENT;
    if (reanchor) this.anchorHour = nowHour;
    for (const [id, song] of this.songs) {
      const keep = song.hours.findIndex((hour) => hour > expired);
      const from = keep === -1 ? song.hours.length : keep;
      if (from === 0 && !reanchor) continue;
      song.hours = song.hours.slice(from);
      song.weights = song.weights.slice(from);
      song.anchored = this.anchoredOf(song);
      if (!song.hours.length && !song.counts.plays && !song.counts.likes && !song.counts.comments) {
        this.songs.delete(id);
      }
    }
    this.changes += 1;
  }

  private anchoredOf(song: Pick<SongActivity, 'hours' | 'weights'>): number {
    let sum = 0;
    for (let i = 0; i < song.hours.length; i += 1) {
      sum += song.weights[i]! * 2 ** ((song.hours[i]! - this.anchorHour) / HALF_LIFE_HOURS);
    }
    return sum;
  }
}
