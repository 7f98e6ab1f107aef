/**
 * How a target's top-level comments are found page by page without scanning them all: each gets a
 * sequence number from its target (`seq`, creation order) and is filed under the key of its
 * 64-comment run (`pageKey`), and a timed one under the key of its 5-second stretch of the song
 * (`momentKey`). A page reads a few such keys by equality (an index lookup on any MongoDB, the
 * embedded engine included) instead of sorting every comment of the target.
 */
export const PAGE_BUCKET_SIZE = 64;
export const MOMENT_BUCKET_MS = 5_000;

export function pageBucketOf(seq: number): number {
  return Math.floor(seq / PAGE_BUCKET_SIZE);
}

export function pageKeyOf(targetKey: string, bucket: number): string {
  return `${targetKey}#${bucket}`;
}

export function momentBucketOf(atMs: number): number {
  return Math.floor(atMs / MOMENT_BUCKET_MS);
}

export function momentKeyOf(targetKey: string, bucket: number): string {
  return `${targetKey}@${bucket}`;
}
