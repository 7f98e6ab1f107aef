'use client';

import { useApolloClient } from '@apollo/client/react';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useEffect, useId, useRef, useState } from 'react';
import { Highlighted } from './Highlighted';
import { SUGGEST_OTHERS, SUGGEST_SONGS, titleSnippet } from './search.operations';
import { graphql } from '@/gql';
import type { SearchSuggestionsQuery } from '@/gql/graphql';
import { searchHref, EMPTY_SEARCH } from './search-state';
import {
  clampActiveIndex,
  debounce,
  moveActiveIndex,
  shouldApplyAnswer,
  suggestQuery,
} from './suggest';

interface Option {
  id: string;
  kind: 'song' | 'artist' | 'album';
  href: string;
  title: string;
  snippet: string | null;
  sub: string;
}

/** The header box's as-you-type suggestions: a few songs, artists and albums. */
const SEARCH_SUGGESTIONS_QUERY = graphql(`
  query SearchSuggestions($query: String!, $first: Int!, $others: Int!) {
    search(query: $query, first: $first) {
      songs {
        edges {
          highlights {
            field
            snippet
          }
          node {
            id
            title
            artist {
              id
              name
            }
          }
        }
      }
      artists(first: $others) {
        id
        name
      }
      albums(first: $others) {
        id
        title
        artist {
          id
          name
        }
      }
    }
  }
`);

function optionsFrom(s: SearchSuggestionsQuery['search']): Option[] {
  return [
    ...s.songs.edges.map(({ node, highlights }) => ({
      id: `song-${node.id}`,
      kind: 'song' as const,
      href: `/songs/${node.id}`,
      title: node.title,
      snippet: titleSnippet(highlights),
      sub: node.artist.name,
    })),
    ...s.artists.map((a) => ({
      id: `artist-${a.id}`,
      kind: 'artist' as const,
      href: `/artists/${a.id}`,
      title: a.name,
      snippet: null,
      sub: 'Artist',
    })),
    ...s.albums.map((a) => ({
      id: `album-${a.id}`,
      kind: 'album' as const,
      href: `/albums/${a.id}`,
      title: a.title,
      snippet: null,
      sub: `Album · ${a.artist.name}`,
    })),
  ];
}

const KIND_LABEL = { song: 'Song', artist: 'Artist', album: 'Album' } as const;

/**
 * The header's search box: an ARIA 1.2 combobox with a listbox of suggestions (songs, artists,
 * albums), asked 150 ms after the last keystroke; a newer keystroke aborts the request in flight and
 * late answers are dropped. ArrowUp/Down move, Enter opens the highlighted option (or the search page
 * without one), Escape closes (a second Escape clears).
 */
