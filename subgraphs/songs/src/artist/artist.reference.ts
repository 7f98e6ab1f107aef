import type { SongsContext } from '../songs-context';
import { toArtist, type Artist } from './artist';

/** Resolves `Artist` references, one query per batch. */
export async function resolveArtistReference(
  reference: { id: string },
  context: SongsContext,
): Promise<Artist | null> {
  const record = await context.loaders.artistById.load(reference.id);
  return record ? toArtist(record) : null;
}
