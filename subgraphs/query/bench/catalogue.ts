/**
 * A deterministic, realistic-looking catalogue for the query benchmarks: word-list titles (2–5
 * words out of a few thousand), Zipf-distributed artists (a few have many songs, most have few),
 * albums per artist, ~20 genres, tags and years. Same seed → same catalogue.
 */
import type { SongCounts, SongDocument } from '../src/read-model/documents';

/** A generated song: its read-model document and the counts its activity would have reached. */
export type CatalogueSong = SongDocument & SongCounts;

/** mulberry32: a small, fast, seedable PRNG (uniform in [0, 1)). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ROOTS = (
  'love heart night day dream fire rain summer winter autumn spring light dark shadow star moon sun ' +
  'river ocean sea sky road city street home heaven angel devil ghost wild free broken golden silver ' +
  'blue red black white green velvet neon electric midnight morning evening sunset sunrise paradise ' +
  'thunder storm wind echo silence whisper scream dance party rhythm groove soul blues jazz rock roll ' +
  'fever sugar honey candy cherry lemon tiger wolf eagle raven dragon phoenix queen king prince ' +
  'lonely crazy happy sad sweet bitter cold warm hot frozen burning falling rising running flying ' +
  'forever never always tonight tomorrow yesterday memory story song melody harmony chorus radio ' +
  'mirror window door bridge tower castle garden forest mountain desert island valley canyon ' +
  'diamond crystal stone glass paper gold steel iron velvet silk satin leather lightning highway ' +
  'station train plane ship rocket planet galaxy universe comet orbit gravity signal circuit machine ' +
  'girl boy baby lover stranger friend enemy hero rebel outlaw gambler sailor soldier dreamer ' +
  'kiss touch smile tears blood bones skin eyes lips hands wings crown throne empire kingdom ' +
  'secret promise lie truth faith hope grace glory mercy sorrow desire passion freedom danger ' +
  'california london paris tokyo berlin havana memphis brooklyn chicago vegas texas mexico'
).split(/\s+/);
const SUFFIXES = [
  '',
  's',
  'ing',
  'ed',
  'er',
  'less',
  'ly',
  'land',
  'light',
  'side',
  'town',
  'line',
];
const PREFIXES = [
  '',
  '',
  '',
  'over',
  'under',
  'after',
  'back',
  'moon',
  'star',
  'sun',
  'fire',
  'night',
];

/** A few thousand distinct real-ish words, deterministic. */
export const WORDS: readonly string[] = (() => {
  const set = new Set<string>();
  for (const prefix of PREFIXES)
    for (const root of ROOTS)
      for (const suffix of SUFFIXES) {
        if (prefix && suffix) continue;
        set.add(prefix + root + suffix);
      }
  return [...set];
})();

export const GENRES = [
  'rock',
  'pop',
  'jazz',
  'blues',
  'hip-hop',
  'electronic',
  'house',
  'techno',
  'ambient',
  'folk',
  'country',
  'classical',
  'metal',
  'punk',
  'soul',
  'funk',
  'reggae',
  'latin',
  'indie',
  'r&b',
] as const;

const TAGS = [
  'chill',
  'upbeat',
  'acoustic',
  'live',
  'remix',
  'instrumental',
  'cover',
  'demo',
  'love',
  'workout',
  'party',
  'summer',
  'night',
  'focus',
  'sad',
  'happy',
  'dance',
  'roadtrip',
  'vinyl',
  'lofi',
];

