/**
 * The `query` slice (API.md: search, trending, newReleases) over the mock songs catalogue, for
 * scripts/mock-songs.ts. Deliberately simple, but shaped like the real thing: only READY songs, one
 * typo forgiven for words of 4+ letters (two for 8+), the last word matches as a prefix, highlights
 * wrap matched words in <em>…</em>, facets genre / year / artist with counts, offset cursors.
 * The fields follow the assumptions in src/search/search.operations.ts.
 */

export interface SearchableSong {
  id: string;
  title: string;
  artistId: string;
  albumId: string | null;
  genre: string | null;
  status: string;
  createdAt: string;
}

export interface SearchCatalogue {
  songs: () => SearchableSong[];
  artistName: (id: string) => string;
  albumTitle: (id: string) => string | null;
  albumYear: (id: string) => number | null;
  albums: () => { id: string; title: string; artistId: string; releaseDate: string | null }[];
  artists: () => { id: string; name: string }[];
  songView: (id: string) => unknown;
  albumView: (id: string) => unknown;
  artistView: (id: string) => unknown;
  /** Plays per song, for "trending". */
  plays: (id: string) => number;
}

function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i += 1) {
    const cur = [i];
    for (let j = 1; j <= b.length; j += 1)
      cur[j] = Math.min(
        prev[j]! + 1,
        cur[j - 1]! + 1,
        prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    prev = cur;
  }
  return prev[b.length]!;
}

const words = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

/** How well `term` matches `word` (0 = not at all). */
function termScore(term: string, word: string, prefix: boolean): number {
  if (word === term) return 3;
  if (prefix && word.startsWith(term)) return 2;
  const allowed = term.length >= 8 ? 2 : term.length >= 4 ? 1 : 0;
  if (allowed === 0) return 0;
  const target = prefix && word.length > term.length ? word.slice(0, term.length) : word;
  return editDistance(term, target, allowed) <= allowed ? 1 : 0;
}

function matchText(terms: string[], text: string): { score: number; matched: Set<string> } {
  const matched = new Set<string>();
  let score = 0;
  terms.forEach((term, i) => {
    for (const word of words(text)) {
      const s = termScore(term, word, i === terms.length - 1);
      if (s > 0) {
        matched.add(word);
        score += s;
      }
    }
  });
  return { score, matched };
}

function highlight(text: string, matched: Set<string>): string {
  return text.replace(/[\p{L}\p{N}]+/gu, (w) =>
    matched.has(w.toLowerCase()) ? `<em>${w}</em>` : w,
  );
}

const cursorOf = (n: number) => Buffer.from(String(n)).toString('base64url');
const offsetOf = (cursor: string | undefined | null) =>
  cursor ? Number(Buffer.from(cursor, 'base64url').toString()) + 1 || 0 : 0;

interface Filter {
  genre?: string | null;
  year?: number | null;
  artistId?: string | null;
}

