/** The "Add to playlist" menu's search: case- and accent-insensitive, every word must appear. */
export function foldForSearch(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

export function filterPlaylists<T extends { name: string }>(
  playlists: readonly T[],
  query: string,
): T[] {
  const words = foldForSearch(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...playlists];
  return playlists.filter((playlist) => {
    const name = foldForSearch(playlist.name);
    return words.every((word) => name.includes(word));
  });
}
