import type { SongsContext } from '../songs-context';
import { toSong, type Song } from './song';

/** Resolves `Song` references (one query per batch); songs the caller may not see resolve to null. */
export async function resolveSongReference(
  reference: { id: string },
  context: SongsContext,
): Promise<Song | null> {
  const record = await context.loaders.songById.load(reference.id);
  return record ? toSong(record) : null;
}
