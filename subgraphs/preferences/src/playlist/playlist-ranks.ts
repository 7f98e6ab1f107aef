import { generateNJitteredKeysBetween } from 'fractional-indexing-jittered';

/**
 * Fractional ranks (fractional-indexing-jittered, base62): `count` strings strictly between
 * `lower` and `upper` (null = the start or end of the list), in order. A new place never renumbers
 * other items, and the random jitter makes two writers that aim at the same gap at the same moment
 * pick different ranks (the unique index on (playlistId, rank) catches the rare collision and the
 * writer tries again with fresh neighbours).
 */
export function ranksBetween(lower: string | null, upper: string | null, count: number): string[] {
  return generateNJitteredKeysBetween(lower, upper, count);
}

export function rankBetween(lower: string | null, upper: string | null): string {
  return ranksBetween(lower, upper, 1)[0]!;
}

/** A duplicate key from the unique (playlistId, rank) index: another writer took that place. */
export function isRankCollision(error: unknown): boolean {
  return (
    typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000
  );
}
