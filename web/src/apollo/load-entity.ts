import { isNotFound } from '@/graphql/apollo-errors';

export type Loaded<T> = { kind: 'ok'; value: T } | { kind: 'not-found' } | { kind: 'unavailable' };

/**
 * Runs a server component's query for one entity (song, album, artist) and sorts the outcome: found,
 * not found (null, NOT_FOUND, or a malformed id), or the router being unreachable / failing.
 */
export async function loadEntity<T>(
  what: string,
  run: () => Promise<T | null | undefined>,
): Promise<Loaded<T>> {
  try {
    const value = await run();
    return value ? { kind: 'ok', value } : { kind: 'not-found' };
  } catch (error) {
    if (isNotFound(error)) return { kind: 'not-found' };
    console.error(`[web] loading ${what} failed`, error);
    return { kind: 'unavailable' };
  }
}