/** Zipf(s) over ranks 1..n by inverse CDF on a precomputed table. */
function zipfSampler(n: number, s: number, random: () => number): () => number {
  const cdf = new Float64Array(n);
  let total = 0;
  for (let k = 1; k <= n; k += 1) {
    total += 1 / k ** s;
    cdf[k - 1] = total;
  }
  return () => {
    const target = random() * total;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((cdf[mid] as number) < target) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

export interface CatalogueArtist {
  id: string;
  name: string;
}

export interface CatalogueAlbum {
  id: string;
  title: string;
  artist: CatalogueArtist;
  releaseDate: string | null;
}

export interface Catalogue {
  artists: CatalogueArtist[];
  albums: CatalogueAlbum[];
  songs: CatalogueSong[];
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

export function generateCatalogue(songCount: number, seed = 42): Catalogue {
  const random = prng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const words = (min: number, max: number): string =>
    Array.from({ length: min + Math.floor(random() * (max - min + 1)) }, () =>
      capitalise(pick(WORDS)),
    ).join(' ');

  const artistCount = Math.max(20, Math.round(songCount / 20));
  const artists: CatalogueArtist[] = Array.from({ length: artistCount }, (_, i) => ({
    id: `artist-${i}`,
    name: random() < 0.3 ? `The ${words(1, 2)}` : words(1, 2),
  }));
  const albumsByArtist = new Map<number, CatalogueAlbum[]>();
  const albums: CatalogueAlbum[] = [];
  const albumFor = (artistIndex: number): CatalogueAlbum | null => {
    if (random() < 0.15) return null; // singles
    let list = albumsByArtist.get(artistIndex);
    if (!list) albumsByArtist.set(artistIndex, (list = []));
    // Roughly one album per 10 songs of the artist.
    if (!list.length || random() < 0.1) {
      const year = 1960 + Math.floor(random() * 66);
      const album: CatalogueAlbum = {
        id: `album-${albums.length}`,
        title: words(1, 3),
        artist: artists[artistIndex] as CatalogueArtist,
        releaseDate: random() < 0.9 ? `${year}-0${1 + Math.floor(random() * 9)}-15` : null,
      };
      list.push(album);
      albums.push(album);
      return album;
    }
    return pick(list);
  };

  const artistRank = zipfSampler(artistCount, 0.8, random);
  const genreRank = zipfSampler(GENRES.length, 0.8, random);
  const songs: CatalogueSong[] = [];
  for (let i = 0; i < songCount; i += 1) {
    const artistIndex = artistRank();
    const artist = artists[artistIndex] as CatalogueArtist;
    const album = albumFor(artistIndex);
    const createdAt = new Date(Date.UTC(2015, 0, 1) + Math.floor(random() * 11 * 365 * 86_400_000));
    const releaseYear = album?.releaseDate ? Number(album.releaseDate.slice(0, 4)) : null;
    songs.push({
      _id: `song-${i}`,
      version: 1,
      deleted: false,
      title: words(2, 5),
      artist: { id: artist.id, name: artist.name },
      album: album ? { id: album.id, title: album.title, releaseDate: album.releaseDate } : null,
      genre: GENRES[genreRank()] as string,
      tags: Array.from({ length: Math.floor(random() * 4) }, () => pick(TAGS)),
      year: releaseYear ?? createdAt.getUTCFullYear(),
      durationMs: 90_000 + Math.floor(random() * 300_000),
      status: 'READY',
      coverKey: null,
      uploaderId: `user-${Math.floor(random() * 1000)}`,
      createdAt,
      plays: Math.floor(random() ** 4 * 100_000),
      likes: Math.floor(random() ** 4 * 5_000),
      comments: 0,
    });
  }
  return { artists, albums, songs };
}

export type QueryKind = 'exact' | 'typo' | 'prefix' | 'filter';

export interface BenchQuery {
  kind: QueryKind;
  text: string;
  filter: { genre?: string; year?: number; artistId?: string };
  /** The words as typed, typo-free (for the regex baseline). */
  exactWords: string[];
}

/** One edit a reader would make: drop, double, swap or replace a letter (words of 4+ letters). */
function typo(word: string, random: () => number): string {
  const i = 1 + Math.floor(random() * (word.length - 2));
  switch (Math.floor(random() * 4)) {
    case 0:
      return word.slice(0, i) + word.slice(i + 1);
    case 1:
      return word.slice(0, i) + word[i] + word.slice(i);
    case 2:
      return word.slice(0, i - 1) + word[i] + word[i - 1] + word.slice(i + 1);
    default:
      return word.slice(0, i) + 'aeiou'[Math.floor(random() * 5)] + word.slice(i + 1);
  }
}

/**
 * Queries drawn from the catalogue itself (so most match): a quarter each of exact words (1–2 words
 * of a title or artist), one-typo words, two-word prefixes (the last word cut, as-you-type) and
 * exact words with a genre / year / artist filter.
 */
export function generateQueries(catalogue: Catalogue, count: number, seed = 7): BenchQuery[] {
  const random = prng(seed);
  const { songs } = catalogue;
  const song = (): SongDocument => songs[Math.floor(random() * songs.length)] as SongDocument;
  const titleWords = (s: SongDocument): string[] => s.title.toLowerCase().split(' ');
  const queries: BenchQuery[] = [];
  const kinds: QueryKind[] = ['exact', 'typo', 'prefix', 'filter'];
  for (let i = 0; i < count; i += 1) {
    const kind = kinds[i % kinds.length] as QueryKind;
    const s = song();
    const words = titleWords(s);
    const start = Math.floor(random() * (words.length - 1));
    const two = words.slice(start, start + 2);
    if (kind === 'exact') {
      const chosen = random() < 0.5 ? [two[0] as string] : two;
      queries.push({ kind, text: chosen.join(' '), filter: {}, exactWords: chosen });
    } else if (kind === 'typo') {
      const long = words.filter((w) => w.length >= 5);
      const word = long.length
        ? (long[Math.floor(random() * long.length)] as string)
        : (words[0] as string);
      queries.push({
        kind,
        text: word.length >= 5 ? typo(word, random) : word,
        filter: {},
        exactWords: [word],
      });
    } else if (kind === 'prefix') {
      const last = two[1] as string;
      // As typed, from 2 letters (a UI typically waits for two before it searches).
      const cut = last.slice(
        0,
        Math.min(last.length, 2 + Math.floor(random() * (last.length - 1))),
      );
      queries.push({
        kind,
        text: `${two[0]} ${cut}`,
        filter: {},
        exactWords: [two[0] as string, cut],
      });
    } else {
      const which = Math.floor(random() * 3);
      const filter =
        which === 0
          ? { genre: s.genre as string }
          : which === 1
            ? { year: s.year }
            : { artistId: s.artist.id };
      const word = two[0] as string;
      queries.push({ kind, text: word, filter, exactWords: [word] });
    }
  }
  return queries;
}
