import type { SongsContext } from '../songs-context';
import { toAlbum, type Album } from './album';

/** Resolves `Album` references, one query per batch. */
export async function resolveAlbumReference(
  reference: { id: string },
  context: SongsContext,
): Promise<Album | null> {
  const record = await context.loaders.albumById.load(reference.id);
  return record ? toAlbum(record) : null;
}