export function HeaderSearch() {
  const client = useApolloClient();
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const listboxId = useId();
  const [text, setText] = useState(() => (pathname === '/search' ? (params.get('q') ?? '') : ''));
  const [options, setOptions] = useState<Option[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [status, setStatus] = useState<'idle' | 'loading' | 'error'>('idle');
  const latest = useRef({ requestId: 0, text: '' });
  const abortRef = useRef<AbortController | null>(null);

  // Follow the URL on the search page (back/forward, facet links).
  const urlQ = pathname === '/search' ? (params.get('q') ?? '') : null;
  const [seenUrlQ, setSeenUrlQ] = useState(urlQ);
  if (urlQ !== seenUrlQ) {
    setSeenUrlQ(urlQ);
    if (urlQ !== null) setText(urlQ);
  }

  const askRef = useRef<((value: string, requestId: number) => void) & { cancel: () => void }>(
    null,
  );

  useEffect(() => {
    const ask = debounce((value: string, requestId: number) => {
      const query = suggestQuery(value);
      if (!query) return;
      abortRef.current?.abort();
      const controller = new AbortController();
      abortRef.current = controller;
      setStatus('loading');
      client
        .query({
          query: SEARCH_SUGGESTIONS_QUERY,
          variables: { query, first: SUGGEST_SONGS, others: SUGGEST_OTHERS },
          fetchPolicy: 'no-cache',
          context: { fetchOptions: { signal: controller.signal } },
        })
        .then(({ data }) => {
          if (!data || !shouldApplyAnswer({ requestId, query }, latest.current)) return;
          const next = optionsFrom(data.search);
          setOptions(next);
          setActive((i) => clampActiveIndex(i, next.length));
          setStatus('idle');
        })
        .catch(() => {
          if (controller.signal.aborted || latest.current.requestId !== requestId) return;
          setOptions([]);
          setStatus('error');
        });
    });
    askRef.current = ask;
    return () => {
      ask.cancel();
      abortRef.current?.abort();
    };
  }, [client]);

  function onChange(value: string) {
    setText(value);
    const requestId = latest.current.requestId + 1;
    latest.current = { requestId, text: value };
    setActive(-1);
    if (!suggestQuery(value)) {
      askRef.current?.cancel();
      abortRef.current?.abort();
      setOptions([]);
      setStatus('idle');
      setOpen(false);
      return;
    }
    setOpen(true);
    askRef.current?.(value, requestId);
  }

  function close() {
    setOpen(false);
    setActive(-1);
  }

  function go(href: string) {
    askRef.current?.cancel();
    abortRef.current?.abort();
    close();
    router.push(href);
  }

  function onKeyDown(event: React.KeyboardEvent<HTMLInputElement>) {
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp': {
        event.preventDefault();
        if (!open && options.length > 0) setOpen(true);
        setActive((i) => moveActiveIndex(i, event.key as 'ArrowDown' | 'ArrowUp', options.length));
        break;
      }
      case 'Enter': {
        event.preventDefault();
        const option = open ? options[active] : undefined;
        if (option) go(option.href);
        else if (text.trim()) go(searchHref({ ...EMPTY_SEARCH, q: text.trim() }));
        break;
      }
      case 'Escape':
        if (open) {
          event.preventDefault();
          close();
        } else if (text) {
          event.preventDefault();
          onChange('');
        }
        break;
    }
  }

  const expanded = open && (options.length > 0 || status !== 'idle' || Boolean(suggestQuery(text)));
  const activeOption = expanded ? options[active] : undefined;

  return (
    <form
      role="search"
      className="header-search"
      action="/search"
      onSubmit={(event) => {
        event.preventDefault();
        if (text.trim()) go(searchHref({ ...EMPTY_SEARCH, q: text.trim() }));
      }}
    >
      <svg
        className="header-search__icon"
        viewBox="0 0 24 24"
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
        aria-hidden="true"
      >
        <circle cx="11" cy="11" r="7" />
        <path d="m20 20-3.5-3.5" />
      </svg>
      <input
        type="search"
        name="q"
        className="header-search__input"
        placeholder="Search songs, artists, albums"
        aria-label="Search songs, artists and albums"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listboxId}
        aria-activedescendant={activeOption ? `${listboxId}-${activeOption.id}` : undefined}
        autoComplete="off"
        spellCheck={false}
        enterKeyHint="search"
        maxLength={200}
        value={text}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={onKeyDown}
        onFocus={() => {
          if (options.length > 0 && suggestQuery(text)) setOpen(true);
        }}
        onBlur={() => close()}
      />
      <div className="header-search__popup" hidden={!expanded}>
        <ul id={listboxId} role="listbox" aria-label="Suggestions" className="suggestions">
          {options.map((option, i) => (
            <li
              key={option.id}
              id={`${listboxId}-${option.id}`}
              role="option"
              aria-selected={i === active}
              className="suggestion"
              data-kind={option.kind}
              // mousedown, not click: the input's blur would close the list first.
              onMouseDown={(e) => {
                e.preventDefault();
                go(option.href);
              }}
              onMouseMove={() => setActive(i)}
            >
              <span className="suggestion__kind">{KIND_LABEL[option.kind]}</span>
              <span className="suggestion__main">
                <span className="suggestion__title">
                  <Highlighted snippet={option.snippet} fallback={option.title} />
                </span>
                <span className="suggestion__sub">{option.sub}</span>
              </span>
            </li>
          ))}
        </ul>
        {options.length === 0 ? (
          <p className="suggestions__note">
            {status === 'loading'
              ? 'Searching…'
              : status === 'error'
                ? 'Suggestions are unavailable right now. Press Enter to search.'
                : 'No suggestions. Press Enter to search.'}
          </p>
        ) : null}
      </div>
      <p role="status" className="visually-hidden">
        {expanded && status === 'idle'
          ? `${options.length} suggestion${options.length === 1 ? '' : 's'}`
          : ''}
      </p>
    </form>
  );
}

/** Server-rendered stand-in while the box hydrates (a plain GET form to /search). */
export function HeaderSearchFallback() {
  return (
    <form role="search" className="header-search" action="/search">
      <input
        type="search"
        name="q"
        className="header-search__input"
        placeholder="Search songs, artists, albums"
        aria-label="Search songs, artists and albums"
      />
    </form>
  );
}