export function createSearchResolvers(cat: SearchCatalogue) {
  const yearOf = (s: SearchableSong) =>
    (s.albumId ? cat.albumYear(s.albumId) : null) ?? Number(s.createdAt.slice(0, 4));

  const hits = (query: string) => {
    const terms = words(query);
    if (terms.length === 0) return [];
    return cat
      .songs()
      .filter((s) => s.status === 'READY')
      .map((s) => {
        const fields: [string, string][] = [
          ['title', s.title],
          ['artist', cat.artistName(s.artistId)],
          ['album', (s.albumId && cat.albumTitle(s.albumId)) || ''],
          ['genre', s.genre ?? ''],
        ];
        let score = 0;
        const highlights: { __typename: 'Highlight'; field: string; snippet: string }[] = [];
        // Every term must match some field.
        const all = words(fields.map(([, t]) => t).join(' '));
        const everyTerm = terms.every((term, i) =>
          all.some((w) => termScore(term, w, i === terms.length - 1) > 0),
        );
        if (!everyTerm) return null;
        for (const [field, text] of fields) {
          if (!text) continue;
          const m = matchText(terms, text);
          if (m.score === 0) continue;
          score += m.score * (field === 'title' ? 2 : 1);
          highlights.push({ __typename: 'Highlight', field, snippet: highlight(text, m.matched) });
        }
        return { song: s, score, highlights };
      })
      .filter((h): h is NonNullable<typeof h> => h !== null)
      .sort((a, b) => b.score - a.score || a.song.title.localeCompare(b.song.title));
  };

  const passes = (s: SearchableSong, f: Filter, skip?: keyof Filter) =>
    (skip === 'genre' || !f.genre || s.genre === f.genre) &&
    (skip === 'year' || !f.year || yearOf(s) === f.year) &&
    (skip === 'artistId' || !f.artistId || s.artistId === f.artistId);

  const facet = (
    name: string,
    list: SearchableSong[],
    key: (s: SearchableSong) => string | null,
    label?: (v: string) => string,
  ) => {
    const counts = new Map<string, number>();
    for (const s of list) {
      const v = key(s);
      if (v) counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    return {
      __typename: 'Facet',
      name,
      values: [...counts.entries()]
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .map(([value, count]) => ({
          __typename: 'FacetValue',
          value,
          label: label ? label(value) : null,
          count,
        })),
    };
  };

  const search = (vars: Record<string, unknown>) => {
    const query = String(vars.query ?? '');
    const filter = (vars.filter ?? {}) as Filter;
    const first = Math.min(Number(vars.first ?? 20) || 20, 100);
    const others = Math.min(Number(vars.others ?? 5) || 5, 50);
    const all = hits(query);
    const matching = all.filter((h) => passes(h.song, filter));
    const start = offsetOf(vars.after as string | undefined);
    const page = matching.slice(start, start + first);
    const edges = page.map((h, i) => ({
      __typename: 'SongSearchEdge',
      cursor: cursorOf(start + i),
      score: h.score,
      highlights: h.highlights,
      node: cat.songView(h.song.id),
    }));
    const terms = words(query);
    const artists = cat
      .artists()
      .filter((a) => matchText(terms, a.name).score > 0)
      .filter((a) => !filter.artistId || a.id === filter.artistId)
      .slice(0, others);
    const albums = cat
      .albums()
      .filter(
        (a) =>
          matchText(terms, a.title).score > 0 ||
          matchText(terms, cat.artistName(a.artistId)).score > 0,
      )
      .filter((a) => !filter.artistId || a.artistId === filter.artistId)
      .filter(
        (a) => (!filter.genre && !filter.year) || matching.some((h) => h.song.albumId === a.id),
      )
      .slice(0, others);
    const songsOf = (skip: keyof Filter) =>
      all.map((h) => h.song).filter((s) => passes(s, filter, skip));
    return {
      search: {
        __typename: 'SearchResults',
        songs: {
          __typename: 'SongSearchConnection',
          totalCount: matching.length,
          pageInfo: {
            __typename: 'PageInfo',
            hasNextPage: start + page.length < matching.length,
            endCursor: edges.at(-1)?.cursor ?? null,
          },
          edges,
        },
        albums: albums.map((a) => cat.albumView(a.id)),
        artists: artists.map((a) => cat.artistView(a.id)),
        facets: [
          facet('genre', songsOf('genre'), (s) => s.genre),
          facet('year', songsOf('year'), (s) => String(yearOf(s))),
          facet(
            'artist',
            songsOf('artistId'),
            (s) => s.artistId,
            (id) => cat.artistName(id),
          ),
        ],
      },
    };
  };

  const ready = () => cat.songs().filter((s) => s.status === 'READY');
  const trending = (first: number) =>
    ready()
      .sort((a, b) => cat.plays(b.id) - cat.plays(a.id) || a.title.localeCompare(b.title))
      .slice(0, first)
      .map((s) => cat.songView(s.id));
  const newReleases = (first: number) =>
    ready()
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
      .slice(0, first)
      .map((s) => cat.songView(s.id));

  return {
    Search: (vars: Record<string, unknown>) => search(vars),
    SearchMoreSongs: (vars: Record<string, unknown>) => search(vars),
    SearchSuggestions: (vars: Record<string, unknown>) => search(vars),
    Discover: (vars: Record<string, unknown>) => {
      const first = Math.min(Number(vars.first ?? 10) || 10, 50);
      return { trending: trending(first), newReleases: newReleases(first) };
    },
  };
}
